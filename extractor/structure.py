"""Build a Document from a SourceText: the pipeline's extraction stages.

normalize (lines) → document facts → segment (mentions) → detail sections
→ fields → merge mentions into projects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .docinfo import document_info
from .fields import budget as budget_f
from .fields import indicators as ind_f
from .fields.header import period_from, responsible_from
from .fields.items import split_items
from .fields.section import Section, count_headings, read_section
from .headings import kind_names
from .lines import Line, split_lines
from .merge import assign, name_score
from .model import (BudgetSource, Document, Indicator, KindItem, Project, SourceText, Span, TextItem)
from .ruleset import rules
from .segment import Mention, find_mentions, part_boundaries
from .tables import TCell
from .textutil import compact, thai_to_arabic

STATUS_ROLES = ("completed", "in_progress", "not_started")


@dataclass
class Draft:
    """A project being assembled from its mentions."""

    name: str
    number: str | None
    main: Span
    mentions: list[Mention] = field(default_factory=list)
    sections: list[tuple[Mention, Section, int, int]] = field(default_factory=list)
    first: int = 0


def _full_width(lines: list[Line]) -> int:
    lengths = sorted(len(ln.clean) for ln in lines if len(ln.clean) > 20)
    if not lengths:
        return 70
    return max(40, int(lengths[int(len(lengths) * 0.8)] * 0.8))


def _other_year(m: Mention, fy: int | None) -> bool:
    if fy is None:
        return False
    for y in regex.findall(r"(?:ปีงบประมาณ|ประจำปี)\s*(?:พ\.\s*ศ\.\s*)?([0-9๐-๙]{4})", m.name):
        if int(thai_to_arabic(y)) not in (fy,):
            return True
    return False


def build_document(source: SourceText) -> Document:
    lines = split_lines(source.text)
    info = document_info(lines)
    mentions = [m for m in find_mentions(lines) if not _other_year(m, info.fiscal_year)]
    parts = part_boundaries(lines)
    window = rules()["projects"]["header_window"]
    width = _full_width(lines)

    # Which plain-line mentions open a detail section?
    starts = sorted({m.line for m in mentions} | set(parts) | {len(lines)})
    details: list[Mention] = []
    for m in mentions:
        if m.layout not in ("line", "label"):
            continue
        nxt = next(s for s in starts if s > m.line)
        n_fields, first = count_headings(lines, m.last_line + 1, nxt, window)
        if n_fields >= 2 and first is not None and first <= window:
            details.append(m)
    # Detail sections of one document share a layout: when most are numbered,
    # an un-numbered candidate is a passing mention inside another section.
    numbered = sum(1 for m in details if m.number)
    if numbered >= 3 and numbered >= 0.8 * len(details):
        details = [m for m in details if m.number]
    detail_ids = {id(m) for m in details}
    # A detail section runs to the next detail section, data table row or part boundary.
    structural = sorted({m.line for m in mentions if id(m) in detail_ids or m.layout in ("row", "cell") and m.data}
                        | set(parts) | {len(lines)})

    drafts: list[Draft] = []
    # 1. Table rows that carry data are projects in their own right.
    data_rows = [m for m in mentions if m.layout in ("row", "cell") and m.data]
    for m in data_rows:
        _attach_to_new(drafts, m, source)
    # 2. Detail sections: matched one-to-one to table projects, else new projects.
    sections = []
    for m in details:
        end = next(s for s in structural if s > m.line)
        sec = read_section(lines, m.last_line + 1, end)
        sections.append((m, sec, m.line, end))
    matches = assign([d.name for d in drafts], [m.name for m, *_ in sections], 80)
    for j, (m, sec, s, e) in enumerate(sections):
        if j in matches:
            d = drafts[matches[j]]
            d.mentions.append(m)
        elif (same := _same_number(drafts, m, set(matches.values()))) is not None \
                or (same := _in_order_gap(drafts, sections, matches, j)) is not None:
            d = same
            d.mentions.append(m)
        else:
            best = max(((name_score(d.name, m.name), d) for d in drafts if d.sections), key=lambda x: x[0], default=(0, None))
            if best[1] is not None and best[0] >= 90:
                d = best[1]
                d.mentions.append(m)
            else:
                d = _attach_to_new(drafts, m, source)
        d.sections.append((m, sec, s, e))
        d.name = m.name
    # 3. Other mentions (lists, TOC, summary rows) only add numbers and mentions.
    others = [m for m in mentions if id(m) not in detail_ids and not (m.layout in ("row", "cell") and m.data)]
    if not drafts:
        for m in others:
            if m.number and not any(name_score(d.name, m.name) >= 90 for d in drafts):
                _attach_to_new(drafts, m, source)
        others = [m for m in others if not any(m is x for d in drafts for x in d.mentions)]
    for m in others:
        best = max(((name_score(d.name, m.name), i) for i, d in enumerate(drafts)), default=(0, -1))
        if best[0] >= 80:
            drafts[best[1]].mentions.append(m)
    drafts.sort(key=lambda d: min(x.name_start for x in d.mentions))
    projects = [_project(i + 1, d, source, lines, width) for i, d in enumerate(drafts)]
    return Document(source=source, info=info, projects=projects)


def _in_order_gap(drafts: list[Draft], sections: list, matches: dict[int, int], j: int) -> Draft | None:
    """Detail sections follow the summary table's order: an unmatched one may
    belong to a table project between the projects its neighbours matched."""
    before = max((matches[k] for k in matches if k < j), default=None)
    after = min((matches[k] for k in matches if k > j), default=None)
    if before is None or after is None or after - before < 2:
        return None
    taken = set(matches.values())
    name = sections[j][0].name
    sec_budget = sections[j][1].parts.get("budget")
    amount = None
    if sec_budget is not None:
        b = budget_f.budget_from_part(sec_budget, SourceText(""))
        amount = b.amount if b is not None else None

    def score(d: Draft) -> float:
        same_amount = bool(amount) and any(
            budget_f.amount_of_cell(x.cells["budget"]) == amount for x in d.mentions if "budget" in x.cells)
        return name_score(d.name, name) + (50 if same_amount else 0)

    cands = [(score(drafts[i]), i) for i in range(before + 1, after)
             if i not in taken and not drafts[i].sections]
    if not cands:
        return None
    score, i = max(cands)
    if score >= 45 or len(cands) == 1:
        matches[j] = i
        return drafts[i]
    return None


def _same_number(drafts: list[Draft], m: Mention, taken: set[int]) -> Draft | None:
    """A table project with the detail section's printed number and a loosely similar name."""
    if not m.number:
        return None
    for i, d in enumerate(drafts):
        if i not in taken and not d.sections and d.number == m.number and name_score(d.name, m.name) >= 50:
            return d
    return None


def _attach_to_new(drafts: list[Draft], m: Mention, source: SourceText) -> Draft:
    d = Draft(m.name, m.number, source.span(m.name_start, m.name_end), [m])
    drafts.append(d)
    return d


def _project(idx: int, d: Draft, src: SourceText, lines: list[Line], width: int) -> Project:
    detail = d.sections[0] if d.sections else None
    main = d.mentions[0]
    if detail is not None:
        m, _, s, e = detail
        span = src.span(lines[s].start, lines[e - 1].end if e - 1 < len(lines) else len(src.text))
        main = m
    else:
        m = d.mentions[0]
        span = src.span(m.name_start, m.name_end)
    number = next((x.number for x in d.mentions if x.number), None)
    name = _best_name(d, main)
    proj = Project(id=f"p{idx}", number=number, name=name, span=span)
    proj.mentions = [src.span(x.name_start, x.name_end) for x in sorted(d.mentions, key=lambda x: x.name_start)
                     if x is not main]
    names = kind_names()
    table_inds: list[Indicator] = []
    for sec_m, sec, s, e in d.sections:
        _fill_from_section(proj, sec, src, width, names, table_inds)
    for x in d.mentions:
        _fill_from_row(proj, x, src, table_inds)
    proj.indicators = ind_f.dedupe(ind_f.merge_indicators(proj.indicators, table_inds))
    ind_f.embedded_targets(proj.indicators, src)
    return proj


def _best_name(d: Draft, main: Mention) -> str:
    name = main.name
    for x in d.mentions:
        if x is main:
            continue
        a, b = compact(x.name), compact(name)
        if len(a) > len(b) + 2 and name_score(x.name, name) >= 90 and not regex.search(r"\([^)]*กลุ่ม", x.name):
            name = x.name
    return name


def _items(part, src: SourceText, width: int, names: dict[str, str] | None = None) -> list:
    out = []
    for it in split_items(part.entries, width):
        kind = names.get(it.kind) if (names and it.kind) else None
        out.append((it, kind))
    return out


def _fill_from_section(proj: Project, sec: Section, src: SourceText, width: int,
                       names: dict[str, dict[str, str]], table_inds: list[Indicator]) -> None:
    P = sec.parts
    if "objectives" in P:
        proj.objectives += [TextItem(it.text, src.span(it.start, it.end)) for it, _ in _items(P["objectives"], src, width)]
    if "targets" in P:
        proj.targets += [KindItem(it.text, k, src.span(it.start, it.end))
                         for it, k in _items(P["targets"], src, width, names.get("targets"))]
    if "activities" in P:
        proj.activities += [TextItem(it.text, src.span(it.start, it.end)) for it, _ in _items(P["activities"], src, width)]
    if "expected_results" in P:
        proj.expected_results += [TextItem(it.text, src.span(it.start, it.end))
                                  for it, _ in _items(P["expected_results"], src, width)]
    if "results" in P:
        proj.results += [KindItem(it.text, k, src.span(it.start, it.end))
                         for it, k in _items(P["results"], src, width, names.get("results"))]
        for table, kind in P["results"].tables:
            _results_from_table(proj, table, src)
    for key in ("indicators", "evaluation"):
        if key in P:
            kn = names.get(key, {})
            if key == "indicators":
                proj.indicators += ind_f.from_entries(P[key].entries, kn, src, width)
            for table, kind in P[key].tables:
                default = 0 if key == "indicators" else None
                table_inds.extend(ind_f.from_table(table, kn.get(kind) if kind else None, kn, src, default))
                if key == "evaluation":
                    _results_from_table(proj, table, src)
    if "budget" in P:
        b = budget_f.budget_from_part(P["budget"], src)
        if b is not None and (proj.budget.amount is None or b.amount is not None):
            spent = proj.budget.spent
            proj.budget = b
            if b.spent is None:
                b.spent = spent
    resp_parts = [P[k] for k in ("responsible",) if k in P]
    if resp_parts and proj.responsible.unit is None:
        r = responsible_from(resp_parts, src)
        if r.unit or r.persons:
            proj.responsible = r
    if "period" in P and proj.period is None:
        proj.period = period_from(P["period"], src)


def _unit_of_row(m: Mention) -> str | None:
    """A table row's unit: its unit cell, unless that is an abbreviation with a
    person ("กนต./ อรรถพล") and a group header row above names the group in full."""
    unit = m.cells["unit"].text if "unit" in m.cells else ""
    abbreviated = "/" in unit and len(unit.split("/")[0]) < 8
    if m.group and (abbreviated or not unit):
        return m.group
    return unit or None


def _budget_rows(proj: Project, m: Mention, src: SourceText) -> None:
    """One project on several budget rows (one per funding source): the total is their sum."""
    rows = [m.cells] + m.extra_rows
    sources = []
    for row in rows:
        cell = row.get("budget")
        amount = budget_f.amount_of_cell(cell) if cell else None
        if amount is None:
            continue
        p = cell.paragraphs[0]
        sources.append(BudgetSource(row["source"].text if "source" in row else "", amount, src.span(p.start, p.end)))
    if len(sources) < 2:
        return
    spent = [budget_f.amount_of_cell(r["spent"]) for r in rows if "spent" in r]
    total = sum(x.amount or 0 for x in sources)
    b = proj.budget
    b.sources = sources
    if b.amount != total:
        b.amount = total
        b.text = " + ".join(src.text[x.span.start:x.span.end] for x in sources)
        b.span = src.span(sources[0].span.start, sources[-1].span.end)
    if any(spent):
        b.spent = sum(x or 0 for x in spent)


def _results_from_table(proj: Project, table, src: SourceText) -> None:
    col = table.column("result")
    if col is None:
        return
    for row in table.rows:
        if col < len(row.cells) and not row.cells[col].blank:
            for p in ind_f.cell_items(row.cells[col], bullets=True):
                from .clean import clean_pieces
                c = clean_pieces([p])
                if c and len(c[0]) > 3 and len(proj.results) < 10:
                    proj.results.append(KindItem(c[0], None, src.span(c[1], c[2])))


def _fill_from_row(proj: Project, m: Mention, src: SourceText, table_inds: list[Indicator]) -> None:
    cells = m.cells
    if "budget" in cells:
        b = budget_f.budget_from_cell(cells["budget"], src)
        if b is not None and proj.budget.amount is None:
            b.spent = proj.budget.spent
            proj.budget = b
    if "spent" in cells and proj.budget.spent is None:
        proj.budget.spent = budget_f.amount_of_cell(cells["spent"])
    if m.extra_rows and "budget" in cells:
        _budget_rows(proj, m, src)
    for role in STATUS_ROLES:
        if role in cells and budget_f.amount_of_cell(cells[role]) and proj.status is None:
            proj.status = role
    if proj.responsible.unit is None:
        proj.responsible.unit = _unit_of_row(m)
    for ind_piece, tgt_piece in m.indicator_rows:
        ind = ind_f.from_cells(TCell([ind_piece]), TCell([tgt_piece]) if tgt_piece else None, src)
        table_inds.extend(ind)
    if "indicator" in cells:
        proj.indicators += ind_f.from_cells(cells["indicator"], cells.get("target"), src)
    paren = regex.search(r"\((กลุ่ม[^/()]*)(?:/([^()]*))?\)\s*$", m.name)
    if paren and proj.responsible.unit is None:
        proj.responsible.unit = paren.group(1).strip()
