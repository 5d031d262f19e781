"""Blocks of a plain-text file: paragraphs, and the tables its converter flattened.

Plain text renderings of Word/PDF files carry tables in two conventions; this
is the one place that infers them (later stages only see :class:`Table` s):

* row per line: the cells of a row on one line, separated by TAB.  Consecutive
  such lines form one table; a line without TAB between two of them (a wrapped
  cell) is a one-cell row of the same table, and a line that starts with TAB
  (a row whose first cells are empty, or only empty cells) is a row of it when
  it is no wider than the table and fills its width or comes before a row
  or is the table's last (a line alone, or lines opening with two TABs).
  Blank lines between rows do not end the table when the row after them opens
  with an item number, or with an empty cell and is no wider than the table (a
  spreadsheet's empty rows between its records, kept as empty rows as the
  spreadsheet reader keeps them; a new table opens with its header).  A row
  table whose first row repeats the header words of the row table before it,
  with at most a running head between (the lines above its first page, printed
  again), is the next page of that table and is joined to it;
* cell per line: a cell starts with a line that begins with TAB, its further
  paragraphs follow on untabbed lines (blank spacer lines included), and a
  blank line ends a row once the row has as many cells as the table is wide
  (the widest run of cells seen so far).  The table ends at a blank line
  followed by untabbed text once the current row is complete.

Every paragraph is one line; its offsets are the line's, without the leading
TAB of a cell and without trailing CR.  One line may hold two paragraphs: text
copied out of a PDF with its layout kept prints a list in a column of its own
beside another column's text, and an item of it that shares its line with that
text (a run of three spaces or more between) is a paragraph of its own when
another item of the list stands in the same column (counted in characters, or
in printed width without combining marks) within a few lines below or above.
"""

from __future__ import annotations


import regex

from ..blocks import Block, Cell, Para, Table
from ..textutil import printed_width

_ROW_TABS = regex.compile(r"\S[ ]*\t[\t ]*\S|\S[ ]*\t[ ]*\t")
_DIGIT = regex.compile(r"\p{Nd}")
_ITEM_NUMBER = regex.compile(r"\s*(?:\p{Nd}+[.)]?)?\s*")


class _Line:
    __slots__ = ("start", "end", "text", "kind")

    def __init__(self, start: int, text: str):
        self.start = start
        self.text = text
        self.end = start + len(text)
        if _ROW_TABS.search(text):
            self.kind = "row"
        elif text.startswith("\t"):
            self.kind = "cell"  # an empty cell too ("\t" alone)
        elif not text.strip():
            self.kind = "blank"
        else:
            self.kind = "plain"


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        body = raw[:-1] if raw.endswith("\r") else raw
        out.append(_Line(pos, body))
        pos += len(raw) + 1
    return out


def _para(ln: _Line, blank_before: int, skip: int = 0) -> Para:
    return Para(ln.start + skip, ln.end, ln.text[skip:], blank_before)


def _row_cells(ln: _Line, r: int) -> list[Cell]:
    cells = []
    pos = ln.start
    for c, part in enumerate(ln.text.split("\t")):
        cell = Cell(r, c)
        if part.strip():
            cell.paras.append(Para(pos, pos + len(part), part))
        cells.append(cell)
        pos += len(part) + 1
    return cells


def _width(ln: _Line) -> int:
    """The cells of a line that starts with TAB; a line of only TABs and spaces (an empty
    row, however many TABs a converter left in it) fits any table."""
    return ln.text.count("\t") + 1 if ln.text.strip() else 1


def _is_row_of(lines: list[_Line], j: int, width: int, memo: dict[tuple[int, int], bool] | None = None) -> bool:
    """Is line j, which starts with TAB, a row of a row-per-line table ``width`` cells wide?

    A row whose first cells are empty ("\t\tX", "\t\t") starts with TAB like a
    cell-per-line cell.  It belongs to the row table when it has no more cells
    than the table and either fills its width or is followed by another row
    (after blank lines: one that goes on with the table, :func:`_row_after_blanks`),
    or ends the table: followed by a blank line or the end, it is one line alone
    or all its lines open with two TABs (a cell-per-line cell opens with one).
    ``memo`` keeps the answer of the look-ahead for every line it passed, so a long
    run of such lines is read in linear time.
    """
    ln = lines[j]
    n_cells = _width(ln)
    if ln.kind != "cell" or n_cells > width:
        return False
    if n_cells == width:
        return True
    memo = {} if memo is None else memo
    if (j, width) in memo:
        return memo[j, width]
    k = j + 1
    answer = None
    while k < len(lines) and lines[k].kind == "cell" and _width(lines[k]) <= width:
        if _width(lines[k]) == width or (k, width) in memo:
            answer = True if _width(lines[k]) == width else memo[k, width]
            break
        k += 1
    if answer is None:
        b = k  # blank lines, then a row that goes on with the table
        while b < len(lines) and lines[b].kind == "blank":
            b += 1
        answer = b < len(lines) and lines[b].kind == "row" and (
            b == k or _row_after_blanks(lines, b, width, memo))
        if not answer and (b > k or b == len(lines)) and (b == len(lines) or lines[b].kind != "cell"):
            # the table's last row: its first cells empty ("\t\tX" is no cell of a
            # cell-per-line table, which opens a cell with one TAB), or one line alone
            answer = k == j + 1 or all(lines[x].text.startswith("\t\t") for x in range(j, k))
    for x in range(j, k):
        memo[x, width] = answer
    return answer


def _row_after_blanks(lines: list[_Line], k: int, width: int, memo: dict[tuple[int, int], bool]) -> bool:
    """Does line k, after blank lines inside a row table, go on with the table?
    It does when it is a row whose first cell is an item number, or is empty and
    the row no wider than the table: a new table after a blank line opens with
    its header."""
    ln = lines[k]
    first = ln.text.split("\t", 1)[0]
    if ln.kind == "row":
        if ln.text.count("\t") + 1 > width and not first.strip():
            return False  # a numbered row may run wider (a stray page number in a far cell)
    elif not _is_row_of(lines, k, width, memo):
        return False
    return _ITEM_NUMBER.fullmatch(first) is not None


def _row_table(lines: list[_Line], i: int) -> tuple[Table, int]:
    """A row-per-line table starting at line i; returns it and the next line index."""
    rows: list[list[Cell]] = []
    j = i
    width = 0
    memo: dict[tuple[int, int], bool] = {}
    while j < len(lines):
        ln = lines[j]
        if ln.kind == "row" or (rows and _is_row_of(lines, j, width, memo)):
            rows.append(_row_cells(ln, len(rows)))
            width = max(width, len(rows[-1]))
        elif (ln.kind == "plain" and rows and j + 1 < len(lines)
              and (lines[j + 1].kind == "row" or _is_row_of(lines, j + 1, width, memo))):
            rows.append([Cell(len(rows), 0, [_para(ln, 0)])])
        elif ln.kind == "blank" and rows:
            k = j
            while k < len(lines) and lines[k].kind == "blank":
                k += 1
            if k < len(lines) and _row_after_blanks(lines, k, width, memo):
                for _ in range(j, k):  # kept as empty rows: they part one record from the next
                    rows.append([Cell(len(rows), 0)])
                j = k
                continue
            break
        else:
            break
        j += 1
    n_cols = max(len(r) for r in rows)
    return Table(rows, n_cols, lines[i].start, lines[j - 1].end), j


def _cell_runs(lines: list[_Line], i: int) -> tuple[list[list[list[tuple[_Line, int]]]], int]:
    """Cells of a cell-per-line block grouped in runs (a run ends at a blank line
    before a new cell).  A cell is a list of (line, blank lines before it)."""
    runs: list[list[list[tuple[_Line, int]]]] = []
    j = i
    blanks = 0
    width = 0
    while j < len(lines):
        ln = lines[j]
        if ln.kind == "blank":
            blanks += 1
            j += 1
            continue
        if ln.kind == "cell":
            if blanks or not runs:
                width = max([len(r) for r in runs] + [width])
                runs.append([])
            runs[-1].append([(ln, 0)])
        elif ln.kind == "plain":
            row_done = width and _row_fill(runs, width) == 0
            if blanks and (row_done or not _cell_follows(lines, j)):
                break
            runs[-1][-1].append((ln, blanks))
        else:
            break
        blanks = 0
        j += 1
    # trailing blank lines are not part of the table
    while j > i and lines[j - 1].kind == "blank":
        j -= 1
    return runs, j


def _row_fill(runs: list[list[list[tuple[_Line, int]]]], width: int) -> int:
    """How many cells the row in progress lacks (0: complete).  Runs join into one row
    while they fit the width, as :func:`_cell_table` joins them."""
    current = 0
    for run in runs:
        if current and current + len(run) > width:
            current = 0
        current += len(run)
    return max(0, width - current) if runs else 0


def _cell_follows(lines: list[_Line], j: int, window: int = 8) -> bool:
    """Does a cell line come within ``window`` non-blank lines after line j?"""
    seen = 0
    for ln in lines[j:]:
        if ln.kind == "blank":
            continue
        if ln.kind == "cell":
            return True
        if ln.kind == "row":
            return False
        seen += 1
        if seen > window:
            return False
    return False


def _cell_table(lines: list[_Line], i: int) -> tuple[Table, int]:
    runs, j = _cell_runs(lines, i)
    # A blank line can fall inside a row ("\t1." / blank / the row's other cells):
    # runs are joined into one row as long as they fit the table's width.
    width = max(len(r) for r in runs)
    rows: list[list[Cell]] = []
    current: list[Cell] = []
    for run in runs:
        if current and len(current) + len(run) > width:
            rows.append(current)
            current = []
        for cell_lines in run:
            cell = Cell(len(rows), len(current))
            for k, (ln, blank) in enumerate(cell_lines):
                if ln.text.strip():
                    cell.paras.append(_para(ln, blank, 1 if k == 0 else 0))
            current.append(cell)
    if current:
        rows.append(current)
    n_cols = max(len(r) for r in rows)
    return Table(rows, n_cols, lines[i].start + 1, lines[j - 1].end), j


# A row table printed page by page: the lines between two of its pages (a running head,
# the heading the rows stand under) are at most this many.
_PAGE_HEAD_LINES = 4


def _header_repeats(first: list[Cell], again: list[Cell]) -> bool:
    """Is row ``again`` the header row ``first`` repeated on a new page: every filled
    cell the same text in the same column (merged headings may be left empty), three
    at least, and words, no figures (two rows of figures alike are two records)?"""
    texts = {c.col: c.text.strip() for c in first}
    filled = [c for c in again if c.text.strip()]
    return len(filled) >= 3 and all(texts.get(c.col) == c.text.strip() and not _DIGIT.search(c.text)
                                    for c in filled)


def _join_pages(blocks: list[Block], row_tables: set[int]) -> list[Block]:
    """Row tables whose header repeats the header of the row table before them, with
    at most a running head between (lines printed above the first page too; a new
    heading between two tables of one header starts another table), are pages of
    one table: joined into one, the lines
    between kept as one-cell rows and the blank lines as empty rows (as a spreadsheet
    keeps them), so that a record goes on across the page."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        out.append(b)
        i += 1
        if id(b) not in row_tables:
            continue
        table = b
        # the running head: the lines right above the table's first page
        head = {" ".join(p.text.split()) for p in out[max(0, len(out) - 1 - _PAGE_HEAD_LINES):-1]
                if isinstance(p, Para)}
        while True:
            k = i
            while k < len(blocks) and k - i < _PAGE_HEAD_LINES and isinstance(blocks[k], Para):
                k += 1
            nxt = blocks[k] if k < len(blocks) else None
            if not (isinstance(nxt, Table) and id(nxt) in row_tables and k > i
                    and _header_repeats(table.rows[0], nxt.rows[0])
                    and all(" ".join(p.text.split()) in head for p in blocks[i:k])):  # type: ignore[union-attr]
                break
            rows = table.rows
            for para in blocks[i:k]:
                for _ in range(para.blank_before):  # type: ignore[union-attr]
                    rows.append([Cell(len(rows), 0)])  # blank lines: empty rows, as in the table
                rows.append([Cell(len(rows), 0, [para])])  # type: ignore[list-item]
            for row in nxt.rows:
                r = len(rows)
                for cell in row:
                    cell.row = r
                rows.append(row)
            table.n_cols = max(table.n_cols, nxt.n_cols)
            table.end = nxt.end
            i = k + 1
    return out


# Text copied out of a PDF with its layout kept (pdftotext -layout) prints a list in a
# column of its own beside another column's text: its first item shares a line with that
# text, set apart by a run of spaces ("1.1 Knowledge        1. First project").
_SIDE_ITEM = regex.compile(r"\S[ ]{3,}(?=\p{Nd}{1,3}[.)][ ]*\S)")  # 3: as tuning.column_gap_spaces (readers get no rules)
_ITEM_START = regex.compile(r"\p{Nd}{1,3}[.)][ ]*\S")
_SIDE_WINDOW = 8  # lines below or above in which another item of the list stands in that column

def _side_items(body: str) -> list[tuple[int, int, int]]:
    """(offset, column in characters as pdftotext pads, column in printed width as the page
    shows) of each item printed beside text on a line (its text without a page break)."""
    out = []
    at = width = 0
    for m in _SIDE_ITEM.finditer(body):
        width += printed_width(body[at:m.end()])
        at = m.end()
        out.append((at, at, width))
    return out


def _item_columns(text: str) -> list[tuple[int, int]]:
    """The columns (in characters, in printed width) at which an item number starts a
    column's text on a line."""
    body = text.lstrip("\f\v")
    lead = len(body) - len(body.lstrip(" "))
    out = [(lead, lead)] if _ITEM_START.match(body, lead) else []
    return out + [(c, w) for _, c, w in _side_items(body)]


def _side_item(lines: list[_Line], i: int, memo: dict[int, list[tuple[int, int]]]) -> int | None:
    """The offset in line i's text of a list item printed beside another column's text, when
    another item of the list starts a line in that column, or stands beside text in it,
    within ``_SIDE_WINDOW`` lines below or above (see ``_SIDE_ITEM``), else None."""
    text = lines[i].text
    body_at = len(text) - len(text.lstrip("\f\v"))
    here = _side_items(text[body_at:])
    if not here:
        return None
    near = [c for j in [*range(i + 1, min(len(lines), i + 1 + _SIDE_WINDOW)), *range(max(0, i - _SIDE_WINDOW), i)]
            if lines[j].kind == "plain"
            for c in (memo[j] if j in memo else memo.setdefault(j, _item_columns(lines[j].text)))]
    chars = {c + d for c, _ in near for d in (-1, 0, 1)}
    widths = {w + d for _, w in near for d in (-1, 0, 1)}
    return next((body_at + at for at, c, w in here if c in chars or w in widths), None)


def text_blocks(text: str) -> list[Block]:
    """The blocks of a plain text (see the module docstring)."""
    lines = _lines(text)
    blocks: list[Block] = []
    row_tables: set[int] = set()
    columns: dict[int, list[tuple[int, int]]] = {}  # line → its items' columns (_side_item)
    blanks = 0
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.kind == "blank":
            blanks += 1
            i += 1
            continue
        if ln.kind == "row":
            table, i = _row_table(lines, i)
            row_tables.add(id(table))
        elif ln.kind == "cell":
            table, i = _cell_table(lines, i)
        else:
            side = _side_item(lines, i, columns)
            if side is None:
                blocks.append(_para(ln, blanks))
            else:  # the other column's text, then the item
                left = ln.text[:side].rstrip()
                blocks.append(Para(ln.start, ln.start + len(left), left, blanks))
                blocks.append(Para(ln.start + side, ln.end, ln.text[side:], 0))
            blanks = 0
            i += 1
            continue
        blocks.append(table)
        blanks = 0
    return _join_pages(blocks, row_tables) if row_tables else blocks
