"""What a checker sees: the document plus a few shared, lazily computed views."""

from __future__ import annotations

import bisect
from functools import cached_property

from ..lines import Line, split_lines
from ..model import Document, Project, Span
from ..textutil import thai_to_arabic


class Context:
    def __init__(self, doc: Document, active: set[str] | None = None):
        self.doc = doc
        self.text = doc.source.text
        self.document_type = doc.info.document_type or "unknown"
        self.active = active  # rules that may report (None: all)
        self._headings: dict[int, object] = {}
        self._memo: dict[str, object] = {}

    def memo(self, key: str, compute):
        """A value computed once per document and shared by checkers."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def on(self, rule_id: str) -> bool:
        """Whether ``rule_id`` can report for this document (checkers skip work for rules that are off)."""
        return self.active is None or rule_id in self.active

    def heading(self, index: int):
        """``extractor.headings.classify`` of line ``index`` (0-based), memoised."""
        if index not in self._headings:
            from ..headings import classify

            ln = self.lines[index]
            self._headings[index] = None if ln.blank else classify(ln)
        return self._headings[index]

    @property
    def projects(self) -> list[Project]:
        return self.doc.projects

    @cached_property
    def lines(self) -> list[Line]:
        return split_lines(self.text)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    def line_at(self, offset: int) -> Line:
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return self.lines[max(0, i)]

    def span(self, start: int, end: int) -> Span:
        return self.doc.source.span(start, end)

    @cached_property
    def _sections(self) -> list[tuple[int, int, str]]:
        return sorted((p.span.start, p.span.end, p.id) for p in self.projects)

    def project_at(self, offset: int) -> str | None:
        """The id of the project whose main section contains ``offset`` (innermost), or None."""
        best: tuple[int, str] | None = None
        for start, end, pid in self._sections:
            if start > offset:
                break
            if offset < end and (best is None or end - start < best[0]):
                best = (end - start, pid)
        return best[1] if best else None

    @cached_property
    def _by_name_offset(self) -> dict[int, str]:
        out: dict[int, str] = {}
        for p in self.projects:
            out.setdefault(p.span.start, p.id)
            for m in p.mentions:
                out.setdefault(m.start, p.id)
        return out

    @cached_property
    def _by_first_line(self) -> dict[int, str]:
        out: dict[int, str] = {}
        for p in self.projects:
            out.setdefault(p.span.line, p.id)
        return out

    def project_at_mention(self, name_start: int) -> str | None:
        """The project a mention (by the offset of its name) was merged into, or None:
        one of its mentions, or the header line of its main section."""
        pid = self._by_name_offset.get(name_start)
        if pid is None:
            pid = self._by_first_line.get(self.line_at(name_start).no)
        return pid

    def project(self, pid: str | None) -> Project | None:
        return next((p for p in self.projects if p.id == pid), None) if pid else None

    @cached_property
    def mentions(self):
        """Every place naming a project (``extractor.segment.find_mentions``, re-run read-only)."""
        from ..segment import find_mentions

        return find_mentions(self.lines)

    @cached_property
    def table_rows(self):
        """Summary-table rows of each project (see ``sources.py``)."""
        from .sources import table_rows

        return table_rows(self)


def baht(value: float | int | None) -> str:
    """An amount as printed in findings: 12,500 or 43,135.20."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def plain_number(text: str) -> str:
    return thai_to_arabic(text)


def short(text: str, limit: int = 60) -> str:
    s = " ".join(text.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
