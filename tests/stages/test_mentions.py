"""stages/mentions: where a project is named ("๑. โครงการ…", "โครงการที่ ๒ …",
"ชื่อโครงการ : …", a project card)."""

from __future__ import annotations

import pytest

from extractor.stages.mentions import Via, card_at
from extractor.stages.sections import SECTION_FIELDS
from stagekit import RULES, cells, doc, mentions, units


def named(text):
    """[(number, name, name as printed in the source, via)]."""
    return [(m.number, m.name.text, text[m.name.start:m.name.end], m.via) for m in mentions(text)]


def test_numbered_project_word():
    text = "๑. โครงการพัฒนาครูด้านการอ่าน\n"
    assert named(text) == [("1", "พัฒนาครูด้านการอ่าน", "พัฒนาครูด้านการอ่าน", Via.WORD)]


def test_project_word_with_its_number():
    text = "โครงการที่ ๒ ส่งเสริมสุขภาพนักเรียน\n"
    assert named(text) == [("2", "ส่งเสริมสุขภาพนักเรียน", "ส่งเสริมสุขภาพนักเรียน", Via.WORD)]


@pytest.mark.parametrize("text", [
    "ชื่อโครงการ : พัฒนาระบบสารสนเทศเพื่อการบริหาร\n",
    "ชื่อโครงการ : โครงการพัฒนาระบบสารสนเทศเพื่อการบริหาร\n",   # the project word dropped from the name
    "ชื่อโครงการพัฒนาระบบสารสนเทศเพื่อการบริหาร\n",             # glued to the label
    "ชื่อโครงการ  พัฒนาระบบสารสนเทศเพื่อการบริหาร   รหัสโครงการ 67-015\n",
], ids=["colon", "word-dropped", "glued", "with-code"])
def test_name_label(text):
    assert named(text) == [(None, "พัฒนาระบบสารสนเทศเพื่อการบริหาร", "พัฒนาระบบสารสนเทศเพื่อการบริหาร", Via.LABEL)]


def test_project_word_alone_with_the_name_on_the_next_line():
    text = "โครงการ\nพัฒนาศักยภาพครูผู้สอนภาษาอังกฤษ\nหลักการและเหตุผล\n"
    ((number, name, printed, via),) = named(text)
    assert (number, name, printed, via) == (None, "พัฒนาศักยภาพครูผู้สอนภาษาอังกฤษ",
                                            "พัฒนาศักยภาพครูผู้สอนภาษาอังกฤษ", Via.WORD)
    m = mentions(text)[0]
    assert (m.index, m.last) == (0, 1)


def test_name_wrapped_over_two_lines():
    text = ("๓. โครงการยกระดับผลสัมฤทธิ์ทางการเรียนของนักเรียนในโรงเรียนขนาดเล็กและ\n"
            "โรงเรียนห่างไกลในสังกัด\n"
            "วัตถุประสงค์\n")
    (m,) = mentions(text)
    assert m.name.text == "ยกระดับผลสัมฤทธิ์ทางการเรียนของนักเรียนในโรงเรียนขนาดเล็กและ โรงเรียนห่างไกลในสังกัด"
    assert text[m.name.start:m.name.end] == \
        "ยกระดับผลสัมฤทธิ์ทางการเรียนของนักเรียนในโรงเรียนขนาดเล็กและ\nโรงเรียนห่างไกลในสังกัด"
    assert (m.index, m.last, m.number) == (0, 1, "3")


def test_name_does_not_run_into_a_sentence_below_it():
    text = ("๓. โครงการยกระดับคุณภาพการศึกษา\n"
            "ครูทุกคนได้รับการพัฒนาอย่างต่อเนื่องตลอดปีการศึกษาตามแผนพัฒนาตนเองที่ได้จัดทำไว้แล้ว\n"
            "วัตถุประสงค์\n")
    (m,) = mentions(text)
    assert m.name.text == "ยกระดับคุณภาพการศึกษา" and m.last == 0


def test_name_stops_before_a_clause():
    (m,) = mentions("๑. โครงการอบรมครูภาษาอังกฤษ มีวัตถุประสงค์เพื่อพัฒนาทักษะการสื่อสาร\n")
    assert m.name.text == "อบรมครูภาษาอังกฤษ"


def test_label_and_value_in_neighbouring_table_cells():
    text = "แบบเสนอโครงการ\n" + cells(["ชื่อโครงการ", "ส่งเสริมการอ่านเพื่อพัฒนาผู้เรียน"],
                                     ["หน่วยงานรับผิดชอบ", "กลุ่มนิเทศ"])
    assert named(text) == [(None, "ส่งเสริมการอ่านเพื่อพัฒนาผู้เรียน", "ส่งเสริมการอ่านเพื่อพัฒนาผู้เรียน", Via.LABEL)]
    (m,) = mentions(text)
    us = units(text)
    assert us[m.index].text == "ชื่อโครงการ" and us[m.last].text == "ส่งเสริมการอ่านเพื่อพัฒนาผู้เรียน"


@pytest.mark.parametrize("text", [
    "โครงการนี้ได้รับความร่วมมือจากชุมชนเป็นอย่างดี\n",
    "โครงการที่ได้รับจัดสรรงบประมาณ จำนวน ๑๕ โครงการ\n",
    "โครงการทั้งหมดดำเนินการแล้วเสร็จตามแผน\n",
    "โครงการ" + "พัฒนาครูเกิดจากความร่วมมือระหว่างสำนักงานเขตพื้นที่การศึกษากับมหาวิทยาลัยในพื้นที่ " * 5 + "\n",
    "โครงการดังกล่าวมุ่งพัฒนาครูให้จัดการเรียนรู้เชิงรุก\n",
    "โครงการ ฯ ได้รับการสนับสนุนจากชุมชน\n",
], ids=["this-project", "projects-funded", "all-projects", "long-narrative", "that-project", "abbreviated"])
def test_phrases_about_projects_are_not_mentions(text):
    assert mentions(text) == []


def test_wrapped_line_of_a_list_item_is_not_a_mention():
    text = ("วัตถุประสงค์\n"
            "๑. เพื่อส่งเสริมให้นักเรียนได้เข้าร่วมการแข่งขัน\n"
            "โครงการโอลิมปิกวิชาการระดับประเทศ\n"
            "๒. เพื่อพัฒนาครูผู้ฝึกซ้อม\n")
    assert mentions(text) == []


def test_numbered_item_continuing_a_list_is_listed():
    (m,) = mentions("๒.๒ จัดทำแผนพัฒนาคุณภาพการศึกษา\n๒.๓ โครงการนิเทศภายในโรงเรียน\n")
    assert (m.number, m.name.text, m.listed) == ("2.3", "นิเทศภายในโรงเรียน", True)


def test_a_name_that_starts_like_a_reference_word():
    (m,) = mentions("๒. โครงการนันทนาการเพื่อสุขภาพ\n")   # "นั้น" folds to the start of "นันทนาการ"
    assert m.name.text == "นันทนาการเพื่อสุขภาพ"


def test_damaged_project_word():
    (m,) = mentions("๒. โครงกำรพัฒนาห้องสมุดโรงเรียน\n")
    assert (m.number, m.name.text) == ("2", "พัฒนาห้องสมุดโรงเรียน")


def test_project_card():
    text = ("แผนพัฒนาท้องถิ่น\n"
            "1. ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนาดี\n"
            "🎯 เพื่อให้ประชาชนสัญจรได้สะดวก\n"
            "📌 ถนนกว้าง 4 เมตร ยาว 200 เมตร  |  หน่วยงาน: กองช่าง\n"
            "2. ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ\n")
    us = units(text)
    card = card_at(us, 1, SECTION_FIELDS, RULES)
    assert card is not None and card.via is Via.CARD
    assert (card.number, card.name.text) == ("1", "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนาดี")
    assert text[card.name.start:card.name.end] == "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนาดี"
    # the last numbered line has no labelled lines under it: not a card
    assert card_at(us, 4, SECTION_FIELDS, RULES) is None
    # numbered items under a heading label are a list, not cards
    listed = "วัตถุประสงค์\n" + text.split("\n", 1)[1]
    assert card_at(units(listed), 1, SECTION_FIELDS, RULES) is None


@pytest.mark.parametrize("text, name", [
    ("โครงการ : พัฒนาห้องสมุดโรงเรียน\n", "พัฒนาห้องสมุดโรงเรียน"),
    ("๑. โครงการอบรมครูภาษาอังกฤษ มีวัตถุประสงค์เพื่อพัฒนาทักษะการสื่อสาร\n", "อบรมครูภาษาอังกฤษ"),
    ("๒. โครงการปรับปรุงภูมิทัศน์.\n", "ปรับปรุงภูมิทัศน์"),
    ("โครงการ :\nพัฒนาห้องสมุดโรงเรียนและ\nแหล่งเรียนรู้ชุมชน.\nหลักการและเหตุผล\n",
     "พัฒนาห้องสมุดโรงเรียนและ\nแหล่งเรียนรู้ชุมชน"),
], ids=["colon", "name-stop", "final-dot", "wrapped"])
def test_name_span_is_exactly_the_name(text, name):
    (m,) = mentions(text)
    assert m.name.text == name.replace("\n", " ")
    assert text[m.name.start:m.name.end] == name


def test_narrative_in_the_rationale_is_not_the_project():
    text = ("ชื่อโครงการ  พัฒนาครูด้านการจัดการเรียนรู้เชิงรุก\n"
            "หลักการและเหตุผล\n"
            "โครงการดังกล่าวมุ่งพัฒนาครูให้จัดการเรียนรู้ที่เน้นผู้เรียนเป็นสำคัญอย่างต่อเนื่อง\n"
            "วัตถุประสงค์\n"
            "1. เพื่อพัฒนาครูด้านการจัดการเรียนรู้เชิงรุก\n"
            "งบประมาณ  20,000 บาท\n")
    (p,) = doc(text).projects
    assert p.name == "พัฒนาครูด้านการจัดการเรียนรู้เชิงรุก"


# A proposal copied out of a PDF (pdftotext without -layout): every printed line is a line,
# and a line of the rationale happens to begin with the project word.
WRAPPED_PROPOSAL = [
    "โครงการค่ายพัฒนาทักษะการเขียนโปรแกรมสำหรับนักเรียนมัธยม",
    "หลักการและเหตุผล",
    "ปัจจุบันเทคโนโลยีดิจิทัลมีบทบาทสำคัญต่อการดำเนินชีวิตและการทำงานในทุกภาคส่วน",
    "ทำให้ทักษะการคิดเชิงคำนวณและการเขียนโปรแกรมเป็นทักษะพื้นฐานที่เยาวชนควรได้รับ",
    "การพัฒนาตั้งแต่ระดับมัธยมศึกษา ภาควิชาเป็นหน่วยงานหนึ่งที่มีบุคลากรและห้องปฏิบัติ",
    "การพร้อมสำหรับการจัดกิจกรรมเสริมหลักสูตร และได้จัดอบรมให้แก่ครูและนักเรียนในพื้นที่",
    "อย่างต่อเนื่องมาเป็นเวลาหลายปี ซึ่งได้รับการตอบรับจากโรงเรียนเป็นอย่างดีทุกครั้ง",
    "นักเรียนในโรงเรียนขนาดเล็กส่วนใหญ่ยังขาดโอกาสในการฝึกฝนกับผู้เชี่ยวชาญและเข้าร่วม",
    "โครงการแข่งขันระดับประเทศของหน่วยงานต่าง ๆ",
    "ภาควิชาจึงเห็นสมควรจัดค่ายอบรมเชิงปฏิบัติการด้านการเขียนโปรแกรมให้แก่นักเรียน",
    "ระดับมัธยมศึกษาตอนปลายจากโรงเรียนในจังหวัดใกล้เคียง เพื่อเพิ่มพูนความรู้และทักษะ",
    "ที่จำเป็นต่อการศึกษาต่อในระดับอุดมศึกษา และสร้างแรงบันดาลใจในการประกอบอาชีพด้าน",
    "เทคโนโลยีสารสนเทศ ตลอดจนสร้างเครือข่ายความร่วมมือระหว่างมหาวิทยาลัยกับโรงเรียน",
    "ในพื้นที่ให้เข้มแข็งยิ่งขึ้น และเป็นการบริการวิชาการแก่สังคมตามพันธกิจของคณะ",
    "ต่อไปในอนาคต",
    "วัตถุประสงค์",
    "1. เพื่อพัฒนาทักษะการเขียนโปรแกรมของนักเรียน",
    "2. เพื่อสร้างเครือข่ายความร่วมมือกับโรงเรียน",
    "งบประมาณ 45,000 บาท",
]


def test_a_wrapped_line_of_the_rationale_that_begins_with_the_project_word_is_not_a_mention():
    text = "\n".join(WRAPPED_PROPOSAL) + "\n"
    assert [m.name.text for m in mentions(text)] == ["ค่ายพัฒนาทักษะการเขียนโปรแกรมสำหรับนักเรียนมัธยม"]
    (p,) = doc(text).projects
    assert p.name == "ค่ายพัฒนาทักษะการเขียนโปรแกรมสำหรับนักเรียนมัธยม"
    assert [o.text for o in p.objectives] == ["เพื่อพัฒนาทักษะการเขียนโปรแกรมของนักเรียน",
                                              "เพื่อสร้างเครือข่ายความร่วมมือกับโรงเรียน"]


def test_in_a_document_of_one_paragraph_per_line_a_line_may_begin_with_the_project_word():
    # The same lines, but too few full lines for a wrapped rendering: every line is a paragraph.
    text = "\n".join(WRAPPED_PROPOSAL[:2] + WRAPPED_PROPOSAL[7:9] + WRAPPED_PROPOSAL[15:]) + "\n"
    assert [m.name.text for m in mentions(text)][1:] == ["แข่งขันระดับประเทศของหน่วยงานต่าง ๆ"]


def test_the_last_item_of_a_running_list_is_not_a_project_card():
    # A monitoring table copied out of a PDF column by column: the criteria "1.1", "1.2" (the
    # last one ending the list), then the other columns' headers, which are field labels.
    text = "\n".join([
        "1.1 มีการกำหนดเวลาให้บริการที่ชัดเจน",
        "และประกาศให้ผู้รับบริการทราบทั่วกัน",
        "1.2 มีช่องทางให้บริการออนไลน์",
        "อย่างน้อยสองช่องทาง",
        "ผู้รับผิดชอบ",
        "ฝ่ายบริหารทรัพยากร",
        "ระยะเวลา",
        "ต.ค. พ.ย. ธ.ค. ม.ค.",
        "ผลการดำเนินงาน",
        "เป็นไปตามเกณฑ์ทุกข้อ",
    ]) + "\n"
    us = units(text)
    fields = SECTION_FIELDS | {"name"}
    assert [i for i in range(len(us)) if card_at(us, i, fields, RULES) is not None] == []
    assert doc(text).projects == []


def test_a_line_at_the_top_of_a_page_that_begins_with_the_project_word_is_a_mention():
    lines = list(WRAPPED_PROPOSAL)
    lines[8] = "\f" + lines[8]   # the page breaks before it
    assert [m.name.text for m in mentions("\n".join(lines) + "\n")][1:] == ["แข่งขันระดับประเทศของหน่วยงานต่าง ๆ"]


def test_the_project_word_alone_with_a_phrase_about_projects_on_the_next_line_is_no_mention():
    # a column header flattened one cell line per line: "โครงการ" / "ที่ดำเนินการ"
    text = ("สรุปจำนวนโครงการ\n"
            "\n"
            "โครงการ\n"
            "ที่ดำเนินการ\n"
            "\n"
            "งบประมาณ\n"
            "(บาท)\n")
    assert mentions(text) == []
    # the word alone over a project's name is a mention all the same
    (m,) = mentions("โครงการ\nส่งเสริมการอ่านของนักเรียน\n\nงบประมาณ 5,000 บาท\n")
    assert m.name.text == "ส่งเสริมการอ่านของนักเรียน"
