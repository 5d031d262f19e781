"""The spreadsheet reader: one table per sheet, merged cells as spans, blank rows kept, bad files refused."""

from __future__ import annotations

import datetime as dt
import doctest
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from extractor.blocks import Para, Table
from extractor.errors import InputError
from extractor.readers import read, sheet_reader
from extractor.readers.sheet_reader import read_sheet

ROOT = Path(__file__).resolve().parent.parent
B05 = ROOT.parent / "shared" / "corpora" / "dev" / "b05.xls"


def _xlsx(build) -> bytes:
    wb = openpyxl.Workbook()
    build(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _plan(wb) -> None:
    ws = wb.active
    ws.title = "แผน"
    ws["A1"] = "แผนพัฒนา\nสามปี"          # a line break inside a cell
    ws.merge_cells("A1:D1")
    ws["A2"] = "ที่"
    ws["B2"] = "โครงการ"
    ws["C2"] = "งบประมาณ"
    ws.merge_cells("C2:D2")
    ws["A3"] = 1
    ws["B3"] = "ถนน คสล."
    ws["C3"] = 200000
    ws["C3"].number_format = "#,##0"
    ws["D3"] = 2.50
    # row 4 left empty: it separates the items
    ws["A5"] = 2
    ws["B5"] = "ประปา"
    ws.merge_cells("B5:B6")
    ws["C5"] = True
    ws["D5"] = dt.datetime(2013, 10, 1)
    ws["D5"].number_format = "yyyy-mm-dd"
    ws["A6"] = "   "                          # whitespace only: an empty cell
    ws["C6"] = "(งบ อบต.)"
    ws.merge_cells("A7:C7")                  # an empty merged range after the data: dropped
    ws["D8"] = "   "                          # trailing whitespace-only row: dropped
    ws["F9"].number_format = "0.00"          # formatted but empty: not part of the used range

    second = wb.create_sheet("สรุป")
    second["B2"] = "รวม"
    second["C2"] = 1234.5
    second["C2"].number_format = "#,##0.00"

    hidden = wb.create_sheet("ซ่อน")
    hidden["A1"] = "ไม่ควรเห็น"
    hidden.sheet_state = "hidden"

    wb.create_sheet("ว่าง")                  # no cells at all


@pytest.fixture(scope="module")
def plan():
    return read_sheet("plan.xlsx", _xlsx(_plan), "xlsx")


def _spans(table: Table):
    return [[(c.col, c.row_span, c.col_span, c.text) for c in row] for row in table.rows]


def test_every_visible_sheet_is_a_name_paragraph_and_one_table(plan):
    kinds = [type(b).__name__ for b in plan.blocks]
    assert kinds == ["Para", "Table", "Para", "Table"]
    assert [plan.blocks[0].text, plan.blocks[2].text] == ["แผน", "สรุป"]
    assert "ไม่ควรเห็น" not in plan.source.text and "ว่าง" not in plan.source.text
    assert plan.source.format == "xlsx" and plan.source.encoding is None


def test_merged_cells_become_spans_and_empty_rows_are_kept(plan):
    table = plan.blocks[1]
    assert isinstance(table, Table)
    assert table.n_cols == 4 and len(table.rows) == 6
    assert _spans(table) == [
        [(0, 1, 4, "แผนพัฒนา สามปี")],
        [(0, 1, 1, "ที่"), (1, 1, 1, "โครงการ"), (2, 1, 2, "งบประมาณ")],
        [(0, 1, 1, "1"), (1, 1, 1, "ถนน คสล."), (2, 1, 1, "200,000"), (3, 1, 1, "2.5")],
        [],                                                        # the blank row
        [(0, 1, 1, "2"), (1, 2, 1, "ประปา"), (2, 1, 1, "TRUE"), (3, 1, 1, "2013-10-01")],
        [(2, 1, 1, "(งบ อบต.)")],                                  # B6 is the merge's continuation
    ]
    grid = table.grid()
    assert grid[5][1] is grid[4][1] and grid[1][3] is grid[1][2]


def test_second_sheet_starts_at_its_used_range(plan):
    table = plan.blocks[3]
    assert _spans(table) == [[(0, 1, 1, "รวม"), (1, 1, 1, "1,234.50")]]
    assert table.n_cols == 2


def test_rendering_is_row_per_line_and_offsets_are_exact(plan):
    text = plan.source.text
    assert text.split("\n") == [
        "แผน",
        "แผนพัฒนา สามปี",
        "ที่\tโครงการ\tงบประมาณ",
        "1\tถนน คสล.\t200,000\t2.5",
        "",
        "2\tประปา\tTRUE\t2013-10-01",
        "(งบ อบต.)",
        "สรุป",
        "รวม\t1,234.50",
    ]
    paras = list(plan.paras())
    assert len(paras) == 17  # 2 sheet names + 15 non-empty cells
    for p in paras:
        assert isinstance(p, Para) and "\n" not in p.text
        assert text[p.start:p.end] == p.text
    first, second = plan.blocks[1], plan.blocks[3]
    assert text[first.start:first.end] == "\n".join(text.split("\n")[1:7])
    assert text[second.start:second.end] == "รวม\t1,234.50"


def test_regions_name_the_sheet_and_cell(plan):
    src = plan.source
    assert src.region_of(src.text.index("แผนพัฒนา")) == "sheet แผน, cell A1"
    assert src.region_of(src.text.index("200,000")) == "sheet แผน, cell C3"
    assert src.region_of(src.text.index("ประปา")) == "sheet แผน, cell B5"
    assert src.region_of(src.text.index("สรุป")) == "sheet สรุป"
    assert src.region_of(src.text.index("1,234.50")) == "sheet สรุป, cell C2"


def test_formulas_give_their_cached_value(tmp_path):
    """openpyxl writes no cached values, so build the sheet XML by hand."""
    data = _xlsx(lambda wb: wb.active.__setitem__("A1", "x"))
    src = io.BytesIO(data)
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b'<c r="A1" t="inlineStr"><is><t>x</t></is></c>',
                                    b'<c r="A1"><f>1+2</f><v>3</v></c>')
                assert b"<f>1+2</f>" in body
            zout.writestr(item, body)
    path = tmp_path / "formula.xlsx"
    path.write_bytes(out.getvalue())
    layout = read(path)
    assert layout.source.text == "Sheet\n3"


def test_read_dispatches_xlsx_by_extension(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(_xlsx(_plan))
    layout = read(path)
    assert layout.source.format == "xlsx" and layout.source.sha256
    assert "ถนน คสล.\t200,000" in layout.source.text


# ------------------------------------------------------------------ bad files

def _one_line(exc: pytest.ExceptionInfo) -> str:
    msg = str(exc.value)
    assert "\n" not in msg and "Traceback" not in msg
    return msg


def test_random_bytes_named_xlsx(tmp_path):
    path = tmp_path / "junk.xlsx"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(InputError) as exc:
        read(path)
    assert "not an Excel .xlsx file" in _one_line(exc)


def test_truncated_xlsx(tmp_path):
    data = _xlsx(_plan)
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as exc:
        read(path)
    assert "corrupted or truncated" in _one_line(exc)


def test_zip_that_is_not_a_workbook(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError) as exc:
        read_sheet("doc.xlsx", out.getvalue(), "xlsx")
    assert "Word document" in _one_line(exc)


def test_corrupt_sheet_xml_is_an_input_error():
    data = _xlsx(_plan)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body[: len(body) // 2]
            zout.writestr(item, body)
    with pytest.raises(InputError) as exc:
        read_sheet("bad.xlsx", out.getvalue(), "xlsx")
    assert "corrupted" in _one_line(exc)


def test_encrypted_workbook(tmp_path):
    ole = sheet_reader.OLE_MAGIC + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512
    for name in ("locked.xlsx", "locked.xls"):
        with pytest.raises(InputError) as exc:
            read_sheet(name, ole, name.rsplit(".", 1)[1])
        assert "password-protected" in _one_line(exc)


def _renamed_workbook_stream(data: bytes, name: str) -> bytes:
    """b05.xls with its "Workbook" stream renamed in the OLE directory (a fake Word .doc)."""
    old = "Workbook".encode("utf-16-le")
    at = data.index(old)
    assert data[at + 64:at + 66] == b"\x12\x00"  # name length in bytes, with the terminator
    raw = (name.encode("utf-16-le") + b"\0\0").ljust(64, b"\0")
    length = (len(name) * 2 + 2).to_bytes(2, "little")
    return data[:at] + raw + length + data[at + 66:]


@pytest.mark.skipif(not B05.exists(), reason="dev corpus file b05.xls is absent")
def test_word_doc_named_xls():
    fake_doc = _renamed_workbook_stream(B05.read_bytes(), "WordDocument")
    with pytest.raises(InputError) as exc:
        read_sheet("word.xls", fake_doc, "xls")
    assert "Word .doc document" in _one_line(exc)
    other = _renamed_workbook_stream(B05.read_bytes(), "Contents")
    with pytest.raises(InputError) as exc:
        read_sheet("other.xls", other, "xls")
    assert "without a workbook stream" in _one_line(exc)


def test_corrupt_ole_named_xls():
    with pytest.raises(InputError) as exc:
        read_sheet("broken.xls", sheet_reader.OLE_MAGIC + b"\x01" * 600, "xls")
    assert "corrupted" in _one_line(exc) or "not an Excel" in _one_line(exc)


def test_non_spreadsheet_named_xls():
    with pytest.raises(InputError) as exc:
        read_sheet("page.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "xls")
    assert "HTML" in _one_line(exc)
    with pytest.raises(InputError) as exc:
        read_sheet("junk.xls", b"just some text, not a workbook", "xls")
    assert "not an Excel file" in _one_line(exc)


def test_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr("extractor.readers.zip_guard.MAX_UNCOMPRESSED_TOTAL", 1000)
    with pytest.raises(InputError) as exc:
        read_sheet("bomb.xlsx", _xlsx(_plan), "xlsx")
    assert "zip bomb" in _one_line(exc)


def test_too_many_cells_is_refused(monkeypatch):
    monkeypatch.setattr(sheet_reader, "MAX_CELLS", 20)

    def big(wb):
        ws = wb.active
        ws["A1"] = "top"
        ws["E10"] = "far corner"   # only 2 cells, but a 50-cell used range

    with pytest.raises(InputError) as exc:
        read_sheet("big.xlsx", _xlsx(big), "xlsx")
    assert "limit 20 cells" in _one_line(exc)

    def many(wb):
        for r in range(1, 2000):
            wb.active.cell(r, 1, r)

    with pytest.raises(InputError) as exc:
        read_sheet("many.xlsx", _xlsx(many), "xlsx")
    assert "non-empty cells" in _one_line(exc)


def test_workbook_with_only_hidden_sheets(tmp_path):
    def hidden_only(wb):
        wb.active["A1"] = "x"
        other = wb.create_sheet("h")
        other["A1"] = "secret"
        other.sheet_state = "hidden"
        wb.active.sheet_state = "hidden"  # openpyxl insists on one visible sheet on save
        wb.create_sheet("empty")

    with pytest.raises(InputError) as exc:
        read_sheet("h.xlsx", _xlsx(hidden_only), "xlsx")
    assert "no visible sheet" in _one_line(exc)


# ------------------------------------------------------------------ cell text

def test_doctests():
    result = doctest.testmod(sheet_reader)
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize("value, fmt, text", [
    (200000, "#,##0", "200,000"),
    (200000.0, "General", "200000"),
    (1234.5678, "#,##0", "1,235"),
    (0.5, "0%", "50%"),
    (3.14159, None, "3.14159"),
    (1e20, "General", "1e+20"),
    (1234.5, '#,##0.00 "บาท"', "1,234.50"),
    (1234.5, "#,##0.##", "1,234.5"),
    (-0.001, "0.00", "0.00"),
])
def test_display_number(value, fmt, text):
    assert sheet_reader.display_number(value, fmt) == text


# ------------------------------------------------------------------ the real .xls

@pytest.mark.skipif(not B05.exists(), reason="dev corpus file b05.xls is absent")
def test_real_xls_b05():
    layout = read(B05)
    assert layout.source.format == "xls"
    assert [type(b).__name__ for b in layout.blocks] == ["Para", "Table", "Para", "Table"]
    assert [layout.blocks[0].text, layout.blocks[2].text] == ["บัญชี", "รายละเอียด"]
    text = layout.source.text
    row = next(line for line in text.split("\n") if "โครงการก่อสร้าง ถนน คสล." in line)
    assert "200,000.-" in row
    assert row.split("\t")[0] == "1"
    for p in layout.paras():
        assert text[p.start:p.end] == p.text
    # the summary sheet's '#,##0' amounts are shown with thousands separators
    assert "\t6,719,000\t" in text
    detail = layout.blocks[3]
    assert isinstance(detail, Table) and any(c.row_span > 1 or c.col_span > 1 for c in detail.cells())
    assert any(not row for row in detail.rows)  # blank rows between items are kept
