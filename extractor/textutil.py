"""Small pure text helpers, one concern each (digits, spaces, Thai letters).

>>> thai_to_arabic("๒๕๖2")
'2562'
>>> collapse_spaces("ขับเคลื่อน      หลักปรัชญา ")
'ขับเคลื่อน หลักปรัชญา'
>>> compact("โครงการ พัฒนา ๑")
'โครงการพัฒนา1'
"""

from __future__ import annotations

import regex
from pythainlp.util import thai_digit_to_arabic_digit

SPACES_RE = regex.compile(r"[ \t\u00a0\u200b\u3000]+")


def thai_to_arabic(text: str) -> str:
    """Thai digits to Arabic digits, everything else unchanged (pythainlp)."""
    return thai_digit_to_arabic_digit(text) if text else text


def collapse_spaces(text: str) -> str:
    """Runs of spaces/tabs (Word justification padding) to one space, trimmed."""
    return SPACES_RE.sub(" ", text).strip()


def compact(text: str) -> str:
    """A matching key: no whitespace, Arabic digits."""
    return thai_to_arabic(regex.sub(r"\s+", "", text))


def is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def thai_letter(ch: str) -> bool:
    """A Thai character that is part of a word (not a Thai digit or symbol)."""
    return is_thai(ch) and not ("\u0e50" <= ch <= "\u0e59") and ch not in "\u0e2f\u0e46\u0e5a\u0e5b"


#: Characters that take no column of their own when printed: combining marks (Thai vowels
#: above and below a letter, tone marks) and format characters.
ZERO_WIDTH = regex.compile(r"[\p{Mn}\p{Me}\p{Cf}]")


def printed_width(text: str) -> int:
    """The columns ``text`` takes when printed (what a layout keeps aligned).

    >>> printed_width("โครงการ"), printed_width("ที่นี่")
    (7, 2)
    """
    return len(text) - len(ZERO_WIDTH.findall(text))
