"""Numbers as Thai documents print them: digits (Thai, Arabic or mixed),
amounts in baht, percentages, comparators, and amounts in Thai words.

>>> parse_number("๒๕๖2")
2562
>>> parse_number("1,0๐๐")
1000
>>> find_amount("จำนวนทั้งสิ้น ๑๕๐,๐๐๐ .- บาท").value
150000
>>> parse_target("อย่างน้อยร้อยละ 20")
(20, 'percent', '>=')
>>> parse_target("ไม่น้อยกว่า 1 คน รวมทั้งสิ้น 24 คน")
(1, 'คน', '>=')
>>> parse_target("อย่างน้อย 5 โรงเรียนต่อคน")
(5, 'โรงเรียนต่อคน', '>=')
>>> parse_target("- ๑๐๒ โรงเรียน")
(102, 'โรงเรียน', '=')
>>> parse_target("สถานศึกษาในระบบ 24 โรงเรียน สถานศึกษานอกระบบ 25 โรงเรียน")
(None, 'โรงเรียน', None)
>>> words_to_amount("สามแสนเจ็ดหมื่นห้าพันบาทถ้วน")
375000
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .ruleset import rules
from .textutil import collapse_spaces, thai_to_arabic

D = r"[0-9๐-๙]"
NUMBER_RE = regex.compile(
    r"(?<![0-9๐-๙.,])" + D + r"{1,3}(?:," + D + r"{3})+(?:\." + D + r"+)?(?![0-9๐-๙])"
    r"|(?<![0-9๐-๙.,])" + D + r"+(?:\." + D + r"+)?(?![0-9๐-๙])"
)
_AMOUNT_TAIL = regex.compile(r"^\s*(?:\.-|\.\s*-|-\.|\.–)?\s*(?:บาท)?")


def parse_number(text: str) -> int | float | None:
    """A printed number (commas, Thai digits) as int when whole, else float."""
    raw = thai_to_arabic(text).replace(",", "").strip()
    try:
        value = float(raw)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class Found:
    value: int | float
    start: int  # offsets within the searched string
    end: int


def numbers_in(text: str) -> list[Found]:
    out = []
    for m in NUMBER_RE.finditer(text):
        value = parse_number(m.group(0))
        if value is not None:
            out.append(Found(value, m.start(), m.end()))
    return out


def find_amount(text: str) -> Found | None:
    """The first amount of money in ``text``: a number followed by บาท/.-,
    or a number with thousands separators."""
    candidates = numbers_in(text)
    for f in candidates:
        tail = text[f.end:f.end + 12]
        if regex.match(r"\s*(?:\.-|\.\s+-|\s*\.-)?\s*บาท", tail) or regex.match(r"\s*\.-", tail):
            return f
    for f in candidates:
        if "," in text[f.start:f.end]:
            return f
    return None


def is_amount_cell(text: str) -> bool:
    """A table cell holding only an amount ("100,000", "๕,๐๐๐", "30,000.-")."""
    t = collapse_spaces(text)
    return bool(regex.fullmatch(D + r"{1,3}(?:," + D + r"{3})*(?:\." + D + r"+)?\s*(?:\.-|บาท)?", t))


def is_dash_cell(text: str) -> bool:
    return collapse_spaces(text) in {"-", "–", "—", "0", "๐"}


@lru_cache(maxsize=1)
def _value_rules() -> tuple[list[tuple[str, str]], list[str], list[str]]:
    v = rules()["values"]
    comps = sorted(((w, op) for op, words in v["comparators"].items() for w in words),
                   key=lambda x: -len(x[0]))
    return comps, v["percent"]["words"], v["baht"]["words"]


def comparator_of(text: str) -> str:
    comps, _, _ = _value_rules()
    for word, op in comps:
        if word in text:
            return op
    return "="


_PERCENT_RE = regex.compile(r"(?:ร้อยละ|เปอร์เซ็นต์)\s*(?:ของ\s*)?(" + D + r"+(?:\." + D + r"+)?)|(" + D
                            + r"+(?:\." + D + r"+)?)\s*(?:%|เปอร์เซ็นต์)")
_UNIT_RE = regex.compile(r"\s*([\p{Thai}A-Za-z/]+(?:ต่อ[\p{Thai}]+)?)")


def find_percent(text: str) -> Found | None:
    m = _PERCENT_RE.search(text)
    if not m:
        return None
    g = 1 if m.group(1) else 2
    value = parse_number(m.group(g))
    return Found(value, m.start(), m.end()) if value is not None else None


def parse_target(text: str) -> tuple[int | float | None, str | None, str | None]:
    """(value, unit, comparator) of a target value as printed.

    A percentage wins; otherwise the first number and the word after it.  Two
    numbers with the same unit and no total word are two categories: no value.
    """
    t = collapse_spaces(text)
    pct = find_percent(t)
    if pct is not None:
        return pct.value, "percent", comparator_of(t)
    nums = [f for f in numbers_in(t) if not _is_year(t, f)]
    if not nums:
        return None, None, None
    first = nums[0]
    unit = _unit_after(t, first)
    if unit in (None, "บาท") and ("," in t[first.start:first.end] or "บาท" in t[first.end:first.end + 8]):
        unit = "baht"
    if len(nums) > 1 and unit:
        units = {_unit_after(t, f) for f in nums}
        if units == {unit} and not regex.search(r"รวม|ต่อ|ละ", t[first.end:nums[1].start]):
            return None, unit, None
    return first.value, unit, comparator_of(t)


def _is_year(text: str, f: Found) -> bool:
    return 2400 <= f.value <= 2700 and float(f.value).is_integer() or bool(
        regex.search(r"(?:พ\.ศ\.|ปี(?:การศึกษา|งบประมาณ)?)\s*$", text[:f.start]))


def _unit_after(text: str, f: Found) -> str | None:
    m = _UNIT_RE.match(text, f.end)
    if not m:
        return None
    word = m.group(1)
    for stop in ("รวม", "ขึ้นไป", "และ"):
        if word.endswith(stop) and len(word) > len(stop):
            word = word[: -len(stop)]
    return word or None


def words_to_amount(text: str) -> int | float | None:
    """An amount written only in Thai words ("…บาทถ้วน"), or None.

    pythainlp's thaiword_to_num reads the baht and satang parts.  Where digits
    are printed too, compare them with :func:`words_match` instead (it renders
    the digits with bahttext, which accepts the forms thaiword_to_num rejects).
    """
    from pythainlp.util import thaiword_to_num

    t = regex.sub(r"[\s\-–().]", "", text)
    t = t.replace("บาทถ้วน", "").replace("ถ้วน", "")
    baht, _, satang = t.partition("บาท")
    try:
        value = thaiword_to_num(baht) if baht else 0
        if satang:
            value += thaiword_to_num(satang.replace("สตางค์", "")) / 100
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value


def words_match(amount: int | float, words: str) -> bool:
    """Does the Thai-words amount say the same as the digits?"""
    from pythainlp.util import bahttext

    def norm(s: str) -> str:
        return regex.sub(r"[\s\-–().]", "", s).replace("เอ็ด", "หนึ่ง")

    return norm(bahttext(amount)) == norm(words) or norm(bahttext(amount)).replace("ถ้วน", "") == norm(words)
