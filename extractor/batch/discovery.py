"""Find the documents to convert and name their outputs.

Every input gets a *key*: its path relative to the common folder of all the
inputs (a folder input counts as itself, a file as its parent), with ``/``
separators and never a ``..``.  The output is ``OUTDIR/<key>.json``, so the
output tree mirrors the input tree, and two inputs given on the command line
never collide unless they are the same file.

Folders are walked recursively in sorted order (deterministic runs), without
following symlinked folders (no cycles), skipping hidden entries (``.git``…)
and the output folder itself when it lies inside an input.  A file named
explicitly is always taken, whatever its extension; in folders only
``SUPPORTED_SUFFIXES`` are.

Some entries are *skipped with a reason* (``InputFile.skip``), reported by the
run but never converted: a symlinked folder; a symlinked file whose target lies
outside every input (an archive must not be able to pull in ``/etc/passwd``);
a broken symlink; anything that is not a regular file (a FIFO or a device
would block or never end); a folder that cannot be read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import InputError
from ..readers import SUPPORTED_SUFFIXES
from .manifest import file_kind


@dataclass(frozen=True)
class InputFile:
    path: str  # absolute; what the worker opens (a symlink inside the inputs: its resolved target)
    key: str  # relative to the common base, "/"-separated
    display: str  # as the user named it: the argument joined with the part found under it
    skip: str | None = None  # why it is not converted (not a regular file, a link leading out of the inputs…)


def printable(text: str) -> str:
    """A file name that is not valid UTF-8 (surrogate-escaped) made safe to print or store."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _roots(inputs: Sequence[str]) -> list[tuple[str, str]]:
    """(argument, absolute path) pairs, checked, without any nested in a folder given too."""
    roots: list[tuple[str, str]] = []
    from ..pipeline import path_problem

    for arg in inputs:
        problem = path_problem(arg)  # a blank name, a URL, a name the system cannot take
        if problem is not None:
            raise InputError(arg, problem)
        if not os.path.exists(arg):
            raise InputError(arg, "file or folder not found")
        roots.append((arg, os.path.abspath(arg)))
    dirs = [a for _, a in roots if os.path.isdir(a)]
    kept: list[tuple[str, str]] = []
    seen: set[str] = set()
    for arg, abs_ in roots:
        inside = any(abs_ != d and abs_.startswith(d.rstrip(os.sep) + os.sep) for d in dirs)
        if not inside and abs_ not in seen:
            seen.add(abs_)
            kept.append((arg, abs_))
    return kept


def common_base(inputs: Sequence[str]) -> str:
    folders = [a if os.path.isdir(a) else os.path.dirname(a) for _, a in _roots(inputs)]
    return os.path.commonpath(folders)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(os.path.join(folder, ""))


class _Inside:
    """Whether a resolved path lies within the inputs (under a folder input, or a file input itself),
    and not in the output folder."""

    def __init__(self, roots: list[tuple[str, str]], outdir: str | None) -> None:
        self.folders: list[str] = []
        self.files: set[str] = set()
        self.outdir = outdir
        for _, abs_ in roots:
            real = os.path.realpath(abs_)
            if os.path.isdir(real):
                self.folders.append(real)
            else:
                self.files.add(real)

    def __call__(self, real: str) -> bool:
        if self.outdir is not None and _under(real, self.outdir):
            return False
        return real in self.files or any(_under(real, d) for d in self.folders)


def check_file(path: str, inside: _Inside | None) -> tuple[str, str | None]:
    """(path for the worker to open, None) for a convertible file, else (path, why it is skipped).

    ``inside`` is None for a file named on the command line: the user asked for
    it, so a symlink is followed wherever it leads; a symlink found in a folder
    is followed only to a file within the inputs.
    """
    try:
        info = os.lstat(path)
    except OSError:
        return path, None  # vanished or unreadable: the run reports it as a failure, with the reason
    if stat.S_ISLNK(info.st_mode):
        real = os.path.realpath(path)
        if inside is not None and not inside(real):
            return path, "a symbolic link to a file outside the input folders (not followed)"
        try:
            info = os.stat(real)
        except OSError:
            return path, "a broken symbolic link"
        path = real  # the worker opens what was checked, not a link that could be changed meanwhile
    if not stat.S_ISREG(info.st_mode):
        return path, f"not a regular file ({file_kind(info.st_mode)})"
    return path, None


def _unreadable(errors: list[OSError], root: str) -> Iterator[tuple[str, str, str | None]]:
    while errors:
        err = errors.pop(0)
        path = os.fsdecode(err.filename) if err.filename else root
        yield path, path, f"cannot read this folder: {(err.strerror or str(err)).lower()}"


def _walk(root: str, skip: str | None, inside: _Inside) -> Iterator[tuple[str, str, str | None]]:
    """(path found, path to open, skip reason) for every candidate under ``root``."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        yield from _unreadable(errors, root)
        kept = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if d.startswith(".") or (skip is not None and os.path.realpath(full) == skip):
                continue
            if os.path.islink(full):
                yield full, full, "a symbolic link to a folder (not followed)"
            else:
                kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES:
                full = os.path.join(dirpath, name)
                yield (full, *check_file(full, inside))
    yield from _unreadable(errors, root)


def iter_inputs(inputs: Sequence[str], outdir: str | None = None) -> Iterator[InputFile]:
    """Yield every input, lazily (an archive of a million files stays cheap); see :class:`InputFile`."""
    roots = _roots(inputs)
    base = os.path.commonpath([a if os.path.isdir(a) else os.path.dirname(a) for _, a in roots])
    skip = os.path.realpath(outdir) if outdir else None
    inside = _Inside(roots, skip)
    for arg, abs_ in roots:
        if os.path.isdir(abs_):
            found = _walk(abs_, skip, inside)
        else:
            found = iter([(abs_, *check_file(abs_, None))])
        for path, opened, reason in found:
            key = Path(os.path.relpath(path, base)).as_posix()
            display = arg if path == abs_ else os.path.join(arg, os.path.relpath(path, abs_))
            yield InputFile(path=opened, key=key, display=display, skip=reason)


def count_inputs(inputs: Sequence[str], outdir: str | None = None) -> int:
    """How many documents ``iter_inputs`` will yield to convert (skipped entries not counted)."""
    return sum(1 for inp in iter_inputs(inputs, outdir) if inp.skip is None)
