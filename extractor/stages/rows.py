"""Projects listed as table rows: a column of project names, the others read by their header.

A table lists projects when its name column's header names them (it holds
the project word) or its name cells start with the project word.  Rows are
grouped into *records*: a record starts at a row with a number in the number
column, or (without one) at a name that is numbered, starts with the project
word, or comes with figures of its own; a row that only continues the name
or the other cells (a wrapped line printed as its own row) belongs to the
record above, and a bulleted row under it ("- จำนวน …" with its unit and
target) is one of its indicators.  Rows that total the ones above, running
costs (``projects.running_costs``) and sub-projects are not projects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..blocks import Para, Piece
from ..clean import Text, clean_text
from ..model import Budget, BudgetSource, Indicator, KindItem, TextItem
from ..numbers import amount_of_text, is_dash
from ..ruleset import RuleSet
from ..textutil import collapse_spaces, thai_to_arabic
from ..vocab import Folded, fold, longest_prefix, prefix_with_tones
from .budget import Context, apply_fiscal_year
from .header_fields import period_of_text
from .indicators import cell_groups, split_inline, target_of, target_pieces
from .items import drop_remark, starts_item
from .marks import mark_of
from .mentions import _name, starts_with_project_word_text
from .project_fields import Fields
from .stream import GridUnit
from .tables import Segment, TableView


@dataclass
class Record:
    grid: GridUnit
    first: int  # the row that names the project
    rows: list[int] = field(default_factory=list)  # every row of the record
    name_paras: list[Para] = field(default_factory=list)
    number: str | None = None
    subs: list[tuple[int, str]] = field(default_factory=list)  # sub-item rows: (row, field) — indicators, activities
    name_rows: int = 1
    group: str | None = None  # the group row above (a unit)


@dataclass
class RowProject:
    record: Record
    name: Text
    number: str | None
    fields: Fields
    marked: bool  # its name starts with the project word


def _is_total(text: str, rules: RuleSet) -> bool:
    return prefix_with_tones(text, rules.words_of("projects", "total_words")) is not None


def _is_running_cost(text: str, rules: RuleSet) -> bool:
    return longest_prefix(Folded.of(text), rules.words_of("projects", "running_costs")) is not None


def lists_projects(grid: GridUnit, rules: RuleSet) -> bool:
    seg = grid.segment
    col = seg.col("name")
    if col is None:
        return False
    header = fold(seg.columns[col].header)
    if any(w in header for w, _ in rules.project_words):
        return True
    view = grid.view
    return any(starts_with_project_word_text(p.text, rules) is not None
               for r in seg.rows for cell in [view.own(r, col)] if cell for p in cell.filled())


def _row_empty(view: TableView, r: int) -> bool:
    return all(c is None or c.blank or c.row != r for c in view.grid[r])


def _has_figures(view: TableView, seg: Segment, r: int, name_col: int, rules: RuleSet) -> bool:
    for c, col in enumerate(seg.columns):
        if c == name_col or col.role in (None, "number", "name", "strategy"):
            continue
        if view.text(r, c).strip():
            return True
    return False


def records(grid: GridUnit, rules: RuleSet) -> list[Record]:
    view, seg = grid.view, grid.segment
    name_col = seg.col("name")
    num_col = seg.col("number")
    assert name_col is not None
    out: list[Record] = []
    group: str | None = None
    for r in seg.rows:
        if _row_empty(view, r):
            if out:
                out[-1].rows.append(r)
            continue
        name_cell = view.own(r, name_col)
        number = view.text(r, num_col).strip() if num_col is not None else ""
        paras = name_cell.filled() if name_cell is not None else []
        first_text = paras[0].text if paras else ""
        if paras and _is_total(first_text, rules) or (not paras and _is_total(view.text(r, 0), rules)):
            continue
        mark = mark_of(first_text, rules) if paras else None
        project_paras = [p for p in paras if starts_with_project_word_text(p.text, rules) is not None]
        if number and not paras:
            continue
        if paras and mark is not None and mark.bullet and not number and out and not project_paras:
            out[-1].subs.append((r, "indicators"))  # "- จำนวน … | คน | 480": an indicator with its target
            continue
        if not paras:
            if out:
                out[-1].rows.append(r)
            elif (g := _group_text(view, r, rules)) is not None:
                group = g
            continue
        if project_paras and project_paras[0] is not paras[0] and not number:
            # A heading line above the project in the same cell ("ค่าใช้จ่ายใน… / 2.1 โครงการ…").
            paras = paras[paras.index(project_paras[0]):]
        starts = bool(number) or (mark is not None and mark.marked) or bool(project_paras) or \
            (num_col is None and _has_figures(view, seg, r, name_col, rules)) or not out
        if num_col is not None and not number and not project_paras:
            starts = False  # the table numbers its rows: an unnumbered row continues the one above
        if starts:
            rec = Record(grid, r, [r], list(paras), number or None, group=group)
            out.append(rec)
        elif (g := _group_text(view, r, rules)) is not None:
            group = g  # a row naming the group of the rows below (their unit)
        elif out:
            rec = out[-1]
            rec.rows.append(r)
            sub = _sub_field(first_text, rules)
            if sub is not None:
                rec.subs.append((r, sub))  # "ตัวชี้วัด …", "กิจกรรมที่ ๑ …" under the project
            elif rec.name_rows < rules.tune("row_name_max_lines"):
                rec.name_paras.extend(paras)  # the name wrapped onto a row of its own
                rec.name_rows += 1
    return out


# Fields a row under a project may open ("ตัวชี้วัด …", "กิจกรรมที่ ๑ …"); a row starting with
# another label's word ("ปัญหา…") is the project's name wrapped onto it.
_SUB_FIELDS = {"indicators", "evaluation", "activities"}


def _sub_field(text: str, rules: RuleSet) -> str | None:
    """The field a row under a project starts with ("ตัวชี้วัด …" → indicators), or None."""
    hit = longest_prefix(Folded.of(text[mark_of(text, rules).body:]), rules.labels)
    return hit[0].name if hit is not None and hit[0].name in _SUB_FIELDS else None


def _group_text(view: TableView, r: int, rules: RuleSet) -> str | None:
    """A row that names a group (a unit) over the rows below it: its first text starts
    with a group word ("กลุ่มนิเทศ …"); its other cells, if any, are the group's subtotals
    (figures only: a row with more text is a wrapped row of the project above)."""
    texts = [c.text for c in view.grid[r] if c is not None and c.row == r and not c.blank]
    if not texts or longest_prefix(Folded.of(texts[0]), rules.words_of("projects", "group_prefixes")) is None:
        return None
    if any(amount_of_text(t, rules) is None and not is_dash(t) for t in texts[1:]):
        return None
    return texts[0]


def _cells(rec: Record, role: str) -> list[list[Para]]:
    """The paragraphs of a role's column over the record's rows, grouped by blank rows between."""
    view, seg = rec.grid.view, rec.grid.segment
    out: list[list[Para]] = []
    gap = True
    subs = {r for r, _ in rec.subs}
    for r in rec.rows:
        if _row_empty(view, r):
            gap = True
            continue
        if r in subs:  # a sub-row's cells belong to its sub-item (an indicator's target, result)
            gap = True
            continue
        for c in seg.cols(role)[:1]:
            cell = view.own(r, c)
            if cell is None or cell.blank:
                continue
            if gap or not out:
                out.append([])
            out[-1].extend(cell.filled())
            gap = False
    return out


def _items(groups: list[list[Para]], rules: RuleSet) -> list[Text]:
    """Items of a column: each group of paragraphs is one item, split further at item marks."""
    out: list[Text] = []
    for paras in groups:
        items: list[list[Piece]] = []
        last = 0
        for para in paras:
            for p in split_inline(para, bullets=False):  # "1. เพื่อ… 2. เพื่อ…" in one line
                m = mark_of(p.text, rules)
                if starts_item(m, last):
                    items.append([p.cut(m.body)])
                    last = int(m.number.split(".")[0]) if m.number and m.number.split(".")[0].isdigit() else last
                elif not items:
                    items.append([p])
                else:
                    items[-1].append(p)
        for pieces in items:
            text = clean_text(pieces, rules.words)
            if text is not None and text.text.strip("-– "):
                out.append(drop_remark(text, rules))
    return out


def _header_kind(rec: Record, role: str, rules: RuleSet) -> str | None:
    seg = rec.grid.segment
    for c in seg.cols(role)[:1]:
        header = seg.columns[c].header
        folded = Folded.of(header)
        for word, kind in rules.kinds:
            if word in folded.text:
                return kind
    return None


def _budget(rec: Record, ctx: Context) -> Budget:
    view, seg = rec.grid.view, rec.grid.segment
    b = Budget()
    years = [(c, col.year) for c, col in enumerate(seg.columns) if col.year and col.role == "budget"]
    if years:
        by_year: dict[int, int | float | None] = {y: None for _, y in years}
        for r in rec.rows:
            for c, y in years:
                value = amount_of_text(view.text(r, c), ctx.rules)
                if value is not None:
                    by_year[y] = (by_year[y] or 0) + value
        if any(v is not None for v in by_year.values()):
            b.by_year = by_year
            apply_fiscal_year(b, ctx)
            return b
    sources = _source_amounts(rec, ctx)
    if len(sources) > 1:  # one project on several rows, one per funding source: the total is their sum
        b.sources = sources
        b.amount = sum(x.amount or 0 for x in sources)
        b.span = sources[0].span
        b.text = " + ".join(str(x.amount) for x in sources)
        return b
    for c in seg.cols("budget"):
        for r in rec.rows:
            cell = view.own(r, c)
            if cell is None or cell.blank:
                continue
            text = cell.text
            value = amount_of_text(text, ctx.rules)
            if value is None:
                from .budget import says_no_budget
                if says_no_budget(text, ctx.rules) or is_dash(text):
                    b.no_budget, b.amount = says_no_budget(text, ctx.rules), (0 if says_no_budget(text, ctx.rules) else None)
                    b.text = collapse_spaces(text)
                    b.span = ctx.source.span(cell.paras[0].start, cell.paras[-1].end)
                    return b
                continue
            b.amount = value
            b.text = collapse_spaces(text)
            b.span = ctx.source.span(cell.paras[0].start, cell.paras[-1].end)
            return b
    return b


def _source_amounts(rec: Record, ctx: Context) -> list[BudgetSource]:
    view, seg = rec.grid.view, rec.grid.segment
    budget_col, source_col = seg.col("budget"), seg.col("source")
    if budget_col is None or source_col is None:
        return []
    out = []
    for r in rec.rows:
        cell = view.own(r, budget_col)
        value = amount_of_text(cell.text, ctx.rules) if cell is not None else None
        if value is None or cell is None:
            continue
        out.append(BudgetSource(view.text(r, source_col), value,
                                ctx.source.span(cell.paras[0].start, cell.paras[-1].end)))
    return out


def _abbreviated_with_person(text: str) -> bool:
    """"กนต./ อรรถพล": a unit's abbreviation and a person; the group row above names the unit in full."""
    head, sep, _ = text.partition("/")
    return bool(sep) and len(head.strip()) <= 8


def _first_text(rec: Record, role: str, ctx: Context) -> Text | None:
    groups = _cells(rec, role)
    if not groups:
        return None
    return clean_text(list(groups[0]), ctx.rules.words, phrase=True)


def _indicators(rec: Record, ctx: Context) -> list[Indicator]:
    view, seg = rec.grid.view, rec.grid.segment
    rules = ctx.rules
    out: list[Indicator] = []
    ind_col = seg.col("indicator")
    tgt_col = seg.col("target_value")
    if ind_col is not None:
        groups: list[list[Piece]] = []
        targets: list[Piece] = []
        for r in rec.rows:
            _, g = cell_groups(view.own(r, ind_col), rules, None)
            groups += g
            if tgt_col is not None:
                targets += target_pieces(view.own(r, tgt_col), rules)
        for idx, g in enumerate(groups):
            text = clean_text([g[0].cut(mark_of(g[0].text, rules).body)] + g[1:], rules.words)
            if text is None:
                continue
            text = drop_remark(text, rules)
            target = target_of(targets[idx].text, targets[idx], ctx) if idx < len(targets) else None
            out.append(Indicator(text.text, None, ctx.source.span(text.start, text.end), target))
    name_col = seg.col("name")
    value_col = tgt_col if tgt_col is not None else seg.col("targets")
    count_col = seg.col("unit_count")
    for r, field_name in rec.subs:
        cell = view.own(r, name_col) if name_col is not None else None
        if cell is None or field_name not in ("indicators", "evaluation"):
            continue
        pieces = [p.cut(mark_of(p.text, rules).body) for p in cell.filled()]
        hit = longest_prefix(Folded.of(pieces[0].text), rules.labels) if pieces else None
        if hit is not None and hit[0].name == field_name:
            pieces[0] = pieces[0].cut(Folded.of(pieces[0].text).orig_end(hit[1]))
        text = clean_text(pieces, rules.words)
        if text is None:
            continue
        target = result = None
        result_cell = next((view.own(r, c) for c in seg.cols("result") if view.own(r, c) is not None
                            and not view.own(r, c).blank), None)  # type: ignore[union-attr]
        if result_cell is not None:
            result = target_of(result_cell.text, result_cell.paras[0], ctx)
        value_cell = view.own(r, value_col) if value_col is not None else None
        if value_cell is not None and not value_cell.blank:
            unit_text = view.text(r, count_col) if count_col is not None else ""
            target = target_of(value_cell.text, value_cell.paras[0], ctx)
            if unit_text and target.unit in (None, "baht"):
                target.unit = _count_unit(unit_text, rules)
        out.append(Indicator(text.text, None, ctx.source.span(text.start, text.end), target, result))
    return out


def _count_unit(text: str, rules: RuleSet) -> str:
    """The unit of a unit-count cell: percent words ("ร้อยละ", "(%)", "ร้อยละ (%)") are ``percent``
    as in a target value; any other unit as printed."""
    key = fold(regex.sub(r"[()\[\]/]", "", text))
    percent = rules.words_of("values", "percent_words")  # longest first
    rest = key
    while rest:
        word = next((w for w, _ in percent if rest.startswith(w)), None)
        if word is None:
            break
        rest = rest[len(word):]
    return "percent" if key and not rest else collapse_spaces(text)


def row_fields(rec: Record, ctx: Context) -> Fields:
    rules = ctx.rules
    f = Fields()
    f.budget = _budget(rec, ctx)
    f.objectives = [TextItem(t.text, ctx.source.span(t.start, t.end)) for t in _items(_cells(rec, "objectives"), rules)]
    kind = ctx.rules.kind_name("targets", _header_kind(rec, "targets", rules))
    f.targets = [KindItem(t.text, kind, ctx.source.span(t.start, t.end)) for t in _items(_cells(rec, "targets"), rules)]
    f.indicators = _indicators(rec, ctx)
    unit = _first_text(rec, "unit", ctx)
    if unit is None and rec.subs:
        view, seg = rec.grid.view, rec.grid.segment
        for c in seg.cols("unit")[:1]:
            for r, _ in rec.subs:
                cell = view.own(r, c)
                if cell is not None and not cell.blank:
                    unit = clean_text(cell.filled(), rules.words)
                    break
            if unit is not None:
                break
    if unit is not None and not (rec.group and _abbreviated_with_person(unit.text)):
        f.responsible.unit = unit.text
        f.responsible.span = ctx.source.span(unit.start, unit.end)
    elif rec.group:
        f.responsible.unit = rec.group
    period = _first_text(rec, "period", ctx)
    if period is not None:
        f.period = period_of_text(Piece(period.start, period.end, ctx.source.text[period.start:period.end]), ctx)
    f.results = [KindItem(t.text, None, ctx.source.span(t.start, t.end)) for t in _items(_cells(rec, "result"), rules)]
    spent = _first_text(rec, "spent", ctx)
    if spent is not None:
        f.budget.spent = amount_of_text(spent.text, rules)
    f.status = _status(rec, ctx)
    return f


_STATUSES = ("not_started", "in_progress", "completed")


def _status(rec: Record, ctx: Context) -> str | None:
    """A tick or text in a status's own column, else the status words of a status column."""
    for status in _STATUSES:
        cell_text = _first_text(rec, status, ctx)
        if cell_text is not None and cell_text.text.strip("-– "):
            return status
    said = _first_text(rec, "status", ctx)
    if said is None:
        return None
    key = fold(said.text)
    for status in _STATUSES:
        if any(w in key for w, _ in ctx.rules.words_of("values", f"status.{status}")):
            return status
    return None


def row_projects(grid: GridUnit, ctx: Context) -> list[RowProject]:
    rules = ctx.rules
    out: list[RowProject] = []
    for rec in records(grid, rules):
        if not rec.name_paras:
            continue
        first = rec.name_paras[0]
        mark = mark_of(first.text, rules)
        pieces: list[Piece] = [first.cut(mark.body)] + rec.name_paras[1:]
        at = starts_with_project_word_text(pieces[0].text, rules)
        marked = at is not None
        if marked:
            pieces[0] = pieces[0].cut(at)
        elif _is_running_cost(pieces[0].text, rules):
            continue
        name = _name(pieces, rules)
        if name is None:
            continue
        number = thai_to_arabic(rec.number).strip(" .") if rec.number else mark.number
        out.append(RowProject(rec, name, number or None, row_fields(rec, ctx), marked))
    return out

