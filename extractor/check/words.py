"""An amount in digits against the same amount in Thai words (…บาทถ้วน).

The extraction gives the words printed next to a project's budget
(``Budget.words``).  The digits are rendered with pythainlp's ``bahttext``
and compared with the printed words after both are brought to one spelling
(``[words.baht_text]`` of rules/checks.toml); the words are never parsed by
hand.  The spelling rules: damage folded away (spaces, tone marks, ำ/า),
dashes and brackets dropped; บาทถ้วน / บาทตรง / บาท at the end are the same;
เอ็ด = หนึ่ง; ยี่สิบ = สองสิบ; a leading หนึ่ง before a place word is optional
(หนึ่งแสน = แสน); digits inside the words ("๑๐๐ ล้านบาทถ้วน") are rendered
with bahttext as well.

>>> w = BahtWords.of()
>>> w.normalize("(-สามแสนเจ็ดหมื่นห้าพันบาทถ้วน-)") == w.normalize(bahttext(375000))
True
>>> w.normalize("๑๐๐ ล้านบาท") == w.normalize(bahttext(100_000_000))
True
>>> w.normalize("แสนเอ็ดบาทตรง") == w.normalize(bahttext(100_001))
True
>>> w.normalize("สามแสนสี่หมื่นแปดพันสี่ร้อยสี่สิบบาทถ้วน") == w.normalize(bahttext(348_445))
False
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex
from pythainlp.util import bahttext

from ..ruleset import RuleSet, fold
from .context import Context, baht, short
from .registry import Catalog, Hit, catalog_of, checker
from .text import NUMBER, alternation, arabic, parse_number

_NOT_THAI = regex.compile(r"[^\p{Thai}]")


@dataclass(frozen=True)
class BahtWords:
    """The spelling rules of ``[words.baht_text]``, folded."""

    whole: tuple[str, ...]  # endings that mean baht, longest first
    baht: str
    same: tuple[tuple[str, str], ...]
    optional_one: regex.Pattern
    zero_baht: str

    @classmethod
    def of(cls, source: Catalog | RuleSet | None = None) -> BahtWords:
        catalog = source if isinstance(source, Catalog) else catalog_of(source)
        w = catalog.words["baht_text"]
        whole = tuple(sorted((fold(x) for x in w["whole"]), key=len, reverse=True))
        same = tuple(sorted(((fold(a), fold(b)) for a, b in w["same"].items()), key=lambda x: -len(x[0])))
        places = alternation(tuple(fold(x) for x in w["places"]))
        optional_one = regex.compile("(?<!" + regex.escape(fold(w["ten"])) + ")" + regex.escape(fold(w["one"]))
                                     + "(?=" + places + ")")
        return cls(whole, fold(w["baht"]), same, optional_one, fold(w["zero"]) + fold(w["baht"]))

    def _digits(self, m: regex.Match) -> str:
        value = parse_number(m.group(0))
        if value is None:
            return m.group(0)
        words = fold(bahttext(int(value)))
        for end in self.whole + (self.baht,):
            if words.endswith(end):
                return words[: -len(end)]
        return words

    def normalize(self, text: str) -> str:
        t = NUMBER.sub(self._digits, arabic(text))
        t = fold(_NOT_THAI.sub("", t))
        for end in self.whole:
            if t.endswith(end):
                t = t[: -len(end)] + self.baht
                break
        for a, b in self.same:
            t = t.replace(a, b)
        t = self.optional_one.sub("", t)
        if t.startswith(self.zero_baht):
            t = t[len(self.zero_baht):]
        return t

    def agree(self, words: str, value: float | int) -> bool:
        return self.normalize(words) == self.normalize(bahttext(value))


def _num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


@checker("amount-words-mismatch")
def check_words(ctx: Context) -> Iterator[Hit]:
    spelling = ctx.memo("baht_words", lambda: BahtWords.of(ctx.catalog))
    for p in ctx.projects:
        b = p.budget
        if not b.words or not _num(b.amount) or b.no_budget or b.span is None:
            continue
        digits = ctx.printed(b.span).strip()
        if not NUMBER.search(arabic(digits)):
            continue  # the amount was read from these very words
        if spelling.agree(b.words, b.amount):
            continue
        # The finding covers the digits and the words printed after them.
        at = ctx.text.find(b.words, b.span.end, b.span.end + 120)
        end = at + len(b.words) if at >= 0 else b.span.end
        yield Hit("amount-words-mismatch", p.id, ctx.span(b.span.start, end), "default",
                  {"digits": digits, "amount": baht(b.amount), "words": short(b.words, 70),
                   "expected": bahttext(b.amount)})
