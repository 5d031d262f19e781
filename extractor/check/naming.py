"""Project names and numbers across the document: duplicates, skipped or
repeated numbers.

The extraction lists every place that names projects one after another
(``Document.listings``: a summary table, a list or table of contents, the run
of detail sections), each entry with its printed number, its name and the
project it was merged into.  Numbering is checked in each listing (the run
of detail sections may skip the numbers of projects the document gives
elsewhere, e.g. in its summary table, without a section); names are
compared between projects, and within a listing between entries that ended
up in one project (or in none): two detail sections or two summary rows that
the extractor took for one project.  A repeated name is reported once, against
the earlier name it repeats best.
"""

from __future__ import annotations

from typing import Iterator

import regex
from rapidfuzz import fuzz, process

from ..model import Listing, ListingEntry, Span
from .context import Context, short
from .registry import Hit, Say, checker
from .text import arabic, fold

_LEAD = regex.compile(r"^[0-9.]+")
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]")


def name_key(name: str, project_words: tuple[str, ...]) -> str:
    """Folded, without a leading item number and project word, letters and digits only."""
    key = fold(name)
    while True:
        stripped = _LEAD.sub("", key)
        for word in project_words:
            if stripped.startswith(word):
                stripped = stripped[len(word):]
        if stripped == key:
            break
        key = stripped
    return _NOT_WORD.sub("", key)


_DIGITS = regex.compile(r"[0-9]+")


def _digits(name: str) -> list[str]:
    return _DIGITS.findall(arabic(name))


def same_name(a: str, b: str, project_words: tuple[str, ...], near: float) -> float:
    """100 for the same name, the ratio for near-identical ones, 0 otherwise."""
    ka, kb = name_key(a, project_words), name_key(b, project_words)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 100.0
    if _digits(a) != _digits(b):
        return 0.0  # "รุ่นที่ 1" / "รุ่นที่ 2": different projects on purpose
    score = fuzz.ratio(ka, kb)
    return score if score >= near else 0.0


class _First:
    """The earliest index of a key, overall, among entries of no project, and per project."""

    def __init__(self, i: int, pid: str | None):
        self.first = i
        self.no_project: int | None = i if pid is None else None
        self.by_project: dict[str, int] = {} if pid is None else {pid: i}

    def add(self, i: int, pid: str | None) -> None:
        if pid is None:
            if self.no_project is None:
                self.no_project = i
        else:
            self.by_project.setdefault(pid, i)

    def allowed(self, pid: str | None, by_project: bool) -> int | None:
        """The earliest index that may be compared with an entry of project ``pid``: any when
        not ``by_project`` or the entry has none, else one of no project or of the same."""
        if not by_project or pid is None:
            return self.first
        found = [i for i in (self.no_project, self.by_project.get(pid)) if i is not None]
        return min(found) if found else None


def _earlier_best(names: list[str], project_words: tuple[str, ...], near: float,
                  pids: list[str | None] | None = None) -> Iterator[tuple[int, float] | None]:
    """For each name in turn, (index, score) of the earlier name it repeats best as
    :func:`same_name` scores them (the first of the best), or None.  With ``pids`` (entries
    of a listing), names of two different projects are not compared.

    No pair is compared twice and no name with every other: the same key is a dictionary
    look-up, and near-identical keys are looked for (rapidfuzz, in C) among the distinct
    earlier keys with the same numbers."""
    by_key: dict[str, _First] = {}
    by_digits: dict[tuple[str, ...], tuple[list[str], dict[str, _First]]] = {}
    for j, name in enumerate(names):
        kb = name_key(name, project_words)
        if not kb:
            yield None
            continue
        db = tuple(_digits(name))
        pid = pids[j] if pids is not None else None
        found: list[tuple[float, int]] = []
        first = by_key.get(kb)
        if first is not None and (i := first.allowed(pid, pids is not None)) is not None:
            found.append((100.0, i))
        keys, seen = by_digits.setdefault(db, ([], {}))
        if keys:
            for key, score, _ in process.extract(kb, keys, scorer=fuzz.ratio, score_cutoff=near, limit=None):
                if key != kb and score >= near and score:
                    i = seen[key].allowed(pid, pids is not None)
                    if i is not None:
                        found.append((score, i))
        yield max(found, key=lambda x: (x[0], -x[1]))[::-1] if found else None
        for table in (by_key, seen):
            if kb in table:
                table[kb].add(j, pid)
            else:
                table[kb] = _First(j, pid)
        if len(seen) > len(keys):
            keys.append(kb)


@checker("duplicate-project-name")
def check_duplicates(ctx: Context) -> Iterator[Hit]:
    words = tuple(w for w, _ in ctx.rules.project_words)
    near = ctx.setting("near_name")
    projects = ctx.projects
    # A name is reported once, against the earlier name it repeats best (the first of those):
    # a name printed a thousand times gives a thousand findings, not half a million.
    for b, best in zip(projects, _earlier_best([p.name for p in projects], words, near)):
        if best is not None:
            i, score = best
            a = projects[i]
            yield _dup(b.id, b.span, a.name, a.span.line, b.name, score)
    # Within one listing: two entries the extractor merged into one project (or into none);
    # entries of two projects are reported above.
    for listing in ctx.doc.listings:
        entries = listing.entries
        for eb, best in zip(entries, _earlier_best([e.name for e in entries], words, near,
                                                   [e.project_id for e in entries])):
            if best is not None:
                i, score = best
                ea = entries[i]
                yield _dup(eb.project_id or ea.project_id, eb.span, ea.name, ea.span.line, eb.name, score)


def _dup(pid: str | None, span: Span, first: str, first_line: int, name: str, score: float) -> Hit:
    return Hit("duplicate-project-name", pid, span, "same" if score == 100 else "near",
               {"name": short(name, 60), "first": short(first, 60), "line": first_line, "score": f"{score:.0f}"})


def _parse(number: str | None) -> tuple[int, ...] | None:
    if not number:
        return None
    parts = regex.findall(r"[0-9]+", arabic(number))
    return tuple(int(x) for x in parts) if parts else None


def _fmt(n: tuple[int, ...]) -> str:
    return ".".join(str(x) for x in n)


def _where(ctx: Context, listing: Listing) -> Say:
    return ctx.term("listing_" + listing.kind, line=listing.entries[0].span.line)


def _sequence(items: list[tuple[tuple[int, ...], ListingEntry]], place: Say,
              elsewhere: set[tuple[int, ...]]) -> Iterator[tuple[tuple, Hit]]:
    """(key, hit) for each skip or repeat in ``items`` (numbers and entries in order);
    numbers in ``elsewhere`` are not missing."""
    skip_repeat_at = -1
    for k, ((a, _), (b, eb)) in enumerate(zip(items, items[1:])):
        if len(a) != len(b) or a[:-1] != b[:-1]:
            continue
        if b[-1] == a[-1] and k == skip_repeat_at:
            continue
        nxt = items[k + 2][0] if k + 2 < len(items) else None
        fields = {"where": place, "previous": _fmt(a), "number": _fmt(b)}
        if b[-1] > a[-1] + 1 and nxt == b:
            # 2, 4, 4: one mistyped number, not a gap and a repeat.
            skip_repeat_at = k + 1
            missing = _fmt(a[:-1] + (a[-1] + 1,))
            yield (("numbering-repeat", b), Hit("numbering-repeat", eb.project_id, eb.span, "mistyped",
                                                {**fields, "missing": missing}))
        elif b[-1] == a[-1]:
            yield (("numbering-repeat", b), Hit("numbering-repeat", eb.project_id, eb.span, "default",
                                                {**fields, "missing": ""}))
        elif b[-1] > a[-1] + 1:
            gone = [_fmt(n) for x in range(a[-1] + 1, b[-1]) if (n := a[:-1] + (x,)) not in elsewhere]
            if not gone:
                continue
            text = ", ".join(gone[:5]) + ("…" if len(gone) > 5 else "")
            yield (("numbering-gap", b), Hit("numbering-gap", eb.project_id, eb.span, "default",
                                             {**fields, "missing": text}))


@checker("numbering-gap", "numbering-repeat")
def check_numbering(ctx: Context) -> Iterator[Hit]:
    least, share = ctx.setting("numbered_min"), ctx.setting("numbered_share")
    # Detail sections are often given for some projects only: a number missing from
    # their run is no gap when the document has that project (in a summary table, say).
    known = {n for p in ctx.projects if (n := _parse(p.number)) is not None}
    reported: set[tuple] = set()
    for listing in ctx.doc.listings:
        numbered = [(n, e) for e in listing.entries if (n := _parse(e.number)) is not None]
        if len(numbered) < least or len(numbered) < share * len(listing.entries):
            continue
        elsewhere = known if listing.kind == "sections" else set()
        for key, hit in _sequence(numbered, _where(ctx, listing), elsewhere):
            if key not in reported:
                reported.add(key)
                yield hit
