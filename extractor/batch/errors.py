"""Errors that stop a whole batch run (as opposed to one document's failure).

Each carries a one-line message that names the file and the problem; the
command line prints it as ``thaiplan: error: <message>``.

* :class:`OutdirError` — OUTDIR cannot be used as given (another run holds it,
  or a bookkeeping file in it is a symbolic link or not a regular file); the
  run does not start (exit code 2).
* :class:`BatchError` — the run cannot go on because of its environment (the
  disk is full, OUTDIR is not writable, the manifest cannot be updated); the
  run stops cleanly, keeping what was recorded (exit code 3).
"""

from __future__ import annotations

import errno

# Write errors that are about the machine, not about one document: the run stops
# (every later write would fail the same way) and the document is not marked failed.
ENVIRONMENT_ERRNOS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied (the output folder is not writable)",
    errno.EPERM: "operation not permitted (the output folder is not writable)",
    errno.EIO: "input/output error (a failing disk or a lost network share)",
}


class OutdirError(Exception):
    """OUTDIR cannot be used: the run does not start."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class OutdirLocked(OutdirError):
    pass


class BatchError(Exception):
    """The run stopped (or could not start) because of its environment."""


def environment_problem(err: BaseException) -> str | None:
    """Why an OSError is the environment's fault (disk full, read-only…), or None."""
    if isinstance(err, OSError) and err.errno in ENVIRONMENT_ERRNOS:
        return ENVIRONMENT_ERRNOS[err.errno]
    return None


def clean(text: object) -> str:
    """Text made safe to store and print: lone surrogates become ``\\udXXX`` escapes."""
    return str(text).encode("utf-8", "backslashreplace").decode("utf-8")
