"""Turn the source pieces of one value into its cleaned text.

Wrapped lines are joined: no space where the join falls inside a Thai word
(the tokenizer decides), a space where the printed line ended with a space
or either side is not Thai; item numbers, bullets and HTML debris removed;
Word justification runs collapsed.  Text is otherwise kept as printed.
"""

from __future__ import annotations

import regex

from .lines import Piece, trim
from .textutil import collapse_spaces, strip_numbering, thai_letter
from .tokenize import splits_word

_HTML = regex.compile(r"</?[a-zA-Z][^>]{0,200}>")
_HYPHEN_WRAP = regex.compile(r"\s-\s*$")


def join_separator(left: str, right: str, phrase: bool = False) -> str:
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
    if splits_word(left.rstrip(), right.lstrip()):
        return ""
    return " " if phrase else ""


def clean_pieces(pieces: list[Piece], phrase: bool = False, numbered: bool = True) -> tuple[str, int, int] | None:
    """(text, start, end) of the value made of ``pieces`` (source lines or cells)."""
    parts: list[tuple[str, Piece]] = []
    for i, piece in enumerate(pieces):
        p = trim(piece)
        if not p.text:
            continue
        raw = _HTML.sub(" ", p.text)
        if numbered and not parts:
            stripped = strip_numbering(raw)
            raw = stripped
        if not collapse_spaces(raw):
            continue
        parts.append((raw, p))
    if not parts:
        return None
    text = ""
    for raw, _ in parts:
        if text:
            if _HYPHEN_WRAP.search(text):
                text = _HYPHEN_WRAP.sub("", text)
                sep = ""
            else:
                sep = join_separator(text, raw, phrase)
            text = text.rstrip() + sep + raw.lstrip()
        else:
            text = raw
    text = collapse_spaces(text)
    if not text:
        return None
    return text, parts[0][1].start, parts[-1][1].end
