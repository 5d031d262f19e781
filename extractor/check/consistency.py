"""A project's figures in the summary table against its detail section."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

import regex

from ..model import Project
from ..numbers import numbers_in
from ..ruleset import rules
from ..textutil import compact
from .context import Context, baht
from .registry import DOCUMENT_TYPES, Hit, checker, rule
from .sources import TableRow

EPS = 0.005

rule("summary-detail-budget", "consistency", "error",
     "งบประมาณของโครงการในตารางสรุปไม่ตรงกับในรายละเอียดโครงการ",
     "A project's budget in the summary table disagrees with its detail section")
# Off by default: a summary's "เบิกจ่าย" (disbursed, by the finance group, as of
# its date) and a detail's "ใช้จ่าย (รวมผูกพัน…)" (used, commitments included)
# measure different things and differ legitimately.  `enable` to compare them.
rule("summary-detail-spent", "consistency", "info",
     "ยอดใช้จ่าย/เบิกจ่ายในตารางสรุปไม่ตรงกับในรายละเอียดโครงการ",
     "Spent/disbursed in the summary table differs from the detail section",
     by_type={t: "off" for t in DOCUMENT_TYPES})


@lru_cache(maxsize=1)
def _spent_words() -> tuple[str, ...]:
    words = list(rules()["values"]["budget"]["spent_words"]) + ["ใช้จ่าย", "คงเหลือ"]
    return tuple(compact(w) for w in words)


def _from_table(rows: list[TableRow], offset: int | None) -> bool:
    return offset is not None and any(r.covers(offset) for r in rows)


def _stated_in_section(ctx: Context, p: Project, value: float, rows: list[TableRow]) -> bool:
    """The section prints ``value`` as an allocation somewhere (on a line that is
    not about spending), so the extracted figure, not the document, differs."""
    start, end = p.span.start, p.span.end
    for ln in ctx.lines[ctx.line_at(start).no - 1:]:
        if ln.start > end:
            break
        if _from_table(rows, ln.start):
            continue
        c = compact(ln.text)
        if any(w in c for w in _spent_words()):
            continue
        if any(abs(f.value - value) <= EPS for f in numbers_in(ln.text)):
            return True
    return False


@checker("summary-detail-budget", "summary-detail-spent")
def check_summary_detail(ctx: Context) -> Iterator[Hit]:
    tables = ctx.table_rows
    for p in ctx.projects:
        rows = tables.get(p.id)
        if not rows:
            continue
        b = p.budget
        # Budget: the detail section's figure is Project.budget when it did not come from a table row.
        table_amount = None
        cells = [c for r in rows for c in r.budget]
        if cells and all(c.amount is not None for c in cells):
            table_amount = sum(c.amount for c in cells)
            table_no_budget = all(c.no_budget for c in cells)
        detail_from_section = b.span is not None and not _from_table(rows, b.span.start)
        if table_amount is not None and detail_from_section and (b.amount is not None or b.no_budget):
            detail = 0 if b.no_budget else b.amount
            if abs(detail - table_amount) > EPS and not _stated_in_section(ctx, p, table_amount, rows):
                line = rows[0].line
                t_th = "ไม่ใช้งบประมาณ" if table_no_budget else f"{baht(table_amount)} บาท"
                t_en = "no budget" if table_no_budget else baht(table_amount)
                d_th = "ไม่ใช้งบประมาณ" if b.no_budget else f"{baht(detail)} บาท"
                d_en = "no budget" if b.no_budget else baht(detail)
                yield Hit("summary-detail-budget", p.id, b.span,
                          f"ตารางสรุป (บรรทัด {line}) ระบุงบประมาณ {t_th} แต่รายละเอียดโครงการระบุ {d_th}",
                          f"the summary table (line {line}) gives {t_en} but the detail section gives {d_en}")
        # Spent: the table's spent cells against the detail section's spent phrase.
        spent_cells = [c for r in rows for c in r.spent]
        if not spent_cells or not all(c.amount is not None for c in spent_cells) or b.spent_span is None:
            continue
        if _from_table(rows, b.spent_span.start):
            continue
        printed = ctx.text[b.spent_span.start:b.spent_span.end]
        found = numbers_in(regex.sub(r"\s", "", printed))
        if not found:
            continue
        detail_spent = found[0].value
        table_spent = sum(c.amount for c in spent_cells)
        if abs(detail_spent - table_spent) > EPS:
            line = rows[0].line
            yield Hit("summary-detail-spent", p.id, b.spent_span,
                      f"ตารางสรุป (บรรทัด {line}) ระบุเบิกจ่าย {baht(table_spent)} บาท "
                      f"แต่รายละเอียดโครงการระบุใช้จ่าย {baht(detail_spent)} บาท",
                      f"the summary table (line {line}) gives {baht(table_spent)} spent "
                      f"but the detail section gives {baht(detail_spent)}")
