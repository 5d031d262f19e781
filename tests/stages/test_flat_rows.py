"""stages/flat_rows: rows of a table whose cells came out one paragraph each, without TABs
(a PDF's text taken without its layout)."""

from __future__ import annotations

from extractor.stages.flat_rows import flat_rows
from stagekit import RULES, doc, units

HEAD = ("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2568\n"
        "\n"
        "ยุทธศาสตร์ที่ 2 การพัฒนาคุณภาพชีวิต\n"
        "\n"
        "กิจกรรมที่เกิดขึ้น\n"
        "\n"
        "งบประมาณ\n"
        "(บาท)\n"
        "\n")

ROWS = HEAD + (
    "1 โครงการอบรมอาสาสมัคร\n"
    "ป้องกันภัยฝ่ายพลเรือน\n"
    "\n"
    "อบรมอาสาสมัครไม่น้อยกว่า\n"
    "80 คน จำนวน 2 วัน\n"
    "\n"
    "45,000\n"
    "\n"
    "กองป้องกันและ\n"
    "บรรเทาสาธารณภัย\n"
    "\n"
    "2 โครงการตรวจสุขภาพผู้สูงอายุ\n"
    "\n"
    "ตรวจสุขภาพผู้สูงอายุ 300 คน\n"
    "ค่าตอบแทนแพทย์ 3,000 บาท\n"
    "\n"
    "12\n"
    "\n"
    "18,500\n"
    "\n"
    "ยุทธศาสตร์ที่ 3 การบริหารจัดการ\n"
    "\n"
    "1 เครื่องพิมพ์เลเซอร์ ขาวดำ\n"
    "\n"
    "จัดซื้อเครื่องพิมพ์ จำนวน 2 เครื่อง\n"
    "\n"
    "16,000\n"
)


def test_numbered_rows_each_with_an_amount_cell_are_projects():
    d = doc(ROWS)
    # (a wrapped name is joined as the tokenizer judges the break: compared without spaces)
    assert [(p.number, p.name.replace(" ", ""), p.budget.amount) for p in d.projects] == [
        ("1", "อบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน", 45000),
        # "3,000 บาท" ends a longer cell and "12" is a page number: the amount is the next cell
        ("2", "ตรวจสุขภาพผู้สูงอายุ", 18500),
        # a group of rows numbered from 1 again; an item without the project word all the same
        ("1", "เครื่องพิมพ์เลเซอร์ขาวดำ", 16000),
    ]
    p = d.projects[0]
    assert ROWS[p.budget.span.start:p.budget.span.end] == "45,000"


def test_a_wrapped_line_that_starts_with_a_figure_is_no_row():
    found = flat_rows(units(ROWS), set(), RULES)
    assert [r.mention.number for r in found] == ["1", "2", "1"]   # not "80 คน จำนวน 2 วัน"


def test_numbered_items_without_amounts_or_without_the_project_word_are_no_rows():
    plain = HEAD + "1 ประชุมชี้แจง\n\nครู 20 คน\n\n2 จัดทำคู่มือ\n\nคู่มือ 1 เล่ม\n"
    assert flat_rows(units(plain), set(), RULES) == []
    priced = HEAD + "1 ค่าวัสดุสำนักงาน\n\n5,000\n\n2 ค่าวัสดุคอมพิวเตอร์\n\n8,000\n"
    assert flat_rows(units(priced), set(), RULES) == []   # no item starts with the project word


def test_a_row_whose_name_opens_a_detail_section_keeps_its_whole_name_cell_and_amount():
    # the header's labels printed after the row's name open a detail section at it
    text = HEAD + (
        "1 โครงการก่อสร้างถนนสายกลาง\n"
        "แยกทางซ้าย ซอย 4\n"
        "(โอน ครั้งที่ 1)\n"
        "\n"
        "รายละเอียดของกิจกรรม\n"
        "\n"
        "งบประมาณ\n"
        "(บาท)\n"
        "\n"
        "เพื่อสมทบค่าก่อสร้างถนน\n"
        "\n"
        "43,000\n"
        "\n"
        "หน่วยงาน\n"
        "รับผิดชอบหลัก\n"
        "\n"
        "2 โครงการจัดซื้อถังขยะ\n"
        "\n"
        "ถังขยะ 20 ใบ\n"
        "\n"
        "8,000\n")
    d = doc(text)
    assert [(p.number, p.name, p.budget.amount) for p in d.projects] == [
        ("1", "ก่อสร้างถนนสายกลาง แยกทางซ้าย ซอย 4", 43000),
        ("2", "จัดซื้อถังขยะ", 8000),
    ]


LAYOUT = (
    "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2568\n"
    "\n"
    "ยุทธศาสตร์ที่ 2 การพัฒนาคุณภาพชีวิต\n"
    " ที่        โครงการ              กิจกรรมที่เกิดขึ้น             งบประมาณ      หน่วยงาน\n"
    "                                                          (บาท)\n"
    "  1 โครงการอบรมอาสาสมัคร       อบรมอาสาสมัครจำนวน           30,000      กองสวัสดิการ\n"
    "    ป้องกันภัยฝ่ายพลเรือน        100 คน จำนวน 2 วัน                       สังคม\n"
    "    ประจำตำบล\n"
    "\n"
    "  2 โครงการส่งเสริมอาชีพ       ฝึกอาชีพการทำขนม              12,500      กองสวัสดิการ\n"
    "    ผู้สูงอายุในชุมชน (ระยะที่ 2) แก่ผู้สูงอายุ 40 คน\n"
    "\n"
    "  3 เครื่องตัดหญ้าแบบข้อแข็ง      จัดซื้อเครื่องตัดหญ้า           9,500      กองช่าง\n"
)


def test_rows_of_a_table_copied_with_its_layout_read_by_their_columns():
    """pdftotext -layout: a row's cells on its line apart by runs of spaces; the name goes on
    in its column on the lines under it (a column met by one space only is cut at the word
    nearest the column's edge); the amount is the row's first money cell."""
    d = doc(LAYOUT)
    assert [(p.number, p.name.replace(" ", ""), p.budget.amount) for p in d.projects] == [
        ("1", "อบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือนประจำตำบล", 30000),
        ("2", "ส่งเสริมอาชีพผู้สูงอายุในชุมชน(ระยะที่2)", 12500),
        ("3", "เครื่องตัดหญ้าแบบข้อแข็ง", 9500),
    ]
