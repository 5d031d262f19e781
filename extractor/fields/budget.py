"""A project's budget: total, no-budget, spent, Thai-words amount, line items
and quarterly plans, from a detail section's budget part or a table row."""

from __future__ import annotations

from functools import lru_cache

import regex

from ..lines import Piece
from ..model import Budget, BudgetItem, BudgetSource, SourceText
from ..numbers import find_amount, is_amount_cell, is_dash_cell, parse_number, words_to_amount
from ..ruleset import rules
from ..tables import Table, TCell
from ..textutil import collapse_spaces, compact, strip_numbering
from .section import Part

_WORDS = regex.compile(r"([\p{Thai}]*(?:บาทถ้วน|บาท[\p{Thai}]*สตางค์))")
_DASH_BAHT = regex.compile(r"(?:^|\s)[-–]\s*บาท")


@lru_cache(maxsize=1)
def _b() -> dict:
    v = rules()["values"]
    return {"no": [compact(x) for x in v["baht"]["no_budget"]], **v["budget"]}


def is_no_budget(text: str) -> bool:
    c = compact(text)
    return any(w in c for w in _b()["no"]) or bool(_DASH_BAHT.search(text))


def budget_from_part(part: Part, src: SourceText) -> Budget | None:
    pieces: list[Piece] = list(part.values) + [e.line for e in part.entries if e.line is not None]
    pieces = [p for p in pieces if p.text.strip()]
    pieces.sort(key=lambda p: p.start)
    budget = Budget()
    found = False
    total: tuple[int | float, Piece, int, int] | None = None
    first: tuple[int | float, Piece, int, int] | None = None
    sources: list[BudgetSource] = []
    after_first = 0
    for p in pieces:
        if first is not None:
            after_first += 1
            if after_first > 6:  # the stated total sits right by the first amount
                break
        text = p.text
        c = compact(text)
        amt = find_amount(text)
        lead = compact(text[: amt.start]) if amt else c
        if _says_spent(lead):
            if amt is not None and budget.spent is None:
                budget.spent = amt.value
                budget.spent_span = src.span(p.start + amt.start, p.start + amt.end)
            continue
        if "คงเหลือ" in c:
            continue
        if is_no_budget(text) and find_amount(text) is None and first is None:
            budget.no_budget = True
            budget.amount = 0
            budget.text = collapse_spaces(text)
            budget.span = src.span(p.start, p.end)
            return budget
        amt = find_amount(text)
        if amt is None:
            continue
        found = True
        before = compact(text[max(0, amt.start - 25): amt.start])  # the words right before the amount
        is_total = any(compact(w) in before for w in _b()["total_words"][:5])
        if not is_total and regex.match(r"^[\s\-•●✓✔]*งบ(?!ประมาณ)", text) or regex.match(r"^[\s\-•●✓✔]*งบประมาณ\s*\S", text) and first is not None:
            label = regex.sub(r"^[\s\-•●✓✔]+|\s*จำนวน\s*$", "", collapse_spaces(text[: amt.start]))
            sources.append(BudgetSource(label, amt.value, src.span(p.start + amt.start, p.start + amt.end)))
        if total is None and is_total:
            total = (amt.value, p, amt.start, amt.end)
        if first is None:
            first = (amt.value, p, amt.start, amt.end)
    chosen = total or first
    if chosen is not None:
        value, p, s, e = chosen
        budget.amount = value
        budget.text = _phrase(p.text, s, e)
        budget.span = src.span(p.start + s, p.start + e)
        words = _WORDS.search(p.text, s)
        if words:
            budget.words = words.group(1)
        if len(sources) > 1 and total is None:
            budget.amount = sum(x.amount or 0 for x in sources)
    if chosen is None:
        _amount_from_words(pieces, budget, src)
    if len(sources) > 1:
        budget.sources = sources
    for table, _ in part.tables:
        _items_from_table(table, budget, src)
    if budget.amount is None and budget.total_row is not None:
        budget.amount = budget.total_row
        budget.span = budget.total_row_span
    if not found and budget.amount is None and not budget.items and budget.spent is None:
        return None
    return budget


_PHRASE_START = regex.compile(r"(?:จำนวนทั้งสิ้น|รวมทั้งสิ้น|รวมเป็นเงิน|เป็นเงิน|จำนวน|รวม|งบประมาณ)\s*$")
_PHRASE_END = regex.compile(r"^\s*(?:\.-|\.\s*-)?\s*(?:บาท)?(?:\s*\(?-?[\p{Thai}]*(?:บาทถ้วน|สตางค์)-?\)?)?")


def _says_spent(lead: str) -> bool:
    """A spent/disbursed amount ("ใช้ไป", "ใช้จ่าย (รวมผูกพัน…)"), not spending in
    general ("แผนการใช้จ่าย", "ไม่ใช้งบประมาณ")."""
    for w in _b()["spent_words"]:
        w = compact(w)
        for m in regex.finditer(regex.escape(w), lead):
            if not lead[: m.start()].endswith(("การ", "ไม่", "แผน")):
                return True
    return False


def _phrase(text: str, s: int, e: int) -> str:
    """The verbatim budget phrase around the amount: 'จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท'."""
    head = text[max(0, s - 25):s]
    m = _PHRASE_START.search(head)
    start = s - len(head) + m.start() if m else s
    tail = _PHRASE_END.match(text[e:])
    end = e + (tail.end() if tail else 0)
    return collapse_spaces(text[start:end])


def _amount_from_words(pieces: list[Piece], budget: Budget, src: SourceText) -> None:
    """An amount printed only in Thai words ("งบประมาณ หนึ่งหมื่นบาทถ้วน")."""
    for p in pieces:
        m = _WORDS.search(p.text)
        if m:
            value = words_to_amount(m.group(1))
            if value:
                budget.amount, budget.words = value, m.group(1)
                budget.text = collapse_spaces(m.group(1))
                budget.span = src.span(p.start + m.start(1), p.start + m.end(1))
                return


def _numeric(cell_text: str) -> int | float | None | str:
    t = collapse_spaces(cell_text)
    if is_dash_cell(t):
        return 0
    if is_amount_cell(t):
        return parse_number(regex.sub(r"[^\d๐-๙.,]", "", t).rstrip("."))
    return "text"


def _items_from_table(table: Table, budget: Budget, src: SourceText) -> None:
    """Rows with an amount column (activity tables, quarterly plans)."""
    total_words = tuple(_b()["total_rows"])
    for row in table.rows:
        texts = [c.text for c in row.cells]
        values = [_numeric(t) for t in texts]
        # trailing numeric cells
        k = len(values)
        while k > 0 and (values[k - 1] == "text" and not texts[k - 1].strip()):
            k -= 1
        nums: list = []
        j = k
        while j > 0 and values[j - 1] != "text":
            nums.insert(0, values[j - 1])
            j -= 1
        labels = [t for t in texts[:j] if t.strip()]
        if not nums or not labels:
            continue
        label = collapse_spaces(strip_numbering(labels[0]))
        amount = nums[-1]
        cell = row.cells[j + len(nums) - 1]
        span = src.span(cell.paragraphs[0].start, cell.paragraphs[0].end) if cell.paragraphs else None
        quarters = nums[-5:-1] if len(nums) >= 5 else None
        if compact(label).startswith(tuple(compact(w) for w in total_words)):
            budget.total_row = amount
            budget.total_row_span = span
            budget.quarter_totals = quarters
            continue
        if not any(isinstance(n, (int, float)) and n for n in nums):
            continue
        budget.items.append(BudgetItem(label, amount, span, quarters))


def budget_from_cell(cell: TCell, src: SourceText) -> Budget | None:
    text = cell.text
    if not text:
        return None
    p = cell.paragraphs[0]
    if is_no_budget(text):
        return Budget(amount=0, no_budget=True, text=text, span=src.span(p.start, p.end))
    value = _numeric(text)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if is_dash_cell(text):
            return None
        return Budget(amount=value, text=text, span=src.span(p.start, p.end))
    return None


def amount_of_cell(cell: TCell) -> int | float | None:
    value = _numeric(cell.text)
    return value if isinstance(value, (int, float)) and not is_dash_cell(cell.text) else None
