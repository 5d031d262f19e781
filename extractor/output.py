"""Writing the files a user names (``-o``): one writer for every command.

What is at the path decides how it is written (see "Output files" in
docs/formats.md):

* nothing, or a regular file: a temporary file beside it, renamed over it only
  when complete, so a failure or Ctrl-C never leaves a half-written file (a
  file that was there keeps its permissions; missing parent folders are
  created, and removed again if the write fails);
* a character device (``/dev/null``, a terminal) or a FIFO: written in place,
  never replaced;
* ``-``: standard output (where the command allows it);
* a symbolic link, a directory, a block device, a socket: refused, nothing is
  written (:class:`~extractor.errors.OutputError` with ``refused``: exit 2).

Any failure to write (read-only or full file system, no permission …) is an
:class:`~extractor.errors.OutputError` naming the path (exit 3).
"""

from __future__ import annotations

import io
import os
import stat
import sys
import tempfile
from contextlib import contextmanager
from typing import IO, Any, Iterator

from .errors import OutputError

STDOUT = "-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()

_REFUSED = {stat.S_IFBLK: "is a block device", stat.S_IFSOCK: "is a socket"}
_WRITABLE = "thaiplan writes to regular files, character devices such as /dev/null, FIFOs and - (standard output)"


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:  # e.g. a parent that is a file, or no permission to look
        raise OutputError.from_os_error(path, exc) from None


def refuse_link(path: str, st: os.stat_result | None) -> None:
    if st is not None and stat.S_ISLNK(st.st_mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        raise OutputError(path, f"is a symbolic link (to {target}): not followed, nothing written; "
                                "give the path it points to, or remove the link", refused=True)


def kind_of(path: str) -> str:
    """How ``path`` would be written: "new", "file", "device" (character device or FIFO) or
    "stdout"; raises a refusing OutputError for anything else."""
    if path == STDOUT:
        return "stdout"
    if not path or not path.strip():
        raise OutputError(path, "no output file name given", refused=True)
    st = _lstat(path)
    if st is None:
        if path.endswith(("/", os.sep)):
            raise OutputError(path, "ends with a slash, as a folder does: give a file name", refused=True)
        return "new"
    refuse_link(path, st)
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return "device"
    if stat.S_ISDIR(mode):
        raise OutputError(path, "is a directory: give a file name", refused=True)
    raise OutputError(path, f"{_REFUSED.get(stat.S_IFMT(mode), 'is not a regular file')}: not written "
                            f"({_WRITABLE})", refused=True)


@contextmanager
def output_file(path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = None, *, stdout: bool = True) -> Iterator[Any]:
    """A file object for the output ``path``, written as the module docstring says.

    ``mode`` is ``"w"`` (text: ``encoding`` and ``newline`` apply) or ``"wb"``.
    ``stdout``: whether ``-`` means standard output (else it is refused).
    Errors while writing come out as :class:`OutputError` naming ``path``.
    """
    target = os.fspath(path)
    kind = kind_of(target)
    if kind == "stdout" and not stdout:
        raise OutputError(target, "standard output is not possible here: give a file name", refused=True)
    writer = {"stdout": _stdout, "device": _device}.get(kind, _atomic)
    with writer(target, mode, encoding, newline) as fh:
        yield _Guarded(fh, "<stdout>" if kind == "stdout" else target)


class _Guarded:
    """A file object whose write failures are :class:`OutputError` naming the output
    (so an ``OSError`` from elsewhere in the writing code is never blamed on the output)."""

    def __init__(self, fh: IO[Any], path: str) -> None:
        self._fh, self._path = fh, path

    def _guard(self, method: str, *args: Any) -> Any:
        try:
            return getattr(self._fh, method)(*args)
        except OutputError:
            raise
        except OSError as exc:
            raise OutputError.from_os_error(self._path, exc) from None

    def write(self, data: Any) -> int:
        return self._guard("write", data)

    def writelines(self, lines: Any) -> None:
        self._guard("writelines", lines)

    def flush(self) -> None:
        self._guard("flush")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


@contextmanager
def _write_errors(path: str) -> Iterator[None]:
    """OSErrors of opening, flushing and renaming as OutputError naming ``path``."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError.from_os_error(path, exc) from None


@contextmanager
def _stdout(path: str, mode: str, encoding: str | None, newline: str | None) -> Iterator[IO[Any]]:
    buffer = sys.stdout.buffer
    with _write_errors("<stdout>"):
        sys.stdout.flush()
    if "b" in mode:
        yield buffer
        with _write_errors("<stdout>"):
            buffer.flush()
        return
    fh = io.TextIOWrapper(buffer, encoding=encoding, newline=newline)
    try:
        yield fh
        with _write_errors("<stdout>"):
            fh.flush()
    finally:
        fh.detach()  # standard output stays open


# Flags a platform lacks are 0: Windows has no O_NOFOLLOW (kind_of has refused a link already) nor
# O_NOCTTY, and needs O_BINARY, without which its C runtime writes every LF as CRLF.
_DEVICE_FLAGS = (os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0)
                 | getattr(os, "O_BINARY", 0))


@contextmanager
def _device(path: str, mode: str, encoding: str | None, newline: str | None) -> Iterator[IO[Any]]:
    """Write straight into a character device or FIFO (opening a FIFO waits for a reader)."""
    with _write_errors(path):
        fd = os.open(path, _DEVICE_FLAGS)
        if not stat.S_ISCHR(os.fstat(fd).st_mode) and not stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.close(fd)  # replaced since we looked
            raise OutputError(path, "changed while being opened: not written", refused=True)
        fh = os.fdopen(fd, mode) if "b" in mode else os.fdopen(fd, mode, encoding=encoding, newline=newline)
    with _closing(fh, path):
        yield fh


@contextmanager
def _closing(fh: IO[Any], path: str, sync: bool = False) -> Iterator[None]:
    """Close ``fh`` after the block; a failure to flush or close is an OutputError, unless
    the block failed already (its error is the one to report)."""
    try:
        yield
    except BaseException:
        try:
            fh.close()
        except OSError:
            pass
        raise
    with _write_errors(path):
        fh.flush()
        if sync:
            os.fsync(fh.fileno())
        fh.close()


def _make_parents(folder: str) -> list[str]:
    """Create the missing folders of ``folder``; returns them, innermost first."""
    made: list[str] = []
    current = os.path.abspath(folder)
    while not os.path.lexists(current):
        made.append(current)
        current = os.path.dirname(current)
    try:
        for d in reversed(made):
            os.mkdir(d)
    except OSError:
        remove_folders(made)
        raise
    return made


def remove_folders(folders: list[str]) -> None:
    """Remove folders this run created (innermost first), as far as they are empty."""
    for d in folders:
        try:
            os.rmdir(d)
        except OSError:
            break


@contextmanager
def _atomic(path: str, mode: str, encoding: str | None, newline: str | None) -> Iterator[IO[Any]]:
    """A temporary file beside ``path``, renamed over it only when the block succeeds."""
    parent = os.path.dirname(path) or "."
    made: list[str] = []
    tmp: str | None = None
    try:
        with _write_errors(path):
            made = _make_parents(parent)
            fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=parent)
            fh = os.fdopen(fd, mode) if "b" in mode else os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with _closing(fh, path, sync=True):
            yield fh
        with _write_errors(path):
            old = _lstat(path)
            if old is not None and not stat.S_ISREG(old.st_mode):  # appeared since we looked
                refuse_link(path, old)
                raise OutputError(path, "is no longer a regular file: not replaced", refused=True)
            # mkstemp makes 0600: a new output gets the usual 0666 less umask, a replaced file keeps its mode
            os.chmod(tmp, stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_UMASK)
            os.replace(tmp, path)
            tmp = None
    except BaseException:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        remove_folders(made)
        raise


def write_text(path: str | os.PathLike[str], text: str, *, stdout: bool = True) -> None:
    """Write a whole text file (UTF-8, LF newlines) with :func:`output_file`."""
    with output_file(path, newline="\n", stdout=stdout) as fh:
        fh.write(text)


@contextmanager
def output_folder(path: str | os.PathLike[str]) -> Iterator[str]:
    """A folder to write output files into (with :func:`output_file`): created if
    missing, and removed again (if still empty) when the block fails."""
    folder = os.fspath(path)
    if folder == STDOUT:
        raise OutputError(folder, "this export writes one file per table: give a folder, "
                                  "not - (standard output)", refused=True)
    if not folder or not folder.strip():
        raise OutputError(folder, "no output folder name given", refused=True)
    bare = folder.rstrip("/" + os.sep) or folder  # "tables/" of a link to a folder is the link too
    st = _lstat(bare)
    refuse_link(bare, st)
    if st is not None and not stat.S_ISDIR(st.st_mode):
        raise OutputError(folder, "exists and is not a folder (this export writes one file per table "
                                  "into a folder)", refused=True)
    with _write_errors(folder):
        made = _make_parents(folder)
    try:
        yield folder
    except BaseException:
        remove_folders(made)
        raise
