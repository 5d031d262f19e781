"""Document-level facts: title, issuing office, fiscal year, document type.

All words come from ``rules/document.toml``: the fiscal year is the first
year printed after a fiscal-year word near the top (else the most frequent
one, else a calendar/academic year, else the fiscal year every project's period starts
in, ``months.fiscal_year_start`` being its first month); the type is the first type whose words
appear in the title area; the organization is the first line of the title
area that starts with an office word.
"""

from __future__ import annotations

from collections import Counter

import regex

from ..model import DocumentInfo, Period
from ..ruleset import RuleSet
from ..textutil import collapse_spaces, thai_to_arabic
from ..vocab import Folded, fold, longest_prefix
from .labels import labels_of
from .stream import GridUnit, TextUnit, Unit

_YEAR = regex.compile(r"[^0-9๐-๙]{0,12}?([0-9๐-๙]{4})")
_EMPHASIS = regex.compile(r"^[\s*_#>]+|[\s*_]+$")  # Markdown emphasis, heading and quote marks around a line


def _plain(text: str) -> str:
    """A line without the Markdown marks around it: "**องค์การบริหารส่วนตำบล…**" → its words."""
    return _EMPHASIS.sub("", text)


def _texts(units: list[Unit], limit: int | None = None) -> list[str]:
    out: list[str] = []
    for u in units:
        if isinstance(u, TextUnit):
            out.append(collapse_spaces(u.text))
        elif isinstance(u, GridUnit):
            for r in u.segment.header:
                out.append(" ".join(c.text for c in u.view.table.rows[r] if not c.blank))
        if limit is not None and len(out) >= limit:
            break
    return out


def _years_after(text: str, words: tuple[tuple[str, str], ...]) -> list[int]:
    folded = Folded.of(text)
    out = []
    for word, _ in words:
        k = folded.find(word)
        while k != -1:
            at = folded.orig_end(k + len(word))
            m = _YEAR.match(text, at)
            if m:
                y = int(thai_to_arabic(m.group(1)))
                if 2400 <= y <= 2800:
                    out.append(y)
            k = folded.find(word, k + 1)
    return out


def fiscal_year(texts: list[str], rules: RuleSet) -> int | None:
    fy_words = rules.words_of("document", "fiscal_year_words")
    years: Counter[int] = Counter()
    for k, text in enumerate(texts):
        found = _years_after(text, fy_words)
        if found and k < rules.tune("title_area"):
            return found[0]
        years.update(found)
    if years:
        return years.most_common(1)[0][0]
    other = rules.words_of("document", "year_words")
    for text in texts[:rules.tune("title_area")]:
        found = _years_after(text, other)
        if found:
            return found[0]
    return None


def fiscal_year_of_periods(periods: list[Period | None], rules: RuleSet) -> int | None:
    """The fiscal year (BE) in which every dated period starts, when there is one and they agree
    (a fiscal year starting in October: "17-21 ตุลาคม 2565" is in fiscal year 2566)."""
    first = rules["months"]["fiscal_year_start"]
    years = set()
    for period in periods:
        if period is None or period.start is None:
            continue
        year, month = (int(x) for x in period.start.split("-"))
        years.add(year + 543 + (1 if first > 1 and month >= first else 0))
    return years.pop() if len(years) == 1 else None


def document_type(texts: list[str], rules: RuleSet) -> str:
    for text in texts[:rules.tune("title_area")]:
        key = fold(text)
        for t in rules["document"]["type"]:
            if any(fold(w) in key for w in t["words"]):
                return t["name"]
    return "unknown"


def organization(texts: list[str], rules: RuleSet) -> str | None:
    prefixes = rules.words_of("document", "organization_prefixes")
    for text in texts[:rules.tune("title_area")]:
        text = _plain(text)
        if len(text) > 120:
            continue
        if longest_prefix(Folded.of(text), prefixes) is not None:
            return text
    return None


def _heading(text: str, rules: RuleSet) -> bool:
    """A line that starts a part of the document, not one that continues a title: a field
    label ("วัตถุประสงค์…") or a front-matter heading of ``document.heading_words`` ("สารบัญ")."""
    if labels_of(text, rules):
        return True
    return longest_prefix(Folded.of(text), rules.words_of("document", "heading_words")) is not None


def title(texts: list[str], rules: RuleSet) -> str | None:
    """The first line of the title area that names the document's kind (แผน…, รายงาน…),
    with a short line that continues it; else the first line."""
    words = [fold(w) for t in rules["document"]["type"] for w in t["words"]]
    head = [_plain(t) for t in texts[:40]]
    org = organization(texts, rules)
    for k, text in enumerate(head):
        if not text or len(text) > 160 or not any(w in fold(text) for w in words):
            continue
        parts = [text]
        nxt = head[k + 1] if k + 1 < len(head) else ""
        if nxt and nxt != org and len(nxt) < 80 and not any(w in fold(nxt) for w in words) and \
                longest_prefix(Folded.of(nxt), rules.words_of("document", "organization_prefixes")) is None and \
                not _heading(nxt, rules):
            parts.append(nxt)
        return " ".join(parts)
    return next((t for t in head if t), None)


def document_info(units: list[Unit], rules: RuleSet) -> DocumentInfo:
    texts = _texts(units)
    return DocumentInfo(title(texts, rules), organization(texts, rules), fiscal_year(texts, rules),
                        document_type(texts, rules))
