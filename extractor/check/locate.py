"""Where a finding stands, said so that a person can find it in the original file.

The reader's own place names ("table 26, row 2, cell 2", "paragraph 1266") are
exact but Word shows no such numbers, so a location adds what a person sees:

* Word: for a table cell, the table number, the row and the column's header
  (the text of the same column in the table's first row); for a paragraph,
  the heading above it and the paragraph's first words.
* PDF (and scans): the page, then the reader's place on it.
* Text: the line.

Everything comes from the finished Document (its source text and the
reader's region labels), like every other part of ``check``.
"""

from __future__ import annotations

import bisect
import re

from ..model import Document, Span

#: Characters of a cell or paragraph quoted in a location.
QUOTE = 40
#: How far back (lines) the heading of a paragraph is looked for.
HEADING_LOOKBACK = 40
#: A heading line is at most this long.
HEADING_MAX = 80

#: Rows at the top of a table searched for a column's header (headers of two rows are common).
HEADER_ROWS = 2

_PAGE_PREFIX = re.compile(r"^page \d+(?:, )?")
_CELL = re.compile(r"^table (\d+), row (\d+), cell (\d+)")
_NUMBERED = re.compile(r"^\s*(?:[0-9\u0e50-\u0e59]+(?:\.[0-9\u0e50-\u0e59]+)*[.)]?|[\u0e01-\u0e2e][.)])\s+\S")


class Locator:
    """Locations in one document (its region index is built once)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.source.text
        regions = doc.source.regions
        self.region_starts = [r[0] for r in regions]
        self.first: dict[str, int] = {}
        for start, label in regions:
            self.first.setdefault(label, start)

    def __call__(self, span: Span | None) -> str:
        """A place in the original file a person can find (empty for no span)."""
        if span is None:
            return ""
        fmt = self.doc.source.format
        if fmt in ("pdf", "image"):
            if span.page:
                place = _PAGE_PREFIX.sub("", span.where or "")
                return f"page {span.page}" + (f", {place}" if place else "")
            return f"line {span.line}"
        if fmt in ("docx", "doc") and span.where:
            return self._word_place(span)
        if fmt in ("xlsx", "xls") and span.where:
            return span.where
        return f"line {span.line}"

    def _word_place(self, span: Span) -> str:
        cell = _CELL.match(span.where or "")
        if cell:
            table, row, column = cell.groups()
            header = next((h for h in (self._region_text(f"table {table}, row {r}, cell {column}")
                                       for r in range(1, min(int(row), HEADER_ROWS + 1))) if h), "")
            head = f", column \"{_quote(header)}\"" if header else ""
            return f"table {table}, row {row}{head}"
        line_text = self._line_text(span.start)
        heading = self._heading_above(span.start)
        under = f" under \"{_quote(heading)}\"" if heading and heading != line_text.strip() else ""
        return f"{span.where}{under}: \"{_quote(line_text)}\""

    def _line_text(self, offset: int) -> str:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return self.text[start:end if end >= 0 else len(self.text)].strip("\t ")

    def _region_text(self, label: str) -> str:
        """The text of the reader's region ``label`` (a table cell), or ''."""
        at = self.first.get(label)
        if at is None:
            return ""
        k = bisect.bisect_right(self.region_starts, at)
        end = self.region_starts[k] if k < len(self.region_starts) else len(self.text)
        return self.text[at:end].strip()

    def _heading_above(self, offset: int) -> str:
        """The nearest numbered short line above ``offset`` outside tables (a section heading)."""
        end = self.text.rfind("\n", 0, offset)
        for _ in range(HEADING_LOOKBACK):
            if end < 0:
                return ""
            start = self.text.rfind("\n", 0, end) + 1
            line = self.text[start:end]
            if line and not line.startswith("\t") and len(line) <= HEADING_MAX and _NUMBERED.match(line):
                return line.strip()
            end = start - 1
        return ""


def location(doc: Document, span: Span | None) -> str:
    """:class:`Locator` for one span (build a Locator for many)."""
    return Locator(doc)(span)


def _quote(text: str) -> str:
    s = " ".join(text.split())
    return s if len(s) <= QUOTE else s[:QUOTE - 1] + "…"
