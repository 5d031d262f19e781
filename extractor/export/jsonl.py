"""JSONL: one document per line, with its key first (``doc_path``)."""

from __future__ import annotations

from ..jsonio import dumps
from .common import iter_documents, output_file


def write_jsonl(outdir: str, path: str) -> int:
    """Returns the number of documents written."""
    count = 0
    with output_file(path, newline="\n") as fh:
        for key, doc in iter_documents(outdir, progress="jsonl"):
            fh.write(dumps({"doc_path": key, **doc}, compact=True) + "\n")
            count += 1
    return count
