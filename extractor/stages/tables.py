"""Table analysis: header rows and what each column holds, from the header words of ``rules/columns.toml``.

A table may hold several header blocks (a header repeated after a page break,
a year row above a row of amounts); each starts a *segment* whose columns
apply to the rows below it.  Rows before the first header block are layout
rows (label | value pairs, paragraphs in cells).

A header row is a row whose non-empty cells are mostly column labels (or
short label-like texts under a label row: "(บาท)", "ปี 2566", "แผน").  A
column's role is the role of its top-most header cell that names one; a
lower cell refines it when the upper cell spans several columns
("งบประมาณและที่มา" over "2556 | 2557 | 2558").  A Buddhist-era year in a
column's header makes it a per-year column.

>>> from extractor.ruleset import default_rules
>>> r = default_rules()
>>> role_of_header("ค่าเป้าหมาย", r), role_of_header("เป้าหมาย (ผลผลิตของโครงการ)", r)
('target_value', 'targets')
>>> role_of_header("ผลผลิต/กิจกรรมหลัก/โครงการ", r), role_of_header("1. โครงการพัฒนาครู", r)
('name', None)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..blocks import Cell, Table
from ..ruleset import RuleSet
from ..textutil import thai_to_arabic
from ..vocab import fold

_PARENS = regex.compile(r"\([^()]*\)|[()]")
_DATA_START = regex.compile(r"^\s*(?:[-–•●✓*]|[0-9๐-๙]+[.)]\s*\S|[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})+)")
_YEAR = regex.compile(r"(?<![0-9๐-๙])(2[45][0-9๐-๙]{2}|๒[๔๕][๐-๙]{2})(?![0-9๐-๙])")
_AMOUNT = regex.compile(r"[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})+|[0-9๐-๙]{4,}")


@dataclass(frozen=True)
class Column:
    role: str | None
    year: int | None = None  # Buddhist-era year of a per-year column
    header: str = ""


@dataclass
class Segment:
    """Header rows ``header`` (row indexes) and the data rows ``rows`` they head."""

    header: list[int]
    columns: list[Column]
    rows: list[int] = field(default_factory=list)

    def cols(self, role: str) -> list[int]:
        return [c for c, col in enumerate(self.columns) if col.role == role]

    def col(self, role: str) -> int | None:
        found = self.cols(role)
        return found[0] if found else None

    @property
    def roles(self) -> set[str]:
        return {c.role for c in self.columns if c.role}

    @property
    def is_grid(self) -> bool:
        """Enough named columns to read rows as records."""
        roles = self.roles
        years = sum(1 for c in self.columns if c.year)
        return len(roles) >= 2 or (bool(roles) and years > 0) or years >= 2


@dataclass
class TableView:
    table: Table
    grid: list[list[Cell | None]]
    layout_rows: list[int]  # rows before any header block
    segments: list[Segment]

    def cell(self, r: int, c: int) -> Cell | None:
        if 0 <= r < len(self.grid) and 0 <= c < len(self.grid[r]):
            return self.grid[r][c]
        return None

    def own(self, r: int, c: int) -> Cell | None:
        """The cell at (r, c) only if it starts in row r (not spanned from above)."""
        cell = self.cell(r, c)
        return cell if cell is not None and cell.row == r else None

    def text(self, r: int, c: int) -> str:
        cell = self.own(r, c)
        return cell.text if cell is not None else ""


@lru_cache(maxsize=4)
def _column_passes(rules: RuleSet) -> tuple[tuple[tuple[str, str, bool], ...], ...]:
    exact = tuple((label, c.role, True) for c in rules.columns for label in c.labels)
    prefix = tuple((label, c.role, False) for c in rules.columns if not c.exact for label in c.labels)
    return exact, prefix


@lru_cache(maxsize=65536)
def role_of_header(text: str, rules: RuleSet) -> str | None:
    """The role a header cell names: an exact label of any role first, then a prefix."""
    if _DATA_START.match(text):
        return None
    key = fold(_PARENS.sub("", text))
    if not key:
        return None
    exact, prefix = _column_passes(rules)
    for label, role, _ in exact:
        if key == label:
            return role
    for label, role, _ in prefix:
        if key.startswith(label):
            return role
    for label, role, _ in prefix:  # "กบส. เบิกจ่าย": a label after an abbreviation
        if len(label) >= 6 and key.endswith(label) and len(key) - len(label) <= 8:
            return role
    return None


def year_of_header(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(thai_to_arabic(m.group(1))) if m else None


def _label_like(text: str, rules: RuleSet) -> bool:
    """A short header text that names no role: "(บาท)", "ปี 2566", "แผน", "ไตรมาสที่ 1"
    (not a bare number or a percentage: those are data)."""
    t = text.strip()
    if not t or len(fold(t)) > 24 or _DATA_START.match(t) or (t.isdigit() and not year_of_header(t)):
        return False
    if regex.search(r"[0-9๐-๙]", t) and any(w in fold(t) for w, _ in rules.words_of("values", "percent_words")):
        return False
    return not _AMOUNT.search(_YEAR.sub("", t)) or bool(year_of_header(t))


def _row_cells(view_grid: list[list[Cell | None]], r: int) -> list[Cell]:
    """The distinct cells that start on row r (a cell spanning columns fills several slots).
    Cells are compared only with the cells at their own place: linear in the row's width."""
    seen: list[Cell] = []
    at: dict[tuple[int, int], list[Cell]] = {}
    for cell in view_grid[r]:
        if cell is not None and cell.row == r and not cell.blank:
            same_place = at.setdefault((cell.row, cell.col), [])
            if cell not in same_place:
                same_place.append(cell)
                seen.append(cell)
    return seen


def _header_kind(cells: list[Cell], rules: RuleSet, n_cols: int) -> bool:
    """Is a row made of these cells the first header row of a block?  It must name
    roles: enough of its cells, the others short labels (or three named); or be a
    row of years ("ปี 2566 | ปี 2567 | …")."""
    if not cells:
        return False
    named = sum(1 for c in cells if role_of_header(c.text, rules) and len(fold(c.text)) <= 40)
    label_like = sum(1 for c in cells if _label_like(c.text, rules) or role_of_header(c.text, rules))
    years = sum(1 for c in cells if year_of_header(c.text) and _label_like(c.text, rules))
    if years >= 2 and years == len(cells):
        return True
    data = any(_DATA_START.match(c.text) or _AMOUNT.search(_YEAR.sub("", c.text)) for c in cells)
    return not data and named >= min(2, n_cols) and named >= rules.tune("header_share") * len(cells) and \
        (label_like == len(cells) or named >= 3)


def _sub_header(grid: list[list[Cell | None]], header: list[int], r: int, rules: RuleSet) -> bool:
    """Does row r continue the header rows above it?  Its cells are short labels, and
    some refine the header: they stand under a header cell that spans columns (or under
    an empty header slot, where a plain-text rendering lost the span): "ไตรมาสที่ ๑ | …"
    under "แผนการใช้จ่าย…", "2556 | 2557" under "งบประมาณ"; or they are wrapped lines of a
    header's parenthesis ("(บาท)", "โครงการ)"); or the row holds years only ("ปี 2566").
    Short texts under columns that one header cell names alone are data, even with a
    year: "อบรมครูแกนนำ | ตุลาคม 2566 | กลุ่มนิเทศ" under "กิจกรรม | ระยะเวลา | ผู้รับผิดชอบ",
    a kind row "ตัวชี้วัดเชิงปริมาณ" under "ตัวชี้วัด"."""
    cells = _row_cells(grid, r)
    if not cells or not all(_label_like(c.text, rules) or (role_of_header(c.text, rules) and len(fold(c.text)) <= 24)
                            for c in cells):
        return False
    if all(year_of_header(c.text) for c in cells) or any(_wrapped_parenthesis(c.text) for c in cells):
        return True
    spanned = _spanned(grid, header + [r], len(grid[r]))
    for c in cells:
        for col in range(c.col, c.col + c.col_span):
            over = next((spanned[(h, col)] for h in reversed(header) if (h, col) in spanned), None)
            if over is None or over[1] > 1:
                return True
    return False


def _wrapped_parenthesis(text: str) -> bool:
    """A line of a header's parenthesis printed as a row of its own: "(บาท)", "(ผลผลิตของ", "โครงการ)"."""
    t = text.strip()
    return t.startswith("(") or t.count("(") != t.count(")")


def _spanned(grid: list[list[Cell | None]], header: list[int], n_cols: int) -> dict[tuple[int, int], tuple[Cell, int]]:
    """Header slots covered by a header cell and that cell's width.  Formats that lost
    the spans (plain text) leave the slots right of a spanning cell empty while a
    lower header row names them: those slots belong to the cell on their left."""
    out: dict[tuple[int, int], tuple[Cell, int]] = {}
    for k, r in enumerate(header):
        lower = header[k + 1:]
        c = 0
        while c < n_cols:
            cell = grid[r][c]
            if cell is None or cell.blank:
                c += 1
                continue
            width = cell.col_span
            while c + width < n_cols and (grid[r][c + width] is None or grid[r][c + width].blank) and \
                    any(grid[x][c + width] is not None and not grid[x][c + width].blank for x in lower):
                width += 1
            for cc in range(c, c + width):
                out[(r, cc)] = (cell, width)
            c += width
    return out


def _columns(grid: list[list[Cell | None]], header: list[int], n_cols: int, rules: RuleSet) -> list[Column]:
    cols = []
    spanned = _spanned(grid, header, n_cols)
    for c in range(n_cols):
        role = None
        role_span = 0
        year = None
        texts = []
        for r in header:
            if (r, c) not in spanned:
                continue
            cell, width = spanned[(r, c)]
            if texts and texts[-1] is cell:
                continue
            texts.append(cell)
            found = role_of_header(cell.text, rules)
            if found and (role is None or width < role_span):
                role, role_span = found, width
            year = year_of_header(cell.text) or year
        cols.append(Column(role, year, " ".join(t.text for t in texts)))
    if len({c.year for c in cols if c.year}) < 2:  # one year over the table is a title, not per-year columns
        cols = [Column(c.role, None, c.header) for c in cols]
    return cols


def analyse(table: Table, rules: RuleSet) -> TableView:
    grid = table.grid()
    max_rows = rules.tune("header_max_rows")
    view = TableView(table, grid, [], [])
    current: Segment | None = None
    r = 0
    n = len(grid)
    while r < n:
        cells = _row_cells(grid, r)
        if _header_kind(cells, rules, table.n_cols):
            header = [r]
            k = r + 1
            while k < n and len(header) < max_rows and _sub_header(grid, header, k, rules):
                header.append(k)
                k += 1
            columns = _columns(grid, header, table.n_cols, rules)
            if current is not None and repeats(columns, current.columns):
                r = k  # a header repeated after a page break (perhaps with some cells left blank)
                continue
            current = Segment(header, columns)
            view.segments.append(current)
            r = k
            continue
        if current is None:
            view.layout_rows.append(r)
        else:
            current.rows.append(r)
        r += 1
    for seg in view.segments:
        _drop_numeric_text_roles(view, seg)
    return view


def repeats(new: list[Column], old: list[Column]) -> bool:
    """Does header ``new`` repeat ``old``: no column named differently, at least two the same?"""
    if len(new) != len(old):
        return False
    same = 0
    for a, b in zip(new, old):
        if a.role is not None and (a.role != b.role or (a.year and a.year != b.year)):
            return False
        same += a.role is not None
    return same >= 2


TEXT_ROLES = ("name", "objectives", "targets", "indicator", "activity", "expected_results")


def _drop_numeric_text_roles(view: TableView, seg: Segment) -> None:
    """A column named like a text column whose cells are mostly figures is a count
    ("จำนวน / โครงการ" = number of projects), not that text; a target column of
    figures holds target values."""
    for c, col in enumerate(seg.columns):
        if col.role not in TEXT_ROLES:
            continue
        texts = [view.text(r, c).strip() for r in seg.rows]
        texts = [t for t in texts if t]
        numeric = sum(1 for t in texts if regex.fullmatch(r"[0-9๐-๙,.\s\-–]+", t))
        if texts and numeric >= 0.6 * len(texts):
            # a target column of figures holds target values ("เป้าหมาย" over 480, 12, …)
            seg.columns[c] = Column("target_value" if col.role == "targets" else None, col.year, col.header)
