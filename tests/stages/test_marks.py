"""stages/marks: item numbers, bullets and tick boxes at the start of a paragraph."""

from __future__ import annotations

import pytest

from extractor.stages.marks import Tick, mark_of
from stagekit import RULES


def mark(text):
    m = mark_of(text, RULES)
    return m, text[m.body:]


@pytest.mark.parametrize("text, number, printed, body", [
    ("๒.๑ เพื่อพัฒนาครูด้านการสอน", "2.1", "๒.๑", "เพื่อพัฒนาครูด้านการสอน"),
    ("3) จัดอบรมเชิงปฏิบัติการ", "3", "3)", "จัดอบรมเชิงปฏิบัติการ"),
    ("(4) ติดตามและประเมินผล", "4", "(4)", "ติดตามและประเมินผล"),
    ("ข้อ 5 สรุปและรายงานผล", "5", "ข้อ 5", "สรุปและรายงานผล"),
    ("ข้อที่ ๖ เผยแพร่ผลงาน", "6", "ข้อที่ ๖", "เผยแพร่ผลงาน"),
    ("๓.เพื่อส่งเสริมการอ่าน", "3", "๓.", "เพื่อส่งเสริมการอ่าน"),
    ("2)เพื่อพัฒนาหลักสูตร", "2", "2)", "เพื่อพัฒนาหลักสูตร"),
    ("๔.๑.๒ อบรมครูแกนนำ", "4.1.2", "๔.๑.๒", "อบรมครูแกนนำ"),
    ("12. ประชุมผู้ปกครอง", "12", "12.", "ประชุมผู้ปกครอง"),
    ("  7. เว้นวรรคหน้าเลข", "7", "7.", "เว้นวรรคหน้าเลข"),
    ("**2. หัวข้อตัวหนา", "2", "2.", "หัวข้อตัวหนา"),  # Markdown emphasis left by a converter
    ("๒เพื่อพัฒนาครู", "2", "๒", "เพื่อพัฒนาครู"),  # a Thai-digit number run into the text
])
def test_item_numbers(text, number, printed, body):
    m, rest = mark(text)
    assert (m.number, m.printed, m.bullet, m.tick) == (number, printed, False, None)
    assert rest == body
    assert m.depth == number.count(".") + 1 and m.marked


@pytest.mark.parametrize("text", ["1ศ2 แผนงานพื้นฐาน", "๑ศ๒ แผนงานพื้นฐาน"])
def test_damaged_dot_of_an_item_number(text):
    m, rest = mark(text)
    assert (m.number, m.printed, m.depth) == ("1.2", text[:3], 2)
    assert rest == "แผนงานพื้นฐาน"


def test_damaged_dots_twice():
    m, rest = mark("1ศ1ศ2 กิจกรรมย่อย")
    assert m.number == "1.1.2" and rest == "กิจกรรมย่อย"


@pytest.mark.parametrize("text", [
    "2566 เป็นปีที่สามของแผน",       # a year
    "0.40 ม. กว้างตลอดแนว",          # a measure
    "๐.๔๐ ม. กว้างตลอดแนว",
    "1,000 บาท",
    "ร้อยละ 80 ของนักเรียน",
    "ข้อมูลพื้นฐานของโรงเรียน",       # a word that starts with ข้อ
    "(ก) ด้านผู้เรียน",
])
def test_not_item_numbers(text):
    m, rest = mark(text)
    assert m.number is None and not m.bullet and m.tick is None
    assert rest == text and not m.marked and m.depth == 0


@pytest.mark.parametrize("text", ["๒๕๖๗ เป็นปีที่สามของแผน", "๑๐,๐๐๐ บาท", "๑๒, ๑๓ และ ๑๓ แผน"],
                         ids=["thai-year", "thai-amount", "thai-figures"])
def test_thai_digit_year_or_amount_is_not_an_item_number(text):
    m, rest = mark(text)
    assert m.number is None and rest == text


@pytest.mark.parametrize("text, body", [
    ("- ร้อยละ ๘๐", "ร้อยละ ๘๐"),
    ("• ครูทุกคนในสังกัด", "ครูทุกคนในสังกัด"),
    ("➢ นักเรียนชั้นประถมศึกษา", "นักเรียนชั้นประถมศึกษา"),
    ("– ผู้ปกครองนักเรียน", "ผู้ปกครองนักเรียน"),
    ("- 2566", "2566"),
])
def test_bullets(text, body):
    m, rest = mark(text)
    assert m.bullet and m.number is None and m.tick is None and rest == body


def test_a_minus_sign_is_not_a_bullet():
    m, rest = mark("-5 องศาเซลเซียส")
    assert not m.bullet and rest == "-5 องศาเซลเซียส"


@pytest.mark.parametrize("text, tick", [
    ("☑ เพื่อสร้างความรู้ความเข้าใจ", Tick.CHECKED),
    ("☒ เพื่อสร้างความรู้ความเข้าใจ", Tick.CHECKED),
    ("\uF0FE เพื่อสร้างความรู้ความเข้าใจ", Tick.CHECKED),    # Wingdings ☑ kept by a PDF text layer
    ("☐ เพื่อสร้างความรู้ความเข้าใจ", Tick.UNCHECKED),
    ("\uF0A8 เพื่อสร้างความรู้ความเข้าใจ", Tick.UNCHECKED),  # Wingdings ☐
], ids=["ballot-check", "ballot-x", "wingdings-check", "ballot-box", "wingdings-box"])
def test_tick_boxes(text, tick):
    m, rest = mark(text)
    assert m.tick is tick and m.number is None and not m.bullet
    assert rest == "เพื่อสร้างความรู้ความเข้าใจ" and m.body == 2 and m.marked


def test_tick_box_then_item_number():
    m, rest = mark("\uF0FE 1) จัดกิจกรรมวันสำคัญ")
    assert (m.tick, m.number, m.printed) == (Tick.CHECKED, "1", "1)")
    assert rest == "จัดกิจกรรมวันสำคัญ"


def test_plain_paragraph_body_skips_leading_spaces():
    m, rest = mark("   ความเป็นมาของโครงการ")
    assert not m.marked and rest == "ความเป็นมาของโครงการ"
