"""stages/labels: field labels at the start of a paragraph, their values on the line,
secondary labels later on the line, damaged text."""

from __future__ import annotations

import pytest

from extractor.stages.labels import labels_of
from stagekit import RULES, text_units


def found(text):
    """[(field, label words as printed, value as printed or None)]."""
    return [(lb.field, text[lb.start:lb.end], text[lb.value[0]:lb.value[1]] if lb.value else None)
            for lb in labels_of(text, RULES)]


@pytest.mark.parametrize("text, expected", [
    ("วัตถุประสงค์ : เพื่อพัฒนาครูด้านการสอน",
     ("objectives", "วัตถุประสงค์", "เพื่อพัฒนาครูด้านการสอน")),
    ("ผู้รับผิดชอบ.........นางสาวมาลี ใจดี",
     ("responsible_person", "ผู้รับผิดชอบ", "นางสาวมาลี ใจดี")),
    ("หน่วยงานรับผิดชอบ\tกลุ่มนิเทศ ติดตามและประเมินผล",
     ("responsible", "หน่วยงานรับผิดชอบ", "กลุ่มนิเทศ ติดตามและประเมินผล")),
    ("ระยะเวลาดำเนินการ    ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗",
     ("period", "ระยะเวลาดำเนินการ", "ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗")),
    ("ระยะเวลา…………ตุลาคม ๒๕๖๖……………",
     ("period", "ระยะเวลา", "ตุลาคม ๒๕๖๖")),
    ("งบประมาณ______๕,๐๐๐______บาท",
     ("budget", "งบประมาณ", "๕,๐๐๐______บาท")),
    ("เป้าหมาย | ครูผู้สอน 30 คน",
     ("targets", "เป้าหมาย", "ครูผู้สอน 30 คน")),
], ids=["colon", "dot-leaders", "tab", "spaces", "ellipsis-leaders", "underscores", "bar"])
def test_label_and_value_after_a_separator(text, expected):
    assert found(text) == [expected]


def test_longest_label_wins():
    assert found("3.1) งบประมาณที่ได้รับจัดสรร.......52,400.......บาท") == \
        [("allocated", "งบประมาณที่ได้รับจัดสรร", "52,400.......บาท")]
    assert found("ชื่อโครงการ/กิจกรรม : ค่ายวิทยาศาสตร์") == [("name", "ชื่อโครงการ/กิจกรรม", "ค่ายวิทยาศาสตร์")]


def test_inline_label_without_separator():
    assert found("งบประมาณ 10,000 บาท") == [("budget", "งบประมาณ", "10,000 บาท")]
    assert found("กลุ่มเป้าหมาย ครูผู้สอนระดับประถมศึกษา จำนวน ๔๐ คน") == \
        [("target_group", "กลุ่มเป้าหมาย", "ครูผู้สอนระดับประถมศึกษา จำนวน ๔๐ คน")]


def test_heading_label_alone_and_numbered():
    assert found("๒. วัตถุประสงค์") == [("objectives", "วัตถุประสงค์", None)]
    assert found("3.   เป้าหมาย") == [("targets", "เป้าหมาย", None)]
    assert found("1) หลักการและเหตุผล") == [("rationale", "หลักการและเหตุผล", None)]
    # a qualifier in parentheses belongs to the label
    assert found("ตัวชี้วัดความสำเร็จ (KPI)") == [("indicators", "ตัวชี้วัดความสำเร็จ (KPI)", None)]
    (label,) = labels_of("๔.๒ ตัวชี้วัด", RULES)
    assert (label.depth, label.start, label.end) == (2, 4, 4 + len("ตัวชี้วัด"))


@pytest.mark.parametrize("text", [
    "วัตถุประสงค์ของการประชุมในครั้งนี้คือการสร้างความเข้าใจร่วมกันระหว่างครูและผู้ปกครองในเรื่องการดูแลนักเรียน",
    "ผลการดำเนินงาน ครูเข้าร่วมอบรมครบทุกคนและนำความรู้ไปใช้ในการจัดการเรียนการสอนได้จริงทุกห้องเรียน",
    "เป้าหมายที่วางไว้คือให้นักเรียนทุกคนอ่านออก",
    "๒.๓ วัตถุประสงค์ของการจัดกิจกรรมครั้งนี้คือ",       # a deeper item, not a heading
    "☑ กิจกรรมที่ 1 เสริมสร้างความเข้าใจในกระบวนการส่งเสริมคุณธรรม จริยธรรม",
])
def test_sentence_that_starts_with_a_label_word_is_not_a_label(text):
    assert found(text) == []


def test_bulleted_or_numbered_heading_with_a_short_qualifier():
    assert found("• วัตถุประสงค์ที่สอดคล้องกับนโยบาย") == [("objectives", "วัตถุประสงค์", None)]
    assert found("๖. ระยะเวลาดำเนินโครงการและสถานที่ดำเนินการ") == \
        [("period", "ระยะเวลาดำเนินโครงการและสถานที่ดำเนินการ", None)]


def test_kind_word_right_after_the_label():
    (label,) = labels_of("เป้าหมายเชิงปริมาณ", RULES)
    assert (label.field, label.kind, label.value) == ("targets", "output", None)
    (label,) = labels_of("๗. ตัวชี้วัด เชิงคุณภาพ", RULES)
    assert (label.field, label.kind) == ("indicators", "outcome")


def test_secondary_labels_on_one_line():
    text = "📌 ครูทุกคนในสังกัด 120 คน  |  หน่วยงาน: กลุ่มบริหารงานบุคคล"
    assert found(text) == [("targets", "📌", "ครูทุกคนในสังกัด 120 คน"),
                           ("responsible", "หน่วยงาน", "กลุ่มบริหารงานบุคคล")]
    text = "ชื่อโครงการ พัฒนาระบบสารสนเทศเพื่อการบริหาร   รหัสโครงการ 67-015"
    assert found(text) == [("name", "ชื่อโครงการ", "พัฒนาระบบสารสนเทศเพื่อการบริหาร"),
                           ("code", "รหัสโครงการ", "67-015")]


def test_secondary_label_needs_a_separator_before_it():
    # "หน่วยงาน" inside running text is not a label
    assert found("📌 ประชุมหน่วยงานในสังกัด 12 แห่ง") == [("targets", "📌", "ประชุมหน่วยงานในสังกัด 12 แห่ง")]


@pytest.mark.parametrize("text, field, words, value", [
    ("ผลกำรดำเนินงำน", "results", "ผลกำรดำเนินงำน", None),                       # ำ for า
    ("หน่วยงำนรับผิดชอบ : กลุ่มนิเทศ", "responsible", "หน่วยงำนรับผิดชอบ", "กลุ่มนิเทศ"),
    ("ระยะเวลาดําเนินการ : ตุลาคม ๒๕๖๖", "period", "ระยะเวลาดําเนินการ", "ตุลาคม ๒๕๖๖"),  # ำ as ํ + า
    ("งบประมาณ 5,000 บาท".replace("มา", "มำ"), "budget", "งบประมำณ", "5,000 บาท"),
    ("วัตถุ ประสงค์", "objectives", "วัตถุ ประสงค์", None),                          # a space inside the word
    ("ผู ้รับผิดชอบ : นายสมชาย ใจกล้า", "responsible_person", "ผู ้รับผิดชอบ", "นายสมชาย ใจกล้า"),
    ("ผลที่ค าดว่าจะได้รับ", "expected_results", "ผลที่ค าดว่าจะได้รับ", None),     # ำ lost, a space left
    ("วัตถุประสงค", "objectives", "วัตถุประสงค", None),                             # thanthakhat lost
])
def test_damaged_text_still_matches(text, field, words, value):
    assert found(text) == [(field, words, value)]


def test_units_carry_marks_and_labels():
    (u,) = text_units("๓. งบประมาณ  จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท\n")
    assert u.mark.number == "3" and u.body.startswith("งบประมาณ")
    assert u.label is not None and u.label.field == "budget"
    assert u.text[u.label.value[0]:u.label.value[1]] == "จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท"
