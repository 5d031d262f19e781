"""stages/tables (header rows, column roles, per-year columns, repeated headers)
and stages/stream (grid tables stay whole, layout tables read as text)."""

from __future__ import annotations

import pytest

from extractor.blocks import Cell, Para, Table
from extractor.stages.stream import GridUnit, TextUnit, units_of
from extractor.stages.tables import analyse, role_of_header
from stagekit import RULES, cells, layout, units, view


def roles(seg):
    return [c.role for c in seg.columns]


def test_header_row_and_column_roles():
    v = view("ที่\tโครงการ\tงบประมาณ (บาท)\tหน่วยงานรับผิดชอบ\n"
             "1\tโครงการพัฒนาครู\t10,000\tกลุ่มนิเทศ\n"
             "2\tโครงการส่งเสริมการอ่าน\t8,500\tกลุ่มส่งเสริม\n")
    assert v.layout_rows == []
    (seg,) = v.segments
    assert seg.header == [0] and seg.rows == [1, 2] and seg.is_grid
    assert roles(seg) == ["number", "name", "budget", "unit"]
    assert [c.header for c in seg.columns] == ["ที่", "โครงการ", "งบประมาณ (บาท)", "หน่วยงานรับผิดชอบ"]
    assert seg.col("budget") == 2 and seg.cols("name") == [1]


@pytest.mark.parametrize("text, role", [
    ("ค่าเป้าหมาย", "target_value"),
    ("เป้าหมาย (ผลผลิตของโครงการ)", "targets"),
    ("ตัวชี้วัดความสำเร็จ", "indicator"),
    ("ผลผลิต/กิจกรรมหลัก/โครงการ", "name"),
    ("ไตรมาสที่ ๒", "quarter"),
    ("รวมทั้งสิ้น", "total"),
    ("ลำดับที่", "number"),
    ("กบส. เบิกจ่าย", "spent"),   # a label after an abbreviation
    ("1. โครงการพัฒนาครู", None),  # data, not a header
    ("แหล่งงบประมาณ", "source"),
])
def test_role_of_header(text, role):
    assert role_of_header(text, RULES) == role


def test_rows_above_the_first_header_are_layout_rows():
    v = view("ชื่อโครงการ\tพัฒนาครูด้านดิจิทัล\n"
             "ผู้รับผิดชอบ\tนายสมชาย ใจกล้า\n"
             "ที่\tกิจกรรม\tงบประมาณ\tผู้รับผิดชอบ\n"
             "1\tอบรมครู\t5,000\tกลุ่มนิเทศ\n")
    assert v.layout_rows == [0, 1]
    (seg,) = v.segments
    assert seg.header == [2] and seg.rows == [3]
    assert roles(seg) == ["number", "name", "budget", "unit"]


def test_spanning_header_with_year_sub_headers_gives_per_year_columns():
    # Plain text loses the span: the slots right of "งบประมาณ" are empty, the row below names them.
    v = view("ที่\tโครงการ\tงบประมาณ\t\t\tผู้รับผิดชอบ\n"
             "\t\tปี 2566\tปี 2567\tปี 2568\t\n"
             "1\tโครงการอ่านออกเขียนได้\t10,000\t-\t20,000\tกลุ่มนิเทศ\n")
    (seg,) = v.segments
    assert seg.header == [0, 1] and seg.rows == [2]
    assert roles(seg) == ["number", "name", "budget", "budget", "budget", "unit"]
    assert [c.year for c in seg.columns] == [None, None, 2566, 2567, 2568, None]
    assert [c.header for c in seg.columns][2:5] == ["งบประมาณ ปี 2566", "งบประมาณ ปี 2567", "งบประมาณ ปี 2568"]


def test_spanning_header_cell_of_a_word_table():
    # The same header as a reader with spans builds it: one cell over three columns.
    def cell(r, c, text, span=1):
        return Cell(r, c, [Para(0, len(text), text)], col_span=span)

    table = Table([[cell(0, 0, "ตัวชี้วัด"), cell(0, 1, "ค่าเป้าหมาย", 3)],
                   [cell(1, 1, "๒๕๖๗"), cell(1, 2, "๒๕๖๘"), cell(1, 3, "๒๕๖๙")],
                   [cell(2, 0, "ร้อยละของครูที่ผ่านการอบรม"), cell(2, 1, "๘๐"), cell(2, 2, "๘๕"), cell(2, 3, "๙๐")]],
                  4, 0, 10)
    (seg,) = analyse(table, RULES).segments
    assert seg.header == [0, 1] and seg.rows == [2]
    assert roles(seg) == ["indicator", "target_value", "target_value", "target_value"]
    assert [c.year for c in seg.columns] == [None, 2567, 2568, 2569]


def test_one_year_over_a_table_is_a_title_not_per_year_columns():
    (seg,) = view("ที่\tโครงการ\tงบประมาณ ปี 2567\n1\tโครงการอ่าน\t5,000\n").segments
    assert roles(seg) == ["number", "name", "budget"]
    assert [c.year for c in seg.columns] == [None, None, None]


def test_header_repeated_after_a_page_break_is_skipped():
    v = view("ที่\tโครงการ\tงบประมาณ\tผู้รับผิดชอบ\n"
             "1\tโครงการอ่าน\t10,000\tกลุ่มนิเทศ\n"
             "ที่\tโครงการ\tงบประมาณ\tผู้รับผิดชอบ\n"
             "2\tโครงการเขียน\t5,000\tกลุ่มส่งเสริม\n")
    (seg,) = v.segments
    assert seg.header == [0] and seg.rows == [1, 3]


def test_repeated_header_with_some_cells_left_blank_is_skipped():
    v = view("ที่\tโครงการ\tงบประมาณ\tผู้รับผิดชอบ\n"
             "1\tโครงการอ่าน\t10,000\tกลุ่มนิเทศ\n"
             "ที่\tโครงการ\t\tผู้รับผิดชอบ\n"
             "2\tโครงการเขียน\t5,000\tกลุ่มส่งเสริม\n")
    (seg,) = v.segments
    assert seg.rows == [1, 3] and roles(seg) == ["number", "name", "budget", "unit"]


def test_a_different_header_starts_a_new_segment():
    v = view("ที่\tโครงการ\tตัวชี้วัด\tผู้รับผิดชอบ\n"
             "1\tโครงการอ่าน\tร้อยละของนักเรียน\tกลุ่มนิเทศ\n"
             "ที่\tกิจกรรม\tงบประมาณ\tหมายเหตุ\n"
             "1\tอบรมครู\t5,000\t-\n")
    assert [(s.header, s.rows) for s in v.segments] == [([0], [1]), ([2], [3])]
    assert roles(v.segments[0]) == ["number", "name", "indicator", "unit"]
    assert roles(v.segments[1]) == ["number", "name", "budget", "status"]


def test_data_rows_of_short_texts_are_not_headers():
    v = view("กิจกรรม\tระยะเวลา\tผู้รับผิดชอบ\n"
             "อบรมครูแกนนำ\tตุลาคม\tกลุ่มนิเทศ\n"
             "นิเทศติดตาม\tมกราคม\tกลุ่มนิเทศ\n")
    (seg,) = v.segments
    assert seg.header == [0] and seg.rows == [1, 2]
    v = view("ที่\tกิจกรรม\tระยะเวลา\tผู้รับผิดชอบ\n"
             "1\tอบรมครูแกนนำ\tตุลาคม 2566\tกลุ่มนิเทศ\n")
    (seg,) = v.segments
    assert seg.header == [0] and seg.rows == [1]


def test_data_row_with_a_year_is_not_a_sub_header():
    v = view("กิจกรรม\tระยะเวลา\tผู้รับผิดชอบ\n"
             "อบรมครูแกนนำ\tตุลาคม 2566\tกลุ่มนิเทศ\n"
             "นิเทศติดตาม\tมกราคม 2567\tกลุ่มนิเทศ\n")
    (seg,) = v.segments
    assert seg.header == [0] and seg.rows == [1, 2]
    # parentheses inside a data cell do not make it a wrapped header line
    v = view("กิจกรรม\tระยะเวลา\tผู้รับผิดชอบ\n"
             "อบรมครูแกนนำ (ออนไลน์)\tตุลาคม 2566\tกลุ่มนิเทศ\n")
    (seg,) = v.segments
    assert seg.header == [0] and seg.rows == [1]


def test_sub_header_rows_under_columns_named_alone():
    # a wrapped parenthesis and a row of years still continue a header of one-column cells
    for sub in ("\t(บาท)\t", "\tปี 2567\t"):
        v = view("โครงการ\tงบประมาณ\tผู้รับผิดชอบ\n" + sub + "\n"
                 "โครงการอ่านออกเขียนได้\t5,000\tกลุ่มนิเทศ\n")
        (seg,) = v.segments
        assert seg.header == [0, 1] and seg.rows == [2], sub


def test_kind_row_under_a_row_spanning_header_cell_is_data():
    # A Word table: "ตัวชี้วัด" spans the two header rows, "ค่าเป้าหมาย" the three year columns.
    def cell(r, c, text, span=1, rows=1):
        return Cell(r, c, [Para(0, len(text), text)], row_span=rows, col_span=span)

    table = Table([[cell(0, 0, "ตัวชี้วัด", rows=2), cell(0, 1, "ค่าเป้าหมาย", 3)],
                   [cell(1, 1, "๒๕๖๗"), cell(1, 2, "๒๕๖๘"), cell(1, 3, "๒๕๖๙")],
                   [cell(2, 0, "ตัวชี้วัดเชิงปริมาณ"), cell(2, 1, ""), cell(2, 2, ""), cell(2, 3, "")],
                   [cell(3, 0, "ร้อยละของครูที่ผ่านการอบรม"), cell(3, 1, "๗๐"), cell(3, 2, "๘๐"), cell(3, 3, "๙๐")]],
                  4, 0, 10)
    (seg,) = analyse(table, RULES).segments
    assert seg.header == [0, 1] and seg.rows == [2, 3]


def test_text_column_of_figures_loses_its_role():
    # "โครงการ" over counts is the number of projects of each group, not their names.
    (seg,) = view("กลุ่มงาน\tโครงการ\tงบประมาณ\n"
                  "กลุ่มนิเทศ\t5\t100,000\n"
                  "กลุ่มบริหารงานบุคคล\t3\t45,000\n"
                  "กลุ่มอำนวยการ\t2\t12,500\n").segments
    assert roles(seg) == ["unit", None, "budget"]
    assert seg.columns[1].header == "โครงการ"


def test_targets_column_of_figures_holds_target_values():
    (seg,) = view("ตัวชี้วัด\tเป้าหมาย\tหน่วยนับ\n"
                  "จำนวนครูที่ผ่านการอบรม\t480\tคน\n"
                  "จำนวนโรงเรียนที่เข้าร่วม\t12\tโรงเรียน\n").segments
    assert roles(seg) == ["indicator", "target_value", "unit_count"]
    (seg,) = view("ตัวชี้วัด\tเป้าหมาย\n"
                  "จำนวนครูที่ผ่านการอบรม\tครู 480 คน\n"
                  "จำนวนโรงเรียนที่เข้าร่วม\tโรงเรียน 12 แห่ง\n").segments
    assert roles(seg) == ["indicator", "targets"]


# ---------------------------------------------------------------- stream

def test_grid_table_stays_whole_and_layout_table_reads_as_text():
    text = ("แบบเสนอโครงการ\n"
            + cells(["ชื่อโครงการ", "ส่งเสริมนิสัยรักการอ่าน"], ["งบประมาณ", "๘,๐๐๐ บาท"])
            + "\nตารางกิจกรรม\n"
            + cells(["ที่", "กิจกรรม", "งบประมาณ"], ["1", "อบรมครู", "5,000"]))
    us = units(text)
    assert [type(u).__name__ for u in us] == ["TextUnit"] * 6 + ["GridUnit"]
    layout_units = us[1:5]
    assert [u.text for u in layout_units] == ["ชื่อโครงการ", "ส่งเสริมนิสัยรักการอ่าน", "งบประมาณ", "๘,๐๐๐ บาท"]
    assert [u.row_start for u in layout_units] == [True, False, True, False]
    assert layout_units[0].row_id == layout_units[1].row_id != layout_units[2].row_id
    assert layout_units[0].labels[0].field == "name" and layout_units[2].labels[0].field == "budget"
    grid = us[-1]
    assert isinstance(grid, GridUnit) and grid.segment.rows == [1]
    assert grid.start == text.index("ที่\n\tกิจกรรม")


def test_headerless_table_right_after_a_grid_continues_it():
    text = ("แผน\n"
            + cells(["ที่", "โครงการ", "งบประมาณ", "ผู้รับผิดชอบ"], ["1", "โครงการอ่าน", "5,000", "กลุ่มนิเทศ"])
            + "\n- ๒ -\n"
            + cells(["2", "โครงการเขียน", "6,000", "กลุ่มส่งเสริม"]))
    lay = layout(text)
    # a reader that drops the page number line leaves the two tables side by side
    lay.blocks = [b for b in lay.blocks if not (isinstance(b, Para) and b.text == "- ๒ -")]
    us = units_of(lay, RULES)
    assert [type(u).__name__ for u in us] == ["TextUnit", "GridUnit", "GridUnit"]
    second = us[2]
    assert second.segment.header == [] and second.segment.rows == [0]
    assert roles(second.segment) == ["number", "name", "budget", "unit"]
    # with the page number line between them, the second table is read as text
    assert all(isinstance(u, TextUnit) for u in units(text)[2:])


def test_a_page_header_with_merged_headings_left_empty_takes_their_names_from_the_page_before():
    from stagekit import doc
    page_head = "แผนพัฒนาท้องถิ่น ยุทธศาสตร์ที่ 1 การพัฒนาโครงสร้างพื้นฐาน\n"
    text = (page_head
            + "ที่\tโครงการ\tวัตถุประสงค์\tงบประมาณ (บาท)\tหน่วยงานรับผิดชอบ\n"
            + "1\tโครงการขุดลอกคลอง หมู่ที่ 2\tเพื่อให้มีน้ำใช้\t50,000\tกองช่าง\n"
            + "\n" + page_head
            + "\t\tวัตถุประสงค์\tงบประมาณ (บาท)\tหน่วยงานรับผิดชอบ\n"  # the page's header, first cells empty
            + "2\tโครงการปลูกหญ้าแฝก หมู่ที่ 4\tเพื่อป้องกันดินพัง\t10,000\tสำนักปลัด\n")
    d = doc(text)
    assert [(p.number, p.name, p.budget.amount, p.responsible.unit) for p in d.projects] == [
        ("1", "ขุดลอกคลอง หมู่ที่ 2", 50000, "กองช่าง"),
        ("2", "ปลูกหญ้าแฝก หมู่ที่ 4", 10000, "สำนักปลัด"),
    ]
