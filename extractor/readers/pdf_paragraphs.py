"""Rejoin PDF lines into paragraphs (the .txt rendering has one paragraph per line).

A line was *wrapped* (its paragraph goes on) when the first word of the next
line would not have fitted in the room left at its end: that is what a
greedy line breaker guarantees.  A list marker, an indented or distant next
line, or a change of font size ends the paragraph anyway.  Thai words are
found with the nlpo3 tokenizer because Thai has no spaces between words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .pdf_layout import Line
from .thai_repair import SOFT_SPACE

# "- ", "• ", "๑. ", "2.1 ", "(๓) ", "ก. " ... at the start of a line start a new paragraph.
_MARKER = re.compile(r"^(?:[-•●▪○◦*–➢✓]\s"
                     r"|[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*[.)](?![0-9๐-๙,])"
                     r"|[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})+\s"
                     r"|\(\s?[0-9๐-๙]{1,3}\s?\)"
                     r"|[ก-ฮ][.)]\s)")
_THAI_START = re.compile("^[ก-๛]+")
_WORD_SLACK = 0.6  # x font size: room for the space before the word


@lru_cache(maxsize=1)
def _dictionary() -> object:
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie(thai_words())


@lru_cache(maxsize=8192)
def _first_thai_word(text: str) -> str:
    """The longest dictionary word the text starts with: line breakers (ICU in
    LibreOffice, Uniscribe in Word) keep compounds such as จัดการ together where
    a segmenter may split them, so the longest prefix is the safer guess."""
    prefixes = _dictionary().prefixes(text)  # type: ignore[attr-defined]
    if prefixes:
        return max(prefixes, key=len)
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(text, engine="nlpo3")
    return tokens[0] if tokens else text


def first_word_width(line: Line) -> float:
    """Width of the unit a line breaker could not have moved up: the first
    space-delimited chunk, or for a run of Thai its first dictionary word."""
    text = line.text
    end = len(text)
    for i, ch in enumerate(text):
        if ch in " \t" + SOFT_SPACE:
            end = i
            break
    chunk = text[:end]
    m = _THAI_START.match(chunk)
    if m and m.end() > 4:
        word = _first_thai_word(m.group(0)[:30])
        if len(word) < end:
            end = len(word)
    return sum(line.widths[:end])


def is_marker(text: str) -> bool:
    """A list marker followed by text ("๒.๑ การ...", "- ค่า..."); a marker-like
    token alone on its line ("๖๖)") is rather the tail of a wrapped line."""
    m = _MARKER.match(text)
    return bool(m) and bool(text[m.end():].strip())


def wrapped(a: Line, b: Line, left: float, right: float, pitch: float) -> bool:
    """Does line ``b`` continue the paragraph of line ``a``?"""
    if abs(a.size - b.size) > 0.5 or b.top - a.top > 1.45 * pitch or b.top < a.top:
        return False
    if is_marker(b.text) or b.x0 > left + 1.2 * b.size:
        return False
    return room(a, left, right) < first_word_width(b) + _WORD_SLACK * a.size


def room(a: Line, left: float, right: float) -> float:
    """Free width a line left unused: at its end, or on both sides when centred."""
    before, after = a.x0 - left, right - a.x1
    if before > 2 and abs(before - after) < 2.5:
        return before + after
    return after


def join(a: str, b: str, trailing_spaces_kept: bool) -> str:
    """Join a wrapped line to the next: the producer either kept the space at
    the wrap point (LibreOffice does) or dropped it, in which case Thai runs
    join tight and anything else gets a space."""
    if a.endswith((" ", SOFT_SPACE)) or b.startswith(" "):
        return a + b
    if trailing_spaces_kept:
        return a + b
    if a[-1:] and b[:1] and "\u0e00" <= a[-1] <= "\u0e7f" and "\u0e00" <= b[0] <= "\u0e7f":
        return a + b
    if a.endswith("-"):
        return a + b
    return a + " " + b


def paragraphs(lines: list[Line], left: float, right: float, pitch: float) -> list[list[Line]]:
    """Split consecutive lines of one text region into paragraphs."""
    out: list[list[Line]] = []
    for ln in lines:
        if out and wrapped(out[-1][-1], ln, left, right, pitch):
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def blank_lines(gap: float, pitch: float) -> int:
    """Empty paragraphs that explain a vertical distance ``gap`` between two line tops."""
    if pitch <= 0:
        return 0
    return max(0, round(gap / pitch) - 1)
