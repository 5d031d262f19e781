"""Errors a user can act on: each names the file and what is wrong."""

from __future__ import annotations


class InputError(Exception):
    """The input cannot be read as a document (exit code 2 on the command line)."""

    def __init__(self, path: str | None, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)
