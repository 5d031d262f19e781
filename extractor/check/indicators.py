"""Indicators and their target values: present, numeric, measurable, plausible.

Each indicator gets at most one of the first three findings, the most
specific that applies:

* ``indicator-not-measurable`` — neither the indicator nor its target states
  a quantity (a number with a unit, a percent word, ``[words] quantity`` such
  as จำนวน, ระดับความ…, ค่าเฉลี่ย);
* ``indicator-no-target`` — the indicator states what is counted (ร้อยละของ…)
  but no target value is given;
* ``target-no-number`` — a target value is given, with no number in it
  (numbers that name things — เขต 2, ป.6, a year — do not count).

Texts are the extracted ``Indicator.text`` and ``Indicator.target.text``;
words are compared on the folded form.
"""

from __future__ import annotations

from typing import Iterator

import regex

from ..model import Indicator
from .context import Context, short
from .registry import Hit, checker
from .text import alternation, ends_with_word, fold, fold_words, has_word, numbers_in, starts_with_word


class Words:
    """The word lists indicator checks use, folded once per document."""

    def __init__(self, ctx: Context):
        self.percent = ctx.rule_words("values", "percent_words")
        self.quantity = ctx.words("quantity") + self.percent
        self.units = tuple(sorted(set(ctx.rule_words("values", "units") + ctx.words("units")) | set(self.percent),
                                  key=len, reverse=True))
        self.years = ctx.words("years")
        self.growth = ctx.words("growth")
        names = alternation(ctx.words("naming_numbers"))
        years = alternation(self.years)
        self.naming = regex.compile(r"(?:" + names + r") ?[0-9]+|(?:" + years + r") ?[0-9]{4}"
                                    r"|(?<![0-9])(?:25|20)[0-9]{2}(?![0-9])")


def _words(ctx: Context) -> Words:
    return ctx.memo("indicator_words", lambda: Words(ctx))


def quantity_in(text: str, w: Words) -> bool:
    """A number with a unit or percent word (ร้อยละ 80, 102 โรงเรียน, 7 ราย) in ``text``;
    years and numbers that name things (เขต 2, ป.6) do not count."""
    t = fold_words(text)
    # Words are one space apart in ``t``: a window twice the longest word (and a space) on
    # each side holds every word that can end or start there, spaces removed; the text
    # around each number is never copied whole (a run of thousands of numbers stays linear).
    reach = 2 * max((len(x) for x in w.years + w.percent + w.units), default=0) + 2
    for value, start, end in numbers_in(t):
        before = t[max(0, start - reach):start].rstrip()
        if 2400 <= value <= 2700 or ends_with_word(before, w.years):
            continue
        if ends_with_word(before.replace(" ", ""), w.percent):
            return True
        if starts_with_word(t[end:end + reach].replace(" ", ""), w.units):
            return True
    return False


def counts_something(text: str, w: Words) -> bool:
    """A number in a target that is not a district, grade or year number."""
    return bool(numbers_in(w.naming.sub(" ", fold_words(text))))


def measurable(text: str, w: Words) -> bool:
    """The text says what is counted or how much: a quantity word, or a number with a unit."""
    return has_word(fold(text), w.quantity) or quantity_in(text, w)


def _judge(ind: Indicator, w: Words) -> tuple[str, str, dict] | None:
    """(rule, variant, fields) for an indicator, or None when it is fine."""
    t = ind.target
    if (t is not None and counts_something(t.text, w)) or (t is None and quantity_in(ind.text, w)):
        return None  # a target, or one written into the indicator ("… รวม ๑๐๒ คน")
    quoted = short(ind.text, 70)
    if measurable(ind.text, w) or (t is not None and measurable(t.text, w)):
        if t is None:
            return "indicator-no-target", "default", {"indicator": quoted}
        return "target-no-number", "default", {"target": short(t.text, 50), "indicator": quoted}
    if t is not None:
        return "indicator-not-measurable", "with_target", {"indicator": quoted, "target": short(t.text, 40)}
    return "indicator-not-measurable", "no_target", {"indicator": quoted}


@checker("indicator-not-measurable", "indicator-no-target", "target-no-number")
def check_indicators(ctx: Context) -> Iterator[Hit]:
    w = _words(ctx)
    for p in ctx.projects:
        for ind in p.indicators:
            judged = _judge(ind, w)
            if judged is None:
                continue
            rule_id, variant, fields = judged
            span = ind.target.span if (rule_id == "target-no-number" and ind.target and ind.target.span) else ind.span
            yield Hit(rule_id, p.id, span, variant, fields)


@checker("percent-over-100")
def check_percent(ctx: Context) -> Iterator[Hit]:
    w = _words(ctx)
    for p in ctx.projects:
        for ind in p.indicators:
            t = ind.target
            if t is None or t.unit != "percent" or not isinstance(t.value, (int, float)) or t.value <= 100:
                continue
            if has_word(fold(t.text), w.growth) or has_word(fold(ind.text), w.growth):
                continue
            yield Hit("percent-over-100", p.id, t.span or ind.span, "default",
                      {"target": short(t.text, 40), "indicator": short(ind.text, 60)})
