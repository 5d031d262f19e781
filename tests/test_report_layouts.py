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
