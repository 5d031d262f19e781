"""The document model every pipeline stage shares.

Readers produce a :class:`SourceText`; the extraction stages fill a
:class:`Document`; exporters and checks read it.  ``to_dict()`` gives the
shape of SCHEMA.md (validated against ``extractor/schema/document.schema.json``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class Span:
    """Character offsets into the source text (end exclusive), 1-based line and page."""

    start: int
    end: int
    line: int
    page: int | None = None
    where: str | None = None  # reader-specific place, e.g. "table 3, row 2, cell 1"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "line": self.line, "page": self.page}
        if self.where is not None:
            out["where"] = self.where
        return out


@dataclass
class SourceText:
    """What a reader hands to the pipeline: the text that spans point into.

    ``page_starts`` holds the offset where each page begins (PDF); ``regions``
    holds ``(start_offset, label)`` pairs naming the reader's blocks (e.g. a
    Word paragraph or table cell) so that a span can say where it came from.
    """

    text: str
    path: str | None = None
    format: str = "txt"
    encoding: str | None = None
    sha256: str | None = None
    pages: int | None = None
    page_starts: list[int] = field(default_factory=list)
    regions: list[tuple[int, str]] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text came from OCR (1-based)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts
        self._region_starts = [r[0] for r in self.regions]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def page_of(self, offset: int) -> int | None:
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def region_of(self, offset: int) -> str | None:
        if not self.regions:
            return None
        i = bisect.bisect_right(self._region_starts, offset) - 1
        return self.regions[i][1] if i >= 0 else None

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.line_of(start), self.page_of(start), self.region_of(start))


def _span(s: Span | None) -> dict[str, Any] | None:
    return s.to_dict() if s is not None else None


@dataclass
class TextItem:
    """An objective, activity, expected result: cleaned text plus evidence."""

    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": _span(self.span)}


@dataclass
class KindItem:
    """A target (kind output/outcome) or a result (kind quantitative/qualitative)."""

    text: str
    kind: str | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "span": _span(self.span)}


@dataclass
class TargetValue:
    text: str
    value: float | int | None
    unit: str | None
    comparator: str | None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value, "unit": self.unit,
                "comparator": self.comparator, "span": _span(self.span)}


@dataclass
class Indicator:
    text: str
    kind: str | None
    span: Span
    target: TargetValue | None = None
    result: TargetValue | None = None  # reports: the value achieved

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "span": _span(self.span),
                "target": self.target.to_dict() if self.target else None,
                "result": self.result.to_dict() if self.result else None}


@dataclass
class BudgetItem:
    label: str
    amount: float | int | None
    span: Span | None = None
    quarters: list[float | int | None] | None = None  # Q1..Q4 when a quarterly plan gives them

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "amount": self.amount, "span": _span(self.span)}
        if self.quarters is not None:
            out["quarters"] = self.quarters
        return out


@dataclass
class BudgetSource:
    source: str
    amount: float | int | None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "amount": self.amount, "span": _span(self.span)}


@dataclass
class StatedAmount:
    """An amount the document states for a project somewhere (its detail text, a summary row)."""

    amount: float | int | None
    place: str  # detail | summary | table_total
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"amount": self.amount, "place": self.place, "span": _span(self.span)}


@dataclass
class Budget:
    amount: float | int | None = None
    no_budget: bool = False
    spent: float | int | None = None
    currency: str = "THB"
    text: str | None = None
    words: str | None = None  # the amount as printed in Thai words (…บาทถ้วน), when given
    sources: list[BudgetSource] = field(default_factory=list)
    items: list[BudgetItem] = field(default_factory=list)
    span: Span | None = None
    spent_span: Span | None = None
    # Quarter totals row (รวม) of a quarterly plan table, when given.
    quarter_totals: list[float | int | None] | None = None
    total_row: float | int | None = None
    total_row_span: Span | None = None
    # Multi-year plans: the amount of every year (Buddhist era; None where "-"),
    # and the year whose amount is ``amount`` (the document's fiscal year).
    by_year: dict[int, float | int | None] = field(default_factory=dict)
    year: int | None = None
    # Every amount stated for the project, where the places disagree or not.
    stated: list[StatedAmount] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "amount": self.amount, "no_budget": self.no_budget, "spent": self.spent,
            "currency": self.currency, "text": self.text, "words": self.words,
            "sources": [s.to_dict() for s in self.sources],
            "items": [i.to_dict() for i in self.items],
            "by_year": {str(y): v for y, v in sorted(self.by_year.items())},
            "span": _span(self.span),
        }
        if self.by_year and self.year is not None:
            out["year"] = self.year
        if self.stated:
            out["stated"] = [x.to_dict() for x in self.stated]
        if self.quarter_totals is not None:
            out["quarter_totals"] = self.quarter_totals
            out["total_row"] = self.total_row
        return out


@dataclass
class Responsible:
    unit: str | None = None
    persons: list[str] = field(default_factory=list)
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "persons": list(self.persons), "span": _span(self.span)}


@dataclass
class Period:
    text: str
    start: str | None
    end: str | None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "span": _span(self.span)}


@dataclass
class FieldGap:
    """A field's label printed with nothing under it ("ตัวชี้วัด" followed by the next heading)."""

    field: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "span": self.span.to_dict()}


@dataclass
class ProjectFields:
    """What a document says about a project (a detail section, a table row, or both)."""

    budget: Budget = field(default_factory=Budget)
    objectives: list[TextItem] = field(default_factory=list)
    targets: list[KindItem] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    activities: list[TextItem] = field(default_factory=list)
    expected_results: list[TextItem] = field(default_factory=list)
    results: list[KindItem] = field(default_factory=list)
    responsible: Responsible = field(default_factory=Responsible)
    period: Period | None = None
    status: str | None = None
    gaps: list[FieldGap] = field(default_factory=list)  # labels printed with nothing under them


@dataclass(kw_only=True)
class Project(ProjectFields):
    id: str
    number: str | None
    name: str
    span: Span
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "name": self.name,
            "budget": self.budget.to_dict(),
            "objectives": [o.to_dict() for o in self.objectives],
            "targets": [t.to_dict() for t in self.targets],
            "indicators": [i.to_dict() for i in self.indicators],
            "activities": [a.to_dict() for a in self.activities],
            "expected_results": [e.to_dict() for e in self.expected_results],
            "results": [r.to_dict() for r in self.results],
            "responsible": self.responsible.to_dict(),
            "period": self.period.to_dict() if self.period else None,
            "status": self.status,
            "span": self.span.to_dict(),
            "mentions": [m.to_dict() for m in self.mentions],
            "gaps": [g.to_dict() for g in self.gaps],
        }


@dataclass
class Finding:
    rule: str
    severity: str  # error | warning | info
    project_id: str | None
    message: str  # Thai
    span: Span | None
    message_en: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "project_id": self.project_id,
                "message": self.message, "message_en": self.message_en, "span": _span(self.span)}


@dataclass
class DocumentInfo:
    title: str | None = None
    organization: str | None = None
    fiscal_year: int | None = None
    document_type: str = "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "organization": self.organization,
                "fiscal_year": self.fiscal_year, "document_type": self.document_type}


@dataclass
class ListingEntry:
    number: str | None
    name: str
    span: Span
    project_id: str | None


@dataclass
class Listing:
    """A list or table that names projects in order (a table of contents, a summary
    table, the run of detail sections): what numbering and naming checks read."""

    kind: str  # table | list | sections
    entries: list[ListingEntry] = field(default_factory=list)


@dataclass
class Note:
    """Something the extractor could not do, said in the output ("no project found")."""

    code: str  # no_projects | unattributed | amount_too_large
    message: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "span": _span(self.span)}


@dataclass
class Document:
    source: SourceText
    info: DocumentInfo = field(default_factory=DocumentInfo)
    projects: list[Project] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)  # not serialized: for checks

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        src = self.source
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "source": {
                "path": src.path,
                "sha256": src.sha256,
                "format": src.format,
                "encoding": src.encoding,
                "pages": src.pages,
                "ocr_pages": list(src.ocr_pages),
                "chars": len(src.text),
            },
            "document": self.info.to_dict(),
            "projects": [p.to_dict() for p in self.projects],
            "findings": [f.to_dict() for f in self.findings],
            "notes": [n.to_dict() for n in self.notes],
        }
        if include_text:
            out["source_text"] = src.text
        return out
