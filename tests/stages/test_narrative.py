"""stages/narrative: the period and results a one-project report states in running text."""

from __future__ import annotations

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
