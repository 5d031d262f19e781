"""Split the lines of one part (objectives, targets …) into items.

A numbered or bulleted line starts an item; unnumbered lines continue it.
Where a part has no numbering at all, paragraphs (blank-line separated) are
items, and a line continues the previous one when it was wrapped (the
previous line is full, or the break falls inside a word).  A numbered line
that only groups deeper-numbered items ("๔.๑ กิจกรรม…") is a sub-heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..clean import clean_pieces
from ..lines import Line, Piece
from ..ruleset import rules
from ..textutil import BULLET_RE, numbering_depth, numbering_of, strip_numbering
from ..tokenize import splits_word

JUNK = regex.compile(r"^\s*(?:\(?ต่อ\)?|หน้า\s*[0-9๐-๙]+|[0-9๐-๙]+|-{3,}|_{3,}|\.{3,})\s*$")


@dataclass
class Entry:
    """One input to the item splitter: a line, or a kind sub-heading."""

    line: Line | Piece | None = None
    kind: str | None = None


@dataclass
class Item:
    text: str
    start: int
    end: int
    kind: str | None


@lru_cache(maxsize=1)
def _group_prefixes() -> tuple[str, ...]:
    return tuple(rules()["headings"]["group_headings"]["prefixes"])


def _starts_item(text: str) -> bool:
    return bool(numbering_of(text) or BULLET_RE.match(text))


def split_items(entries: list[Entry], full_width: int = 70, join_unnumbered: bool = False) -> list[Item]:
    """Items of a part.  ``join_unnumbered``: with no numbering at all, every
    line belongs to one item (a table cell holds one wrapped item)."""
    lines = [e for e in entries if e.line is not None and not JUNK.match(e.line.text)]
    numbered = any(_starts_item(e.line.text.strip()) for e in lines if e.line.text.strip())
    groups: list[tuple[str | None, list[Piece], int]] = []  # kind, pieces, depth
    kind: str | None = None
    prev_blank = True
    current: list[Piece] | None = None
    for e in entries:
        if e.line is None:
            kind = e.kind
            current = None
            prev_blank = True
            continue
        ln = e.line
        text = ln.text.strip()
        if not text or JUNK.match(ln.text):
            prev_blank = True
            continue
        number = numbering_of(text)
        starts = _starts_item(text)
        if numbered:
            new = starts or current is None
        else:
            if current is None:
                new = True
            elif join_unnumbered:
                new = False
            elif prev_blank:
                new = not splits_word(current[-1].text.rstrip(), text)
            else:
                new = not _wrapped(current[-1].text, text, full_width)
        if new:
            current = [ln]
            groups.append((kind, current, numbering_depth(number)))
        else:
            assert current is not None
            current.append(ln)
        prev_blank = False
    # Drop group sub-headings: a short "กิจกรรม…" item followed by deeper items.
    out: list[Item] = []
    for idx, (k, pieces, depth) in enumerate(groups):
        body = strip_numbering(pieces[0].text.strip())
        nxt = groups[idx + 1] if idx + 1 < len(groups) else None
        if body.startswith(_group_prefixes()) and nxt is not None and nxt[2] > depth > 0:
            continue
        cleaned = clean_pieces(pieces)
        if cleaned is None:
            continue
        text, start, end = cleaned
        if len(text) < 2:
            continue
        out.append(Item(text, start, end, k))
    return out


@lru_cache(maxsize=1)
def _wrap_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    w = rules()["headings"]["wrap"]
    return tuple(w["end_words"]), tuple(w["start_words"])


def _wrapped(prev: str, nxt: str, full_width: int) -> bool:
    """Was ``nxt`` the continuation of ``prev`` (a wrapped line)?"""
    p = prev.rstrip()
    if not p:
        return False
    if regex.search(r"\s-$", p):
        return True
    ends, starts = _wrap_words()
    if p.endswith(ends) or nxt.strip().startswith(starts):
        return True
    if len(prev.strip()) >= full_width:
        return True
    return splits_word(p, nxt.strip())
