"""Indicators and their target values: from lists, from KPI tables (several items
may share a cell: "๑. … ๒. …" beside "- ร้อยละ ๘๐ - ร้อยละ ๘๐"), and targets
written inside the indicator sentence ("ร้อยละ ๑๐๐ ของ…").  The same indicator
listed in a section and again in its KPI table is recorded once.
"""

from __future__ import annotations

import regex
from rapidfuzz import fuzz

from ..blocks import Cell, Piece
from ..clean import clean_text
from ..model import Indicator, TargetValue
from ..numbers import find_percent, parse_target
from ..ruleset import RuleSet
from ..textutil import collapse_spaces
from ..vocab import Folded, longest_prefix
from .budget import Context
from .items import Item, drop_remark, kind_heading
from .marks import mark_of
from .names import FuzzyIndex, NameKey
from .stream import GridUnit

_INLINE_NUM = regex.compile(r"(?:^|(?<=\s))([0-9๐-๙]{1,2})\s?[.)]\s*(?=\S)")
_INLINE_BULLET = regex.compile(r"(?:^|(?<=\s))[-–•]\s*(?=\S)")


def target_of(text: str, piece: Piece | None, ctx: Context) -> TargetValue:
    cleaned = clean_text([piece], ctx.rules.words) if piece is not None else None
    if cleaned is not None:
        text = cleaned.text
    value, unit, comp = parse_target(text, ctx.rules)
    span = ctx.source.span(piece.start, piece.end) if piece is not None else None
    return TargetValue(collapse_spaces(text), value, unit, comp, span)


def split_inline(piece: Piece, bullets: bool) -> list[Piece]:
    """'๑. … ๒. … ๓. …' (or '- … - …') in one paragraph → one piece per item."""
    text = piece.text
    starts: list[int] = []
    expect: int | None = None
    for m in _INLINE_NUM.finditer(text):
        n = int(m.group(1).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
        if (expect is None and (n == 1 or not text[: m.start()].strip())) or n == expect:
            starts.append(m.start())
            expect = n + 1
    if len(starts) < 2 and bullets:
        starts = [m.start() for m in _INLINE_BULLET.finditer(text)]
    if len(starts) < 2:
        return [piece]
    if text[: starts[0]].strip():
        starts.insert(0, 0)
    bounds = starts + [len(text)]
    return [piece.cut(a, b).trimmed() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _strip_mark(piece: Piece, rules: RuleSet) -> Piece:
    return piece.cut(mark_of(piece.text, rules).body)


def cell_groups(cell: Cell | None, rules: RuleSet, kind: str | None) -> tuple[str | None, list[list[Piece]]]:
    """A cell's items (numbered/bulleted paragraphs start items; others continue
    the item before), after a kind label ("ตัวชี้วัดเชิงปริมาณ") that sets ``kind``."""
    if cell is None:
        return kind, []
    groups: list[list[Piece]] = []
    for para in cell.filled():
        piece: Piece = para
        k = kind_heading(piece.text[mark_of(piece.text, rules).body:], rules)
        if k is not None:
            kind = k[0]
            piece = piece.cut(mark_of(piece.text, rules).body + k[1])
        for sub in split_inline(piece, bullets=False):
            if not sub.text.strip():
                continue
            mark = mark_of(sub.text, rules)
            # A bare number alone ("95" under "… ร้อยละ", wrapped in a narrow cell) ends the
            # item before; it numbers nothing.
            alone = mark.printed is not None and mark.printed.isdigit() and not sub.text[mark.body:].strip()
            if not groups or (mark.marked and not alone):
                groups.append([sub])
            else:
                groups[-1].append(sub)
    return kind, groups


def _last_phase(paras: list[Piece], rules: RuleSet) -> list[Piece]:
    """The part of a target cell after its last phase label ("… Lagging KPI : …"), or the cell."""
    phases = rules.words_of("values", "target_phases")
    last: tuple[int, int] | None = None  # (paragraph index, offset after the label)
    for k, para in enumerate(paras):
        folded = Folded.of(para.text)
        for word, _ in phases:
            at = folded.find(word)
            while at != -1:
                end = folded.orig_end(at + len(word))
                m = regex.match(r"\s*[:：\-–]?\s*", para.text[end:])
                pos = end + (m.end() if m else 0)
                if last is None or (k, pos) > last:
                    last = (k, pos)
                at = folded.find(word, at + 1)
    if last is None:
        return paras
    k, pos = last
    return [paras[k].cut(pos)] + list(paras[k + 1:])


def target_pieces(cell: Cell | None, rules: RuleSet) -> list[Piece]:
    if cell is None:
        return []
    out = []
    for para in _last_phase(cell.filled(), rules):
        for sub in split_inline(para, bullets=True):
            m = mark_of(sub.text, rules)
            if m.bullet or (m.printed or "").endswith((".", ")")):  # "1 แผน" is a value, "1." a list number
                sub = sub.cut(m.body)
            sub = sub.trimmed()
            if collapse_spaces(sub.text).strip("-– "):
                out.append(sub)
    return out


def from_grid(grid: GridUnit, kind: str | None, ctx: Context, default_col: int | None = 0) -> list[Indicator]:
    """Indicators of a KPI / evaluation table: indicator column, target column (or the
    fiscal year's column of per-year targets), result column."""
    view, seg = grid.view, grid.segment
    rules = ctx.rules
    ind_col = seg.col("indicator")
    if ind_col is None:
        ind_col = default_col
    if ind_col is None:
        return []
    tgt_col = target_column(grid, ctx)
    out: list[Indicator] = []
    for r in seg.rows:
        row_kind, groups = cell_groups(view.own(r, ind_col), rules, kind)
        kind = row_kind
        targets = target_pieces(view.own(r, tgt_col), rules) if tgt_col is not None else []
        if not groups:
            continue
        for idx, g in enumerate(groups):
            text = clean_text([_strip_mark(g[0], rules)] + g[1:], rules.words)
            if text is None or len(text.text) < 3:
                continue
            text = drop_remark(text, rules)
            target = target_of(targets[idx].text, targets[idx], ctx) if idx < len(targets) else None
            out.append(Indicator(text.text, ctx.rules.kind_name("indicators", kind),
                                 ctx.source.span(text.start, text.end), target))
    return out


def target_column(grid: GridUnit, ctx: Context) -> int | None:
    seg = grid.segment
    cols = seg.cols("target_value")
    if not cols:
        return None
    years = [(c, seg.columns[c].year) for c in cols if seg.columns[c].year]
    if years:
        for c, y in years:
            if y == ctx.fiscal_year:
                return c
        return years[0][0]
    return cols[0]


def from_items(items: list[Item], ctx: Context, field_name: str = "indicators") -> list[Indicator]:
    return [Indicator(it.text.text, ctx.rules.kind_name(field_name, it.kind),
                      ctx.source.span(it.text.start, it.text.end)) for it in items]


def _lead_words(rules: RuleSet) -> tuple[tuple[str, str], ...]:
    return rules.words_of("values", "percent_words")


def _key(text: str, rules: RuleSet) -> str:
    """An indicator's wording without a leading "ร้อยละ N ของ" (lists and tables differ there),
    cut after ``name_max_chars`` like a name's key (comparing costs the product of lengths)."""
    limit = rules.tune("name_max_chars")
    folded = Folded.of(text[:4 * limit])
    hit = longest_prefix(folded, _lead_words(rules))
    key = folded.text
    if hit is not None:
        key = regex.sub(r"^[0-9.]*", "", key[hit[1]:])
    return key[:limit]


def similar(a: str, b: str, rules: RuleSet) -> float:
    """How alike two indicator wordings are (a list item and a shortened table cell)."""
    return _similar_keys(NameKey(_key(a, rules)), NameKey(_key(b, rules)))


# A shortened wording scores its partial ratio times 0.95 (0.9 when under half the other's
# length), from this many characters on.  The index (FuzzyIndex) takes the larger weight.
_PARTIAL_MIN = 15


def _similar_keys(a: NameKey, b: NameKey, whole: bool = False) -> float:
    """:func:`similar` of two wordings' keys."""
    ca, cb = a.key, b.key
    if not ca or not cb:
        return 0.0
    short, long_ = sorted((ca, cb), key=len)
    score = fuzz.ratio(ca, cb)
    if len(short) >= _PARTIAL_MIN:
        score = max(score, fuzz.partial_ratio(short, long_) * (0.95 if len(short) / len(long_) >= 0.5 else 0.9))
    return score


def _index(listed: list[Indicator], rules: RuleSet) -> FuzzyIndex:
    index = FuzzyIndex(_similar_keys, _PARTIAL_MIN, 0.0, 0.95)
    for ind in listed:
        index.add_key(NameKey(_key(ind.text, rules)))
    return index


def merge(listed: list[Indicator], tabled: list[Indicator], rules: RuleSet) -> list[Indicator]:
    """Section-list wording first; a table row that repeats one adds its target."""
    threshold, kind_threshold = rules.tune("same_indicator"), rules.tune("same_indicator_kind")
    out = list(listed)
    used: set[int] = set()
    leftovers: list[Indicator] = []
    # Only the listed wordings that can score the thresholds are scored (FuzzyIndex): a
    # KPI table of thousands of rows costs no more than its rows.
    index = _index(listed, rules) if tabled and threshold > 0 and kind_threshold > 0 else None
    for t in tabled:
        best, best_i = 0.0, -1
        if index is not None:
            found = [(s, i) for s, i in index.match_key(NameKey(_key(t.text, rules)), threshold) if i not in used]
            for score, i in found:  # the first of the best, as the walk below
                if score > best:
                    best, best_i = score, i
        else:
            for i, ind in enumerate(out):
                if i in used:
                    continue
                score = similar(ind.text, t.text, rules)
                if score > best:
                    best, best_i = score, i
        if best >= threshold:
            used.add(best_i)
            if out[best_i].target is None and t.target is not None:
                out[best_i].target = t.target
            if out[best_i].kind is None:
                out[best_i].kind = t.kind
        else:
            leftovers.append(t)
    # A table row and a list item of the same kind, both left over, are one indicator worded differently.
    for t in leftovers:
        if index is not None:  # what the walk below needs: the candidates that reach kind_threshold
            cands = [(score, i) for score, i in index.match_key(NameKey(_key(t.text, rules)), kind_threshold)
                     if i not in used and t.kind and out[i].kind == t.kind] if t.kind else []
        else:
            cands = [(similar(ind.text, t.text, rules), i) for i, ind in enumerate(out)
                     if i not in used and t.kind and ind.kind == t.kind]
        best = max(cands, default=(0.0, -1))
        if best[0] >= kind_threshold and sum(1 for c in cands if c[0] >= kind_threshold) == 1:
            used.add(best[1])
            if out[best[1]].target is None:
                out[best[1]].target = t.target
        else:
            out.append(t)
            used.add(len(out) - 1)
    return out


def embedded_targets(indicators: list[Indicator], ctx: Context) -> None:
    """'ร้อยละ ๑๐๐ ของ…' inside an indicator with no target of its own."""
    for ind in indicators:
        if ind.target is not None:
            continue
        pct = find_percent(ind.text, ctx.rules)
        if pct is None:
            continue
        raw = ctx.source.text[ind.span.start:ind.span.end]
        m = find_percent(raw, ctx.rules)
        span = ctx.source.span(ind.span.start + m.start, ind.span.start + m.end) if m else None
        phrase = ind.text[pct.start:pct.end]
        _, _, comp = parse_target(ind.text[max(0, pct.start - 15):pct.end], ctx.rules)
        ind.target = TargetValue(phrase, pct.value, "percent", comp or "=", span)


def dedupe(indicators: list[Indicator], rules: RuleSet) -> list[Indicator]:
    threshold = rules.tune("duplicate_indicator")
    out: list[Indicator] = []
    index = FuzzyIndex(_similar_keys, _PARTIAL_MIN, 0.0, 0.95)  # the wordings of out, in order
    for ind in indicators:
        key = NameKey(_key(ind.text, rules))
        if threshold > 0:
            dup = next((out[i] for _, i in index.match_key(key, threshold)), None)
        else:
            dup = next((o for o in out if similar(o.text, ind.text, rules) >= threshold), None)
        if dup is None:
            out.append(ind)
            index.add_key(key)
        elif dup.target is None and ind.target is not None:
            dup.target = ind.target
    return out
