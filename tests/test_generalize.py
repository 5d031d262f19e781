"""A layout none of the seeds uses: the common one-page proposal form
("ชื่อโครงการ …" label, label-value header lines, a KPI table whose target
column is last).  Written for the tests; checks that the rules are not tied
to the seeds' wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import extract

FORM = Path(__file__).parent / "fixtures" / "proposal_form.txt"


@pytest.fixture(scope="module")
def doc():
    return extract(FORM)


def test_projects_and_header_values(doc):
    assert [p.name for p in doc.projects] == ["ส่งเสริมการอ่านเพื่อพัฒนาผู้เรียน", "พัฒนาระบบดูแลช่วยเหลือนักเรียน"]
    first, second = doc.projects
    assert first.responsible.unit == "กลุ่มบริหารวิชาการ"
    assert (first.period.start, first.period.end) == ("2023-10", "2024-09")
    assert (second.period.start, second.period.end) == ("2023-11", "2024-03")
    assert doc.info.fiscal_year == 2567 and doc.info.document_type == "plan"


def test_budget_with_words(doc):
    first, second = doc.projects
    assert first.budget.amount == 15000 and first.budget.words == "หนึ่งหมื่นห้าพันบาทถ้วน"
    assert second.budget.amount == 8500


def test_targets_kinds_and_kpi_table(doc):
    first, second = doc.projects
    assert [t.kind for t in first.targets] == ["output", "outcome"]
    targets = [(i.target.value, i.target.unit, i.target.comparator) for i in first.indicators]
    assert targets == [(90, "percent", "="), (10, "เล่ม", ">=")]
    embedded = [(i.target.value, i.target.comparator) for i in second.indicators]
    assert embedded == [(100, "="), (95, ">=")]


def test_amount_printed_only_in_thai_words(tmp_path):
    doc = tmp_path / "words.txt"
    doc.write_text("ชื่อโครงการ ทดสอบระบบติดตามผล\nวัตถุประสงค์\n๑. เพื่อทดสอบการติดตาม\n"
                   "งบประมาณ หนึ่งหมื่นสองพันห้าร้อยบาทถ้วน\n", encoding="utf-8")
    budget = extract(doc).projects[0].budget
    assert budget.amount == 12500 and budget.words == "หนึ่งหมื่นสองพันห้าร้อยบาทถ้วน"
