"""Numbered lists of plan items that name projects: "1. รับสมัคร… / 2. ทดสอบ… / 4. โครงการอบรม…".

A plan often lists its projects as numbered items, some written with the
project word and some without (the item is a project all the same).  A *list*
is a run of item-numbered paragraphs, each with the unnumbered lines that
continue it, in one table cell or in the running text outside detail
sections.  The lists of one table column, or a list of running text, name
projects when at least ``project_list_share`` of their items start with the
project word; then every item is a project mention.  When the items are
paragraphs of narrative (the median item runs longer than ``name_max_chars``)
only those that start with the project word are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..blocks import Piece
from ..ruleset import RuleSet
from .mentions import Mention, Via, _name, starts_with_project_word
from .stream import TextUnit, Unit


@dataclass
class _Item:
    first: int  # units index of the numbered paragraph
    last: int
    pieces: list[Piece] = field(default_factory=list)
    marked: bool = False  # starts with the project word


def _group_key(u: TextUnit) -> tuple[int, int] | None:
    """Items of one table column are judged together; running text by list."""
    if u.cell is None:
        return None
    table = u.row_id // 10000 if u.row_id is not None else 0
    return table, u.cell.col


def _lists(units: list[Unit], skip: set[int], rules: RuleSet) -> list[tuple[tuple[int, int] | None, list[_Item]]]:
    out: list[tuple[tuple[int, int] | None, list[_Item]]] = []
    current: list[_Item] = []
    key: tuple[int, int] | None = None
    place: object = None  # the cell (or None) the list stands in
    for k, u in enumerate(units):
        if k in skip or not isinstance(u, TextUnit):
            if current:
                out.append((key, current))
            current, place = [], None
            continue
        here = u.cell
        numbered = u.mark.number is not None and u.mark.depth == 1 and not u.labels
        if current and here is not place:
            out.append((key, current))
            current = []
        if numbered:
            at = starts_with_project_word(u, rules)
            body = u.para.cut(at if at is not None else u.mark.body)
            current.append(_Item(k, k, [body], at is not None))
            key, place = _group_key(u), here
        elif current and not u.mark.marked and not u.labels and u.para.blank_before == 0:
            current[-1].pieces.append(u.para)
            current[-1].last = k
        elif current:
            out.append((key, current))
            current, place = [], None
    if current:
        out.append((key, current))
    return [(key, items) for key, items in out if len(items) >= 2]


def list_mentions(units: list[Unit], skip: set[int], rules: RuleSet) -> list[Mention]:
    """Every item of the lists that name projects (see the module docstring)."""
    share = rules.tune("project_list_share")
    found = _lists(units, skip, rules)
    by_key: dict[object, list[_Item]] = {}
    for n, (key, items) in enumerate(found):
        by_key.setdefault(key if key is not None else ("list", n), []).extend(items)
    out: list[Mention] = []
    for items in by_key.values():
        if len(items) < 3 or sum(i.marked for i in items) < share * len(items):
            continue
        lengths = sorted(sum(len(p.text) for p in item.pieces) for item in items)
        narrative = lengths[len(lengths) // 2] > rules.tune("name_max_chars")
        for item in items:
            if not item.marked and narrative:
                continue  # a list of paragraphs that mention projects, not a list of names
            name = _name(item.pieces, rules)
            if name is not None:
                number = units[item.first].mark.number  # type: ignore[union-attr]
                out.append(Mention(item.first, item.last, number, name, Via.WORD))
    out.sort(key=lambda m: m.index)
    return out
