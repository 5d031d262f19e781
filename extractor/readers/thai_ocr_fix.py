"""Repairs for what Tesseract's Thai model misreads.

**Tone marks it drops**, put back by word frequency.

The Thai model reads a tone mark stacked over an upper vowel poorly: "ที่" comes
out "ที", "ทั้ง" "ทัง", "พื้นที่" "พื้นที".  Each such letter (an upper vowel
with no tone mark after it) is tried as it is, with mai ek and with mai tho; a
version wins when the words around it, segmented by the tokenizer, are much
more likely under a unigram model of Thai word frequencies (the Thai National
Corpus counts that pythainlp ships, and its word list) — the best segmentation
of each version is found by dynamic programming: "พื้นที่|การ" beats "พื้น|ที|การ".  Only
OCR text is repaired this way; a text layer has its marks.

**Sara aa written as sara am** by a font map that sends า to ำ ("กำรศึกษำ"): in a
text with more ำ than า (า is about ten times as common), each ำ is tried as า
and the likelier words win, as for tone marks; a real ำ ("ประจำ") stays.

**Thai digit seven read as ฆ** at the start of a numbered line ("ฆ. กิจกรรม"):
Thai enumerations by letter skip ฆ (ก ข ค ง จ …), so there it is the digit ๗.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Callable


#: Letters tried on each side of the mark (enough for the words around it).
WINDOW = 12
#: Count given to a dictionary word the frequency list lacks (compounds such as สำนักงานเขต).
DICTIONARY_COUNT = 10
#: Longest word looked up (letters).
LONGEST_WORD = 20
#: ำ in a text from which more ำ than า means a swapping font map (a short text can have more by chance).
MIN_SWAPPED_AM = 8
#: How much likelier (natural log) the marked version must be to replace what OCR read.
MARGIN = 3.0

_CANDIDATE = re.compile("[\u0e01-\u0e2e][\u0e31\u0e34-\u0e37](?![\u0e48-\u0e4b])")
_THAI = re.compile("[\u0e01-\u0e4e]+")
_AM_SPLIT = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_TONES = ("\u0e48", "\u0e49")


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float]:
    """Log-probabilities of Thai words (TNC counts; a dictionary word without a count
    gets ``DICTIONARY_COUNT``) and the log-probability of a letter outside any word."""
    from pythainlp.corpus import thai_words, tnc

    counts = dict(tnc.word_freqs())
    for word in thai_words():
        counts.setdefault(word, DICTIONARY_COUNT)
    total = float(sum(counts.values()))
    return {w: math.log(n / total) for w, n in counts.items()}, math.log(0.5 / total)


def _segment(run: str) -> tuple[float, int]:
    """The likeliest segmentation of one Thai run into words (a unigram model; a letter
    no word covers costs the unknown rate): its log-probability, and how many
    characters it leaves outside words of two or more characters."""
    logp, unknown = _model()
    n = len(run)
    best = [0.0] + [-math.inf] * n
    loose = [0] * (n + 1)
    for i in range(1, n + 1):
        b, lo = best[i - 1] + unknown, loose[i - 1] + 1
        lp = logp.get(run[i - 1])
        if lp is not None and best[i - 1] + lp > b:
            b = best[i - 1] + lp
        for j in range(max(0, i - LONGEST_WORD), i - 1):
            lp = logp.get(run[j:i])
            if lp is not None and best[j] + lp > b:
                b, lo = best[j] + lp, loose[j]
        best[i], loose[i] = b, lo
    return best[n], loose[n]


def _score(text: str) -> float:
    """Log-probability of the likeliest segmentation of the Thai runs of ``text``."""
    return sum(_segment(run)[0] for run in _THAI.findall(text))


def word_share(text: str) -> float:
    """Share of the Thai characters of ``text`` that fall inside dictionary words of two
    or more characters (1.0 for text without Thai): how much of it reads as Thai.

    >>> word_share("สำนักงานเขตพื้นที่การศึกษา")
    1.0
    >>> word_share("มำตรฐำนวิชำชีพ ประจำปีกำรศึกษำ") < 0.9  # า and ำ swapped by a font map
    True
    """
    total = outside = 0
    for run in _THAI.findall(text):
        total += len(run)
        outside += _segment(run)[1]
    return 1.0 - outside / total if total else 1.0


def restore_tone_marks(text: str) -> str:
    """``text`` with dropped tone marks put back where the words make it clear.

    >>> restore_tone_marks("พื้นทีการศึกษา")
    'พื้นที่การศึกษา'
    >>> restore_tone_marks("ทรัพย์สิน")  # a word already: unchanged
    'ทรัพย์สิน'
    """
    text = _AM_SPLIT.sub("\\1\u0e33", text)  # OCR writes ำ as nikhahit + sara aa
    return _likeliest(text, _CANDIDATE, lambda m: (m.end(), m.end()), ("",) + _TONES)


def _likeliest(text: str, pattern: re.Pattern[str], span: Callable[[re.Match[str]], tuple[int, int]],
               choices: tuple[str, ...]) -> str:
    """At each match of ``pattern``, the text at ``span(match)`` becomes the choice whose
    words around it are likeliest, when much likelier (``MARGIN``) than what is there."""
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return text
        a, b = span(m)
        left, right, current = text[max(0, a - WINDOW):a], text[b:b + WINDOW], text[a:b]
        best, best_score = current, _score(left + current + right) + MARGIN
        for choice in choices:
            if choice != current:
                score = _score(left + choice + right)
                if score > best_score:
                    best, best_score = choice, score
        text = text[:a] + best + text[b:]
        pos = a + max(1, len(best)) if a < b else a + len(best)


_AM_AFTER_LETTER = re.compile("(?<=[\u0e01-\u0e2e\u0e48-\u0e4b])\u0e33")


def sara_aa_swapped(text: str) -> bool:
    """More ำ than า in a text long enough to tell (a font map that writes า as ำ)?"""
    am, aa = text.count("\u0e33"), text.count("\u0e32")
    return am > aa and am >= MIN_SWAPPED_AM


def restore_sara_aa(text: str) -> str:
    """Each ำ that reads better as า becomes า (use on text with :func:`sara_aa_swapped`).

    >>> restore_sara_aa("ประจำปีกำรศึกษำ")
    'ประจำปีการศึกษา'
    """
    return _likeliest(text, _AM_AFTER_LETTER, lambda m: (m.start(), m.end()), ("\u0e32",))


_KHO_RAKHANG_SEVEN = re.compile("^\u0e06(?=[.)] ?)")


def fix_line_start(text: str) -> str:
    """A line opening with ฆ as its item number opens with ๗.

    >>> fix_line_start("ฆ. กิจกรรมและงบประมาณ")
    '๗. กิจกรรมและงบประมาณ'
    >>> fix_line_start("ฆ้อง")
    'ฆ้อง'
    """
    return _KHO_RAKHANG_SEVEN.sub("\u0e57", text)
