"""Unreadable inputs: each gets a one-line InputError (exit code 2 in the CLI), never a traceback.

Every bad file is real and small, generated here: truncated variants, random
bytes, an encrypted PDF (RC4, standard security handler), an image-only PDF,
zip bombs, legacy .doc (OLE) files.
"""

from __future__ import annotations

import io
import os
import stat
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.errors import InputError
from extractor.readers import read, zip_guard
from extractor.readers.doc_reader import OLE_MAGIC
from pdf_builders import encrypted_pdf, image_only_pdf

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ROOT / "corpora" / "variants"
DOCX = VARIANTS / "004_bb75cf24dda7a38a.docx"
PDF = VARIANTS / "004_bb75cf24dda7a38a.pdf"


# ---------------------------------------------------------------- zip builders

def zip_bytes(members: dict[str, bytes], level: int = 9) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def zero_bomb_docx(size: int) -> bytes:
    """A docx-shaped zip whose document.xml is ``size`` bytes of one repeated byte."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as member:
            chunk = b" " * (1 << 20)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buf.getvalue()


# ---------------------------------------------------------------- the cases

def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _problem(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read(path).source
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path))
    return info.value.problem


CASES = {
    "truncated.pdf": (lambda: PDF.read_bytes()[: PDF.stat().st_size // 2], "truncated PDF"),
    "random.pdf": (lambda: os.urandom(4096), "not a PDF file"),
    "garbled.pdf": (lambda: b"%PDF-1.7\n" + os.urandom(3000) + b"\n%%EOF\n", "corrupted PDF"),
    "encrypted.pdf": (lambda: encrypted_pdf(b"secret"), "encrypted PDF"),
    "scanned.pdf": (image_only_pdf, "OCR"),
    "truncated.docx": (lambda: DOCX.read_bytes()[: DOCX.stat().st_size // 2], "corrupted or truncated"),
    "random.docx": (lambda: os.urandom(4096), "not a Word .docx file"),
    "not-word.docx": (lambda: zip_bytes({"hello.txt": b"just a zip"}), "not a Word document"),
    "broken-xml.docx": (lambda: zip_bytes({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}),
                        "corrupted .docx"),
    "bomb.docx": (lambda: zero_bomb_docx(20 << 20), "zip bomb"),
    "legacy.doc": (lambda: OLE_MAGIC + bytes(4088), "save it as .docx"),
    "protected.docx": (lambda: OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1024),
                       "password-protected"),
}


@pytest.fixture()
def no_soffice(monkeypatch, tmp_path):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gives_one_line_input_error(tmp_path, name, no_soffice):
    make, expected = CASES[name]
    path = _write(tmp_path, name, make())
    assert expected in _problem(path)


def test_scanned_pdf_message_says_ocr_is_needed(tmp_path):
    from extractor.readers.ocr import OcrMode, OcrOptions

    path = _write(tmp_path, "scan.pdf", image_only_pdf())
    with pytest.raises(InputError) as info:
        read(path, OcrOptions(OcrMode.NEVER))
    problem = info.value.problem
    assert "scanned" in problem and "no text layer" in problem and "OCR is needed" in problem
    assert "--ocr never" in problem


def test_encrypted_pdf_is_really_encrypted():
    """The generated file opens with its password: the error above is about encryption only."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(encrypted_pdf(b"secret"), password="secret")
    assert "Hello plan 2566" in doc[0].get_textpage().get_text_range()


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    src = read(_write(tmp_path, "owner-only.pdf", encrypted_pdf(b""))).source
    assert "Hello plan 2566" in src.text and src.pages == 1


def test_zip_bomb_is_refused_from_the_central_directory(tmp_path, monkeypatch):
    """Total declared size above the limit: refused before python-docx unpacks anything."""
    monkeypatch.setattr(zip_guard, "MAX_UNCOMPRESSED_TOTAL", 1 << 20)
    data = zip_bytes({"word/document.xml": os.urandom(2 << 20)}, level=1)
    problem = _problem(_write(tmp_path, "big.docx", data))
    assert "unpack to 2 MB" in problem and "limit 1 MB" in problem


def test_real_docx_passes_the_zip_guard():
    zip_guard.check_zip(str(DOCX), DOCX.read_bytes())


def _fake_soffice(bin_dir: Path, body: str) -> None:
    script = bin_dir / "soffice"
    script.write_text(f"#!{sys.executable}\nimport sys, shutil, pathlib\nargs = sys.argv[1:]\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def test_doc_is_converted_with_libreoffice_when_installed(tmp_path, monkeypatch):
    """`soffice --headless --convert-to docx --outdir DIR FILE` is called; its .docx is read."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_soffice(bin_dir, f"""
assert "--headless" in args and args[args.index("--convert-to") + 1] == "docx"
outdir = pathlib.Path(args[args.index("--outdir") + 1]); outdir.mkdir(parents=True, exist_ok=True)
shutil.copy({str(DOCX)!r}, outdir / (pathlib.Path(args[-1]).stem + ".docx"))""")
    monkeypatch.setenv("PATH", str(bin_dir))
    src = read(_write(tmp_path, "legacy.doc", OLE_MAGIC + bytes(4088))).source
    assert src.format == "doc" and "โครงการ" in src.text


def test_doc_conversion_failure_is_an_input_error(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_soffice(bin_dir, 'sys.stderr.write("Error: source file could not be loaded\\n"); sys.exit(1)')
    monkeypatch.setenv("PATH", str(bin_dir))
    problem = _problem(_write(tmp_path, "broken.doc", OLE_MAGIC + bytes(4088)))
    assert "could not convert" in problem and "source file could not be loaded" in problem


@pytest.mark.parametrize("name", ["truncated.pdf", "encrypted.pdf", "scanned.pdf", "bomb.docx", "legacy.doc"])
def test_cli_exit_code_2_and_one_line(tmp_path, name, no_soffice):
    make, expected = CASES[name]
    path = _write(tmp_path, name, make())
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 2, result.output
    err = getattr(result, "stderr", None) or result.output
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("thaiplan: error:") and expected in lines[0]
    assert "Traceback" not in result.output
