"""How damaged is a page of Thai text?  A score for choosing between a PDF's
text layer and OCR (``--ocr auto``).

The score counts signs of damage that survive the reader's own repairs
(:func:`thai_repair.repair_line`, and า restored where a font map wrote ำ), per Thai letter, so a short page and a long one
compare alike.  Clean Thai scores 0; the same measure is applied to the text
layer and to the OCR text of a page, and the lower wins.  Each sign is
something well-formed Thai cannot contain:

* private-use or replacement characters (a font map the reader could not undo;
  the symbol-font tick boxes U+F020-U+F0FF are kept out: they are legitimate);
* a combining mark with no base letter (after a space, a digit, a vowel such as
  า or เ, or the start of the text), two marks of one kind on one letter, a
  tone mark before the vowel it should follow;
* a leading vowel (เ แ โ ใ ไ) not followed by a consonant;
* a long text without a single ำ (one of the commonest Thai vowels: a font
  that lost it writes า or nothing) — counted as the number expected — or
  with more ำ than า (a font map that swapped them; า is about ten times as
  common) — counted as the excess;
* words cut into single letters ("ก า ร").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .thai_ocr_fix import restore_sara_aa, sara_aa_swapped
from .thai_repair import SOFT_SPACE, repair_line

_LETTER = "\u0e01-\u0e2e"
_ABOVE_BELOW = "\u0e31\u0e34-\u0e3a\u0e47"  # vowels above/below, mai han-akat, maitaikhu
_TONES = "\u0e48-\u0e4e"  # tone marks, thanthakhat, nikhahit, yamakkan
_MARKS = _ABOVE_BELOW + _TONES
_LEADING = "\u0e40-\u0e44"

_ORPHAN = re.compile(f"(?<![{_LETTER}{_MARKS}\u0e24-\u0e26])[{_MARKS}]")
_DOUBLED = re.compile(f"[{_ABOVE_BELOW}][{_ABOVE_BELOW}]|[\u0e48-\u0e4c][\u0e48-\u0e4c]")
_TONE_FIRST = re.compile(f"[\u0e48-\u0e4b][\u0e34-\u0e37\u0e31\u0e38\u0e39]")
_BAD_LEADING = re.compile(f"[{_LEADING}](?![{_LETTER}])")
_PRIVATE = re.compile("[\ufffd\ue001-\uf01f\uf100-\uf8ff]")
_SPLIT_LETTERS = re.compile(f"(?:(?<![{_LETTER}{_MARKS}\u0e30\u0e32\u0e33{_LEADING}])"
                            f"[{_LETTER}\u0e30\u0e32\u0e33{_LEADING}][{_MARKS}]* ){{3,}}")
_THAI_LETTER = re.compile(f"[{_LETTER}]")

#: Thai letters from which the counts of ำ and า are judged, and the share of ำ
#: expected (a conservative rate: it is about 1.4 % of the letters of a plan).
AM_MIN_LETTERS = 300
AM_EXPECTED_RATE = 0.01


@dataclass(frozen=True)
class Damage:
    letters: int  # Thai letters on the page
    signs: float  # signs of damage found

    @property
    def score(self) -> float:
        """Signs per Thai letter; 0 for clean text and for text without Thai letters."""
        return self.signs / self.letters if self.letters else 0.0


def damage(text: str, *, repaired: bool = False) -> Damage:
    """The damage of ``text`` (one page), after the reader's own repairs unless ``repaired``.

    >>> damage("โครงการพัฒนาคุณภาพการศึกษา").score
    0.0
    >>> damage("โครงการพัฒนา ้ที่ตั้ง").signs  # a tone mark without its letter
    1.0
    """
    if not repaired:
        text = "\n".join(repair_line(line) for line in text.split("\n"))
        if sara_aa_swapped(text):
            text = restore_sara_aa(text)
    text = text.replace(SOFT_SPACE, " ")
    letters = len(_THAI_LETTER.findall(text))
    signs = (len(_PRIVATE.findall(text)) + len(_ORPHAN.findall(text)) + len(_DOUBLED.findall(text))
             + len(_TONE_FIRST.findall(text)) + len(_BAD_LEADING.findall(text))
             + sum(m.group().count(" ") for m in _SPLIT_LETTERS.finditer(text)))
    if letters >= AM_MIN_LETTERS:
        am, aa = text.count("\u0e33"), text.count("\u0e32")
        if am == 0:
            signs += AM_EXPECTED_RATE * letters
        elif am > aa:
            signs += am - aa
    return Damage(letters, float(signs))
