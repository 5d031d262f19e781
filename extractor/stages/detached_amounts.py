"""Amounts printed apart from the lines they belong to (a budget's amount column).

A budget bylaw's detail pages print an item's name and description on the
left and its amount in a column on the right ("โครงการก่อสร้าง… | จำนวน
675,000 บาท").  A PDF's text taken without its layout writes the left column
first, each amount word ("จำนวน", "รวม": ``values.total_words``) alone on its
line, and the page's amounts after it, after a blank line, one per line
("23,239,000 บาท" / "675,000 บาท" / "693,000 บาท").  The amounts of such a run belong, in order,
to the amount words left alone since the run before, when there are as many
of each.  When each amount went with its own amount word ("จำนวน" / "728,000
บาท" after the page's text), the amounts belong, in order, to the project
names left without an amount word since the run before, when there are as
many of each; otherwise the page is not read.

A project word's mention whose next line is such an amount word, or that is
such a name, is a project (its name goes on after the amount word, up
to the bulleted description) with that amount as its budget.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..blocks import Para, Piece
from ..ruleset import RuleSet
from ..vocab import fold
from .flat_rows import AmountRow, column_gap, money_cell
from .mentions import Mention, _name, starts_with_project_word
from .stream import TextUnit, Unit


@lru_cache(maxsize=4)
def _slot_words(rules: RuleSet) -> frozenset[str]:
    return frozenset(fold(w) for w in rules["values"]["total_words"])


def paired_amounts(units: list[Unit], rules: RuleSet,
                   named: set[int] = frozenset()) -> dict[int, tuple[TextUnit, int | float]]:  # type: ignore[assignment]
    """Units index → the amount printed apart for it: an amount word alone on its line, or
    (``named``: the units that name items) a name whose amount word went with its amount."""
    words = _slot_words(rules)
    longest = 4 * max(map(len, words), default=0)  # room for the spaces and marks folding drops
    out: dict[int, tuple[TextUnit, int | float]] = {}
    slots: list[int] = []
    names: list[int] = []
    k = 0
    n = len(units)

    def text_unit(x: int) -> TextUnit | None:
        w = units[x] if x < n else None
        return w if isinstance(w, TextUnit) and w.cell is None else None

    def is_word(x: int) -> bool:
        w = text_unit(x)
        # Folding is costly and an amount word stands alone: a long line is none.
        return w is not None and len(w.text) <= longest and fold(w.text.strip()) in words

    def is_amount(x: int) -> bool:
        w = text_unit(x)
        return w is not None and money_cell(w.text, rules) is not None

    while k < n:
        u = text_unit(k)
        if u is None:
            slots, names = [], []
            k += 1
            continue
        if is_word(k) and not is_amount(k + 1):  # an amount word left alone
            slots.append(k)
            k += 1
            continue
        # a run of amounts after a blank line, each perhaps under its own amount word
        run: list[tuple[TextUnit, int | float]] = []
        worded = 0
        x = k
        while u.para.blank_before and x < n:
            w = text_unit(x)
            if w is None:
                break
            if is_word(x) and is_amount(x + 1):
                worded += 1
                x += 1
                continue
            value = money_cell(w.text, rules)
            if value is None:
                break
            run.append((w, value))
            x += 1
        if not run:
            if k in named:
                names.append(k)
            k += 1
            continue
        if len(run) == len(slots):
            out.update(zip(slots, run))
        elif worded == len(run) and len(run) == len(names):
            out.update(zip(names, run))
        slots, names = [], []
        k = x
    return out


def detached_rows(units: list[Unit], mentions: list[Mention], rules: RuleSet) -> list[AmountRow]:
    """Mentions followed by an amount word whose amount is printed apart (module docstring)."""
    words = _slot_words(rules)

    def word_under(m: Mention) -> bool:
        w = units[m.last + 1] if m.last + 1 < len(units) else None
        return isinstance(w, TextUnit) and fold(w.text.strip()) in words

    paired = paired_amounts(units, rules, {m.index for m in mentions if not word_under(m)})
    if not paired:
        return []
    out: list[AmountRow] = []
    for m in mentions:
        slot = m.last + 1 if m.last + 1 in paired else m.index  # its amount word under it, or gone with the amount
        if slot not in paired:
            continue
        u = units[m.index]
        assert isinstance(u, TextUnit)
        at = starts_with_project_word(u, rules)
        if at is None:
            continue
        pieces: list[Piece] = [u.para.cut(at)] + [units[j].para for j in range(m.index + 1, m.last + 1)]  # type: ignore[union-attr]
        after = m.last + 2 if slot != m.index else m.last + 1
        for j in range(after, min(len(units), after + rules.tune("name_max_lines"))):
            w = units[j]
            if not isinstance(w, TextUnit) or w.cell is not None or w.mark.marked or w.labels \
                    or w.para.blank_before or j in paired or starts_with_project_word(w, rules) is not None:
                break
            pieces.append(w.para)
        name = _name(pieces, rules)
        if name is not None:
            unit, amount = paired[slot]
            out.append(AmountRow(Mention(m.index, m.index, m.number, name, m.via), amount, unit))
    return out


def gap_amount(line: str, at: int, rules: RuleSet) -> tuple[int, tuple[int, int], int | float] | None:
    """The amount at the end of a layout line after a column gap (``gap_rows``): where the
    text before the gap ends, the amount's offsets in ``line`` and its value; None unless
    what follows the first gap after ``at`` is an amount, perhaps after an amount word."""
    gap = column_gap(rules)
    cuts = [g for g in gap.finditer(line) if g.start() > at and line[:g.start()].strip()]
    if not cuts:
        return None
    chunks = [c for c in gap.split(line[cuts[0].end():].rstrip()) if c.strip()]
    if not chunks or len(chunks) > 2 or (len(chunks) == 2 and fold(chunks[0].strip()) not in _slot_words(rules)):
        return None
    amount = money_cell(chunks[-1], rules)
    if amount is None:
        return None
    end = len(line.rstrip())
    return cuts[0].start(), (end - len(chunks[-1].strip()), end), amount


def gap_rows(units: list[Unit], mentions: list[Mention], rules: RuleSet) -> list[AmountRow]:
    """Mentions whose amount stands at the end of their own line, after a column gap.

    Text taken with its layout (``pdftotext -layout``) prints a budget bylaw's item
    on one line with its amount column: the name, a run of spaces
    (``column_gap_spaces``), perhaps an amount word, and the amount ("โครงการก่อสร้าง…
    ␣␣␣␣ จำนวน ␣␣ 675,000 บาท").  Such a mention is a project with that amount; its name is
    the text before the gap and goes on on the lines under it, up to the bulleted
    description, as a detached amount's name does."""
    gap = column_gap(rules)
    out: list[AmountRow] = []
    for m in mentions:
        u = units[m.index]
        if not isinstance(u, TextUnit) or u.cell is not None:
            continue
        at = starts_with_project_word(u, rules)
        found = None if at is None else gap_amount(u.para.text, at, rules)
        if at is None or found is None:
            continue
        head_end, (a, b), amount = found
        figure = u.para.cut(a, b)
        pieces: list[Piece] = [u.para.cut(at, head_end)]
        for j in range(m.index + 1, min(len(units), m.index + 1 + rules.tune("name_max_lines"))):
            w = units[j]
            if not isinstance(w, TextUnit) or w.cell is not None or w.mark.marked or w.labels \
                    or w.para.blank_before or starts_with_project_word(w, rules) is not None \
                    or gap.search(w.text.strip()):
                break
            pieces.append(w.para)
        name = _name(pieces, rules)
        if name is not None:
            out.append(AmountRow(Mention(m.index, m.index, m.number, name, m.via), amount,
                              TextUnit(Para(figure.start, figure.end, figure.text), rules)))
    return out
