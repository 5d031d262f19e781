"""The .pdf reader on the real variants, and the Thai repairs on real extracted text."""

from __future__ import annotations

import difflib
import doctest
import re
from pathlib import Path

import pytest

from extractor.readers import read, thai_repair
from extractor.readers.thai_repair import (SOFT_SPACE, fix_sara_am, map_pua, reorder_marks, repair_line,
                                           resolve_soft_spaces)

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ROOT / "corpora" / "variants"
SEEDS = ROOT / "corpora" / "seeds"
S001, S004 = "001_2582665ac4639523", "004_bb75cf24dda7a38a"


@pytest.fixture(scope="module")
def pdfs():
    return {stem: read(VARIANTS / f"{stem}.pdf").source for stem in (S001, S004)}


def _pdfium_pages(stem: str) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(VARIANTS / f"{stem}.pdf"))
    return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]


@pytest.mark.parametrize("stem,pages", [(S001, 171), (S004, 100)])
def test_pages_and_page_starts(pdfs, stem, pages):
    src = pdfs[stem]
    assert src.format == "pdf" and src.pages == pages and len(src.page_starts) == pages
    assert src.page_starts[0] == 0 and src.page_starts == sorted(src.page_starts)
    assert src.page_starts[-1] < len(src.text)


@pytest.mark.parametrize("stem,phrase", [
    (S001, "๑. ความเป็นมา"),
    (S001, "ตัวชี้วัดเชิงคุณภาพ"),
    (S001, "๙. ผลที่คาดว่าจะได้รับ"),
    (S001, "การรายงานผลการประเมินโครงการ"),
    (S004, "ปฏิทินการปฏิบัติงาน"),
    (S004, "๘. ตัวชี้วัดความสำเร็จ"),
])
def test_page_of_agrees_with_pdfium(pdfs, stem, phrase):
    """The page a span reports is the page pdfium finds the phrase on (first occurrence;
    the phrases sit on one PDF line so that pdfium's own text has them whole)."""
    src = pdfs[stem]
    expected = next(i for i, text in enumerate(_pdfium_pages(stem), 1) if phrase in text)
    start = src.text.index(phrase)
    span = src.span(start, start + len(phrase))
    assert span.page == expected and src.text[span.start:span.end] == phrase
    assert span.where and span.where.startswith(f"page {expected}")


@pytest.mark.parametrize("stem,phrases", [
    (S001, ["สำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต ๒", "โพธิ์ชัย", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
            "๑๐,๐๐๐", "ขั้นพื้นฐาน", "คำนำ\tก"]),
    (S004, ["ผลสัมฤทธิ์ทางการเรียน", "น้อมนำพระบรมราโชบายด้านการศึกษาของในหลวงรัชกาลที่ 10",
            "(หนึ่งแสนบาทถ้วน)", "ไม่ใช้งบประมาณ"]),
])
def test_text_has_phrases_of_the_txt(pdfs, stem, phrases):
    txt = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    for phrase in phrases:
        assert phrase in txt and phrase in pdfs[stem].text, phrase


@pytest.mark.parametrize("stem", [S001, S004])
def test_no_thai_damage_left(pdfs, stem):
    text = pdfs[stem].text
    assert "\u0e33\u0e32" not in text and "\u0e4d\u0e32" not in text  # sara am
    assert SOFT_SPACE not in text and not re.search("[\uf700-\uf8ff]", text)
    assert not re.search("[\u0e48-\u0e4b][\u0e31\u0e34-\u0e39\u0e47]", text)  # tone before vowel


@pytest.mark.parametrize("stem,minimum", [(S001, 0.93), (S004, 0.93)])
def test_rendering_close_to_the_txt(pdfs, stem, minimum):
    """Line similarity to the .txt (whitespace collapsed); 0.949 and 0.943 when written."""
    def lines(text: str) -> list[str]:
        return [" ".join(line.split()) for line in text.split("\n")]

    txt = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    ratio = difflib.SequenceMatcher(None, lines(txt), lines(pdfs[stem].text), autojunk=False).ratio()
    assert ratio >= minimum


def test_tables_follow_the_documents_convention(pdfs):
    row_per_line = pdfs[S001].text.split("\n")
    assert "๑\tโครงการพัฒนาการเรียนการสอนปฐมวัย" in row_per_line
    cell_per_line = pdfs[S004].text.split("\n")
    i = cell_per_line.index("\t2.5 โครงการโรงเรียนคุณภาพประจำตำบล")
    assert cell_per_line[i + 1:i + 3] == ["\t100,000", "\tกลุ่มนิเทศติดตามฯ"]


def test_table_cell_regions(pdfs):
    src = pdfs[S004]
    start = src.text.index("\t100,000") + 1
    span = src.span(start, start + 7)
    assert src.text[span.start:span.end] == "100,000"
    m = re.fullmatch(r"page (\d+), table 1, row \d+, cell 3", span.where or "")
    assert m and int(m.group(1)) == span.page


# ------------------------------------------------- repairs on real extracted text

@pytest.fixture(scope="module")
def pdfminer_text():
    """Page 1-2 of 001 as pdfplumber/pdfminer extracts them: the usual damage."""
    import pdfplumber

    with pdfplumber.open(VARIANTS / f"{S001}.pdf") as pdf:
        return {"sorted": pdf.pages[0].extract_text(),
                "flow": pdf.pages[0].extract_text(use_text_flow=True),
                "flow2": pdf.pages[1].extract_text(use_text_flow=True)}


def test_fix_sara_am_on_real_text(pdfminer_text):
    line = pdfminer_text["sorted"].split("\n")[1]
    assert line.startswith("สำานักงานเขต")  # pdfminer ignores the ActualText of ำ
    assert fix_sara_am(line).startswith("สำนักงานเขต")
    assert fix_sara_am("คำานำา") == "คำนำ"


def test_reorder_marks_on_real_text(pdfminer_text):
    damaged = [w for w in re.findall(r"\S+", pdfminer_text["flow2"]) if re.search("[\u0e48-\u0e4b][\u0e38]", w)]
    assert damaged, "stream-order extraction puts the tone mark before sara u"
    for word in damaged:
        fixed = reorder_marks(word)
        assert not re.search("[\u0e48-\u0e4b][\u0e31\u0e34-\u0e39]", fixed)
    assert any(reorder_marks(w).startswith("กลุ่มพัฒนาครู") for w in damaged)
    spaced = pdfminer_text["flow"].split("\n")[1]  # "...เขตพื ้นที่..." space before the tone mark
    assert "พื ้น" in spaced and "พื้นที่" in reorder_marks(spaced)


def test_soft_spaces_on_real_text(pdfminer_text):
    """Spaces pdfminer put inside words (treated as guessed) go; real ones stay."""
    line = pdfminer_text["flow"].split("\n")[2]
    assert line == "สำานักงานคณะกรรมการการศึกษาขั้ นพื ้นฐาน"
    fixed = resolve_soft_spaces(repair_line(line).replace(" ", SOFT_SPACE))
    assert fixed == "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"  # line 8 of the .txt
    real = resolve_soft_spaces("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย\ue000เขต\ue0002")
    assert real == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต 2"


def test_repairs_leave_clean_text_alone():
    clean = (SEEDS / f"{S004}.txt").read_text(encoding="utf-8")[:20000]
    assert map_pua(clean) == clean and fix_sara_am(clean) == clean and resolve_soft_spaces(clean) == clean


def test_thai_repair_doctests():
    result = doctest.testmod(thai_repair)
    assert result.failed == 0 and result.attempted >= 8


@pytest.mark.parametrize("page_rotate", [0, 90])
@pytest.mark.parametrize("text_matrix", [b"1 0 0 1 72 720", b"0 1 -1 0 540 72", b"-1 0 0 -1 540 72",
                                         b"0 -1 1 0 72 720"])
def test_text_is_read_in_its_own_direction(page_rotate, text_matrix):
    """Landscape pages stored as rotated portrait ones (and any /Rotate) read normally."""
    from pdf_builders import rotated_text_pdf

    from extractor.readers.pdf_reader import read_pdf

    src = read_pdf("rotated.pdf", rotated_text_pdf(page_rotate, text_matrix)).source
    assert src.text == "First line of text here second line"
