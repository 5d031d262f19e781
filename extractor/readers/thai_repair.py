"""Small, pure repairs for Thai text damaged by PDF text extraction.

Each function fixes one kind of damage and is safe to run on clean text (clean
text comes back unchanged).  ``repair_line`` applies the character-level ones
in the right order; ``resolve_soft_spaces`` needs the word tokenizer and is run
on whole paragraphs.

Examples are real snippets extracted (by pdfplumber/pdfminer) from
``corpora/variants/*.pdf``; see tests/test_readers_pdf.py.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

#: The reader writes this for a space it *guessed* from a gap between glyphs
#: (no space glyph in the PDF); ``resolve_soft_spaces`` turns it into " " or "".
SOFT_SPACE = "\ue000"

_THAI_LETTER = "ก-ฮ"
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # above/below vowels, tone marks, signs

# Thai fonts draw shifted/short glyph variants from the Private Use Area (the
# U+F700-U+F71A block of Windows/Mac Thai fonts); a PDF whose ToUnicode map
# points at those glyphs yields PUA code points instead of Thai characters.
_PUA_MAP = {
    0xF700: "ฐ", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36", 0xF704: "\u0e37",
    0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a", 0xF708: "\u0e4b", 0xF709: "\u0e4c",
    0xF70A: "\u0e48", 0xF70B: "\u0e49", 0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c",
    0xF70F: "ญ", 0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
    0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c", 0xF718: "\u0e38",
    0xF719: "\u0e39", 0xF71A: "\u0e3a",
}
_PUA_TABLE = str.maketrans(_PUA_MAP)
_PUA_RE = re.compile("[\uf700-\uf71a]")


def map_pua(text: str) -> str:
    """Map Thai-font private-use glyphs back to Thai characters.

    >>> map_pua("\\uf70fาณ ท\\uf70a\\uf70e")  # short yo ying, low tone marks
    'ญาณ ท่์'
    """
    if not _PUA_RE.search(text):
        return text
    return text.translate(_PUA_TABLE)


_AM_SPLIT = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_AM_DOUBLED = re.compile("\u0e33\u0e32")
# A font that maps the nikhahit half of ำ to a space: "ส านัก".  No Thai syllable
# starts with sara aa, so a space between a Thai letter (or tone mark) and า is ำ.
_AM_SPACED = re.compile(f"(?<=[{_THAI_LETTER}\u0e48-\u0e4b]) \u0e32")


def fix_sara_am(text: str) -> str:
    """Rejoin sara am (ำ) split into nikhahit + sara aa, and drop the extra sara aa
    an extractor adds when it ignores the PDF's ActualText for ำ.

    >>> fix_sara_am("สำานักงาน คำานำา")  # real pdfminer output
    'สำนักงาน คำนำ'
    >>> fix_sara_am("น\\u0e4d\\u0e49\\u0e32")  # nikhahit, tone, sara aa -> tone + sara am
    'น้ำ'
    >>> fix_sara_am("การด าเนินงาน ส านักงาน")  # nikhahit printed as a space
    'การดำเนินงาน สำนักงาน'
    """
    if " \u0e32" in text:
        text = _AM_SPACED.sub("\u0e33", text)
    if "\u0e4d" in text:
        text = _AM_SPLIT.sub(lambda m: m.group(1) + "\u0e33", text)
    if "\u0e33\u0e32" in text:
        text = _AM_DOUBLED.sub("\u0e33", text)
    return text


_SPACE_BEFORE_MARK = re.compile(f"(?<=[{_THAI_LETTER}{_MARKS}]) +(?=[{_MARKS}])")


def reorder_marks(text: str) -> str:
    """Put tone marks after upper/lower vowels (Unicode order) and drop spaces
    an extractor put before a combining mark.

    >>> reorder_marks("พ\\u0e49\\u0e37นที่")  # tone mark before sara ue
    'พื้นที่'
    >>> reorder_marks("ขั ้นตอน")
    'ขั้นตอน'
    """
    if not re.search(f"[{_MARKS}]", text):
        return text
    from pythainlp.util import reorder_vowels

    text = _SPACE_BEFORE_MARK.sub("", text)
    return reorder_vowels(text)


_DIGIT_SO_SALA = re.compile("(?<=[0-9\u0e50-\u0e59])\u0e28(?=[0-9\u0e50-\u0e59]|\\s|$)")


def fix_digit_so_sala(text: str) -> str:
    """A font that maps the full stop to ศ: right after a digit, before another digit,
    a space or the end, ศ is a full stop (no Thai word starts that way).

    >>> fix_digit_so_sala("2ศ1ศ1 ด้านการศึกษา")
    '2.1.1 ด้านการศึกษา'
    >>> fix_digit_so_sala("2ศ โครงการแนะแนว")
    '2. โครงการแนะแนว'
    """
    return _DIGIT_SO_SALA.sub(".", text) if "\u0e28" in text else text


def repair_line(text: str) -> str:
    """All character-level repairs, in order (PUA first: it produces marks to reorder).

    >>> repair_line("ประจำาปีงบประมาณ")
    'ประจำปีงบประมาณ'
    """
    return fix_digit_so_sala(reorder_marks(fix_sara_am(map_pua(text))))


Tokenizer = Callable[[str], list[str]]


@lru_cache(maxsize=1)
def _default_tokenizer() -> Tokenizer:
    from pythainlp.tokenize import word_tokenize

    def tokenize(text: str) -> list[str]:
        return word_tokenize(text, engine="nlpo3", keep_whitespace=True)

    return tokenize


_SOFT_RE = re.compile(f"([{_THAI_LETTER}{_MARKS}\u0e30\u0e32\u0e33\u0e40-\u0e46]+){SOFT_SPACE}"
                      f"(?=([{_THAI_LETTER}\u0e40-\u0e44][{_THAI_LETTER}{_MARKS}\u0e30\u0e32\u0e33\u0e40-\u0e46]*))")


_SOFT_IN_NUMBER = re.compile(f"(?<=\\d){SOFT_SPACE}(?=\\d)")


def resolve_soft_spaces(text: str, tokenize: Tokenizer | None = None) -> str:
    """Decide each guessed space (``SOFT_SPACE``): inside a Thai word -> removed,
    between words or next to non-Thai text -> a real space.

    The tokenizer (pythainlp, engine "nlpo3") segments the Thai run on both
    sides joined together; a space whose position is not a word boundary in that
    segmentation was inserted inside a word.

    >>> resolve_soft_spaces("สำนักงานเขตพื้น\\ue000ที่การศึกษา เขต\\ue0002")
    'สำนักงานเขตพื้นที่การศึกษา เขต 2'
    >>> resolve_soft_spaces("ความรู้\\ue000ความเข้าใจ")  # two words: keep the space
    'ความรู้ ความเข้าใจ'
    >>> resolve_soft_spaces("๒๕๖\\ue0002")  # inside a number (font change): removed
    '๒๕๖2'
    """
    if SOFT_SPACE not in text:
        return text
    tok = tokenize or _default_tokenizer()

    def decide(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        head, tail = left[-40:], right[:40]  # enough context, bounded cost
        pos = 0
        for token in tok(head + tail):
            if pos >= len(head):
                break
            pos += len(token)
        return left + (" " if pos == len(head) else "")

    text = _SOFT_RE.sub(decide, text)
    if SOFT_SPACE in text:
        text = _SOFT_IN_NUMBER.sub("", text)
    return text.replace(SOFT_SPACE, " ")
