"""The document model every reader produces: blocks in reading order beside the source text.

A reader (``extractor/readers``) turns a file into a :class:`Layout`: the
:class:`~extractor.model.SourceText` that spans point into, and a list of
blocks in reading order:

* :class:`Para`: one paragraph (a line of the text rendering), with its exact
  offsets and the number of blank lines before it;
* :class:`Table`: rows of :class:`Cell` s placed on a column grid, with row and
  column spans; a cell holds its own paragraphs.

Every piece of text in a block is an exact slice ``source.text[start:end]``,
so whatever a later stage cuts from a block keeps an exact span.  Nothing in
this module knows any Thai wording: item numbers, tick boxes and labels are
recognised later with the vocabulary of ``rules/`` (``extractor/analysis``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union

from .model import SourceText
from .textutil import collapse_spaces


@dataclass(frozen=True)
class Piece:
    """A stretch of source text: ``text == source.text[start:end]``."""

    start: int
    end: int
    text: str

    @property
    def clean(self) -> str:
        """The text with runs of spaces collapsed and trimmed."""
        return collapse_spaces(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    def cut(self, start: int, end: int | None = None) -> Piece:
        """A piece cut by offsets relative to this piece's text."""
        end = len(self.text) if end is None else end
        return Piece(self.start + start, self.start + end, self.text[start:end])

    def trimmed(self) -> Piece:
        """Without surrounding whitespace (offsets adjusted).

        >>> Piece(10, 17, "  ab  ").trimmed()
        Piece(start=12, end=14, text='ab')
        """
        t = self.text
        left = len(t) - len(t.lstrip())
        right = len(t.rstrip())
        if right <= left:
            return Piece(self.start + left, self.start + left, "")
        return Piece(self.start + left, self.start + right, t[left:right])


@dataclass(frozen=True)
class Para(Piece):
    """A paragraph: one line of the rendering (never containing a newline)."""

    blank_before: int = 0  # blank lines between the previous block and this one


@dataclass
class Cell:
    """A table cell placed on the table's column grid."""

    row: int  # 0-based row of its top-left corner
    col: int  # 0-based grid column of its left edge
    paras: list[Para] = field(default_factory=list)
    row_span: int = 1
    col_span: int = 1

    @property
    def text(self) -> str:
        return " ".join(p.clean for p in self.paras if not p.blank)

    @property
    def blank(self) -> bool:
        return all(p.blank for p in self.paras)

    @property
    def start(self) -> int | None:
        return self.paras[0].start if self.paras else None

    def filled(self) -> list[Para]:
        """The cell's non-blank paragraphs."""
        return [p for p in self.paras if not p.blank]


@dataclass
class Table:
    """Rows of cells.  ``rows[r]`` holds only the cells whose top-left corner is in row r."""

    rows: list[list[Cell]]
    n_cols: int
    start: int
    end: int
    header_rows: int | None = None  # set by a reader whose format marks header rows

    def grid(self) -> list[list[Cell | None]]:
        """A full matrix: every slot points to the cell covering it (or None)."""
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in self.rows]
        for row in self.rows:
            for cell in row:
                for r in range(cell.row, min(cell.row + cell.row_span, len(self.rows))):
                    for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                        out[r][c] = cell
        return out

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row


Block = Union[Para, Table]


@dataclass
class Layout:
    """What a reader hands to the extraction stages."""

    source: SourceText
    blocks: list[Block] = field(default_factory=list)

    def paras(self) -> Iterator[Para]:
        """Every paragraph, in table cells too, in reading order."""
        for block in self.blocks:
            if isinstance(block, Table):
                for cell in block.cells():
                    yield from cell.paras
            else:
                yield block
