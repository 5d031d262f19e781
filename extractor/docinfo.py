"""Document-level facts: title, issuing office, fiscal year, document type."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from .lines import Line
from .model import DocumentInfo
from .ruleset import rules
from .textutil import collapse_spaces, thai_to_arabic


@lru_cache(maxsize=1)
def _d() -> dict:
    return rules()["document"]


_YEAR_AFTER = r"\s*(?:พ\.\s*ศ\.?)?\s*([0-9๐-๙]{4})"


def fiscal_year(lines: list[Line]) -> int | None:
    """The first fiscal year printed near the top, else the most frequent one."""
    pattern = regex.compile(r"ปีงบประมาณ" + _YEAR_AFTER)
    years: Counter[int] = Counter()
    for k, ln in enumerate(lines):
        for m in pattern.finditer(ln.text):
            y = int(thai_to_arabic(m.group(1)))
            if 2400 <= y <= 2800:
                if k < 60:
                    return y
                years[y] += 1
    if years:
        return years.most_common(1)[0][0]
    other = regex.compile(r"(?:ปีการศึกษา|พ\.\s*ศ\.)" + _YEAR_AFTER)
    for ln in lines[:80]:
        m = other.search(ln.text)
        if m:
            y = int(thai_to_arabic(m.group(1)))
            if 2400 <= y <= 2800:
                return y
    return None


def document_type(lines: list[Line]) -> str:
    types = _d()["type"]
    for ln in lines[:80]:
        text = ln.clean
        if not text:
            continue
        for t in types:
            if any(w in text for w in t["words"]):
                return t["name"]
    return "unknown"


def organization(lines: list[Line]) -> str | None:
    prefixes = tuple(_d()["organization_prefixes"])
    for ln in lines[:60]:
        text = ln.clean
        for p in prefixes:
            at = text.find(p)
            if at == 0 or (at > 0 and text[at - 1] == " " and len(text) < 80):
                org = text[at:]
                org = regex.split(r"\s+(?:ได้|ซึ่ง|มี|โดย|ประจำปี|จังหวัด(?=\s))", org)[0]
                if len(org) <= 90:
                    return collapse_spaces(org).rstrip("*")
    return None


def title(lines: list[Line]) -> str | None:
    out: list[str] = []
    for ln in lines[:40]:
        text = ln.clean.strip("*")
        if not text:
            if out:
                break
            continue
        if len(text) > 160:
            break
        out.append(text)
        if len(out) == 2:
            break
    if not out:
        return None
    org = organization(lines)
    if len(out) == 2 and org and out[1].startswith(org[:20]):
        out = out[:1]
    return " ".join(out)


def document_info(lines: list[Line]) -> DocumentInfo:
    return DocumentInfo(title(lines), organization(lines), fiscal_year(lines), document_type(lines))
