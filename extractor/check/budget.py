"""Budget arithmetic: quarterly plan tables, line items, funding sources, spent.

A quarterly plan table (แผนการใช้จ่ายงบประมาณ รายไตรมาส) holds several sums at
once: every activity row (Q1+Q2+Q3+Q4 = row total), every quarter column
(activity cells = the รวม row's cell), the รวม row itself, and the amount
column (activity totals = the grand total, = the stated budget).  One wrong
cell breaks two of these sums; the checker reports the cell once:

* a row and a quarter column off by the same amount → the cell where they
  cross (``budget-row-sum``, pointing at that quarter cell);
* a row off, and the amount column off by the opposite amount → the row's
  total cell (``budget-row-sum``; no separate ``budget-items-sum``);
* quarter columns off, and the รวม row's quarters off by the opposite sum →
  the รวม row's quarter cells (``budget-column-sum``; no
  ``budget-total-row-sum``).
"""

from __future__ import annotations

from typing import Iterator

import regex

from ..model import Budget, BudgetItem, Project, Span
from ..numbers import is_amount_cell, is_dash_cell, parse_number
from .context import Context, baht, short
from .registry import Hit, checker, rule

EPS = 0.005
QUARTERS_TH = ("ไตรมาสที่ 1", "ไตรมาสที่ 2", "ไตรมาสที่ 3", "ไตรมาสที่ 4")

rule("budget-row-sum", "budget", "error",
     "แถวในตารางแผนการใช้จ่ายรายไตรมาส: ผลรวมไตรมาสที่ 1–4 ไม่เท่ากับยอดรวมของแถว",
     "A row of a quarterly spending plan: Q1–Q4 do not add up to the row's total")
rule("budget-column-sum", "budget", "error",
     "คอลัมน์ไตรมาสในตารางแผนการใช้จ่าย: ผลรวมของกิจกรรมไม่เท่ากับช่องในแถวรวม",
     "A quarter column of a spending plan: the activity cells do not add up to the total (รวม) row")
rule("budget-total-row-sum", "budget", "error",
     "แถวรวมของตารางแผนการใช้จ่าย: ผลรวมไตรมาสที่ 1–4 ไม่เท่ากับยอดรวมทั้งสิ้น",
     "The total (รวม) row of a spending plan: its quarters do not add up to its own total")
rule("budget-items-sum", "budget", "error",
     "รายการค่าใช้จ่าย/กิจกรรมรวมกันไม่เท่ากับงบประมาณรวม",
     "Line items or activities do not add up to the total")
rule("budget-table-total", "budget", "error",
     "ยอดรวมในตารางงบประมาณไม่ตรงกับงบประมาณที่ระบุในข้อความ",
     "The budget table's total row disagrees with the stated budget")
rule("budget-sources-sum", "budget", "error",
     "งบประมาณแยกตามแหล่งเงินรวมกันไม่เท่ากับยอดรวมที่ระบุ",
     "Amounts per funding source do not add up to the stated total")
rule("spent-over-budget", "budget", "error",
     "ใช้จ่าย/เบิกจ่ายมากกว่างบประมาณที่ได้รับจัดสรร",
     "Spent or disbursed is more than allocated")


def _num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _differ(a: float, b: float) -> bool:
    return abs(a - b) > EPS


def _cell_spans(ctx: Context, span: Span | None, count: int) -> list[Span] | None:
    """Spans of the ``count`` numeric cells ending with the cell at ``span``
    (a row-per-line table row: cells separated by TABs), else None."""
    if span is None:
        return None
    line = ctx.line_at(span.start)
    if "\t" not in line.text:
        return None
    cells = []
    for piece in line.cells():
        t = piece.text.strip()
        if not t:
            continue
        lead = len(piece.text) - len(piece.text.lstrip())
        cells.append((piece.start + lead, piece.start + lead + len(t), t))
    idx = next((i for i, c in enumerate(cells) if c[0] <= span.start < c[1] + 1), None)
    if idx is None or idx + 1 < count:
        return None
    run = cells[idx - count + 1: idx + 1]
    if not all(is_amount_cell(t) or is_dash_cell(t) for _, _, t in run):
        return None
    return [ctx.span(s, e) for s, e, _ in run]


def _label(item: BudgetItem) -> str:
    return short(item.label, 50)


def _letters(text: str) -> int:
    return len(regex.findall(r"[ก-ฮะ-ฺเ-์A-Za-z]", text))


def _reliable_items(b: Budget) -> bool:
    """Items read from a table look like real rows: a worded label and an amount each."""
    need = 1 if _num(b.total_row) else 2
    if len(b.items) < need:
        return False
    return all(_num(it.amount) and _letters(it.label) >= 4 for it in b.items)


@checker("budget-row-sum", "budget-column-sum", "budget-total-row-sum", "budget-items-sum", "budget-table-total")
def check_tables(ctx: Context) -> Iterator[Hit]:
    for p in ctx.projects:
        yield from _table(ctx, p)


_QUARTER_HEADER = regex.compile(r"ไตรมาส|\bQ[1-4]\b|ต\.ค\.|ม\.ค\.|เม\.ย\.|ก\.ค\.")


def _quarterly(ctx: Context, b: Budget) -> bool:
    """The table's header (the 15 lines above its first row) names quarters: five
    numeric columns are Q1–Q4 and a total only in a quarterly plan."""
    first = next((it.span for it in b.items if it.span is not None), None) or b.total_row_span
    if first is None:
        return False
    k = ctx.line_at(first.start).no - 1
    return any(_QUARTER_HEADER.search(ln.text) for ln in ctx.lines[max(0, k - 15):k + 1])


def _table(ctx: Context, p: Project) -> Iterator[Hit]:
    b = p.budget
    items = b.items
    quarterly = (any(it.quarters for it in items) or b.quarter_totals is not None) and _quarterly(ctx, b)
    qrows = [(k, it) for k, it in enumerate(items)
             if quarterly and it.quarters and len(it.quarters) == 4 and all(_num(v) for v in it.quarters)
             and _num(it.amount)]
    all_quarterly = bool(items) and len(qrows) == len(items)
    T = b.quarter_totals if quarterly and b.quarter_totals and len(b.quarter_totals) == 4 \
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
    total_cells = _cell_spans(ctx, b.total_row_span, 5)

    for k, it in qrows:
        if k not in row_fail:
            continue
        qsum = sum(it.quarters)
        cells = _cell_spans(ctx, it.span, 5)
        if k in crossing:
            q = crossing[k]
            span = cells[q] if cells else it.span
            yield Hit("budget-row-sum", p.id, span,
                      f'แถว "{_label(it)}": ไตรมาสที่ 1–4 รวมกันได้ {baht(qsum)} บาท แต่ยอดรวมของแถวคือ {baht(it.amount)} บาท '
                      f'และคอลัมน์{QUARTERS_TH[q]} รวมกันไม่ตรงกับแถวรวม ({baht(col_sums[q])} กับ {baht(T[q])}) '
                      f'จึงน่าจะผิดที่ช่อง{QUARTERS_TH[q]} ({baht(it.quarters[q])} บาท)',
                      f'row "{_label(it)}": Q1–Q4 add up to {baht(qsum)} but the row total is {baht(it.amount)}, '
                      f'and the Q{q + 1} column does not match the total row either ({baht(col_sums[q])} vs {baht(T[q])}): '
                      f'the Q{q + 1} cell ({baht(it.quarters[q])}) is probably wrong')
        else:
            span = cells[4] if cells else it.span
            yield Hit("budget-row-sum", p.id, span,
                      f'แถว "{_label(it)}": ไตรมาสที่ 1–4 รวมกันได้ {baht(qsum)} บาท แต่ยอดรวมของแถวคือ {baht(it.amount)} บาท',
                      f'row "{_label(it)}": Q1–Q4 add up to {baht(qsum)} but the row total is {baht(it.amount)}')

    loose_cols = {q: d for q, d in col_fail.items() if q not in crossing.values()}
    for q in sorted(loose_cols):
        span = total_cells[q] if total_cells else (b.total_row_span or b.span)
        yield Hit("budget-column-sum", p.id, span,
                  f"{QUARTERS_TH[q]}: กิจกรรมรวมกันได้ {baht(col_sums[q])} บาท แต่แถวรวมระบุ {baht(T[q])} บาท",
                  f"Q{q + 1}: the activities add up to {baht(col_sums[q])} but the total row says {baht(T[q])}")

    total = b.total_row if _num(b.total_row) else None
    reliable = _reliable_items(b)
    amounts = sum(it.amount for it in items) if reliable else None
    stated = b.amount if _num(b.amount) and not b.no_budget and b.span is not None \
        and b.span != b.total_row_span else None
    total_span = (total_cells[4] if total_cells else b.total_row_span) or b.span
    # The total row's own total cell is wrong: its quarters and the items agree on another sum.
    total_cell_wrong = bool(T) and total is not None and _differ(total, sum(T)) and amounts is not None \
        and _differ(total, amounts) and not _differ(sum(T), amounts)
    if T and total is not None and _differ(total, sum(T)):
        explained = bool(loose_cols) and col_sums is not None and not _differ(total, sum(col_sums))
        if total_cell_wrong:
            also_th = f" และตรงกับงบประมาณที่ระบุ ({baht(stated)} บาท)" if stated is not None and not _differ(stated, sum(T)) else ""
            also_en = f", as does the stated budget ({baht(stated)})" if stated is not None and not _differ(stated, sum(T)) else ""
            yield Hit("budget-total-row-sum", p.id, total_span,
                      f"แถวรวมระบุยอดรวมทั้งสิ้น {baht(total)} บาท แต่ไตรมาสที่ 1–4 ของแถวรวมและรายการ {len(items)} รายการ"
                      f"รวมกันได้ {baht(sum(T))} บาท{also_th}",
                      f"the total row says {baht(total)}, but its Q1–Q4 and the {len(items)} items add up to "
                      f"{baht(sum(T))}{also_en}")
        elif not explained:
            yield Hit("budget-total-row-sum", p.id, total_span,
                      f"แถวรวม: ไตรมาสที่ 1–4 รวมกันได้ {baht(sum(T))} บาท แต่ยอดรวมทั้งสิ้นคือ {baht(total)} บาท",
                      f"total row: Q1–Q4 add up to {baht(sum(T))} but its total is {baht(total)}")

    ref = total if total is not None else (b.amount if _num(b.amount) and not b.no_budget else None)
    if ref is not None and amounts is not None and _differ(ref, amounts) and not total_cell_wrong:
        explained = bool(row_fail) and all_quarterly and not _differ(ref, sum(sum(it.quarters) for it in items))
        if not explained:
            what_th = "แถวรวมของตาราง" if total is not None else "งบประมาณที่ระบุ"
            what_en = "the total row says" if total is not None else "the stated budget is"
            span = total_span if total is not None else b.span
            yield Hit("budget-items-sum", p.id, span,
                      f"รายการ {len(items)} รายการรวมกันได้ {baht(amounts)} บาท แต่{what_th} {baht(ref)} บาท",
                      f"the {len(items)} line items add up to {baht(amounts)} but {what_en} {baht(ref)}")

    if total is not None and stated is not None and _differ(stated, total):
        if total_cell_wrong and not _differ(stated, sum(T)):
            return  # the total cell, reported above
        where = f" (บรรทัด {b.total_row_span.line})" if b.total_row_span else ""
        where_en = f" (line {b.total_row_span.line})" if b.total_row_span else ""
        yield Hit("budget-table-total", p.id, b.span,
                  f"งบประมาณที่ระบุ {baht(stated)} บาท แต่แถวรวมของตาราง{where} คือ {baht(total)} บาท",
                  f"the stated budget is {baht(stated)} but the table's total row{where_en} is {baht(total)}")


@checker("budget-sources-sum")
def check_sources(ctx: Context) -> Iterator[Hit]:
    for p in ctx.projects:
        b = p.budget
        amounts = [s.amount for s in b.sources]
        if len(amounts) < 2 or not all(_num(a) for a in amounts) or not _num(b.amount) or b.no_budget:
            continue
        if _differ(sum(amounts), b.amount):
            parts = " + ".join(baht(a) for a in amounts)
            yield Hit("budget-sources-sum", p.id, b.span,
                      f"แหล่งเงิน {parts} = {baht(sum(amounts))} บาท แต่ยอดรวมที่ระบุคือ {baht(b.amount)} บาท",
                      f"funding sources {parts} = {baht(sum(amounts))} but the stated total is {baht(b.amount)}")


@checker("spent-over-budget")
def check_spent(ctx: Context) -> Iterator[Hit]:
    for p in ctx.projects:
        b = p.budget
        if not _num(b.spent):
            continue
        allocated = 0 if b.no_budget else b.amount
        if not _num(allocated) or b.spent <= allocated + EPS:
            continue
        span = b.span
        if b.spent_span is not None:
            printed = parse_number(regex.sub(r"[^\d๐-๙.,]", "", ctx.text[b.spent_span.start:b.spent_span.end]))
            if printed is not None and not _differ(printed, b.spent):
                span = b.spent_span
        yield Hit("spent-over-budget", p.id, span,
                  f"ใช้จ่าย/เบิกจ่าย {baht(b.spent)} บาท มากกว่างบประมาณที่ได้รับ {baht(allocated)} บาท",
                  f"spent/disbursed {baht(b.spent)} is more than the {baht(allocated)} allocated")
