"""Score extracted documents against hand-made gold files (``thaiplan evaluate``).

Pure functions compare one gold dict (corpora/GOLD.md) with one predicted
dict (``Document.to_dict()``); a small runner finds documents with gold,
extracts them and pools the counts.  Every metric is defined here, exactly.

Normalization (:func:`normalize`, for names, item texts, units and periods
alike), in this order: Thai digits become Arabic; the decomposed sara am
(U+0E4D U+0E32, common in PDF text) becomes ำ (U+0E33), also when a tone mark
sits between the two (U+0E4D, tone, U+0E32 -> tone, U+0E33); Latin letters are
case-folded; form fill-in leaders are removed (a run of two or more dots or
ellipses, spaces allowed between them as in ". . .", any run of the ellipsis
character …, and a run of two or more underscores; a single "." stays, as in
"พ.ศ." or "2.5"); leading bullets and item numbers ("1.", "๒.๑", "(3)", "4)",
"- ") and the word โครงการ are dropped from the start (repeatedly:
"1. โครงการ โครงการX" -> "X"); then all whitespace is removed.

Matching: similarity is ``rapidfuzz.fuzz.ratio`` of normalized texts (an
empty text matches nothing).  Projects match one-to-one when the name score
>= 80; items (objectives, targets, indicators, results) within a matched
project pair when their text score >= 85.  Both use greedy matching on the
best score (ties: for projects an equal number first; then document order).

``projects``: F1 of matched projects; F1 = 2·tp / (2·tp + fp + fn) with tp
the matched pairs, fp the unmatched predicted and fn the unmatched gold
projects.

``objectives`` / ``targets`` / ``indicators`` / ``results``: F1 over
(project, item) pairs, micro-averaged over the document: within matched
projects matched items are tp, unmatched gold items fn, unmatched predicted
items fp; every gold item of a missed project is a fn and every predicted
item of a spurious project a fp.  So item F1 also pays for project errors.
Target kinds are not scored (``--details`` lists kind disagreements).

``budget``: accuracy over matched projects.  A pair is correct when
``amount`` is numerically equal (None == None), ``no_budget`` is equal and,
only when the gold states ``spent``, ``spent`` is numerically equal too.
``unpaired`` counts the projects without a partner (missed plus spurious).

``target_value``: accuracy over matched indicator pairs where the gold has a
target (``target`` or ``target_value`` not null) or the prediction has a
``target.value``; correct when the gold ``target_value`` and the predicted
``target.value`` are numerically equal (None == None).  ``unpaired`` counts
gold indicators with a target in missed projects or unmatched indicators, and
predicted indicators with a value in spurious projects or unmatched
indicators.

Not applicable: an F1 with nothing expected and nothing found (tp = fp = fn =
0), or an accuracy with nothing to judge and nothing unpaired (total =
unpaired = 0), has no score (None; "–" in the table, null in JSON) and is
left out of every mean.  An accuracy with total = 0 but unpaired > 0 (the
things to judge exist but none could be paired) is 0.0.

``partial_fields_after: N`` (top-level gold key): the list fields of gold
projects with index >= N (0-based; "the projects after the N-th") were not
annotated.  For a matched pair whose gold index is >= N, objectives, targets,
indicators, results and target_value are not scored at all (no tp, fp, fn,
correct, total or unpaired); a missed gold project with index >= N adds
nothing to them either.  Project matching and budget are scored for every
project; predicted items of spurious projects are still false positives.

``overall`` (per document) = the mean of the applicable metrics among
projects, budget, objectives, targets, indicators and target_value (results
is shown but not in the mean, since few documents are reports).  When none of
the six is applicable, e.g. a hard-negative document with no gold projects
and no predicted projects, overall is 1.0: the empty answer is correct.

Across documents, the OVERALL row pools the counts (micro average: each
metric is computed from summed tp/fp/fn or correct/total/unpaired, with the
same not-applicable rule, then overall is the mean of the applicable pooled
metrics among the six, or 1.0 when none is), so large documents weigh more.
The per-document rows and ``mean_of_documents`` show the macro view:
``mean_of_documents`` of a column is the plain mean over the documents where
that column is applicable (None when it is applicable in none).

A document is never skipped for its format: every file of a format thaiplan reads
(``readers.SUPPORTED_SUFFIXES``: text, Word, PDF, Excel, images) with gold is extracted.  A document whose
gold cannot be read or whose extraction fails shows 0.0 in every column of
its row (all applicable, so it counts as 0 in every column of
``mean_of_documents``); a failed extraction is pooled as an empty prediction
(its gold projects and items count as false negatives), an unreadable gold
(or a bad ``partial_fields_after``) adds nothing to the pooled counts.

``--details`` (:attr:`DocScore.details`, shown, not scored): the document
fields (gold, extracted, same); the unmatched gold projects (with their gold
index) and unmatched extracted projects, as number, name and line(s), with
similar leftovers (ratio >= 60) paired as near misses; and for every matched
pair: the name score, budget gold vs extracted (amount, no_budget, spent) and
whether it is correct, responsible unit and period gold vs extracted (same =
equal after normalization), whether its list fields are scored, and per list
field the gold, extracted and matched counts with the missed, spurious and
near-miss items, plus wrong target values and kind disagreements.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from rapidfuzz import fuzz

from .readers import SUPPORTED_SUFFIXES
from .textutil import thai_to_arabic

PROJECT_THRESHOLD = 80.0
ITEM_THRESHOLD = 85.0
NEAR_THRESHOLD = 60.0  # --details pairs leftovers this similar as "near misses"
ITEM_FIELDS = ("objectives", "targets", "indicators", "results")
SCORED = ("projects", "budget", "objectives", "targets", "indicators", "target_value")
COLUMNS = SCORED + ("results", "overall")
DOC_SUFFIXES = SUPPORTED_SUFFIXES
GOLD_SUFFIX = ".gold.json"

_LEADING = re.compile(
    r"""^\s*(?:
        [-–—•▪●◦○■□➢➤►✓*·]+                   # bullets
      | \(?\d+(?:\.\d+)*(?:[.)]+|(?=\s)|$)     # 1.  2.1  2.1.  (3)  4)  "5 "
      | โครงการ\s*[:：]?                        # the word itself
    )\s*""",
    re.X,
)
_SPACE = re.compile(r"\s+")
# Form fill-in leaders: 2+ dots/ellipses (spaces allowed between), any run of "…", 2+ underscores.
_LEADERS = re.compile(r"[.\u2026](?:\s*[.\u2026])+|\u2026|_(?:\s*_)+")
# Decomposed sara am: nikhahit + sara aa, optionally with a tone mark between.
_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")


def normalize(text: str | None) -> str:
    """The comparison form of a name or item text.

    >>> normalize("๒.๑ โครงการ พัฒนาการเรียน การสอน")
    'พัฒนาการเรียนการสอน'
    >>> normalize("1) โครงการ โครงการพัฒนาครู")
    'พัฒนาครู'
    >>> normalize("- ร้อยละ ๘๐ ของโรงเรียน")
    'ร้อยละ80ของโรงเรียน'
    >>> normalize("(3) Big  Data ICT")
    'bigdataict'
    >>> normalize("ทํางาน") == normalize("ทำงาน")
    True
    >>> normalize("น\u0e4d\u0e49\u0e32") == normalize("น\u0e49\u0e33") == "น\u0e49\u0e33"  # นํ้า, tone between
    True

    Form fill-in leaders are layout, not content:

    >>> normalize("จำนวน.......................คน")
    'จำนวนคน'
    >>> normalize("ผู้เข้าร่วม . . . . . ๕๐ คน")
    'ผู้เข้าร่วม50คน'
    >>> normalize("นักเรียน……………จำนวน…๓๐…คน")
    'นักเรียนจำนวน30คน'
    >>> normalize("ชื่อ________สกุล__ _ _")
    'ชื่อสกุล'
    >>> normalize("1.......เพื่อพัฒนาครู")
    'เพื่อพัฒนาครู'
    >>> normalize("พ.ศ. 2568 งบ 2.5 ล้าน a_b")
    'พ.ศ.2568งบ2.5ล้านa_b'
    """
    if not text:
        return ""
    s = _SARA_AM.sub("\\1\u0e33", thai_to_arabic(text)).casefold()
    s = _LEADERS.sub(" ", s)
    while True:
        stripped = _LEADING.sub("", s, count=1)
        if stripped == s:
            break
        s = stripped
    return _SPACE.sub("", s)


def similarity(a: str, b: str) -> float:
    """fuzz.ratio of two already-normalized strings; empty strings never match."""
    if not a or not b:
        return 0.0
    return float(fuzz.ratio(a, b))


def greedy_match(gold: list[str], pred: list[str], threshold: float,
                 prefer: Callable[[int, int], bool] | None = None) -> list[tuple[int, int, float]]:
    """One-to-one pairs ``(gold_index, pred_index, score)`` with score >= threshold.

    Pairs are taken best score first; ``prefer(g, p)`` breaks ties (True wins),
    then document order.  Inputs must already be normalized.

    >>> greedy_match(["ab", "ab"], ["ab"], 80)
    [(0, 0, 100.0)]
    """
    candidates = []
    for g, gtext in enumerate(gold):
        for p, ptext in enumerate(pred):
            score = similarity(gtext, ptext)
            if score >= threshold:
                bonus = 0 if prefer is None or prefer(g, p) else 1
                candidates.append((-score, bonus, g, p))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for neg, _, g, p in candidates:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p, -neg))
    return sorted(pairs)


# ---------------------------------------------------------------- counts

@dataclass
class F1:
    """tp/fp/fn counts; poolable by ``+``."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: F1) -> F1:
        return F1(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def applicable(self) -> bool:
        """False when nothing was expected and nothing found."""
        return bool(self.tp or self.fp or self.fn)

    @property
    def score(self) -> float | None:
        """2·tp / (2·tp + fp + fn); None when not applicable.

        >>> F1(1, 1, 0).score, F1(0, 0, 2).score, F1().score
        (0.6666666666666666, 0.0, None)
        """
        if not self.applicable:
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def to_dict(self) -> dict[str, int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    """correct/total; ``unpaired`` counts things that existed but had no partner to be judged with."""

    correct: int = 0
    total: int = 0
    unpaired: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total, self.unpaired + other.unpaired)

    @property
    def applicable(self) -> bool:
        """False when there was nothing to judge and nothing left unpaired."""
        return bool(self.total or self.unpaired)

    @property
    def score(self) -> float | None:
        """correct / total; 0.0 when only unpaired things exist; None when not applicable.

        >>> Accuracy(3, 4).score, Accuracy(unpaired=2).score, Accuracy().score
        (0.75, 0.0, None)
        """
        if self.total:
            return self.correct / self.total
        return 0.0 if self.unpaired else None

    def to_dict(self) -> dict[str, int]:
        return {"correct": self.correct, "total": self.total, "unpaired": self.unpaired}


Metric = F1 | Accuracy


def empty_metrics() -> dict[str, Metric]:
    out: dict[str, Metric] = {name: F1() for name in ("projects",) + ITEM_FIELDS}
    out["budget"] = Accuracy()
    out["target_value"] = Accuracy()
    return out


def mean_applicable(values: Iterable[float | None], empty: float | None = None) -> float | None:
    """The mean of the values that are not None; ``empty`` when there are none.

    >>> mean_applicable([1.0, None, 0.5]), mean_applicable([None], empty=1.0)
    (0.75, 1.0)
    """
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else empty


def scores_of(metrics: dict[str, Metric]) -> dict[str, float | None]:
    """Column scores in COLUMNS order (None: not applicable), with overall = mean
    of the applicable SCORED metrics, 1.0 when none is applicable."""
    out: dict[str, float | None] = {name: metrics[name].score for name in COLUMNS if name != "overall"}
    out["overall"] = mean_applicable((out[name] for name in SCORED), empty=1.0)
    return {name: out[name] for name in COLUMNS}


# ---------------------------------------------------------------- scoring

def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def same_number(a: Any, b: Any) -> bool:
    """Numeric equality with None == None ("10000" and 10000.0 are equal)."""
    if a is None or b is None:
        return a is None and b is None
    x, y = _number(a), _number(b)
    return x is not None and y is not None and math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-6)


def _text(item: Any) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        return str(item.get("text") or "")
    return ""


def _budget(project: dict[str, Any]) -> dict[str, Any]:
    return project.get("budget") or {}


def budget_correct(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """The budget rule of the module docstring, for one gold and one predicted project."""
    g, p = _budget(gold), _budget(pred)
    if not same_number(g.get("amount"), p.get("amount")):
        return False
    if bool(g.get("no_budget")) != bool(p.get("no_budget")):
        return False
    return g.get("spent") is None or same_number(g.get("spent"), p.get("spent"))


def _gold_value(ind: Any) -> tuple[bool, Any]:
    """(gold has a target, its value)."""
    if not isinstance(ind, dict):
        return False, None
    return ind.get("target") is not None or ind.get("target_value") is not None, ind.get("target_value")


def _pred_value(ind: Any) -> Any:
    target = ind.get("target") if isinstance(ind, dict) else None
    return target.get("value") if isinstance(target, dict) else None


@dataclass
class DocScore:
    """Counts for one document plus what ``--details`` shows."""

    metrics: dict[str, Metric] = field(default_factory=empty_metrics)
    details: dict[str, Any] = field(default_factory=dict)


def partial_fields_after(gold: dict[str, Any]) -> int | None:
    """The gold's ``partial_fields_after`` (None when absent); a bad value is a ValueError.

    >>> partial_fields_after({"partial_fields_after": 20}), partial_fields_after({})
    (20, None)
    """
    value = gold.get("partial_fields_after")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"partial_fields_after must be a non-negative integer, not {value!r}")
    return value


def score_document(gold: dict[str, Any], pred: dict[str, Any]) -> DocScore:
    """Compare one gold dict with one predicted dict (see the module docstring)."""
    out = DocScore()
    m = out.metrics
    after = partial_fields_after(gold)

    def annotated(g: int) -> bool:
        return after is None or g < after

    gps: list[dict[str, Any]] = list(gold.get("projects") or [])
    pps: list[dict[str, Any]] = list(pred.get("projects") or [])
    gnames = [normalize(p.get("name")) for p in gps]
    pnames = [normalize(p.get("name")) for p in pps]
    pairs = greedy_match(gnames, pnames, PROJECT_THRESHOLD,
                         prefer=lambda g, p: _same_label(gps[g].get("number"), pps[p].get("number")))
    matched_g = {g for g, _, _ in pairs}
    matched_p = {p for _, p, _ in pairs}
    m["projects"] = F1(len(pairs), len(pps) - len(pairs), len(gps) - len(pairs))
    m["budget"] = Accuracy(unpaired=len(gps) + len(pps) - 2 * len(pairs))

    for g in range(len(gps)):
        if g not in matched_g and annotated(g):
            for name in ITEM_FIELDS:
                m[name] += F1(fn=len(gps[g].get(name) or []))
            m["target_value"] += Accuracy(unpaired=sum(_gold_value(i)[0] for i in gps[g].get("indicators") or []))
    for p in range(len(pps)):
        if p not in matched_p:
            for name in ITEM_FIELDS:
                m[name] += F1(fp=len(pps[p].get(name) or []))
            m["target_value"] += Accuracy(unpaired=sum(_pred_value(i) is not None
                                                       for i in pps[p].get("indicators") or []))

    project_details = []
    for g, p, score in pairs:
        gp, pp = gps[g], pps[p]
        ok = budget_correct(gp, pp)
        m["budget"] += Accuracy(correct=int(ok), total=1)
        detail: dict[str, Any] = {
            "gold": {"index": g, **_label(gp)}, "pred": _label(pp), "name_score": round(score, 1),
            "budget": {"gold": _budget_view(_budget(gp)), "pred": _budget_view(_budget(pp)), "correct": ok},
            "responsible_unit": _text_pair(gp.get("responsible_unit"), _pred_unit(pp)),
            "period": _text_pair(gp.get("period"), _pred_period(pp)),
            "fields_scored": annotated(g),
        }
        detail.update(_compare_project(gp, pp, m if annotated(g) else None))
        project_details.append(detail)

    out.details = {
        "document": _document_diff(gold.get("document") or {}, pred.get("document") or {}),
        "partial_fields_after": after,
        "projects": _list_diff([{"index": g, **_label(gps[g])} for g in range(len(gps)) if g not in matched_g],
                               [_label(pps[p]) for p in range(len(pps)) if p not in matched_p], key="name"),
        "matched": project_details,
    }
    return out


def _pred_unit(pp: dict[str, Any]) -> Any:
    """The predicted responsible unit: ``responsible.unit`` (output schema) or ``responsible_unit``."""
    resp = pp.get("responsible")
    if isinstance(resp, dict):
        return resp.get("unit")
    return pp.get("responsible_unit")


def _pred_period(pp: dict[str, Any]) -> Any:
    """The predicted period text: ``period.text`` (output schema) or a plain string."""
    period = pp.get("period")
    return period.get("text") if isinstance(period, dict) else period


def _text_pair(gold: Any, pred: Any) -> dict[str, Any]:
    """A shown-not-scored text comparison; ``same`` when equal after :func:`normalize`."""
    g = gold if isinstance(gold, str) else None if gold is None else str(gold)
    p = pred if isinstance(pred, str) else None if pred is None else str(pred)
    return {"gold": g, "pred": p, "same": normalize(g) == normalize(p)}


def _compare_project(gp: dict[str, Any], pp: dict[str, Any], m: dict[str, Metric] | None) -> dict[str, Any]:
    """Add one matched project pair's item counts to ``m`` and return, per list
    field, the gold/predicted/matched counts and the missed, spurious and
    near-miss items, plus wrong target values and kinds.  ``m`` None: the
    gold's list fields were not annotated (partial_fields_after); nothing is
    counted and only the item counts are reported, with ``scored`` false."""
    detail: dict[str, Any] = {}
    kinds = []
    wrong: list[dict[str, Any]] = []
    for name in ITEM_FIELDS:
        gitems, pitems = list(gp.get(name) or []), list(pp.get(name) or [])
        if m is None:
            detail[name] = {"scored": False, "gold": len(gitems), "pred": len(pitems)}
            continue
        pairs = greedy_match([normalize(_text(i)) for i in gitems], [normalize(_text(i)) for i in pitems],
                             ITEM_THRESHOLD)
        m[name] += F1(len(pairs), len(pitems) - len(pairs), len(gitems) - len(pairs))
        got_g = {g for g, _, _ in pairs}
        got_p = {p for _, p, _ in pairs}
        diff = _list_diff([_item_view(gitems[i]) for i in range(len(gitems)) if i not in got_g],
                          [_item_view(pitems[i]) for i in range(len(pitems)) if i not in got_p])
        detail[name] = {"scored": True, "gold": len(gitems), "pred": len(pitems), "matched": len(pairs), **diff}
        if name in ("targets", "results"):
            for g, p, _ in pairs:
                gk, pk = _kind(gitems[g]), _kind(pitems[p])
                if gk != pk:
                    kinds.append({"field": name, "text": _text(gitems[g]), "gold": gk, "pred": pk})
        if name == "indicators":
            wrong = _score_values(gitems, pitems, pairs, got_g, got_p, m)
    if wrong:
        detail["target_values"] = wrong
    if kinds:
        detail["kinds"] = kinds
    return detail


def _kind(item: Any) -> Any:
    return item.get("kind") if isinstance(item, dict) else None


def _score_values(gitems: list[Any], pitems: list[Any], pairs: list[tuple[int, int, float]],
                  got_g: set[int], got_p: set[int], m: dict[str, Metric]) -> list[dict[str, Any]]:
    wrong = []
    for g, p, _ in pairs:
        has, gval = _gold_value(gitems[g])
        pval = _pred_value(pitems[p])
        if not has and pval is None:
            continue
        ok = same_number(gval, pval)
        m["target_value"] += Accuracy(correct=int(ok), total=1)
        if not ok:
            ptarget = pitems[p].get("target") if isinstance(pitems[p], dict) else None
            wrong.append({"text": _text(gitems[g]), "gold": gval,
                          "gold_target": gitems[g].get("target") if isinstance(gitems[g], dict) else None,
                          "pred": pval,
                          "pred_target": ptarget.get("text") if isinstance(ptarget, dict) else None})
    unpaired = sum(_gold_value(gitems[i])[0] for i in range(len(gitems)) if i not in got_g)
    unpaired += sum(_pred_value(pitems[i]) is not None for i in range(len(pitems)) if i not in got_p)
    m["target_value"] += Accuracy(unpaired=unpaired)
    return wrong


def _same_label(a: Any, b: Any) -> bool:
    return a is not None and thai_to_arabic(str(a)).strip() == thai_to_arabic(str(b or "")).strip()


def _label(project: dict[str, Any]) -> dict[str, Any]:
    """What identifies a project in ``--details``: number, name, where it is."""
    out: dict[str, Any] = {"number": project.get("number"), "name": project.get("name") or ""}
    if "id" in project:
        out["id"] = project["id"]
    span = project.get("span")
    if isinstance(span, dict):
        out["line"] = span.get("line")
    elif project.get("lines"):
        out["lines"] = project["lines"]
    return out


def _item_view(item: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"text": _text(item)}
    span = item.get("span") if isinstance(item, dict) else None
    if isinstance(span, dict):
        out["line"] = span.get("line")
    return out


def _budget_view(b: dict[str, Any]) -> dict[str, Any]:
    return {"amount": b.get("amount"), "no_budget": bool(b.get("no_budget")), "spent": b.get("spent")}


def _list_diff(missed: list[dict[str, Any]], spurious: list[dict[str, Any]], key: str = "text") -> dict[str, list[Any]]:
    """Split leftovers into near misses (similar gold/pred pairs) and plain missed/spurious."""
    near = greedy_match([normalize(x[key]) for x in missed], [normalize(x[key]) for x in spurious], NEAR_THRESHOLD)
    used_g = {g for g, _, _ in near}
    used_p = {p for _, p, _ in near}
    return {
        "missed": [x for i, x in enumerate(missed) if i not in used_g],
        "spurious": [x for i, x in enumerate(spurious) if i not in used_p],
        "near": [{"gold": missed[g], "pred": spurious[p], "score": round(s, 1)} for g, p, s in near],
    }


def _document_diff(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Gold and predicted document fields (those the gold states), shown, not scored."""
    out = {}
    for key in ("title", "organization", "fiscal_year", "document_type"):
        if key not in gold:
            continue
        g, p = gold.get(key), pred.get(key)
        same = normalize(g) == normalize(p) if isinstance(g, str) and isinstance(p, str) else g == p
        out[key] = {"gold": g, "pred": p, "same": same}
    return out


# ---------------------------------------------------------------- gold as a prediction

def gold_to_prediction(gold: dict[str, Any]) -> dict[str, Any]:
    """The output document (SCHEMA.md shape, schema-valid) a perfect extractor would give.

    Used by tests (gold scored against itself must give 1.0) and handy for
    checking a scorer change by hand.  Spans are placeholders at the gold's
    first line.
    """
    seed = str(gold.get("seed") or "gold.txt")
    fmt = Path(seed).suffix.lstrip(".").lower()
    doc = gold.get("document") or {}
    return {
        "schema_version": "1.0",
        "source": {"path": seed, "sha256": None, "format": fmt if fmt in ("txt", "docx", "pdf") else "txt",
                   "encoding": "utf-8", "pages": None, "chars": 0},
        "document": {"title": doc.get("title"), "organization": doc.get("organization"),
                     "fiscal_year": doc.get("fiscal_year"), "document_type": doc.get("document_type") or "unknown"},
        "projects": [_gold_project(p, i) for i, p in enumerate(gold.get("projects") or [], 1)],
        "findings": [],
    }


def _gold_project(p: dict[str, Any], index: int) -> dict[str, Any]:
    line = (p.get("lines") or [1])[0]
    span = {"start": 0, "end": 0, "line": line, "page": None}
    b = p.get("budget") or {}

    def items(name: str, kind: bool) -> list[dict[str, Any]]:
        return [{"text": _text(i), **({"kind": i.get("kind")} if kind else {}), "span": span}
                for i in p.get(name) or []]

    indicators = []
    for ind in p.get("indicators") or []:
        has, value = _gold_value(ind)
        target = None
        if has:
            target = {"text": ind.get("target") or "", "value": value, "unit": ind.get("target_unit"),
                      "comparator": "=" if value is not None else None, "span": None}
        indicators.append({"text": _text(ind), "kind": None, "span": span, "target": target, "result": None})
    period = p.get("period")
    return {
        "id": f"p{index}", "number": p.get("number"), "name": p.get("name") or "",
        "budget": {"amount": b.get("amount"), "no_budget": bool(b.get("no_budget")), "spent": b.get("spent"),
                   "currency": "THB", "text": None, "words": None, "sources": [], "items": [], "by_year": {},
                   "span": None},
        "objectives": items("objectives", False), "targets": items("targets", True),
        "indicators": indicators, "activities": [], "expected_results": [],
        "results": items("results", True),
        "responsible": {"unit": p.get("responsible_unit"), "persons": [], "span": None},
        "period": {"text": period, "start": None, "end": None, "span": None} if period else None,
        "status": None, "span": span, "mentions": [], "gaps": [],
    }


# ---------------------------------------------------------------- runner

@dataclass
class DocResult:
    """One evaluated document: its counts, or the error that stopped it."""

    path: str
    gold_path: str
    score: DocScore
    error: str | None = None

    @property
    def scores(self) -> dict[str, float | None]:
        """Column scores (None: not applicable); all 0.0 when the document failed."""
        if self.error:
            return {name: 0.0 for name in COLUMNS}
        return scores_of(self.score.metrics)


@dataclass
class Report:
    documents: list[DocResult]
    skipped: list[str] = field(default_factory=list)  # documents without gold

    def pooled(self) -> dict[str, Metric]:
        total = empty_metrics()
        for doc in self.documents:
            for name, metric in doc.score.metrics.items():
                total[name] = total[name] + metric  # type: ignore[operator]
        return total

    def overall(self) -> dict[str, float | None]:
        """Scores of the pooled counts (None: not applicable in any document)."""
        return scores_of(self.pooled())

    def mean_of_documents(self) -> dict[str, float | None]:
        """Per column, the mean over the documents where that column is applicable."""
        rows = [d.scores for d in self.documents]
        return {name: mean_applicable(row[name] for row in rows) for name in COLUMNS}

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        """Machine output: stable key order, scores rounded to 4 places."""
        def rounded(s: dict[str, float | None]) -> dict[str, float | None]:
            return {k: None if v is None else round(v, 4) for k, v in s.items()}

        docs = []
        for d in self.documents:
            entry: dict[str, Any] = {"path": d.path, "gold": d.gold_path,
                                     "status": "failed" if d.error else "ok", "error": d.error,
                                     "scores": rounded(d.scores),
                                     "counts": {k: d.score.metrics[k].to_dict() for k in COLUMNS if k != "overall"}}
            if details:
                entry["details"] = d.score.details
            docs.append(entry)
        pooled = self.pooled()
        return {
            "documents": docs,
            "overall": rounded(scores_of(pooled)),
            "overall_counts": {k: pooled[k].to_dict() for k in COLUMNS if k != "overall"},
            "mean_of_documents": rounded(self.mean_of_documents()),
            "skipped_without_gold": self.skipped,
            "thresholds": {"project_name": PROJECT_THRESHOLD, "item_text": ITEM_THRESHOLD},
        }


def find_documents(root: Path, gold_dir: Path | None = None) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """``(document, gold)`` pairs under ``root`` (recursive), and documents without gold.

    Gold is ``<stem>.gold.json`` beside the document, else the file of that
    name anywhere under ``gold_dir`` (default: ``root`` itself, so the Word and
    PDF renderings in ``corpora/variants`` find the gold beside the seeds in
    ``corpora/seeds``).  ``root`` may be a file.
    """
    if gold_dir is None and root.is_dir():
        gold_dir = root
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    docs = [p for p in files if p.suffix.lower() in DOC_SUFFIXES]
    by_stem: dict[str, Path] = {}
    if gold_dir is not None:
        for g in sorted(gold_dir.rglob("*" + GOLD_SUFFIX)):
            by_stem.setdefault(g.name[: -len(GOLD_SUFFIX)], g)
    pairs, skipped = [], []
    for doc in docs:
        beside = doc.with_name(doc.stem + GOLD_SUFFIX)
        gold = beside if beside.is_file() else by_stem.get(doc.stem)
        if gold is None:
            skipped.append(doc)
        else:
            pairs.append((doc, gold))
    return pairs, skipped


def _default_extract(path: Path, rules: Any = None, ocr: Any = None) -> dict[str, Any]:
    from .pipeline import extract

    result: dict[str, Any] = extract(path=path, rules=rules, ocr=ocr).to_dict()
    return result


Extract = Callable[[Path], dict[str, Any]]


def evaluate_pairs(pairs: Iterable[tuple[Path, Path]], root: Path | None = None,
                   extract: Extract | None = None) -> list[DocResult]:
    """Extract and score each document; an exception becomes a failed row, never a crash.

    ``extract`` maps a path to an output dict; by default ``extractor.extract(path).to_dict()``.
    """
    extract = extract or _default_extract
    results = []
    for doc, gold_path in pairs:
        name = _display(doc, root)
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            partial_fields_after(gold)
        except (OSError, ValueError, AttributeError) as exc:
            results.append(DocResult(name, str(gold_path), DocScore(), f"cannot read gold file: {exc}"))
            continue
        try:
            pred = extract(doc)
        except Exception as exc:  # noqa: BLE001 - any extractor bug must not stop the evaluation
            results.append(DocResult(name, str(gold_path), score_document(gold, {}),
                                     f"{type(exc).__name__}: {exc}".splitlines()[0]))
            continue
        try:
            score = score_document(gold, pred)
        except Exception as exc:  # noqa: BLE001 - a malformed prediction is a failed row too
            results.append(DocResult(name, str(gold_path), score_document(gold, {}),
                                     f"cannot score the output: {type(exc).__name__}: {exc}".splitlines()[0]))
            continue
        results.append(DocResult(name, str(gold_path), score))
    return results


def evaluate(root: Path, gold_dir: Path | None = None, extract: Extract | None = None, rules: Any = None,
             ocr: Any = None) -> Report:
    """Find, extract and score every document with gold under ``root`` (with ``rules``, a
    RuleSet, and ``ocr``, the OcrOptions)."""
    if extract is None and (rules is not None or ocr is not None):
        extract = lambda path: _default_extract(path, rules, ocr)  # noqa: E731
    pairs, skipped = find_documents(root, gold_dir)
    base = root if root.is_dir() else root.parent
    return Report(evaluate_pairs(pairs, base, extract), [_display(p, base) for p in skipped])


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(path.relative_to(root))
        except ValueError:
            pass
    return str(path)
