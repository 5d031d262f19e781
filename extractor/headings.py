"""Recognise the headings of a project's detail section and kind sub-headings.

All wording comes from ``rules/headings.toml``; this module only applies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .lines import Piece, sub_piece, trim
from .ruleset import rules
from .textutil import NUMBERING_RE, compact, numbering_depth, numbering_of

# What may follow a heading word on its line: nothing, a parenthesis, a colon
# and an inline value, or (for inline fields) the value itself.
_MAX_QUALIFIER = 40


@dataclass(frozen=True)
class Heading:
    field: str
    depth: int  # numbering depth of the heading (0 = unnumbered)
    value: Piece | None  # inline value after the heading words, if any
    items: bool  # whether the part's text is extracted
    kind: str | None = None  # a kind word inside the heading ("เป้าหมายเชิงปริมาณ")
    label: str = ""  # the heading words as matched (compact form of the variant)


@dataclass(frozen=True)
class KindMark:
    kind: str  # output | outcome
    rest: Piece | None  # text after the kind words on the same line


@lru_cache(maxsize=1)
def _field_variants() -> list[tuple[str, str, bool, bool]]:
    out = []
    for f in rules()["headings"]["field"]:
        for v in f["variants"]:
            out.append((compact(v), f["name"], f.get("inline", False), f.get("items", True)))
    out.sort(key=lambda x: -len(x[0]))
    return out


@lru_cache(maxsize=1)
def _kind_variants() -> list[tuple[str, str]]:
    kinds = rules()["headings"]["kinds"]
    out = [(compact(v).lower(), kind) for kind, spec in kinds.items() for v in spec["variants"]]
    out.sort(key=lambda x: -len(x[0]))
    return out


def _match_compact(text: str, variant: str) -> int | None:
    """Index in ``text`` just after ``variant`` when text starts with it (spaces ignored)."""
    i = j = 0
    while j < len(variant):
        if i >= len(text):
            return None
        if text[i].isspace():
            i += 1
            continue
        if text[i].lower() != variant[j].lower() and not (text[i] in "๐๑๒๓๔๕๖๗๘๙" and variant[j].isdigit()):
            return None
        i += 1
        j += 1
    return i


_QUALIFIER_OK = regex.compile(r"^\s*(?:\([^)]{0,60}\)\s*)*[:：]?\s*$")


@lru_cache(maxsize=65536)  # segmentation probes the lines that the section reader reads again
def classify(piece: Piece) -> Heading | None:
    """A heading line (with optional number and inline value), or None."""
    p = trim(piece)
    text = p.text
    if not text or len(text) > 600:
        return None
    number = numbering_of(text)
    m = NUMBERING_RE.match(text)
    body_at = m.end() if m and number else 0
    body = text[body_at:]
    depth = numbering_depth(number)
    for variant, field, inline, items in _field_variants():
        end = _match_compact(body, variant)
        if end is None:
            continue
        rest = body[end:]
        # The heading word must end at a word edge or be followed by a qualifier.
        kind = None
        km = match_kind(rest)
        if km is not None:
            kind = km[0]
            rest = rest[km[1]:]
        rest_stripped = rest.strip()
        value = None
        colon = regex.match(r"^\s*(?:\([^)]{0,60}\)\s*)*(?:[:：]|\t)\s*", rest)
        if not colon and (inline or number):
            colon = regex.match(r"^[^:：\t]{0,50}[:：]\s*", rest)
        if not rest_stripped or _QUALIFIER_OK.match(rest):
            value = None
        elif colon and colon.end() < len(rest):
            value = trim(sub_piece(p, body_at + end + (len(body[end:]) - len(rest)) + colon.end()))
        elif inline:
            value = trim(sub_piece(p, len(text) - len(rest)))
            if not number and len(rest_stripped) > 120:
                return None
        elif len(text) > 160:
            return None
        elif number and depth <= 1 and len(rest_stripped) <= _MAX_QUALIFIER:
            value = None
        elif not number and len(rest_stripped) <= 12 and "\t" not in rest:
            value = None
        else:
            continue
        if "\t" in text and not (colon or inline or text.rstrip("\t ").count("\t") == 0):
            return None
        return Heading(field, depth, value if value and value.text else None, items, kind, variant)
    return None


def match_kind(text: str) -> tuple[str, int] | None:
    """(kind, end index) when ``text`` starts with a kind word (spaces ignored)."""
    stripped = text.lstrip()
    lead = len(text) - len(stripped)
    for variant, kind in _kind_variants():
        end = _match_compact(stripped, variant)
        if end is not None:
            return kind, lead + end
    return None


_KIND_PREFIX = regex.compile(r"(?:ตัวชี้วัด|เป้าหมาย|ดัชนีชี้วัด|ผลการดำเนินงาน|ผล)?\s*")


def kind_mark(piece: Piece) -> KindMark | None:
    """A kind sub-heading ("๓.๑ เชิงผลผลิต (Output)", "เชิงปริมาณ", "ตัวชี้วัดเชิงคุณภาพ - …")."""
    p = trim(piece)
    text = p.text
    m = NUMBERING_RE.match(text)
    at = m.end() if m and numbering_of(text) else 0
    pre = _KIND_PREFIX.match(text, at)
    at2 = pre.end() if pre else at
    km = match_kind(text[at2:])
    if km is None and at2 != at:
        km = match_kind(text[at:])
        at2 = at
    if km is None:
        return None
    kind, end = km
    rest = text[at2 + end:]
    q = regex.match(r"^\s*(?:\([^)]{0,40}\)\s*)*[:：\-–]?\s*", rest)
    tail = rest[q.end():] if q else rest
    if tail.strip():
        # Text after the kind words: only a kind mark when clearly separated.
        if not (q and q.group(0).strip()) and not regex.match(r"^\s{2,}", rest):
            return None
        return KindMark(kind, trim(sub_piece(p, len(text) - len(tail))))
    return KindMark(kind, None)


@lru_cache(maxsize=1)
def kind_names() -> dict[str, dict[str, str]]:
    return rules()["headings"]["kind_names"]
