"""What every exporter shares: the documents of an OUTDIR and atomic output files."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from typing import Any, Iterator

from ..errors import InputError

Doc = dict[str, Any]

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def iter_documents(outdir: str) -> Iterator[tuple[str, Doc]]:
    """(key, document) for every ``<key>.json`` under OUTDIR, in sorted order.

    The key is the input's path relative to the batch inputs' common folder
    (the output path without ``.json``); with ``source.sha256`` it identifies
    a document.  Hidden files (temporary files of a running batch) are skipped.
    """
    if not os.path.isdir(outdir):
        raise InputError(outdir, "not a folder (give the OUTDIR of `thaiplan batch`)")
    for dirpath, dirnames, filenames in os.walk(outdir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(".json"):
                continue
            path = os.path.join(dirpath, name)
            try:
                with open(path, encoding="utf-8") as fh:
                    doc = json.load(fh)
            except (OSError, ValueError) as err:
                raise InputError(path, f"cannot be read as a thaiplan document ({err})") from None
            if not isinstance(doc, dict) or "projects" not in doc:
                raise InputError(path, "is not a thaiplan document (no `projects`)")
            yield os.path.relpath(path, outdir)[: -len(".json")].replace(os.sep, "/"), doc


def sha256(doc: Doc) -> str | None:
    return (doc.get("source") or {}).get("sha256")


@contextmanager
def atomic_file(path: str, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None
                ) -> Iterator[Any]:
    """Stream into a temporary file beside ``path``; rename it into place only on success."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        fh_ = os.fdopen(fd, mode) if "b" in mode else os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with fh_ as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; an export is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
