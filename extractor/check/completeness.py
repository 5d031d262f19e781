"""What a document and every project of a plan should state: a project at
all; objectives, indicators, a responsible unit, a period, a budget;
objectives that state a purpose.

Which document types these apply to by default is part of each rule
(``by_type`` in rules/checks.toml): a monitoring form (แบบติดตามผล) is only a
table of indicators and targets, a progress report copies a form without
objectives or periods, an annual report summarises a year.

A field's heading printed with nothing under it is a ``Project.gaps`` entry;
the finding then points at that heading instead of the project's name.
"""

from __future__ import annotations

from typing import Iterator

import regex

from ..model import Project
from .context import Context, short, where
from .registry import Hit, checker
from .text import fold

# rule → the fields (labels.toml names) whose empty heading is that rule's gap.
GAP_FIELDS = {
    "project-no-objectives": ("objectives",),
    "project-no-indicators": ("indicators", "evaluation"),
    "project-no-responsible": ("responsible", "responsible_person"),
    "project-no-period": ("period",),
    "project-no-budget": ("budget", "allocated"),
}
_LEADING_NUMBER = regex.compile(r"^[\s0-9\u0e50-\u0e59.)(\-–•*]+")


@checker("no-projects")
def check_no_projects(ctx: Context) -> Iterator[Hit]:
    note = next((n for n in ctx.doc.notes if n.code == "no_projects"), None)
    if note is not None or not ctx.projects:
        # About the whole document: the note's place if it has one, else the whole text.
        span = note.span if note is not None and note.span is not None else ctx.span(0, len(ctx.text))
        yield Hit("no-projects", None, span, "default", {})


def _has_budget(p: Project) -> bool:
    b = p.budget
    return b.amount is not None or b.no_budget or bool(b.by_year) or bool(b.stated) or b.total_row is not None


_MISSING = (
    ("project-no-objectives", lambda p: not p.objectives),
    ("project-no-indicators", lambda p: not p.indicators),
    ("project-no-responsible", lambda p: not (p.responsible.unit or p.responsible.persons)),
    ("project-no-period", lambda p: p.period is None),
    ("project-no-budget", lambda p: not _has_budget(p)),
)


@checker("project-no-objectives", "project-no-indicators", "project-no-responsible", "project-no-period",
         "project-no-budget")
def check_missing(ctx: Context) -> Iterator[Hit]:
    for p in ctx.projects:
        fields = {"where": where(p), "name": short(p.name, 60)}
        for rule_id, missing in _MISSING:
            if not ctx.on(rule_id) or not missing(p):
                continue
            gap = next((g for g in p.gaps if g.field in GAP_FIELDS[rule_id]), None)
            if gap is not None:
                yield Hit(rule_id, p.id, gap.span, "gap", {**fields, "label": short(ctx.printed(gap.span), 50)})
            else:
                yield Hit(rule_id, p.id, p.span, "default", fields)


@checker("objective-no-purpose")
def check_purpose(ctx: Context) -> Iterator[Hit]:
    openers = ctx.words("purpose")
    window = ctx.setting("purpose_window")
    for p in ctx.projects:
        for o in p.objectives:
            head = fold(_LEADING_NUMBER.sub("", o.text))[: window + max((len(w) for w in openers), default=0)]
            if any(0 <= head.find(w) <= window for w in openers):
                continue
            yield Hit("objective-no-purpose", p.id, o.span, "default", {"objective": short(o.text, 70)})
