"""Budget arithmetic: quarterly plan tables, line items, funding sources, spent.

A quarterly plan table (แผนการใช้จ่ายงบประมาณ รายไตรมาส) holds several sums at
once: every activity row (Q1+Q2+Q3+Q4 = row total), every quarter column
(activity cells = the รวม row's cell), the รวม row itself, and the amount
column (activity totals = the grand total, = the stated budget).  One wrong
cell breaks two of these sums; the checker reports the cell once:

* a row and a quarter column off by the same amount → the crossing cell
  (``budget-row-sum``, naming that quarter);
* a row off, and the amount column off by the opposite amount → the row's
  total cell (``budget-row-sum``; no separate ``budget-items-sum``);
* quarter columns off, and the รวม row's quarters off by the opposite sum →
  the รวม row (``budget-column-sum``; no ``budget-total-row-sum``).

Everything comes from ``Project.budget``: ``items`` (each with its row total
and, in a quarterly table, ``quarters``), ``quarter_totals``, ``total_row``
and the amounts the text states (``stated``).  The Document gives the span of
a row's total cell only, so a finding about a quarter cell points at its row's
total cell (and names the quarter).
"""

from __future__ import annotations

import bisect
from typing import Iterator

from ..model import Budget, Project, StatedAmount
from .context import Context, baht, short
from .registry import Hit, checker
from .text import letters

EPS = 0.005


def _num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _differ(a: float, b: float) -> bool:
    return abs(a - b) > EPS


def stated(b: Budget, place: str) -> StatedAmount | None:
    """The first amount stated for the project at ``place`` (detail | table_total | summary)."""
    return next((s for s in b.stated if s.place == place and _num(s.amount)), None)


def _reliable_items(b: Budget) -> bool:
    """Items read from a table look like real rows: a worded label and an amount each."""
    need = 1 if _num(b.total_row) else 2
    if len(b.items) < need:
        return False
    return all(_num(it.amount) and letters(it.label) >= 4 for it in b.items)


@checker("budget-row-sum", "budget-column-sum", "budget-total-row-sum", "budget-items-sum", "budget-table-total")
def check_tables(ctx: Context) -> Iterator[Hit]:
    for p in ctx.projects:
        yield from _table(p)


def _table(p: Project) -> Iterator[Hit]:
    b = p.budget
    items = b.items
    qrows = [(k, it) for k, it in enumerate(items)
             if it.quarters and len(it.quarters) == 4 and all(_num(v) for v in it.quarters) and _num(it.amount)]
    all_quarterly = bool(items) and len(qrows) == len(items)
    T = b.quarter_totals if b.quarter_totals and len(b.quarter_totals) == 4 \
        and all(_num(v) for v in b.quarter_totals) else None

    row_fail = {k: it.amount - sum(it.quarters) for k, it in qrows if _differ(it.amount, sum(it.quarters))}
    col_sums = [sum(it.quarters[q] for _, it in qrows) for q in range(4)] if (T and all_quarterly) else None
    col_fail = {q: T[q] - col_sums[q] for q in range(4) if _differ(T[q], col_sums[q])} if col_sums else {}

    # A row and a column off by the same amount: the cell where they cross.
    crossing: dict[int, int] = {}
    for k, d in sorted(row_fail.items()):
        for q, dc in sorted(col_fail.items()):
            if q not in crossing.values() and not _differ(d, dc):
                crossing[k] = q
                break

    for k, it in qrows:
        if k not in row_fail:
            continue
        fields = {"label": short(it.label, 50), "quarter_sum": baht(sum(it.quarters)), "row_total": baht(it.amount)}
        span = it.span or b.span
        if k in crossing:
            q = crossing[k]
            yield Hit("budget-row-sum", p.id, span, "crossing",
                      {**fields, "q": q + 1, "column_sum": baht(col_sums[q]), "column_total": baht(T[q]),
                       "cell": baht(it.quarters[q])})
        else:
            yield Hit("budget-row-sum", p.id, span, "row", fields)

    loose_cols = {q: d for q, d in col_fail.items() if q not in crossing.values()}
    for q in sorted(loose_cols):
        yield Hit("budget-column-sum", p.id, b.total_row_span or b.span, "default",
                  {"q": q + 1, "column_sum": baht(col_sums[q]), "column_total": baht(T[q])})

    total = b.total_row if _num(b.total_row) else None
    amounts = sum(it.amount for it in items) if _reliable_items(b) else None
    detail = stated(b, "detail")
    said = detail.amount if detail is not None and not b.no_budget else None
    total_span = b.total_row_span or b.span
    # The total row's own total cell is wrong: its quarters and the items agree on another sum.
    total_cell_wrong = bool(T) and total is not None and _differ(total, sum(T)) and amounts is not None \
        and _differ(total, amounts) and not _differ(sum(T), amounts)
    if T and total is not None and _differ(total, sum(T)):
        explained = bool(loose_cols) and col_sums is not None and not _differ(total, sum(col_sums))
        if total_cell_wrong:
            fields = {"total": baht(total), "count": len(items), "quarter_sum": baht(sum(T))}
            if said is not None and not _differ(said, sum(T)):
                yield Hit("budget-total-row-sum", p.id, total_span, "total_cell_stated",
                          {**fields, "stated": baht(said)})
            else:
                yield Hit("budget-total-row-sum", p.id, total_span, "total_cell", fields)
        elif not explained:
            yield Hit("budget-total-row-sum", p.id, total_span, "default",
                      {"quarter_sum": baht(sum(T)), "total": baht(total)})

    ref = total if total is not None else (b.amount if _num(b.amount) and not b.no_budget else None)
    if ref is not None and amounts is not None and _differ(ref, amounts) and not total_cell_wrong:
        explained = bool(row_fail) and all_quarterly and not _differ(ref, sum(sum(it.quarters) for it in items))
        if not explained:
            yield Hit("budget-items-sum", p.id, total_span if total is not None else b.span,
                      "total_row" if total is not None else "stated",
                      {"count": len(items), "items_sum": baht(amounts), "total": baht(ref)})

    if total is not None and said is not None and _differ(said, total):
        if total_cell_wrong and not _differ(said, sum(T)):
            return  # the total cell, reported above
        line = b.total_row_span.line if b.total_row_span else "?"
        yield Hit("budget-table-total", p.id, detail.span or b.span, "default",
                  {"stated": baht(said), "total": baht(total), "line": line})


@checker("budget-sources-sum")
def check_sources(ctx: Context) -> Iterator[Hit]:
    for p in ctx.projects:
        b = p.budget
        amounts = [s.amount for s in b.sources]
        if len(amounts) < 2 or not all(_num(a) for a in amounts) or not _num(b.amount) or b.no_budget:
            continue
        if _differ(sum(amounts), b.amount):
            yield Hit("budget-sources-sum", p.id, b.span, "default",
                      {"parts": " + ".join(baht(a) for a in amounts), "sum": baht(sum(amounts)),
                       "total": baht(b.amount)})


@checker("spent-over-budget")
def check_spent(ctx: Context) -> Iterator[Hit]:
    for p in ctx.projects:
        b = p.budget
        if not _num(b.spent):
            continue
        allocated = 0 if b.no_budget else b.amount
        if not _num(allocated) or b.spent <= allocated + EPS:
            continue
        yield Hit("spent-over-budget", p.id, b.spent_span or b.span, "default",
                  {"spent": baht(b.spent), "allocated": baht(allocated)})


@checker("amount-too-large")
def check_too_large(ctx: Context) -> Iterator[Hit]:
    """An amount printed too large to be believed (the extraction's ``amount_too_large``
    notes): it was not read, so the project it belongs to may show no budget."""
    starts = sorted((p.span.start, k) for k, p in enumerate(ctx.projects))
    cap = baht(ctx.rules["values"]["max_amount"])
    for n in ctx.doc.notes:
        if n.code != "amount_too_large" or n.span is None:
            continue
        # The project whose own text holds the amount, if any.
        k = bisect.bisect_right(starts, (n.span.start, len(starts))) - 1
        p = ctx.projects[starts[k][1]] if k >= 0 else None
        pid = p.id if p is not None and p.span.start <= n.span.start < p.span.end else None
        yield Hit("amount-too-large", pid, n.span, "default",
                  {"printed": short(ctx.printed(n.span), 40), "max_amount": cap})
