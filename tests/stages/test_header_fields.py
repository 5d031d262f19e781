"""stages/header_fields: responsible unit and persons, and the period, from label values."""

from __future__ import annotations

import pytest

from extractor.stages.header_fields import is_person, period_dates
from stagekit import RULES, at, doc, project_form


def project(*lines):
    text = project_form("วัตถุประสงค์", "๑. เพื่อทดสอบส่วนหัวของโครงการ", *lines)
    (p,) = doc(text).projects
    return text, p


def test_unit_is_the_group_part_of_an_office_name():
    text, p = project("หน่วยงานรับผิดชอบ  สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต ๑ "
                      "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา")
    assert p.responsible.unit == "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา"
    assert at(text, p.responsible.span) == p.responsible.unit and p.responsible.persons == []


def test_persons_and_the_group_of_a_person():
    text, p = project("ผู้รับผิดชอบ", "๑. นางสาวมาลี ใจดี", "๒. นายสมชาย ใจกล้า กลุ่มบริหารงานบุคคล")
    assert p.responsible.persons == ["นางสาวมาลี ใจดี", "นายสมชาย ใจกล้า"]
    assert p.responsible.unit == "กลุ่มบริหารงานบุคคล" and at(text, p.responsible.span) == "กลุ่มบริหารงานบุคคล"


def test_a_person_label_that_names_a_unit():
    text, p = project("ผู้รับผิดชอบโครงการ  กลุ่มส่งเสริมการจัดการศึกษา")
    assert (p.responsible.unit, p.responsible.persons) == ("กลุ่มส่งเสริมการจัดการศึกษา", [])


@pytest.mark.parametrize("value, start, end", [
    ("๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗", "2023-10", "2024-09"),
    ("ตุลาคม – ธันวาคม ๒๕๖๖", "2023-10", "2023-12"),
    ("ตุลาคม – กันยายน ๒๕๖๗", "2023-10", "2024-09"),   # a start month after the end month: the year before
    ("ต.ค. ๖๖ - มี.ค. ๖๗", "2023-10", "2024-03"),
])
def test_period(value, start, end):
    text, p = project(f"ระยะเวลาดำเนินการ  {value}")
    assert (p.period.text, p.period.start, p.period.end) == (value, start, end)
    assert at(text, p.period.span) == value


def test_a_place_after_the_period_is_cut_off():
    text, p = project("ระยะเวลาดำเนินการ  ๑๕ - ๑๗ ธันวาคม ๒๕๖๖ ณ โรงเรียนบ้านหนองบัว")
    assert (p.period.text, p.period.start, p.period.end) == ("๑๕ - ๑๗ ธันวาคม ๒๕๖๖", "2023-12", "2023-12")
    assert at(text, p.period.span) == "๑๕ - ๑๗ ธันวาคม ๒๕๖๖"


def test_period_dates_and_persons():
    assert period_dates("มิถุนายน – กันยายน ๒๕๖๒", RULES) == ("2019-06", "2019-09")
    assert period_dates("ตลอดปีการศึกษา", RULES) == (None, None)
    assert is_person("ว่าที่ร้อยตรีสมศักดิ์ รักดี", RULES) and is_person("ดร.สมพร ใจงาม", RULES)
    assert not is_person("กลุ่มนโยบายและแผน", RULES)
