"""Project names and numbers across the document: duplicates, skipped or
repeated numbers.

Numbering is checked in each *listing* (a run of table rows, list lines or
table cells that name projects one after another) and in the order of the
projects themselves.  Before a skipped number is reported, the text is
searched for the missing number at the start of a line or table row; if it is
there, the segmenter missed a row and the document is fine.
"""

from __future__ import annotations

from typing import Iterator

import regex
from rapidfuzz import fuzz

from ..merge import name_key
from ..ruleset import rules
from ..segment import Mention
from ..textutil import thai_to_arabic
from .context import Context, short
from .registry import Hit, checker, rule

rule("duplicate-project-name", "naming", "warning",
     "ชื่อโครงการซ้ำหรือเกือบเหมือนกับโครงการอื่น",
     "Two projects with the same or near-identical names")
rule("numbering-gap", "naming", "warning",
     "เลขลำดับโครงการข้าม", "Project numbering skips a number")
rule("numbering-repeat", "naming", "warning",
     "เลขลำดับโครงการซ้ำ", "Project numbering repeats a number")

NEAR = 92  # rapidfuzz ratio of normalised names
_GAP = {"line": 2, "row": 8, "cell": 25, "label": 2}


def _key(name: str) -> str:
    return regex.sub(r"[^\p{L}\p{N}]", "", name_key(name)).lower()


def _digits(name: str) -> list[str]:
    return regex.findall(r"[0-9]+", thai_to_arabic(name))


def same_name(a: str, b: str) -> float:
    """100 for the same name, the ratio for near-identical ones, 0 otherwise."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 100.0
    if _digits(a) != _digits(b):
        return 0.0  # "รุ่นที่ 1" / "รุ่นที่ 2": different projects on purpose
    score = fuzz.ratio(ka, kb)
    return score if score >= NEAR else 0.0


def _blocks(mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of mentions of one layout, each close below the previous one."""
    out: list[list[Mention]] = []
    for m in sorted(mentions, key=lambda x: x.line):
        last = out[-1][-1] if out else None
        if last is not None and last.layout == m.layout and m.line - last.last_line <= _GAP.get(m.layout, 2):
            out[-1].append(m)
        else:
            out.append([m])
    return [b for b in out if len(b) >= 3]


@checker("duplicate-project-name")
def check_duplicates(ctx: Context) -> Iterator[Hit]:
    seen: set[tuple[int, int]] = set()
    projects = ctx.projects
    for j, b in enumerate(projects):
        for a in projects[:j]:
            score = same_name(a.name, b.name)
            if score:
                seen.add((a.span.start, b.span.start))
                yield _dup(ctx, b.id, ctx.span(b.span.start, b.span.end), a.name, a.span.line, b.name, score)
    # Within one listing, or among detail-section headers: two mentions the
    # extractor may have merged into one project.
    for group in _blocks(ctx.mentions) + [_detail_headers(ctx)]:
        for j, mb in enumerate(group):
            for ma in group[:j]:
                score = same_name(ma.name, mb.name)
                if not score:
                    continue
                pa, pb = ctx.project_at_mention(ma.name_start), ctx.project_at_mention(mb.name_start)
                if pa is not None and pb is not None and pa != pb:
                    continue  # two projects: reported above
                span = ctx.span(mb.name_start, mb.name_end)
                yield _dup(ctx, pb or pa, span, ma.name, ctx.lines[ma.line].no, mb.name, score)


def _detail_headers(ctx: Context) -> list[Mention]:
    """Plain-line mentions that open a detail section (two or more section
    headings follow within a few lines), outside any listing."""
    return ctx.memo("detail_headers", lambda: _find_detail_headers(ctx))


def _find_detail_headers(ctx: Context) -> list[Mention]:
    in_blocks = {id(m) for b in _blocks(ctx.mentions) for m in b}
    cands = [m for m in ctx.mentions if m.layout in ("line", "label") and id(m) not in in_blocks]
    starts = sorted({m.line for m in ctx.mentions} | {len(ctx.lines)})
    window = rules()["projects"]["header_window"]
    out = []
    for m in cands:
        nxt = next(s for s in starts if s > m.line)
        if _opens_section(ctx, m.last_line + 1, nxt, window):
            out.append(m)
    return out


def _opens_section(ctx: Context, start: int, end: int, window: int) -> bool:
    """Two distinct section headings below, the first within ``window`` non-blank
    lines (what the structure stage asks of a detail section, stopping early)."""
    fields: set[str] = set()
    seen = 0
    for i in range(start, end):
        if ctx.lines[i].blank:
            continue
        h = ctx.heading(i) if not ctx.lines[i].tabbed else None
        if h is not None and h.field != "other":
            fields.add(h.field)
            if len(fields) >= 2:
                return True
        seen += 1
        if not fields and seen > window:
            return False
        if seen > 4 * window:
            return False
    return False


def _dup(ctx: Context, pid: str | None, span, first: str, first_line: int, name: str, score: float) -> Hit:
    how_th = "ซ้ำกับ" if score == 100 else f"เกือบเหมือนกับ (คล้ายกัน {score:.0f}%)"
    how_en = "is the same as" if score == 100 else f"is nearly the same as ({score:.0f}% similar)"
    return Hit("duplicate-project-name", pid, span,
               f'ชื่อโครงการ "{short(name, 60)}" {how_th} "{short(first, 60)}" (บรรทัด {first_line})',
               f'project name "{short(name, 60)}" {how_en} "{short(first, 60)}" (line {first_line})')


def _parse(number: str | None) -> tuple[int, ...] | None:
    if not number:
        return None
    parts = regex.findall(r"[0-9]+", thai_to_arabic(number))
    return tuple(int(x) for x in parts) if parts else None


def _fmt(n: tuple[int, ...]) -> str:
    return ".".join(str(x) for x in n)


def _printed(ctx: Context, number: tuple[int, ...], start: int, end: int, strict: bool) -> bool:
    """A line in [start, end) that starts with ``number`` (Thai or Arabic digits,
    as a list item or a table row's first cell); ``strict``: followed by โครงการ."""
    tail = r"\s*[.)]?\s*(?:\t\s*)?โครงการ" if strict else r"\s*[.)\t ]"
    pattern = regex.compile(r"^\s*(?:[-•]\s*)?" + r"\s*\.\s*".join(str(x) for x in number) + r"(?![0-9])" + tail)
    first = ctx.line_at(start).no - 1
    for ln in ctx.lines[first:]:
        if ln.start >= end:
            break
        if pattern.match(thai_to_arabic(ln.text)):
            return True
    return False


def _sequence(ctx: Context, items: list[tuple[tuple[int, ...], int, int, str | None]], where_th: str,
              where_en: str, strict: bool = False) -> Iterator[tuple[tuple, Hit]]:
    """items: (number, start offset, end offset, project id) in order.  A skipped
    number printed between the two (``strict``: followed by โครงการ) is a row the
    segmenter missed, not a gap."""
    skip_repeat_at = -1
    for k, ((a, a_start, _, _), (b, b_start, b_end, pid)) in enumerate(zip(items, items[1:])):
        if len(a) != len(b) or a[:-1] != b[:-1]:
            continue
        if b[-1] == a[-1] and k == skip_repeat_at:
            continue
        nxt = items[k + 2][0] if k + 2 < len(items) else None
        if b[-1] > a[-1] + 1 and nxt == b:
            # 2, 4, 4: one mistyped number, not a gap and a repeat.
            skip_repeat_at = k + 1
            missing = a[:-1] + (a[-1] + 1,)
            yield (("numbering-repeat", b), Hit(
                "numbering-repeat", pid, ctx.span(b_start, b_end),
                f"{where_th}: เลขลำดับเรียงเป็น {_fmt(a)}, {_fmt(b)}, {_fmt(b)} — ไม่มี {_fmt(missing)} "
                f"แต่มี {_fmt(b)} ซ้ำ (น่าจะพิมพ์ {_fmt(missing)} ผิดเป็น {_fmt(b)})",
                f"{where_en}: numbers run {_fmt(a)}, {_fmt(b)}, {_fmt(b)} — {_fmt(missing)} is missing and "
                f"{_fmt(b)} is used twice (probably {_fmt(missing)} mistyped as {_fmt(b)})"))
            continue
        if b[-1] == a[-1]:
            yield (("numbering-repeat", b), Hit(
                "numbering-repeat", pid, ctx.span(b_start, b_end),
                f"{where_th}: เลขลำดับ {_fmt(b)} ซ้ำกัน", f"{where_en}: number {_fmt(b)} is used twice"))
        elif b[-1] > a[-1] + 1:
            missing = [a[:-1] + (x,) for x in range(a[-1] + 1, b[-1])]
            if any(_printed(ctx, n, a_start, b_start, strict) for n in missing):
                continue
            gone = ", ".join(_fmt(n) for n in missing[:5]) + ("…" if len(missing) > 5 else "")
            yield (("numbering-gap", b), Hit(
                "numbering-gap", pid, ctx.span(b_start, b_end),
                f"{where_th}: เลขลำดับข้ามจาก {_fmt(a)} ไป {_fmt(b)} (ไม่มี {gone})",
                f"{where_en}: numbering skips from {_fmt(a)} to {_fmt(b)} (no {gone})"))


@checker("numbering-gap", "numbering-repeat")
def check_numbering(ctx: Context) -> Iterator[Hit]:
    reported: set[tuple] = set()
    for block in _blocks(ctx.mentions):
        numbered = [(n, m) for m in block if (n := _parse(m.number)) is not None]
        if len(numbered) < 3 or len(numbered) < 0.8 * len(block):
            continue
        items = [(n, m.name_start, m.name_end, ctx.project_at_mention(m.name_start)) for n, m in numbered]
        line = ctx.lines[block[0].line].no
        for key, hit in _sequence(ctx, items, f"รายการโครงการที่บรรทัด {line}", f"project list at line {line}"):
            if key not in reported:
                reported.add(key)
                yield hit
    # Numbered detail sections (each outside any listing), in document order.
    headers = [(n, m) for m in _detail_headers(ctx) if (n := _parse(m.number)) is not None]
    if len(headers) >= 3:
        items = [(n, m.name_start, m.name_end, ctx.project_at_mention(m.name_start)) for n, m in headers]
        for key, hit in _sequence(ctx, items, "หัวข้อรายละเอียดโครงการ", "detail sections", strict=True):
            if key not in reported:
                reported.add(key)
                yield hit
