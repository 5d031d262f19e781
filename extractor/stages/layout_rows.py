"""Projects named in the rows of layout tables (tables without a recognised header).

A layout row that starts with a project mention and holds amounts in its other
cells is a project whose budget is the row's last amount (the total column of a
budget sheet).  Text layers of wide tables (pdftotext -layout) print a cell that
wraps onto several lines with the row's other cells on one of those lines: the
name then stands on a row of its own and the figures on a row that holds
nothing but figures, just below the name's first line, or just above it when
the row above already has figures of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..blocks import Piece
from ..clean import Text, clean_text
from ..model import Budget
from ..numbers import amount_of_text, is_dash
from .budget import Context
from .mentions import Mention, starts_with_project_word
from .project_fields import Fields
from .stream import TextUnit, Unit


def _row_of(units: list[Unit], k: int) -> range:
    """The units of the layout row (or lone paragraph) that unit k stands in."""
    u = units[k]
    row_id = u.row_id if isinstance(u, TextUnit) else None
    if row_id is None:
        return range(k, k + 1)
    a, b = k, k + 1
    while a > 0 and isinstance(units[a - 1], TextUnit) and units[a - 1].row_id == row_id:  # type: ignore[union-attr]
        a -= 1
    while b < len(units) and isinstance(units[b], TextUnit) and units[b].row_id == row_id:  # type: ignore[union-attr]
        b += 1
    return range(a, b)


def _amounts(units: list[Unit], ks: range, ctx: Context) -> list[tuple[int | float, TextUnit]]:
    out = []
    for k in ks:
        v = units[k]
        if not isinstance(v, TextUnit):
            continue
        value = amount_of_text(v.text, ctx.rules)
        if value is not None and (value >= 1000 or not v.text.strip().isdigit()):  # not a page number
            out.append((value, v))
    return out


def _figures_only(units: list[Unit], ks: range, ctx: Context) -> list[tuple[int | float, TextUnit]]:
    """The amounts of a row that holds nothing but amounts and dashes, else []."""
    texts = [units[k] for k in ks]
    if not all(isinstance(v, TextUnit) and v.row_id is not None and
               (amount_of_text(v.text, ctx.rules) is not None or is_dash(v.text)) for v in texts):
        return []
    return _amounts(units, ks, ctx)


@dataclass
class RowMention:
    fields: Fields
    name: Text  # the mention's name, with its line after the figures when it wrapped round them


def row_mention(units: list[Unit], m: Mention, ctx: Context, claimed: set[int]) -> RowMention | None:
    """The project of a mention in a layout row (see the module docstring), or None when
    no figures belong to it.  Figures-only rows given to a mention are added to ``claimed``."""
    u = units[m.index]
    if not isinstance(u, TextUnit):
        return None
    own = _row_of(units, m.last)  # the row of the name's last line holds the figures
    last = units[m.last]
    amounts = _amounts(units, range(m.last + 1, own.stop), ctx) \
        if isinstance(last, TextUnit) and last.row_id is not None else []
    name = m.name
    if not amounts:
        amounts, after = _borrowed(units, own, ctx, claimed)
        if after is not None and (more := _name_line(units, after, ctx)) is not None:
            name = clean_text([Piece(m.name.start, m.name.end, m.name.text), more], ctx.rules.words, phrase=True) \
                or name
    if not amounts:
        return None
    value, v = amounts[-1]
    f = Fields()
    f.budget = Budget(amount=value, text=v.text.strip(), span=ctx.source.span(v.para.start, v.para.end))
    return RowMention(f, name)


def _name_line(units: list[Unit], k: int, ctx: Context) -> Piece | None:
    """Unit k as the last line of a name wrapped round its figures: a row of one short
    text without figures that does not name a project itself."""
    if k >= len(units):
        return None
    row = _row_of(units, k)
    v = units[k]
    if len(row) != 1 or not isinstance(v, TextUnit) or _amounts(units, row, ctx) or \
            starts_with_project_word(v, ctx.rules) is not None or len(v.text) > ctx.rules.tune("name_max_chars"):
        return None
    return v.para


def _borrowed(units: list[Unit], own: range, ctx: Context, claimed: set[int]) -> tuple[list, int | None]:
    """A figures-only row just below the name's first line (and the unit after it), else
    one just above it when the row above that has figures of its own (so these are not its)."""
    if own.stop < len(units) and own.stop not in claimed:
        below = _row_of(units, own.stop)
        found = _figures_only(units, below, ctx)
        if found:
            claimed.add(below.start)
            return found, below.stop
    if own.start > 0:
        above = _row_of(units, own.start - 1)
        if above.start not in claimed and above.start > 0:
            found = _figures_only(units, above, ctx)
            before = _row_of(units, above.start - 1)
            if found and _amounts(units, before, ctx) and not _figures_only(units, before, ctx):
                claimed.add(above.start)
                return found, None
    return [], None
