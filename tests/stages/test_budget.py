"""stages/budget: stated totals, no-budget, amounts in Thai words, allocated/spent,
budget tables with quarters and a total row, per-year tables."""

from __future__ import annotations

import pytest

from extractor.blocks import Piece
from extractor.stages.budget import amount_in, says_no_budget
from stagekit import RULES, at, doc, project_form


def budget_of(*lines, head=""):
    text = head + project_form("วัตถุประสงค์", "๑. เพื่อทดสอบการอ่านงบประมาณ", *lines)
    (p,) = doc(text).projects
    return text, p.budget


def test_total_after_a_total_word_with_the_amount_in_words():
    text, b = budget_of("งบประมาณ จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท (หนึ่งหมื่นบาทถ้วน)")
    assert (b.amount, b.no_budget, b.spent) == (10000, False, None)
    assert at(text, b.span) == "๑๐,๐๐๐"
    assert b.words == "หนึ่งหมื่นบาทถ้วน"
    assert b.text == "จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท"  # the verbatim phrase (docs/SCHEMA.md)
    assert [(s.amount, s.place) for s in b.stated] == [(10000, "detail")]


def test_total_line_below_the_item_lines():
    text, b = budget_of("งบประมาณ",
                        "๑. ค่าวัสดุ ๒,๐๐๐ บาท",
                        "๒. ค่าอาหาร ๘,๐๐๐ บาท",
                        "รวมทั้งสิ้น ๑๐,๐๐๐ บาท")
    assert b.amount == 10000 and at(text, b.span) == "๑๐,๐๐๐"
    assert b.span.start == text.index("๑๐,๐๐๐")


def test_first_amount_without_a_total_word():
    text, b = budget_of("งบประมาณ  ๑๒,๕๐๐ บาท", "จากเงินอุดหนุนรายหัว")
    assert b.amount == 12500 and at(text, b.span) == "๑๒,๕๐๐"


def test_total_word_later_on_the_same_line():
    text, b = budget_of("งบประมาณ ค่าวัสดุ ๒,๐๐๐ บาท ค่าอาหาร ๘,๐๐๐ บาท จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท")
    assert b.amount == 10000 and at(text, b.span) == "๑๐,๐๐๐"
    assert b.text == "จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท"


def test_item_amounts_after_a_total_word_below_the_stated_amount():
    # "เป็นเงิน" before each item's amount: the items are not the total stated above them
    text, b = budget_of("งบประมาณ ๑๒,๐๐๐ บาท",
                        "๑. ค่าอาหาร ๕๐ คน เป็นเงิน ๕,๐๐๐ บาท",
                        "๒. ค่าวัสดุ เป็นเงิน ๗,๐๐๐ บาท")
    assert b.amount == 12000 and b.span.start == text.index("๑๒,๐๐๐")


def test_total_line_below_three_item_lines():
    text, b = budget_of("งบประมาณ",
                        "๑. ค่าวัสดุ ๒,๐๐๐ บาท",
                        "๒. ค่าอาหาร ๘,๐๐๐ บาท",
                        "๓. ค่าเอกสาร ๕๐๐ บาท",
                        "รวมทั้งสิ้น ๑๐,๕๐๐ บาท")
    assert b.amount == 10500 and at(text, b.span) == "๑๐,๕๐๐"


def test_no_budget_phrase():
    text, b = budget_of("งบประมาณ  ไม่ใช้งบประมาณ")
    assert (b.amount, b.no_budget) == (0, True)
    assert at(text, b.span) == "ไม่ใช้งบประมาณ" and b.text == "ไม่ใช้งบประมาณ"


def test_dash_where_the_amount_should_be():
    text, b = budget_of("งบประมาณ ........-........ บาท")
    assert (b.amount, b.no_budget) == (0, True)
    assert at(text, b.span) == "-........ บาท"


@pytest.mark.parametrize("text, no", [
    ("ไม่ใช้งบประมาณ", True),
    ("ไม่ใช้ งบ ประมาณ", True),      # spaces inside the words
    ("-  บาท", True),
    ("จำนวน - บาท", True),
    ("๕,๐๐๐ บาท", False),
    ("ใช้งบประมาณจากเงินรายได้", False),
    ("-5 บาท", False),
])
def test_says_no_budget(text, no):
    assert says_no_budget(text, RULES) is no


def test_amount_only_in_thai_words():
    text, b = budget_of("งบประมาณ  สองหมื่นห้าพันบาทถ้วน")
    assert (b.amount, b.words) == (25000, "สองหมื่นห้าพันบาทถ้วน")
    assert at(text, b.span) == "สองหมื่นห้าพันบาทถ้วน"


def test_allocated_and_spent_of_a_report_form():
    text, b = budget_of("งบประมาณที่ได้รับจัดสรร ..........๔๐,๐๐๐.......... บาท",
                        "ใช้จ่ายงบประมาณ ..........๓๘,๕๐๐.......... บาท",
                        "คงเหลือ ๑,๕๐๐ บาท")
    assert (b.amount, b.spent, b.no_budget) == (40000, 38500, False)
    assert at(text, b.span) == "๔๐,๐๐๐" and at(text, b.spent_span) == "๓๘,๕๐๐"


def test_allocated_wins_over_a_budget_label():
    text, b = budget_of("งบประมาณ  ๕๐,๐๐๐ บาท", "ได้รับจัดสรร  ๔๕,๐๐๐ บาท", "เบิกจ่าย  ๔๔,๒๐๐ บาท")
    assert (b.amount, b.spent) == (45000, 44200)


def test_budget_table_with_quarters_and_a_total_row():
    text, b = budget_of("งบประมาณ",
                        "รายการ\tไตรมาสที่ ๑\tไตรมาสที่ ๒\tไตรมาสที่ ๓\tไตรมาสที่ ๔\tรวม",
                        "ค่าอาหารและอาหารว่าง\t-\t๖,๐๐๐\t-\t-\t๖,๐๐๐",
                        "ค่าตอบแทนวิทยากร\t-\t๓,๖๐๐\t๓,๖๐๐\t-\t๗,๒๐๐",
                        "รวมทั้งสิ้น\t-\t๙,๖๐๐\t๓,๖๐๐\t-\t๑๓,๒๐๐")
    assert [(i.label, i.amount, i.quarters) for i in b.items] == [
        ("ค่าอาหารและอาหารว่าง", 6000, [0, 6000, 0, 0]),
        ("ค่าตอบแทนวิทยากร", 7200, [0, 3600, 3600, 0])]
    assert [at(text, i.span) for i in b.items] == ["๖,๐๐๐", "๗,๒๐๐"]
    assert (b.total_row, b.quarter_totals) == (13200, [0, 9600, 3600, 0])
    assert at(text, b.total_row_span) == "๑๓,๒๐๐" and b.total_row_span.start == text.rindex("๑๓,๒๐๐")
    assert b.amount == 13200 and b.span == b.total_row_span
    assert [(s.amount, s.place) for s in b.stated] == [(13200, "detail"), (13200, "table_total")]
    out = doc(text).to_dict()["projects"][0]["budget"]
    assert out["quarter_totals"] == [0, 9600, 3600, 0] and out["total_row"] == 13200
    assert out["items"][1]["quarters"] == [0, 3600, 3600, 0]


def test_stated_total_and_a_table_total_both_recorded():
    text, b = budget_of("งบประมาณ  จำนวนทั้งสิ้น ๑๔,๐๐๐ บาท",
                        "รายการ\tจำนวนเงิน",
                        "ค่าวัสดุ\t๔,๐๐๐",
                        "ค่าอาหาร\t๑๐,๐๐๐",
                        "รวม\t๑๔,๐๐๐")
    assert b.amount == 14000 and at(text, b.span) == "๑๔,๐๐๐" and b.span.start == text.index("๑๔,๐๐๐")
    assert [(i.label, i.amount) for i in b.items] == [("ค่าวัสดุ", 4000), ("ค่าอาหาร", 10000)]
    assert b.total_row == 14000 and b.quarter_totals is None


PER_YEAR = ("งบประมาณ",
            "ปี ๒๕๖๖\tปี ๒๕๖๗\tปี ๒๕๖๘\tปี ๒๕๖๙",
            "๕๐,๐๐๐\t{2567}\t๘๐,๐๐๐\t๑๒๐,๐๐๐",
            "ผู้รับผิดชอบ  กลุ่มบริหารงานทั่วไป")


def per_year(value_2567, fiscal="๒๕๖๗"):
    lines = [line.replace("{2567}", value_2567) for line in PER_YEAR]
    return budget_of(*lines, head=f"แผนพัฒนาการศึกษา ปีงบประมาณ พ.ศ. {fiscal}\n")


def test_per_year_table_gives_by_year_and_the_fiscal_years_amount():
    text, b = per_year("๖๐,๐๐๐")
    assert b.by_year == {2566: 50000, 2567: 60000, 2568: 80000, 2569: 120000}
    assert (b.amount, b.year, b.no_budget) == (60000, 2567, False)
    assert doc(text).to_dict()["projects"][0]["budget"]["by_year"] == \
        {"2566": 50000, "2567": 60000, "2568": 80000, "2569": 120000}


def test_per_year_table_with_a_dash_is_null_for_that_year():
    text, b = per_year("-")
    assert b.by_year == {2566: 50000, 2567: None, 2568: 80000, 2569: 120000}
    assert (b.amount, b.year) == (None, 2567)


def test_per_year_table_outside_the_fiscal_year_uses_its_first_year():
    text, b = per_year("๖๐,๐๐๐", fiscal="๒๕๗๐")
    assert (b.amount, b.year) == (50000, 2566)


def test_per_year_amount_carries_its_span():
    text, b = per_year("๖๐,๐๐๐")
    assert at(text, b.span) == "๖๐,๐๐๐"
    assert [(s.amount, s.place, at(text, s.span)) for s in b.stated] == [(60000, "detail", "๖๐,๐๐๐")]
    text, b = per_year("-")
    assert (b.amount, b.span, b.stated) == (None, None, [])


def test_amount_in_prefers_the_amount_after_a_total_word():
    lines = ["ค่าวัสดุ ๒,๐๐๐ บาท", "รวมเป็นเงิน ๒,๕๐๐ บาท"]
    pieces, pos = [], 0
    for line in lines:
        pieces.append(Piece(pos, pos + len(line), line))
        pos += len(line) + 1
    value, piece, start, end = amount_in(pieces, RULES)
    assert value == 2500 and piece is pieces[1] and piece.text[start:end] == "๒,๕๐๐"
    assert amount_in(pieces[:1], RULES)[0] == 2000
    assert amount_in([Piece(0, 12, "ไม่มีตัวเลขเลย")], RULES) is None
