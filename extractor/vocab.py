"""Match rule vocabulary against document text, tolerant of damaged Thai text layers.

Real PDF text layers lose or split marks: ำ printed as า or as "ํา", ำ swapped
in for า ("กำร" for การ), spaces inside words ("ผู ้ ป ระกอบ"), tone marks after
the wrong letter.  Words from ``rules/`` are compared on a *folded* form that
ignores exactly those differences: whitespace and zero-width characters are
dropped, tone marks, thanthakhat and nikhahit are dropped, SARA AM counts as
SARA AA, Thai digits as Arabic digits, Latin letters are case-folded.  A fold
keeps a map back to the original offsets, so a match still has an exact span.

>>> f = Folded.of("โครงกำร  ส่งเสริม")
>>> f.text
'โครงการสงเสริม'
>>> f.starts_with(fold("โครงการ"))
7
>>> f.source[:f.orig_end(7)]
'โครงกำร'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

_DROP = {0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E4D, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD}
_MAP = {0x0E33: "า", **{0x0E50 + d: str(d) for d in range(10)}}


def _fold_char(ch: str) -> str:
    o = ord(ch)
    if o in _DROP or ch.isspace():
        return ""
    if o in _MAP:
        return _MAP[o]
    return ch.lower() if o < 0x250 else ch


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The folded form of a vocabulary word (see the module docstring).

    >>> fold("ดำเนินการ") == fold("ดาเนิน การ") == fold("ดําเนินการ")
    True
    >>> fold("เพื่อ") == fold("เพือ่")
    True
    """
    return "".join(_fold_char(ch) for ch in text)


@dataclass(frozen=True)
class Folded:
    """A text and its folded form, with ``index[k]`` = original offset of folded char k."""

    source: str
    text: str
    index: tuple[int, ...]

    @classmethod
    def of(cls, source: str) -> Folded:
        chars: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(source):
            f = _fold_char(ch)
            for c in f:
                chars.append(c)
                index.append(i)
        return cls(source, "".join(chars), tuple(index))

    def orig_end(self, k: int) -> int:
        """Original offset just after the first k folded characters, with the
        marks that belong to the last matched letter (tone marks, ำ's nikhahit)."""
        if k <= 0:
            return 0
        end = self.index[k - 1] + 1
        nxt = self.index[k] if k < len(self.index) else len(self.source)
        while end < nxt and not self.source[end].isspace() and _fold_char(self.source[end]) == "":
            end += 1
        return end

    def orig_start(self, k: int) -> int:
        return self.index[k] if k < len(self.index) else len(self.source)

    def starts_with(self, word: str, at: int = 0) -> int | None:
        """Folded end of ``word`` (already folded) when the text starts with it at folded offset ``at``."""
        if word and self.text.startswith(word, at):
            return at + len(word)
        return None

    def find(self, word: str, at: int = 0) -> int:
        return self.text.find(word, at)


def longest_prefix(folded: Folded, words: tuple[tuple[str, str], ...], at: int = 0) -> tuple[str, int] | None:
    """``(value, folded end)`` of the longest ``(folded word, value)`` pair that starts ``folded`` at ``at``.

    ``words`` must be sorted longest first (``RuleSet`` does that).
    """
    for word, value in words:
        end = folded.starts_with(word, at)
        if end is not None:
            return value, end
    return None


_TONES = {0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C}


def _tones(text: str) -> list[str]:
    return sorted(ch for ch in text if ord(ch) in _TONES)


def prefix_with_tones(text: str, words: tuple[tuple[str, str], ...]) -> tuple[str, int] | None:
    """``longest_prefix`` of ``text`` whose tone marks also agree with the word's, wherever
    they stand: for short words that differ from another only by a tone mark ("รวม"
    total / "ร่วม" together).

    >>> words = ((fold("รวม"), "รวม"),)
    >>> prefix_with_tones("รวมทั้งสิ้น", words), prefix_with_tones("ร่วมใจ", words)
    (('รวม', 3), None)
    """
    folded = Folded.of(text)
    for word, value in words:
        end = folded.starts_with(word)
        if end is not None and _tones(text[:folded.orig_end(end)]) == _tones(value):
            return value, end
    return None

