"""Plain-text reader: decode exactly, keeping every character so spans stay exact.

Encodings tried, in order: a BOM (UTF-8, UTF-16/32), strict UTF-8, UTF-16
without BOM (many NULs in alternate bytes), the Thai legacy code page
cp874/TIS-620, then charset-normalizer's best guess.
"""

from __future__ import annotations

import codecs

from ..errors import InputError
from ..model import SourceText

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_like_text(text: str) -> bool:
    """True when nearly all characters are printable, whitespace or Thai."""
    if not text:
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or 0x80 <= ord(ch) < 0xA0)
    return bad / len(text) < 0.001


def _thai_share(text: str) -> float:
    letters = [ch for ch in text if not ch.isspace() and not ch.isascii()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "\u0e00" <= ch <= "\u0e7f") / len(letters)


def detect_and_decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise ValueError with the reason."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), ("utf-8" if enc == "utf-8-sig" else enc)
            except UnicodeDecodeError as exc:
                raise ValueError(f"has a {enc} byte-order mark but invalid {enc} at byte {exc.start}") from None
    if b"\x00" in data[:4096]:
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
            if zeros > len(data[:4096]) // 4:
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                if _looks_like_text(text):
                    return text, enc
        raise ValueError("binary file (contains NUL bytes): not a text, Word or PDF document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
        if _looks_like_text(text) and _thai_share(text) > 0.5:
            return text, "cp874"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _looks_like_text(text):
            return text, best.encoding
    raise ValueError("undecodable bytes: not UTF-8, UTF-16 or Thai cp874/TIS-620 text; "
                     "re-save it as UTF-8")


def read_text_bytes(path: str | None, data: bytes) -> SourceText:
    try:
        text, encoding = detect_and_decode(data)
    except ValueError as exc:
        raise InputError(path, str(exc)) from None
    return SourceText(text=text, path=path, format="txt", encoding=encoding)
