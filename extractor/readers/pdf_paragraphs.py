"""Rejoin PDF lines into paragraphs (the .txt rendering has one paragraph per line).

A line was *wrapped* (its paragraph goes on) when the first word of the next
line would not have fitted in the room left at its end: that is what a
greedy line breaker guarantees.  A list marker, an indented or distant next
line, or a change of font size ends the paragraph anyway.  Thai words are
found with the nlpo3 tokenizer because Thai has no spaces between words.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .pdf_layout import Line
from .thai_repair import SOFT_SPACE

# "- ", "-ค่า", "• ", "๑. ", "2.1 ", "ก. " ... at the start of a line start a new paragraph
# (a breaker puts a hyphen at the end of a line, not at the start of the next), and so
# does a tick box: a symbol-font (Wingdings) glyph, which PDF text layers give as a
# private-use code point U+F020-U+F0FF (U+F0FE ticked, U+F0A8 empty...), or a Unicode box.
TICK_GLYPHS = "\uf020-\uf0ff☐☑☒□■❑✅"
_MARKER = re.compile(r"^(?:[-•●▪○◦*–➢✓][\s\ue000]|-(?=[ก-๙])|[" + TICK_GLYPHS + r"]"
                     r"|[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*[.)](?![0-9๐-๙,])"
                     r"|[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})+[\s\ue000]"
                     r"|[ก-ฮ][.)][\s\ue000])")
_RULE = re.compile(r"^\s*([-_=.*~])\1{4,}\s*$")  # a drawn line: "-----", "_____"
_NIL = re.compile(r"^\s*[-–—]\s*$")  # a lone dash: "nothing" in a table cell
_NUMBER = re.compile(r"^[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})+(?:\.[0-9๐-๙]+)?$")  # 1,000 / ๑๒,๕๐๐.๕๐
_THAI_START = re.compile("^[ก-๛]+")
_WORD_SLACK = 0.6  # x font size: room for the space before the word
#: Blank lines one vertical gap can stand for: a tiny font far from the next line
#: would otherwise make millions (the document model only needs a small count).
MAX_BLANK_LINES = 20


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


def wrapped(a: Line, b: Line, left: float, right: float, pitch: float,
            trailing_spaces_kept: bool = False, same_page: bool = True) -> bool:
    """Does line ``b`` continue the paragraph of line ``a``?  (Across a page
    break, ``same_page=False``, the vertical distance cannot be judged.)"""
    if abs(a.size - b.size) > 0.5:
        return False
    if a.weight and b.weight and abs(a.weight - b.weight) >= 200:
        return False  # a bold heading line after regular text (or back) starts a paragraph
    if same_page and (b.top - a.top > 1.45 * pitch or b.top < a.top):
        return False
    if is_marker(b.text) or b.x0 > left + 1.2 * b.size or _ends_with_tab_stop(a.text):
        return False
    if b.text.startswith(" "):
        return False  # breakers hang spaces at line ends: a leading space opens a paragraph
    ra, rb = _RULE.match(a.text), _RULE.match(b.text)
    if ra and rb and ra.group(1) == rb.group(1):
        return room(a, left, right) < 2 * a.size  # a drawn line too long for one line
    if ra or rb or _NIL.match(a.text) or _NIL.match(b.text):
        return False
    if a.x0 - left > 0.4 * (right - left) and not centred(a, left, right):
        return False  # a short right-aligned or tab-positioned line does not wrap
    free = room(a, left, right)
    x, y = a.text, b.text
    if trailing_spaces_kept and x and y and x[-1].isdigit() and y[0].isdigit() and not _digit_fragment(x):
        # Digits on both sides and no space kept: a number cannot break there
        # unless it is too long for the line, and then it fills the line; two
        # complete grouped numbers ("1,000" over "1,000") are two paragraphs.
        if _NUMBER.match(x.split()[-1]) and _NUMBER.match(y.split()[0]):
            return False
        return free < b.widths[0] + _WORD_SLACK * a.size
    return free < first_word_width(b) + _WORD_SLACK * a.size


def _digit_fragment(text: str) -> bool:
    """A few digits alone on a line: a number broken in a narrow table cell."""
    t = text.strip()
    return 0 < len(t) <= 3 and all(ch.isdigit() or ch in ",." for ch in t)


def _ends_with_tab_stop(text: str) -> bool:
    """A TOC entry or label/value line: a tab followed by a short tail ("...\t๑๒")."""
    i = text.rfind("\t")
    return i >= 0 and len(text[i + 1:].strip()) <= 8


def centred(a: Line, left: float, right: float) -> bool:
    """Centred in its frame (and not just filling it)."""
    return a.x0 - left > 2 and abs((a.x0 + a.x1) - (left + right)) < 4


def room(a: Line, left: float, right: float) -> float:
    """Free width a line left unused: at its end, or on both sides when centred."""
    if centred(a, left, right):
        return (a.x0 - left) + (right - a.x1)
    return right - a.x1


def _thai_letter(ch: str) -> bool:
    """Thai, but not a Thai digit (numbers are set off by spaces)."""
    return "\u0e00" <= ch <= "\u0e4f" or "\u0e5a" <= ch <= "\u0e7f"


def separator(a: Line, b: Line, left: float, right: float, trailing_spaces_kept: bool) -> str:
    """What goes between a wrapped line ``a`` and the next line ``b``.

    A producer that keeps the space glyph at wrap points (LibreOffice does
    when the space still fits in the line) printed none here, so there was
    none.  Where it could not print one (other producers, full or centred
    lines) a wrap next to non-Thai text or a number was at a space; Thai
    words join tight, as Thai wraps mostly fall between words of one phrase,
    except at a centred line's wrap where the tokenizer decides (soft space).
    """
    x, y = a.text, b.text
    if not x or not y or x.endswith((" ", SOFT_SPACE, "-", "/")) or y.startswith(" "):
        return ""
    is_centred = centred(a, left, right)
    if trailing_spaces_kept and not is_centred and right - a.x1 > 0.35 * a.size:
        return ""
    if _thai_letter(x[-1]) and _thai_letter(y[0]):
        return SOFT_SPACE if is_centred else ""
    return " "


def join_lines(lines: list[Line], left: float, right: float, trailing_spaces_kept: bool) -> str:
    """The text of a paragraph's wrapped lines."""
    parts = [lines[0].text]
    for a, b in zip(lines, lines[1:]):
        parts.append(separator(a, b, left, right, trailing_spaces_kept))
        parts.append(b.text)
    return "".join(parts)


def paragraphs(lines: list[Line], left: float, right: float, pitch: float,
               trailing_spaces_kept: bool = False) -> list[list[Line]]:
    """Split consecutive lines of one text region into paragraphs."""
    out: list[list[Line]] = []
    for ln in lines:
        if out and wrapped(out[-1][-1], ln, left, right, pitch, trailing_spaces_kept):
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def blank_lines(gap: float, pitch: float, below_bottom: bool = False) -> int:
    """Empty paragraphs that explain a vertical distance ``gap`` between two line tops
    (or, ``below_bottom``, from the bottom of a table to a line top), at most
    :data:`MAX_BLANK_LINES`.

    >>> blank_lines(36, 12), blank_lines(1e9, 0.01), blank_lines(float("nan"), 12)
    (2, 20, 0)
    """
    if not pitch > 0:
        return 0
    ratio = gap / pitch
    if not math.isfinite(ratio):
        return 0 if ratio != ratio or ratio < 0 else MAX_BLANK_LINES
    n = round(ratio) if below_bottom else round(ratio) - 1
    return min(MAX_BLANK_LINES, max(0, n))
