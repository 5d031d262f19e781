"""stages/indicators: KPI tables (several items per cell, target pairing, phases,
per-year targets, kinds), embedded targets, list and table wording merged."""

from __future__ import annotations

import pytest

from extractor.blocks import Cell, Para, Piece
from extractor.stages.indicators import similar, split_inline, target_pieces
from stagekit import RULES, at, cells, doc, project_form


def indicators(text):
    (p,) = doc(text).projects
    return p.indicators


def target(ind):
    t = ind.target
    return None if t is None else (t.text, t.value, t.unit, t.comparator)


KPI_CELLS = (
    "ชื่อโครงการ  ส่งเสริมการอ่านเพื่อพัฒนาผู้เรียน\n"
    "วัตถุประสงค์\n"
    "๑. เพื่อส่งเสริมการอ่าน\n"
    "ตัวชี้วัดความสำเร็จ\n"
    + cells(["ตัวชี้วัด", "ค่าเป้าหมาย"],
            ["๑. ร้อยละของนักเรียนที่อ่านหนังสือครบ ๑๐ เล่ม\n๒. ร้อยละของครูที่จัดกิจกรรมส่งเสริมการอ่าน",
             "- ร้อยละ ๘๐\n- ร้อยละ ๙๐"],
            ["๓. จำนวนห้องสมุดที่ได้รับการปรับปรุง",
             "Leading KPI : ๒ ห้อง Lagging KPI : ไม่น้อยกว่า ๕ ห้อง"])
    + "\nงบประมาณ  ๑๕,๐๐๐ บาท\n"
)


def test_kpi_table_with_several_indicators_in_one_cell():
    inds = indicators(KPI_CELLS)
    assert [i.text for i in inds] == ["ร้อยละของนักเรียนที่อ่านหนังสือครบ ๑๐ เล่ม",
                                      "ร้อยละของครูที่จัดกิจกรรมส่งเสริมการอ่าน",
                                      "จำนวนห้องสมุดที่ได้รับการปรับปรุง"]
    assert [target(i) for i in inds] == [("ร้อยละ ๘๐", 80, "percent", "="),
                                         ("ร้อยละ ๙๐", 90, "percent", "="),
                                         ("ไม่น้อยกว่า ๕ ห้อง", 5, "ห้อง", ">=")]
    assert [at(KPI_CELLS, i.span) for i in inds] == [i.text for i in inds]
    assert [at(KPI_CELLS, i.target.span) for i in inds] == ["ร้อยละ ๘๐", "ร้อยละ ๙๐", "ไม่น้อยกว่า ๕ ห้อง"]
    assert all(i.kind is None for i in inds)


def test_indicators_and_targets_inline_in_one_line_each():
    text = project_form("วัตถุประสงค์", "๑. เพื่อพัฒนาครู", "ตัวชี้วัด",
                        "ตัวชี้วัด\tค่าเป้าหมาย",
                        "๑. ร้อยละของครูที่ผ่านการอบรม ๒. ร้อยละของครูที่นำไปใช้ในห้องเรียน\t- ร้อยละ ๘๐ - ร้อยละ ๘๐",
                        "งบประมาณ  ๑๕,๐๐๐ บาท")
    inds = indicators(text)
    assert [(i.text, target(i)) for i in inds] == [
        ("ร้อยละของครูที่ผ่านการอบรม", ("ร้อยละ ๘๐", 80, "percent", "=")),
        ("ร้อยละของครูที่นำไปใช้ในห้องเรียน", ("ร้อยละ ๘๐", 80, "percent", "="))]
    first, second = inds
    assert at(text, first.span) == "ร้อยละของครูที่ผ่านการอบรม"
    assert first.target.span.start == text.index("ร้อยละ ๘๐")
    assert second.target.span.start == text.rindex("ร้อยละ ๘๐") and at(text, second.target.span) == "ร้อยละ ๘๐"


def test_kpi_kind_rows_and_per_year_targets_of_the_fiscal_year():
    text = ("แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘\n"
            + project_form("วัตถุประสงค์", "๑. เพื่อพัฒนาครู", "ตัวชี้วัด",
                           "ตัวชี้วัด\tค่าเป้าหมาย ๒๕๖๗\tค่าเป้าหมาย ๒๕๖๘\tค่าเป้าหมาย ๒๕๖๙",
                           "ตัวชี้วัดเชิงปริมาณ\t\t\t",
                           "ร้อยละของครูที่ผ่านการอบรม\t๗๐\t๘๐\t๙๐",
                           "ตัวชี้วัดเชิงคุณภาพ\t\t\t",
                           "ครูนำความรู้ไปใช้ในห้องเรียน\tร้อยละ ๖๐\tร้อยละ ๗๐\tร้อยละ ๘๐",
                           "งบประมาณ  ๑๕,๐๐๐ บาท"))
    inds = indicators(text)
    assert [(i.text, i.kind, target(i)) for i in inds] == [
        ("ร้อยละของครูที่ผ่านการอบรม", "quantitative", ("๘๐", 80, None, "=")),
        ("ครูนำความรู้ไปใช้ในห้องเรียน", "qualitative", ("ร้อยละ ๗๐", 70, "percent", "="))]


def test_kind_row_under_a_spanning_year_header():
    text = ("แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘\n"
            + project_form("วัตถุประสงค์", "๑. เพื่อพัฒนาครู", "ตัวชี้วัด",
                           "ตัวชี้วัด\tค่าเป้าหมาย\t\t",
                           "\t๒๕๖๗\t๒๕๖๘\t๒๕๖๙",
                           "ตัวชี้วัดเชิงปริมาณ\t\t\t",
                           "ร้อยละของครูที่ผ่านการอบรม\t๗๐\t๘๐\t๙๐",
                           "งบประมาณ  ๑๕,๐๐๐ บาท"))
    (ind,) = indicators(text)
    assert (ind.text, ind.kind, ind.target.value) == ("ร้อยละของครูที่ผ่านการอบรม", "quantitative", 80)


def test_target_phases_last_one_wins():
    text = "Leading KPI : ร้อยละ ๕๐\nLagging KPI : ร้อยละ ๘๕"
    first, second = text.split("\n")
    cell = Cell(0, 0, [Para(0, len(first), first), Para(len(first) + 1, len(text), second)])
    ((piece_text, start, end),) = [(p.text, p.start, p.end) for p in target_pieces(cell, RULES)]
    assert piece_text == "ร้อยละ ๘๕" and text[start:end] == "ร้อยละ ๘๕"
    line = "ระยะสั้น ร้อยละ ๖๐ ระยะยาว ร้อยละ ๙๐"
    one_line = Cell(0, 0, [Para(100, 100 + len(line), line)])
    assert [(p.text, p.start) for p in target_pieces(one_line, RULES)] == [("ร้อยละ ๙๐", 100 + line.rindex("ร้อยละ"))]


def test_split_inline():
    text = "๑. ร้อยละของครู ๒. ร้อยละของนักเรียน ๓. จำนวนโรงเรียน"
    pieces = split_inline(Piece(5, 5 + len(text), text), bullets=False)
    assert [p.text for p in pieces] == ["๑. ร้อยละของครู", "๒. ร้อยละของนักเรียน", "๓. จำนวนโรงเรียน"]
    assert [p.start for p in pieces] == [5, 5 + text.index("๒."), 5 + text.index("๓.")]
    dashes = "- ร้อยละ ๘๐ - ร้อยละ ๙๐"
    assert [p.text for p in split_inline(Piece(0, len(dashes), dashes), bullets=True)] == ["- ร้อยละ ๘๐", "- ร้อยละ ๙๐"]
    assert [p.text for p in split_inline(Piece(0, len(dashes), dashes), bullets=False)] == [dashes]
    # numbers out of sequence are not items
    odd = "ครู 1. ทดสอบ 3. ไม่ต่อเนื่อง"
    assert [p.text for p in split_inline(Piece(0, len(odd), odd), bullets=False)] == [odd]


def test_embedded_target():
    text = project_form("วัตถุประสงค์", "๑. เพื่อส่งเสริมการอ่าน",
                        "ตัวชี้วัด",
                        "๑. ร้อยละ ๑๐๐ ของโรงเรียนมีมุมรักการอ่านในห้องเรียน",
                        "๒. นักเรียนไม่น้อยกว่าร้อยละ ๘๐ อ่านคล่อง",
                        "๓. ครูทุกคนจัดกิจกรรมส่งเสริมการอ่าน",
                        "งบประมาณ  ๕,๐๐๐ บาท")
    inds = indicators(text)
    assert [target(i) for i in inds] == [("ร้อยละ ๑๐๐", 100, "percent", "="),
                                         ("ร้อยละ ๘๐", 80, "percent", ">="),
                                         None]
    assert at(text, inds[0].target.span) == "ร้อยละ ๑๐๐"
    assert at(text, inds[1].target.span) == "ร้อยละ ๘๐"


def test_list_and_table_wording_merged():
    text = project_form("วัตถุประสงค์", "๑. เพื่อส่งเสริมการอ่าน",
                        "ตัวชี้วัดความสำเร็จ",
                        "๑. ร้อยละของนักเรียนที่อ่านหนังสือครบสิบเล่มต่อภาคเรียน",
                        "๒. ครูทุกคนจัดกิจกรรมส่งเสริมการอ่านอย่างน้อยเดือนละครั้ง",
                        "การติดตามและประเมินผล",
                        "ตัวชี้วัด\tค่าเป้าหมาย\tวิธีการ\tเครื่องมือ",
                        "ร้อยละของนักเรียนที่อ่านหนังสือครบสิบเล่ม\tร้อยละ ๘๕\tสำรวจ\tแบบสำรวจ",
                        "ครูทุกคนจัดกิจกรรมส่งเสริมการอ่าน\tร้อยละ ๑๐๐\tนิเทศ\tแบบนิเทศ",
                        "งบประมาณ  ๑๕,๐๐๐ บาท")
    inds = indicators(text)
    # the list's wording (and span), the table's targets; each indicator once
    assert [(i.text, target(i)) for i in inds] == [
        ("ร้อยละของนักเรียนที่อ่านหนังสือครบสิบเล่มต่อภาคเรียน", ("ร้อยละ ๘๕", 85, "percent", "=")),
        ("ครูทุกคนจัดกิจกรรมส่งเสริมการอ่านอย่างน้อยเดือนละครั้ง", ("ร้อยละ ๑๐๐", 100, "percent", "="))]
    assert [i.span.start for i in inds] == [text.index("ร้อยละของนักเรียน"), text.index("ครูทุกคนจัด")]


def test_similar_ignores_a_leading_percentage():
    assert similar("ร้อยละ ๘๐ ของนักเรียนอ่านหนังสือ", "ร้อยละของนักเรียนอ่านหนังสือ", RULES) == 100
    assert similar("จำนวนโรงเรียนที่เข้าร่วม", "ร้อยละของครูที่ผ่านการอบรม", RULES) < 60


def test_a_target_number_wrapped_alone_onto_the_next_line_of_its_cell():
    """A narrow evaluation cell: "… ร้อยละ" / "๙๕" — the number is the target, not item ๙๕."""
    text = ("ชื่อโครงการ  ปรับปรุงห้องเรียนให้พร้อมใช้งาน\n"
            "วัตถุประสงค์\n"
            "๑. เพื่อปรับปรุงห้องเรียน\n"
            "การประเมินผล\n"
            + cells(["ที่", "ตัวชี้วัดความสำเร็จ", "วิธีการประเมิน"],
                    ["๑", "ห้องเรียนพร้อมใช้งาน ร้อยละ\n๙๕", "สังเกต"])
            + "\nงบประมาณ  ๕,๐๐๐ บาท\n")
    (ind,) = indicators(text)
    assert ind.text == "ห้องเรียนพร้อมใช้งาน ร้อยละ ๙๕"
    assert target(ind) == ("ร้อยละ ๙๕", 95, "percent", "=")
