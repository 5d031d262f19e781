"""Tables in the text: both layouts the converters produce, one model.

* row per line: cells separated by TAB on one line (short cells);
* cell per line: a cell starts with a TAB line, its further paragraphs follow
  on untabbed lines, rows are separated by blank lines.

A :class:`Table` is header roles (from ``rules/tables.toml``) plus rows of
cells, each cell a list of paragraphs (source pieces).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .lines import Cell, Line, Piece, cells_of_block, trim
from .ruleset import rules
from .textutil import compact


@dataclass
class TCell:
    paragraphs: list[Piece]

    @property
    def text(self) -> str:
        return " ".join(p.clean for p in self.paragraphs)

    @property
    def blank(self) -> bool:
        return not any(p.clean for p in self.paragraphs)

    @property
    def start(self) -> int | None:
        return self.paragraphs[0].start if self.paragraphs else None


@dataclass
class Row:
    cells: list[TCell]
    line: int  # first line number

    def text(self, i: int) -> str:
        return self.cells[i].text if 0 <= i < len(self.cells) else ""


@dataclass
class Table:
    roles: dict[int, str] = field(default_factory=dict)  # column index → role
    rows: list[Row] = field(default_factory=list)

    def column(self, role: str) -> int | None:
        for i, r in sorted(self.roles.items()):
            if r == role:
                return i
        return None


@lru_cache(maxsize=1)
def _column_rules() -> list[tuple[str, list[str], bool]]:
    return [(c["role"], [compact(x) for x in c["labels"]], c.get("exact", False))
            for c in rules()["tables"]["column"]]


def role_of_header(text: str) -> str | None:
    """The role a header cell names ("ค่าเป้าหมาย" → target), prefix match first."""
    t = compact(regex.sub(r"\([^)]*\)", "", text))
    if not t or regex.match(r"^[-–•●✓0-9๐-๙]", t):  # a bullet or number: data, not a label
        return None
    for role, labels, exact in _column_rules():
        for label in labels:
            if t == label or (not exact and t.startswith(label)):
                return role
    for role, labels, exact in _column_rules():
        if exact:
            continue
        for label in labels:
            if len(label) >= 6 and label in t and len(t) <= 45:
                return role
    return None


def header_roles(rows: list[list[str]]) -> dict[int, str]:
    """Roles per column from one or more header rows; a lower row's label refines an upper one."""
    roles: dict[int, str] = {}
    for cells in rows:
        for i, text in enumerate(cells):
            role = role_of_header(text)
            if role:
                roles[i] = role
    return roles


_DATA_CELL = regex.compile(r"^\W*(?:[0-9๐-๙.]+\s*)?โครงการ\s*[\p{Thai}A-Za-z“\"].{8,}")


def is_header_row(cells: list[str]) -> bool:
    """Most non-empty cells are column labels (and none is a project's name)."""
    filled = [c for c in cells if c.strip()]
    if not filled or any(_DATA_CELL.match(c) for c in filled):
        return False
    named = sum(1 for c in filled if role_of_header(c) and len(compact(c)) <= 40)
    return named >= max(1, (len(filled) + 1) // 2) and named >= 1


def row_table(lines: list[Line]) -> Table:
    """A row-per-line table from consecutive tabbed lines (header rows recognised)."""
    table = Table()
    header_rows: list[list[str]] = []
    for ln in lines:
        cells = [trim(c) for c in ln.cells()]
        texts = [c.clean for c in cells]
        if is_header_row(texts):
            if not table.rows:
                header_rows.append(texts)
            continue  # later: a header repeated after a page break
        if not table.rows and header_rows and all(len(compact(t)) <= 14 and
                                                   not regex.search(r"[0-9๐-๙]", t) for t in texts):
            header_rows.append(texts)  # a sub-header row of short labels
            continue
        if header_rows and not table.roles:
            table.roles = header_roles(header_rows)
        table.rows.append(Row([TCell([c] if c.text else []) for c in cells], ln.no))
    if header_rows and not table.roles:
        table.roles = header_roles(header_rows)
    return table


def header_run_count(runs: list[list[str]]) -> int:
    """How many leading runs of cells are header rows (labels, then short sub-labels)."""
    n = 0
    for texts in runs:
        if is_header_row(texts):
            n += 1
            continue
        if n and all(len(compact(t)) <= 14 and not regex.search(r"[0-9๐-๙]", t) for t in texts):
            n += 1
            continue
        break
    return n


def cell_runs(lines: list[Line]) -> list[list[Cell]]:
    """Cells of a cell-per-line block grouped into runs separated by blank lines."""
    runs: list[list[Cell]] = []
    prev_blank = True
    for cell in cells_of_block(lines):
        if prev_blank or not runs:
            runs.append([cell])
        else:
            runs[-1].append(cell)
        last = cell.lines[-1]
        prev_blank = last.blank and not last.tabbed  # an empty cell ("\t") is a cell, not a row break
    return runs


def cell_table(lines: list[Line]) -> Table:
    """A cell-per-line table: header runs, then rows of ``width`` cells (a row may
    span blank lines inside its cells; a new row starts at a run boundary once
    the current row is full)."""
    runs = cell_runs(lines)
    texts = [[c.text for c in run] for run in runs]
    n_header = header_run_count(texts)
    table = Table(roles=header_roles(texts[:n_header]))
    width = max((len(t) for t in texts[:n_header]), default=0)
    row: list[Cell] = []
    for run in runs[n_header:]:
        if row and (not width or len(row) >= width):
            table.rows.append(_row(row))
            row = []
        row.extend(run)
    if row:
        table.rows.append(_row(row))
    return table


def _row(cells: list[Cell]) -> Row:
    return Row([TCell(c.paragraphs()) for c in cells], cells[0].lines[0].no)
