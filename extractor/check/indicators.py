"""Indicators and their target values: present, numeric, measurable, plausible.

Each indicator gets at most one of the first three findings, the most
specific that applies:

* ``indicator-not-measurable`` — neither the indicator nor its target states
  a quantity (a number, ร้อยละ, จำนวน, ระดับ, ค่าเฉลี่ย …);
* ``indicator-no-target`` — the indicator states what is counted (ร้อยละของ…)
  but no target value is given;
* ``target-no-number`` — a target value is given, with no number in it.
"""

from __future__ import annotations

from typing import Iterator

from functools import lru_cache

import regex

from ..model import Indicator
from ..numbers import find_percent, numbers_in
from ..ruleset import rules
from .context import Context, short
from .registry import Hit, checker, rule

rule("indicator-not-measurable", "indicators", "warning",
     "ตัวชี้วัดวัดไม่ได้: ทั้งตัวชี้วัดและค่าเป้าหมายไม่ระบุปริมาณหรือหน่วยนับ",
     "An indicator that is not measurable: neither it nor its target states a quantity or unit")
rule("indicator-no-target", "indicators", "warning",
     "ตัวชี้วัดไม่มีค่าเป้าหมาย",
     "An indicator without a target value")
rule("target-no-number", "indicators", "warning",
     "ค่าเป้าหมายไม่มีตัวเลข",
     "A target value with no number in it")
rule("percent-over-100", "indicators", "error",
     "ค่าเป้าหมายเป็นร้อยละเกิน 100 (ยกเว้นเป้าหมายที่เป็นการเพิ่มขึ้น/ลดลง)",
     "A percentage target above 100 (growth targets such as เพิ่มขึ้นร้อยละ 120 excepted)")

_DIGIT = regex.compile(r"[0-9๐-๙]")
# Words that say what is counted or rated.  "ระดับ" alone is not one ("ระดับชาติ",
# "ผู้บริหารระดับสูง", "ในทุกระดับ"), a rating level is ("ระดับความพึงพอใจ", "ระดับดีมาก").
_QUANTITY_WORDS = regex.compile(r"ร้อยละ|เปอร์เซ็นต์|%|จำนวน|ระดับความ|ระดับ(?:ดี|มาก|ผ่าน|คุณภาพ)|ค่าเฉลี่ย|อัตรา"
                                r"|คะแนน|สัดส่วน|ทุกแห่ง|ทุกโรง")
_GROWTH = regex.compile(r"เพิ่มขึ้น|ลดลง|สูงขึ้น|เติบโต|ขยายตัว|พัฒนาการ(?:ที่)?ดีขึ้น")
_EXTRA_UNITS = ("ราย", "ท่าน", "หน่วยงาน", "สถานศึกษา", "ทีม", "รุ่น", "ภาคเรียน", "ชั่วโมง", "บาท")


@lru_cache(maxsize=1)
def _units() -> tuple[str, ...]:
    return tuple(rules()["values"]["units"]["known"]) + _EXTRA_UNITS


def quantity_in(text: str) -> bool:
    """A number with a unit (ร้อยละ 80, 102 โรงเรียน, 7 ราย) in ``text``; years
    and numbers that name things (เขต 2, ป.6) do not count."""
    if find_percent(text) is not None:
        return True
    for f in numbers_in(text):
        if 2400 <= f.value <= 2700 or regex.search(r"(?:พ\.\s*ศ\.|ปี(?:การศึกษา|งบประมาณ)?)\s*$", text[:f.start]):
            continue
        after = text[f.end:f.end + 20].lstrip()
        if after.startswith(_units()):
            return True
    return False


# Numbers that name things rather than count them: a district, a grade, a year.
_NAMING_NUMBER = regex.compile(r"(?:เขต|ปีที่|ชั้น|ป\.|ม\.|รุ่นที่|ครั้งที่|ข้อ|ที่)\s*[0-9๐-๙]+|(?:พ\.\s*ศ\.|ปี)\s*[0-9๐-๙]{4}"
                            r"|(?<![0-9๐-๙])(?:25|20)[0-9๐-๙]{2}(?![0-9๐-๙])|[๒2][๕5][0-9๐-๙]{2}")


def counts_something(text: str) -> bool:
    """A number in a target that is not a district, grade or year number."""
    return bool(_DIGIT.search(_NAMING_NUMBER.sub(" ", text)))


def measurable(text: str) -> bool:
    """The text says what is counted or how much: ร้อยละ…, จำนวน…, ระดับ…, or a number with a unit."""
    return bool(_QUANTITY_WORDS.search(text)) or quantity_in(text)


def _judge(ind: Indicator) -> tuple[str, str, str] | None:
    """(rule, Thai, English) for an indicator, or None when it is fine."""
    t = ind.target
    has_number = t is not None and counts_something(t.text)
    if has_number or (t is None and quantity_in(ind.text)):
        return None  # a target, or one written into the indicator ("… รวม ๑๐๒ คน")
    quoted = short(ind.text, 70)
    if measurable(ind.text) or (t is not None and measurable(t.text)):
        if t is None:
            return ("indicator-no-target", f'ตัวชี้วัด "{quoted}" ไม่มีค่าเป้าหมาย',
                    f'indicator "{quoted}" has no target value')
        return ("target-no-number", f'ค่าเป้าหมาย "{short(t.text, 50)}" ของตัวชี้วัด "{quoted}" ไม่มีตัวเลข',
                f'the target "{short(t.text, 50)}" of indicator "{quoted}" has no number')
    tail_th = f' ค่าเป้าหมาย "{short(t.text, 40)}"' if t is not None else " และไม่มีค่าเป้าหมาย"
    tail_en = f', target "{short(t.text, 40)}"' if t is not None else ", and has no target value"
    return ("indicator-not-measurable",
            f'ตัวชี้วัด "{quoted}" ไม่ระบุปริมาณหรือหน่วยนับ{tail_th}',
            f'indicator "{quoted}" states no quantity or unit{tail_en}')


@checker("indicator-not-measurable", "indicator-no-target", "target-no-number")
def check_indicators(ctx: Context) -> Iterator[Hit]:
    for p in ctx.projects:
        for ind in p.indicators:
            judged = _judge(ind)
            if judged is None:
                continue
            rule_id, th, en = judged
            span = ind.target.span if (rule_id == "target-no-number" and ind.target and ind.target.span) else ind.span
            yield Hit(rule_id, p.id, span, th, en)


@checker("percent-over-100")
def check_percent(ctx: Context) -> Iterator[Hit]:
    for p in ctx.projects:
        for ind in p.indicators:
            t = ind.target
            if t is None or t.unit != "percent" or not isinstance(t.value, (int, float)) or t.value <= 100:
                continue
            if _GROWTH.search(t.text) or _GROWTH.search(ind.text):
                continue
            yield Hit("percent-over-100", p.id, t.span or ind.span,
                      f'ค่าเป้าหมาย "{short(t.text, 40)}" เกินร้อยละ 100 (ตัวชี้วัด "{short(ind.text, 60)}")',
                      f'the target "{short(t.text, 40)}" is above 100 percent (indicator "{short(ind.text, 60)}")')
