"""Short label values of a project: its responsible unit and persons, and its period.

The unit comes from a responsible-unit label's value (the part from a group
word on, when the value names an office and its group), or from a
responsible-person label's lines that are not persons.  Persons start with a
title of ``projects.person_titles``.  A period is the first value that names a
month (else the first that names a year, outside web addresses); a place after it ("… ณ โรงเรียน…") is cut off.
"""

from __future__ import annotations

import regex

from ..blocks import Piece
from ..clean import clean_text
from ..model import Period, Responsible
from ..ruleset import RuleSet
from ..textutil import collapse_spaces, thai_to_arabic
from ..vocab import Folded, longest_prefix
from .budget import Context
from .sections import Part

_YEAR = regex.compile(r"(?<![0-9])(25[0-9]{2}|[4-9][0-9])(?![0-9])")


def _pieces(part: Part, limit: int = 4) -> list[Piece]:
    return [e.piece for e in part.entries if not e.piece.blank][:limit]


def is_person(text: str, rules: RuleSet) -> bool:
    folded = Folded.of(text.strip())
    return longest_prefix(folded, rules.words_of("projects", "person_titles")) is not None


def _group_part(text: str, rules: RuleSet) -> int:
    """Offset where the group of an office starts within a unit value, else 0."""
    folded = Folded.of(text)
    for word, _ in rules.words_of("projects", "group_words"):
        k = folded.find(word, 1)
        while k != -1:
            at = folded.orig_start(k)
            if text[at - 1:at].isspace():
                return at
            k = folded.find(word, k + 1)
    return 0


def responsible_of(unit_parts: list[Part], person_parts: list[Part], ctx: Context) -> Responsible:
    rules = ctx.rules
    resp = Responsible()
    for part in unit_parts:
        pieces = _pieces(part, 2)
        for n, p in enumerate(pieces):
            if is_person(p.text, rules):
                continue
            at = _group_part(p.text, rules)
            if not at and n + 1 < len(pieces) and _starts_group(pieces[n + 1].text, rules):
                continue  # the office on this line, its group on the next
            text = clean_text([p.cut(at)], rules.words)
            if text is not None and resp.unit is None:
                resp.unit = text.text.rstrip(" .,")
                resp.span = ctx.source.span(text.start, text.end)
    for part in person_parts:
        lines = _pieces(part, 6)
        for p in lines:
            text = collapse_spaces(p.text)
            if is_person(text, rules) or is_person(regex.sub(r"^[0-9๐-๙.\s]+", "", text), rules):
                at = _group_part(p.text, rules)  # "นางสมศรี ใจดี กลุ่มบริหารวิชาการ": the person's group
                if at and resp.unit is None:
                    unit = clean_text([p.cut(at)], rules.words)
                    if unit is not None:
                        resp.unit, resp.span = unit.text, ctx.source.span(unit.start, unit.end)
                    text = collapse_spaces(p.text[:at])
                person = regex.sub(r"^[0-9๐-๙.\s]+", "", text)
                if person not in resp.persons:
                    resp.persons.append(person)
            elif resp.unit is None and _starts_unit(text, rules):
                cleaned = clean_text([p], rules.words)
                if cleaned is not None:
                    resp.unit = cleaned.text
                    resp.span = ctx.source.span(cleaned.start, cleaned.end)
    return resp


def _starts_group(text: str, rules: RuleSet) -> bool:
    return longest_prefix(Folded.of(text.strip()), rules.words_of("projects", "group_words")) is not None


def _starts_unit(text: str, rules: RuleSet) -> bool:
    return longest_prefix(Folded.of(text), rules.words_of("projects", "unit_words")) is not None


def _month_year(text: str, rules: RuleSet) -> list[tuple[int, int | None, int]]:
    """(month, BE year or None, position) in reading order."""
    t = thai_to_arabic(text)
    months = sorted(rules["months"]["months"].items(), key=lambda x: -len(x[0]))
    found: list[tuple[int, int | None, int]] = []
    taken: list[tuple[int, int]] = []
    for name, month in months:
        for m in regex.finditer(regex.escape(name), t):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            y = _YEAR.match(t[m.end():].lstrip()) if t[m.end():].strip() else None
            year = None
            if y:
                year = int(y.group(1))
                if year < 100:
                    year += 2500
            found.append((month, year, m.start()))
    found.sort(key=lambda x: x[2])
    return found


def period_dates(text: str, rules: RuleSet) -> tuple[str | None, str | None]:
    """CE start and end ("2022-12") of a Thai period text.

    >>> from extractor.ruleset import default_rules
    >>> period_dates("ธันวาคม ๒๕๖๕ – กันยายน ๒๕๖๖", default_rules())
    ('2022-12', '2023-09')
    >>> period_dates("มิถุนายน – กันยายน   ๒๕๖2", default_rules())
    ('2019-06', '2019-09')
    """
    marks = _month_year(text, rules)
    if not marks:
        return None, None
    years = [y for _, y, _ in marks]
    filled: list[tuple[int, int | None]] = []
    for idx, (month, year, _) in enumerate(marks):
        if year is None:
            later = next((y for y in years[idx + 1:] if y), None)
            if later is not None:
                # "ตุลาคม – กันยายน 2566": a start month after the end month is the year before
                end_month = marks[-1][0]
                year = later - 1 if month > end_month and idx == 0 else later
        filled.append((month, year))

    def ce(m: int, y: int | None) -> str | None:
        return f"{y - 543:04d}-{m:02d}" if y else None

    return ce(*filled[0]), ce(*filled[-1])


def _place_cut(text: str, rules: RuleSet) -> int:
    for _, word in rules.words_of("projects", "place_words"):
        # "ณ โรงเรียน", "ที่คณะ…": followed by a name, not a number ("วัน ที่ 17");
        # a one-letter word only after a space ("ณ", not the first letter of "ณัฐ…").
        glued = "" if len(word) == 1 else "?"
        m = regex.search(r"\s" + regex.escape(word) + r"(?:\s" + glued + r"(?=[^\s0-9๐-๙])|\s*$)", text)
        if m:
            return m.start()
    return len(text)


_URL = regex.compile(r"\S+://\S+|www\.\S+")


def period_of_text(p: Piece, ctx: Context, months_only: bool = False) -> Period | None:
    """The period a label's value states: with a month, or (unless ``months_only``) a year."""
    body = p.text[:_place_cut(p.text, ctx.rules)]
    clean = collapse_spaces(body).strip(" :")
    if not clean:
        return None
    if not _month_year(clean, ctx.rules) and (
            months_only or not regex.search(r"[0-9๐-๙]{4}|[0-9๐-๙]{2}\s*$", _URL.sub("", clean))):
        return None
    start, end = period_dates(clean, ctx.rules)
    lead = len(body) - len(body.lstrip(" :\t"))
    return Period(clean, start, end, ctx.source.span(p.start + lead, p.start + len(body.rstrip())))


def _compound_heading(part: Part) -> bool:
    """A label glued to further words ("ระยะเวลาและวิธีการรับสมัคร"): a heading about
    more than the field, whose value is less likely to be the field's own."""
    label, head = part.label, part.head
    if label is None or head is None or label.value is None or label.value[0] != label.end:
        return False
    return bool(regex.match(r"\p{Thai}", head.text[label.end:label.end + 1]))


def period_of(parts: list[Part], ctx: Context) -> Period | None:
    """The first period value that names a month, else the first that names a year;
    under a plain period label before one under a compound heading."""
    parts = sorted(parts, key=_compound_heading)
    for months_only in (True, False):
        for part in parts:
            for p in _pieces(part, 3):
                found = period_of_text(p, ctx, months_only)
                if found is not None:
                    return found
    return None
