"""Small text helpers of the checks: digits, numbers, letters, folded word search.

Words come from the rules, already folded (``RuleSet.words_of``); texts are
folded the same way before they are searched (``fold``: spaces, tone marks and
ำ/า damage ignored, Thai digits read as Arabic).  Where numbers matter, a
text is folded word by word (:func:`fold_words`) so that two numbers printed
apart stay apart.

>>> arabic("๒๕๖2")
'2562'
>>> [(v, s, e) for v, s, e in numbers_in("ร้อยละ ๘๐ of 1,250.50")]
[(80, 7, 9), (1250.5, 13, 21)]
>>> fold_words("ร้อย ละ  ๘๐")
'รอย ละ 80'
>>> letters("๒.๑ abc")
3
"""

from __future__ import annotations

import regex

from ..ruleset import fold

_TO_ARABIC = {0x0E50 + d: str(d) for d in range(10)}
NUMBER = regex.compile(r"(?<![0-9.,])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?![0-9])")
# Thai consonants, vowels and marks (not digits), and Latin letters.
_LETTER = regex.compile(r"[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]|[A-Za-z]")
_SPACE = regex.compile(r"\s+")


def arabic(text: str) -> str:
    """Thai digits to Arabic digits, everything else unchanged (same length)."""
    return text.translate(_TO_ARABIC)


def compact(text: str) -> str:
    """Without spaces, Thai digits as Arabic: how configuration selectors match names."""
    return _SPACE.sub("", arabic(text))


_PLAIN = regex.compile(r"([0-9]++)(?:\.([0-9]++))?+")
_MAX_EXACT = 2 ** 53  # as extractor.numbers: beyond it a JSON number is not exact for double readers


def parse_number(text: str) -> float | int | None:
    """A printed number, int unless printed with a decimal point; None when it is not one,
    or cannot be carried exactly (above 2**53, or more than 15 significant digits with
    decimals): never a float of a long run of digits (``inf``).

    >>> parse_number("1,250.50"), parse_number("12.0"), parse_number("9" * 400)
    (1250.5, 12.0, None)
    """
    t = arabic(text).replace(",", "").strip()
    m = _PLAIN.fullmatch(t)
    if not m:
        return None
    whole, frac = m.group(1).lstrip("0"), (m.group(2) or "").rstrip("0")
    if len(whole) > len(str(_MAX_EXACT)):
        return None
    if m.group(2) is None:
        value = int(whole or "0")
        return value if value <= _MAX_EXACT else None
    if (len(whole) + len(frac) if whole else len(frac.lstrip("0"))) > 15:
        return None
    return float(f"{whole or '0'}.{frac or '0'}")


def numbers_in(text: str) -> list[tuple[float | int, int, int]]:
    """(value, start, end) of every number in ``text`` (Thai or Arabic digits, 1,250.50)."""
    out = []
    for m in NUMBER.finditer(arabic(text)):
        value = parse_number(m.group(0))
        if value is not None:
            out.append((value, m.start(), m.end()))
    return out


def letters(text: str) -> int:
    return len(_LETTER.findall(text))


def fold_words(text: str) -> str:
    """Folded word by word: damage ignored within a word, one space between words."""
    return " ".join(w for w in (fold(t) for t in text.split()) if w)


def has_word(folded: str, words: tuple[str, ...]) -> bool:
    """One of the (folded) ``words`` occurs in the folded text."""
    return any(w in folded for w in words)


def ends_with_word(folded: str, words: tuple[str, ...]) -> bool:
    return any(folded.endswith(w) for w in words)


def starts_with_word(folded: str, words: tuple[str, ...]) -> bool:
    return any(folded.startswith(w) for w in words)


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
