"""Rows of a table whose text came out one cell per paragraph, without TABs.

A PDF's text taken without its layout (``pdftotext`` without ``-layout``, text
copied out of a viewer) writes a table's cells one after the other, each a
paragraph of its own, with a blank line between: the row's number and name
("1 โครงการอบรม…", its wrapped lines under it), then its other cells (an
activity, the amount "20,000", a place, a unit …), then the next row's number
and name.  No TAB marks the cells, so no table is inferred (``readers.text_layout``).

Such a row is recognised by its shape: an item-numbered paragraph outside any
table and detail section, and among the next ``flat_row_cells`` cells (a
paragraph after a blank line, with the lines under it) one that is an amount of
money and nothing else ("20,000", "5,000 บาท"; a bare "3" is a page number,
"2566" a year; an amount on the last line of a longer cell is part of its text).  Rows numbered on
from each other (1, 2, 3 …; a new group of rows numbers from 1 again) are one
run; the rows of the document are judged together, as the items of a list
are (``stages.lists``): they are projects when at least ``project_list_share``
of them start with the project word.  A row's budget is its first amount.

A table copied with its layout (``pdftotext -layout``) prints a row's cells on
one line, runs of spaces between them: a numbered line with an amount of money
among its cells is such a row; its name is its first cell and the lines under
it in that column (``_layout_row``).
"""

from __future__ import annotations

from dataclasses import dataclass


from functools import lru_cache

import regex

from ..blocks import Para, Piece
from ..numbers import amount_of_text
from ..ruleset import RuleSet
from ..textutil import ZERO_WIDTH
from .mentions import Mention, Via, _name, starts_with_project_word
from .stream import TextUnit, Unit


@lru_cache(maxsize=4)
def column_gap(rules: RuleSet) -> regex.Pattern:
    """A run of spaces that parts two columns of layout text (``tuning.column_gap_spaces``)."""
    return regex.compile(r" {%d,}" % max(2, rules.tune("column_gap_spaces")))


@dataclass
class AmountRow:
    """A project row found with its amount: the mention of its name and the unit holding the amount."""

    mention: Mention
    amount: int | float
    amount_unit: TextUnit
    first_cell: str | None = None  # a row copied with its layout: its name's text on the row's own line


_GROUPED = regex.compile(r"\p{Nd}{1,3}(?:,\p{Nd}{3})+")


def money_cell(text: str, rules: RuleSet) -> int | float | None:
    """A cell that is an amount of money and nothing else: its digits grouped in
    thousands ("20,000") or a baht word after it; a bare small number is a page
    number, a bare four-digit one a year."""
    value = amount_of_text(text, rules)
    if value is None:
        return None
    if _GROUPED.search(text) or any(w in text for w in rules["values"]["baht_words"]):
        return value
    return None


def _numbered(u: Unit, rules: RuleSet) -> bool:
    """An item-numbered paragraph with text after its number, outside any table, that
    opens a cell (a blank line before it; a line that goes on from the one above it and
    starts with a figure, "200 คน …", is a wrapped line of that cell)."""
    return (isinstance(u, TextUnit) and u.cell is None and u.mark.number is not None and u.mark.depth == 1
            and not u.labels and u.para.blank_before > 0 and bool(u.text[u.mark.body:].strip()))


def _amount_cell(units: list[Unit], x: int, skip: set[int], window: int,
                 rules: RuleSet) -> tuple[TextUnit, int | float] | None:
    """The first of the next ``window`` cells (paragraphs after a blank line, with the
    lines under them) from unit x that is an amount of money alone on its line, up to
    the next row."""
    cells = 0
    n = len(units)
    while x < n and cells < window:
        w = units[x]
        if x in skip or not isinstance(w, TextUnit) or w.cell is not None or _numbered(w, rules):
            return None
        cells += 1
        end = x + 1
        while end < n and end not in skip and isinstance(units[end], TextUnit) and \
                units[end].cell is None and not units[end].para.blank_before:  # type: ignore[union-attr]
            end += 1
        if end == x + 1:
            value = money_cell(w.text, rules)
            if value is not None:
                return w, value
        x = end
    return None


def _columns(line: str) -> list[int]:
    """The display column of each character of a layout line (marks above and below a
    letter take no column of their own)."""
    out, col = [], 0
    for ch in line:
        out.append(col)
        if not ZERO_WIDTH.match(ch):
            col += 1
    return out


def _layout_row(units: list[Unit], k: int, start: int,
                rules: RuleSet) -> tuple[int, list[Piece], TextUnit, int | float] | None:
    """Row k of a table copied with its layout (``pdftotext -layout``): its cells on one line,
    a run of spaces (``column_gap_spaces``) between them.  The name is the first cell (from
    ``start``) and the lines under it in its column, up to a blank line or a line that starts
    left of it (the next row's number); the amount, the first cell of the line that is an
    amount of money.  Returns the row's last unit, the name's pieces and the amount."""
    u = units[k]
    assert isinstance(u, TextUnit)
    line = u.para.text
    gap = column_gap(rules)
    cuts = [g for g in gap.finditer(line) if g.start() > start and line[start:g.start()].strip()]
    if not cuts:
        return None
    found = None
    for g, after in zip(cuts, cuts[1:] + [None]):
        cell = line[g.end():after.start() if after is not None else len(line)].strip()
        value = money_cell(cell, rules) if cell else None
        if value is not None:
            a = line.index(cell, g.end())
            found = (TextUnit(Para(u.para.start + a, u.para.start + a + len(cell), cell), rules), value)
            break
    if found is None:
        return None
    cols = _columns(line)
    body = u.mark.body + len(line[u.mark.body:]) - len(line[u.mark.body:].lstrip())
    left, right = cols[min(body, start)], cols[cuts[0].end()]
    pieces: list[Piece] = [u.para.cut(start, cuts[0].start())]
    last = k
    n = len(units)
    for j in range(k + 1, min(n, k + 1 + rules.tune("row_name_max_lines"))):
        w = units[j]
        if not isinstance(w, TextUnit) or w.cell is not None or w.para.blank_before:
            break
        text = w.para.text
        lead = len(text) - len(text.lstrip())
        wcols = _columns(text)
        if not text.strip() or wcols[lead] < left - 1:
            break
        last = j
        if wcols[lead] >= right - 1:
            continue  # the name's cell is empty on this line
        stop = next((x for x in range(lead, len(text)) if wcols[x] > right + 1), len(text))
        if stop < len(text) and text[stop] != " ":  # a column met by one space: cut at the word's space
            space = text.rfind(" ", lead, stop)
            stop = space if space > lead else stop
        inner = gap.search(text, lead, stop)
        piece = w.para.cut(lead, inner.start() if inner is not None else stop)
        if piece.text.strip():
            pieces.append(piece)
    return last, pieces, found[0], found[1]


def flat_rows(units: list[Unit], skip: set[int], rules: RuleSet) -> list[AmountRow]:
    """The rows of tables flattened one cell per paragraph (see the module docstring)."""
    window = rules.tune("flat_row_cells")
    found: list[tuple[int, int, list[Piece], bool, TextUnit, int | float, bool]] = []
    k = 0
    n = len(units)
    while k < n:
        u = units[k]
        layout = None
        at: int | None = None
        looked = False  # at is known (the project word's place), whether or not there is one
        if k not in skip and isinstance(u, TextUnit) and u.cell is None and u.mark.number is not None and \
                u.mark.depth == 1 and not u.labels:  # a row of a table copied with its layout
            at, looked = starts_with_project_word(u, rules), True
            layout = _layout_row(units, k, at if at is not None else u.mark.body, rules)
        if layout is not None:
            last, pieces, amount_unit, amount = layout
            found.append((k, last, pieces, at is not None, amount_unit, amount, True))
            k = last + 1
            continue
        if k in skip or not _numbered(u, rules):
            k += 1
            continue
        assert isinstance(u, TextUnit)
        if not looked:
            at = starts_with_project_word(u, rules)
        pieces: list[Piece] = [u.para.cut(at if at is not None else u.mark.body)]
        last = k
        j = k + 1
        while j < n and j not in skip and isinstance(units[j], TextUnit):
            w = units[j]
            assert isinstance(w, TextUnit)
            if w.cell is not None or w.mark.marked or w.labels or w.para.blank_before:
                break
            pieces.append(w.para)
            last = j
            j += 1
        amount_at = _amount_cell(units, last + 1, skip, window, rules)
        if amount_at is not None:
            found.append((k, last, pieces, at is not None, amount_at[0], amount_at[1], False))
        k = last + 1
    # rows numbered on from each other; a lone row (a run of one) only among other runs
    runs: list[list[tuple[int, int, list[Piece], bool, TextUnit, int | float, bool]]] = []
    for row in found:
        number = units[row[0]].mark.number  # type: ignore[union-attr]
        if runs:
            before = units[runs[-1][-1][0]].mark.number  # type: ignore[union-attr]
            if number and before and number.isdigit() and before.isdigit() and int(number) == int(before) + 1:
                runs[-1].append(row)
                continue
        runs.append([row])
    if not runs or sum(len(r) for r in runs) < 2 or all(len(r) < 2 for r in runs):
        return []
    rows = [row for run in runs for row in run]
    if sum(row[3] for row in rows) < rules.tune("project_list_share") * len(rows):
        return []
    out: list[AmountRow] = []
    for first, last, pieces, _, amount_unit, amount, columns in rows:
        name = _name(pieces, rules)
        if name is not None:
            number = units[first].mark.number  # type: ignore[union-attr]
            out.append(AmountRow(Mention(first, last, number, name, Via.WORD), amount, amount_unit,
                                 pieces[0].clean if columns else None))
    return out
