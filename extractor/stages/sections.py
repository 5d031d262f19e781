"""A project's detail section, cut into parts by its field labels.

A mention opens a *detail section* when field labels follow it: at least
``section_min_labels`` distinct fields before the next mention, the first
within ``header_window`` paragraphs.  The section runs to the next detail
section, the next part heading ("ส่วนที่ …") or the end of the document.  Its
paragraphs are cut into :class:`Part` s at each label: the label's inline value
and the paragraphs (and tables) up to the next label belong to that part.
A label of the same field deeper in the numbering than the part's own
heading ("5.1) กลุ่มเป้าหมาย …" under "2) กลุ่มเป้าหมาย") is an item of the
part, not a new part; an unlabelled paragraph numbered next after the
part's heading ("4.3 …" after "4.2 วัตถุประสงค์") is a heading the rules do
not know and ends the part.  The heading of a list field read already (a second
"วัตถุประสงค์") ends the section: the next record of a report begins there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..blocks import Piece
from ..ruleset import RuleSet
from ..vocab import Folded, fold, longest_prefix
from .labels import Label
from .mentions import Mention, Via
from .stream import GridUnit, TextUnit, Unit

# Fields whose labels say "this is a project's detail section".
SECTION_FIELDS = {"objectives", "targets", "target_group", "indicators", "evaluation", "budget", "allocated",
                  "spent", "activities", "expected_results", "results", "period", "responsible",
                  "responsible_person", "rationale"}


@dataclass
class Entry:
    """One paragraph of a part (or its inline value): the piece to read and its unit."""

    piece: Piece
    unit: TextUnit
    inline: bool = False  # the value written after the label on the label's line


@dataclass
class Part:
    field: str
    label: Label | None
    head: TextUnit | None
    entries: list[Entry] = field(default_factory=list)
    grids: list[GridUnit] = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        return self.label.kind if self.label else None

    @property
    def spec_items(self) -> bool:
        """Whether the part's text is read (not a boundary-only part such as "หลักการและเหตุผล")."""
        return self.label is not None and self.label.spec.items


@dataclass
class Section:
    mention: Mention
    end: int  # units index where the section ends (exclusive)
    parts: list[Part] = field(default_factory=list)
    lead: Part = field(default_factory=lambda: Part("lead", None, None))  # before the first label

    def all(self, name: str) -> list[Part]:
        return [p for p in self.parts if p.field == name]

    def first(self, name: str) -> Part | None:
        found = self.all(name)
        return found[0] if found else None


def labelled_fields(units: list[Unit], start: int, end: int) -> list[tuple[int, str]]:
    """(units index, field) of every label from start to end."""
    out = []
    for k in range(start, end):
        u = units[k]
        if isinstance(u, TextUnit):
            out.extend((k, label.field) for label in u.labels)
    return out


def opens_section(units: list[Unit], m: Mention, end: int, rules: RuleSet) -> bool:
    if m.listed:
        return False
    labelled = list(labelled_fields(units, m.last + 1, end))
    found = [(k, f) for k, f in labelled if f in SECTION_FIELDS]
    if len({f for _, f in found}) < rules.tune("section_min_labels"):
        return False
    # A name label ("ชื่อโครงการ …") heads a form: any label may open its header block
    # (a long "ความสอดคล้อง …" block can stand before the project's own fields).
    first = labelled[0][0] if m.via is Via.LABEL else found[0][0]
    return first - m.last <= rules.tune("header_window")


def is_part_heading(u: Unit, rules: RuleSet, key: str = "part_headings") -> bool:
    """A short paragraph outside tables that starts with a heading word of ``key``."""
    if not isinstance(u, TextUnit) or u.cell is not None:
        return False
    folded = Folded.of(u.body[:30])
    return longest_prefix(folded, rules.words_of("projects", key)) is not None and \
        len(u.text) < rules.tune("heading_max_chars")


def read_section(units: list[Unit], m: Mention, end: int) -> Section:
    sec = Section(m, end)
    current = sec.lead
    # The name paragraph itself may carry further labels ("ชื่อโครงการ … รหัสโครงการ …").
    head = units[m.index]
    assert isinstance(head, TextUnit)
    for label in head.labels[1:] if head.label is not None else []:
        current = _open(sec, label, head)
    sec.end = read_parts(units, m.last + 1, end, sec, current)
    return sec


def read_parts(units: list[Unit], start: int, end: int, sec: Section, current: Part) -> int:
    """Cut units[start:end] into the parts of ``sec``; returns where the section ends."""
    headings: dict[str, int] = {}  # list headings read (their folded words), and their depth
    for k in range(start, end):
        u = units[k]
        if isinstance(u, GridUnit):
            current.grids.append(u)
            continue
        labels = u.labels
        if not labels:
            if is_part_heading(u, u.rules, "later_part_headings") and \
                    any(p.field in LIST_FIELDS and p.entries for p in sec.parts):
                return k  # a standard or strategy heading after the project's lists
            if _sibling_heading(current, u):
                current = _open_unknown(sec, u)
                continue
            current.entries.append(Entry(u.para, u))
            continue
        first = labels[0]
        words = fold(u.text[first.start:first.end])
        if _repeats_heading(first, words, headings, current):
            return k  # the same list heading again: another record (a next item of the report) begins
        if first.value is None and first.spec.items and first.field in LIST_FIELDS:
            headings.setdefault(words, first.depth)
        if first.start > u.mark.body:  # text before a secondary label stays with the current part
            current.entries.append(Entry(u.para.cut(0, first.start), u))
        if _item_of(current, first):
            current.entries.append(Entry(u.para.cut(u.mark.body), u))
            continue
        for label in labels:
            current = _open(sec, label, u)
    return end


def prologue(units: list[Unit], sec: Section) -> Section:
    """The labelled parts printed before a form's name line (a form that ticks its
    objectives above "ชื่อกิจกรรม …"), as a section of their own."""
    pro = Section(sec.mention, sec.mention.index)
    read_parts(units, 0, sec.mention.index, pro, pro.lead)
    return pro


LIST_FIELDS = {"objectives", "targets", "indicators", "results", "expected_results"}


def _repeats_heading(label: Label, words: str, headings: dict[str, int], current: Part) -> bool:
    """The same heading words of a list field read already in this section, at its depth or above."""
    if words not in headings or label.value is not None or _item_of(current, label):
        return False
    return label.depth <= headings[words]


def _item_of(part: Part, label: Label) -> bool:
    """A same-field label numbered deeper than the part's heading is an item of it."""
    if part.label is None or label.field != part.field or part.head is None:
        return False
    return part.head.mark.depth > 0 and label.depth > part.head.mark.depth


def _successor(a: str, b: str) -> bool:
    """Is item number b the one after a ("4.2" → "4.3", "2" → "3")?"""
    x, y = a.split("."), b.split(".")
    return len(x) == len(y) and x[:-1] == y[:-1] and x[-1].isdigit() and y[-1].isdigit() \
        and int(x[-1]) + 1 == int(y[-1])


def _sibling_heading(part: Part, u: TextUnit) -> bool:
    """An unlabelled paragraph numbered next after the part's own heading ("4.3 …" after
    "4.2 วัตถุประสงค์" and its items 4.2.1 …): a heading the rules do not know, which ends
    the part.  Not when it also numbers on from the part's last item ("3." after the
    items "1.", "2." under "2. วัตถุประสงค์")."""
    if part.label is None or part.head is None or not part.head.mark.number or not u.mark.number:
        return False
    if not _successor(part.head.mark.number, u.mark.number):
        return False
    last = next((e.unit.mark.number for e in reversed(part.entries) if e.unit.mark.number and not e.inline), None)
    return last is None or not _successor(last, u.mark.number)


def _open_unknown(sec: Section, u: TextUnit) -> Part:
    part = Part("other", None, u)
    sec.parts.append(part)
    return part


def _open(sec: Section, label: Label, u: TextUnit) -> Part:
    part = Part(label.field, label, u)
    if label.value is not None:
        part.entries.append(Entry(u.para.cut(*label.value), u, inline=True))
    sec.parts.append(part)
    return part
