"""Summary-table rows of each project, for the summary-vs-detail checks.

The extractor merges a project's summary-table row into the project but keeps
only one budget (the detail section's when there is one), so the table's own
figures are gone from :class:`~extractor.model.Project`.  This module
re-runs the segment stage (``extractor.segment.find_mentions``, read only)
and reads the budget and spent cells of every table-row mention, matched to
its project by the offset of the name (``Project.mentions`` / ``Project.span``).

A smaller alternative for the model: ``Project.table_budget: Budget | None``
filled by the structure stage from the row's cells.  Until then, this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..fields import budget as budget_f
from ..model import Span
from ..tables import TCell

if TYPE_CHECKING:
    from .context import Context


@dataclass
class TableAmount:
    amount: float | int | None  # None: not a number ('-' reads as 0)
    no_budget: bool
    span: Span | None
    text: str


@dataclass
class TableRow:
    line: int  # 1-based line of the row
    start: int  # offsets covering every cell of the row (continuation rows included)
    end: int
    budget: list[TableAmount] = field(default_factory=list)  # one per funding-source sub-row
    spent: list[TableAmount] = field(default_factory=list)

    def covers(self, offset: int) -> bool:
        return self.start <= offset <= self.end

    def total(self, kind: str) -> float | int | None:
        cells = self.budget if kind == "budget" else self.spent
        values = [c.amount for c in cells if c.amount is not None]
        return sum(values) if values else None


def _amount(cell: TCell, ctx: "Context") -> TableAmount | None:
    text = cell.text
    if not text or not cell.paragraphs:
        return None
    p = cell.paragraphs[0]
    span = ctx.span(p.start, p.end)
    if budget_f.is_no_budget(text):
        return TableAmount(0, True, span, text)
    value = budget_f.amount_of_cell(cell)
    if value is None and text.strip() in {"-", "–", "—"}:
        value = 0
    return TableAmount(value, False, span, text)


def table_rows(ctx: "Context") -> dict[str, list[TableRow]]:
    """{project id: [TableRow]} for table-row mentions that carry budget or spent cells."""
    out: dict[str, list[TableRow]] = {}
    lines = ctx.lines
    for m in ctx.mentions:
        if m.layout not in ("row", "cell") or not m.cells:
            continue
        rows = [m.cells] + list(m.extra_rows)
        if not any("budget" in r or "spent" in r for r in rows):
            continue
        pid = ctx.project_at_mention(m.name_start)
        if pid is None:
            continue
        offsets = [lines[m.line].start, lines[m.last_line].end]
        for r in rows:
            for cell in r.values():
                for piece in cell.paragraphs:
                    offsets += [piece.start, piece.end]
        row = TableRow(lines[m.line].no, min(offsets), max(offsets))
        for r in rows:
            for role, target in (("budget", row.budget), ("spent", row.spent)):
                if role in r:
                    a = _amount(r[role], ctx)
                    if a is not None:
                        target.append(a)
        out.setdefault(pid, []).append(row)
    return out
