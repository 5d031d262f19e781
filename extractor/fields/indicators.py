"""Indicators and their target values: from lists, from KPI tables (several
items may share a cell), from monitoring-table cells, and targets written
inside the indicator sentence ("ร้อยละ ๑๐๐ ของ…")."""

from __future__ import annotations

import regex
from rapidfuzz import fuzz

from ..clean import clean_pieces
from ..headings import match_kind
from ..lines import Piece, sub_piece, trim
from ..model import Indicator, SourceText, TargetValue
from ..numbers import find_percent, parse_target
from ..tables import Table, TCell
from ..textutil import NUMBERING_RE, collapse_spaces, compact
from .items import Entry, split_items

_INLINE_NUM = regex.compile(r"(?:^|(?<=\s))([0-9๐-๙]{1,2})\s?[.)]\s*(?=\S)")
_INLINE_BULLET = regex.compile(r"(?:^|(?<=\s))[-–•]\s*(?=\S)")
_KIND_LABEL = regex.compile(r"\s*(?:ตัวชี้วัด|ดัชนีชี้วัด)?\s*")


def target_value(text: str, span=None) -> TargetValue:
    value, unit, comp = parse_target(text)
    return TargetValue(collapse_spaces(text), value, unit, comp, span)


def _split_inline(piece: Piece, bullets: bool) -> list[Piece]:
    """'๑. … ๒. … ๓. …' (or '- … - …') in one cell → one piece per item."""
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
    return [trim(sub_piece(piece, a, b)) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def cell_items(cell: TCell, bullets: bool) -> list[Piece]:
    out: list[Piece] = []
    for p in cell.paragraphs:
        out.extend(_split_inline(p, bullets))
    return out


def _kind_prefix(piece: Piece, names: dict[str, str]) -> tuple[str | None, Piece]:
    """Strip a leading 'ตัวชี้วัดเชิงปริมาณ' / '6.1 ผลผลิต(Out puts)' label; return (kind, rest)."""
    text = piece.text
    m = NUMBERING_RE.match(text)
    at = m.end() if m else 0
    pre = _KIND_LABEL.match(text, at)
    km = match_kind(text[pre.end():])
    if km is None:
        return None, piece
    kind, end = km
    rest_at = pre.end() + end
    q = regex.match(r"\s*(?:\([^)]*\))?\s*[-–:]?\s*", text[rest_at:])
    rest_at += q.end() if q else 0
    return names.get(kind), trim(sub_piece(piece, rest_at))


def _starts_item(text: str) -> bool:
    return bool(regex.match(r"^\s*(?:[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2})*\s?[.)]|[0-9๐-๙]\s+(?=\p{Thai})|[-–•●])", text))


def group_cell(pieces: list[Piece]) -> list[list[Piece]]:
    """Paragraphs of a table cell as items: numbered/bulleted ones start items,
    others continue the item before; with no numbering the cell is one item."""
    groups: list[list[Piece]] = []
    for p in pieces:
        if not p.text.strip():
            continue
        if not groups or _starts_item(p.text):
            groups.append([p])
        else:
            groups[-1].append(p)
    return groups


def indicator_items(cell: TCell, names: dict[str, str], kind: str | None) -> tuple[str | None, list[list[Piece]]]:
    pieces: list[Piece] = []
    for p in cell.paragraphs:
        k, rest = _kind_prefix(p, names)
        if k:
            kind = k
        if rest.text.strip():
            pieces.extend(_split_inline(rest, bullets=False))
    return kind, group_cell(pieces)


def target_items(cell: TCell) -> list[Piece]:
    return [t for t in cell_items(cell, bullets=True) if collapse_spaces(t.text).strip("-– ")]


def _target(pieces: list[Piece], idx: int, src: SourceText) -> TargetValue | None:
    if idx >= len(pieces):
        return None
    tclean = clean_pieces([pieces[idx]], numbered=False)
    if not tclean:
        return None
    text = regex.sub(r"^[-–•●]\s*", "", tclean[0])
    return target_value(text, src.span(tclean[1], tclean[2]))


def from_table(table: Table, kind: str | None, names: dict[str, str], src: SourceText,
               default_col: int | None = 0) -> list[Indicator]:
    ind_col = table.column("indicator")
    if ind_col is None:
        ind_col = default_col
    if ind_col is None:
        return []
    tgt_col = table.column("target")
    out: list[Indicator] = []
    for row in table.rows:
        if ind_col >= len(row.cells):
            continue
        row_kind, groups = indicator_items(row.cells[ind_col], names, kind)
        if row_kind:
            kind = row_kind
        targets = target_items(row.cells[tgt_col]) if tgt_col is not None and tgt_col < len(row.cells) else []
        if not groups:
            continue
        # A row continuing the previous one after a page break.
        if out and not targets and len(groups) == 1 and not _starts_item(groups[0][0].text) and row_kind is None:
            prev = out[-1]
            cleaned = clean_pieces([Piece(prev.span.start, prev.span.end, src.text[prev.span.start:prev.span.end])]
                                   + groups[0])
            if cleaned:
                prev.text, s, e = cleaned
                prev.span = src.span(s, e)
            continue
        for idx, g in enumerate(groups):
            cleaned = clean_pieces(g)
            if not cleaned or len(cleaned[0]) < 3:
                continue
            text, s, e = cleaned
            out.append(Indicator(text, kind, src.span(s, e), _target(targets, idx, src)))
    return out


def from_entries(entries: list[Entry], names: dict[str, str], src: SourceText, full_width: int) -> list[Indicator]:
    return [Indicator(it.text, names.get(it.kind) if it.kind else None, src.span(it.start, it.end))
            for it in split_items(entries, full_width)]


def from_cells(ind_cell: TCell | None, tgt_cell: TCell | None, src: SourceText) -> list[Indicator]:
    """A monitoring-table row: indicator items paired in order with target paragraphs."""
    if ind_cell is None:
        return []
    _, groups = indicator_items(ind_cell, {}, None)
    targets = target_items(tgt_cell) if tgt_cell else []
    out = []
    for idx, g in enumerate(groups):
        cleaned = clean_pieces(g)
        if not cleaned:
            continue
        text, s, e = cleaned
        out.append(Indicator(text, None, src.span(s, e), _target(targets, idx, src)))
    return out


_LEAD_TARGET = regex.compile(r"^(?:ร้อยละ|จำนวน)\s*(?:[0-9๐-๙.]+\s*)?(?:ของ)?")


def similar(a: str, b: str) -> float:
    """How alike two indicator wordings are (the list and the KPI table word them
    differently: 'ร้อยละ ๑๐๐ ของครู…' vs 'ครู…', a shortened table cell)."""
    ca, cb = (_LEAD_TARGET.sub("", compact(x)) for x in (a, b))
    if not ca or not cb:
        return 0.0
    short, long_ = sorted((ca, cb), key=len)
    score = fuzz.ratio(ca, cb)
    if len(short) >= 15:
        score = max(score, fuzz.partial_ratio(short, long_) * (0.95 if len(short) / len(long_) >= 0.5 else 0.9))
    return score


def merge_indicators(listed: list[Indicator], tabled: list[Indicator], threshold: float = 75) -> list[Indicator]:
    """Section-list wording first; a table row that repeats one adds its target."""
    out = list(listed)
    used: set[int] = set()
    leftovers: list[Indicator] = []
    for t in tabled:
        best, best_i = 0.0, -1
        for i, ind in enumerate(out):
            if i in used:
                continue
            score = similar(ind.text, t.text)
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
    # Second pass: a table row and a list item of the same kind, both left over,
    # are the same indicator worded differently.
    for t in leftovers:
        cands = [(similar(ind.text, t.text), i) for i, ind in enumerate(out)
                 if i not in used and t.kind and ind.kind == t.kind]
        best = max(cands, default=(0.0, -1))
        if best[0] >= 45 and sum(1 for c in cands if c[0] >= 45) == 1:
            used.add(best[1])
            if out[best[1]].target is None:
                out[best[1]].target = t.target
        else:
            out.append(t)
            used.add(len(out) - 1)
    return out


def embedded_targets(indicators: list[Indicator], src: SourceText) -> None:
    """'ร้อยละ ๑๐๐ ของ…' inside an indicator with no target of its own."""
    for ind in indicators:
        if ind.target is not None:
            continue
        pct = find_percent(ind.text)
        if pct is None:
            continue
        raw = src.text[ind.span.start:ind.span.end]
        m = find_percent(raw)
        span = src.span(ind.span.start + m.start, ind.span.start + m.end) if m else None
        phrase = ind.text[pct.start:pct.end]
        ind.target = TargetValue(phrase, pct.value, "percent", parse_target(ind.text[max(0, pct.start - 15):pct.end])[2] or "=", span)


def dedupe(indicators: list[Indicator], threshold: float = 88) -> list[Indicator]:
    out: list[Indicator] = []
    for ind in indicators:
        dup = next((o for o in out if similar(o.text, ind.text) >= threshold), None)
        if dup is None:
            out.append(ind)
        elif dup.target is None and ind.target is not None:
            dup.target = ind.target
    return out
