"""Item numbers, bullets and tick boxes at the start of a paragraph.

>>> from extractor.ruleset import default_rules
>>> r = default_rules()
>>> m = mark_of("๒.๑ เพื่อพัฒนาครู", r)
>>> m.number, m.body
('2.1', 4)
>>> m = mark_of("☑ เพื่อสร้างความรู้", r)
>>> m.tick, m.body
(<Tick.CHECKED: 'checked'>, 2)
>>> mark_of("1ศ1ศ2 แผนงาน", r).number, mark_of("2.1เพื่อ", r).number
('1.1.2', '2.1')
>>> mark_of("- ร้อยละ ๘๐", r).bullet, mark_of("2566 ปี", r).number
(True, None)
>>> mark_of("1000. โครงการ", r).number, mark_of("1000.50 บาท", r).number, mark_of("๒๕๖๗ ปี", r).number
('1000', None, None)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import regex

from ..ruleset import RuleSet
from ..textutil import thai_to_arabic


class Tick(Enum):
    CHECKED = "checked"
    UNCHECKED = "unchecked"


@dataclass(frozen=True)
class Mark:
    """What starts a paragraph: a tick box, an item number or a bullet, and where its body starts."""

    tick: Tick | None = None
    number: str | None = None  # Arabic digits, dots: "2.1"
    printed: str | None = None  # the number as printed ("๒.๑", "1)")
    bullet: bool = False
    body: int = 0  # offset in the paragraph text where the item's own text starts

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1 if self.number else 0

    @property
    def marked(self) -> bool:
        return bool(self.number or self.bullet or self.tick)


@lru_cache(maxsize=8)
def _patterns(rules: RuleSet) -> tuple[regex.Pattern, regex.Pattern, regex.Pattern, regex.Pattern]:
    m = rules["marks"]
    dots = "".join(regex.escape(c) for c in m["number_dots"])
    d = r"[0-9๐-๙]"
    sep = r"(?:\.|[" + dots + r"])" if dots else r"\."
    words = "|".join(regex.escape(w) for w in sorted(m["number_words"], key=len, reverse=True))
    # A number runs into a letter with no space ("2.1เพื่อ"), but Thai digits are
    # Thai characters too: "๒๕๖๗" must not give item number "256".  Items 1000 and on
    # ("1000. โครงการ…", "1234)") need their stop or bracket: a bare "2566" is a year, and
    # "1000.50" or "1000.-" an amount.
    number = regex.compile(
        r"\s*(?:(?:" + words + r")\s*)?"
        r"(?:\((?P<p>" + d + r"{1,3})\)"
        r"|(?P<w>" + d + r"{4,6}+)\s?[.)](?![0-9๐-๙.\-–])"
        r"|(?P<n>" + d + r"{1,3}(?:" + sep + d + r"{1,3}){0,4})(?P<end>\s?[.)]|[" + dots + r"](?=\S)|(?=\s|$)|(?=[\p{Thai}A-Za-z“\"(])(?!" + d + r")))"
        r"\s*") if words else None
    bullets = sorted(m["bullets"], key=len, reverse=True)
    bullet = regex.compile(r"\s*(?:" + "|".join(regex.escape(b) for b in bullets) + r")(?![0-9๐-๙])\s*")
    ticks = m["checked"] + m["unchecked"]
    tick = regex.compile(r"\s*(?P<t>" + "|".join(regex.escape(t) for t in ticks) + r")\s*")
    deco = regex.compile(r"\s*(?:" + "|".join(regex.escape(d) for d in m["decorations"]) + r")+(?=\S)") \
        if m["decorations"] else regex.compile(r"(?!)")
    return number, bullet, tick, deco


def mark_of(text: str, rules: RuleSet) -> Mark:
    """The marks at the start of ``text`` (a paragraph's text)."""
    number_re, bullet_re, tick_re, deco_re = _patterns(rules)
    d = deco_re.match(text)
    after = number_re.match(text, d.end()) if d else None
    at = d.end() if after and (after.group("n") or after.group("w")) else 0
    tick = None
    m = tick_re.match(text, at)
    if m:
        tick = Tick.CHECKED if m.group("t") in rules["marks"]["checked"] else Tick.UNCHECKED
        at = m.end()
    m = number_re.match(text, at)
    if m and (m.group("n") or m.group("p") or m.group("w")):
        raw = m.group("n") or m.group("p") or m.group("w")
        digits = regex.findall(r"[0-9๐-๙]+", raw)
        # "2566" is a year and "0.40" a measure, not item numbers (a long number is one
        # only with its stop: group w)
        if (m.group("w") or not (len(digits) == 1 and len(digits[0]) > 3)) and thai_to_arabic(digits[0]).lstrip("0"):
            number = ".".join(thai_to_arabic(x) for x in digits)
            return Mark(tick, number, text[at:m.end()].strip(), False, m.end())
    m = bullet_re.match(text, at)
    if m:
        return Mark(tick, None, None, True, m.end())
    if tick is not None:
        return Mark(tick, body=at)
    return Mark(body=len(text) - len(text.lstrip()))
