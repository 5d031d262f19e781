"""Projects named in the rows of layout tables (tables without a recognised header).

A layout row that starts with a project mention and holds amounts in its other
cells is a project whose budget is the row's last amount (the total column of a
budget sheet); a number further down the mention's own cell is text of that cell
(a year on a line of its own where the name wrapped), not a figure of the row.  Text layers of wide tables (pdftotext -layout) print a cell that
wraps onto several lines with the row's other cells on one of those lines: the
name then stands on a row of its own and the figures on a row that holds
nothing but figures, just below the name's first line, or just above it when
the row above already has figures of its own; or, when the name wraps over three
lines, the figures stand beside its middle line.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..blocks import Piece
from ..clean import Text, clean_text
from ..model import Budget
from ..numbers import amount_of_text, is_dash
from .budget import Context
from .mentions import Mention, starts_with_project_word
from .project_fields import Fields
from .stream import TextUnit, Unit


class LayoutRows:
    """The layout rows of a document's units, worked out once: the row each unit stands in,
    each unit's amount, and each row's last amount, so that a row of thousands of cells
    costs its cells once, not once for every mention in it."""

    def __init__(self, units: list[Unit], ctx: Context):
        self.units, self.ctx = units, ctx
        n = len(units)
        self._start, self._stop = list(range(n)), list(range(1, n + 1))
        k = 0
        while k < n:
            u = units[k]
            row_id = u.row_id if isinstance(u, TextUnit) else None
            j = k + 1
            if row_id is not None:
                while j < n and isinstance(units[j], TextUnit) and units[j].row_id == row_id:  # type: ignore[union-attr]
                    j += 1
                for x in range(k, j):
                    self._start[x], self._stop[x] = k, j
            k = j
        self._amount: dict[int, int | float | None] = {}
        self._counted: dict[int, list[int]] = {}  # row start → units with an amount that counts
        self._figures: dict[int, bool] = {}  # row start → the row holds nothing but figures

    def row_of(self, k: int) -> range:
        """The units of the layout row (or lone paragraph) that unit k stands in."""
        return range(self._start[k], self._stop[k])

    def amount(self, k: int) -> int | float | None:
        if k not in self._amount:
            v = self.units[k]
            self._amount[k] = amount_of_text(v.text, self.ctx.rules) if isinstance(v, TextUnit) else None
        return self._amount[k]

    def last_amount(self, ks: range) -> tuple[int | float, TextUnit] | None:
        """The last amount among units ``ks`` (within one row) that is not a page number."""
        if not ks:
            return None
        row = self._start[ks.start]
        if row not in self._counted:
            self._counted[row] = [k for k in self.row_of(row) if self._counts(k)]
        counted = self._counted[row]
        at = bisect.bisect_left(counted, ks.stop) - 1
        if at < 0 or counted[at] < ks.start:
            return None
        k = counted[at]
        return self.amount(k), self.units[k]  # type: ignore[return-value]

    def _counts(self, k: int) -> bool:
        value, v = self.amount(k), self.units[k]
        return value is not None and (value >= 1000 or not v.text.strip().isdigit())  # type: ignore[union-attr]

    def figures_only(self, ks: range) -> tuple[int | float, TextUnit] | None:
        """The last amount of a row that holds nothing but amounts and dashes, else None."""
        if ks.start not in self._figures:
            self._figures[ks.start] = all(
                isinstance(v := self.units[k], TextUnit) and v.row_id is not None
                and (self.amount(k) is not None or is_dash(v.text)) for k in ks)
        return self.last_amount(ks) if self._figures[ks.start] else None


@dataclass
class RowMention:
    fields: Fields
    name: Text  # the mention's name, with its line after the figures when it wrapped round them


def row_mention(units: list[Unit], m: Mention, ctx: Context, claimed: set[int],
                rows: LayoutRows | None = None) -> RowMention | None:
    """The project of a mention in a layout row (see the module docstring), or None when
    no figures belong to it.  Figures-only rows given to a mention are added to ``claimed``.
    ``rows``: the document's :class:`LayoutRows` (made here when not given)."""
    rows = rows if rows is not None else LayoutRows(units, ctx)
    u = units[m.index]
    if not isinstance(u, TextUnit):
        return None
    own = rows.row_of(m.last)  # the row of the name's last line holds the figures
    last = units[m.last]
    found = None
    if isinstance(last, TextUnit) and last.row_id is not None:
        # in the row's other cells: what follows the name in its own cell is more text
        # (the name wrapped onto a line of its own, "… สงกรานต์ / 2564"; the next items of a list)
        after = m.last + 1
        while after < own.stop and units[after].cell is last.cell:  # type: ignore[union-attr]
            after += 1
        found = rows.last_amount(range(after, own.stop))
    name = m.name
    if found is None:
        found, more = _borrowed(rows, m.last, claimed, ctx)
        if more:
            name = clean_text([Piece(m.name.start, m.name.end, m.name.text), *more], ctx.rules.words, phrase=True) \
                or name
    if found is None:
        return None
    value, v = found
    f = Fields()
    f.budget = Budget(amount=value, text=v.text.strip(), span=ctx.source.span(v.para.start, v.para.end))
    return RowMention(f, name)


def _name_line(rows: LayoutRows, k: int, ctx: Context) -> Piece | None:
    """Unit k as the last line of a name wrapped round its figures: a row of one short
    text without figures that does not name a project itself."""
    units = rows.units
    if k >= len(units):
        return None
    row = rows.row_of(k)
    v = units[k]
    if len(row) != 1 or not isinstance(v, TextUnit) or rows.last_amount(row) is not None or \
            starts_with_project_word(v, ctx.rules) is not None or len(v.text) > ctx.rules.tune("name_max_chars"):
        return None
    return v.para


def _borrowed(rows: LayoutRows, at: int, claimed: set[int],
              ctx: Context) -> tuple[tuple[int | float, TextUnit] | None, list[Piece]]:
    """A figures-only row just below the name's first line (and the name's line after it),
    else a row just below whose first cell is the name's next line and whose other cells are
    figures, when a line of the name follows it (a name wrapped over three lines with the
    figures on the middle one), else a figures-only row just above the name's first line
    when the row above that has figures of its own (so these are not its).  Returns the
    figures and the further lines of the name.  ``at``: the unit of the name's line."""
    units = rows.units
    own = rows.row_of(at)
    if own.stop < len(units) and own.stop not in claimed:
        below = rows.row_of(own.stop)
        found = rows.figures_only(below)
        if found is not None:
            claimed.add(below.start)
            more = _name_line(rows, below.stop, ctx)
            return found, [more] if more is not None else []
        middle = _beside_figures(rows, at, below, ctx)
        if middle is not None and (found := rows.last_amount(range(below.start + 1, below.stop))) is not None and \
                (more := _name_line(rows, below.stop, ctx)) is not None:
            claimed.add(below.start)
            return found, [middle, more]
    if own.start > 0:
        above = rows.row_of(own.start - 1)
        if above.start not in claimed and above.start > 0:
            found = rows.figures_only(above)
            before = rows.row_of(above.start - 1)
            if found is not None and rows.last_amount(before) is not None and rows.figures_only(before) is None:
                claimed.add(above.start)
                return found, []
    return None, []


def _beside_figures(rows: LayoutRows, at: int, below: range, ctx: Context) -> Piece | None:
    """The first cell of row ``below`` as a line of the name at unit ``at``: a plain text in the
    name's column (no item number, label, figure or project word) with nothing but figures
    after it in its row."""
    units = rows.units
    lead, name_line = units[below.start], units[at]
    if len(below) < 2 or not isinstance(lead, TextUnit) or lead.row_id is None or \
            not isinstance(name_line, TextUnit) or lead.cell is None or name_line.cell is None or \
            lead.cell.col != name_line.cell.col:
        return None
    if rows.amount(below.start) is not None or lead.mark.marked or lead.labels or \
            starts_with_project_word(lead, ctx.rules) is not None or len(lead.text) > ctx.rules.tune("name_max_chars"):
        return None
    for k in range(below.start + 1, below.stop):
        v = units[k]
        if not isinstance(v, TextUnit) or (rows.amount(k) is None and not is_dash(v.text)):
            return None
    return lead.para
