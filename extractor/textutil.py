"""Small pure text helpers, one concern each (digits, spaces, numbering, joins).

>>> thai_to_arabic("๒๕๖2")
'2562'
>>> collapse_spaces("ขับเคลื่อน      หลักปรัชญา ")
'ขับเคลื่อน หลักปรัชญา'
>>> strip_numbering("๒.๑. เพื่อพัฒนา")
'เพื่อพัฒนา'
>>> strip_numbering("1) นักเรียน")
'นักเรียน'
>>> strip_numbering("- ร้อยละ ๑๐๐")
'ร้อยละ ๑๐๐'
>>> compact("โครงการ พัฒนา ๑")
'โครงการพัฒนา1'
"""

from __future__ import annotations

import regex

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")

DIGIT = r"[0-9๐-๙]"
# An item number at the start of a line: "๒.๑ ", "3.1.2", "1)", "(๒)", "ข้อ 3", bullets.
NUMBERING_RE = regex.compile(
    r"^\s*(?:"
    r"(?:ข้อ(?:ที่)?\s*)?" + DIGIT + r"{1,3}(?:\s?\.\s?" + DIGIT + r"{1,3}){0,4}(?:\s?[.)]|(?=\s))"
    r"|\(" + DIGIT + r"{1,3}\)"
    r"|[-–•●○◦▪■□➢✓✔*](?!\d)"
    r")\s*"
)
BULLET_RE = regex.compile(r"^\s*[-–•●○◦▪■□➢✓✔*]\s*")
SPACES_RE = regex.compile(r"[ \t\u00a0\u200b\u3000]+")
THAI_CHAR_RE = regex.compile(r"[\u0e00-\u0e7f]")


def thai_to_arabic(text: str) -> str:
    """Thai digits to Arabic digits, everything else unchanged."""
    return text.translate(_TO_ARABIC)


def collapse_spaces(text: str) -> str:
    """Runs of spaces/tabs (Word justification padding) to one space, trimmed."""
    return SPACES_RE.sub(" ", text).strip()


def numbering_of(text: str) -> str | None:
    """The item number at the start of ``text`` as printed (Thai digits kept), or None."""
    m = NUMBERING_RE.match(text)
    if not m or BULLET_RE.match(text):
        return None
    return m.group(0).strip()


def numbering_depth(number: str | None) -> int:
    """'๒' → 1, '3.1' → 2, '๓.๑.๑' → 3; bullets and None → 0."""
    if not number:
        return 0
    digits = regex.findall(DIGIT + r"+", number)
    return len(digits)


def strip_numbering(text: str) -> str:
    """Drop a leading item number or bullet (and the space after it)."""
    m = NUMBERING_RE.match(text)
    return text[m.end():] if m else text.lstrip()


def compact(text: str) -> str:
    """A matching key: no whitespace, Arabic digits."""
    return thai_to_arabic(regex.sub(r"\s+", "", text))


def is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def thai_letter(ch: str) -> bool:
    """A Thai character that is part of a word (not a Thai digit or symbol)."""
    return is_thai(ch) and not ("\u0e50" <= ch <= "\u0e59") and ch not in "\u0e2f\u0e46\u0e5a\u0e5b"
