"""stages/detached_amounts: a budget's amount column printed apart from its items (a PDF's
text taken without its layout writes the page's amounts after its text)."""

from __future__ import annotations

from extractor.stages.detached_amounts import paired_amounts
from stagekit import RULES, doc, units

BYLAW = (
    "ข้อบัญญัติงบประมาณรายจ่าย ประจำปีงบประมาณ พ.ศ. 2568\n"
    "\n"
    "แผนงานเคหะและชุมชน\n"
    "ค่าที่ดินและสิ่งก่อสร้าง\n"
    "รวม\n"
    "โครงการขุดลอกคลองส่งน้ำ\n"
    "จำนวน\n"
    "สายบ้านหนองบัว หมู่ที่ 4\n"
    "- เพื่อจ่ายเป็นค่าขุดลอกคลองส่งน้ำ ยาว 300 เมตร\n"
    "(กองช่าง)\n"
    "เครื่องตัดหญ้า แบบข้อแข็ง\n"
    "จำนวน\n"
    "- เพื่อจ่ายเป็นค่าจัดซื้อเครื่องตัดหญ้า จำนวน 1 เครื่อง\n"
    "\n"
    "12\n"
    "\n"
    "1,250,000 บาท\n"
    "\n"
    "480,000 บาท\n"
    "\n"
    "9,500 บาท\n"
    "\n"
    "ตามแบบแปลนขององค์การบริหารส่วนตำบล\n"
    "(กองช่าง)\n"
    "โครงการก่อสร้างรางระบายน้ำ\n"
    "ซอยวัดใหม่ หมู่ที่ 2\n"
    "- เพื่อจ่ายเป็นค่าก่อสร้างรางระบายน้ำ ยาว 120 เมตร\n"
    "\n"
    "13\n"
    "\n"
    "จำนวน\n"
    "\n"
    "760,000 บาท\n"
)


def test_items_take_the_amounts_printed_after_the_page_in_order():
    d = doc(BYLAW)
    assert [(p.name, p.budget.amount) for p in d.projects] == [
        ("ขุดลอกคลองส่งน้ำ สายบ้านหนองบัว หมู่ที่ 4", 480000),   # "รวม" takes 1,250,000
        ("ก่อสร้างรางระบายน้ำ ซอยวัดใหม่ หมู่ที่ 2", 760000),   # its amount word went with its amount
    ]
    first = d.projects[0]
    assert BYLAW[first.budget.span.start:first.budget.span.end] == "480,000 บาท"


def test_amounts_are_not_paired_when_the_page_gives_more_or_fewer_than_its_amount_words():
    text = BYLAW.replace("9,500 บาท\n", "9,500 บาท\n\n3,000 บาท\n")
    found = paired_amounts(units(text), RULES)
    assert found == {}


LAYOUT_BYLAW = (
    "ข้อบัญญัติงบประมาณรายจ่าย ประจำปีงบประมาณ พ.ศ. 2568\n"
    "\n"
    "แผนงานเคหะและชุมชน\n"
    "ค่าที่ดินและสิ่งก่อสร้าง                                      รวม     1,730,000 บาท\n"
    "   โครงการขุดลอกคลองส่งน้ำ                          จำนวน     480,000 บาท\n"
    "   สายบ้านหนองบัว หมู่ที่ 4\n"
    "      - เพื่อจ่ายเป็นค่าขุดลอกคลองส่งน้ำ ยาว 300 เมตร\n"
    "      (กองช่าง)\n"
    "   โครงการก่อสร้างรางระบายน้ำ                     จำนวน   1,250,000 บาท\n"
    "   ซอยวัดใหม่ หมู่ที่ 2\n"
    "      - เพื่อจ่ายเป็นค่าก่อสร้างรางระบายน้ำ ยาว 120 เมตร\n"
    "   โครงการปลูกป่าชุมชน                    กองช่าง     สำนักปลัด\n"
)


def test_a_layout_line_holds_its_amount_after_a_column_gap():
    """pdftotext -layout: name, a run of spaces, the amount word and the amount on one line;
    the name goes on under it up to the bulleted description."""
    d = doc(LAYOUT_BYLAW)
    assert [(p.name, p.budget.amount) for p in d.projects if p.budget.amount] == [
        ("ขุดลอกคลองส่งน้ำ สายบ้านหนองบัว หมู่ที่ 4", 480000),
        ("ก่อสร้างรางระบายน้ำ ซอยวัดใหม่ หมู่ที่ 2", 1250000),
    ]   # the last line's other columns are not an amount
    first = d.projects[0]
    assert LAYOUT_BYLAW[first.budget.span.start:first.budget.span.end] == "480,000 บาท"


def test_a_layout_line_may_print_its_amount_without_an_amount_word():
    text = LAYOUT_BYLAW.replace("                     จำนวน   1,250,000 บาท", "                              1,250,000 บาท")
    assert [(p.name, p.budget.amount) for p in doc(text).projects if p.budget.amount] == [
        ("ขุดลอกคลองส่งน้ำ สายบ้านหนองบัว หมู่ที่ 4", 480000),
        ("ก่อสร้างรางระบายน้ำ ซอยวัดใหม่ หมู่ที่ 2", 1250000)]
