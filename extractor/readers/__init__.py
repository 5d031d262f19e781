"""Readers: one per input format, each turning a file into a :class:`SourceText`.

``read(path)`` picks the reader by file extension (and by content for files
without a known extension) and raises :class:`InputError` with a one-line,
actionable message for anything it cannot read.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable

from ..errors import InputError
from ..model import SourceText
from .text_reader import read_text_bytes

Reader = Callable[[str, bytes], SourceText]

_READERS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text", "": "text",
    ".docx": "docx", ".pdf": "pdf", ".doc": "doc",
}

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".doc")


def _load_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(str(path), "file not found")
    if path.is_dir():
        raise InputError(str(path), "is a directory, not a file (use `thaiplan batch` for folders)")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError(str(path), "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise InputError(str(path), "empty file: there is nothing to extract")
    return data


def read(path: str | os.PathLike[str]) -> SourceText:
    """Read any supported file into a SourceText (text, encoding, pages, sha256)."""
    p = Path(path)
    data = _load_bytes(p)
    kind = _READERS.get(p.suffix.lower())
    if kind is None:
        kind = _sniff(data)
    if kind == "docx" or (kind == "text" and data[:4] == b"PK\x03\x04"):
        from .docx_reader import read_docx
        src = read_docx(str(p), data)
    elif kind == "pdf" or (kind == "text" and data[:5] == b"%PDF-"):
        from .pdf_reader import read_pdf
        src = read_pdf(str(p), data)
    elif kind == "doc":
        from .doc_reader import read_doc
        src = read_doc(str(p), data)
    else:
        src = read_text_bytes(str(p), data)
    src.path = str(path)
    src.sha256 = hashlib.sha256(data).hexdigest()
    if not src.text.strip():
        raise InputError(str(p), "the document contains no text")
    return src


def _sniff(data: bytes) -> str:
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "docx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "doc"
    return "text"


def from_string(text: str, path: str | None = None) -> SourceText:
    """Wrap text already in memory (the Python API accepts a string)."""
    data = text.encode("utf-8")
    return SourceText(text=text, path=path, format="txt", encoding="utf-8",
                      sha256=hashlib.sha256(data).hexdigest())
