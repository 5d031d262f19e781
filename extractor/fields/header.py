"""Header-block values of a project: responsible unit and persons, period."""

from __future__ import annotations

from functools import lru_cache

import regex

from ..lines import Piece
from ..model import Period, Responsible, SourceText
from ..ruleset import rules
from ..textutil import collapse_spaces, thai_to_arabic
from .section import Part

_UNIT = regex.compile(r"(?<!\p{Thai})กลุ่ม(?!/หน่วย|เป้าหมาย)[^\t\n]*")
_UNIT_STOP = regex.compile(r"\s+(?:ตำแหน่ง|โทร|ผู้รับผิดชอบ|นาย|นาง|นางสาว)\b.*$")
_PERSON = regex.compile(r"(?:นางสาว|นาง|นาย|ว่าที่\s*(?:ร\.ต\.|ร\.อ\.|ร\.ท\.)?|ดร\.)\s*[\p{Thai}]+\s+[\p{Thai}]+")


def _pieces(part: Part, limit: int = 6, window: int = 4) -> list[Piece]:
    """Inline values, and the lines within ``window`` lines after each heading
    (a label's value printed below it); later lines are another block's."""
    lines: list[Piece] = []
    taken = 0
    for e in part.entries:
        if e.line is None:  # a heading: a new window starts
            taken = 0
            continue
        if e.line.text.strip() and taken < window:
            lines.append(e.line)
            taken += 1
    out = list(part.values) + lines
    out.sort(key=lambda p: p.start)
    return out[:limit]


@lru_cache(maxsize=1)
def _unit_labels() -> set[str]:
    from ..textutil import compact
    return {compact(v) for v in rules()["headings"]["unit_labels"]["variants"]}


def responsible_from(parts: list[Part], src: SourceText) -> Responsible:
    """The กลุ่ม… named in the responsible parts (label value or the lines after
    it); failing that, the value of a unit label ("กลุ่ม/หน่วย นโยบายและแผน")."""
    resp = Responsible()
    for part in parts:
        for p in _pieces(part):
            m = _UNIT.search(p.text)
            if m and resp.unit is None:
                unit = _UNIT_STOP.sub("", m.group(0))
                unit = collapse_spaces(unit).rstrip(" ,")
                if len(unit) > 6:
                    resp.unit = unit
                    resp.span = src.span(p.start + m.start(), p.start + m.start() + len(m.group(0).rstrip()))
            for name in _PERSON.finditer(p.text):
                person = collapse_spaces(name.group(0))
                if person not in resp.persons:
                    resp.persons.append(person)
    if resp.unit is None:
        for part in parts:
            for label, p in zip(part.labels, part.values):
                if label in _unit_labels() and resp.unit is None:
                    resp.unit = collapse_spaces(p.text).rstrip(" .,")
                    resp.span = src.span(p.start, p.end)
    return resp


@lru_cache(maxsize=1)
def _months() -> list[tuple[str, int]]:
    months = rules()["thai_months"]["months"]
    return sorted(months.items(), key=lambda x: -len(x[0]))


_YEAR = regex.compile(r"(?<![0-9])(25[0-9]{2}|[4-9][0-9])(?![0-9])")


def _month_year(text: str) -> list[tuple[int, int | None, int]]:
    """(month, BE year or None, position) in reading order."""
    t = thai_to_arabic(text)
    found: list[tuple[int, int | None, int]] = []
    taken: list[tuple[int, int]] = []
    for name, month in _months():
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


def period_from_text(text: str) -> tuple[str | None, str | None]:
    """CE start and end ("2022-12") of a Thai period text.

    >>> period_from_text("ธันวาคม ๒๕๖๕ – กันยายน ๒๕๖๖")
    ('2022-12', '2023-09')
    >>> period_from_text("มิถุนายน – กันยายน   ๒๕๖2")
    ('2019-06', '2019-09')
    """
    marks = _month_year(text)
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

    start, end = filled[0], filled[-1]
    return ce(*start), ce(*end)


def period_from(part: Part, src: SourceText) -> Period | None:
    for p in _pieces(part, 3):
        text = p.text
        cut = regex.search(r"\s+ณ\s|\s+สถานที่", text)
        body = text[: cut.start()] if cut else text
        body_clean = collapse_spaces(body).strip(" :")
        if not _month_year(body_clean) and not regex.search(r"[0-9๐-๙]{4}", body_clean):
            continue
        start, end = period_from_text(body_clean)
        lead = len(body) - len(body.lstrip(" :\t"))
        return Period(body_clean, start, end, src.span(p.start + lead, p.start + len(body.rstrip())))
    return None
