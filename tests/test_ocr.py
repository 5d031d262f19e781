"""OCR (issue 10): damage score, Tesseract's words to glyphs, rulings from pixels,
the engine check, and scanned documents read end to end.

Scanned inputs are made in the tests from the seeds' PDF renderings
(tests/ocr_helpers.py).  Tests that run Tesseract skip when it or its Thai
model is not installed (.ci/run installs them)."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.readers import ocr as ocr_module
from extractor.readers.ocr import OcrMode, OcrOptions, OcrWord, engine_available
from extractor.readers.ocr_page import rulings, whiten, words_to_glyphs
from extractor.readers.ocr_pages import PageText, better, pages_to_ocr, wanted
from extractor.readers.pdf_layout import build_lines, clusters_of, find_tables
from extractor.readers.pdf_page import Glyph
from extractor.readers.thai_damage import damage
from extractor.readers.thai_ocr_fix import fix_line_start, restore_tone_marks
from extractor.readers.thai_repair import SOFT_SPACE

from ocr_helpers import image_only_pdf, rasterize, scanned_copy, variant

needs_tesseract = pytest.mark.skipif(not engine_available(), reason="Tesseract with its Thai model is not installed")

CLEAN = ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาจัดทำโครงการพัฒนาคุณภาพการศึกษา "
         "เพื่อให้นักเรียนมีผลสัมฤทธิ์ทางการเรียนสูงขึ้นตามเป้าหมายที่กำหนด ") * 5


# ---------------------------------------------------------------- damage score

def test_clean_thai_has_no_damage():
    assert damage(CLEAN).score == 0.0
    assert damage("Budget 2566: 10,000 baht").score == 0.0  # nothing Thai to judge


def test_each_kind_of_damage_is_counted():
    assert damage(CLEAN.replace("ำ", "า")).score > 0.005  # a font that lost ำ
    assert damage(BROKEN).score > 0.05  # private-use glyphs
    assert damage("ราคา 1ศ5 ล้านบาท").signs == 0  # '.' mapped to ศ: repaired by the reader
    assert damage("โครงการพัฒนา ้ที่ตั้ง").signs == 1  # a tone mark without its letter
    assert damage("เ่อกสาร").signs >= 1  # a tone mark on a leading vowel
    assert damage("ป ร ะ ถ ม ศึกษา").signs >= 3  # a word cut into letters
    assert damage("\uf0fe ตัวชี้วัด").signs == 0  # a symbol-font tick box is not damage


def test_damage_is_measured_after_the_readers_own_repairs():
    assert damage("ประจำาปี").signs == 0  # the doubled sara aa is repaired first
    assert damage(SWAPPED).score < 0.05  # า written as ำ: put back by word frequencies


# ---------------------------------------------------------------- Thai OCR repairs

def test_dropped_tone_marks_come_back_where_the_words_need_them():
    assert restore_tone_marks("พื้นทีการศึกษา") == "พื้นที่การศึกษา"
    assert restore_tone_marks("จำนวนทังสิน") == "จำนวนทั้งสิ้น"
    assert restore_tone_marks("โครงการต่อเนือง") == "โครงการต่อเนื่อง"
    assert restore_tone_marks("ทรัพย์สินของโรงเรียน") == "ทรัพย์สินของโรงเรียน"  # words already
    assert restore_tone_marks("สำนักงานเขต") == "สำนักงานเขต"


def test_seven_read_as_kho_rakhang_at_a_line_start():
    assert fix_line_start("ฆ. กิจกรรมและงบประมาณ") == "๗. กิจกรรมและงบประมาณ"
    assert fix_line_start("ฆ) ผลที่คาดว่าจะได้รับ") == "๗) ผลที่คาดว่าจะได้รับ"
    assert fix_line_start("ฆราวาส") == "ฆราวาส"


# ---------------------------------------------------------------- words -> glyphs

def _word(text, left, width, line=(1, 1, 1), top=100, height=60, conf=90.0):
    return OcrWord(text, left, top, width, height, line, conf)


def _line_texts(glyphs):
    return [ln.text.replace(SOFT_SPACE, "~") for ln in build_lines(clusters_of(glyphs))]


def test_letters_marks_and_narrow_gaps_make_one_word_wide_gaps_a_space():
    words = [_word("น", 100, 20), _word("้", 95, 20), _word("อม", 122, 40),  # mark left of its letter
             _word("นำ", 165, 40),  # 3 px gap: inside the word
             _word("นโยบาย", 260, 120)]  # 55 px gap (0.9 line heights): a space
    assert _line_texts(words_to_glyphs(words, 200)) == ["น้อมนำ นโยบาย"]


def test_tesseract_lines_become_lines_with_one_size_for_body_text():
    words = [_word("บรรทัดแรก", 100, 200, line=(1, 1, 1), top=100, height=60),
             _word("บรรทัดสอง", 100, 200, line=(1, 1, 2), top=190, height=48),  # no marks above: lower box
             _word("หัวข้อใหญ่", 100, 300, line=(1, 1, 3), top=280, height=120)]
    lines = build_lines(clusters_of(words_to_glyphs(words, 200)))
    assert [ln.text for ln in lines] == ["บรรทัดแรก", "บรรทัดสอง", "หัวข้อใหญ่"]
    assert lines[0].size == lines[1].size  # body lines within 30 % of the usual height
    assert lines[2].size > 1.5 * lines[0].size  # a heading keeps its own


def test_specks_are_dropped():
    words = [_word("ข้อความ", 100, 200), _word("~", 400, 10, conf=12.0)]
    assert _line_texts(words_to_glyphs(words, 200)) == ["ข้อความ"]


# ---------------------------------------------------------------- rulings from pixels

def _page_with_grid() -> np.ndarray:
    page = np.full((1000, 800), 255, dtype=np.uint8)
    for y in (100, 200, 300):
        page[y:y + 2, 100:702] = 0
    for x in (100, 400, 700):
        page[100:302, x:x + 2] = 0
    return page


def test_a_drawn_grid_becomes_a_table_of_cells():
    page = _page_with_grid()
    page[500:600, 100:300] = 0  # a filled box (a picture): no ruling
    page[700:750, 300:305] = 0  # a short stroke (a letter): no ruling
    edges, runs = rulings(page, 200)
    assert sum(e.orientation == "h" for e in edges) == 3 and sum(e.orientation == "v" for e in edges) == 3
    tables = find_tables(edges)
    assert len(tables) == 1 and [len(row) for row in tables[0].rows] == [2, 2]
    assert (whiten(page, runs)[100:302, 100:702] == 255).all()  # rulings are whitened before OCR
    assert (whiten(page, runs)[500:600, 100:300] == 0).all()  # the picture is left alone


def test_a_slightly_skewed_line_is_one_ruling():
    page = np.full((400, 900), 255, dtype=np.uint8)
    for step in range(6):  # 600 px long, climbing 6 px: a scan at about 0.6 degrees
        page[200 - step:202 - step, 100 + 100 * step:200 + 100 * step] = 0
    edges, _ = rulings(page, 200)
    assert len(edges) == 1 and edges[0].x1 - edges[0].x0 > 590 * 72 / 200


# ---------------------------------------------------------------- choosing pages

_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"


def _glyphs(text: str) -> list[Glyph]:
    """A line of glyphs as a text layer has them: letters side by side, marks over their letter."""
    out, x = [], 0.0
    for k, ch in enumerate(text):
        if ch in _MARKS:
            out.append(Glyph(ch, x - 8, x, 100, 120, 16, k))
        else:
            out.append(Glyph(ch, x, x + 8, 100, 120, 16, k))
            x += 8
    return out


SWAPPED = CLEAN.replace("ำ", "#").replace("า", "ำ").replace("#", "า")  # a font map that swaps า and ำ
BROKEN = CLEAN.replace("า", "\uf8ff")  # a font map the reader cannot undo (private-use code points)


def test_auto_ocrs_pages_without_text_and_badly_damaged_pages_only():
    clean = PageText(_glyphs(CLEAN), [], (595, 842))
    lightly = PageText(_glyphs(CLEAN.replace("ำ", "า")), [], (595, 842))  # the reader copes with a lost ำ
    swapped = PageText(_glyphs(SWAPPED), [], (595, 842))  # ... and with า written as ำ
    assert not wanted(OcrMode.AUTO, lightly) and not wanted(OcrMode.AUTO, swapped)
    damaged = PageText(_glyphs(BROKEN), [], (595, 842))
    scan = PageText(_glyphs("12"), [], (595, 842), has_picture=True)
    blank = PageText([], [], (595, 842))
    assert [p.missing for p in (clean, damaged, scan, blank)] == [False, False, True, False]
    opts = OcrOptions(OcrMode.AUTO)
    if engine_available():
        assert pages_to_ocr(None, opts, [clean, lightly, damaged, scan, blank]) == [2, 3]  # indexes
    assert pages_to_ocr(None, OcrOptions(OcrMode.NEVER), [clean, damaged, scan]) == []


def test_ocr_text_replaces_a_text_layer_only_when_clearly_better():
    damaged = PageText(_glyphs(BROKEN), [], (595, 842))
    assert better(damaged, _glyphs(CLEAN), [], OcrMode.AUTO)
    assert not better(damaged, _glyphs(CLEAN[:100]), [], OcrMode.AUTO)  # OCR missed most of the page
    assert not better(damaged, _glyphs(BROKEN), [], OcrMode.AUTO)  # no better
    assert better(damaged, _glyphs("x"), [], OcrMode.ALWAYS)
    grid = rulings(_page_with_grid(), 200)[0]
    tabled = PageText(_glyphs(BROKEN), grid, (595, 842))
    assert not better(tabled, _glyphs(CLEAN), [], OcrMode.AUTO)  # OCR lost the table


def test_without_tesseract_a_damaged_page_is_read_as_it_is_with_a_warning(monkeypatch, caplog):
    monkeypatch.setattr(ocr_module, "engine_problem", lambda: "OCR needs the Tesseract program")
    damaged = PageText(_glyphs(BROKEN), [], (595, 842))
    with caplog.at_level(logging.WARNING, logger="thaiplan"):
        assert pages_to_ocr("plan.pdf", OcrOptions(), [damaged]) == []
    assert "plan.pdf: page(s) 1 have a damaged Thai text layer" in caplog.text


# ---------------------------------------------------------------- command line without Tesseract

@pytest.fixture(scope="module")
def scanned_page(tmp_path_factory):
    """One page of the 004 rendering as an image-only PDF, and as a PNG."""
    folder = tmp_path_factory.mktemp("scan")
    images = rasterize(variant("004"), [57], dpi=200)
    pdf = folder / "scan.pdf"
    pdf.write_bytes(image_only_pdf(images))
    png = folder / "scan.png"
    images[0].save(png, dpi=(200, 200))
    return pdf, png


def _one_line(result, code, *needles):
    assert result.exit_code == code, (result.output, result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("thaiplan: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_missing_tesseract_is_one_line_saying_how_to_install(monkeypatch, scanned_page, tmp_path):
    monkeypatch.setattr(ocr_module, "engine_problem",
                        lambda: "OCR needs the Tesseract program, which is not installed (or not on PATH)")
    pdf, png = scanned_page
    out = tmp_path / "out.json"
    for path in (pdf, png):
        result = CliRunner().invoke(main, ["extract", str(path), "-o", str(out)])
        _one_line(result, 2, str(path), "Tesseract program", "apt-get install tesseract-ocr tesseract-ocr-tha",
                  "UB-Mannheim")
        assert not out.exists()


def test_ocr_never_refuses_a_scan(scanned_page):
    pdf, png = scanned_page
    _one_line(CliRunner().invoke(main, ["extract", str(pdf), "--ocr", "never"]), 2, "no text layer")
    _one_line(CliRunner().invoke(main, ["extract", str(png), "--ocr", "never"]), 2, "only be read by OCR")


def test_a_clean_text_layer_is_not_ocred():
    from extractor import extract

    doc = extract(path=variant("004"))
    assert doc.source.ocr_pages == [] and doc.to_dict()["source"]["ocr_pages"] == []


def test_a_damaged_image_file_is_one_line(tmp_path):
    bad = tmp_path / "scan.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    _one_line(CliRunner().invoke(main, ["extract", str(bad)]), 2, "not a readable image")


# ---------------------------------------------------------------- with Tesseract

@needs_tesseract
def test_a_scanned_project_is_found_like_on_the_text_layer(scanned_page, tmp_path):
    from extractor import extract

    pages = list(range(57, 63))  # the 004 project "การพัฒนาคุณภาพโรงเรียนขนาดเล็ก", six pages
    scan = scanned_copy(variant("004"), tmp_path / "project.pdf", pages)
    seen = []
    doc = extract(path=scan, ocr=OcrOptions(progress=lambda done, total: seen.append((done, total))))
    assert doc.source.ocr_pages == [1, 2, 3, 4, 5, 6]
    assert seen[-1] == (6, 6) and len(seen) == 6
    names = [p.name for p in doc.projects]
    assert any("โรงเรียนขนาดเล็ก" in n for n in names), names
    project = next(p for p in doc.projects if "โรงเรียนขนาดเล็ก" in p.name)
    assert project.budget.amount == 50000
    assert len(project.objectives) >= 2
    text = doc.source.text
    for obj in project.objectives:  # every value points at its place, page included
        assert 1 <= obj.span.page <= 6
        assert text[obj.span.start:obj.span.end] == obj.text or obj.text in " ".join(
            text[obj.span.start:obj.span.end].split())


@needs_tesseract
def test_images_are_read_page_by_page(scanned_page, tmp_path):
    pdf, png = scanned_page
    result = CliRunner().invoke(main, ["extract", str(png), "--compact"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"]["format"] == "image" and data["source"]["ocr_pages"] == [1]
    images = rasterize(variant("004"), [57, 58], dpi=150)
    tif = tmp_path / "two.tif"
    images[0].save(tif, save_all=True, append_images=images[1:], dpi=(150, 150))
    result = CliRunner().invoke(main, ["extract", str(tif), "--compact", "--include-text"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"]["pages"] == 2 and data["source"]["ocr_pages"] == [1, 2]
    assert "โรงเรียนขนาดเล็ก" in data["source_text"]


@needs_tesseract
def test_batch_cpu_limit_counts_tesseract(scanned_page):
    from extractor.batch.worker import DEFAULT_EXTRACTOR, Task, run_task

    pdf, _ = scanned_page
    task = Task("scan", str(pdf), "scan.pdf", False, DEFAULT_EXTRACTOR, ocr="always", cpu_budget=0.001)
    result = run_task(task)
    assert result.error_class == "Timeout" and "OCR included" in result.message
    ok = run_task(Task("scan", str(pdf), "scan.pdf", False, DEFAULT_EXTRACTOR, ocr="always", cpu_budget=600))
    assert ok.ok and json.loads(ok.json)["source"]["ocr_pages"] == [1]


# ---------------------------------------------------------------- Thai digits by shape

needs_thai_font = pytest.mark.skipif(not __import__("extractor.readers.thai_digits", fromlist=["x"]).available(),
                                     reason="no Thai font installed")


def _drawn(text: str, size: int = 44) -> np.ndarray:
    """A greyscale line with ``text`` drawn in the first Thai font found (as a scan at 200 dpi would show it)."""
    from PIL import Image, ImageDraw, ImageFont

    from extractor.readers.thai_digits import _font_paths

    font = ImageFont.truetype(_font_paths()[0], size)
    image = Image.new("L", (40 + size * len(text), 2 * size), 255)
    ImageDraw.Draw(image).text((20, size // 3), text, font=font, fill=0)
    return np.asarray(image)


@needs_thai_font
@pytest.mark.parametrize("number", ["๒๕๖๖", "๔๕,๐๐๐", "๘๐", "๗.", "๑๙๓", "๖๗๘๙"])
def test_thai_digits_are_read_by_shape(number):
    from extractor.readers.thai_digits import reread

    line = _drawn(number)
    found = reread(line, 25, 30, 0, line.shape[0])  # from a box on the first glyph only
    assert found is not None and found[0] == number


@needs_thai_font
def test_thai_letters_are_not_read_as_digits():
    from extractor.readers.thai_digits import reread

    line = _drawn("งบประมาณ")
    assert reread(line, 25, 40, 0, line.shape[0]) is None


def test_without_tesseract_a_pdf_with_some_text_is_read_from_it(monkeypatch, caplog):
    """Scanned signature pages at the end of a typed plan must not cost the whole plan."""
    monkeypatch.setattr(ocr_module, "engine_problem", lambda: "OCR needs the Tesseract program")
    typed = PageText(_glyphs(CLEAN), [], (595, 842))
    scan = PageText([], [], (595, 842), has_picture=True)
    with caplog.at_level(logging.WARNING, logger="thaiplan"):
        assert pages_to_ocr("plan.pdf", OcrOptions(), [typed, scan]) == []
    assert ("page(s) 2 have no text layer (scanned?) and were not read: OCR needs the Tesseract program "
            '(docs/formats.md, "Scans and damaged pages: OCR", says how to install it)') in caplog.text
    with pytest.raises(ocr_module.OcrUnavailable):  # nothing to read without OCR: refused with the install line
        pages_to_ocr("scan.pdf", OcrOptions(), [scan, scan])
    with pytest.raises(ocr_module.OcrUnavailable):  # asked for: refused
        pages_to_ocr("plan.pdf", OcrOptions(OcrMode.ALWAYS), [typed])
