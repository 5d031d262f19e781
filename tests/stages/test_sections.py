"""stages/sections: which mentions open a detail section, and the parts a section is cut into."""

from __future__ import annotations

import pytest

from extractor.stages.sections import prologue
from stagekit import RULES, sections


def parts(sec):
    return [(p.field, [(e.piece.text, e.inline) for e in p.entries]) for p in sec.parts]


PLAN = (
    "ส่วนที่ ๓ รายละเอียดโครงการ\n"
    "๑. โครงการพัฒนาครู\n"
    "หลักการและเหตุผล\n"
    "ครูต้องได้รับการพัฒนาอย่างต่อเนื่อง\n"
    "๒) กลุ่มเป้าหมาย\n"
    "ครูผู้สอน ๕๐ คน\n"
    "๒.๑) กลุ่มเป้าหมาย ผู้บริหาร ๑๐ คน\n"
    "งบประมาณ ๑๐,๐๐๐ บาท\n"
    "๒. โครงการเยี่ยมบ้านนักเรียน\n"
    "ผู้รับผิดชอบ  นายสมชาย ใจกล้า\n"
    "ระยะเวลาดำเนินการ  ตุลาคม ๒๕๖๖\n"
    "ส่วนที่ ๔ การติดตามประเมินผล\n"
    "งบประมาณ ๙๙๙ บาท\n"
)


def test_sections_are_cut_into_parts_at_labels():
    us, (first, second) = sections(PLAN)
    assert (first.mention.name.text, first.mention.index, first.end) == ("พัฒนาครู", 1, 8)
    assert parts(first) == [
        ("rationale", [("ครูต้องได้รับการพัฒนาอย่างต่อเนื่อง", False)]),
        # a same-field label numbered deeper than the part's heading is an item of the part
        ("target_group", [("ครูผู้สอน ๕๐ คน", False), ("กลุ่มเป้าหมาย ผู้บริหาร ๑๐ คน", False)]),
        ("budget", [("๑๐,๐๐๐ บาท", True)]),
    ]
    # the next detail section ends the first; a part heading ("ส่วนที่ ๔") ends the second
    assert (second.mention.name.text, second.mention.index, second.end) == ("เยี่ยมบ้านนักเรียน", 8, 11)
    assert parts(second) == [("responsible_person", [("นายสมชาย ใจกล้า", True)]),
                             ("period", [("ตุลาคม ๒๕๖๖", True)])]
    budget_value = first.first("budget").entries[0].piece
    assert PLAN[budget_value.start:budget_value.end] == "๑๐,๐๐๐ บาท"


def test_a_detail_section_needs_two_distinct_labelled_fields():
    us, secs = sections("๑. โครงการพัฒนาครู\nวัตถุประสงค์\n๑. เพื่อพัฒนาครู\n")
    assert secs == []
    us, secs = sections("๑. โครงการพัฒนาครู\nวัตถุประสงค์\n๑. เพื่อพัฒนาครู\nวัตถุประสงค์\n๒. เพื่อพัฒนาผู้บริหาร\n")
    assert secs == []  # the same field twice is one field
    us, (sec,) = sections("๑. โครงการพัฒนาครู\nวัตถุประสงค์\n๑. เพื่อพัฒนาครู\nงบประมาณ ๕,๐๐๐ บาท\n")
    assert [p.field for p in sec.parts] == ["objectives", "budget"]


@pytest.mark.parametrize("filler, opens", [(13, True), (14, False)])
def test_the_first_label_must_come_within_the_header_window(filler, opens):
    assert RULES.tune("header_window") == 14
    text = ("๑. โครงการพัฒนาครู\n"
            + "".join(f"ย่อหน้าที่ {i} ของความเป็นมาของโครงการ\n" for i in range(filler))
            + "วัตถุประสงค์\n๑. เพื่อพัฒนาครู\nงบประมาณ ๕,๐๐๐ บาท\n")
    us, secs = sections(text)
    assert bool(secs) is opens
    if opens:
        assert len(secs[0].lead.entries) == filler  # paragraphs before the first label: the lead


def test_name_line_with_a_code_label():
    text = ("ชื่อโครงการ  พัฒนาระบบสารสนเทศ   รหัสโครงการ 67-015\n"
            "วัตถุประสงค์\n๑. เพื่อพัฒนาระบบ\nงบประมาณ ๕,๐๐๐ บาท\n")
    us, (sec,) = sections(text)
    assert parts(sec) == [("code", [("67-015", True)]),
                          ("objectives", [("๑. เพื่อพัฒนาระบบ", False)]),
                          ("budget", [("๕,๐๐๐ บาท", True)])]


def test_a_repeated_list_heading_ends_the_section():
    text = ("ชื่อโครงการ  นิเทศการจัดการเรียนรู้\n"
            "วัตถุประสงค์\n"
            "๑. เพื่อนิเทศติดตามการสอน\n"
            "ผลการดำเนินงาน\n"
            "- นิเทศครบ ๓๐ โรงเรียน\n"
            "วัตถุประสงค์\n"                       # the next record of the report begins here
            "๑. เพื่อจัดทำรายงานประจำปี\n"
            "ผลการดำเนินงาน\n"
            "- จัดทำรายงานแล้วเสร็จ\n")
    us, (sec,) = sections(text)
    assert sec.end == 5 and us[sec.end].text == "วัตถุประสงค์"
    assert parts(sec) == [("objectives", [("๑. เพื่อนิเทศติดตามการสอน", False)]),
                          ("results", [("- นิเทศครบ ๓๐ โรงเรียน", False)])]


def test_a_listed_mention_never_opens_a_section():
    text = ("๒.๒ จัดทำแผนพัฒนาคุณภาพการศึกษา\n"
            "๒.๓ โครงการนิเทศภายในโรงเรียน\n"
            "วัตถุประสงค์\n๑. เพื่อนิเทศ\nงบประมาณ ๕,๐๐๐ บาท\n")
    us, secs = sections(text)
    assert secs == []


def test_table_inside_a_part_belongs_to_it():
    text = ("ชื่อโครงการ  อบรมครู\n"
            "วัตถุประสงค์\n๑. เพื่อพัฒนาครู\n"
            "งบประมาณ\n"
            "รายการ\tจำนวนเงิน\n"
            "ค่าอาหาร\t๖,๐๐๐\n"
            "ผู้รับผิดชอบ  นางสาวมาลี ใจดี\n")
    us, (sec,) = sections(text)
    budget = sec.first("budget")
    assert budget.entries == [] and len(budget.grids) == 1
    assert budget.grids[0].segment.rows == [1]
    assert [p.field for p in sec.parts] == ["objectives", "budget", "responsible_person"]


def test_prologue_holds_the_labelled_parts_above_the_name_line():
    text = ("แบบรายงานผลการดำเนินกิจกรรม\n"
            "วัตถุประสงค์ที่สอดคล้อง\n"
            "☑ เพื่อส่งเสริมคุณธรรมจริยธรรมของนักเรียน\n"
            "ชื่อกิจกรรม  ค่ายคุณธรรมนำชีวิต\n"
            "ระยะเวลาดำเนินการ  ๑๕ - ๑๗ ธันวาคม ๒๕๖๖\n"
            "งบประมาณที่ได้รับจัดสรร  ๑๒,๐๐๐  บาท\n")
    us, (sec,) = sections(text)
    assert sec.mention.name.text == "ค่ายคุณธรรมนำชีวิต" and sec.mention.index == 3
    pro = prologue(us, sec)
    assert parts(pro) == [("objectives", [("☑ เพื่อส่งเสริมคุณธรรมจริยธรรมของนักเรียน", False)])]
    assert [e.piece.text for e in pro.lead.entries] == ["แบบรายงานผลการดำเนินกิจกรรม"]
