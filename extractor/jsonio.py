"""Deterministic JSON output; file writes go through :mod:`extractor.output`."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from typing import Any, Iterator

from .output import output_file, write_text


class NotJSONError(ValueError):
    """A value that JSON cannot carry (NaN, an infinity, an integer too long to print):
    the output is refused rather than written as invalid JSON."""


def dumps(data: Any, compact: bool = False) -> str:
    """UTF-8 friendly (Thai stays readable), key order as built, stable across runs.
    Never writes NaN or Infinity (not JSON): raises :class:`NotJSONError` instead."""
    try:
        if compact:
            return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    except ValueError as exc:  # allow_nan=False, or an int past sys.get_int_max_str_digits()
        raise NotJSONError(f"cannot write the output as JSON: {exc}") from None


@contextmanager
def atomic_file(path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = None) -> Iterator[Any]:
    """Stream into a file written by :func:`extractor.output.output_file` (a regular file is
    written to a temporary name and renamed into place only on success; ``-`` is not
    standard output here)."""
    with output_file(path, mode, encoding, newline, stdout=False) as fh:
        yield fh


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write a whole text file (UTF-8, LF newlines), as :func:`atomic_file`."""
    write_text(path, text, stdout=False)
