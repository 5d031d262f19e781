"""stages/lists: numbered lists of plan items that name projects."""

from __future__ import annotations

from extractor.stages.lists import list_mentions
from stagekit import RULES, at, cells, doc, units

PLAN_LIST = (
    "แผนปฏิบัติการประจำปี ๒๕๖๗\n"
    "งานที่จะดำเนินการในปีนี้\n"
    "1. รับสมัครนักเรียนใหม่ปีการศึกษา ๒๕๖๗\n"
    "2. ทดสอบความสามารถด้านการอ่านของนักเรียน\n"
    "ทุกระดับชั้น\n"
    "3. โครงการอบรมครูด้านการวัดผลประเมินผล\n"
    "4. ประชุมผู้ปกครองนักเรียนภาคเรียนที่ ๑\n"
)


def test_list_where_some_items_start_with_the_project_word_names_projects():
    found = list_mentions(units(PLAN_LIST), set(), RULES)
    assert [(m.index, m.last, m.number, m.name.text) for m in found] == [
        (2, 2, "1", "รับสมัครนักเรียนใหม่ปีการศึกษา ๒๕๖๗"),
        (3, 4, "2", "ทดสอบความสามารถด้านการอ่านของนักเรียน ทุกระดับชั้น"),   # with its continuation line
        (5, 5, "3", "อบรมครูด้านการวัดผลประเมินผล"),                         # the project word dropped
        (6, 6, "4", "ประชุมผู้ปกครองนักเรียนภาคเรียนที่ ๑"),
    ]
    assert PLAN_LIST[found[1].name.start:found[1].name.end] == "ทดสอบความสามารถด้านการอ่านของนักเรียน\nทุกระดับชั้น"


def test_all_items_of_the_list_are_projects():
    d = doc(PLAN_LIST)
    assert [(p.id, p.number, p.name) for p in d.projects] == [
        ("p1", "1", "รับสมัครนักเรียนใหม่ปีการศึกษา ๒๕๖๗"),
        ("p2", "2", "ทดสอบความสามารถด้านการอ่านของนักเรียน ทุกระดับชั้น"),
        ("p3", "3", "อบรมครูด้านการวัดผลประเมินผล"),
        ("p4", "4", "ประชุมผู้ปกครองนักเรียนภาคเรียนที่ ๑"),
    ]
    assert at(PLAN_LIST, d.projects[2].span) == "อบรมครูด้านการวัดผลประเมินผล"
    assert d.notes == []


def test_list_without_the_project_word_names_no_projects():
    text = PLAN_LIST.replace("3. โครงการอบรม", "3. อบรม")
    assert list_mentions(units(text), set(), RULES) == []
    assert [n.code for n in doc(text).notes] == ["no_projects"]


def test_a_share_of_project_items_is_needed():
    assert RULES.tune("project_list_share") == 0.25
    items = ["1. รับสมัครนักเรียนใหม่", "2. ทดสอบการอ่านออกเขียนได้", "3. ประชุมผู้ปกครองนักเรียน",
             "4. จัดทำรายงานประจำปี", "5. ซ่อมแซมอาคารเรียน"]
    items[4] = "5. โครงการอบรมครูด้านการวัดผลประเมินผล"   # one in five: below the share
    assert list_mentions(units("\n".join(items) + "\n"), set(), RULES) == []
    items[3] = "4. โครงการค่ายวิทยาศาสตร์สำหรับนักเรียน"   # two in five
    found = list_mentions(units("\n".join(items) + "\n"), set(), RULES)
    assert [m.number for m in found] == ["1", "2", "3", "4", "5"]


def test_two_items_are_not_a_list():
    text = "1. รับสมัครนักเรียนใหม่\n2. โครงการอบรมครูด้านการวัดผล\n"
    assert list_mentions(units(text), set(), RULES) == []


def test_skipped_units_are_not_read():
    us = units(PLAN_LIST)
    assert list_mentions(us, set(range(len(us))), RULES) == []


def test_lists_of_one_table_column_are_judged_together():
    text = "แผนงาน\n" + cells(
        ["ยุทธศาสตร์ที่ ๑", "1. รับสมัครนักเรียนใหม่\n2. โครงการทัศนศึกษาแหล่งเรียนรู้"],
        ["ยุทธศาสตร์ที่ ๒", "1. ประชุมผู้ปกครอง\n2. จัดทำแผนปฏิบัติการ"])
    found = list_mentions(units(text), set(), RULES)
    assert [(m.number, m.name.text) for m in found] == [
        ("1", "รับสมัครนักเรียนใหม่"), ("2", "ทัศนศึกษาแหล่งเรียนรู้"),
        ("1", "ประชุมผู้ปกครอง"), ("2", "จัดทำแผนปฏิบัติการ")]


# An appendix's list of attachments: one item starts with the project word (a share
# that would make a plan list), but the list names parts of the document.
ATTACHMENTS = (
    "1. ผังโครงสร้างการบริหารงานของสำนักงาน\n"
    "2. โครงการสัมมนาทบทวนแผนปฏิบัติการประจำปี\n"
    "3. ประกาศแต่งตั้งคณะทำงานติดตามผล\n"
    "4. ภาพบรรยากาศการประชุมชี้แจง\n"
)


def test_a_list_under_a_contents_heading_names_no_projects():
    assert [m.number for m in list_mentions(units(ATTACHMENTS), set(), RULES)] == ["1", "2", "3", "4"]
    assert list_mentions(units("ภาคผนวก\n" + ATTACHMENTS), set(), RULES) == []
    d = doc(PLAN_LIST + "\nภาคผนวก\n" + ATTACHMENTS)
    assert [p.name for p in d.projects] == [p.name for p in doc(PLAN_LIST).projects]


def test_a_table_of_contents_names_no_projects():
    toc = ("สารบัญ\nเรื่อง หน้า\nส่วนที่ ๑ บทนำ ๑\n1. สภาพทั่วไปของสำนักงาน ๒\n2. โครงการอบรมครูผู้สอน ๔\n"
           "3. ทิศทางการพัฒนาการศึกษา ๖\nส่วนที่ ๒ แผนงาน ๘\n")
    assert list_mentions(units(toc), set(), RULES) == []
    assert list_mentions(units(toc.replace("สารบัญ\n", "")), set(), RULES) != []


def test_a_contents_heading_that_names_projects_heads_a_project_list():
    found = list_mentions(units("ภาคผนวก ข รายชื่อโครงการตามแผน\n" + ATTACHMENTS), set(), RULES)
    assert [m.number for m in found] == ["1", "2", "3", "4"]


def test_running_text_ends_the_contents():
    narrative = ("ภาคผนวก\nในปีงบประมาณนี้ สำนักงานได้กำหนดงานที่จะดำเนินการเพื่อพัฒนาคุณภาพการศึกษา"
                 "ของนักเรียนในพื้นที่ให้ทั่วถึงและเท่าเทียมกัน ดังนี้\n")
    assert len(narrative.splitlines()[1]) >= RULES.tune("heading_max_chars")
    assert [m.number for m in list_mentions(units(narrative + ATTACHMENTS), set(), RULES)] == ["1", "2", "3", "4"]


def _broken_list(first_of_next: str) -> str:
    """A column's list that a page break cut: its last item stands alone in the next row."""
    return "แผนงาน\n" + cells(
        ["ด้านหลักสูตร", "1. พัฒนาการจัดการเรียนการสอน\n2. โครงการนิเทศภายใน\n3. จัดแข่งขันทักษะวิชาชีพ\n"
                         "4. โครงการยกระดับคุณภาพการศึกษา"],
        ["", first_of_next + " จัดทำแผนการฝึกอาชีพ\nระบบทวิภาคี"],
        ["ด้านความร่วมมือ", "1. โครงการอาสาเทศกาลปีใหม่\n2. รณรงค์ขับขี่ปลอดภัย"])


def test_a_list_goes_on_in_the_next_cell_of_its_column_numbered_on():
    text = _broken_list("5.")
    found = list_mentions(units(text), set(), RULES)
    assert [(m.number, m.name.text) for m in found][3:6] == [
        ("4", "ยกระดับคุณภาพการศึกษา"), ("5", "จัดทำแผนการฝึกอาชีพ ระบบทวิภาคี"), ("1", "อาสาเทศกาลปีใหม่")]
    assert [p.number for p in doc(text).projects] == ["1", "2", "3", "4", "5", "1", "2"]


def test_one_item_alone_in_a_cell_that_does_not_number_on_is_no_list():
    for number in ("6.", "1."):
        found = list_mentions(units(_broken_list(number)), set(), RULES)
        assert [m.number for m in found] == ["1", "2", "3", "4", "1", "2"]


def test_a_page_number_is_not_an_item():
    # Text copied out of a PDF: the page's number stands alone under its last line.
    text = ("ผลงานที่เป็นแบบอย่างที่ดี\n"
            "2. โครงการส่งเสริมการอ่านของนักเรียน\n"
            "3. เครื่องวัดความชื้นในดินแบบพกพา\n"
            "4\n"
            "\n"
            "รายงานฉบับปรับปรุง\n")
    assert list_mentions(units(text), set(), RULES) == []   # two items are not a list


def test_lists_under_the_sub_headings_of_one_part_are_judged_together():
    # A table's column copied out of a PDF as running text: the lists of its rows stand
    # one after another under their sub-headings.
    first = ["2.1 ด้านการบริหารจัดการ",
             "1. โครงการซ่อมแซมอาคารเรียน", "2. จัดทำห้องเรียนคอมพิวเตอร์",
             "3. ปรับปรุงห้องสมุด", "4. โครงการอบรมครูด้านดิจิทัล"]
    second = ["1. ปฐมนิเทศนักศึกษาก่อนออกฝึกงาน", "2. พัฒนาครูในสถานประกอบการ",
              "3. สัมมนานักศึกษาหลังการฝึกงาน", "4. โครงการยกระดับการจัดการศึกษาทวิภาคี",
              "5. จัดทำแผนการฝึกอาชีพ"]   # one in five items: alone, below the share
    text = "\n".join(["ผลการดำเนินงาน"] + first + ["2.2 ด้านการนำนโยบายสู่การปฏิบัติ"] + second) + "\n"
    found = list_mentions(units(text), set(), RULES)
    assert [m.number for m in found] == ["1", "2", "3", "4", "1", "2", "3", "4", "5"]
    # a paragraph of running text between them (after a blank line): each list is judged alone
    prose = ("การดำเนินงานด้านนี้เป็นไปตามแผนที่วางไว้ทุกประการ โดยได้รับความร่วมมือจากทุกฝ่าย"
             "ในสถานศึกษาเป็นอย่างดี และมีการติดตามผลอย่างต่อเนื่อง")
    text = "\n".join(["ผลการดำเนินงาน"] + first + ["", prose, "2.2 ด้านการนำนโยบายสู่การปฏิบัติ"] + second) + "\n"
    found = list_mentions(units(text), set(), RULES)
    assert [m.number for m in found] == ["1", "2", "3", "4"]


def test_a_part_heading_ends_the_last_item_of_a_list():
    text = ("แผนงานด้านความร่วมมือ\n"
            "1. โครงการอบรมครูด้านดิจิทัล\n"
            "2. จัดทำแผนการฝึกอาชีพ\n"
            "ระบบทวิภาคี\n"
            "3. โครงการประชุมผู้ปกครอง\n"
            "4. ซ่อมแซมอาคารเรียน\n"
            "มาตรฐานที่ 3 การสร้างสังคมแห่งการเรียนรู้\n")
    found = list_mentions(units(text), set(), RULES)
    assert [m.name.text for m in found] == ["อบรมครูด้านดิจิทัล", "จัดทำแผนการฝึกอาชีพ ระบบทวิภาคี",
                                           "ประชุมผู้ปกครอง", "ซ่อมแซมอาคารเรียน"]
