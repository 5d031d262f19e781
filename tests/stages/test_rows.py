"""stages/rows: projects from the rows of a table that lists them (records, continuation
rows, funding-source rows, blank rows, bulleted sub-rows, running costs, group rows)."""

from __future__ import annotations

import pytest

from extractor.stages.rows import lists_projects, records, row_projects
from stagekit import RULES, at, cells, context, doc, grids

HEAD = "แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗\n"

PROJECTS = HEAD + cells(
    ["ที่", "โครงการ", "งบประมาณ (บาท)", "หน่วยงานรับผิดชอบ"],
    ["1", "โครงการพัฒนาครูด้านการวัดผล", "12,000", "กลุ่มนิเทศ ติดตามและประเมินผล"],
    ["2", "โครงการส่งเสริมสุขภาพนักเรียน", "ไม่ใช้งบประมาณ", "กลุ่มส่งเสริมการจัดการศึกษา"],
    ["3", "ประชุมผู้ปกครองนักเรียน", "3,500", "กลุ่มอำนวยการ"],
    ["", "รวมทั้งสิ้น", "15,500", ""],
)


def test_project_table_with_number_name_budget_and_unit_columns():
    d = doc(PROJECTS)
    assert [(p.number, p.name, p.budget.amount, p.budget.no_budget, p.responsible.unit) for p in d.projects] == [
        ("1", "พัฒนาครูด้านการวัดผล", 12000, False, "กลุ่มนิเทศ ติดตามและประเมินผล"),
        ("2", "ส่งเสริมสุขภาพนักเรียน", 0, True, "กลุ่มส่งเสริมการจัดการศึกษา"),
        ("3", "ประชุมผู้ปกครองนักเรียน", 3500, False, "กลุ่มอำนวยการ"),   # numbered: a project without the word
    ]
    first = d.projects[0]
    assert at(PROJECTS, first.span) == "พัฒนาครูด้านการวัดผล"
    assert at(PROJECTS, first.budget.span) == "12,000" and first.budget.text == "12,000"
    assert at(PROJECTS, first.responsible.span) == "กลุ่มนิเทศ ติดตามและประเมินผล"
    assert at(PROJECTS, d.projects[1].budget.span) == "ไม่ใช้งบประมาณ"
    (listing,) = d.listings
    assert listing.kind == "table" and [e.number for e in listing.entries] == ["1", "2", "3"]


def test_records_and_the_total_row():
    (g,) = grids(PROJECTS)
    assert lists_projects(g, RULES)
    recs = records(g, RULES)
    assert [(r.first, r.rows, r.number) for r in recs] == [(1, [1], "1"), (2, [2], "2"), (3, [3], "3")]
    found = row_projects(g, context(PROJECTS, 2567))
    assert [(rp.number, rp.name.text, rp.marked) for rp in found] == [
        ("1", "พัฒนาครูด้านการวัดผล", True), ("2", "ส่งเสริมสุขภาพนักเรียน", True),
        ("3", "ประชุมผู้ปกครองนักเรียน", False)]


CONTINUED = HEAD + cells(
    ["ที่", "โครงการ", "เป้าหมาย", "งบประมาณ", "แหล่งงบ", "หน่วยงานรับผิดชอบ"],
    ["1", "โครงการพัฒนาทักษะการอ่านของนักเรียน", "นักเรียนชั้น ป.1-3", "20,000", "สพฐ.", "กลุ่มนิเทศ"],
    ["", "ในโรงเรียนขนาดเล็ก", "จำนวน 120 คน", "", "", ""],     # the name and the target wrapped onto a row
    ["", "", "", "5,000", "เงินรายได้", ""],                   # a second funding source
    ["", "", "", "", "", ""],                                  # a blank row between two targets
    ["", "", "ครูผู้สอน 30 คน", "", "", ""],
    ["2", "โครงการครูดีศรีเขต", "ครู 50 คน", "15,000", "สพฐ.", "กลุ่มบริหารงานบุคคล"],
)


def test_continuation_rows():
    (g,) = grids(CONTINUED)
    assert [(r.first, r.rows, [p.text for p in r.name_paras]) for r in records(g, RULES)] == [
        (1, [1, 2, 3, 4, 5], ["โครงการพัฒนาทักษะการอ่านของนักเรียน", "ในโรงเรียนขนาดเล็ก"]),
        (6, [6], ["โครงการครูดีศรีเขต"])]
    first, second = doc(CONTINUED).projects
    assert first.name == "พัฒนาทักษะการอ่านของนักเรียน ในโรงเรียนขนาดเล็ก"
    # two funding-source rows: the budget is their sum
    assert first.budget.amount == 25000
    assert [(s.source, s.amount, at(CONTINUED, s.span)) for s in first.budget.sources] == [
        ("สพฐ.", 20000, "20,000"), ("เงินรายได้", 5000, "5,000")]
    # the wrapped target joins its first line; the blank row separates the next target
    assert [t.text for t in first.targets] == ["นักเรียนชั้น ป.1-3 จำนวน 120 คน", "ครูผู้สอน 30 คน"]
    assert at(CONTINUED, first.targets[1].span) == "ครูผู้สอน 30 คน"
    assert CONTINUED[first.targets[0].span.start:].startswith("นักเรียนชั้น ป.1-3")
    assert CONTINUED[:first.targets[0].span.end].endswith("จำนวน 120 คน")
    assert (second.name, second.budget.amount, second.budget.sources) == ("ครูดีศรีเขต", 15000, [])
    assert first.responsible.unit == "กลุ่มนิเทศ" and second.responsible.unit == "กลุ่มบริหารงานบุคคล"


SUB_ROWS = HEAD + cells(
    ["ที่", "โครงการ/กิจกรรม", "หน่วยนับ", "ค่าเป้าหมาย", "งบประมาณ", "ผู้รับผิดชอบ"],
    ["", "กลุ่มส่งเสริมการจัดการศึกษา", "", "", "", ""],          # a group row: the unit of the rows below
    ["1", "โครงการส่งเสริมคุณธรรมนักเรียน", "", "", "30,000", ""],
    ["", "- จำนวนโรงเรียนที่เข้าร่วม", "โรงเรียน", "45", "", ""],
    ["", "- นักเรียนที่ผ่านเกณฑ์การประเมิน", "คน", "1,200", "", ""],
    ["2", "ค่าจ้างเหมาบริการทำความสะอาด", "", "", "96,000", ""],   # a running cost
    ["3", "โครงการค่ายวิชาการ", "", "", "12,000", "กลุ่มนิเทศ"],
)


def test_bulleted_sub_rows_are_indicators_and_a_group_row_gives_the_unit():
    (g,) = grids(SUB_ROWS)
    recs = records(g, RULES)
    assert [(r.first, r.subs, r.group) for r in recs] == [
        (2, [(3, "indicators"), (4, "indicators")], "กลุ่มส่งเสริมการจัดการศึกษา"),
        (5, [], "กลุ่มส่งเสริมการจัดการศึกษา"),
        (6, [], "กลุ่มส่งเสริมการจัดการศึกษา")]
    d = doc(SUB_ROWS)
    assert [(p.number, p.name) for p in d.projects] == [("1", "ส่งเสริมคุณธรรมนักเรียน"), ("3", "ค่ายวิชาการ")]
    first, third = d.projects
    assert first.responsible.unit == "กลุ่มส่งเสริมการจัดการศึกษา"
    assert third.responsible.unit == "กลุ่มนิเทศ"           # its own unit cell wins over the group
    inds = [(i.text, i.target.text, i.target.value, i.target.unit) for i in first.indicators]
    assert inds == [("จำนวนโรงเรียนที่เข้าร่วม", "45", 45, "โรงเรียน"),
                    ("นักเรียนที่ผ่านเกณฑ์การประเมิน", "1,200", 1200, "คน")]
    assert [at(SUB_ROWS, i.span) for i in first.indicators] == ["จำนวนโรงเรียนที่เข้าร่วม",
                                                                "นักเรียนที่ผ่านเกณฑ์การประเมิน"]
    assert at(SUB_ROWS, first.indicators[1].target.span) == "1,200"
    assert first.budget.amount == 30000


@pytest.mark.parametrize("unit", ["ร้อยละ", "ร้อยละ (%)", "%"])
def test_percent_unit_count_is_percent(unit):
    text = HEAD + cells(
        ["ที่", "โครงการ/กิจกรรม", "หน่วยนับ", "ค่าเป้าหมาย", "งบประมาณ"],
        ["1", "โครงการส่งเสริมคุณธรรมนักเรียน", "", "", "30,000"],
        ["", "- นักเรียนที่ผ่านเกณฑ์การประเมิน", unit, "80", ""])
    (p,) = doc(text).projects
    (ind,) = p.indicators
    assert (ind.target.value, ind.target.unit) == (80, "percent")


def test_running_costs_are_not_projects_unless_written_as_projects():
    text = "แผนการใช้จ่ายงบประมาณ ปีงบประมาณ ๒๕๖๗\n" + cells(
        ["ที่", "โครงการ", "งบประมาณ", "ผู้รับผิดชอบ"],
        ["1", "เงินเดือนและค่าจ้างประจำ", "1,250,000", "กลุ่มบริหารงานการเงิน"],
        ["2", "ค่าสาธารณูปโภค (ไฟฟ้า ประปา โทรศัพท์)", "180,000", "กลุ่มอำนวยการ"],
        ["3", "โครงการค่าจ้างครูผู้สอนภาษาจีน", "240,000", "กลุ่มบริหารงานบุคคล"],
        ["4", "จัดซื้อครุภัณฑ์คอมพิวเตอร์", "95,000", "กลุ่มส่งเสริม"],
        ["", "รวมทั้งสิ้น", "1,765,000", ""])
    assert [(p.number, p.name, p.budget.amount) for p in doc(text).projects] == [
        ("3", "ค่าจ้างครูผู้สอนภาษาจีน", 240000), ("4", "จัดซื้อครุภัณฑ์คอมพิวเตอร์", 95000)]


def test_unnumbered_row_of_a_numbered_table_continues_the_row_above():
    text = HEAD + cells(
        ["ที่", "โครงการ", "งบประมาณ"],
        ["1", "โครงการปรับปรุงห้องสมุดโรงเรียน", "40,000"],
        ["", "และแหล่งเรียนรู้ในชุมชน", ""],
        ["2", "โครงการจัดซื้อหนังสือ", "8,000"])
    assert [(p.number, p.name, p.budget.amount) for p in doc(text).projects] == [
        ("1", "ปรับปรุงห้องสมุดโรงเรียน และแหล่งเรียนรู้ในชุมชน", 40000), ("2", "จัดซื้อหนังสือ", 8000)]


def test_table_without_project_names_lists_no_projects():
    text = "ตารางกิจกรรม\n" + cells(["ที่", "กิจกรรม", "งบประมาณ"], ["1", "อบรมครู", "5,000"])
    (g,) = grids(text)
    assert not lists_projects(g, RULES)  # neither the header nor a cell holds the project word


def test_unnumbered_project_table_with_periods():
    text = HEAD + ("โครงการ\tระยะเวลา\tผู้รับผิดชอบ\n"
                   "โครงการอ่านออกเขียนได้\tต.ค. 2566 - ก.ย. 2567\tกลุ่มนิเทศ\n"
                   "โครงการครูดีศรีเขต\tพ.ย. 2566 - มี.ค. 2567\tกลุ่มบริหารงานบุคคล\n")
    assert [p.name for p in doc(text).projects] == ["อ่านออกเขียนได้", "ครูดีศรีเขต"]


# A spreadsheet's cell text, one printed line per row: the records and the points of a
# record are parted by empty rows (blank lines), a record's last line fills only its
# first cells.
SHEET_TEXT = HEAD + (
    "ที่\tโครงการ\tวัตถุประสงค์\tเป้าหมาย\tงบประมาณ (บาท)\tหน่วยงาน\n"
    "\n"
    "1\tโครงการขุดลอกคลอง\tเพื่อให้มีน้ำ\tจุดที่ 1 ยาว 300 ม.\t50,000.-\tกองช่าง\n"
    "\tส่งน้ำ หมู่ที่ 4\tใช้ในการเกษตร\n"
    "\n"
    "\t\t\tจุดที่ 2 ยาว 200 ม.\t30,000.-\tกองช่าง\n"
    "\n"
    "2\tโครงการปลูกหญ้าแฝก\tเพื่อป้องกันดินพัง\tจำนวน 2 แห่ง\t10,000.-\tสำนักปลัด\n"
    "\tหมู่ที่ 5\n"
    "\n"
    "หมายเหตุ ข้อมูลจากแผนพัฒนาท้องถิ่น\n"
)


def test_records_of_a_sheet_rendered_as_text_with_blank_lines_between_them():
    d = doc(SHEET_TEXT)
    assert [(p.number, p.name, p.responsible.unit) for p in d.projects] == [
        ("1", "ขุดลอกคลองส่งน้ำ หมู่ที่ 4", "กองช่าง"),
        ("2", "ปลูกหญ้าแฝก หมู่ที่ 5", "สำนักปลัด"),
    ]
    assert [t.text for t in d.projects[0].targets] == ["จุดที่ 1 ยาว 300 ม.", "จุดที่ 2 ยาว 200 ม."]


def test_a_record_goes_on_across_a_page_of_its_table():
    from test_text_layout import PAGES
    (p,) = doc(PAGES).projects
    assert (p.number, p.name, p.responsible.unit) == ("1", "ขุดลอกคลอง", "กองช่าง")
    assert [t.text for t in p.targets] == ["จุดที่ 1 ยาว 300 ม.", "จุดที่ 2 ยาว 200 ม."]
