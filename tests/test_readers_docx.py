"""The .docx reader: the .txt conventions, Word numbering, tables, regions."""

from __future__ import annotations

import doctest
import io
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from extractor.readers import read
from extractor.readers import docx_numbering, text_builder
from extractor.readers.docx_reader import read_docx

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ROOT / "corpora" / "variants"
SEEDS = ROOT / "corpora" / "seeds"
STEMS = ["001_2582665ac4639523", "004_bb75cf24dda7a38a"]


@pytest.mark.parametrize("stem", STEMS)
def test_variant_renders_exactly_like_the_txt(stem):
    """001 uses row-per-line tables, 004 cell-per-line: both come out as in the .txt."""
    src = read(VARIANTS / f"{stem}.docx").source
    assert src.format == "docx" and src.page_starts == []
    assert src.text == (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


def test_variant_regions_name_paragraphs_and_cells():
    src = read(VARIANTS / "004_bb75cf24dda7a38a.docx").source
    assert src.region_of(src.text.index("รายละเอียดโครงการสำคัญ")) == "paragraph 2"
    cell = src.text.index("กลุ่มบริหารงานการเงินและสินทรัพย์")
    assert src.region_of(cell) == "table 1, row 3, cell 4"
    span = src.span(cell, cell + len("กลุ่มบริหารงานการเงินและสินทรัพย์"))
    assert span.where == "table 1, row 3, cell 4" and span.page is None
    assert src.text[span.start:span.end] == "กลุ่มบริหารงานการเงินและสินทรัพย์"
    # every region starts where its text starts: never inside a line's TAB/newline glue
    for start, _ in src.regions:
        assert start == 0 or src.text[start - 1] in "\n\t"


# ------------------------------------------------------------ built documents

def _numbering(document, levels: list[tuple[str, str]], abstract_id: int, start_override: int | None = None) -> int:
    """Add an abstract list (one (numFmt, lvlText) per level) and a num; return the numId."""
    root = document.part.numbering_part.element
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    root.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    override = ("" if start_override is None else
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>')
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{abstract_id}">'
                          f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))
    return abstract_id


def _numbered(document, text: str, num_id: int, ilvl: int) -> None:
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _save(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_word_numbering_is_recovered():
    d = docx.Document()
    thai = _numbering(d, [("thaiNumbers", "%1."), ("thaiNumbers", "%1.%2")], 71)
    dec = _numbering(d, [("decimal", "%1)")], 72, start_override=3)
    bullet = _numbering(d, [("bullet", "\uf0b7")], 73)
    _numbered(d, "หลักการและเหตุผล", thai, 0)
    _numbered(d, "วัตถุประสงค์", thai, 0)
    _numbered(d, "เพื่อพัฒนาครู", thai, 1)
    _numbered(d, "เพื่อพัฒนาผู้เรียน", thai, 1)
    _numbered(d, "เป้าหมาย", thai, 0)
    _numbered(d, "เชิงปริมาณ", thai, 1)
    _numbered(d, "ค่าวัสดุ", dec, 0)
    _numbered(d, "ค่าอาหาร", dec, 0)
    _numbered(d, "ค่าสาธารณูปโภค", bullet, 0)
    d.add_paragraph("ไม่มีเลขนำหน้า")
    text = read_docx("built.docx", _save(d)).source.text
    assert text.split("\n") == [
        "๑. หลักการและเหตุผล", "๒. วัตถุประสงค์", "๒.๑ เพื่อพัฒนาครู", "๒.๒ เพื่อพัฒนาผู้เรียน",
        "๓. เป้าหมาย", "๓.๑ เชิงปริมาณ", "3) ค่าวัสดุ", "4) ค่าอาหาร", "- ค่าสาธารณูปโภค", "ไม่มีเลขนำหน้า",
    ]


def _table_document() -> docx.Document:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "HEADER ข้อความหัวกระดาษ"
    d.sections[0].footer.paragraphs[0].text = "FOOTER หน้า 9"
    p = d.add_paragraph("บรรทัดแรก")
    p.add_run().add_break()
    p.add_run("บรรทัดที่สอง")
    t = d.add_table(rows=3, cols=3)
    head = t.cell(0, 0).merge(t.cell(0, 1))  # gridSpan
    head.text = "กิจกรรม"
    t.cell(0, 2).text = "งบประมาณ"
    t.cell(1, 0).text = "ประชุม"
    t.cell(1, 1).text = "๑ วัน"
    amount = t.cell(1, 2).merge(t.cell(2, 2))  # vMerge
    amount.text = "10,000"
    t.cell(2, 0).text = "อบรม"
    t.cell(2, 1).text = "๒ วัน"
    d.add_paragraph("จบ")
    return d


def test_tables_row_per_line_merged_cells_once_headers_ignored():
    src = read_docx("t.docx", _save(_table_document())).source
    assert src.text.split("\n") == [
        "บรรทัดแรก", "บรรทัดที่สอง",
        "กิจกรรม\tงบประมาณ",
        "ประชุม\t๑ วัน\t10,000",
        "อบรม\t๒ วัน\t",  # the vertically merged amount is emitted once
        "จบ",
    ]
    assert "HEADER" not in src.text and "FOOTER" not in src.text
    assert src.region_of(src.text.index("10,000")) == "table 1, row 2, cell 3"


def test_multi_paragraph_and_nested_cells_go_cell_per_line():
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "1."
    cell = t.cell(0, 1)
    cell.text = "ค่าใช้จ่าย"
    cell.add_paragraph("- ค่าสาธารณูปโภค")
    nested = cell.add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "300,000"
    nested.cell(0, 1).text = "320,000"
    cell.add_paragraph("")
    src = read_docx("n.docx", _save(d)).source
    # python-docx puts an empty paragraph after a nested table; then ours; then the
    # blank line that ends the row
    assert src.text.split("\n") == ["\t1.", "\tค่าใช้จ่าย", "- ค่าสาธารณูปโภค", "300,000", "320,000", "", "", ""]
    assert src.region_of(src.text.index("320,000")) == "table 1, row 1, cell 2, nested table 1, row 1, cell 2"


def test_doctests_of_docx_helpers():
    for module in (docx_numbering, text_builder):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0


def test_inline_content_tracked_changes_hidden_text_and_symbols():
    d = docx.Document()
    p = d.add_paragraph()._p
    w, m = nsdecls("w"), 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    for xml in (f'<w:bookmarkStart {w} w:id="0" w:name="b"/>',
                f'<w:r {w}><w:t xml:space="preserve">ก่อน </w:t></w:r>',
                f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>เพิ่ม</w:t></w:r></w:ins>',
                f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>ลบ</w:delText></w:r></w:del>',
                f'<w:r {w}><w:rPr><w:vanish/></w:rPr><w:t>ซ่อน</w:t></w:r>',
                f'<w:r {w}><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>',
                f'<m:oMath {m}><m:r><m:t>x+1</m:t></m:r></m:oMath>',
                f'<w:hyperlink {w}><w:r><w:t> ลิงก์</w:t></w:r></w:hyperlink>'):
        p.append(parse_xml(xml))
    assert read_docx("inline.docx", _save(d)).source.text == "ก่อน เพิ่ม✓x+1 ลิงก์"
