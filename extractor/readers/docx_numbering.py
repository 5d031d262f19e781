"""Recreate the list numbers Word draws but does not store in the paragraph text.

A numbered paragraph carries ``<w:numPr>`` (``numId`` + ``ilvl``), directly or
through its paragraph style.  ``numId`` points to a ``<w:num>``, which points to
an ``<w:abstractNum>`` whose ``<w:lvl>`` elements give the start value, the
number format (decimal, thaiNumbers, ...) and the label template (``lvlText``,
e.g. ``"%1.%2"``).  The extractor relies on labels such as ``"๒.๑ "``, so we
keep counters while walking the document in order and prefix the label.

Approximations (documented, good enough for plans): counters are shared by all
``<w:num>`` of one abstract list unless the num overrides a start value;
the label is followed by a space whatever ``<w:suff>`` says (tab or space),
because a TAB would read as a table-cell separator in the text rendering.

Bounded on hostile files: start values are clamped to 0..32767 (Word's own
range), a label template keeps its first 64 characters, and a number whose
roman numeral (past 3999) or repeated letters (past 16) would be long is
written in digits, so a label is always short.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn
from pythainlp import thai_consonants
from pythainlp.util import arabic_digit_to_thai_digit

# Word's thaiLetters sequence: the consonants without the obsolete ฃ and ฅ.
# Word's thaiLetters numbering counts the consonants without the obsolete ฃ and ฅ.
_THAI_LETTERS = thai_consonants.replace("\u0e03", "").replace("\u0e05", "")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
BULLET_LABEL = "-"  # the .txt corpus writes bullets as "- "
#: Start values are clamped to Word's range.
MAX_LIST_NUMBER = 32767
#: Characters of a level's label template (``lvlText``) kept.
MAX_LEVEL_TEXT = 64
#: Roman numerals stop here; larger numbers are written in digits.
MAX_ROMAN = 3999
#: Letter labels repeat the letter (a, aa, aaa…) at most this many times; beyond, digits.
MAX_LETTER_REPEAT = 16
_BIG = 10**9  # level numbers: kept as they are (Word has 0-8), only bounded


def _int(value: str | None, lo: int = 0, hi: int = MAX_LIST_NUMBER) -> int | None:
    """A whole number from an attribute, clamped to [lo, hi]; None when it is not one.

    >>> _int("99999999999999"), _int("-3"), _int("12"), _int("x"), _int("9" * 5000)
    (32767, 0, 12, None, 32767)
    """
    if value is None:
        return None
    v = value.strip()
    digits = v[1:] if v[:1] in "+-" else v
    if not digits.isascii() or not digits.isdigit():
        return None
    if len(digits) > 9:
        return lo if v.startswith("-") else hi
    return min(hi, max(lo, int(v)))


def _roman(n: int) -> str:
    if n > MAX_ROMAN:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int, alphabet: str) -> str:
    """Word repeats the letter: a..z, aa..zz, ..."""
    k = len(alphabet)
    if n < 1 or (n - 1) // k + 1 > MAX_LETTER_REPEAT:
        return str(n)
    return alphabet[(n - 1) % k] * ((n - 1) // k + 1)


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in a Word ``numFmt``.

    >>> format_number(12, "thaiNumbers"), format_number(3, "decimalZero"), format_number(2, "thaiLetters")
    ('๑๒', '03', 'ข')
    >>> format_number(4, "upperRoman"), format_number(28, "lowerLetter")
    ('IV', 'bb')
    >>> format_number(32767, "lowerRoman"), format_number(10**14, "lowerLetter")
    ('32767', '100000000000000')
    """
    if fmt == "thaiNumbers":
        return arabic_digit_to_thai_digit(str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "thaiLetters":
        return _letters(n, _THAI_LETTERS)
    if fmt == "lowerLetter":
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "upperLetter":
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)  # decimal and anything exotic (ordinal, thaiCounting, ...)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False  # isLgl: show every level as decimal
    restart: int | None = None  # lvlRestart: restart after this (1-based) level only
    suffix: str = " "


@dataclass
class _Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)


def _val(el: Any, tag: str) -> str | None:
    child = el.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _parse_level(lvl: Any) -> Level:
    level = Level()
    start = _int(_val(lvl, "w:start"))
    if start is not None:
        level.start = start
    level.fmt = _val(lvl, "w:numFmt") or "decimal"
    text = _val(lvl, "w:lvlText")
    level.text = text[:MAX_LEVEL_TEXT] if text is not None else ""
    level.legal = lvl.find(qn("w:isLgl")) is not None and _val(lvl, "w:isLgl") not in ("0", "false")
    level.restart = _int(_val(lvl, "w:lvlRestart"), 0, _BIG)
    level.suffix = "" if _val(lvl, "w:suff") == "nothing" else " "
    return level


class Numbering:
    """Counters for one document walk; call :meth:`label` for each paragraph in order."""

    def __init__(self, numbering_xml: Any | None, styles_xml: Any | None) -> None:
        self._levels: dict[str, dict[int, Level]] = {}
        self._nums: dict[str, _Num] = {}
        self._style_numpr: dict[str, tuple[str | None, int | None]] = {}
        self._style_parent: dict[str, str] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started_nums: set[str] = set()
        if numbering_xml is not None:
            self._load_numbering(numbering_xml)
        if styles_xml is not None:
            self._load_styles(styles_xml)

    def _load_numbering(self, root: Any) -> None:
        for absn in root.iterchildren(qn("w:abstractNum")):
            aid = absn.get(qn("w:abstractNumId"))
            levels = {}
            for lvl in absn.iterchildren(qn("w:lvl")):
                ilvl = _int(lvl.get(qn("w:ilvl")), 0, _BIG)
                if ilvl is not None:
                    levels[ilvl] = _parse_level(lvl)
            self._levels[aid] = levels
        for num in root.iterchildren(qn("w:num")):
            aid = _val(num, "w:abstractNumId")
            if aid is None:
                continue
            entry = _Num(aid)
            for ov in num.iterchildren(qn("w:lvlOverride")):
                ilvl = _int(ov.get(qn("w:ilvl")), 0, _BIG)
                so = _int(_val(ov, "w:startOverride"))
                if ilvl is not None and so is not None:
                    entry.start_overrides[ilvl] = so
            self._nums[num.get(qn("w:numId"))] = entry

    def _load_styles(self, root: Any) -> None:
        for style in root.iterchildren(qn("w:style")):
            sid = style.get(qn("w:styleId"))
            based = _val(style, "w:basedOn")
            if based:
                self._style_parent[sid] = based
            ppr = style.find(qn("w:pPr"))
            numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if numpr is not None:
                self._style_numpr[sid] = (_val(numpr, "w:numId"), _int(_val(numpr, "w:ilvl"), 0, _BIG))

    def _from_style(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self._style_numpr:
                return self._style_numpr[style_id]
            style_id = self._style_parent.get(style_id)
        return None, None

    def label(self, p: Any) -> str:
        """The number label (with its trailing space) Word shows before paragraph ``p``, or ''."""
        if not self._nums:
            return ""
        ppr = p.find(qn("w:pPr"))
        num_id: str | None = None
        ilvl: int | None = None
        if ppr is not None:
            numpr = ppr.find(qn("w:numPr"))
            if numpr is not None:
                num_id = _val(numpr, "w:numId")
                ilvl = _int(_val(numpr, "w:ilvl"), 0, _BIG)
            if num_id is None:
                num_id, style_ilvl = self._from_style(_val(ppr, "w:pStyle"))
                ilvl = ilvl if ilvl is not None else style_ilvl
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        return self._advance(num_id, ilvl or 0)

    def _advance(self, num_id: str, ilvl: int) -> str:
        num = self._nums[num_id]
        levels = self._levels.get(num.abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        # A num with start overrides is its own list; others continue their abstract list.
        key = f"num:{num_id}" if num.start_overrides else f"abs:{num.abstract_id}"
        counters = self._counters.setdefault(key, {})
        if num.start_overrides and num_id not in self._started_nums:
            self._started_nums.add(num_id)
            counters.clear()

        def start_of(i: int) -> int:
            if i in num.start_overrides:
                return num.start_overrides[i]
            lvl = levels.get(i)
            return lvl.start if lvl else 1

        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start_of(ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or restart == 0 or restart > ilvl:
                del counters[deeper]
        if level.fmt == "bullet":
            return BULLET_LABEL + " "
        text = level.text
        for i in range(8, -1, -1):  # %10 does not exist; go high to low so %1 does not eat %1x
            token = f"%{i + 1}"
            if token in text:
                shown = counters.get(i, start_of(i))
                fmt = levels[i].fmt if i in levels else "decimal"
                if level.legal:
                    fmt = "decimal"
                text = text.replace(token, format_number(shown, fmt))
        text = text.strip()
        return text + level.suffix if text else ""
