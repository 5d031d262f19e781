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
    """The first line in the title area that names the document's kind (แผน…,
    รายงาน…, แบบติดตาม…), with a directly following continuation line and a
    directly preceding part heading ("ส่วนที่ 3"); else the first line."""
    words = [w for t in _d()["type"] for w in t["words"]]
    org = organization(lines) or "\0"
    head = [(k, ln.clean.strip("*")) for k, ln in enumerate(lines[:40])]
    for k, text in head:
        if not text or len(text) > 160 or not any(w in text for w in words):
            continue
        parts = [text]
        prev = head[k - 1][1] if k > 0 else ""
        if prev and regex.match(r"^(?:ส่วนที่|บทที่)\s*\S+$", prev):
            parts.insert(0, prev)
        nxt = head[k + 1][1] if k + 1 < len(head) else ""
        if nxt and not nxt.startswith(org[:15]) and len(nxt) < 80 and not nxt.startswith("สำนักงาน"):
            parts.append(nxt)
        return " ".join(parts)
    first = next((text for _, text in head if text), None)
    return first


def document_info(lines: list[Line]) -> DocumentInfo:
    return DocumentInfo(title(lines), organization(lines), fiscal_year(lines), document_type(lines))
