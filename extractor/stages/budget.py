"""A project's budget from its labelled parts and tables: total, no-budget, spent, per-year amounts, items.

Within a budget part the stated total is the largest amount after a total word
("จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท") that is at least every amount before it (stated
above the item lines, or the total line below them, within the part's first
``budget_total_lines`` lines), else the first amount; a no-budget phrase
("ไม่ใช้งบประมาณ", "- บาท") gives ``no_budget``; an amount written only in
Thai words is read with pythainlp.  An ``allocated`` label's amount is the
budget of a report form, a ``spent`` label's amount what was spent.  A table
in the part adds its rows as items and its total row; per-year columns
("ปี 2566 | ปี 2567 …") give ``by_year`` and the budget of the document's
fiscal year, with its cell as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..blocks import Piece
from ..model import Budget, BudgetItem, SourceText, Span
from ..numbers import (LEADERS_RE, Found, amount_of_text, find_amount, is_dash, numbers_in, words_amount_too_large,
                       words_to_amount)
from ..ruleset import RuleSet
from ..textutil import collapse_spaces
from ..vocab import Folded, fold, longest_prefix
from .marks import mark_of
from .sections import Part, Section
from .stream import GridUnit
from .tables import Segment, TableView


@dataclass(frozen=True)
class Context:
    """What field readers need besides the parts: the rules, the source (for spans), the fiscal year."""

    rules: RuleSet
    source: SourceText
    fiscal_year: int | None
    # Where an amount in Thai words was too large to be believed (not read; a Document note).
    too_large: list[Span] = field(default_factory=list)


def says_no_budget(text: str, rules: RuleSet) -> bool:
    """A no-budget phrase, or a dash where the amount should be ("-  บาท")."""
    key = fold(text)
    if any(w in key for w, _ in rules.words_of("values", "no_budget")):
        return True
    baht = "|".join(regex.escape(w) for w in rules["values"]["baht_words"])
    return bool(regex.search(r"(?:^|\s)[-–]\s*(?:" + baht + r")", collapse_spaces(LEADERS_RE.sub(" ", text))))


def _words_after(text: str, at: int, rules: RuleSet) -> str | None:
    """An amount in Thai words right after the digits ("(หนึ่งแสนบาทถ้วน)")."""
    whole = "|".join(regex.escape(w) for w in rules["values"]["baht_text"]["whole"])
    m = regex.search(r"[\p{Thai}]{3,}(?:" + whole + r")", text[at:at + 80])
    return m.group(0) if m else None


def _total_word_before(text: str, at: int, rules: RuleSet, since: int = 0) -> bool:
    before = fold(LEADERS_RE.sub("", text[max(since, at - 40):at]))  # "จำนวน..........28,372"
    return any(before.endswith(w) or w in before[-12:] for w, _ in rules.words_of("values", "total_words")[:5])


def _amounts_of(text: str, rules: RuleSet) -> list[Found]:
    """Every amount of money in ``text``, in order (what :func:`find_amount` takes for one)."""
    out = []
    for f in numbers_in(text):
        g = find_amount(text[f.start:f.end + 40], rules)
        if (g is not None and g.start == 0) or ("," in text[f.start:f.end] and 0 <= f.value <= rules["values"]["max_amount"]):
            out.append(f)
    return out


def amount_in(pieces: list[Piece], rules: RuleSet, head: int = 3) -> tuple[int | float, Piece, int, int] | None:
    """(amount, piece, start, end) of the stated total among ``pieces``: the largest amount
    after a total word that is at least every amount before it (the total stated above
    the details, or the total line below the items: "ค่าวัสดุ ๒,๐๐๐ บาท … รวมทั้งสิ้น
    ๑๐,๐๐๐ บาท"), else the first amount of the first ``head`` pieces."""
    first = None
    best = None
    top: int | float = 0
    for n, p in enumerate(pieces):
        since = 0
        for f in _amounts_of(p.text, rules):
            if _total_word_before(p.text, f.start, rules, since) and f.value >= top \
                    and (best is None or f.value > best[0]):
                best = (f.value, p, f.start, f.end)
            if first is None and n < head:
                first = (f.value, p, f.start, f.end)
            top = max(top, f.value)
            since = f.end
    return best or first


def _part_pieces(part: Part) -> list[Piece]:
    return [e.piece for e in part.entries if not e.piece.blank]


def budget_phrase(text: str, s: int, e: int, rules: RuleSet) -> str:
    """The verbatim phrase of the amount at text[s:e]: from a total word just before it
    to the currency word after it.

    >>> from extractor.ruleset import default_rules
    >>> t = "งบประมาณ เขต ๒ จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท รายละเอียด"
    >>> budget_phrase(t, t.index("๑"), t.index(".-"), default_rules())
    'จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท'
    """
    head = text[max(0, s - 30):s]
    starts = [head.rfind(w) for _, w in rules.words_of("values", "total_words")]
    start = s - len(head) + min((k for k in starts if k >= 0), default=len(head))
    baht = "|".join(regex.escape(w) for _, w in rules.words_of("values", "baht_words"))
    tail = regex.match(r"[\s.,\-–]*(?:" + baht + r")(?:\s*[.\-–]+)?", text[e:])
    return collapse_spaces(text[start:e + (tail.end() if tail else 0)]).strip()


def _set_amount(b: Budget, found: tuple[int | float, Piece, int, int], ctx: Context) -> None:
    value, p, s, e = found
    b.amount = value
    b.no_budget = False
    b.text = budget_phrase(p.text, s, e, ctx.rules)
    b.span = ctx.source.span(p.start + s, p.start + e)
    b.words = _words_after(p.text, e, ctx.rules)


def budget_of_parts(budget_parts: list[Part], allocated: list[Part], spent: list[Part], ctx: Context) -> Budget:
    b = Budget()
    year_cells: dict[int, Span] = {}
    for part in allocated:
        found = amount_in(_part_pieces(part)[:1], ctx.rules)
        if found:
            _set_amount(b, found, ctx)
            break
    for part in budget_parts:
        pieces = _part_pieces(part)
        if b.amount is None:
            head = pieces[:3]
            found = amount_in(pieces[:ctx.rules.tune("budget_total_lines")], ctx.rules)
            if found:
                _set_amount(b, found, ctx)
            elif any(says_no_budget(p.text, ctx.rules) for p in head):
                p = next(p for p in head if says_no_budget(p.text, ctx.rules))
                b.no_budget, b.amount, b.text = True, 0, collapse_spaces(p.text)
                b.span = ctx.source.span(p.start, p.end)
            else:
                for p in head:
                    value = words_to_amount(p.text, ctx.rules)
                    if value:
                        b.amount, b.words, b.span = value, collapse_spaces(p.text), ctx.source.span(p.start, p.end)
                        break
                    if words_amount_too_large(p.text, ctx.rules):
                        ctx.too_large.append(ctx.source.span(p.start, p.end))
        for grid in part.grids:
            year_cells.update(table_budget(grid, b, ctx))
    for part in spent:
        found = amount_in(_part_pieces(part)[:1], ctx.rules)
        if found and b.spent is None:
            b.spent = found[0]
            b.spent_span = ctx.source.span(found[1].start + found[2], found[1].start + found[3])
    if b.by_year:
        apply_fiscal_year(b, ctx, year_cells)
    return b


def apply_fiscal_year(b: Budget, ctx: Context, cells: dict[int, Span] | None = None) -> None:
    """The budget of a multi-year plan is the amount of the document's fiscal year.  With
    the years' amount ``cells``, the amount's evidence is its cell."""
    years = sorted(b.by_year)
    year = ctx.fiscal_year if ctx.fiscal_year in b.by_year else years[0]
    if cells is not None:
        if b.amount != b.by_year[year]:
            b.text = b.words = None  # the phrase of another amount (the plan's total over the years)
        b.span = cells.get(year)
    b.amount = b.by_year[year]
    b.no_budget = False
    b.year = year


def _is_total_row(text: str, rules: RuleSet) -> bool:
    return longest_prefix(Folded.of(text), rules.words_of("projects", "total_words")) is not None


def table_budget(grid: GridUnit, b: Budget, ctx: Context) -> dict[int, Span]:
    """Items (with their quarters), total row and per-year amounts of a table in a budget part.
    Returns the span of each year's amount cell (per-year columns)."""
    view, seg = grid.view, grid.segment
    years = [(c, col.year) for c, col in enumerate(seg.columns) if col.year]
    if years and len({y for _, y in years}) == len(years):
        for r in seg.rows[:1]:
            by_year = _year_amounts(view, r, years, ctx.rules)
            if by_year:
                b.by_year = by_year
                cells = {}
                for c, year in years:
                    cell = view.own(r, c)
                    if by_year.get(year) is not None and cell is not None and cell.paras:
                        cells[year] = ctx.source.span(cell.paras[0].start, cell.paras[-1].end)
                return cells
    label_col = next((c for c, col in enumerate(seg.columns) if col.role in ("name", "activity")), 0)
    quarters = seg.cols("quarter")
    total_col = seg.col("total")
    for r in seg.rows:
        label = view.text(r, label_col)
        amounts = [(c, amount_of_text(view.text(r, c), ctx.rules)) for c in range(len(seg.columns)) if c != label_col]
        amounts = [(c, a) for c, a in amounts if a is not None]
        if not amounts:
            continue
        total = next((a for c, a in amounts if c == total_col), None) if total_col is not None else None
        if total is None:
            total = amounts[-1][1]
        cell = view.own(r, total_col if total_col is not None else amounts[-1][0])
        span = ctx.source.span(cell.paras[0].start, cell.paras[-1].end) if cell is not None and cell.paras else None
        qs = [_quarter_value(view.text(r, c), ctx.rules) for c in quarters] if len(quarters) == 4 else None
        if _is_total_row(label, ctx.rules) or (not label and r == seg.rows[-1]):
            b.total_row, b.total_row_span = total, span
            b.quarter_totals = qs
            if b.amount is None:
                b.amount, b.span = total, span
            continue
        if label:
            b.items.append(BudgetItem(label[mark_of(label, ctx.rules).body:].strip() or label, total, span, qs))
    return {}


def _quarter_value(text: str, rules: RuleSet) -> int | float | None:
    """A quarter's amount: a dash or nothing is zero."""
    if not text.strip() or is_dash(text):
        return 0
    return amount_of_text(text, rules)


def _year_amounts(view: TableView, r: int, years: list[tuple[int, int]], rules: RuleSet) -> dict[int, int | float | None]:
    out: dict[int, int | float | None] = {}
    for c, year in years:
        text = view.text(r, c)
        if is_dash(text) or not text.strip():
            out[year] = None
            continue
        value = amount_of_text(text, rules)
        if value is None:
            return {}
        out[year] = value
    return out if any(v is not None for v in out.values()) else {}


def section_budget(sec: Section, ctx: Context) -> Budget:
    budget_parts = [p for p in sec.parts if p.field == "budget"]
    return budget_of_parts(budget_parts, sec.all("allocated"), sec.all("spent"), ctx)


def row_amounts(texts: list[str], rules: RuleSet) -> list[int | float]:
    return [a for a in (amount_of_text(t, rules) for t in texts) if a is not None]


def _segment_years(seg: Segment) -> list[tuple[int, int]]:
    return [(c, col.year) for c, col in enumerate(seg.columns) if col.year and col.role in (None, "budget")]
