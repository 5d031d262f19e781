"""Readers: one per input format, each turning a file into a :class:`~extractor.blocks.Layout`.

``read(path)`` picks the reader by file extension (and by content for files
without a known extension) and raises :class:`InputError` with a one-line,
actionable message for anything it cannot read.  Whatever the reader, the
text it hands on is valid Unicode: a character that cannot be written as
UTF-8 (a lone surrogate) is replaced by U+FFFD.  The limits that keep the cost
of reading bounded are in docs/formats.md.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from pathlib import Path

from ..blocks import Layout, Para, Table
from ..errors import InputError
from ..model import SourceText
from .ocr import OcrOptions
from .text_layout import text_blocks
from .text_pages import drop_running_lines
from .safety import has_invalid, valid_text
from .text_reader import read_text_bytes

_READERS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text", "": "text",
    ".docx": "docx", ".pdf": "pdf", ".doc": "doc", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
}

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".doc", ".xlsx", ".xls", ".png", ".jpg", ".jpeg", ".tif", ".tiff")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _load_bytes(path: Path) -> bytes:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(str(path), "file not found") from None
    except OSError as exc:  # a name too long, a folder on the way that cannot be entered …
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise InputError(str(path), "is a directory, not a file (use `thaiplan batch` for folders)")
    if not stat.S_ISREG(mode):  # reading a FIFO or a device would wait or never end
        raise InputError(str(path), "is not a regular file (a device, pipe or socket): thaiplan reads files")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError(str(path), "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise InputError(str(path), "empty file: there is nothing to extract")
    return data


def read(path: str | os.PathLike[str], ocr: OcrOptions | None = None) -> Layout:
    """Read any supported file into a Layout (its source text and blocks); ``ocr``
    says when scanned or damaged pages (PDF, images) are read by OCR."""
    p = Path(path)
    data = _load_bytes(p)
    kind = _READERS.get(p.suffix.lower())
    if kind is None:
        kind = _sniff(data)
    if kind == "text" and data[:4] == b"PK\x03\x04":
        kind = "docx"
    elif kind == "text" and data[:5] == b"%PDF-":
        kind = "pdf"
    if kind == "docx":
        from .docx_reader import read_docx
        layout = read_docx(str(p), data)
    elif kind == "pdf":
        from .pdf_reader import read_pdf
        layout = read_pdf(str(p), data, ocr)
    elif kind == "doc":
        from .doc_reader import read_doc
        layout = read_doc(str(p), data)
    elif kind == "image":
        from .image_reader import read_image
        layout = read_image(str(p), data, ocr)
    elif kind in ("xlsx", "xls"):
        from .sheet_reader import read_sheet
        layout = read_sheet(str(p), data, kind)
    else:
        src = read_text_bytes(str(p), data)
        layout = Layout(src, drop_running_lines(src.text, text_blocks(src.text)))
    _make_valid(layout)
    layout.source.path = str(path)
    layout.source.sha256 = hashlib.sha256(data).hexdigest()
    if not layout.source.text.strip():
        raise InputError(str(p), "the document contains no text")
    return layout


def _sniff(data: bytes) -> str:
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "docx"
    if data[:8] == _OLE:
        return "doc"
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff" or data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image"
    return "text"


def from_string(text: str, path: str | None = None) -> Layout:
    """Wrap text already in memory (the Python API's ``extract(text=…)``)."""
    data = text.encode("utf-8", "surrogatepass")
    text = valid_text(text)
    src = SourceText(text=text, path=path, format="txt", encoding="utf-8",
                     sha256=hashlib.sha256(data).hexdigest())
    return Layout(src, drop_running_lines(text, text_blocks(text)))


def _make_valid(layout: Layout) -> None:
    """Replace lone surrogates by U+FFFD in the text and every block (same offsets)."""
    src = layout.source
    if not has_invalid(src.text):
        return
    src.text = text = valid_text(src.text)

    def fix(p: Para) -> Para:
        return dataclasses.replace(p, text=text[p.start:p.end]) if has_invalid(p.text) else p

    for k, block in enumerate(layout.blocks):
        if isinstance(block, Table):
            for cell in block.cells():
                cell.paras = [fix(p) for p in cell.paras]
        else:
            layout.blocks[k] = fix(block)
