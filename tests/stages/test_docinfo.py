"""stages/docinfo: fiscal year, document type, organization and title of a document."""

from __future__ import annotations

import pytest

from extractor.stages.docinfo import document_type, fiscal_year, organization
from stagekit import RULES, doc


def info(text):
    return doc(text).info


@pytest.mark.parametrize("text, year", [
    ("แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗\n", 2567),
    ("แบบติดตามผลการดำเนินงาน\nประจำปีงบประมาณ พ.ศ.2568\n", 2568),
    ("แผนการใช้จ่ายงบประมาณ ปีงบประมาณ 2566\n", 2566),
    # a fiscal year wins over an academic year printed before it
    ("รายงานผลการดำเนินงาน ประจำปีการศึกษา ๒๕๖๖\nโรงเรียนบ้านหนองบัว\nปีงบประมาณ พ.ศ. ๒๕๖๗\n", 2567),
    # without a fiscal-year word: the academic / calendar year
    ("รายงานการประเมินตนเอง ปีการศึกษา ๒๕๖๕\n", 2565),
    ("เอกสารประกอบการประชุม\n", None),
], ids=["thai-digits", "no-space", "arabic", "fiscal-over-academic", "academic", "none"])
def test_fiscal_year(text, year):
    assert info(text).fiscal_year == year


def test_fiscal_year_far_down_is_the_most_frequent():
    texts = ["บรรทัดนำ"] * 70 + ["งบประมาณ พ.ศ. 2566", "ปีงบประมาณ 2567", "ปีงบประมาณ 2567"]
    assert fiscal_year(texts, RULES) == 2567
    assert fiscal_year(["ปีงบประมาณ 1999 ไม่ใช่ปีพุทธศักราช"], RULES) is None


@pytest.mark.parametrize("title, kind", [
    ("แบบติดตามผลการดำเนินงานตามแผนปฏิบัติการ", "monitoring_form"),
    ("รายงานการติดตามผล ความก้าวหน้าการดำเนินโครงการ", "progress_report"),
    ("รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕", "annual_report"),
    ("แผนการใช้จ่ายงบประมาณ ประจำปี ๒๕๖๗", "budget_plan"),
    ("แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", "plan"),
    ("แบบเสนอโครงการ", "plan"),
    ("รายงานการประชุมคณะกรรมการสถานศึกษา", "unknown"),
])
def test_document_type_from_title_words(title, kind):
    assert info(title + "\nโรงเรียนบ้านหนองบัว\n").document_type == kind
    assert document_type([title], RULES) == kind


def test_document_type_comes_from_the_first_line_that_names_one():
    # "ไตรมาส" (a progress report word) on a later line does not override the title
    assert document_type(["แผนปฏิบัติการ ประจำปี ๒๕๖๗", "ไตรมาสที่ ๑"], RULES) == "plan"


@pytest.mark.parametrize("text, org", [
    ("แบบติดตามผลการดำเนินงาน\nสำนักงานศึกษาธิการจังหวัดทดสอบ\n", "สำนักงานศึกษาธิการจังหวัดทดสอบ"),
    ("แผนพัฒนาท้องถิ่น\nเทศบาลตำบลหนองบัว อำเภอเมือง\n", "เทศบาลตำบลหนองบัว อำเภอเมือง"),
    ("แผนปฏิบัติการ\nองค์การบริหารส่วนตำบลนาดี\nสำนักงานเขตพื้นที่การศึกษา\n", "องค์การบริหารส่วนตำบลนาดี"),
    ("แผนการใช้จ่ายงบประมาณ\nวิทยาลัยเทคนิคทดสอบ\n", "วิทยาลัยเทคนิคทดสอบ"),
    ("รายงานการประชุม\nผู้เข้าประชุม ๑๕ คน\n", None),
])
def test_organization_line(text, org):
    assert info(text).organization == org


def test_a_long_line_is_not_the_organization():
    long_line = "สำนักงานเขตพื้นที่การศึกษา" + "ได้ดำเนินการจัดทำแผนปฏิบัติการเพื่อใช้เป็นกรอบการดำเนินงาน" * 3
    assert organization([long_line, "โรงเรียนบ้านนาดี"], RULES) == "โรงเรียนบ้านนาดี"


def test_organization_line_in_emphasis():
    text = "**แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗**\n**องค์การบริหารส่วนตำบลหนองบัว**\n"
    assert info(text).organization == "องค์การบริหารส่วนตำบลหนองบัว"


def test_title():
    text = "แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗\nโรงเรียนบ้านหนองบัว\n"
    got = info(text)
    assert (got.title, got.organization) == ("แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", "โรงเรียนบ้านหนองบัว")
    # a short line that continues the title joins it
    text = "รายงานการติดตามผล\nการดำเนินงานตามนโยบายเร่งด่วน\nสำนักงานเขตพื้นที่การศึกษาทดสอบ\n"
    assert info(text).title == "รายงานการติดตามผล การดำเนินงานตามนโยบายเร่งด่วน"


@pytest.mark.parametrize("after", ["วัตถุประสงค์ที่สอดคล้อง", "สารบัญ"], ids=["label", "contents"])
def test_title_does_not_take_a_heading_below_it(after):
    text = f"แบบรายงานผลการดำเนินกิจกรรม\n{after}\n๑. ข้อแรก\n"
    assert info(text).title == "แบบรายงานผลการดำเนินกิจกรรม"


@pytest.mark.parametrize("periods, year", [
    (["๑๗-๒๑ ตุลาคม ๒๕๖๕"], 2566),  # October opens the next fiscal year
    (["๑๔-๒๓ พฤษภาคม ๒๕๖๗"], 2567),
    (["ต.ค. ๖๖ - ส.ค. ๖๗", "ม.ค.-ส.ค. ๖๗"], 2567),  # every project's period starts in 2567
    (["ม.ค.-ส.ค. ๖๗", "ม.ค.-ส.ค. ๖๘"], None),  # they disagree
], ids=["october", "may", "agree", "disagree"])
def test_without_a_printed_year_the_fiscal_year_is_the_one_the_periods_start_in(periods, year):
    text = "".join(f"ชื่อโครงการ  ทดสอบการติดตามที่ {k}\nวัตถุประสงค์\n๑. เพื่อทดสอบ\nระยะเวลาดำเนินการ  {p}\n"
                   for k, p in enumerate(periods, 1))
    d = doc(text)
    assert [p.period.text for p in d.projects] == periods
    assert d.info.fiscal_year == year


def test_a_printed_year_wins_over_the_periods():
    text = "แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖\nชื่อโครงการ  ทดสอบ\nวัตถุประสงค์\n๑. เพื่อทดสอบ\n" \
           "ระยะเวลาดำเนินการ  ตุลาคม ๒๕๖๖\n"
    assert info(text).fiscal_year == 2566
