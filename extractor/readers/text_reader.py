"""Plain-text reader: decode exactly, keeping every character so spans stay exact.

Encodings tried, in order: a BOM (UTF-8, UTF-16/32), strict UTF-8, UTF-16
without BOM (many NULs in alternate bytes), the Thai legacy code page
cp874/TIS-620, then charset-normalizer's best guess.

A file that is clearly UTF-8 (or UTF-16/32 by its BOM) but damaged in a few
places (a truncated copy, one corrupted byte) is read anyway: each bad byte
sequence becomes U+FFFD (one character) and a warning says how many and where.
"A few" is at most :data:`MAX_BAD_SHARE` of the bytes (and at least
:data:`MIN_BAD_ALLOWED` sequences); more damage than that is refused.
"""

from __future__ import annotations

import codecs
import threading

from ..errors import InputError
from ..model import SourceText
from .safety import warn

#: Share of a file's bytes that may be bad byte sequences in an otherwise UTF-8 file ...
MAX_BAD_SHARE = 0.001
#: ... and the number always allowed (a small file with one bad byte is read too).
MIN_BAD_ALLOWED = 3
#: A damaged file counts as UTF-8 only with this many valid multi-byte characters per bad sequence.
UTF8_EVIDENCE = 10

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


class Damage:
    """Bad byte sequences replaced while decoding: how many, and where the first was."""

    def __init__(self, count: int, first: int, line: int) -> None:
        self.count, self.first, self.line = count, first, line

    def __str__(self) -> str:
        seqs = "sequence was" if self.count == 1 else "sequences were"
        return (f"{self.count} invalid byte {seqs} replaced by U+FFFD (the replacement character); the first is at byte "
                f"{self.first} (line {self.line}): the file is slightly damaged")


class _TooDamaged(Exception):
    pass


_local = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    bad: list[int] = _local.bad
    bad.append(exc.start)  # type: ignore[attr-defined]
    if len(bad) > _local.allowed:
        raise _TooDamaged
    return "\ufffd", exc.end  # type: ignore[attr-defined]


codecs.register_error("thaiplan-count-replace", _count_and_replace)


def _lenient(data: bytes, enc: str, exc: UnicodeDecodeError) -> tuple[str, Damage] | None:
    """``data`` decoded with replacement when the damage is small, else None."""
    _local.bad, _local.allowed = [], max(MIN_BAD_ALLOWED, int(MAX_BAD_SHARE * len(data)))
    try:
        text = data.decode(enc, "thaiplan-count-replace")
    except _TooDamaged:
        return None
    finally:
        bad, _local.bad = _local.bad, []
    if not bad:
        return None
    if enc.startswith("utf-8"):
        multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - len(bad)
        if multibyte < UTF8_EVIDENCE * len(bad):
            return None  # rather a single-byte code page: let the other guesses try
    return text, Damage(len(bad), bad[0], data.count(b"\n", 0, bad[0]) + 1)


def detect_and_decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise ValueError with the reason."""
    text, enc, _ = decode(data)
    return text, enc


def decode(data: bytes) -> tuple[str, str, Damage | None]:
    """Return (text, encoding name, damage replaced or None) or raise ValueError with the reason."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            name = "utf-8" if enc == "utf-8-sig" else enc
            try:
                return data.decode(enc), name, None
            except UnicodeDecodeError as exc:
                fixed = _lenient(data, enc, exc)
                if fixed is not None:
                    return fixed[0], name, fixed[1]
                raise ValueError(f"has a {name} byte-order mark but is not {name} text (invalid bytes from "
                                 f"byte {exc.start} on, too many to repair): re-save it as UTF-8") from None
    if b"\x00" in data[:4096]:
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
            if zeros > len(data[:4096]) // 4:
                damage = None
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError as exc:
                    fixed = _lenient(data, enc, exc)
                    if fixed is None:
                        continue
                    text, damage = fixed
                if _looks_like_text(text):
                    return text, enc, damage
        raise ValueError("binary file (contains NUL bytes): not a text, Word or PDF document")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        fixed = _lenient(data, "utf-8", exc)
        if fixed is not None:
            return fixed[0], "utf-8", fixed[1]
    try:
        text = data.decode("cp874")
        if _looks_like_text(text) and _thai_share(text) > 0.5:
            return text, "cp874", None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _looks_like_text(text):
            return text, best.encoding, None
    raise ValueError("undecodable bytes: not UTF-8, UTF-16 or Thai cp874/TIS-620 text; "
                     "re-save it as UTF-8")


def read_text_bytes(path: str | None, data: bytes) -> SourceText:
    try:
        text, encoding, damage = decode(data)
    except ValueError as exc:
        raise InputError(path, str(exc)) from None
    if damage is not None:
        warn(path, str(damage))
    return SourceText(text=text, path=path, format="txt", encoding=encoding)
