"""Report layouts written for the tests: a one-event report that never uses the
project word for its event, and a quality report whose best practices are
listed as narrative paragraphs before their detail sections."""

from __future__ import annotations

from extractor import extract

EVENT_REPORT = """ความพึงพอใจต่อการจัดค่ายวิทยาศาสตร์ ภายใต้โครงการ ABC
การสัมมนาเชิงปฏิบัติการด้านการสอนวิทยาศาสตร์ สนับสนุนโดยมูลนิธิส่งเสริมการศึกษา จัดขึ้นเมื่อวันที่ 3-5 มีนาคม 2566
มีผู้เข้าร่วมทั้งสิ้น 40 คน ผลการสำรวจมีรายละเอียดดังนี้
ตารางที่ 1 ข้อมูลทั่วไป
"""

NARRATIVE = "ดำเนินการตามวงจรคุณภาพ มีการวางแผน ติดตาม และประเมินผลอย่างต่อเนื่อง " * 6

QUALITY_REPORT = f"""สรุปผลการประเมินคุณภาพภายนอก
ผลงานที่เป็นแบบอย่างที่ดี
1) โครงการพัฒนาทักษะอาชีพผู้เรียน มีวัตถุประสงค์เพื่อ {NARRATIVE}
2) โครงการส่งเสริมการออมในโรงเรียน มีวัตถุประสงค์เพื่อ {NARRATIVE}
3) เครื่องวัดความชื้นดินอัตโนมัติ ได้รับรางวัลระดับภาค {NARRATIVE}

แบบอย่างที่ดี 1
ชื่อผลงาน
โครงการพัฒนาทักษะอาชีพผู้เรียน
วัตถุประสงค์
1. เพื่อพัฒนาทักษะอาชีพของผู้เรียน
2. เพื่อเชื่อมโยงกับสถานประกอบการ
ผลการดำเนินงาน
1. ผู้เรียนผ่านการประเมินร้อยละ 95

แบบอย่างที่ดี 2
ชื่อผลงาน
โครงการส่งเสริมการออมในโรงเรียน ได้รับรางวัลระดับชาติ
วัตถุประสงค์
1. เพื่อปลูกฝังนิสัยการออม
ผลการดำเนินงาน
1. นักเรียนร้อยละ 80 มีบัญชีเงินฝาก

มาตรฐานที่ 2 การจัดการศึกษา
ตัวชี้วัด
ระดับคุณภาพของการบริหารจัดการ อยู่ในระดับดีเลิศ
"""


def test_event_named_by_the_opening_sentence():
    doc = extract(text=EVENT_REPORT)
    assert [p.name for p in doc.projects] == ["การสัมมนาเชิงปฏิบัติการด้านการสอนวิทยาศาสตร์"]


def test_opening_without_an_ending_phrase_is_narrative():
    text = EVENT_REPORT.replace(" สนับสนุนโดยมูลนิธิส่งเสริมการศึกษา จัดขึ้นเมื่อวันที่ 3-5 มีนาคม 2566", "")
    assert [p.name for p in extract(text=text).projects] != ["การสัมมนาเชิงปฏิบัติการด้านการสอนวิทยาศาสตร์"]


def test_narrative_list_items_without_the_project_word_are_not_projects():
    doc = extract(text=QUALITY_REPORT)
    names = [p.name for p in doc.projects]
    assert names == ["พัฒนาทักษะอาชีพผู้เรียน", "ส่งเสริมการออมในโรงเรียน"]


def test_quality_standard_heading_ends_the_last_section():
    doc = extract(text=QUALITY_REPORT)
    last = doc.projects[-1]
    assert last.objectives and [o.text for o in last.objectives] == ["เพื่อปลูกฝังนิสัยการออม"]
    assert last.indicators == []


PROGRESS = """รายงานความก้าวหน้าการดำเนินงานโครงการ ประจำปีงบประมาณ 2567
ที่\tโครงการ\tงบประมาณ\tสถานะ
1\tโครงการพัฒนาห้องสมุดโรงเรียน\t20,000\tดำเนินการแล้วเสร็จ
2\tโครงการส่งเสริมสุขภาพนักเรียน\t15,000\tอยู่ระหว่างดำเนินการ
3\tโครงการปรับปรุงสนามกีฬา\t50,000\tยังไม่ดำเนินการ
4\tโครงการอบรมครูด้านดิจิทัล\t12,000\t-
"""


def test_status_from_the_words_of_a_status_column():
    doc = extract(text=PROGRESS)
    assert [(p.name, p.status) for p in doc.projects] == [
        ("พัฒนาห้องสมุดโรงเรียน", "completed"), ("ส่งเสริมสุขภาพนักเรียน", "in_progress"),
        ("ปรับปรุงสนามกีฬา", "not_started"), ("อบรมครูด้านดิจิทัล", None)]


SELF_ASSESSMENT = """4. แบบอย่างที่ดี
ชื่อโครงการ อบรมการเขียนแผนธุรกิจสำหรับผู้เรียน
4.1 หลักการและเหตุผล
ผู้เรียนควรมีทักษะการประกอบอาชีพอิสระ
4.2 วัตถุประสงค์
4.2.1 พัฒนาศักยภาพในการประกอบอาชีพอิสระ
4.2.2 สร้างโอกาสให้ผู้เรียนมีธุรกิจของตนเอง
4.3 แนวคิดเชิงระบบของโครงการ
4.3.1 ปัจจัยนำเข้า
4.3.2 กระบวนการ
4.4 ผลการดำเนินงาน
4.4.1 ผู้เข้าร่วมเขียนแผนธุรกิจได้
"""

LIST_UNDER_NUMBERED_HEADING = """ชื่อโครงการ ส่งเสริมการอ่าน
1. หลักการและเหตุผล
การอ่านเป็นพื้นฐานของการเรียนรู้
2. วัตถุประสงค์
1. เพื่อส่งเสริมนิสัยรักการอ่าน
2. เพื่อพัฒนาห้องสมุด
3. เพื่อจัดกิจกรรมวันรักการอ่าน
3. งบประมาณ 5,000 บาท
"""


def test_an_unknown_numbered_heading_ends_the_part_above():
    (project,) = extract(text=SELF_ASSESSMENT).projects
    assert [o.text for o in project.objectives] == ["พัฒนาศักยภาพในการประกอบอาชีพอิสระ",
                                                     "สร้างโอกาสให้ผู้เรียนมีธุรกิจของตนเอง"]
    assert [r.text for r in project.results] == ["ผู้เข้าร่วมเขียนแผนธุรกิจได้"]


def test_items_numbered_on_from_their_heading_stay_items():
    (project,) = extract(text=LIST_UNDER_NUMBERED_HEADING).projects
    assert [o.text for o in project.objectives] == ["เพื่อส่งเสริมนิสัยรักการอ่าน", "เพื่อพัฒนาห้องสมุด",
                                                     "เพื่อจัดกิจกรรมวันรักการอ่าน"]
    assert project.budget.amount == 5000


BYLAW = """รายละเอียดประมาณการรายจ่ายเพิ่มเติม
โครงการ\tงบประมาณ
โครงการก่อสร้างถนนคอนกรีต ซอย 9 ข้างบ้านเลขที่ 30/324\t300,000
โครงการก่อสร้างถนนคอนกรีต ซอย 9 ข้างบ้านเลขที่ 31/12\t450,000
โครงการปรับปรุงตลาดสดเทศบาล\t1,200,000

รายงานรายละเอียดประมาณการรายจ่าย จำแนกตามหน่วยงาน
รายการ\tจำนวนเงิน
โครงการก่อสร้างถนนคอนกรีต ซอย 9 ข้างบ้านเลขที่ 31/12\t450,000
โครงการก่อสร้างถนนคอนกรีต ซอย 9 ข้างบ้านเลขที่ 30/324\t300,000
โครงการปรับปรุงตลาดสดเทศบาล\t1,200,000
"""


def test_a_project_repeated_in_a_second_table_is_one_project_with_its_own_amount():
    doc = extract(text=BYLAW)
    assert [(p.name, p.budget.amount) for p in doc.projects] == [
        ("ก่อสร้างถนนคอนกรีต ซอย 9 ข้างบ้านเลขที่ 30/324", 300000),
        ("ก่อสร้างถนนคอนกรีต ซอย 9 ข้างบ้านเลขที่ 31/12", 450000),
        ("ปรับปรุงตลาดสดเทศบาล", 1200000)]
    assert all(len(p.mentions) == 1 for p in doc.projects)


PROPOSAL_BUDGET_FORM = """ชื่อโครงการ ประชุมเชิงปฏิบัติการจัดทำแผนยุทธศาสตร์
วัตถุประสงค์
1. เพื่อจัดทำแผนยุทธศาสตร์
งบประมาณ/ทรัพยากร และแหล่งที่มา
งบดำเนินงาน ผลผลิต ปวช.............-...................บาท
ผลผลิต ปวส.............-...................บาท
ผลผลิต ระยะสั้น...........................บาท
งบบำรุงการศึกษา (บกศ.) จำนวน..........28,372......................บาท
ผลที่คาดว่าจะได้รับ
1. สถานศึกษามีแผนยุทธศาสตร์
"""


def test_budget_lines_of_a_form_are_not_the_headings_their_words_start():
    (project,) = extract(text=PROPOSAL_BUDGET_FORM).projects
    assert project.budget.amount == 28372 and not project.budget.no_budget
    assert [e.text for e in project.expected_results] == ["สถานศึกษามีแผนยุทธศาสตร์"]


DEVELOPMENT_PLAN = """ที่\tโครงการ\tวัตถุประสงค์\tงบประมาณ (บาท)
1\tโครงการอุดหนุน อปท. กาชาด\tเพื่อบรรเทาทุกข์\t5,000.-
\tร่วมใจบรรเทาทุกข์ จังหวัดแพร่\tของประชาชน\t(งบ อบต.)
2\tโครงการส่งเสริมอาชีพ\tเพื่อให้กลุ่มแม่บ้านมีอาชีพ\t20,000.-
\tกลุ่มแม่บ้าน หมู่ที่ 9\tเพิ่มขึ้น\t(งบ อบต.)
3\tโครงการป้องกันและแก้ไข\tเพื่อสร้างภูมิคุ้มกัน\t10,000-.
\tปัญหาการตั้งครรภ์ในวัยเรียน\tให้เยาวชน\t(งบ อบต.)
"""


def test_wrapped_rows_that_start_like_a_total_a_group_or_a_label_continue_the_name():
    doc = extract(text=DEVELOPMENT_PLAN)
    assert [(p.name, p.budget.amount, p.responsible.unit) for p in doc.projects] == [
        ("อุดหนุน อปท. กาชาด ร่วมใจบรรเทาทุกข์ จังหวัดแพร่", 5000, None),
        ("ส่งเสริมอาชีพ กลุ่มแม่บ้าน หมู่ที่ 9", 20000, None),
        ("ป้องกันและแก้ไขปัญหาการตั้งครรภ์ในวัยเรียน", 10000, None)]


# A wide budget sheet as pdftotext -layout prints it: empty cells vanish, and a name that
# wraps puts the row's figures on a line of their own (below its first line, or above it
# when the line above already has its figures).  A page without the sheet's header.
BUDGET_SHEET = """ค่าสาธารณูปโภค\t1,500,000\t1,500,000
โครงการรับสมัครนักเรียน ประจำปีการศึกษา 2568\t20,000\t20,000
โครงการจัดทำสื่อประชาสัมพันธ์รับสมัครนักเรียน ประจำปี
30,000\t30,000
การศึกษา 2568
โครงการซ่อมบำรุงรถยนต์ราชการ\t50,000\t250,000\t300,000
45,000\t45,000
โครงการมอบประกาศนียบัตรผู้สำเร็จการศึกษา
โครงการเชิดชูครูดีเด่น\t35,000\t35,000
"""


def test_figures_on_a_line_of_their_own_belong_to_the_wrapped_name():
    doc = extract(text=BUDGET_SHEET)
    assert [(p.name, p.budget.amount) for p in doc.projects] == [
        ("รับสมัครนักเรียน ประจำปีการศึกษา 2568", 20000),
        ("จัดทำสื่อประชาสัมพันธ์รับสมัครนักเรียน ประจำปีการศึกษา 2568", 30000),
        ("ซ่อมบำรุงรถยนต์ราชการ", 300000),
        ("มอบประกาศนียบัตรผู้สำเร็จการศึกษา", 45000),
        ("เชิดชูครูดีเด่น", 35000)]


HEADER_NAMES_A_STANDARD = """ชื่อโครงการ ส่งเสริมการอ่าน
ความสอดคล้อง
มาตรฐานที่ 1 คุณภาพของผู้เรียน
ยุทธศาสตร์ที่ 2 พัฒนาคุณภาพผู้เรียน
วัตถุประสงค์
1. เพื่อส่งเสริมนิสัยรักการอ่าน
งบประมาณ 5,000 บาท
"""


def test_a_standard_named_in_the_header_block_does_not_end_the_section():
    (project,) = extract(text=HEADER_NAMES_A_STANDARD).projects
    assert [o.text for o in project.objectives] == ["เพื่อส่งเสริมนิสัยรักการอ่าน"]
    assert project.budget.amount == 5000
