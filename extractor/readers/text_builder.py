"""Accumulate a reader's plain-text rendering together with its blocks and positions.

Readers call :meth:`TextBuilder.paragraph`, :meth:`TextBuilder.blank_line` and
:func:`emit_table`; the builder writes the rendering (the text spans point
into) and records the :mod:`~extractor.blocks` that describe it, so the blocks'
offsets are exact by construction.  Regions name the reader's places (a Word
paragraph, a PDF page's table cell) and pages record where each page starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..blocks import Block, Cell, Para, Table

#: Tables are written cell-per-line when at least this share of the document's
#: non-empty table cells hold several paragraphs, else row-per-line (TAB-joined).
MULTI_PARAGRAPH_SHARE = 0.05


def use_cell_per_line(cells: list[list[str]]) -> bool:
    """Pick the document's table convention from its cells' paragraphs.

    Row-per-line when cells hold single paragraphs, cell-per-line when cells
    hold lists and the like.  A share rather than "any cell" keeps a few
    mis-split PDF cells from flipping a whole document.

    >>> use_cell_per_line([["a"], ["b"], ["c", "d"]]), use_cell_per_line([["a"]] * 40 + [["b", "c"]])
    (True, False)
    """
    filled = [c for c in cells if any(p.strip() for p in c)]
    if not filled:
        return False
    multi = sum(1 for c in filled if len(c) > 1)
    return multi >= MULTI_PARAGRAPH_SHARE * len(filled)


class TextBuilder:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self._lines = 0
        self._blanks = 0
        self.regions: list[tuple[int, str]] = []
        self.page_starts: list[int] = []
        self.blocks: list[Block] = []

    @property
    def pos(self) -> int:
        return self._pos

    def add(self, s: str) -> None:
        if s:
            self._parts.append(s)
            self._pos += len(s)

    def line(self) -> None:
        """Start a new line (the first call starts the first line)."""
        if self._lines:
            self.add("\n")
        self._lines += 1

    def region(self, label: str) -> None:
        # Consecutive lines of one block share a region; a later region at the
        # same offset replaces an earlier, empty one.
        if self.regions and self.regions[-1][1] == label:
            return
        if self.regions and self.regions[-1][0] == self._pos:
            self.regions[-1] = (self._pos, label)
        else:
            self.regions.append((self._pos, label))

    def page(self) -> None:
        self.page_starts.append(self._pos)

    def blank_line(self) -> None:
        self.line()
        self._blanks += 1

    def text_para(self, text: str, label: str | None = None) -> Para:
        """Write ``text`` at the current position (already on its line) as a paragraph."""
        if label:
            self.region(label)
        start = self._pos
        self.add(text)
        para = Para(start, self._pos, text, self._blanks)
        self._blanks = 0
        return para

    def begin_paragraph(self) -> tuple[int, int]:
        """Start a paragraph written by several :meth:`add` calls (a PDF paragraph over a page break)."""
        self.line()
        return self._pos, len(self._parts)

    def end_paragraph(self, begun: tuple[int, int]) -> None:
        start, first_part = begun
        text = "".join(self._parts[first_part:])
        if text.strip():
            self.blocks.append(Para(start, self._pos, text, self._blanks))
            self._blanks = 0
        else:
            self._blanks += 1

    def paragraph(self, text: str, label: str | None = None) -> None:
        """A body paragraph on its own line (an empty one is a blank line)."""
        if not text.strip():
            self.blank_line()
            self.add(text)
            return
        self.line()
        self.blocks.append(self.text_para(text, label))

    def text(self) -> str:
        return "".join(self._parts)


Line = tuple[str, str]  # a paragraph of a cell: (text, region label)


@dataclass
class CellSpec:
    """A cell as a reader sees it: its paragraphs and its place on the grid."""

    lines: list[Line]
    col: int | None = None  # grid column; None: right after the previous cell
    col_span: int = 1
    row_span: int = 1


@dataclass
class _Row:
    cells: list[Cell] = field(default_factory=list)


def _spec(cell: CellSpec | list[Line]) -> CellSpec:
    return cell if isinstance(cell, CellSpec) else CellSpec(cell)


def emit_table(b: TextBuilder, rows: list[list[CellSpec | list[Line]]], cell_per_line: bool,
               header_rows: int | None = None) -> Table:
    """Write a table in the .txt conventions and record it as a :class:`Table` block.

    Row per line: the cells' text joined by TAB (a cell's paragraphs joined by
    a space).  Cell per line: each cell starts a line with a TAB, its further
    paragraphs on untabbed lines, and a blank line ends the row.
    """
    start = b.pos + (1 if b._lines else 0)
    out_rows: list[list[Cell]] = []
    n_cols = 0
    for r, row in enumerate(rows):
        cells: list[Cell] = []
        col = 0
        if not cell_per_line:
            b.line()
        for k, raw in enumerate(row):
            spec = _spec(raw)
            col = spec.col if spec.col is not None else col
            cell = Cell(r, col, [], spec.row_span, spec.col_span)
            if cell_per_line:
                for i, (text, label) in enumerate(spec.lines or [("", "")]):
                    b.line()
                    if i == 0:
                        b.add("\t")
                    if text.strip():
                        cell.paras.append(b.text_para(text, label))
                    else:
                        b.add(text)
                        b._blanks = 0
            else:
                if k:
                    b.add("\t")
                joined = " ".join(text for text, _ in spec.lines if text)
                if joined.strip():
                    cell.paras.append(b.text_para(joined, spec.lines[0][1]))
                else:
                    b.add(joined)
            cells.append(cell)
            col += spec.col_span
            n_cols = max(n_cols, col)
        if cell_per_line:
            b.line()
        b._blanks = 0
        out_rows.append(cells)
    table = Table(out_rows, n_cols, start, b.pos, header_rows)
    b.blocks.append(table)
    return table
