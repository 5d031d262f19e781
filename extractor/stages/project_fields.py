"""A project's fields from its detail section: each part read by its field.

Objectives, targets, activities, expected results and results are the items
of their parts; a form without a เป้าหมาย part but with a target-group part
records the target-group lines as targets (kind output when they give a
count).  Indicators come from indicator parts (lists and KPI tables) and
from evaluation tables; budget, responsible unit and period from their labels.
"""

from __future__ import annotations


from ..model import FieldGap, Indicator, KindItem, ProjectFields, TextItem
from ..numbers import numbers_in, unit_after
from ..ruleset import RuleSet
from . import indicators as ind
from .budget import Context, section_budget
from .header_fields import period_of, responsible_of
from .items import Item, items_of
from .sections import Part, Section


Fields = ProjectFields  # what a section (or a table row) says about a project


def _items(parts: list[Part], rules: RuleSet) -> list[Item]:
    out: list[Item] = []
    for part in parts:
        out.extend(items_of(part, rules))
    return out


def _text_items(items: list[Item], ctx: Context) -> list[TextItem]:
    return [TextItem(it.text.text, ctx.source.span(it.text.start, it.text.end)) for it in items]


def _kind_items(items: list[Item], field_name: str, ctx: Context) -> list[KindItem]:
    return [KindItem(it.text.text, ctx.rules.kind_name(field_name, it.kind), ctx.source.span(it.text.start, it.text.end))
            for it in items]


def has_count(text: str, rules: RuleSet) -> bool:
    """A number followed by a unit word ("930 คน")."""
    units = set(rules["values"]["units"])
    return any(unit_after(text, f, rules) in units for f in numbers_in(text))


def fields_of_section(sec: Section, ctx: Context) -> Fields:
    rules = ctx.rules
    f = Fields()
    f.objectives = _text_items(_items(sec.all("objectives"), rules), ctx)
    targets = _items(sec.all("targets"), rules)
    if targets:
        f.targets = _kind_items(targets, "targets", ctx)
    else:
        group = _items(sec.all("target_group"), rules)
        f.targets = [KindItem(it.text.text, "output" if has_count(it.text.text, rules) else None,
                              ctx.source.span(it.text.start, it.text.end)) for it in group]
    f.activities = _text_items(_items(sec.all("activities"), rules), ctx)
    f.expected_results = _text_items(_items(sec.all("expected_results"), rules), ctx)
    f.results = _kind_items(_items(sec.all("results"), rules), "results", ctx)[:10]
    f.indicators = section_indicators(sec, ctx)
    f.budget = section_budget(sec, ctx)
    unit_parts = sec.all("responsible")
    f.responsible = responsible_of(unit_parts, sec.all("responsible_person"), ctx)
    f.period = period_of(sec.all("period"), ctx)
    f.gaps = [FieldGap(p.field, ctx.source.span(p.head.para.start, p.head.para.end)) for p in sec.parts
              if p.head is not None and p.spec_items and not p.entries and not p.grids]
    return f


def section_indicators(sec: Section, ctx: Context) -> list[Indicator]:
    listed: list[Indicator] = []
    tabled: list[Indicator] = []
    for part in sec.all("indicators"):
        listed += ind.from_items(items_of(part, ctx.rules), ctx)
        for grid in part.grids:
            tabled += ind.from_grid(grid, part.kind, ctx, default_col=0)
    for part in sec.all("evaluation"):
        for grid in part.grids:
            tabled += ind.from_grid(grid, part.kind, ctx, default_col=None)
    out = ind.dedupe(ind.merge(listed, tabled, ctx.rules), ctx.rules)
    ind.embedded_targets(out, ctx)
    return out
