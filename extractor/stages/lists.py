"""Numbered lists of plan items that name projects: "1. รับสมัคร… / 2. ทดสอบ… / 4. โครงการอบรม…".

A plan often lists its projects as numbered items, some written with the
project word and some without (the item is a project all the same).  A *list*
is a run of item-numbered paragraphs, each with the unnumbered lines that
continue it (a part heading, ``part_headings`` or ``later_part_headings``, does not), in one table cell or in the running text outside detail
sections.  The lists of one table column, or a list of running text, name
projects when at least ``project_list_share`` of their items start with the
project word; then every item is a project mention.  When the items are
paragraphs of narrative (the median item runs longer than ``name_max_chars``)
only those that start with the project word are.

Lists of running text under the sub-headings of one part (a few short lines between a
list and the next, which is numbered afresh or on from it: a table column copied out of a
PDF as text) are judged together too.

A number alone on its line (a page number that a PDF's text kept) is no item.

A list that goes on in the next cell of its column, numbered on from it (a page break put
its next items in a new table or row), is part of it, even with a single item there.

A list right under a contents heading (``projects.contents_headings``: a table
of contents, the appendix's list of attachments), with only short lines and
other numbered items between, lists parts of the document: it names no
projects (an item that starts with the project word stays a mention that only
points at a project named elsewhere).  A heading that itself holds the project
word ("… รายชื่อโครงการ") heads a list of projects all the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..blocks import Piece
from ..ruleset import RuleSet
from ..vocab import Folded
from .mentions import Mention, Via, _name, starts_with_project_word
from .sections import is_part_heading
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


def _contents_heading(u: TextUnit, rules: RuleSet) -> bool:
    """A heading of the document's own contents that does not name projects."""
    if not is_part_heading(u, rules, "contents_headings"):
        return False
    folded = Folded.of(u.text)
    return not any(folded.find(word) >= 0 for word, _ in rules.project_words)


def _lists(units: list[Unit], skip: set[int], rules: RuleSet) -> list[tuple[tuple[int, int] | None, list[_Item]]]:
    out: list[tuple[tuple[int, int] | None, list[_Item]]] = []
    current: list[_Item] = []
    key: tuple[int, int] | None = None
    place: object = None  # the cell (or None) the list stands in
    contents = False  # under a contents heading: no running text, table or section since
    in_contents: set[int] = set()  # first items of the lists that start there
    longest = rules.tune("heading_max_chars")
    for k, u in enumerate(units):
        if k in skip or not isinstance(u, TextUnit):
            if current:
                out.append((key, current))
            current, place, contents = [], None, False
            continue
        here = u.cell
        # A number with nothing after it (a page number a PDF's text kept) is no item.
        numbered = u.mark.number is not None and u.mark.depth == 1 and not u.labels and bool(u.body.strip())
        if here is not None or (u.mark.number is None and len(u.text) >= longest):
            contents = False
        elif _contents_heading(u, rules):
            if current:
                out.append((key, current))
            current, place, contents = [], None, True
            continue
        if current and here is not place:
            out.append((key, current))
            current = []
        if numbered:
            if not current and contents:
                in_contents.add(k)
            at = starts_with_project_word(u, rules)
            body = u.para.cut(at if at is not None else u.mark.body)
            current.append(_Item(k, k, [body], at is not None))
            key, place = _group_key(u), here
        elif current and not u.mark.marked and not u.labels and u.para.blank_before == 0 and \
                not is_part_heading(u, rules) and not is_part_heading(u, rules, "later_part_headings"):
            current[-1].pieces.append(u.para)
            current[-1].last = k
        elif current:
            out.append((key, current))
            current, place = [], None
    if current:
        out.append((key, current))
    kept: list[tuple[tuple[int, int] | None, list[_Item]]] = []
    for n, (key, items) in enumerate(out):
        if n and _continues_list(units, out[n - 1][1], items):
            key = out[n - 1][0]  # judged with the list it goes on from
        elif len(items) < 2:
            continue
        if items[0].first not in in_contents:
            kept.append((key, items))
    return kept


def _continues_list(units: list[Unit], before: list[_Item], items: list[_Item]) -> bool:
    """Does a list go on from the one right before it, numbered on past a page break that
    put its next items in a new cell ("4. …" at the foot of one table, "5. …" at the head
    of the next): the very next paragraph, in a cell of the same column?"""
    a, b = units[before[-1].first], units[items[0].first]
    assert isinstance(a, TextUnit) and isinstance(b, TextUnit)
    if before[-1].last + 1 != items[0].first or a.cell is None or b.cell is None or a.cell.col != b.cell.col:
        return False
    x, y = a.mark.number or "", b.mark.number or ""
    return x.isdigit() and y.isdigit() and int(y) == int(x) + 1


def _under_subheading(units: list[Unit], before: list[_Item], items: list[_Item], rules: RuleSet) -> bool:
    """Does a list of running text go on from the list before it under a sub-heading of the
    same part ("2.4 ด้าน…" between the items of "2.3 ด้าน…" and its own)?  Only a few short
    unlabelled lines outside tables stand between them, and the list is numbered afresh or
    on from the one before: the lists are judged together, as those of one table column are."""
    gap = units[before[-1].last + 1:items[0].first]
    if len(gap) > SUBHEADING_LINES:
        return False
    a, b = units[before[-1].first], units[items[0].first]
    assert isinstance(a, TextUnit) and isinstance(b, TextUnit)
    x, y = a.mark.number or "", b.mark.number or ""
    if not (y == "1" or (x.isdigit() and y.isdigit() and int(y) == int(x) + 1)):
        return False  # numbered afresh, or on from the list before
    return all(isinstance(u, TextUnit) and u.cell is None and not u.labels
               and len(u.text.strip()) < rules.tune("heading_max_chars") for u in gap)


#: Lines of sub-headings that may stand between two lists judged together.
SUBHEADING_LINES = 2


def list_mentions(units: list[Unit], skip: set[int], rules: RuleSet) -> list[Mention]:
    """Every item of the lists that name projects (see the module docstring)."""
    share = rules.tune("project_list_share")
    found = _lists(units, skip, rules)
    by_key: dict[object, list[_Item]] = {}
    chain: object = None
    for n, (key, items) in enumerate(found):
        if key is None:
            if not (n and found[n - 1][0] is None and _under_subheading(units, found[n - 1][1], items, rules)):
                chain = ("list", n)
            key = chain
        by_key.setdefault(key, []).extend(items)
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
