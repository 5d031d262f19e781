"""Comparing project names: the same project is named in a table of contents, a
summary table and its detail section, each a little differently.

Names are compared on their folded form (damage of the text layer ignored)
without a leading item number and project word; rapidfuzz's ratio, or its
partial ratio when one name is a shortened form of the other.

A document may name thousands of projects, so names are never compared every
one with every other: :class:`NameIndex` finds, for one name, the indexed names
that *can* score a threshold (a filter that never drops one: see its
docstring), and only those are scored.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from ..ruleset import RuleSet
from ..vocab import fold

# Linear on any text: a try starts only where a run of spaces (or the bracket) starts.
_PAREN_TAIL = regex.compile(r"(?<!\s)\s*+\([^()]*+\)\s*+$")
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


@dataclass(frozen=True)
class NameKey:
    """What :func:`name_score` compares of a name, computed once: its key, and the key of
    the name without an appended "(…)" tail when it has one.  Both are cut after
    ``name_max_chars`` characters: no project name is longer (a longer "name" is running
    text), and comparing strings costs the product of their lengths."""

    key: str
    stripped: str | None = None

    @classmethod
    def of(cls, name: str, rules: RuleSet) -> NameKey:
        limit = rules.tune("name_max_chars")
        stripped = _PAREN_TAIL.sub("", name)
        return cls(name_key(name, rules)[:limit], name_key(stripped, rules)[:limit] if stripped != name else None)


# A shortened name scores its partial ratio times this (rapidfuzz partial_ratio); it
# counts when the shorter key has at least _PARTIAL_MIN characters and this share of the longer's.
_PARTIAL_WEIGHT = 0.97
_PARTIAL_MIN = 12
_PARTIAL_SHARE = 0.45


def name_score(a: str, b: str, rules: RuleSet, whole: bool = False) -> float:
    """Similarity 0-100 of two names; ``whole``: the names must match as wholes
    (no credit for one being a shortened form of the other)."""
    return key_score(NameKey.of(a, rules), NameKey.of(b, rules), whole)


def key_score(a: NameKey, b: NameKey, whole: bool = False) -> float:
    """:func:`name_score` of two names' :class:`NameKey`."""
    ka, kb = a.key, b.key
    if not ka or not kb:
        return 0.0
    score = fuzz.ratio(ka, kb)
    short, long_ = sorted((ka, kb), key=len)
    if not whole and len(short) >= _PARTIAL_MIN and len(short) / len(long_) >= _PARTIAL_SHARE:
        score = max(score, fuzz.partial_ratio(short, long_) * _PARTIAL_WEIGHT)
    # Names with an appended "(unit/person)" tail in summary tables.
    if a.stripped is not None:
        score = max(score, fuzz.ratio(a.stripped, kb))
    if b.stripped is not None:
        score = max(score, fuzz.ratio(b.stripped, ka))
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
    limit = rules.tune("name_max_chars")
    ka, kb = name_key(a, rules)[:limit], name_key(b, rules)[:limit]
    if not ka or not kb:
        return 0.0
    short, long_ = sorted((ka, kb), key=len)
    return max(float(fuzz.ratio(ka, kb)), float(fuzz.ratio(short, long_[:len(short)])) if len(short) >= 12 else 0.0)


def assign(left: list[str], right: list[str], threshold: float, rules: RuleSet,
           allowed: Callable[[int, int], bool] | None = None) -> dict[int, int]:
    """One-to-one matches right index → left index with score ≥ threshold, best first
    (only pairs ``allowed(i, j)`` when given).  Only the pairs :class:`NameIndex` finds
    are scored."""
    return assign_index(NameIndex(left, rules), right, threshold, allowed)


def assign_index(index: NameIndex, right: list[str], threshold: float,
                 allowed: Callable[[int, int], bool] | None = None) -> dict[int, int]:
    """:func:`assign` with the left names already indexed.

    The pairs are taken best first, as if every pair scoring ``threshold`` were sorted by
    (−score, right, left): for a score and a right name in turn, the lowest left name still
    free.  Pairs of one score and one right name are a block; the blocks come off a heap,
    and a group of equal left names hands out its names in order, so equal names on both
    sides (a table that repeats one row a thousand times) cost their groups, not their pairs."""
    by_key: dict[NameKey, list[int]] = {}
    for j, r in enumerate(right):
        by_key.setdefault(index._key(r), []).append(j)
    levels: dict[NameKey, list[tuple[float, list[int]]]] = {}  # per right key: (score, left groups), best first
    for key in by_key:
        per_score: dict[float, list[int]] = {}
        for s, g in index.match_groups(key, threshold):
            per_score.setdefault(s, []).append(g)
        levels[key] = sorted(per_score.items(), key=lambda x: -x[0])
    level_of = [levels[index._key(r)] for r in right]
    heap = [(-lv[0][0], j, 0) for j, lv in enumerate(level_of) if lv]
    heapq.heapify(heap)
    free = [0] * len(index.members)  # per left group: where its free names start
    used: set[int] = set()
    out: dict[int, int] = {}
    while heap:
        _, j, k = heapq.heappop(heap)
        _, groups = level_of[j][k]
        best = None
        for g in groups:
            names = index.members[g]
            at = free[g]
            while at < len(names) and names[at] in used:
                at += 1
            free[g] = at
            # the lowest free name of the group (that is allowed, with ``allowed``)
            while at < len(names):
                i = names[at]
                if i not in used and (allowed is None or allowed(i, j)):
                    if best is None or i < best:
                        best = i
                    break
                at += 1
        if best is not None:
            out[j] = best
            used.add(best)
        elif k + 1 < len(level_of[j]):
            heapq.heappush(heap, (-level_of[j][k + 1][0], j, k + 1))
    return out


def _lcs_needed(threshold: float, la: int, lb: int) -> int:
    """The longest common subsequence two strings of lengths la, lb need for a rapidfuzz
    ratio of ``threshold`` (ratio = 200·LCS / (la + lb)); rounded down a hair, never up."""
    return math.ceil(threshold * (la + lb) / 200 - 1e-6)


def _grams(text: str) -> list[tuple[str, int]]:
    """The character pairs of ``text``, each with its occurrence number: the multiset of
    pairs as a set, so that two texts share min(count, count) of every pair."""
    seen: dict[str, int] = {}
    out = []
    for k in range(len(text) - 1):
        g = text[k:k + 2]
        n = seen[g] = seen.get(g, 0) + 1
        out.append((g, n))
    return out


class FuzzyIndex:
    """Keys indexed to be matched against others: for a query, the indexed keys that score at
    least a threshold with it, found without scoring every one.  ``scorer(indexed, query,
    whole)`` is the exact score: rapidfuzz's ratio of the two keys, or (unless ``whole``)
    their partial ratio times a weight of at most ``partial_weight`` when the shorter key
    has ``partial_min`` characters and ``partial_share`` of the longer's, or the ratio of a
    key's ``stripped`` variant with the other key.  (The bounds below take the largest
    weight and the loosest conditions the scorer has: a looser filter is never wrong.)

    The filter never drops a match.  Two strings with a ratio of at least T share a long
    common subsequence L ≥ T·(la+lb)/200 (the definition of the ratio); it falls into at
    most (la+lb−2L)+1 runs that are contiguous in both strings, so the strings share at least
    3L−(la+lb)−1 character pairs.  A partial ratio of P (the shorter string against a window
    of the longer, no longer than itself) bounds the pairs the same way through the window.
    A key that must share k pairs with the query shares one of the query's first n−k+1
    pairs (rarest first, n pairs in all): only the keys indexed under those are candidates.
    The candidates' longest common subsequence (rapidfuzz, in C) then rules out those that
    cannot reach the threshold, and the rest are scored exactly.  Keys unlike everything
    else in the document cost almost nothing; keys built from a handful of words (where
    any filter is weak) cost a C-level comparison each.
    """

    def __init__(self, scorer: Callable[[NameKey, NameKey, bool], float], partial_min: int,
                 partial_share: float, partial_weight: float):
        self.scorer = scorer
        self.partial_min, self.partial_share, self.partial_weight = partial_min, partial_share, partial_weight
        self.keys: list[NameKey] = []  # per index
        # Equal keys are one group: filtered and scored once (a name printed a thousand times
        # costs one name).  The filter below works on groups.
        self.members: list[list[int]] = []  # per group: its indices, ascending
        self._group: dict[NameKey, int] = {}
        self._gkeys: list[NameKey] = []  # per group
        self._post: dict[tuple[str, int], list[int]] = {}
        self._lengths: set[int] = set()
        self._bounds: dict[tuple, object] = {}  # per query length and threshold; cleared when lengths change
        self._tailed: set[int] = set()  # groups with a stripped variant or an empty key: always scored

    def __len__(self) -> int:
        return len(self.keys)

    def add_key(self, key: NameKey) -> int:
        """Index one more key; returns its index."""
        i = len(self.keys)
        self.keys.append(key)
        g = self._group.get(key)
        if g is not None:
            self.members[g].append(i)
            return i
        g = self._group[key] = len(self._gkeys)
        self._gkeys.append(key)
        self.members.append([i])
        texts = [t for t in (key.key, key.stripped) if t]
        if key.stripped is not None or not key.key:
            self._tailed.add(g)
        for gram in {gram for t in texts for gram in _grams(t)}:
            self._post.setdefault(gram, []).append(g)
        new = {len(t) for t in texts} - self._lengths
        if new:
            self._lengths |= new
            self._bounds.clear()
        return i

    def group_of(self, i: int) -> int:
        return self._group[self.keys[i]]

    def match_groups(self, q: NameKey, threshold: float, whole: bool = False) -> list[tuple[float, int]]:
        """(score, group) of every group of equal indexed keys whose score with ``q`` (the
        indexed key first) is at least ``threshold``, in group order."""
        if not q.key or not self._gkeys:  # every score is 0
            return [(0.0, g) for g in range(len(self._gkeys))] if threshold <= 0 else []
        out = []
        for g in self._possible(q, self._candidates(q, threshold, whole), threshold, whole):
            s = self.scorer(self._gkeys[g], q, whole)
            if s >= threshold:
                out.append((s, g))
        return out

    def match_key(self, q: NameKey, threshold: float, whole: bool = False) -> list[tuple[float, int]]:
        """(score, index) of every indexed key whose score with ``q`` (the indexed key first)
        is at least ``threshold``, in index order."""
        out = [(s, i) for s, g in self.match_groups(q, threshold, whole) for i in self.members[g]]
        out.sort(key=lambda x: x[1])
        return out

    def best_key(self, q: NameKey, threshold: float, whole: bool = False) -> tuple[float, int] | None:
        """The first (lowest index) of the best-scoring indexed keys, when it scores at least
        ``threshold``; as ``max()`` over the keys in order.  Costs the distinct keys only."""
        found = self.match_groups(q, threshold, whole)
        if not found:
            return None
        top = max(s for s, _ in found)
        return top, min(self.members[g][0] for s, g in found if s == top)

    def among_key(self, q: NameKey, threshold: float, indices: list[int],
                  query_first: bool = False) -> list[tuple[float, int]]:
        """(score, index) of the given indexed keys (in the order given) that score at least
        ``threshold`` with ``q``; ``query_first``: scored as ``scorer(q, indexed)``."""
        if not q.key:  # every score is 0
            return [(0.0, i) for i in indices] if threshold <= 0 else []
        groups = sorted({self.group_of(i) for i in indices})
        scores: dict[int, float] = {}
        for g in self._possible(q, groups, threshold, False):
            key = self._gkeys[g]
            scores[g] = self.scorer(q, key, False) if query_first else self.scorer(key, q, False)
        out = []
        for i in indices:
            s = scores.get(self.group_of(i))
            if s is not None and s >= threshold:
                out.append((s, i))
        return out

    # -- the filter
    def _partial_applies(self, short: int, long_: int, whole: bool) -> bool:
        return not whole and short >= self.partial_min and short / long_ >= self.partial_share

    def _candidates(self, q: NameKey, threshold: float, whole: bool) -> list[int]:
        """Sorted groups of the keys that may score ``threshold`` with ``q``."""
        if threshold <= 0:
            return list(range(len(self._gkeys)))
        found: set[int] = set()
        for text in (q.key, q.stripped):
            if not text:
                continue
            k = self._pairs_needed(len(text), threshold, whole)
            if k is None:
                continue  # no indexed length can reach the threshold
            if k <= 0:
                return list(range(len(self._gkeys)))
            grams = sorted(set(_grams(text)), key=lambda g: len(self._post.get(g, ())))
            for g in grams[:len(grams) - k + 1]:
                found.update(self._post.get(g, ()))
        found.update(self._tailed)
        return sorted(found)

    def _pairs_needed(self, lq: int, threshold: float, whole: bool) -> int | None:
        """The fewest character pairs a text of length ``lq`` shares with any indexed text
        that can score ``threshold`` with it (None: none can)."""
        memo = ("pairs", lq, threshold, whole)
        if memo not in self._bounds:
            ks = []
            for lx in self._lengths:
                need = _lcs_needed(threshold, lq, lx)
                if need <= min(lq, lx):
                    ks.append(3 * need - (lq + lx) - 1)
                if self._partial_applies(min(lq, lx), max(lq, lx), whole):
                    k = _partial_pairs(threshold / self.partial_weight, min(lq, lx))
                    if k is not None:
                        ks.append(k)
            self._bounds[memo] = min(ks) if ks else None
        return self._bounds[memo]  # type: ignore[return-value]

    def _possible(self, q: NameKey, cands: list[int], threshold: float, whole: bool) -> list[int]:
        """The candidate groups (sorted) whose longest common subsequence with ``q`` allows
        the threshold; keys with a stripped variant on either side are always kept (their
        variants are scored too)."""
        if not cands or q.stripped is not None or threshold <= 0:
            return cands
        keys = self._gkeys
        floors = self._floors(len(q.key), threshold, whole)
        texts = [keys[i].key for i in cands]
        found = process.extract(q.key, texts, scorer=LCSseq.similarity, score_cutoff=max(0, min(floors.values())),
                                limit=None)
        out = {cands[k] for text, lcs, k in found if lcs >= floors[len(text)]}
        if self._tailed:
            out.update(i for i in cands if i in self._tailed)
        return sorted(out)

    def _floors(self, lq: int, threshold: float, whole: bool) -> dict[int, int]:
        """For every indexed key length lx, the longest common subsequence a key of that
        length needs with the query's (length lq) to score ``threshold``: by ratio, or by
        partial ratio, whose window of the longer key is at least P·short/(200−P) long
        and holds the subsequence."""
        memo = ("floors", lq, threshold, whole)
        if memo not in self._bounds:
            partial = threshold / self.partial_weight
            floors = {}
            for lx in self._lengths | {0}:
                need = _lcs_needed(threshold, lq, lx)
                short, long_ = min(lq, lx), max(lq, lx)
                if long_ and self._partial_applies(short, long_, whole) and partial < 200:
                    need = min(need, math.ceil(partial * short / (200 - partial) - 1e-6))
                floors[lx] = need
            self._bounds[memo] = floors
        return self._bounds[memo]  # type: ignore[return-value]


class NameIndex(FuzzyIndex):
    """Project names indexed for :func:`name_score` (see :class:`FuzzyIndex`)."""

    def __init__(self, names: list[str] | None = None, rules: RuleSet | None = None):
        super().__init__(key_score, _PARTIAL_MIN, _PARTIAL_SHARE, _PARTIAL_WEIGHT)
        self.rules = rules
        for name in names or ():
            self.add(name)

    def _key(self, name: str | NameKey) -> NameKey:
        return name if isinstance(name, NameKey) else NameKey.of(name, self.rules)

    def add(self, name: str | NameKey) -> int:
        """Index one more name; returns its index."""
        return self.add_key(self._key(name))

    def matches(self, name: str | NameKey, threshold: float, whole: bool = False) -> list[tuple[float, int]]:
        """(score, index) of every indexed name whose score with ``name`` (the indexed name
        first, as ``name_score(indexed, name)``) is at least ``threshold``, in index order."""
        return self.match_key(self._key(name), threshold, whole)

    def best(self, name: str | NameKey, threshold: float, whole: bool = False) -> tuple[float, int] | None:
        """(score, index) of the first of the best-scoring indexed names, when it scores at
        least ``threshold`` (``max()`` over the names in order)."""
        return self.best_key(self._key(name), threshold, whole)

    def among(self, name: str | NameKey, threshold: float, indices: list[int],
              query_first: bool = False) -> list[tuple[float, int]]:
        """(score, index) of the given indexed names (in the order given) that score at least
        ``threshold`` with ``name``; ``query_first``: scored as ``name_score(name, indexed)``."""
        return self.among_key(self._key(name), threshold, indices, query_first)


@lru_cache(maxsize=1024)
def _partial_pairs(partial: float, short: int) -> int | None:
    """The fewest character pairs a text of length ``short`` shares with a longer one when
    their partial ratio is at least ``partial`` (through the best window, of length lw ≤ short)."""
    ks = []
    for lw in range(1, short + 1):
        need = _lcs_needed(partial, short, lw)
        if need <= lw:
            ks.append(3 * need - (short + lw) - 1)
    return min(ks) if ks else None
