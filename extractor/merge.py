"""Merge stage: mentions of the same project (table row, list entry, detail
section) become one project.  Names are compared with rapidfuzz after
normalisation; assignment is one-to-one, best pairs first."""

from __future__ import annotations

import regex
from rapidfuzz import fuzz

from .textutil import compact

_PAREN_TAIL = regex.compile(r"\s*\([^()]*\)\s*$")


def name_key(name: str) -> str:
    """Whitespace removed, Thai digits to Arabic, leading number and โครงการ dropped.

    >>> name_key("๒.๑ โครงการ โครงการพัฒนา ระบบ")
    'พัฒนาระบบ'
    """
    key = compact(name)
    key = regex.sub(r"^(?:[0-9.]+|โครงการ)+", "", key)
    return key.strip("“”\"'.")


def name_score(a: str, b: str) -> float:
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return 0.0
    score = fuzz.ratio(ka, kb)
    short, long_ = sorted((ka, kb), key=len)
    if len(short) >= 12 and len(short) / len(long_) >= 0.45:
        score = max(score, fuzz.partial_ratio(short, long_) * 0.97)
    # Names with an appended "(unit/person)" tail in summary tables.
    for x, y in ((a, b), (b, a)):
        stripped = _PAREN_TAIL.sub("", x)
        if stripped != x:
            score = max(score, fuzz.ratio(name_key(stripped), name_key(y)))
    return score


def assign(left: list[str], right: list[str], threshold: float) -> dict[int, int]:
    """One-to-one matches right index → left index with score ≥ threshold, best first."""
    pairs = []
    for j, r in enumerate(right):
        for i, l in enumerate(left):
            s = name_score(l, r)
            if s >= threshold:
                pairs.append((-s, j, i))
    pairs.sort()
    used_l: set[int] = set()
    out: dict[int, int] = {}
    for _, j, i in pairs:
        if j in out or i in used_l:
            continue
        out[j] = i
        used_l.add(i)
    return out
