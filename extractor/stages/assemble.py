"""Assemble the document: one project per distinct project, merged from every place that names it.

1. Mentions that open a detail section (``stages.sections``) are projects
   with the fields of their section.
2. Tables that list projects (``stages.rows``) give projects with the fields
   of their columns; a row that names a project of a detail section is merged
   into it (same name, or the same printed number and a similar name).
3. A project word at the head of a layout-table row with figures of its own
   ("โครงการ… | 130,000 | 130,000") is a project row too.
4. Other mentions (a table of contents, a list) only add their number and
   place to a project they name; when the document yields no project at all,
   its title mention is the one project of a single-project document, with the
   period and results its running text states (``stages.narrative``).

A document without projects gets a note saying so.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from functools import lru_cache

import regex

from ..blocks import Layout
from ..clean import Text
from ..model import Budget, Document, Listing, ListingEntry, Note, Project, Span, StatedAmount
from ..numbers import too_large_amounts
from ..ruleset import RuleSet
from ..textutil import thai_to_arabic
from .budget import Context
from .detached_amounts import detached_rows, gap_rows
from .docinfo import document_info, fiscal_year_of_periods
from .flat_rows import AmountRow, flat_rows
from .layout_rows import LayoutRows, row_mention
from .lists import list_mentions
from .mentions import Mention, card_at, find_mentions, opening_event
from .narrative import narrative_fields
from .names import NameIndex, NameKey, assign, assign_index, name_key, same_start_score
from .project_fields import Fields, fields_of_section
from .rows import RowProject, lists_projects, row_projects
from .sections import SECTION_FIELDS, Section, is_part_heading, opens_section, prologue, read_section
from .stream import GridUnit, TextUnit, Unit, units_of


@dataclass
class Draft:
    name: Text
    number: str | None
    span: Span
    fields: Fields
    order: int
    section: bool = False
    table: int | None = None  # id of the table of a row project
    mentions: list[Span] = field(default_factory=list)
    home: Draft | None = None  # the draft this one was merged into

    def final(self) -> Draft:
        d = self
        while d.home is not None:
            d = d.home
        return d


def _next(bounds: list[int], after: int) -> int:
    """The first of the sorted ``bounds`` after ``after`` (the last bound is past every index)."""
    return bounds[bisect.bisect_right(bounds, after)]


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Half-open index ranges joined where they overlap, sorted."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if a >= b:
            continue
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _from_section(sec: Section, units: list[Unit], ctx: Context) -> Draft:
    m = sec.mention
    first = units[m.index]
    last_unit = next((units[k] for k in range(sec.end - 1, m.index - 1, -1) if isinstance(units[k], TextUnit)), first)
    end = last_unit.para.end if isinstance(last_unit, TextUnit) else m.name.end
    start = first.para.start if isinstance(first, TextUnit) else m.name.start
    fields = fields_of_section(sec, ctx)
    b = fields.budget
    if b.amount is not None and b.span is not None:
        b.stated.append(StatedAmount(b.amount, "detail", b.span))
    if b.total_row is not None:
        b.stated.append(StatedAmount(b.total_row, "table_total", b.total_row_span))
    return Draft(m.name, m.number, ctx.source.span(start, max(start, end)), fields, m.name.start, section=True)


def _fill_empty(target: Fields, other: Fields) -> None:
    """Give ``target`` the lists it lacks from ``other``."""
    for name in ("objectives", "targets", "indicators", "results", "activities", "expected_results"):
        if not getattr(target, name):
            setattr(target, name, getattr(other, name))


def _from_row(rp: RowProject, ctx: Context) -> Draft:
    return Draft(rp.name, rp.number, ctx.source.span(rp.name.start, rp.name.end), rp.fields, rp.name.start,
                 table=id(rp.record.grid.view.table))


def _merge_into(target: Draft, other: Draft) -> None:
    """Fill what ``target`` lacks from ``other`` (a table row of the same project)."""
    tf, of = target.fields, other.fields
    other.home = target
    if of.budget.amount is not None and of.budget.span is not None:
        tf.budget.stated.append(StatedAmount(of.budget.amount, "summary", of.budget.span))
    if target.number is None:
        target.number = other.number
    if tf.budget.amount is None and not tf.budget.no_budget and (of.budget.amount is not None or of.budget.no_budget):
        spent, stated = tf.budget.spent, tf.budget.stated  # what target recorded (the summary amount above)
        tf.budget = replace(of.budget, stated=stated + [s for s in of.budget.stated if s not in stated])
        if spent is not None:
            tf.budget.spent = spent
    if tf.budget.spent is None:
        tf.budget.spent = of.budget.spent
    if not tf.budget.sources and of.budget.sources and sum(x.amount or 0 for x in of.budget.sources) == tf.budget.amount:
        tf.budget.sources = of.budget.sources  # the row's funding sources add up to the section's total
    for name in ("objectives", "targets", "indicators", "results", "activities", "expected_results"):
        if not getattr(tf, name):
            setattr(tf, name, getattr(of, name))
    if tf.responsible.unit is None:
        tf.responsible = of.responsible
    if tf.period is None:
        tf.period = of.period
    if tf.status is None:
        tf.status = of.status
    target.mentions.append(other.span)
    target.order = min(target.order, other.order)


def _same_figures(a: Draft, b: Draft) -> bool:
    """No budget of one contradicts the other's, and their names carry the same numbers
    ("… หมู่ที่ 7" and "… หมู่ที่ 9" are two projects)."""
    x, y = a.fields.budget.amount, b.fields.budget.amount
    return (x is None or y is None or x == y) and _name_digits(a.name.text) == _name_digits(b.name.text)


@lru_cache(maxsize=4096)
def _name_digits(name: str) -> tuple[str, ...]:
    return tuple(_DIGITS.findall(thai_to_arabic(name)))


_DIGITS = regex.compile(r"[0-9๐-๙]+")


def _digits_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The numbers of two names agree: one's are the start of the other's (a name cut
    where its cell wrapped keeps the numbers before the cut)."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _dedupe(drafts: list[Draft], rules: RuleSet) -> list[Draft]:
    """The same item listed twice (under two headings of one table) is one project,
    unless each carries figures of its own (two projects that share a name); two
    detail sections of one name (a summary and the full account) are one project."""
    out: list[Draft] = []
    seen: dict[str, Draft] = {}
    sections = NameIndex(rules=rules)  # the detail sections of out, in order
    placed: list[Draft] = []
    for d in drafts:
        nk = NameKey.of(d.name.text, rules)
        key = name_key(d.name.text, rules)
        prev = seen.get(key)
        if prev is None and d.section:
            prev = next((placed[i] for _, i in sections.matches(nk, rules.tune("same_listed"), whole=True)
                         if _same_figures(placed[i], d)), None)
        if prev is not None and prev.section and d.section:
            _fill_empty(prev.fields, d.fields)  # the later account fills what the first lacks
            _merge_into(prev, d)
            continue
        figures = d.fields.budget.amount is not None or d.fields.budget.by_year
        if prev is not None and not figures and prev.fields.budget.amount is None and not prev.fields.budget.by_year:
            prev.mentions.append(d.span)
            d.home = prev
            continue
        seen.setdefault(key, d)
        out.append(d)
        if d.section:
            sections.add(nk)
            placed.append(d)
    return out


def build_document(layout: Layout, rules: RuleSet) -> Document:
    units = units_of(layout, rules)
    info = document_info(units, rules)
    ctx = Context(rules, layout.source, info.fiscal_year)
    mentions = find_mentions(units, rules)
    heads = [k for k, u in enumerate(units) if is_part_heading(u, rules)]
    # Rows of a table flattened one cell per paragraph: each row ends the detail text
    # of the row above (its cells are not that project's parts).
    flat_all = flat_rows(units, set(), rules)
    heads = sorted(set(heads) | {r.mention.index for r in flat_all})
    details, bounds = _details(units, mentions, heads, rules)
    # Project cards: numbered lines with labelled fields, outside the detail sections
    # found so far, or numbered on from the section's own number (cards 6, 7, 8…).
    named = {m.index for m in mentions}
    cards = []
    detail_starts = [m.index for m in details]
    for k in range(len(units)):
        if k in named:
            continue
        card = card_at(units, k, SECTION_FIELDS, rules)
        if card is not None and _card_allowed(card, details, bounds, detail_starts):
            cards.append(card)
    if cards:
        mentions = sorted(mentions + cards, key=lambda m: m.index)
        details, bounds = _details(units, mentions, heads, rules)
    sections = [read_section(units, m, _next(bounds, m.index)) for m in details]
    covered = [(s.mention.index, s.end) for s in sections]
    spans = _union(covered)
    span_starts = [a for a, _ in spans]

    def in_section(k: int) -> bool:
        at = bisect.bisect_right(span_starts, k) - 1
        return at >= 0 and k < spans[at][1]

    drafts = [_from_section(s, units, ctx) for s in sections]
    if len(drafts) == 1:  # a single-project form: what it labels above its name line is its own
        _fill_empty(drafts[0].fields, fields_of_section(prologue(units, sections[0]), ctx))
    listings: list[tuple[str, list[Draft]]] = [("sections", list(drafts))]
    # Tables that list projects, outside the detail sections.
    row_drafts: list[Draft] = []
    for k, u in enumerate(units):
        if isinstance(u, GridUnit) and not in_section(k) and lists_projects(u, rules):
            table_drafts = [_from_row(rp, ctx) for rp in row_projects(u, ctx)]
            listings.append(("table", table_drafts))
            row_drafts += table_drafts
    # Project rows of layout tables; other mentions only point at projects.
    detail_ids = {id(m) for m in details}
    bare: list[Mention] = []
    claimed: set[int] = set()
    layout_rows = LayoutRows(units, ctx)
    for m in mentions:
        if id(m) in detail_ids or in_section(m.index):
            continue
        found = row_mention(units, m, ctx, claimed, layout_rows)
        if found is not None:
            row_id = units[m.index].row_id  # type: ignore[union-attr]
            table = row_id // 10000 if row_id is not None else None
            name = found.name
            row_drafts.append(Draft(name, m.number, ctx.source.span(name.start, name.end), found.fields, name.start,
                                    table=table))
        else:
            bare.append(m)
    _merge_rows(drafts, row_drafts, rules)
    # Numbered lists of plan items that name projects: items not named elsewhere are projects.
    section_units = {k for a, b in covered for k in range(a, b)}
    listed = list_mentions(units, section_units, rules)
    # a row of a table copied with its layout is read by its columns, not as an item of a list
    columned = {r.mention.index for r in flat_all if r.first_cell}
    listed = [m for m in listed if m.index not in columned]
    homes = _attach_mentions(drafts, listed, ctx, rules, whole=True)
    for m in listed:
        if id(m) not in homes:
            drafts.append(Draft(m.name, m.number, ctx.source.span(m.name.start, m.name.end), Fields(), m.name.start))
    listed_at = {m.index for m in listed}
    # Rows of a table flattened one cell per paragraph: items with an amount of their own.
    detail_at = {m.index for m in details}
    for r in flat_all:  # a row whose name opens a detail section: its amount, when the section states none,
        d = next((d for d, s in zip(drafts, sections) if s.mention.index == r.mention.index), None)
        if d is not None and len(r.mention.name.text) > len(d.name.text) and \
                r.mention.name.text.startswith(d.name.text):
            d.name = r.mention.name  # and its whole name cell (the mention stopped at the first line)
        if d is not None and d.fields.budget.amount is None:
            v = r.amount_unit
            d.fields.budget.amount, d.fields.budget.text = r.amount, v.text.strip()
            d.fields.budget.span = ctx.source.span(v.para.start, v.para.end)
    flat = [r for r in flat_all if r.mention.index not in listed_at and r.mention.index not in detail_at
            and r.mention.index not in section_units]
    listed_at |= _add_amount_rows(drafts, flat, ctx, rules)
    # Mentions whose amount a budget's amount column printed apart from them.
    loose = [m for m in bare if m.index not in listed_at and m.index not in section_units]
    detached = detached_rows(units, loose, rules)
    listed_at |= _add_amount_rows(drafts, detached, ctx, rules)
    # Mentions whose amount stands at the end of their own line, after a column gap.
    gapped = gap_rows(units, [m for m in loose if m.index not in listed_at], rules)
    listed_at |= _add_amount_rows(drafts, gapped, ctx, rules)
    bare = [m for m in bare if m.index not in listed_at]
    drafts = _dedupe(drafts, rules)
    listings += _mention_lists(bare, _attach_mentions(drafts, bare, ctx, rules), ctx)
    if not drafts:
        title = _title_project(units, mentions, ctx, info.document_type)
        if title is not None:
            drafts.append(title)
    drafts.sort(key=lambda d: d.order)
    doc = Document(source=layout.source, info=info, projects=[_project(i, d) for i, d in enumerate(drafts, 1)])
    if info.fiscal_year is None:  # no year printed: the year the projects' periods start in
        info.fiscal_year = fiscal_year_of_periods([p.period for p in doc.projects], rules)
    ids = {id(d): p.id for d, p in zip(drafts, doc.projects)}
    for kind, entries in listings:
        if len(entries) >= 2:
            doc.listings.append(Listing(kind, [ListingEntry(e.number, e.name.text, ctx.source.span(e.name.start, e.name.end),
                                                            ids.get(id(e.final()))) for e in entries]))
    if not doc.projects:
        doc.notes.append(Note("no_projects", "no project was found in the document"))
    doc.notes += _too_large_notes(layout.source.text, ctx)
    return doc


def _too_large_notes(text: str, ctx: Context) -> list[Note]:
    """A note for every amount printed too large to be believed (above values.max_amount):
    none of them was read as an amount."""
    spans = {(s, e): ctx.source.span(s, e) for s, e in too_large_amounts(text, ctx.rules)}
    spans.update({(sp.start, sp.end): sp for sp in ctx.too_large})
    return [Note("amount_too_large", "an amount too large to be believed (above the rules' values.max_amount) "
                 "is printed here; it was not read as an amount", spans[k]) for k in sorted(spans)]


def _mention_lists(bare: list[Mention], homes: dict[int, Draft], ctx: Context) -> list[tuple[str, list[Draft]]]:
    """Runs of mentions on consecutive paragraphs (a list or table of contents) as listings."""
    out: list[tuple[str, list[Draft]]] = []
    run: list[Draft] = []
    last = -10
    for m in bare:
        d = Draft(m.name, m.number, ctx.source.span(m.name.start, m.name.end), Fields(), m.name.start,
                  home=homes.get(id(m)))
        if m.index > last + 2 and run:
            out.append(("list", run))
            run = []
        run.append(d)
        last = m.last
    if run:
        out.append(("list", run))
    return out


def _details(units: list[Unit], mentions: list[Mention], heads: list[int],
             rules: RuleSet) -> tuple[list[Mention], list[int]]:
    """The mentions that open detail sections, and the section boundaries."""
    starts = sorted({m.index for m in mentions} | set(heads) | {len(units)})
    details = [m for m in mentions if opens_section(units, m, _next(starts, m.last), rules)]
    return details, sorted({m.index for m in details} | set(heads) | {len(units)})


def _card_allowed(card: Mention, details: list[Mention], bounds: list[int],
                  starts: list[int] | None = None) -> bool:
    """A card inside a detail section is allowed only numbered on from the section's own
    number.  ``starts``: the details' indices (sorted, as the details are), to find the
    section holding the card without walking them all."""
    if starts is None:
        starts = [m.index for m in details]
    # Sections run from their mention to the next bound: they do not overlap, so only the
    # last one starting at or before the card can hold it.
    at = bisect.bisect_right(starts, card.index) - 1
    for m in details[at:at + 1] if at >= 0 else ():
        if m.index <= card.index < _next(bounds, m.index):
            if not (m.number and card.number and m.number.count(".") == card.number.count(".")):
                return False
            return _number_after(card.number, m.number)
    return True


def _number_after(a: str, b: str) -> bool:
    """Is item number ``a`` later than ``b`` at the same level ("7" after "6")?"""
    try:
        return [int(x) for x in a.split(".")] > [int(x) for x in b.split(".")]
    except ValueError:
        return False


def _merge_rows(drafts: list[Draft], rows: list[Draft], rules: RuleSet) -> None:
    """Merge table rows into the detail sections of the same projects: by name, then by
    the printed number, then by order (a section between two matched ones belongs to a
    row between theirs, best with the same amount), one table at a time; other rows are
    projects of their own, or repeat a row of another table."""
    by_table: dict[int | None, list[Draft]] = {}
    for row in rows:
        by_table.setdefault(row.table, []).append(row)
    for table_rows in by_table.values():  # each table lists a project once: match table by table
        _merge_table_rows(drafts, table_rows, rules)


def _merge_table_rows(drafts: list[Draft], rows: list[Draft], rules: RuleSet) -> None:
    threshold = rules.tune("same_project")
    sections = [d for d in drafts if d.section]
    index = NameIndex([d.name.text for d in sections], rules)
    matches = assign_index(index, [r.name.text for r in rows], threshold)
    by_number: dict[str, list[int]] = {}
    for i, d in enumerate(sections):
        if d.number:
            by_number.setdefault(d.number, []).append(i)
    taken = set(matches.values())
    for j, row in enumerate(rows):
        if j in matches:
            continue
        free = [i for i in by_number.get(row.number or "", ()) if i not in taken]
        same = next((i for _, i in index.among(row.name.text, rules.tune("same_numbered_row"), free)), None)
        if same is not None:
            matches[j] = same
            taken.add(same)
    _match_by_order(sections, rows, matches, rules, index)
    # Rows left over may repeat rows of a table read before (a summary and its detail table).
    left = [j for j in range(len(rows)) if j not in matches]
    others = [d for d in drafts if not d.section and d.table is not None and d.table != rows[0].table]
    def repeats_row(i: int, k: int) -> bool:
        """Look-alike names (roads of one street) differ in amount or in the numbers they
        carry ("… หมู่ที่ 7", "… หมู่ที่ 9"); a repeated name is the whole name or its start
        (cut where the cell wrapped, with the numbers before the cut), not a name inside
        another."""
        a, b = others[i].fields.budget.amount, rows[left[k]].fields.budget.amount
        return (a is None or b is None or a == b) and \
            _digits_agree(_name_digits(others[i].name.text), _name_digits(rows[left[k]].name.text)) and \
            same_start_score(others[i].name.text, rows[left[k]].name.text, rules) >= rules.tune("same_listed")

    again = assign([d.name.text for d in others], [rows[j].name.text for j in left], threshold, rules, repeats_row)
    repeats = {left[k]: others[i] for k, i in again.items()}
    for j, row in enumerate(rows):
        if j in matches:
            _merge_into(sections[matches[j]], row)
        elif j in repeats:
            _merge_into(repeats[j], row)
        else:
            drafts.append(row)


def _match_by_order(sections: list[Draft], rows: list[Draft], matches: dict[int, int], rules: RuleSet,
                    index: NameIndex) -> None:
    """Detail sections follow their table's order: an unmatched section may be the unmatched
    row between the rows its neighbours matched (its name line damaged or reworded).

    The rows matched before and after a section are a running maximum and a suffix minimum
    (not a walk over every match), and only rows that can reach ``same_in_order`` are scored."""
    row_of = {i: j for j, i in matches.items()}
    after_of: list[int | None] = [None] * (len(sections) + 1)  # least row matched by a later section
    for i in range(len(sections) - 1, -1, -1):
        later = row_of.get(i + 1)
        nxt = after_of[i + 1]
        after_of[i] = later if nxt is None else nxt if later is None else min(later, nxt)
    rows_index = NameIndex([r.name.text for r in rows], rules)
    wanted, bonus = rules.tune("same_in_order"), rules.tune("same_amount_bonus")
    before: int | None = None  # greatest row matched by an earlier section
    for i, sec in enumerate(sections):
        if i in row_of:
            before = row_of[i] if before is None else max(before, row_of[i])
            continue
        after = after_of[i]
        if before is None or after is None or after - before < 2:
            continue
        cands = [j for j in range(before + 1, after) if j not in matches and rows[j].table == rows[before].table]
        if not cands:
            continue
        if len(cands) == 1:
            j = cands[0]
        else:
            amount = sec.fields.budget.amount
            same = {j for j in cands if amount is not None and rows[j].fields.budget.amount == amount}
            scored = [(s + bonus, j) for s, j in rows_index.among(sec.name.text, wanted - bonus - 1e-6, sorted(same), True)
                      if s + bonus >= wanted]
            scored += [(s, j) for s, j in rows_index.among(sec.name.text, wanted, [j for j in cands if j not in same], True)]
            if not scored:
                continue
            best, j = max(scored)
            if best < wanted:
                continue
        matches[j] = i
        row_of[i] = j
        before = j if before is None else max(before, j)


def _add_amount_rows(drafts: list[Draft], rows: list[AmountRow], ctx: Context, rules: RuleSet) -> set[int]:
    """Rows found with their amount: each names a drafted project or is one of its own, with that
    budget.  Returns the rows' mention indexes (now listed)."""
    homes = _attach_mentions(drafts, [r.mention for r in rows], ctx, rules, whole=True)
    for r in rows:
        if id(r.mention) not in homes:
            m, v = r.mention, r.amount_unit
            f = Fields()
            f.budget = Budget(amount=r.amount, text=v.text.strip(), span=ctx.source.span(v.para.start, v.para.end))
            drafts.append(Draft(m.name, m.number, ctx.source.span(m.name.start, m.name.end), f, m.name.start))
    return {r.mention.index for r in rows}


def _attach_mentions(drafts: list[Draft], bare: list[Mention], ctx: Context, rules: RuleSet,
                     whole: bool = False) -> dict[int, Draft]:
    """Give each mention that names a project to it (its place and number); returns mention id → draft.
    ``whole``: list items, which are projects of their own unless they name one as a whole."""
    threshold = rules.tune("same_listed" if whole else "same_mention")
    homes: dict[int, Draft] = {}
    index = NameIndex([d.name.text for d in drafts], rules)
    for m in bare:
        found = index.best(m.name.text, threshold, whole)  # the first of the best, as max() over the drafts
        if found is not None:
            d = drafts[found[1]]
            homes[id(m)] = d
            d.mentions.append(ctx.source.span(m.name.start, m.name.end))
            if d.number is None and m.number:
                d.number = m.number
    return homes


def _title_project(units: list[Unit], mentions: list[Mention], ctx: Context, document_type: str) -> Draft | None:
    """A single-project document whose title names the project, without labelled parts:
    its period and results are read from its running text (``stages.narrative``)."""
    first_text = next((k for k, u in enumerate(units) if isinstance(u, TextUnit)), None)
    if first_text is None:
        return None
    m = next((m for m in mentions if m.index <= first_text + 2), None) or opening_event(units, ctx.rules)
    if m is None:
        return None
    fields = narrative_fields(units, m.index, ctx, document_type)
    return Draft(m.name, m.number, ctx.source.span(m.name.start, m.name.end), fields, m.name.start)


def _project(idx: int, d: Draft) -> Project:
    return Project(id=f"p{idx}", number=d.number, name=d.name.text, span=d.span,
                   mentions=sorted(d.mentions, key=lambda s: s.start), **vars(d.fields))

