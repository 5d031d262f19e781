"""The items of a part (objectives, targets, indicators, results …), with their kinds and tick boxes.

Items start at an item number, a bullet or a tick box; a bare number ("100 ม.
หนา …") only when it continues the count, else it is a wrapped line that
starts with a figure (see :func:`starts_item`).  In a part where some
paragraphs are marked, an unmarked paragraph continues the item before it (a
wrapped line); in a part with no marks at all each paragraph is an item,
unless its line is wrapped (the line before ends inside a word or with a word
that cannot end a phrase).  A kind sub-heading ("๓.๑ เชิงผลผลิต (Output)",
"เชิงคุณภาพ") gives its kind to the items below it; a numbered line followed
by items numbered below it ("๔.๑ กิจกรรม…" over "๔.๑.๑ …") only groups them.
An unticked box (☐) drops its item.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..blocks import Piece
from ..clean import Text, clean_text
from ..ruleset import RuleSet
from ..tokenize import splits_word
from ..vocab import Folded, longest_prefix
from .marks import Mark, Tick, mark_of
from .mentions import _wrapped
from .sections import Entry, Part

_QUALIFIER_SEP = regex.compile(r"\s*(?:\([^)]{0,40}\)\s*)*(?:[:：\-–]\s*)?")
_EMPTY = regex.compile(r"^[\s\-–—.…_:]*$")


def drop_remark(text: Text, rules: RuleSet) -> Text:
    """Without a trailing "( … )" remark that holds a remark word ("(เริ่มนับ … KPI C25)")."""
    m = regex.search(r"\s*\(([^()]*)\)\s*$", text.text)
    if not m or m.start() == 0:
        return text
    inner = Folded.of(m.group(1)).text
    if not any(w in inner for w, _ in rules.words_of("values", "remark_words")):
        return text
    kept = text.text[:m.start()].rstrip()
    return Text(kept, text.start, max(text.start + 1, text.end - (len(text.text) - len(kept))))


def starts_item(mark: Mark, last: int) -> bool:
    """Does a paragraph with ``mark`` start an item?  A bullet, a tick box or an item
    number does; a bare number ("100 ม. หนา …") only when it continues the count
    (1 first, else the number after ``last``): otherwise it is a wrapped line that
    happens to start with a figure."""
    if mark.bullet or mark.tick:
        return True
    if not mark.number:
        return False
    if (mark.printed or "").rstrip().endswith((".", ")")) or "." in mark.number:
        return True
    head = mark.number.split(".")[0]
    return head.isdigit() and int(head) in (1, last + 1)


@dataclass(frozen=True)
class Item:
    text: Text
    kind: str | None  # output | outcome, from a kind sub-heading
    tick: Tick | None
    number: str | None


@dataclass
class _Line:
    piece: Piece  # the item's own text (after its marks)
    mark: Mark
    blank_before: int
    whole: Piece  # the line with its marks (kept by a wrapped line that starts with a figure)


def kind_heading(text: str, rules: RuleSet) -> tuple[str, int] | None:
    """(kind, offset of the text after it) when ``text`` starts with a kind word,
    optionally after a field word ("ตัวชี้วัดเชิงปริมาณ")."""
    folded = Folded.of(text)
    at = 0
    pre = longest_prefix(folded, rules.kind_prefixes)
    hit = longest_prefix(folded, rules.kinds, pre[1]) if pre else None
    if hit is None:
        hit = longest_prefix(folded, rules.kinds, at)
    if hit is None:
        return None
    kind, end = hit
    rest_at = folded.orig_end(end)
    q = _QUALIFIER_SEP.match(text, rest_at)
    after = q.end() if q else rest_at
    tail = text[after:]
    separated = text[rest_at:after].strip() or regex.match(r"\s{2,}", text[rest_at:]) or \
        regex.match(r"\s+(?:[0-9๐-๙]{1,2}\s?[.)]|[-–•])", text[rest_at:])  # "… เชิงปริมาณ ๑. …"
    if tail.strip() and not separated:
        return None  # a sentence that starts with the word ("ผลลัพธ์การเรียนรู้…"), not a sub-heading
    return kind, after


def _lines(part: Part, rules: RuleSet) -> list[_Line]:
    out = []
    for e in part.entries:
        whole = e.piece
        if e.inline:
            mark = mark_of(e.piece.text, rules)
            piece = e.piece.cut(mark.body)
        elif e.piece.start == e.unit.para.start:
            mark = e.unit.mark
            piece = e.piece.cut(mark.body)
        elif e.piece.start == e.unit.para.start + e.unit.mark.body:  # cut after its marks already
            mark, piece = e.unit.mark, e.piece
            whole = e.unit.para.cut(0, e.piece.end - e.unit.para.start)
        else:
            mark = mark_of(e.piece.text, rules)
            piece = e.piece.cut(mark.body)
        if piece.blank:
            continue
        out.append(_Line(piece, mark, e.unit.para.blank_before, whole))
    return _figures_unmarked(out)


def _figures_unmarked(lines: list[_Line]) -> list[_Line]:
    """Lines whose bare number does not start an item (see :func:`starts_item`: "100 ม.
    หนา …" wrapped from "1. … ยาว") are unmarked lines, their figure kept in their text."""
    last = 0
    for ln in lines:
        if not ln.mark.number:
            continue
        if not starts_item(ln.mark, last):
            ln.mark, ln.piece = Mark(body=0), ln.whole.cut(len(ln.whole.text) - len(ln.whole.text.lstrip()))
            continue
        head = ln.mark.number.split(".")[0]
        last = int(head) if head.isdigit() else last
    return lines


def _groups(lines: list[_Line]) -> set[int]:
    """Indexes of numbered lines that only group the deeper-numbered lines below them."""
    out = set()
    nxt: _Line | None = None  # the next numbered line below, walking up from the last line
    for i in range(len(lines) - 1, -1, -1):
        ln = lines[i]
        if not ln.mark.number:
            continue
        if nxt is not None and nxt.mark.number.startswith(ln.mark.number + "."):  # type: ignore[union-attr]
            out.add(i)
        nxt = ln
    return out


def _continues(prev: str, line: _Line, rules: RuleSet) -> bool:
    return continues(prev, line.piece.text, line.blank_before, rules)


def continues(prev: str, nxt: str, blank_before: int, rules: RuleSet) -> bool:
    """Does the line ``prev`` go on in ``nxt`` (it ends inside a word, or with a word that
    cannot end a phrase, or ``nxt`` starts with one that cannot start one)?"""
    if blank_before > 1:
        return False
    p, n = prev.rstrip(), nxt.lstrip()
    return _wrapped(p, n, rules) or splits_word(p, n, rules.words)


def items_of(part: Part, rules: RuleSet, keep_unticked: bool = False) -> list[Item]:
    lines = _lines(part, rules)
    groups = _groups(lines)
    any_marked = any(ln.mark.marked for ln in lines)
    kind = part.kind
    out: list[tuple[list[Piece], str | None, Tick | None, str | None]] = []
    for i, ln in enumerate(lines):
        k = kind_heading(ln.piece.text, rules)
        if k is not None:
            kind = k[0]
            rest = ln.piece.cut(k[1])
            if not _EMPTY.match(rest.text):
                out.append(([rest], kind, ln.mark.tick, ln.mark.number))
            else:
                out.append(([], kind, None, None))  # closes the item before
            continue
        if i in groups:
            out.append(([], kind, None, None))
            continue
        starts = ln.mark.marked or not out or not out[-1][0]
        if not starts and not any_marked:
            starts = not _continues(out[-1][0][-1].text, ln, rules)
        if starts:
            out.append(([ln.piece], kind, ln.mark.tick, ln.mark.number))
        else:
            out[-1][0].append(ln.piece)
    items = []
    for pieces, k, tick, number in out:
        if not pieces or (tick is Tick.UNCHECKED and not keep_unticked):
            continue
        text = clean_text(pieces, rules.words)
        if text is None or _EMPTY.match(text.text):
            continue
        items.append(Item(drop_remark(text, rules), k, tick, number))
    return items
