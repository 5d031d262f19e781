"""Hostile inputs: every reader stays within bounded time and memory, or refuses the file
with a one-line InputError that says which limit (see docs/formats.md).

Every hostile file is tiny and built here (PDFs byte by byte, .docx with zipfile).
Time and memory are checked loosely: the Python heap with tracemalloc, the whole
process (pdfium's native memory too) by the growth of its peak resident size.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import resource
import struct
import sys
import time
import tracemalloc
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.readers import from_string, pdf_guard, read
from extractor.readers.docx_numbering import format_number
from extractor.readers.pdf_paragraphs import MAX_BLANK_LINES
from extractor.readers.pdf_reader import MAX_PAGE_BLANK_LINES
from extractor.readers.safety import limit
from pdf_builders import PAGE_TREE, _PAD, _rc4, build_pdf, stream

MB = 1 << 20
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


@contextmanager
def bounded(seconds: float = 3.0, heap_mb: float = 100, rss_mb: float = 400):
    """The block runs within ``seconds``, a Python heap peak of ``heap_mb`` and a process
    peak that grows by at most ``rss_mb`` (ru_maxrss only grows, so this is loose)."""
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024  # kB on Linux
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert peak < heap_mb * MB, f"Python heap peak {peak / MB:.0f} MB"
    assert grown < rss_mb, f"peak resident memory grew {grown:.0f} MB"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refused(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path))
    return info.value.problem


# ---------------------------------------------------------------- PDF builders

def page_pdf(content: bytes, extra: bytes = b"", resources: bytes = b"/Font << /F1 5 0 R >>",
             more: list[bytes] | None = None, contents: bytes = b"4 0 R") -> bytes:
    """One page (object 3) drawing ``content`` (object 4) with Helvetica (object 5)."""
    return build_pdf(PAGE_TREE + [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %s /Resources << %s >> >>"
        % (contents, resources),
        stream(content, extra), FONT, *(more or [])])


def deflate_bomb(size: int, head: bytes = b"BT /F1 12 Tf 72 400 Td (Hello plan) Tj ET\n") -> bytes:
    """``head`` then ``size`` bytes of spaces, deflated (about 1000:1)."""
    z = zlib.compressobj(9)
    chunk = b" " * MB
    parts = [z.compress(head)] + [z.compress(chunk) for _ in range(size // MB)]
    return b"".join(parts) + z.flush()


def lzw_encode(data: bytes) -> bytes:
    """PDF LZW (early change 1), enough to test the bounded decoder."""
    table = {bytes([i]): i for i in range(256)}
    bits, out, acc, nacc = 9, bytearray(), 0, 0

    def emit(code: int) -> None:
        nonlocal acc, nacc
        acc, nacc = (acc << bits) | code, nacc + bits
        while nacc >= 8:
            nacc -= 8
            out.append((acc >> nacc) & 0xFF)
        acc &= (1 << nacc) - 1

    emit(256)
    w = b""
    for byte in data:
        wc = w + bytes([byte])
        if wc in table:
            w = wc
            continue
        emit(table[w])
        table[wc] = len(table) + 2  # 256, 257 are clear and end
        size = len(table) + 2  # the next code
        if size >= 4096:
            emit(256)
            table, bits = {bytes([i]): i for i in range(256)}, 9
        else:
            bits = 9 if size < 512 else 10 if size < 1024 else 11 if size < 2048 else 12
        w = bytes([byte])
    if w:
        emit(table[w])
    emit(257)
    if nacc:
        out.append((acc << (8 - nacc)) & 0xFF)
    return bytes(out)


def nested_forms_pdf(depth: int, fan: int) -> bytes:
    """Each form draws the next one ``fan`` times, ``depth`` deep: fan**depth forms from ~2 KB."""
    objs = PAGE_TREE + [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >> >>",
        stream(b"BT /F1 12 Tf 72 600 Td (Forms below) Tj ET " + b"/X Do " * fan), FONT]
    for k in range(depth):
        form = b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
        if k < depth - 1:
            objs.append(stream(b"/X Do " * fan, form + b"/Resources << /XObject << /X %d 0 R >> >>" % (7 + k)))
        else:
            objs.append(stream(b"BT /F1 12 Tf 72 400 Td (A) Tj ET", form + b"/Resources << /Font << /F1 5 0 R >> >>"))
    return build_pdf(objs)


def many_pages_pdf(n: int) -> bytes:
    """A page tree that lists one page ``n`` times."""
    return build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join([b"3 0 R"] * n), n),
                      b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                      b"/Resources << /Font << /F1 5 0 R >> >> >>",
                      stream(b"BT /F1 12 Tf 72 400 Td (Hello plan 2566) Tj ET"), FONT])


def encrypted_page_pdf(content: bytes, extra: bytes) -> bytes:
    """``page_pdf`` encrypted with RC4-40 and an empty user password (pdf_builders' scheme)."""
    doc_id = hashlib.md5(b"thaiplan bomb").digest()
    perms = -44
    o_entry = _rc4(hashlib.md5((b"owner" + _PAD)[:32]).digest()[:5], _PAD)
    key = hashlib.md5(_PAD + o_entry + struct.pack("<i", perms) + doc_id).digest()[:5]
    u_entry = _rc4(key, _PAD)
    obj_key = hashlib.md5(key + struct.pack("<i", 4)[:3] + b"\0\0").digest()[:10]
    pdf = page_pdf(_rc4(obj_key, content), extra)
    enc = (b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >> /ID [<%s> <%s>]"
           % (o_entry.hex().encode(), u_entry.hex().encode(), perms, doc_id.hex().encode(), doc_id.hex().encode()))
    return pdf.replace(b"/Root 1 0 R ", b"/Root 1 0 R " + enc + b" ")


def tounicode_pdf(target: bytes) -> bytes:
    """Helvetica whose ToUnicode map sends "A" to ``target`` (UTF-16BE hex) and "B" to B."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> " + target +
            b" <42> <0042> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    return build_pdf(PAGE_TREE + [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"BT /F1 12 Tf 72 400 Td (BABBB) Tj ET"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        stream(cmap)])


# ---------------------------------------------------------------- 1. blank-line bomb

def test_pdf_blank_line_bomb_is_capped(tmp_path):
    """Two lines in a 0.01 pt font 700,000 pt apart used to make 44 million blank lines (1.4 GB)."""
    data = page_pdf(b"BT /F1 0.01 Tf 72 750 Td (Aa) Tj 0 -700000 Td (Bb) Tj ET")
    assert len(data) < 1000
    with bounded(seconds=2, heap_mb=20):
        layout = read(_write(tmp_path, "blank.pdf", data))
    text = layout.source.text
    assert "Aa" in text and "Bb" in text
    assert text.count("\n") <= MAX_BLANK_LINES + 2
    assert max(b.blank_before for b in layout.blocks) <= MAX_BLANK_LINES


def test_pdf_blank_lines_are_capped_per_page(tmp_path):
    """Many widely spaced lines on one page: each gap keeps 20 blank lines, the page 200 in all."""
    ops = b"BT /F1 0.05 Tf 72 780 Td " + b"(Aa) Tj 0 -10000 Td " * 60 + b"ET"
    with bounded(seconds=3):
        layout = read(_write(tmp_path, "spaced.pdf", page_pdf(ops)))
    assert sum(b.blank_before for b in layout.blocks) <= MAX_PAGE_BLANK_LINES
    assert layout.source.text.count("Aa") == 60


# ---------------------------------------------------------------- 2. decompression bombs, sizes

def test_pdf_deflate_bomb_is_refused_before_pdfium(tmp_path):
    """~100 KB that inflates past the 64 MB stream limit: measured with a bounded inflater."""
    data = page_pdf(deflate_bomb(80 * MB), b"/Filter /FlateDecode")
    assert len(data) < 200_000
    with bounded(seconds=3, heap_mb=150, rss_mb=300):
        problem = _refused(_write(tmp_path, "bomb.pdf", data))
    assert "too large to read safely" in problem and "more than 64 MB" in problem
    assert "docs/formats.md" in problem and "THAIPLAN_MAX_PDF_STREAM_MB" in problem


def test_pdf_filter_chains_are_undone_within_the_limit(tmp_path, monkeypatch):
    """Deflate inside deflate (1000 x 1000), and LZW, are refused; their data is decoded right."""
    monkeypatch.setenv("THAIPLAN_MAX_PDF_STREAM_MB", "1")
    double = zlib.compress(deflate_bomb(40 * MB), 9)
    assert len(double) < 20_000
    with bounded(seconds=2, heap_mb=30):
        assert "more than 1 MB" in _refused(_write(tmp_path, "double.pdf", page_pdf(
            double, b"/Filter [/FlateDecode /FlateDecode]")))
    lzw = lzw_encode(b"BT /F1 12 Tf 72 400 Td (Hello) Tj ET " + b" " * (MB + MB // 4))
    with bounded(seconds=3, heap_mb=30):
        assert "more than 1 MB" in _refused(_write(tmp_path, "lzw.pdf", page_pdf(lzw, b"/Filter /LZWDecode")))
    from pdfminer.lzw import lzwdecode

    sample = ("โครงการพัฒนาระบบ 2566 " * 300).encode("utf-8")
    assert pdf_guard._lzw(lzw_encode(sample), MB) == lzwdecode(lzw_encode(sample)) == sample
    assert pdf_guard._run_length(b"\x02abc\xfdz\x80", MB) == b"abczzzz"


def test_pdf_encrypted_bomb_is_measured_after_decryption(tmp_path):
    data = encrypted_page_pdf(deflate_bomb(80 * MB), b"/Filter /FlateDecode")
    with bounded(seconds=4, heap_mb=150, rss_mb=300):
        assert "more than 64 MB" in _refused(_write(tmp_path, "enc-bomb.pdf", data))
    small = encrypted_page_pdf(zlib.compress(b"BT /F1 12 Tf 72 400 Td (Hello plan 2566) Tj ET"),
                               b"/Filter /FlateDecode")
    assert "Hello plan 2566" in read(_write(tmp_path, "enc.pdf", small)).source.text


def test_pdf_image_stream_used_as_page_content_is_measured(tmp_path):
    """Images are not inflated (pdfium does not decode them to read text) unless a page
    draws one as its content, which pdfium then parses whatever its dictionary says."""
    disguised = b"/Filter /FlateDecode /Subtype /Image /Width 8 /Height 8 /BitsPerComponent 8"
    with bounded(seconds=3, heap_mb=150, rss_mb=300):
        assert "more than 64 MB" in _refused(_write(tmp_path, "img.pdf",
                                                     page_pdf(deflate_bomb(80 * MB), disguised)))
    image = stream(deflate_bomb(80 * MB, b""), b"/Type /XObject " + disguised)
    data = page_pdf(b"BT /F1 12 Tf 72 400 Td (Hello plan 2566) Tj ET q 8 0 0 8 0 0 cm /Im1 Do Q",
                    resources=b"/Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >>", more=[image])
    with bounded(seconds=2, heap_mb=20):
        assert "Hello plan 2566" in read(_write(tmp_path, "photo.pdf", data)).source.text


def test_pdf_picture_bomb_is_refused_before_a_page_is_rendered_for_ocr(tmp_path, caplog):
    """A scan's picture is decoded when the page is rendered for OCR: it is measured first."""
    disguised = b"/Filter /FlateDecode /Subtype /Image /Width 8 /Height 8 /BitsPerComponent 8"
    image = stream(deflate_bomb(80 * MB, b""), b"/Type /XObject " + disguised)
    scan = page_pdf(b"q 8 0 0 8 0 0 cm /Im1 Do Q", resources=b"/XObject << /Im1 6 0 R >>", more=[image])
    with bounded(seconds=5, heap_mb=300, rss_mb=600):  # the measuring stops past the 64 MB stream limit
        assert "more than 64 MB" in _refused(_write(tmp_path, "scan.pdf", scan))
    short = page_pdf(b"BT /F1 12 Tf 72 400 Td (No. 7) Tj ET q 8 0 0 8 0 0 cm /Im1 Do Q",
                     resources=b"/Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >>", more=[image])
    with bounded(seconds=5, heap_mb=300, rss_mb=600), caplog.at_level("WARNING", logger="thaiplan"):
        assert "No. 7" in read(_write(tmp_path, "stamp.pdf", short)).source.text
    assert "pages not read by OCR" in caplog.text


def test_pdf_page_drawing_one_stream_many_times_is_refused(tmp_path):
    """/Contents [4 0 R 4 0 R ...]: one 100 KB stream counted as often as the page uses it."""
    content = b"BT /F1 12 Tf 72 400 Td (Hello) Tj ET " + b"0 0 m 1 1 l S\n" * 7000
    data = page_pdf(content, contents=b"[" + b"4 0 R " * 100 + b"]")
    with bounded(seconds=2, heap_mb=30):
        assert "a page's content" in _refused(_write(tmp_path, "repeat.pdf", data))


def test_pdf_nested_forms_bomb_is_refused(tmp_path):
    """Forms drawing forms 10 times, 6 deep: a million form objects (1.7 GB in pdfium) from 2 KB."""
    with bounded(seconds=2, heap_mb=20):
        problem = _refused(_write(tmp_path, "forms.pdf", nested_forms_pdf(6, 10)))
    assert "too large to read safely" in problem and ("forms" in problem or "content" in problem)
    with bounded(seconds=2, heap_mb=20):
        assert "Forms below" in read(_write(tmp_path, "few-forms.pdf", nested_forms_pdf(2, 3))).source.text


def test_pdf_page_limit_and_its_override(tmp_path, monkeypatch):
    """One page listed 100,000 times (600 KB) took 47 s: refused at once; the limit can be raised."""
    with bounded(seconds=3, heap_mb=50):
        problem = _refused(_write(tmp_path, "pages.pdf", many_pages_pdf(100_000)))
    assert "100,000 pages, more than 2,000" in problem and "THAIPLAN_MAX_PAGES" in problem
    path = _write(tmp_path, "three.pdf", many_pages_pdf(3))
    monkeypatch.setenv("THAIPLAN_MAX_PAGES", "2")
    assert "3 pages, more than 2" in _refused(path)
    monkeypatch.setenv("THAIPLAN_MAX_PAGES", "3")
    assert read(path).source.pages == 3


def test_pdf_character_limits(tmp_path, monkeypatch):
    """Text operators by the tens of thousands (0.9 MB of them took 55 s and 4.7 GB): read in
    bounded time and memory, and refused past a page or document character limit."""
    path = _write(tmp_path, "glyphs.pdf", page_pdf(b"BT /F1 12 Tf 72 400 Td " + b"(A) Tj " * 10_000 + b"ET"))
    with bounded(seconds=5, heap_mb=60, rss_mb=300):
        assert read(path).source.text.count("A") == 10_000
    monkeypatch.setenv("THAIPLAN_MAX_PAGE_CHARS", "5000")
    with bounded(seconds=1, heap_mb=10):
        assert "page 1 has more than 5,000 characters" in _refused(path)
    monkeypatch.delenv("THAIPLAN_MAX_PAGE_CHARS")
    monkeypatch.setenv("THAIPLAN_MAX_PDF_CHARS", "8000")
    assert "more than 8,000 characters" in _refused(path)


def test_page_limit_from_the_environment_on_the_command_line(tmp_path):
    from click.testing import CliRunner

    from extractor.cli import main

    path = _write(tmp_path, "three.pdf", many_pages_pdf(3))
    result = CliRunner().invoke(main, ["extract", str(path)], env={"THAIPLAN_MAX_PAGES": "2"})
    assert result.exit_code == 2
    err = getattr(result, "stderr", None) or result.output
    assert "3 pages, more than 2" in err and "docs/formats.md" in err and "Traceback" not in err


def test_a_limit_set_to_nonsense_is_an_input_error(monkeypatch):
    monkeypatch.setenv("THAIPLAN_MAX_PAGES", "lots")
    with pytest.raises(InputError) as info:
        limit("MAX_PAGES", 2000)
    assert "THAIPLAN_MAX_PAGES" in str(info.value) and "positive whole number" in str(info.value)
    monkeypatch.setenv("THAIPLAN_MAX_PAGES", "5_000")
    assert limit("MAX_PAGES", 2000) == 5000


def test_pdf_object_hidden_in_another_streams_bytes_is_measured(tmp_path):
    """The cross-reference table can point into a stream's data: the scan looks there too."""
    bomb = deflate_bomb(80 * MB)
    inner = b"7 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream\nendobj\n"
    data = page_pdf(b"BT /F1 12 Tf 72 400 Td (Hello) Tj ET", more=[stream(inner)])
    with bounded(seconds=3, heap_mb=150, rss_mb=300):
        assert "more than 64 MB" in _refused(_write(tmp_path, "hidden.pdf", data))


def test_pdf_scan_stays_linear_on_malformed_objects():
    """Objects without endobj or endstream must not make the scan quadratic."""
    for body in (b"%d 0 obj << /A 1 >>\n", b"%d 0 obj << /Length 9 >> stream\nabc\n"):
        data = b"%PDF-1.4\n" + b"".join(body % k for k in range(1, 50_000)) + b"\n%%EOF\n"
        t0 = time.perf_counter()
        try:
            pdf_guard.check_pdf("x.pdf", data)
        except InputError as exc:
            assert "too large" in exc.problem
        assert time.perf_counter() - t0 < 3


def test_real_pdfs_pass_the_guard_quickly():
    root = Path(__file__).resolve().parent.parent / "corpora" / "variants"
    for path in sorted(root.glob("*.pdf")):
        t0 = time.perf_counter()
        pdf_guard.check_pdf(str(path), path.read_bytes())
        assert time.perf_counter() - t0 < 0.5


# ---------------------------------------------------------------- .docx builders

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def docx_bytes(body: str, numbering: str | None = None, extra_rels: tuple[str, ...] = (),
               extra: dict[str, bytes] | None = None, level: int = 9) -> bytes:
    """A minimal .docx; ``extra_rels`` adds document relationships (type's last word, target)."""
    rels = [f'<Relationship Id="rId{k}" Type="{R}/{kind}" Target="{target}"/>'
            for k, (kind, target) in enumerate((r.split(" ") for r in extra_rels), 10)]
    if numbering is not None:
        rels.append(f'<Relationship Id="rId1" Type="{R}/numbering" Target="numbering.xml"/>')
    members = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{CT_MAIN}"/></Types>').encode(),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
            '</Relationships>').encode(),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels) + "</Relationships>").encode(),
        "word/document.xml": f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'.encode(),
    }
    if numbering is not None:
        members["word/numbering.xml"] = f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>'.encode()
    members.update(extra or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def para(text: str, num: bool = False) -> str:
    ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' if num else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def numbering_xml(start: str, fmt: str) -> str:
    return (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')


# ---------------------------------------------------------------- 3. numbering bomb

@pytest.mark.parametrize("fmt", ["lowerRoman", "upperRoman", "lowerLetter", "upperLetter", "thaiLetters"])
def test_docx_huge_list_start_gives_short_labels(tmp_path, fmt):
    """w:start 99999999999999 in roman or letters made 5 GB of label from 35 KB."""
    body = "".join(para(f"item {k}", num=True) for k in range(200))
    data = docx_bytes(body, numbering_xml("99999999999999", fmt))
    with bounded(seconds=2, heap_mb=30):
        layout = read(_write(tmp_path, "numbers.docx", data))
    lines = layout.source.text.splitlines()
    assert len(lines) == 200 and max(len(line) for line in lines) < 40
    assert lines[0].startswith("32767.") and lines[1].startswith("32768.")


def test_format_number_is_short_for_any_value():
    assert format_number(3999, "upperRoman") == "MMMCMXCIX" and format_number(4000, "lowerRoman") == "4000"
    assert format_number(26 * 16, "lowerLetter") == "z" * 16 and format_number(26 * 16 + 1, "lowerLetter") == "417"
    with bounded(seconds=0.5, heap_mb=5):
        for fmt in ("lowerRoman", "lowerLetter", "thaiLetters", "decimalZero", "thaiNumbers"):
            assert len(format_number(10 ** 15, fmt)) < 40


def test_docx_huge_level_number_and_label_template(tmp_path):
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 f'<w:numFmt w:val="decimal"/><w:lvlText w:val="{"%1" * 5000}"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    body = para("x", num=True) + ('<w:p><w:pPr><w:numPr><w:ilvl w:val="' + "9" * 5000 +
                                  '"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>y</w:t></w:r></w:p>')
    with bounded(seconds=1, heap_mb=20):
        text = read(_write(tmp_path, "template.docx", docx_bytes(body, numbering))).source.text
    assert text.splitlines()[0] == "1" * 32 + " x" and text.splitlines()[1] == "y"


# ---------------------------------------------------------------- 4. zip ratios, sizes

def test_docx_parts_under_10_mb_are_ratio_checked(tmp_path):
    """18 headers of blanks (592 KB zipped) reached 2.7 GB; parts under 10 MB were not ratio-checked.
    Now each part of 1 MiB or more is (and headers are never unpacked anyway)."""
    headers = {f"word/header{k}.xml": b" " * (2 * MB) for k in range(18)}
    data = docx_bytes(para("hello"), extra=headers,
                      extra_rels=tuple(f"header header{k}.xml" for k in range(18)))
    with bounded(seconds=3, heap_mb=60):
        problem = _refused(_write(tmp_path, "headers.docx", data))
    assert "zip bomb" in problem and "expands" in problem


def test_docx_many_small_parts_are_ratio_checked_as_a_whole(tmp_path):
    """Parts under 1 MiB each are not checked one by one; the archive's overall ratio is."""
    parts = {f"word/part{k}.xml": b" " * (900 * 1024) for k in range(40)}
    with bounded(seconds=3, heap_mb=60):
        problem = _refused(_write(tmp_path, "parts.docx", docx_bytes(para("hello"), extra=parts)))
    assert "expands" in problem and "in all" in problem


def test_docx_paragraph_limit(tmp_path, monkeypatch):
    path = _write(tmp_path, "long.docx", docx_bytes("".join(para(f"p{k}") for k in range(500))))
    assert read(path).source.text.count("\n") == 499
    monkeypatch.setenv("THAIPLAN_MAX_PARAGRAPHS", "100")
    assert "more than 100 paragraphs" in _refused(path)


def test_docx_xml_part_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("THAIPLAN_MAX_XML_PART_MB", "1")
    body = "".join(para(f"ข้อความที่ {k} งบประมาณ {k * 7919 % 100003:,} บาท") for k in range(20_000))
    problem = _refused(_write(tmp_path, "big.docx", docx_bytes(body, level=1)))
    assert "main document unpacks to" in problem and "more than 1 MB" in problem


# ---------------------------------------------------------------- 5. errors in the user's terms

@pytest.mark.parametrize("missing", ["settings.xml", "styles.xml", "numbering.xml", "header1.xml",
                                     "footer1.xml", "fontTable.xml", "media/image1.png"])
def test_docx_missing_optional_part_is_read(tmp_path, missing):
    """A relationship to a part the archive lacks ("There is no item named 'word/settings.xml'")."""
    kind = {"settings.xml": "settings", "styles.xml": "styles", "numbering.xml": "numbering",
            "header1.xml": "header", "footer1.xml": "footer", "fontTable.xml": "fontTable",
            "media/image1.png": "image"}[missing]
    data = docx_bytes(para("โครงการพัฒนา", num=True), extra_rels=(f"{kind} {missing}",))
    assert read(_write(tmp_path, "partial.docx", data)).source.text == "โครงการพัฒนา"


def test_docx_damaged_optional_part_is_skipped_with_a_warning(tmp_path, caplog):
    data = docx_bytes(para("ok", num=True), extra_rels=("styles styles.xml",),
                      extra={"word/styles.xml": b"<w:styles"})
    with caplog.at_level(logging.WARNING, logger="thaiplan"):
        assert read(_write(tmp_path, "styles.docx", data)).source.text == "ok"
    assert "styles part is damaged" in caplog.text


def test_docx_errors_say_what_is_wrong(tmp_path):
    deep = "<w:sdt><w:sdtContent>" * 300 + para("x") + "</w:sdtContent></w:sdt>" * 300
    problem = _refused(_write(tmp_path, "deep.docx", docx_bytes(deep)))
    assert "too complex to read safely" in problem and "256 levels" in problem
    assert "XML_PARSE_HUGE" not in problem
    broken = docx_bytes(para("x"), extra={"word/document.xml": b"<w:document><w:body>"})
    problem = _refused(_write(tmp_path, "broken.docx", broken))
    assert problem.startswith("corrupted .docx file") and "main document" in problem
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:  # an Excel workbook named .docx
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                    'content-types"><Override PartName="/xl/workbook.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        zf.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                    f'relationships"><Relationship Id="rId1" Type="{R}/officeDocument" '
                    'Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert "another Office format" in _refused(_write(tmp_path, "sheet.docx", buf.getvalue()))


def test_pdf_errors_say_what_is_wrong(tmp_path):
    no_pages = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    for name, data in [("broken.pdf", no_pages), ("noise.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")]:
        problem = _refused(_write(tmp_path, name, data))
        assert problem.startswith("corrupted PDF") and "PDFium" not in problem and "Success" not in problem


# ---------------------------------------------------------------- 6. text with a few bad bytes

def test_text_with_one_bad_byte_is_read_with_a_warning(tmp_path, caplog):
    good = ("แผนพัฒนาท้องถิ่น โครงการที่ ๑ งบประมาณ 500,000 บาท\n" * 40).encode("utf-8")
    at = good.index(b"500,000", 300)  # a character boundary
    data = good[:at] + b"\xff" + good[at:]
    with caplog.at_level(logging.WARNING, logger="thaiplan"):
        src = read(_write(tmp_path, "damaged.txt", data)).source
    assert src.encoding == "utf-8" and src.text.count("\ufffd") == 1
    assert src.text.replace("\ufffd", "") == good.decode("utf-8")
    assert "1 invalid byte sequence was replaced by U+FFFD" in caplog.text and f"byte {at} (line 3)" in caplog.text


def test_text_warning_reaches_stderr_as_one_line(tmp_path, capfd):
    good = ("โครงการ " * 400).encode("utf-8")
    path = _write(tmp_path, "damaged.txt", good[:21] + b"\xfe" + good[21:])  # after the first space
    root = logging.getLogger()
    handlers, root.handlers = root.handlers, []  # no test-runner handler: logging's own last resort
    try:
        read(path)
    finally:
        root.handlers = handlers
    err = capfd.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"thaiplan: warning: {path}: 1 invalid byte")


def test_text_with_much_damage_is_refused(tmp_path):
    good = ("โครงการพัฒนา " * 100).encode("utf-8")
    damaged = bytearray(good)
    for k in range(0, len(damaged), 50):
        damaged[k] = 0xFF
    problem = _refused(_write(tmp_path, "broken.txt", b"\xef\xbb\xbf" + bytes(damaged)))
    assert "not utf-8 text" in problem and "re-save it as UTF-8" in problem


# ---------------------------------------------------------------- 7. valid Unicode everywhere

@pytest.mark.parametrize("target", [b"<DC00>", b"<D83D>", b"<DFFF>"])
def test_pdf_lone_surrogates_become_replacement_characters(tmp_path, target):
    layout = read(_write(tmp_path, "surrogate.pdf", tounicode_pdf(target)))
    text = layout.source.text
    assert text == "B\ufffdBBB"
    text.encode("utf-8")  # the crash was here, when writing JSON
    json.dumps({"t": text}, ensure_ascii=False).encode("utf-8")
    assert all(p.text.encode("utf-8") for p in layout.paras())


def test_pdf_surrogate_pair_is_one_character(tmp_path):
    assert read(_write(tmp_path, "emoji.pdf", tounicode_pdf(b"<D83DDE00>"))).source.text == "B\U0001F600BBB"


def test_text_api_input_with_surrogates_is_made_valid():
    layout = from_string("โครงการ\udc00 ทดสอบ")
    assert layout.source.text == "โครงการ\ufffd ทดสอบ"
    assert all("\udc00" not in p.text for p in layout.paras())


def test_utf16_text_with_a_lone_surrogate_is_read(tmp_path):
    good = "\ufeffโครงการพัฒนาท้องถิ่น\n".encode("utf-16-le") * 200
    data = good[:100] + "\ud800".encode("utf-16-le", "surrogatepass") + good[100:]
    src = read(_write(tmp_path, "u16.txt", data)).source
    assert src.text.count("\ufffd") == 1 and src.text.encode("utf-8")


# ---------------------------------------------------------------- doctests of the new helpers

@pytest.mark.parametrize("module", ["extractor.readers.safety", "extractor.readers.docx_numbering",
                                    "extractor.readers.pdf_paragraphs"])
def test_doctests(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))


def test_the_api_refuses_pipes_and_devices_without_waiting(tmp_path):
    """readers.read on a FIFO or /dev/zero would wait or never end: one clean error instead."""
    import os

    from extractor import readers
    from extractor.errors import InputError

    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero"):
        with pytest.raises(InputError, match="not a regular file"):
            readers.read(path)
    with pytest.raises(InputError, match="cannot be read"):
        readers.read("x" * 5000 + ".txt")  # a name too long for the file system
