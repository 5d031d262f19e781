"""What every project of a plan should state: objectives, indicators, a
responsible unit, a period, a budget; objectives that state a purpose.

Which document types these apply to by default is part of each rule (see
``by_type``): a monitoring form (แบบติดตามผล) is only a table of indicators
and targets, a progress report copies a form without objectives or periods,
an annual report summarises a year.  Before reporting that something is
missing, the checker also looks at the project's own text for the heading
with a value below it, so that a value the extractor did not pick up is not
reported as missing from the document.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterator

import regex

from ..lines import Line
from ..model import Project
from ..ruleset import rules
from ..textutil import strip_numbering
from .context import Context, short
from .registry import Hit, checker, rule

REPORTS_OFF = {"progress_report": "off", "monitoring_form": "off"}

rule("project-no-objectives", "completeness", "warning",
     "โครงการไม่มีวัตถุประสงค์", "A project with no objectives",
     by_type=REPORTS_OFF)
rule("project-no-indicators", "completeness", "warning",
     "โครงการไม่มีตัวชี้วัด", "A project with no indicators",
     by_type={"annual_report": "off", "progress_report": "off"})
rule("project-no-responsible", "completeness", "warning",
     "โครงการไม่ระบุหน่วยงานหรือผู้รับผิดชอบ", "A project with no responsible unit or person",
     by_type={"monitoring_form": "off"})
rule("project-no-period", "completeness", "warning",
     "โครงการไม่ระบุระยะเวลาดำเนินการ", "A project with no period (ระยะเวลาดำเนินการ)",
     by_type={"annual_report": "off", **REPORTS_OFF})
rule("project-no-budget", "completeness", "warning",
     "โครงการไม่ระบุงบประมาณ (หรือ \"ไม่ใช้งบประมาณ\")", "A project that states no budget (nor ไม่ใช้งบประมาณ)",
     by_type={"monitoring_form": "off"})
rule("objective-no-purpose", "completeness", "info",
     "วัตถุประสงค์ไม่ได้เขียนในรูปเป้าประสงค์ (โดยทั่วไปขึ้นต้นด้วย \"เพื่อ\")",
     "An objective that does not state a purpose (the usual form starts with เพื่อ)",
     by_type=REPORTS_OFF)


@lru_cache(maxsize=1)
def _months() -> regex.Pattern:
    names = sorted(rules()["thai_months"]["months"], key=len, reverse=True)
    return regex.compile("|".join(regex.escape(n) for n in names) + r"|[0-9๐-๙]{4}|ปีงบประมาณ|ปีการศึกษา")


def _letters(text: str) -> int:
    return len(regex.findall(r"[ก-ฮะ-ฺเ-์A-Za-z]", text))


def _section_lines(ctx: Context, p: Project) -> list[Line]:
    first = ctx.line_at(p.span.start).no - 1
    out = []
    for ln in ctx.lines[first:]:
        if ln.start > p.span.end:
            break
        out.append(ln)
    return out


def stated_in_text(ctx: Context, p: Project, field: str, accept: Callable[[str], bool]) -> bool:
    """The project's section has a ``field`` heading with an acceptable value
    inline or on the next non-blank lines (before the next heading)."""
    lines = _section_lines(ctx, p)
    first = lines[0].no - 1 if lines else 0
    for i, ln in enumerate(lines):
        h = ctx.heading(first + i)
        if h is None or h.field != field:
            continue
        if h.value is not None and accept(h.value.text):
            return True
        seen = 0
        for k, nxt in enumerate(lines[i + 1:], start=first + i + 1):
            if nxt.blank:
                continue
            if ctx.heading(k) is not None:
                break
            if accept(nxt.text):
                return True
            seen += 1
            if seen >= 3:
                break
    return False


def _where(p: Project) -> str:
    return f"[{p.number}] " if p.number else ""


def _missing(rule_id: str, p: Project, th: str, en: str) -> Hit:
    name = short(p.name, 60)
    return Hit(rule_id, p.id, p.span, f"โครงการ {_where(p)}{name}: {th}", f"project {_where(p)}{name}: {en}")


@checker("project-no-objectives", "project-no-indicators", "project-no-responsible", "project-no-period",
         "project-no-budget")
def check_missing(ctx: Context) -> Iterator[Hit]:
    on = ctx.on
    for p in ctx.projects:
        if on("project-no-objectives") and not p.objectives and not stated_in_text(ctx, p, "objectives", lambda t: _letters(t) >= 6):
            yield _missing("project-no-objectives", p, "ไม่มีวัตถุประสงค์", "no objectives")
        if on("project-no-indicators") and not p.indicators and not stated_in_text(ctx, p, "indicators", lambda t: _letters(t) >= 6):
            yield _missing("project-no-indicators", p, "ไม่มีตัวชี้วัด", "no indicators")
        r = p.responsible
        if on("project-no-responsible") and not (r.unit or r.persons) and not stated_in_text(ctx, p, "responsible", lambda t: _letters(t) >= 3):
            yield _missing("project-no-responsible", p, "ไม่ระบุหน่วยงานหรือผู้รับผิดชอบ", "no responsible unit or person")
        if on("project-no-period") and p.period is None and not stated_in_text(ctx, p, "period", lambda t: bool(_months().search(t))):
            yield _missing("project-no-period", p, "ไม่ระบุระยะเวลาดำเนินการ", "no period")
        b = p.budget
        if on("project-no-budget") and b.amount is None and not b.no_budget and not ctx.table_rows.get(p.id):
            yield _missing("project-no-budget", p, "ไม่ระบุงบประมาณ", "no budget stated")


_PURPOSE = regex.compile(r"^.{0,20}?เพื่อ|^(?:to|in order to)\b", regex.IGNORECASE)


@checker("objective-no-purpose")
def check_purpose(ctx: Context) -> Iterator[Hit]:
    for p in ctx.projects:
        for o in p.objectives:
            text = regex.sub(r"^[\s0-9๐-๙.)(\-–•]+", "", strip_numbering(o.text))
            if _PURPOSE.search(text):
                continue
            yield Hit("objective-no-purpose", p.id, o.span,
                      f'วัตถุประสงค์ "{short(o.text, 70)}" ไม่ได้บอกว่าทำเพื่ออะไร (มักขึ้นต้นด้วย "เพื่อ")',
                      f'objective "{short(o.text, 70)}" does not state a purpose (usually "เพื่อ…", "in order to …")')
