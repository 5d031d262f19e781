"""What every exporter shares: the documents of an OUTDIR and atomic output files."""

from __future__ import annotations

import json
import os
from typing import Any, Iterator

from ..errors import InputError
from ..jsonio import atomic_file  # noqa: F401  (re-exported for the exporters)

Doc = dict[str, Any]



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


