"""stages/narrative: the period and results a one-project report states in running text."""

from __future__ import annotations

import pytest

from stagekit import at, doc

SURVEY = "\n".join([
    "สรุปผลการประเมินความพึงพอใจ การอบรมครูวิทยาศาสตร์",
    "การอบรมเชิงปฏิบัติการการสอนวิทยาศาสตร์ด้วยการทดลอง จัดขึ้นเมื่อวันที่ ๓-๔ กุมภาพันธ์ ๒๕๖๗ "
    "ณ หอประชุมโรงเรียน ซึ่งมีผู้เข้าร่วมอบรมทั้งหมด ๔๕ คน ผลการประเมินมีดังนี้",
    "ตารางที่ ๑ ความพึงพอใจของผู้เข้าอบรม",
    "ประเด็น\tร้อยละ",
    "เนื้อหาการอบรม\t๙๐.๐",
    "ความรู้ของวิทยากร\t๘๕.๐",
    "จากตารางที่ ๑ พบว่า ผู้เข้าอบรมพึงพอใจด้านเนื้อหามากที่สุด คิดเป็นร้อยละ ๙๐.๐",
    "ความคิดเห็นของผู้เข้าอบรม",
    "ผู้เข้าอบรมส่วนใหญ่พบว่าการทดลองช่วยให้นักเรียนเข้าใจบทเรียนได้ดีขึ้น",
    "ข้อเสนอแนะ",
    "ควรเพิ่มเวลาการทดลอง เพราะพบว่าเวลาไม่เพียงพอ",
]) + "\n"


def test_an_event_reports_date_is_its_period():
    (p,) = doc(SURVEY).projects
    assert p.name == "การอบรมเชิงปฏิบัติการการสอนวิทยาศาสตร์ด้วยการทดลอง"
    # "เมื่อวันที่": the day word glued to the word before it is not part of the date
    assert (p.period.text, p.period.start, p.period.end) == ("๓-๔ กุมภาพันธ์ ๒๕๖๗", "2024-02", "2024-02")
    assert at(SURVEY, p.period.span) == "๓-๔ กุมภาพันธ์ ๒๕๖๗"


def test_a_day_word_of_its_own_is_kept_and_a_month_without_a_day_is_not_the_events_date():
    text = "\n".join([
        "ประกาศรับสมัครการอบรมคณิตศาสตร์",
        "การอบรมคณิตศาสตร์สำหรับนักเรียน จัดขึ้นโดยความร่วมมือของโรงเรียนในเขต",
        "การสอบคัดเลือกจะมีในเดือนมิถุนายน ๒๕๖๘",
        "อบรมระหว่าง วันที่ ๒๘ กรกฎาคม – ๑ สิงหาคม ๒๕๖๘ ณ มหาวิทยาลัย",
    ]) + "\n"
    (p,) = doc(text).projects
    assert (p.period.text, p.period.start, p.period.end) == ("วันที่ ๒๘ กรกฎาคม – ๑ สิงหาคม ๒๕๖๘", "2025-07", "2025-08")


def test_a_date_without_a_year_is_not_a_period():
    text = "สรุปผลการจัดกิจกรรม\nการแข่งขันกีฬาสีภายใน จัดขึ้นเมื่อวันที่ 5 มกราคม ที่สนามโรงเรียน\n"
    (p,) = doc(text).projects
    assert p.period is None


def test_a_survey_report_states_its_results_in_running_text():
    d = doc(SURVEY)
    (p,) = d.projects
    assert d.info.document_type == "annual_report"
    # The count of those who took part, then every paragraph that states a finding; not the
    # table's rows, its caption, a sub-heading or what stands under ข้อเสนอแนะ.
    assert [(r.text, r.kind) for r in p.results] == [
        ("มีผู้เข้าร่วมอบรมทั้งหมด ๔๕ คน", "quantitative"),
        ("จากตารางที่ ๑ พบว่า ผู้เข้าอบรมพึงพอใจด้านเนื้อหามากที่สุด คิดเป็นร้อยละ ๙๐.๐", "quantitative"),
        ("ผู้เข้าอบรมส่วนใหญ่พบว่าการทดลองช่วยให้นักเรียนเข้าใจบทเรียนได้ดีขึ้น", "qualitative"),
    ]
    assert all(at(SURVEY, r.span) == r.text for r in p.results)


def test_findings_under_another_fields_label_are_not_results_but_a_one_line_fact_opens_no_part():
    text = "\n".join([
        "สรุปผลการจัดกิจกรรม",
        "การจัดกิจกรรมวันวิทยาศาสตร์ ได้ดำเนินการ วันที่ ๑๘ สิงหาคม ๒๕๖๖",
        "หลักการและเหตุผล",
        "จากการสำรวจปีที่ผ่านมาพบว่า นักเรียนสนใจวิทยาศาสตร์น้อย",
        "ผู้รับผิดชอบ  กลุ่มสาระการเรียนรู้วิทยาศาสตร์",
        "ผลการดำเนินงาน",
        "นักเรียนร้อยละ ๙๕ พบว่ากิจกรรมสนุกและได้ความรู้",
    ]) + "\n"
    (p,) = doc(text).projects
    assert [r.text for r in p.results] == ["นักเรียนร้อยละ ๙๕ พบว่ากิจกรรมสนุกและได้ความรู้"]
    assert p.period.text == "วันที่ ๑๘ สิงหาคม ๒๕๖๖"  # the day word stands as a word of its own


def test_a_plan_states_no_results():
    text = "\n".join([
        "แผนการจัดอบรมคณิตศาสตร์ภาคฤดูร้อน",
        "การอบรมคณิตศาสตร์สำหรับนักเรียน จัดขึ้นโดยความร่วมมือของโรงเรียนในเขต",
        "จากการสอบปีที่ผ่านมา พบว่ามีผู้สมัคร ๕๐ คน คิดเป็นร้อยละ ๘๐ ของที่นั่ง",
    ]) + "\n"
    d = doc(text)
    (p,) = d.projects
    assert d.info.document_type == "plan" and p.results == []


@pytest.mark.parametrize("sentence, found", [
    ("มีผู้เข้าร่วมโครงการ จำนวน 120 คน", "มีผู้เข้าร่วมโครงการ จำนวน 120 คน"),
    ("มีผู้ตอบแบบสอบถามทั้งสิ้น 38 คน จากทั้งหมด 40 คน", "มีผู้ตอบแบบสอบถามทั้งสิ้น 38 คน"),
    ("มีผู้เข้าร่วมจากหลายหน่วยงานทั่วประเทศและต่างประเทศเป็นจำนวนมาก รวมแล้ว 300 คน", None),  # too far
    ("มีผู้เข้าร่วมอย่างคับคั่ง", None),
])
def test_a_count_of_those_who_took_part(sentence, found):
    text = ("สรุปผลการจัดกิจกรรม\n"
            f"การแข่งขันกีฬาสีภายใน จัดขึ้นเมื่อวันที่ 5 มกราคม 2567 {sentence}\n")
    (p,) = doc(text).projects
    assert [r.text for r in p.results] == ([found] if found else [])


# Three paragraphs as a rendering that keeps the printed lines wraps them (one width).
WRAPPED = [
    ["จากตารางที่ ๑ พบว่า ผู้ตอบแบบประเมินส่วนใหญ่เป็นครูผู้สอน",
     "ระดับประถมศึกษา คิดเป็นร้อยละ ๗๐.๐ และมีประสบการณ์สอน",
     "มากกว่า ๑๐ ปี คิดเป็นร้อยละ ๕๕.๐ ของผู้ตอบแบบประเมินทั้งหมด",
     "ซึ่งสอดคล้องกับกลุ่มเป้าหมายของการอบรม"],
    ["จากตารางที่ ๒ พบว่า ผู้เข้าอบรมมีความพึงพอใจโดยรวมระดับมาก",
     "ด้านที่พึงพอใจมากที่สุดคือ ด้านเนื้อหาการอบรม รองลงมาคือ",
     "วิทยากร ซึ่งมีความรู้และถ่ายทอดได้ชัดเจน ส่วนด้านสถานที่",  # a label word starts the line
     "มีความพึงพอใจน้อยที่สุด ร้อยละ ๖๐.๐"],
    ["ผู้เข้าอบรมร้อยละ ๘๕.๐ พบว่าสามารถนำความรู้ไปใช้ในชั้นเรียนได้",
     "ทันที โดยเฉพาะกิจกรรมการอ่านออกเสียงและการอ่านจับใจความ",
     "ที่นักเรียนให้ความสนใจมากกว่ากิจกรรมเดิมในชั้นเรียนของตน",
     "ทั้งนี้ขึ้นอยู่กับระดับชั้น"],
]
OPENING = ["สรุปผลการประเมินความพึงพอใจการอบรมครูภาษาไทย",
           "การอบรมครูภาษาไทยเพื่อพัฒนาการอ่าน จัดขึ้นเมื่อวันที่ ๑๗-๑๘",
           "มกราคม ๒๕๖๗ ผลการประเมินมีดังนี้"]


def test_a_wrapped_rendering_joins_each_paragraphs_lines():
    text = "\n".join(OPENING + [line for para in WRAPPED for line in para]) + "\n"
    (p,) = doc(text).projects
    assert (p.period.text, p.period.start) == ("๑๗-๑๘ มกราคม ๒๕๖๗", "2024-01")  # a date over a line break
    assert [r.text.replace(" ", "") for r in p.results] == ["".join(para).replace(" ", "") for para in WRAPPED]
    assert [(at(text, r.span)[:12], at(text, r.span)[-12:]) for r in p.results] == \
        [(para[0][:12], para[-1][-12:]) for para in WRAPPED]


def test_in_a_document_of_one_paragraph_per_line_each_line_is_a_paragraph():
    findings = [" ".join(para) for para in WRAPPED]
    text = "\n".join(OPENING[:1] + [OPENING[1] + " " + OPENING[2]] + findings) + "\n"
    (p,) = doc(text).projects
    assert [r.text for r in p.results] == findings


def test_every_item_under_a_results_label_is_a_result():
    text = "\n".join([
        "รายงานผลการดำเนินงาน",
        "การจัดกิจกรรมส่งเสริมการออมของนักเรียน ได้ดำเนินการ วันที่ ๑๐ มิถุนายน ๒๕๖๗",
        "ผลการดำเนินงาน",
        "๑. นักเรียนเข้าร่วมกิจกรรม ๑๒๐ คน",
        "๒. นักเรียนมีความรู้เรื่องการออม",
        "ปัญหา/อุปสรรค",
        "๑. พบว่าเวลาดำเนินกิจกรรมน้อย",
    ]) + "\n"
    (p,) = doc(text).projects
    assert [(r.text, r.kind) for r in p.results] == [("นักเรียนเข้าร่วมกิจกรรม ๑๒๐ คน", "quantitative"),
                                                     ("นักเรียนมีความรู้เรื่องการออม", "qualitative")]


def test_under_a_results_label_with_tables_only_findings_are_results():
    text = "\n".join([
        "รายงานผลการประเมินความพึงพอใจ",
        "การอบรมครูคณิตศาสตร์ จัดขึ้นเมื่อวันที่ ๕ มีนาคม ๒๕๖๗",
        "สรุปผลการดำเนินงาน",
        "ตารางที่ ๑ ความพึงพอใจของผู้เข้าอบรม",
        "ประเด็น\tร้อยละ",
        "เนื้อหา\t๙๐.๐",
        "ด้านการให้บริการ",
        "จากตารางที่ ๑ พบว่า ผู้เข้าอบรมพึงพอใจด้านเนื้อหามากที่สุด",
    ]) + "\n"
    (p,) = doc(text).projects
    assert [r.text for r in p.results] == ["จากตารางที่ ๑ พบว่า ผู้เข้าอบรมพึงพอใจด้านเนื้อหามากที่สุด"]


def test_text_copied_with_its_layout_kept_tables_padded_with_spaces_and_indented_paragraphs():
    # pdftotext -layout: a table's cells set apart by runs of spaces (rows wider than the
    # prose), and each paragraph's first line indented.
    table = ["ตารางที่ ๑ ความพึงพอใจของผู้เข้าอบรม",
             "      ประเด็นประเมิน                                   มาก          ปานกลาง         น้อย",
             "      เนื้อหาการอบรมตรงกับความต้องการของครูผู้สอน        ๓๐ (๗๕.๐)     ๘ (๒๐.๐)      ๒ (๕.๐)",
             "      ความรู้และการถ่ายทอดของวิทยากรแต่ละท่าน           ๒๘ (๗๐.๐)     ๑๐ (๒๕.๐)     ๒ (๕.๐)",
             "      สถานที่และสิ่งอำนวยความสะดวกในการอบรม             ๒๔ (๖๐.๐)     ๑๔ (๓๕.๐)     ๒ (๕.๐)",
             "      เอกสารประกอบการอบรมและสื่อการเรียนรู้              ๒๖ (๖๕.๐)     ๑๒ (๓๐.๐)     ๒ (๕.๐)",
             "      ความพึงพอใจในภาพรวมของการอบรมครั้งนี้ พบว่าดี       ๓๒ (๘๐.๐)     ๖ (๑๕.๐)      ๒ (๕.๐)"]
    paras = [["    " + para[0]] + para[1:] for para in WRAPPED]
    text = "\n".join(OPENING + table + [line for para in paras for line in para]) + "\n"
    (p,) = doc(text).projects
    # The rows of the table are no findings (one says พบว่า), and each paragraph is read whole.
    assert [r.text.replace(" ", "") for r in p.results] == ["".join(para).replace(" ", "") for para in WRAPPED]
