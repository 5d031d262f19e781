"""readers/text_layout: paragraphs and the two table conventions of plain text."""

from __future__ import annotations

import pytest

from extractor.blocks import Para, Table
from extractor.readers.text_layout import text_blocks
from stagekit import cells


def _texts(cell):
    return [p.text for p in cell.paras]


def _all_paras(blocks):
    for b in blocks:
        if isinstance(b, Table):
            for c in b.cells():
                yield from c.paras
        else:
            yield b


# ---------------------------------------------------------------- row per line

ROW_TABLE = (
    "แผนการดำเนินงาน\n"
    "\n"
    "ที่\tกิจกรรม\tงบประมาณ\n"
    "1\tอบรมครูแกนนำด้านการวัดผล\t12,000\n"
    "และประเมินผลตามสภาพจริง\n"
    "2\tนิเทศติดตามในชั้นเรียน\t4,500\n"
    "\n"
    "หมายเหตุ ข้อมูล ณ เดือนตุลาคม\n"
)


def test_row_per_line_table_with_a_wrapped_one_cell_row():
    blocks = text_blocks(ROW_TABLE)
    assert [type(b) for b in blocks] == [Para, Table, Para]
    table = blocks[1]
    assert table.n_cols == 3
    assert [[c.text for c in row] for row in table.rows] == [
        ["ที่", "กิจกรรม", "งบประมาณ"],
        ["1", "อบรมครูแกนนำด้านการวัดผล", "12,000"],
        ["และประเมินผลตามสภาพจริง"],  # the wrapped line: a one-cell row of the same table
        ["2", "นิเทศติดตามในชั้นเรียน", "4,500"],
    ]
    wrapped = table.rows[2][0]
    assert (wrapped.row, wrapped.col, wrapped.col_span) == (2, 0, 1)
    assert ROW_TABLE[table.start:table.end] == ROW_TABLE[ROW_TABLE.index("ที่"):ROW_TABLE.index("4,500") + 5]
    assert blocks[2].text == "หมายเหตุ ข้อมูล ณ เดือนตุลาคม" and blocks[2].blank_before == 1


def test_row_cells_keep_exact_offsets_and_empty_cells():
    text = "ที่\tรายการ\t\tหมายเหตุ\n1\tค่าวัสดุ\t\t-\n"
    (table,) = text_blocks(text)
    assert table.n_cols == 4
    assert [c.col for c in table.rows[1]] == [0, 1, 2, 3]
    assert table.rows[1][2].blank and table.rows[1][2].paras == []
    for para in _all_paras([table]):
        assert text[para.start:para.end] == para.text
    assert table.rows[1][3].paras[0].start == text.index("-")


def test_an_untabbed_line_after_the_last_row_is_a_paragraph():
    text = "ที่\tรายการ\n1\tค่าวัสดุ\nสรุปรายการทั้งหมด\n"
    blocks = text_blocks(text)
    assert [type(b) for b in blocks] == [Table, Para]
    assert len(blocks[0].rows) == 2 and blocks[1].text == "สรุปรายการทั้งหมด"


@pytest.mark.parametrize("line", ["\t\tครูผู้สอน 30 คน", "\tในโรงเรียนขนาดเล็กทุกแห่ง"],
                         ids=["third-cell", "second-cell"])
def test_a_row_with_only_a_later_cell_filled_stays_in_its_row_table(line):
    text = ("ที่\tโครงการ\tเป้าหมาย\n"
            "1\tโครงการพัฒนาทักษะการอ่าน\tนักเรียน 120 คน\n"
            + line + "\n"
            "2\tโครงการครูดีศรีเขต\tครู 50 คน\n")
    blocks = text_blocks(text)
    assert len(blocks) == 1 and isinstance(blocks[0], Table)
    assert len(blocks[0].rows) == 4
    filled = [c for c in blocks[0].rows[2] if not c.blank]
    assert [c.text for c in filled] == [line.strip("\t")]
    assert filled[0].col == line.count("\t")


def test_a_last_row_with_only_its_last_cell_filled_stays_in_its_row_table():
    text = ("ที่\tโครงการ\tเป้าหมาย\n"
            "1\tโครงการพัฒนาทักษะการอ่าน\tนักเรียน 120 คน\n"
            "\t\tครูผู้สอน 30 คน\n"
            "\n"
            "หมายเหตุ ข้อมูล ณ เดือนตุลาคม\n")
    blocks = text_blocks(text)
    assert [type(b) for b in blocks] == [Table, Para]
    assert len(blocks[0].rows) == 3 and blocks[0].rows[2][2].text == "ครูผู้สอน 30 คน"


def test_cells_after_a_row_table_that_do_not_fill_a_row_start_a_cell_per_line_table():
    text = ("ที่\tโครงการ\tเป้าหมาย\n"
            "1\tโครงการพัฒนาทักษะการอ่าน\tนักเรียน 120 คน\n"
            "\tกิจกรรม\n\tผู้รับผิดชอบ\n")
    blocks = text_blocks(text)
    assert [type(b) for b in blocks] == [Table, Table]
    assert len(blocks[0].rows) == 2
    assert [[c.text for c in row] for row in blocks[1].rows] == [["กิจกรรม", "ผู้รับผิดชอบ"]]


def test_a_row_of_empty_cells_stays_in_its_row_table():
    text = ("ที่\tโครงการ\tเป้าหมาย\n"
            "1\tโครงการพัฒนาทักษะการอ่าน\tนักเรียน 120 คน\n"
            "\t\t\n"
            "2\tโครงการครูดีศรีเขต\tครู 50 คน\n")
    blocks = text_blocks(text)
    assert len(blocks) == 1 and len(blocks[0].rows) == 4


def test_blank_lines_between_the_records_of_a_spreadsheet_do_not_end_its_row_table():
    # each printed line of a cell is its own spreadsheet row, records are parted
    # by an empty row, and a record's last line may fill only its first cells
    text = ("ที่\tโครงการ\tเป้าหมาย\tงบประมาณ\tหน่วยงาน\n"
            "\n"
            "1\tโครงการขุดลอกคลอง\tยาว 300 ม.\t50,000.-\tกองช่าง\n"
            "\tส่งน้ำบ้านหนองบัว\n"
            "\n"
            "\t\tจุดที่ 2 ยาว 200 ม.\t30,000.-\tกองช่าง\n"
            "\n"
            "2\tโครงการปลูกหญ้าแฝก\tจำนวน 2 แห่ง\t10,000.-\tสำนักปลัด\n"
            "\n"
            "ตารางที่ 2\tสรุป\n")
    blocks = text_blocks(text)
    assert [type(b) for b in blocks] == [Table, Table]
    table = blocks[0]
    # the blank lines are kept as empty rows (what parts one record, or point, from the next)
    assert [row[0].text for row in table.rows] == ["ที่", "", "1", "", "", "", "", "2"]
    assert [len(row) for row in table.rows] == [5, 1, 5, 2, 1, 5, 1, 5]
    assert all(c.blank for i in (1, 4, 6) for c in table.rows[i])
    assert table.rows[3][1].text == "ส่งน้ำบ้านหนองบัว"
    assert table.rows[5][2].text == "จุดที่ 2 ยาว 200 ม."
    # a new table after a blank line opens with its own header, not an item number
    assert [c.text for c in blocks[1].rows[0]] == ["ตารางที่ 2", "สรุป"]


@pytest.mark.parametrize("last", ["\t\tจากบ้านนายดำ\n\t\tถึงสวนนายแดง", "\tหมู่ที่ 4"],
                         ids=["lines-opening-with-two-tabs", "one-line-alone"])
def test_a_last_row_filling_only_its_first_cells_stays_in_its_row_table(last):
    text = ("ที่\tโครงการ\tเป้าหมาย\tงบประมาณ\n"
            "1\tโครงการขุดลอกคลอง\tยาว 300 ม.\t50,000.-\n"
            + last + "\n"
            "\n"
            "หมายเหตุ ข้อมูล ณ เดือนตุลาคม\n")
    blocks = text_blocks(text)
    assert [type(b) for b in blocks] == [Table, Para]
    assert [c.text for row in blocks[0].rows[2:] for c in row if not c.blank] == \
        [x.strip("\t") for x in last.split("\n")]


def test_a_numbered_row_after_a_blank_line_stays_in_its_table_even_a_cell_wider():
    text = ("ที่\tโครงการ\tงบประมาณ\n"
            "\n"
            "1\tโครงการขุดลอกคลอง\t50,000.-\n"
            "\n"
            "2\tโครงการปลูกหญ้าแฝก\t10,000.-\t\t14\n")   # a stray page number in a far cell
    (table,) = text_blocks(text)
    assert [row[0].text for row in table.rows if not all(c.blank for c in row)] == ["ที่", "1", "2"]
    assert table.n_cols == 5


def test_a_line_of_only_tabs_wider_than_the_table_is_an_empty_row_of_it():
    text = ("ที่\tโครงการ\tเป้าหมาย\n"
            "1\tโครงการขุดลอกคลอง\tยาว 300 ม.\n"
            "\t\tจากบ้านนายดำ\n"
            "\t\t\t\t\t \n"          # empty cells past the table's last column
            "2\tโครงการปลูกหญ้าแฝก\tจำนวน 2 แห่ง\n")
    (table,) = text_blocks(text)
    assert [row[0].text for row in table.rows] == ["ที่", "1", "", "", "2"]


PAGES = (
    "แผนพัฒนาท้องถิ่น ยุทธศาสตร์ที่ 2\n"
    "ที่\tโครงการ\tเป้าหมาย\tงบประมาณ\tหน่วยงาน\n"
    "1\tโครงการขุดลอกคลอง\tจุดที่ 1 ยาว 300 ม.\t50,000.-\tกองช่าง\n"
    "\n"
    "\n"
    "แผนพัฒนาท้องถิ่น ยุทธศาสตร์ที่ 2\n"
    "\t\tเป้าหมาย\tงบประมาณ\tหน่วยงาน\n"  # the header again on the next page, merged headings empty
    "\t\tจุดที่ 2 ยาว 200 ม.\t30,000.-\tกองช่าง\n"
)


def test_pages_of_a_row_table_with_a_running_head_between_are_one_table():
    blocks = text_blocks(PAGES)
    assert [type(b) for b in blocks] == [Para, Table]
    table = blocks[1]
    assert [[c.text for c in row if not c.blank] for row in table.rows] == [
        ["ที่", "โครงการ", "เป้าหมาย", "งบประมาณ", "หน่วยงาน"],
        ["1", "โครงการขุดลอกคลอง", "จุดที่ 1 ยาว 300 ม.", "50,000.-", "กองช่าง"],
        [], [],                                     # the blank lines before the running head
        ["แผนพัฒนาท้องถิ่น ยุทธศาสตร์ที่ 2"],          # the running head: a one-cell row
        ["เป้าหมาย", "งบประมาณ", "หน่วยงาน"],
        ["จุดที่ 2 ยาว 200 ม.", "30,000.-", "กองช่าง"],
    ]
    assert [c.row for row in table.rows for c in row] == sorted(c.row for row in table.rows for c in row)
    assert table.end == len(PAGES) - 1


def test_two_tables_of_one_header_under_headings_of_their_own_stay_two():
    head = "ตัวชี้วัด\tค่าเป้าหมาย\tวิธีการประเมิน\n"
    text = ("๓.๑ กิจกรรมอบรมครู\n" + head + "ครูร้อยละ 80 ผ่านการอบรม\tร้อยละ 80\tแบบทดสอบ\n"
            "\n๓.๒ กิจกรรมนิเทศ\n" + head + "โรงเรียนได้รับการนิเทศ\tร้อยละ 100\tแบบนิเทศ\n")
    blocks = text_blocks(text)
    assert [type(b) for b in blocks] == [Para, Table, Para, Table]


def test_two_tables_whose_first_rows_are_alike_figures_stay_two():
    card = "งบรวม\t500,000 บาท\tกองช่าง\n"
    text = card + "\n1. ติดตั้งไฟส่องสว่าง สายบ้านนาดี\n" + card
    blocks = text_blocks(text)
    assert [type(b) for b in blocks] == [Table, Para, Table]


# ---------------------------------------------------------------- cell per line

def test_cell_per_line_table_with_spacer_lines_and_a_split_row():
    table_text = (
        "\tที่\n\tกิจกรรม\n\tผู้รับผิดชอบ\n"
        "\n"
        "\t1.\n"
        "\n"                                   # a blank line inside the row: "1." alone, then its other cells
        "\tอบรมครูแกนนำ\nด้านการวัดผล\n\nและการประเมินผล\n"  # a blank spacer line inside the cell
        "\tกลุ่มนิเทศ\n"
        "\n"
        "\t2.\n\tนิเทศติดตาม\n\tกลุ่มส่งเสริม\n"
    )
    text = "ตารางกิจกรรม\n" + table_text + "\nย่อหน้าหลังตาราง\n"
    blocks = text_blocks(text)
    assert [type(b) for b in blocks] == [Para, Table, Para]
    table = blocks[1]
    assert table.n_cols == 3 and len(table.rows) == 3
    assert [[c.text for c in row] for row in table.rows] == [
        ["ที่", "กิจกรรม", "ผู้รับผิดชอบ"],
        ["1.", "อบรมครูแกนนำ ด้านการวัดผล และการประเมินผล", "กลุ่มนิเทศ"],
        ["2.", "นิเทศติดตาม", "กลุ่มส่งเสริม"],
    ]
    cell = table.rows[1][1]
    assert (cell.row, cell.col) == (1, 1)
    assert _texts(cell) == ["อบรมครูแกนนำ", "ด้านการวัดผล", "และการประเมินผล"]
    assert [p.blank_before for p in cell.paras] == [0, 0, 1]
    # A cell's first paragraph starts after its TAB; the others are whole lines.
    assert cell.paras[0].start == text.index("อบรมครูแกนนำ")
    assert text[cell.paras[0].start - 1] == "\t"
    for para in _all_paras(blocks):
        assert text[para.start:para.end] == para.text
    assert table.start == text.index("ที่") and text[table.end - len("กลุ่มส่งเสริม"):table.end] == "กลุ่มส่งเสริม"
    assert blocks[2].text == "ย่อหน้าหลังตาราง" and blocks[2].blank_before == 1


def test_cell_per_line_helper_layout_matches_rows():
    text = cells(["ชื่อโครงการ", "ส่งเสริมนิสัยรักการอ่าน"],
                 ["วัตถุประสงค์", "๑. เพื่อส่งเสริมการอ่าน\n๒. เพื่อพัฒนาห้องสมุด"])
    (table,) = text_blocks(text)
    assert [[_texts(c) for c in row] for row in table.rows] == [
        [["ชื่อโครงการ"], ["ส่งเสริมนิสัยรักการอ่าน"]],
        [["วัตถุประสงค์"], ["๑. เพื่อส่งเสริมการอ่าน", "๒. เพื่อพัฒนาห้องสมุด"]],
    ]


def test_cell_table_ends_at_a_blank_line_followed_by_text_once_the_row_is_complete():
    text = "\tที่\n\tรายการ\n\n\t1\n\tค่าวัสดุ\nบรรทัดต่อของเซลล์\n\nข้อความหลังตาราง\nบรรทัดที่สอง\n"
    blocks = text_blocks(text)
    assert [type(b) for b in blocks] == [Table, Para, Para]
    assert _texts(blocks[0].rows[1][1]) == ["ค่าวัสดุ", "บรรทัดต่อของเซลล์"]
    assert [(p.text, p.blank_before) for p in blocks[1:]] == [("ข้อความหลังตาราง", 1), ("บรรทัดที่สอง", 0)]


# ---------------------------------------------------------------- paragraphs

def test_paragraphs_keep_exact_offsets_and_count_blank_lines():
    text = "แผนปฏิบัติการ\r\n\r\n\r\n  ๑. โครงการพัฒนาครู  \r\nวัตถุประสงค์\n\n\tเดี่ยว\n"
    blocks = text_blocks(text)
    paras = [b for b in blocks if isinstance(b, Para)]
    assert [(p.text, p.blank_before) for p in paras] == [
        ("แผนปฏิบัติการ", 0),
        ("  ๑. โครงการพัฒนาครู  ", 2),  # spaces kept, CR dropped
        ("วัตถุประสงค์", 0),
    ]
    for p in paras:
        assert text[p.start:p.end] == p.text and "\r" not in p.text and "\n" not in p.text
    assert paras[1].start == text.index("  ๑.")
    assert paras[1].trimmed().text == "๑. โครงการพัฒนาครู"
    assert text[paras[1].trimmed().start:paras[1].trimmed().end] == "๑. โครงการพัฒนาครู"
    # A lone TAB line is a one-cell table, its paragraph without the TAB.
    last = blocks[-1]
    assert isinstance(last, Table) and last.rows[0][0].paras[0].text == "เดี่ยว"
    assert last.rows[0][0].paras[0].start == text.index("เดี่ยว")


# ---------------------------------------------------------------- a list beside another column

SIDE_LIST = "\n".join([
    "    ประเด็นการพัฒนา                          แผนงาน โครงการ",
    "    ๒.๑ ด้านการเรียนการสอน                  ๑. โครงการอบรมครูด้านการวัดผล",  # a Thai vowel mark shifts no column
    "                                                ประเมินผล ประจำปี ๒๕๖๗",
    "                                            ๒. โครงการนิเทศการสอนภายใน",
    "การบริหาร                                   ๓. โครงการพัฒนาห้องสมุดโรงเรียน",
    "",
    "    ๒.๒ ด้านอาคารสถานที่ ปรับปรุง   ซ่อมแซม  ตามแผน",  # spaces apart, no list below: one line
]) + "\n"


def test_a_lists_first_item_beside_another_columns_text_is_a_paragraph_of_its_own():
    paras = [(p.text, p.blank_before) for p in text_blocks(SIDE_LIST)]
    assert paras[1:4] == [("    ๒.๑ ด้านการเรียนการสอน", 0), ("๑. โครงการอบรมครูด้านการวัดผล", 0),
                          ("                                                ประเมินผล ประจำปี ๒๕๖๗", 0)]
    assert ("การบริหาร", 0) in paras and ("๓. โครงการพัฒนาห้องสมุดโรงเรียน", 0) in paras
    assert paras[-1] == ("    ๒.๒ ด้านอาคารสถานที่ ปรับปรุง   ซ่อมแซม  ตามแผน", 1)
    for p in text_blocks(SIDE_LIST):
        assert SIDE_LIST[p.start:p.end] == p.text
