"""Errors a user can act on: each names the file and what is wrong, on one line.

Exit codes on the command line: :class:`InputError` 2 (bad input or
arguments); :class:`OutputError` 3 (the output could not be written: a
read-only or full file system, no permission …), or 2 when the ``-o`` path
itself is refused (a symbolic link, a directory, a block device …).
"""

from __future__ import annotations

import errno as errno_
import os

EXIT_BAD_INPUT = 2
EXIT_OUTPUT = 3


def shown(path: str | os.PathLike[str] | None) -> str:
    """A path as it goes into a one-line message: quoted (``'plan\\nx.txt'``) when it is
    blank, has spaces at an end, or holds a newline or another control character."""
    text = os.fspath(path) if path is not None else ""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "backslashreplace")
    if len(text) > _LONGEST:
        return repr(text[:_LONGEST // 2]) + f"… ({len(text)} characters)"
    if not text.strip() or text != text.strip() or any(not c.isprintable() and c != " " for c in text):
        return repr(text)
    return text


_LONGEST = 400


class InputError(Exception):
    """The input cannot be read as a document (exit code 2 on the command line)."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, path: str | None, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{shown(path)}: {problem}" if path is not None else problem)


# What the user can do about the usual reasons a write fails.
_HINTS = {
    errno_.ENOSPC: "the file system is full",
    errno_.EDQUOT: "the disk quota is used up",
    errno_.EROFS: "the file system is read-only",
    errno_.EACCES: "no permission to write there",
    errno_.EPERM: "no permission to write there",
    errno_.EIO: "a failing disk or a lost network share",
}


class OutputError(OSError):
    """An output cannot be written, or its path is refused (``refused``).  An ``OSError``
    with the ``errno`` and ``strerror`` of the failure, so code that handles write
    failures as ``OSError`` keeps working; ``str()`` is the one-line message."""

    def __init__(self, path: str | os.PathLike[str], problem: str, *, refused: bool = False,
                 errno: int | None = None, strerror: str | None = None):
        super().__init__(errno or 0, strerror or problem)
        self.path = os.fspath(path)
        self.problem = problem
        self.refused = refused

    @property
    def exit_code(self) -> int:
        return EXIT_BAD_INPUT if self.refused else EXIT_OUTPUT

    @classmethod
    def from_os_error(cls, path: str | os.PathLike[str], exc: OSError) -> OutputError:
        reason = exc.strerror or str(exc)
        hint = _HINTS.get(exc.errno or 0)
        return cls(path, f"cannot write: {reason}" + (f" ({hint})" if hint and hint.lower() != reason.lower() else ""),
                   errno=exc.errno, strerror=reason)

    def __str__(self) -> str:
        return f"{shown(self.path)}: {self.problem}"
