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
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import InputError
from ..readers import SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class InputFile:
    path: str  # absolute, symlinks kept (what the user pointed at)
    key: str  # relative to the common base, "/"-separated
    display: str  # as the user named it: the argument joined with the part found under it


def printable(text: str) -> str:
    """A file name that is not valid UTF-8 (surrogate-escaped) made safe to print or store."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _roots(inputs: Sequence[str]) -> list[tuple[str, str]]:
    """(argument, absolute path) pairs, checked, without any nested in a folder given too."""
    roots: list[tuple[str, str]] = []
    for arg in inputs:
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


def _walk(root: str, skip: str | None) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".") and (skip is None or os.path.realpath(os.path.join(dirpath, d)) != skip)
        )
        for name in sorted(filenames):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES:
                yield os.path.join(dirpath, name)


def iter_inputs(inputs: Sequence[str], outdir: str | None = None) -> Iterator[InputFile]:
    """Yield every input document, lazily (an archive of a million files stays cheap)."""
    roots = _roots(inputs)
    base = os.path.commonpath([a if os.path.isdir(a) else os.path.dirname(a) for _, a in roots])
    skip = os.path.realpath(outdir) if outdir else None
    for arg, abs_ in roots:
        found = _walk(abs_, skip) if os.path.isdir(abs_) else iter([abs_])
        for path in found:
            key = Path(os.path.relpath(path, base)).as_posix()
            display = arg if path == abs_ else os.path.join(arg, os.path.relpath(path, abs_))
            yield InputFile(path=path, key=key, display=display)


def count_inputs(inputs: Sequence[str], outdir: str | None = None) -> int:
    """How many documents ``iter_inputs`` will yield (for the progress bar's total)."""
    return sum(1 for _ in iter_inputs(inputs, outdir))
