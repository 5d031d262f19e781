"""stages/assemble: one project per distinct project, merged from every place that names it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stagekit import at, cells, doc

SUMMARY_AND_DETAILS = (
    "แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗\n"
    "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต ๑\n"
    "\n"
    "บัญชีโครงการ\n"
    + cells(["ที่", "โครงการ", "งบประมาณ", "ผู้รับผิดชอบ"],
            ["1", "โครงการส่งเสริมการอ่านเพื่อพัฒนาผู้เรียน", "25,000", "กลุ่มนิเทศ"],
            ["2", "โครงการพัฒนาระบบดูแลช่วยเหลือนักเรียน", "18,000", "กลุ่มส่งเสริม"])
    + "\nรายละเอียดโครงการ\n"
    "ชื่อโครงการ  ส่งเสริมการอ่านเพื่อพัฒนาผู้เรียน\n"
    "วัตถุประสงค์\n"
    "๑. เพื่อส่งเสริมนิสัยรักการอ่าน\n"
    "ตัวชี้วัด\n"
    "๑. ร้อยละ ๘๐ ของนักเรียนอ่านหนังสือเดือนละเล่ม\n"
    "ชื่อโครงการ  พัฒนาระบบดูแลช่วยเหลือนักเรียน\n"
    "วัตถุประสงค์\n"
    "๑. เพื่อดูแลนักเรียนกลุ่มเสี่ยง\n"
    "งบประมาณ  ๒๐,๐๐๐ บาท\n"
)


def test_summary_rows_merge_into_their_detail_sections():
    text = SUMMARY_AND_DETAILS
    d = doc(text)
    assert [(p.id, p.number, p.name) for p in d.projects] == [
        ("p1", "1", "ส่งเสริมการอ่านเพื่อพัฒนาผู้เรียน"), ("p2", "2", "พัฒนาระบบดูแลช่วยเหลือนักเรียน")]
    first, second = d.projects
    # the section's own fields, with the number, budget and unit of its summary row
    assert [o.text for o in first.objectives] == ["เพื่อส่งเสริมนิสัยรักการอ่าน"]
    assert first.budget.amount == 25000 and at(text, first.budget.span) == "25,000"
    assert first.responsible.unit == "กลุ่มนิเทศ"
    assert text[first.span.start:].startswith("ชื่อโครงการ  ส่งเสริมการอ่าน")
    assert [at(text, m) for m in first.mentions] == ["ส่งเสริมการอ่านเพื่อพัฒนาผู้เรียน"]
    assert first.mentions[0].start == text.index("ส่งเสริมการอ่านเพื่อพัฒนาผู้เรียน")  # the row, before the section
    # a section that states its own budget keeps it; the row's amount is recorded beside it
    assert second.budget.amount == 20000 and at(text, second.budget.span) == "๒๐,๐๐๐"
    assert [(s.amount, s.place, at(text, s.span)) for s in second.budget.stated] == [
        (20000, "detail", "๒๐,๐๐๐"), (18000, "summary", "18,000")]
    assert second.responsible.unit == "กลุ่มส่งเสริม"
    kinds = [listing.kind for listing in d.listings]
    assert kinds == ["sections", "table"]
    assert [[e.project_id for e in listing.entries] for listing in d.listings] == [["p1", "p2"], ["p1", "p2"]]


def test_summary_amount_is_recorded_when_the_row_gives_the_budget():
    (first, _) = doc(SUMMARY_AND_DETAILS).projects
    assert [(s.amount, s.place) for s in first.budget.stated] == [(25000, "summary")]


def test_table_of_contents_points_at_the_detail_sections():
    text = ("แผนพัฒนาครู ปีงบประมาณ พ.ศ. ๒๕๖๗\n"
            "สารบัญ\n"
            "๑. โครงการพัฒนาครูด้านการอ่าน\t๓\n"
            "๒. โครงการส่งเสริมสุขภาพนักเรียน\t๕\n"
            "ส่วนที่ ๓ รายละเอียดโครงการ\n"
            "๑. โครงการพัฒนาครูด้านการอ่าน\n"
            "วัตถุประสงค์\n๑. เพื่อพัฒนาครู\nงบประมาณ ๑๐,๐๐๐ บาท\n"
            "๒. โครงการส่งเสริมสุขภาพนักเรียน\n"
            "วัตถุประสงค์\n๑. เพื่อส่งเสริมสุขภาพ\nงบประมาณ ๕,๐๐๐ บาท\n")
    d = doc(text)
    assert [(p.number, p.name, p.budget.amount) for p in d.projects] == [
        ("1", "พัฒนาครูด้านการอ่าน", 10000), ("2", "ส่งเสริมสุขภาพนักเรียน", 5000)]
    assert [[m.start for m in p.mentions] for p in d.projects] == [
        [text.index("พัฒนาครูด้านการอ่าน")], [text.index("ส่งเสริมสุขภาพนักเรียน")]]
    assert [(listing.kind, [e.project_id for e in listing.entries]) for listing in d.listings] == [
        ("sections", ["p1", "p2"]), ("list", ["p1", "p2"])]


def test_single_project_form_with_ticked_objectives_above_its_name_line():
    text = ("แบบรายงานผลการดำเนินกิจกรรม\n"
            "วัตถุประสงค์ที่สอดคล้อง\n"
            "☑ เพื่อส่งเสริมคุณธรรมจริยธรรมของนักเรียน\n"
            "☐ เพื่อพัฒนาทักษะอาชีพ\n"
            "\uF0FE เพื่อสร้างจิตสำนึกสาธารณะ\n"
            "ชื่อกิจกรรม  ค่ายคุณธรรมนำชีวิต\n"
            "ระยะเวลาดำเนินการ  ๑๕ - ๑๗ ธันวาคม ๒๕๖๖\n"
            "งบประมาณที่ได้รับจัดสรร  ๑๒,๐๐๐  บาท\n"
            "งบประมาณที่ใช้ไป  ๑๑,๔๕๐  บาท\n"
            "ผลการดำเนินงาน\n"
            "- นักเรียนเข้าร่วม ๑๒๐ คน\n")
    (p,) = doc(text).projects
    assert p.name == "ค่ายคุณธรรมนำชีวิต"
    assert [o.text for o in p.objectives] == ["เพื่อส่งเสริมคุณธรรมจริยธรรมของนักเรียน", "เพื่อสร้างจิตสำนึกสาธารณะ"]
    assert [at(text, o.span) for o in p.objectives] == [o.text for o in p.objectives]
    assert (p.budget.amount, p.budget.spent) == (12000, 11450)
    assert (p.period.start, p.period.end) == ("2023-12", "2023-12")
    assert [(r.text, at(text, r.span)) for r in p.results] == [("นักเรียนเข้าร่วม ๑๒๐ คน", "นักเรียนเข้าร่วม ๑๒๐ คน")]
    assert text[p.span.start:].startswith("ชื่อกิจกรรม")


def test_title_names_the_one_project_of_a_document_without_labels():
    text = ("โครงการห้องเรียนสีเขียว\n"
            "โรงเรียนบ้านหนองบัว\n"
            "นักเรียนร่วมกันปลูกต้นไม้ในบริเวณโรงเรียน\n")
    (p,) = doc(text).projects
    assert (p.id, p.name, at(text, p.span)) == ("p1", "ห้องเรียนสีเขียว", "ห้องเรียนสีเขียว")


def test_document_without_projects_gets_a_note():
    d = doc("รายงานการประชุมคณะกรรมการสถานศึกษา\n"
            "ครั้งที่ ๒/๒๕๖๗\n"
            "ผู้เข้าประชุม ๑๕ คน\n"
            "ที่ประชุมรับทราบผลการดำเนินงานภาคเรียนที่ ๑\n")
    assert d.projects == []
    assert [(n.code, n.message) for n in d.notes] == [("no_projects", "no project was found in the document")]
    assert d.to_dict()["notes"] == [{"code": "no_projects", "message": "no project was found in the document",
                                     "span": None}]


def test_projects_in_order_of_first_appearance_with_stable_ids():
    text = ("๑. โครงการพัฒนาครู\nวัตถุประสงค์\n๑. เพื่อพัฒนาครู\nงบประมาณ ๑,๐๐๐ บาท\n"
            "๒. โครงการพัฒนาผู้เรียน\nวัตถุประสงค์\n๑. เพื่อพัฒนาผู้เรียน\nงบประมาณ ๒,๐๐๐ บาท\n"
            "๓. โครงการพัฒนาชุมชน\nวัตถุประสงค์\n๑. เพื่อพัฒนาชุมชน\nงบประมาณ ๓,๐๐๐ บาท\n")
    d = doc(text)
    assert [(p.id, p.number, p.budget.amount) for p in d.projects] == [
        ("p1", "1", 1000), ("p2", "2", 2000), ("p3", "3", 3000)]
    starts = [p.span.start for p in d.projects]
    assert starts == sorted(starts) and starts[0] == 0


def test_output_is_deterministic():
    first = json.dumps(doc(SUMMARY_AND_DETAILS).to_dict(), ensure_ascii=False, sort_keys=True)
    second = json.dumps(doc(SUMMARY_AND_DETAILS).to_dict(), ensure_ascii=False, sort_keys=True)
    assert first == second


def test_output_is_the_same_in_fresh_processes_with_different_hash_seeds():
    script = ("import json, sys\n"
              "sys.path.insert(0, sys.argv[1])\n"
              "from stagekit import doc\n"
              "from test_assemble import SUMMARY_AND_DETAILS\n"
              "print(json.dumps(doc(SUMMARY_AND_DETAILS).to_dict(), ensure_ascii=False, sort_keys=True))\n")
    here = str(Path(__file__).parent)
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run([sys.executable, "-c", script, here], env=env, capture_output=True, text=True,
                             encoding="utf-8", timeout=120, check=True)
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].strip() == json.dumps(doc(SUMMARY_AND_DETAILS).to_dict(), ensure_ascii=False, sort_keys=True)


def test_project_cards():
    text = ("แผนพัฒนาท้องถิ่น ปีงบประมาณ ๒๕๖๘\n"
            "เทศบาลตำบลหนองบัว\n"
            "1. ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนาดี\n"
            "🎯 เพื่อให้ประชาชนสัญจรได้สะดวก\n"
            "📌 ถนนกว้าง 4 เมตร ยาว 200 เมตร  |  หน่วยงาน: กองช่าง\n"
            "งบประมาณ 480,000 บาท\n"
            "2. ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ\n"
            "🎯 เพื่อความปลอดภัยในชีวิตและทรัพย์สิน\n"
            "📌 โคมไฟ 40 ชุด  |  หน่วยงาน: กองสาธารณสุข\n"
            "งบประมาณ 150,000 บาท\n")
    d = doc(text)
    assert [(p.number, p.name, p.budget.amount, p.responsible.unit) for p in d.projects] == [
        ("1", "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนาดี", 480000, "กองช่าง"),
        ("2", "ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ", 150000, "กองสาธารณสุข")]
    first, second = d.projects
    assert [o.text for o in first.objectives] == ["เพื่อให้ประชาชนสัญจรได้สะดวก"]
    assert [(t.text, at(text, t.span)) for t in second.targets] == [("โคมไฟ 40 ชุด", "โคมไฟ 40 ชุด")]
    assert at(text, second.responsible.span) == "กองสาธารณสุข"
    assert text[first.span.start:].startswith("1. ก่อสร้างถนน")
    assert (d.info.organization, d.info.fiscal_year) == ("เทศบาลตำบลหนองบัว", 2568)


def test_look_alike_rows_of_two_tables_that_name_other_villages_are_two_projects():
    # two roads of one kind and one amount in other villages, in two tables, are two
    # projects, not one row repeated; a name cut where its cell wrapped (a summary
    # table) still repeats the row it starts
    text = ("แผนพัฒนาท้องถิ่น พ.ศ. 2567\n"
            "ที่\tโครงการ\tงบประมาณ (บาท)\tหน่วยงาน\n"
            "1\tโครงการก่อสร้างถนนลูกรัง หมู่ที่ 3\t150,000\tกองช่าง\n"
            "2\tโครงการขุดลอกคลองส่งน้ำ หมู่ที่ 5 สายบ้านนายดำ\t90,000\tกองช่าง\n"
            "\nโครงการเพิ่มเติม\n"
            "ลำดับ\tโครงการ\tงบประมาณ\tหน่วยงานรับผิดชอบ\n"
            "3\tโครงการก่อสร้างถนนลูกรัง หมู่ที่ 8\t150,000\tกองช่าง\n"
            "\nสรุป\n"
            "ที่\tโครงการ/กิจกรรม\tงบประมาณ (บาท)\tผู้รับผิดชอบ\n"
            "2\tโครงการขุดลอกคลองส่งน้ำ หมู่ที่ 5\t90,000\tกองช่าง\n")
    d = doc(text)
    assert [(p.number, p.name) for p in d.projects] == [
        ("1", "ก่อสร้างถนนลูกรัง หมู่ที่ 3"),
        ("2", "ขุดลอกคลองส่งน้ำ หมู่ที่ 5 สายบ้านนายดำ"),
        ("3", "ก่อสร้างถนนลูกรัง หมู่ที่ 8"),
    ]
