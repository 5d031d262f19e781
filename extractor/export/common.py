"""What every exporter shares: the documents of an OUTDIR, and the output writer."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, Iterator

from ..errors import InputError
from ..output import output_file, output_folder  # noqa: F401  (re-exported for the exporters)

Doc = dict[str, Any]


def iter_documents(outdir: str, progress: str | None = None) -> Iterator[tuple[str, Doc]]:
    """(key, document) for every ``<key>.json`` under OUTDIR, in sorted order; with
    ``progress`` (a label) a progress bar on standard error for a person watching.

    The key is the input's path relative to the batch inputs' common folder
    (the output path without ``.json``); with ``source.sha256`` it identifies
    a document.  Hidden files (temporary files of a running batch) are skipped.
    """
    if not os.path.isdir(outdir):
        raise InputError(outdir, "not a folder (give the OUTDIR of `thaiplan batch`)")
    if progress is None:
        yield from _documents(outdir)
        return
    from tqdm import tqdm

    total = sum(1 for _ in _json_files(outdir))
    with tqdm(total=total, desc=progress, unit="doc", file=sys.stderr, leave=False,
              disable=True if total < 2 else None) as bar:
        for item in _documents(outdir):
            yield item
            bar.update(1)


def _json_files(outdir: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(outdir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.endswith(".json"):
                yield os.path.join(dirpath, name)


def _documents(outdir: str) -> Iterator[tuple[str, Doc]]:
    for path in _json_files(outdir):
        try:
            with open(path, encoding="utf-8") as fh:
                doc = json.load(fh)
        except (OSError, ValueError) as err:
            raise InputError(path, f"cannot be read as a thaiplan document ({err})") from None
        problem = not_a_document(doc)
        if problem:
            raise InputError(path, f"is not a thaiplan document ({problem})")
        yield os.path.relpath(path, outdir)[: -len(".json")].replace(os.sep, "/"), doc


def not_a_document(doc: Any) -> str | None:
    """Why a JSON value is not a thaiplan output document (the first schema problem), or None."""
    from ..schema import problems

    if not isinstance(doc, dict):
        return f"a JSON {type(doc).__name__}, not an object"
    missing = [f"`{key}`" for key in ("schema_version", "projects") if key not in doc]
    if missing:
        return "no " + " and no ".join(missing)
    found = problems(doc)
    if not found:
        return None
    where, message = found[0]
    message = " ".join(message.split())
    if len(message) > 160:
        message = message[:157] + "…"
    return f"{where}: {message}"


def sha256(doc: Doc) -> str | None:
    return (doc.get("source") or {}).get("sha256")


