"""The running text of a one-project document that labels none of its parts: a report on
one event, a survey of its participants, an announcement ("การอบรม… จัดขึ้นเมื่อวันที่
17-21 ตุลาคม 2565 ซึ่งมีผู้เข้าร่วมทั้งสิ้น จำนวน 30 คน …").

*Period*: the first date in the project's opening paragraphs (its name's paragraph and the
``tuning.header_window`` paragraphs after it) that gives a day or a range of days, a month
and a year (``rules/months.toml``: month names, ``day_words``, ``range_words``,
``era_words``): "17-21 ตุลาคม 2565", "วันที่ 14-23 พฤษภาคม 2567", "28 กุมภาพันธ์ – 1
มีนาคม 2567".  A day word that stands as a word of its own belongs to the text ("วันที่
14-23 …"), one glued to the word before it does not ("เมื่อวันที่ 17-21 …").  A month
with no day ("ในเดือนสิงหาคม 2567") is not an event's date.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..model import Period
from ..ruleset import RuleSet
from ..textutil import collapse_spaces
from .budget import Context
from .header_fields import period_dates
from .project_fields import Fields
from .stream import TextUnit, Unit


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=4)
def _date_re(rules: RuleSet) -> regex.Pattern:
    m = rules["months"]
    day = r"[0-9๐-๙]{1,2}(?![0-9๐-๙.,])"
    month = "(?:" + _alternation(list(m["months"])) + ")"
    era = r"(?:(?:" + _alternation(m["era_words"]) + r")\s*)?"
    year = r"(?:" + era + r"[0-9๐-๙]{4}|[0-9๐-๙]{2})(?![0-9๐-๙])"
    day_word = r"(?:(?:" + _alternation(m["day_words"]) + r")\s*)"
    to = r"\s*(?:" + _alternation(m["range_words"]) + r")\s*" + day_word + "?"
    one = day + "(?:" + to + day + r")?\s*" + month + r"(?:\s*" + year + ")?"
    # A day word that stands as a word of its own (after a space or at the start) is kept.
    return regex.compile(r"(?:(?<!\S)" + day_word + r")?(?<![0-9๐-๙])" + one + "(?:" + to + one + ")?")


def event_period(units: list[Unit], first: int, ctx: Context) -> Period | None:
    """The first dated day (or range) in the paragraphs from ``first`` on (see the module doc)."""
    seen = 0
    for u in units[first:]:
        if not isinstance(u, TextUnit):
            continue
        seen += 1
        if seen > ctx.rules.tune("header_window") + 1:
            return None
        for m in _date_re(ctx.rules).finditer(u.text):
            text = collapse_spaces(m.group(0))
            start, end = period_dates(text, ctx.rules)
            if start is None:
                continue  # no year: not a date to be sure of
            return Period(text, start, end, ctx.source.span(u.para.start + m.start(), u.para.start + m.end()))
    return None


def narrative_fields(units: list[Unit], first: int, ctx: Context, document_type: str) -> Fields:
    """What the running text says of the document's one project named at unit ``first``."""
    f = Fields()
    f.period = event_period(units, first, ctx)
    return f
