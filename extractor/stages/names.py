"""Comparing project names: the same project is named in a table of contents, a
summary table and its detail section, each a little differently.

Names are compared on their folded form (damage of the text layer ignored)
without a leading item number and project word; rapidfuzz's ratio, or its
partial ratio when one name is a shortened form of the other.
"""

from __future__ import annotations

from collections.abc import Callable

import regex
from rapidfuzz import fuzz

from ..ruleset import RuleSet
from ..vocab import fold

_PAREN_TAIL = regex.compile(r"\s*\([^()]*\)\s*$")
_LEAD = regex.compile(r"^[0-9.]+")


def name_key(name: str, rules: RuleSet) -> str:
    """Folded, without a leading number and project word.

    >>> from extractor.ruleset import default_rules
    >>> name_key("๒.๑ โครงการ โครงการพัฒนา ระบบ", default_rules())
    'พัฒนาระบบ'
    """
    key = fold(name)
    while True:
        stripped = _LEAD.sub("", key)
        for word, _ in rules.project_words:
            if stripped.startswith(word):
                stripped = stripped[len(word):]
        if stripped == key:
            break
        key = stripped
    return key.strip("“”\"'.")


def name_score(a: str, b: str, rules: RuleSet, whole: bool = False) -> float:
    """Similarity 0-100 of two names; ``whole``: the names must match as wholes
    (no credit for one being a shortened form of the other)."""
    ka, kb = name_key(a, rules), name_key(b, rules)
    if not ka or not kb:
        return 0.0
    score = fuzz.ratio(ka, kb)
    short, long_ = sorted((ka, kb), key=len)
    if not whole and len(short) >= 12 and len(short) / len(long_) >= 0.45:
        score = max(score, fuzz.partial_ratio(short, long_) * 0.97)
    # Names with an appended "(unit/person)" tail in summary tables.
    for x, y in ((a, b), (b, a)):
        stripped = _PAREN_TAIL.sub("", x)
        if stripped != x:
            score = max(score, fuzz.ratio(name_key(stripped, rules), name_key(y, rules)))
    return score


def same_start_score(a: str, b: str, rules: RuleSet) -> float:
    """Similarity 0-100 of two names as wholes, or of the shorter with the start of the
    longer (a name cut short where its cell wrapped), never with the longer's middle.

    >>> from extractor.ruleset import default_rules
    >>> r = default_rules()
    >>> same_start_score("จัดสื่อประชาสัมพันธ์รับสมัครนักเรียน นักศึกษา", "รับสมัครนักเรียน นักศึกษา", r) < 90
    True
    >>> same_start_score("ก่อสร้างถนน ซอย 19 (ข้าง", "ก่อสร้างถนน ซอย 19 (ข้างบ้านเลขที่ 1)", r)
    100.0
    """
    ka, kb = name_key(a, rules), name_key(b, rules)
    if not ka or not kb:
        return 0.0
    short, long_ = sorted((ka, kb), key=len)
    return max(float(fuzz.ratio(ka, kb)), float(fuzz.ratio(short, long_[:len(short)])) if len(short) >= 12 else 0.0)


def assign(left: list[str], right: list[str], threshold: float, rules: RuleSet,
           allowed: Callable[[int, int], bool] | None = None) -> dict[int, int]:
    """One-to-one matches right index → left index with score ≥ threshold, best first
    (only pairs ``allowed(i, j)`` when given)."""
    pairs = []
    for j, r in enumerate(right):
        for i, l in enumerate(left):
            if allowed is not None and not allowed(i, j):
                continue
            s = name_score(l, r, rules)
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
