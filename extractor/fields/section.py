"""Walk a project's detail section and sort its lines into parts by heading.

The result is, per part (objectives, targets, indicators, budget …), the
entries found under it: text lines, kind sub-headings, inline values after a
heading, and tables.  Turning entries into values is done by the field
modules (items, indicators, budget, header).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..headings import classify, kind_mark
from ..lines import Line, Piece
from ..tables import Table, cell_table, is_header_row, row_table
from .items import Entry

KIND_FIELDS = {"targets", "indicators", "results", "evaluation", "expected_results"}
SWITCHABLE = {None, "rationale", "other", "target_group", "calendar"}
_RULE = regex.compile(r"^\s*[-_=.]{6,}\s*$")


@dataclass
class Part:
    entries: list[Entry] = field(default_factory=list)
    values: list[Piece] = field(default_factory=list)  # inline values after the heading
    labels: list[str] = field(default_factory=list)  # the heading words of each value
    tables: list[tuple[Table, str | None]] = field(default_factory=list)  # table, kind in force
    heading_lines: list[int] = field(default_factory=list)


@dataclass
class Section:
    parts: dict[str, Part] = field(default_factory=dict)
    headings: int = 0  # number of headings seen

    def part(self, name: str) -> Part:
        return self.parts.setdefault(name, Part())


def read_section(lines: list[Line], start: int, end: int) -> Section:
    sec = Section()
    current: str | None = None
    kind: str | None = None
    i = start
    while i < end:
        ln = lines[i]
        if ln.blank:
            if current is not None:
                sec.part(current).entries.append(Entry(ln))
            i += 1
            continue
        if _RULE.match(ln.text):
            current, kind = None, None
            i += 1
            continue
        h = classify(ln) if not ln.tabbed and not _table_row(ln) else None
        if h is not None and (h.depth <= 1 or current in SWITCHABLE or h.field == current
                              or (h.field not in KIND_FIELDS and current not in KIND_FIELDS)):
            current = h.field
            kind = h.kind
            sec.headings += 1
            part = sec.part(current)
            part.heading_lines.append(i)
            part.entries.append(Entry(kind=h.kind))  # items never run across headings
            if h.value is not None:
                part.values.append(h.value)
                part.labels.append(h.label)
                if h.field in KIND_FIELDS | {"objectives", "activities"}:
                    part.entries.append(Entry(h.value))
            i += 1
            continue
        if ln.has_tabs:
            j = i
            while j < end and lines[j].has_tabs:
                j += 1
            if current is not None:
                sec.part(current).tables.append((row_table(lines[i:j]), kind))
                sec.part(current).entries.append(Entry(kind=kind))  # no item spans a table
            i = j
            continue
        if ln.tabbed:
            j = i + 1
            while j < end and not (not lines[j].tabbed and not lines[j].blank and classify(lines[j])):
                if lines[j].has_tabs:
                    break
                j += 1
            if current is not None:
                sec.part(current).tables.append((cell_table(lines[i:j]), kind))
                sec.part(current).entries.append(Entry(kind=kind))
            i = j
            continue
        if current in KIND_FIELDS:
            km = kind_mark(ln)
            if km is not None:
                kind = km.kind
                part = sec.part(current)
                part.entries.append(Entry(kind=km.kind))
                if km.rest is not None:
                    part.entries.append(Entry(km.rest))
                i += 1
                continue
        if current is not None:
            sec.part(current).entries.append(Entry(ln))
        i += 1
    return sec


def _table_row(ln: Line) -> bool:
    """A tabbed line that is a table row, not 'label<TAB>value'."""
    if not ln.has_tabs:
        return False
    cells = [c.clean for c in ln.cells()]
    filled = [c for c in cells if c]
    if len(filled) >= 3:
        return True
    return is_header_row(cells) and classify(ln) is None


def count_headings(lines: list[Line], start: int, end: int, window: int) -> tuple[int, int | None]:
    """(distinct fields headed in [start, end), non-blank lines before the first heading)."""
    fields: set[str] = set()
    first: int | None = None
    seen = 0
    for i in range(start, end):
        ln = lines[i]
        if ln.blank:
            continue
        h = classify(ln) if not ln.tabbed else None
        if h is not None and h.field not in ("other",):
            fields.add(h.field)
            if first is None:
                first = seen
        seen += 1
        if first is None and seen > window:
            break
    return len(fields), first
