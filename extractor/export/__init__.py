"""Exports of a batch OUTDIR: JSONL, CSV or Parquet tables, spaCy DocBin.

>>> from extractor.export import export
>>> export("out", "parquet", "dataset/")      # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from ..extras import DOCBIN, PARQUET, Extra, require

FORMATS = ("jsonl", "csv", "parquet", "docbin")

# Where `thaiplan batch --export FORMAT` writes, inside OUTDIR (no document output ends so).
DEFAULT_TARGETS = {"jsonl": "_export/documents.jsonl", "csv": "_export/csv", "parquet": "_export/parquet",
                   "docbin": "_export/documents.spacy"}

# The optional extra (pyproject.toml) a format needs; the core install writes the others.
NEEDS: dict[str, Extra] = {"parquet": PARQUET, "docbin": DOCBIN}


def check_installed(fmt: str) -> None:
    """Raise MissingExtra (one line: which extra to install) when FMT needs one that is missing."""
    if fmt in NEEDS:
        require(NEEDS[fmt])


def export(outdir: str, fmt: str, path: str, bom: bool = False) -> Any:
    """Run one export; returns what it wrote (a count, rows per table, or a DocbinReport).

    Raises InputError for an OUTDIR that is not thaiplan output or a missing extra
    (MissingExtra, before any work), and OutputError when PATH is refused or cannot
    be written; either way nothing is left at PATH.
    """
    check_installed(fmt)
    if fmt in ("jsonl", "docbin"):
        from ..output import kind_of
        kind_of(path)  # refuse a symlink, a directory … before any work
    if fmt == "jsonl":
        from .jsonl import write_jsonl
        return write_jsonl(outdir, path)
    if fmt in ("csv", "parquet"):
        from .tables import write_tables
        return write_tables(outdir, path, fmt, bom=bom)
    if fmt == "docbin":
        from .docbin import write_docbin
        return write_docbin(outdir, path)
    raise ValueError(f"unknown export format {fmt!r} (choose {', '.join(FORMATS)})")


def describe(fmt: str, path: str, result: Any) -> str:
    """The line the command line prints after an export."""
    head = f"thaiplan: export: {fmt}: {path}:"
    if isinstance(result, int):
        return f"{head} {result} documents"
    if isinstance(result, dict):
        return f"{head} " + ", ".join(f"{name} {count}" for name, count in result.items()) + " rows"
    text = (f"{head} {result.documents} documents, {result.spans} spans "
            f"({result.expanded} widened to token boundaries, {result.unaligned} outside the text, left out)")
    if result.without_text:
        text += (f"; {len(result.without_text)} documents left out, their source text is unavailable "
                 f"(run batch with --include-text)")
    return text
