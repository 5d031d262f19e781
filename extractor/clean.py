"""Turn the source pieces of one value into its cleaned text, keeping its exact span.

Wrapped lines are joined: no space where the join falls inside a Thai word
(the tokenizer decides), a space where the printed line ended with a space or
either side is not Thai; HTML debris removed; runs of spaces collapsed.  Text
is otherwise kept as printed (spelling, digits, fill-in leaders).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .blocks import Piece
from .textutil import collapse_spaces, thai_letter
from .tokenize import splits_word

_HTML = regex.compile(r"</?[a-zA-Z][^>]{0,200}>")
_HYPHEN_WRAP = regex.compile(r"\s-\s*$")


@dataclass(frozen=True)
class Text:
    """A cleaned value and the span of source it came from."""

    text: str
    start: int
    end: int


def join_separator(left: str, right: str, words: tuple[str, ...] = (), phrase: bool = False) -> str:
    """What goes between two wrapped lines ('' or ' ').

    ``phrase`` is for names and headings broken by hand, where a break
    between two words stood for a space; in running text a Thai line breaks
    between words that are written together.

    >>> join_separator("ได้รับการพัฒนาการจัด", "ประสบการณ์")
    ''
    >>> join_separator("ทางการศึกษา", "ในสังกัด", phrase=True)
    ' '
    >>> join_separator("จำนวน 26", "คน")
    ' '
    """
    if not left or not right:
        return ""
    if left[-1].isspace():
        return " "
    a, b = left.rstrip()[-1], right.lstrip()[0]
    if not (thai_letter(a) and thai_letter(b)):
        return " "
    if splits_word(left.rstrip()[-12:], right.lstrip()[:12], words):  # its window: short cache keys
        return ""
    return " " if phrase else ""


def _tail(chunks: list[str], size: int = 40) -> str:
    """The last ``size`` characters of the joined chunks (what a join looks at)."""
    out = ""
    for chunk in reversed(chunks):
        out = chunk + out
        if len(out) >= size:
            break
    return out[-size:] if len(out) > size else out


def clean_text(pieces: list[Piece], words: tuple[str, ...] = (), phrase: bool = False) -> Text | None:
    """The cleaned value made of ``pieces`` (already cut to the value's own text)."""
    parts: list[tuple[str, Piece]] = []
    for piece in pieces:
        p = piece.trimmed()
        raw = _HTML.sub(" ", p.text)
        if collapse_spaces(raw):
            parts.append((raw, p))
    if not parts:
        return None
    # Joined piece by piece; only the end of what is joined so far decides the next
    # separator, so a value of thousands of wrapped lines costs linear time.
    chunks: list[str] = []
    for raw, _ in parts:
        if not chunks:
            chunks.append(raw)
            continue
        last = chunks[-1]
        if _HYPHEN_WRAP.search(last):
            chunks[-1] = _HYPHEN_WRAP.sub("", last)
            sep = ""
        else:
            sep = join_separator(_tail(chunks), raw, words, phrase)
        chunks[-1] = chunks[-1].rstrip()
        chunks.append(sep + raw.lstrip())
    text = collapse_spaces("".join(chunks))
    if not text:
        return None
    return Text(text, parts[0][1].start, parts[-1][1].end)
