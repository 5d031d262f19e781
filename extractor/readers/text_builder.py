"""Accumulate a reader's plain-text rendering together with its positions.

Readers append strings and call :meth:`TextBuilder.region` / :meth:`TextBuilder.page`
*before* the text they name, so every region/page start is the exact offset of
its first character in the final text (what ``SourceText.span`` relies on).
"""

from __future__ import annotations

#: Tables are written cell-per-line when at least this share of the document's
#: non-empty table cells hold several paragraphs, else row-per-line (TAB-joined).
MULTI_PARAGRAPH_SHARE = 0.05


def use_cell_per_line(cells: list[list[str]]) -> bool:
    """Pick the document's table convention from its cells' paragraphs.

    The .txt corpus uses one convention per document: row-per-line when cells
    hold single paragraphs, cell-per-line when cells hold lists and the like.
    A share rather than "any cell" keeps a few mis-split PDF cells from
    flipping a whole document.

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
        self.regions: list[tuple[int, str]] = []
        self.page_starts: list[int] = []

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

    def text(self) -> str:
        return "".join(self._parts)


Cell = list[tuple[str, str]]  # a cell's paragraphs as (text, region label)


def emit_table(b: TextBuilder, rows: list[list[Cell]], cell_per_line: bool) -> None:
    """Write a table in the .txt conventions.

    Row per line: the cells' text joined by TAB (a cell's paragraphs joined by
    a space).  Cell per line: each cell starts a line with a TAB, its further
    paragraphs on untabbed lines, and a blank line ends the row.
    """
    for row in rows:
        if cell_per_line:
            for cell in row:
                for k, (text, label) in enumerate(cell or [("", "")]):
                    b.line()
                    b.region(label)
                    b.add("\t" + text if k == 0 else text)
            b.line()
        else:
            b.line()
            for c, cell in enumerate(row):
                if c:
                    b.add("\t")
                if cell:
                    b.region(cell[0][1])
                b.add(" ".join(text for text, _ in cell if text))
