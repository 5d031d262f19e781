"""Normalize stage: the source text as lines and table cells, with offsets.

Nothing is rewritten here: every Line and Cell keeps the offsets of its text
in the source, so any value cut from them has an exact span.  Cleaning of a
value's text happens only when the value is emitted (see ``clean.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .textutil import collapse_spaces

_HTML_TAG = regex.compile(r"</?[a-zA-Z][^>]{0,200}>")
_CONTINUED = regex.compile(r"^\(?ต่อ\)?$")  # "(ต่อ)": a table continued after a page break
_ROW_TABS = regex.compile(r"\S[ ]*\t[\t ]*\S|\S[ ]*\t[ ]*\t")


@dataclass(frozen=True)
class Piece:
    """A stretch of source text: [start, end) with its raw text."""

    start: int
    end: int
    text: str

    @property
    def clean(self) -> str:
        return collapse_spaces(_HTML_TAG.sub(" ", self.text))

    @property
    def blank(self) -> bool:
        return not self.clean


@dataclass(frozen=True)
class Line(Piece):
    no: int = 0  # 1-based line number

    @property
    def tabbed(self) -> bool:
        """A line that starts a table cell (cell-per-line tables)."""
        return self.text.startswith("\t")

    @property
    def has_tabs(self) -> bool:
        """A row of a row-per-line table: a TAB between two cells, or a cell
        followed by several (empty) cells."""
        return bool(_ROW_TABS.search(self.text))

    def cells(self) -> list[Piece]:
        """Tab-separated cells of a row-per-line table row (leading tab = empty first cell)."""
        out: list[Piece] = []
        pos = self.start
        for part in self.text.split("\t"):
            out.append(Piece(pos, pos + len(part), part))
            pos += len(part) + 1
        return out

    def trimmed(self) -> Piece:
        """The line without surrounding whitespace (offsets adjusted)."""
        return trim(self)


def trim(piece: Piece) -> Piece:
    text = piece.text
    left = len(text) - len(text.lstrip(" \t\r\u00a0\u200b"))
    right = len(text.rstrip(" \t\r\u00a0\u200b"))
    if right <= left:
        return Piece(piece.start + left, piece.start + left, "")
    return Piece(piece.start + left, piece.start + right, text[left:right])


def sub_piece(piece: Piece, start: int, end: int | None = None) -> Piece:
    """A piece cut from ``piece`` by offsets relative to its text."""
    end = len(piece.text) if end is None else end
    return Piece(piece.start + start, piece.start + end, piece.text[start:end])


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    no = 1
    for raw in text.split("\n"):
        body = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(pos, pos + len(body), body, no))
        pos += len(raw) + 1
        no += 1
    return lines


@dataclass
class Cell:
    """A table cell of a cell-per-line table: its first line starts with a tab,
    further paragraphs follow on untabbed lines (blank spacer lines included)."""

    lines: list[Line] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    def paragraphs(self) -> list[Piece]:
        """Non-blank paragraphs of the cell, trimmed (the first without its tab)."""
        return [trim(ln) for ln in self.lines if not ln.blank and not _CONTINUED.match(ln.clean)]

    @property
    def text(self) -> str:
        return " ".join(p.clean for p in self.paragraphs())

    @property
    def blank(self) -> bool:
        return all(ln.blank for ln in self.lines)


def cells_of_block(lines: list[Line]) -> list[Cell]:
    """Group lines of a cell-per-line table into cells (a tabbed line opens a cell)."""
    cells: list[Cell] = []
    for ln in lines:
        if ln.tabbed or not cells:
            cells.append(Cell([ln]))
        else:
            cells[-1].lines.append(ln)
    return cells
