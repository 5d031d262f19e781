"""Segment stage: find every place that names a project (a *mention*).

Mentions come from four layouts: a plain line ("๑. โครงการ…", "โครงการ <name>",
"โครงการ" alone with the name below, "ชื่อโครงการ…"), a cell of a cell-per-line
table ("\t2.1 โครงการ…"), and a row of a row-per-line table (a numbered row
under a "ชื่อโครงการ" column, a TOC row).  Each mention knows its name and
number, and for table rows the cells by column role.  Deciding which
mentions are detail sections, and merging them, happens later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .clean import clean_pieces
from .headings import classify
from .lines import Line, Piece, cells_of_block, sub_piece, trim
from .ruleset import rules
from .tables import TCell, header_roles, header_run_count, cell_runs, is_header_row
from .textutil import compact, numbering_of, thai_to_arabic

DATA_ROLES = {"budget", "indicator", "target", "unit", "spent", "source", "not_started",
              "in_progress", "completed", "result"}


@dataclass
class Mention:
    line: int  # index into lines of the first line
    last_line: int  # index of the last line of the name
    number: str | None
    name: str
    name_start: int
    name_end: int
    layout: str  # line | label | cell | row
    cells: dict[str, TCell] = field(default_factory=dict)  # role → cell (table rows)
    extra_rows: list[dict[str, TCell]] = field(default_factory=list)  # continuation rows
    indicator_rows: list[tuple[Piece, Piece | None]] = field(default_factory=list)  # (indicator, target)
    group: str | None = None  # group header row above it (its unit)
    group_start: int | None = None
    data: bool = False  # a table row that carries fields (budget, indicators …)
    toc: bool = False


@lru_cache(maxsize=1)
def _project_rules() -> dict:
    return rules()["projects"]


def _mention_re() -> regex.Pattern:
    words = "|".join(regex.escape(w) for w in _project_rules()["project_words"])
    return regex.compile(r"^(?P<pre>\s*(?:[*#]+\s*)?(?:[-–•●]\s*)?(?:(?P<num>[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3}){0,3})\s*[.)]?\s*)?)"
                         r"(?P<word>" + words + r")(?P<sep>[\s\t:]*)")


_MENTION = _mention_re()


def _not_project(rest_compact: str) -> bool:
    for w in _project_rules()["not_projects"]:
        if ("โครงการ" + rest_compact).startswith(compact(w)):
            return True
    return False


def _clean_number(num: str | None) -> str | None:
    if not num:
        return None
    return thai_to_arabic(num).strip(" .)")


def _strip_repeated_word(piece: Piece) -> Piece:
    """'โครงการ โครงการพัฒนา…' (the word printed twice) → 'พัฒนา…'."""
    m = regex.match(r"^\s*โครงการ\s*", piece.text)
    if m and len(piece.text) - m.end() > 4:
        return sub_piece(piece, m.end())
    return piece


def _name_from(pieces: list[Piece], phrase: bool = True) -> tuple[str, int, int] | None:
    if not pieces:
        return None
    pieces = [_strip_repeated_word(pieces[0])] + pieces[1:]
    out = clean_pieces(pieces, phrase=phrase, numbered=False)
    if out is None:
        return None
    text, s, e = out
    text = text.strip(" :-–.*#")
    if len(compact(text)) < 4:
        return None
    return text, s, e


def _continuation(lines: list[Line], i: int, limit: int, skip_blanks: bool, strict: bool = False) -> list[int]:
    """Indices of the lines that continue a name that started on line i.

    ``strict`` (a name printed after its label on the same line): a following
    line continues it only when the line before was wrapped (long, or cut
    inside a word or after a joining word)."""
    from .fields.items import _wrapped

    out: list[int] = []
    j = i + 1
    if skip_blanks:
        while j < len(lines) and lines[j].blank and j - i < 6:
            j += 1
    while j < len(lines) and len(out) < limit:
        ln = lines[j]
        if ln.blank or ln.tabbed or ln.has_tabs:
            break
        t = ln.clean
        if classify(ln) or _MENTION.match(t) or numbering_of(t) or regex.match(r"^-{3,}", t):
            break
        if len(t) > 120:
            break
        if strict and not _wrapped(lines[out[-1] if out else i].text, ln.text, 60):
            break
        out.append(j)
        j += 1
    return out


def find_mentions(lines: list[Line]) -> list[Mention]:
    out: list[Mention] = []
    i = 0
    table_ctx: dict | None = None  # current row-per-line table: roles, group
    cell_roles: dict[int, str] | None = None
    n = len(lines)
    while i < n:
        ln = lines[i]
        if ln.has_tabs and not _label_tab_value(ln):
            table_ctx = _row_line(lines, i, table_ctx, out)
            i += 1
            continue
        if not ln.blank and not ln.tabbed and not _in_cell_block(lines, i):
            table_ctx = None
        m = _MENTION.match(ln.text)
        label = _label_match(ln)
        if m and not label:
            rest = ln.text[m.end():]
            if _not_project(compact(rest)) or (rest and not m.group("sep") and not regex.match(r"[\p{Thai}A-Za-z“\"]", rest)):
                i += 1
                continue
            in_cell = ln.tabbed or _in_cell_block(lines, i)
            if in_cell:
                roles, width = _cell_header(lines, i, cell_roles)
                cell_roles = roles
                mention = _cell_mention(lines, i, m, roles, width)
            else:
                mention = _line_mention(lines, i, m)
            if mention:
                out.append(mention)
                i = mention.last_line + 1
                continue
        elif label:
            mention = _label_mention(lines, i, label)
            if mention:
                out.append(mention)
                i = mention.last_line + 1
                continue
        i += 1
    return out


def _label_tab_value(ln: Line) -> bool:
    """'โครงการ<TAB>name': a header label and its value, not a table row."""
    cells = [c.strip() for c in ln.text.split("\t") if c.strip()]
    return len(cells) == 2 and cells[0] in _project_rules()["project_words"] + _project_rules()["name_labels"]


def _label_match(ln: Line) -> int | None:
    t = ln.text.lstrip()
    for label in _project_rules()["name_labels"]:
        if t.startswith(label):
            return len(ln.text) - len(t) + len(label)
    return None


def _label_mention(lines: list[Line], i: int, at: int) -> Mention | None:
    ln = lines[i]
    first = trim(sub_piece(ln, at))
    idx = [i] if first.text else []
    cont = _continuation(lines, i, 2, skip_blanks=not first.text, strict=bool(first.text))
    pieces = ([first] if first.text else []) + [lines[j] for j in cont]
    name = _name_from(pieces)
    if not name:
        return None
    last = (cont or idx or [i])[-1]
    return Mention(i, last, None, name[0], name[1], name[2], "label")


def _line_mention(lines: list[Line], i: int, m: regex.Match) -> Mention | None:
    ln = lines[i]
    rest = trim(sub_piece(ln, m.end()))
    if rest.text:
        cont = _continuation(lines, i, 2, skip_blanks=False, strict=True)
        pieces = [rest] + [lines[j] for j in cont]
    else:  # "โครงการ" alone: the name follows on the next lines
        cont = _continuation(lines, i, 3, skip_blanks=True)
        pieces = [lines[j] for j in cont]
    name = _name_from(pieces)
    if not name:
        return None
    last = cont[-1] if cont else i
    return Mention(i, last, _clean_number(m.group("num")), name[0], name[1], name[2], "line")


def _in_cell_block(lines: list[Line], i: int) -> bool:
    """An untabbed line that continues a cell of a cell-per-line table."""
    j = i - 1
    while j >= 0 and j > i - 6:
        if lines[j].tabbed and not lines[j].has_tabs:
            return True
        if lines[j].blank:
            return False
        j -= 1
    return False


def _cell_header(lines: list[Line], i: int, previous: dict[int, str] | None) -> tuple[dict[int, str], int]:
    """Column roles of the cell-per-line table around line i: the last header
    run in the 60 lines above, else the roles of the previous row."""
    block = lines[max(0, i - 60):i]
    first = next((k for k, ln in enumerate(block) if ln.tabbed and not ln.has_tabs), None)
    if first is not None:
        texts = [[c.text for c in run] for run in cell_runs(block[first:])]
        for r in range(len(texts) - 1, -1, -1):
            if is_header_row(texts[r]):
                n = header_run_count(texts[r:])
                hdr = texts[r:r + n]
                return header_roles(hdr), max(len(h) for h in hdr)
    if previous:
        return previous, max(previous) + 1
    return {}, 0


def _cell_mention(lines: list[Line], i: int, m: regex.Match, roles: dict[int, str], width: int) -> Mention | None:
    # The row: from the mention line to the next mention line or table end.
    j = i + 1
    while j < len(lines) and j - i < 80:
        t = lines[j].text
        mm = _MENTION.match(t)
        if mm and not _not_project(compact(t[mm.end():])):
            break
        if not lines[j].tabbed and not lines[j].blank and classify(lines[j]):
            break
        j += 1
    row_lines = [Line(lines[i].start, lines[i].end, "\t" + lines[i].text.lstrip("\t"), lines[i].no)] + lines[i + 1:j]
    cells = cells_of_block(row_lines)
    first = cells[0]
    name_pieces = []
    for k, ln in enumerate(first.lines):
        if ln.blank:
            break
        piece = lines[i] if k == 0 else ln
        name_pieces.append(piece)
    head = trim(sub_piece(lines[i], m.end()))
    pieces = ([head] if head.text else []) + name_pieces[1:]
    name = _name_from(pieces)
    if not name:
        return None
    last = i + len(name_pieces) - 1
    name_col = next((c for c, r in sorted(roles.items()) if r == "name"), None)
    if name_col is None:
        name_col = 1 if roles.get(0) == "number" else 0
    by_role: dict[str, TCell] = {}
    for k, cell in enumerate(cells[1:max(width - name_col, 1) if width else len(cells)], start=1):
        role = roles.get(name_col + k)
        if role and role not in by_role:
            by_role[role] = TCell(cell.paragraphs())
    mention = Mention(i, last, _clean_number(m.group("num")), name[0], name[1], name[2], "cell", by_role)
    mention.data = any(r in DATA_ROLES and not c.blank for r, c in by_role.items())
    return mention


def _row_line(lines: list[Line], i: int, ctx: dict | None, out: list[Mention]) -> dict | None:
    """Handle one row-per-line table row; returns the updated table context."""
    ln = lines[i]
    cells = [trim(c) for c in ln.cells()]
    texts = [c.clean for c in cells]
    if is_header_row(texts):
        roles = header_roles([texts])
        if ctx and ctx.get("header_line") == i - 1:
            merged = dict(ctx["roles"])
            merged.update(roles)
            roles = merged
        return {"roles": roles, "group": None, "group_start": None, "header_line": i}
    if ctx and ctx.get("header_line") == i - 1 and all(len(compact(t)) <= 14 and not regex.search(r"[0-9๐-๙,]{2,}", t) for t in texts):
        sub = header_roles([texts])
        merged = dict(ctx["roles"])
        merged.update(sub)
        return {**ctx, "roles": merged, "header_line": i}
    roles = ctx["roles"] if ctx else {}
    num_col = next((c for c, r in sorted(roles.items()) if r == "number"), None)
    name_col = next((c for c, r in sorted(roles.items()) if r == "name"), None)
    # A cell that itself starts with the project word.
    for k, t in enumerate(cells):
        m = _MENTION.match(t.text)
        if m and m.end() < len(t.text) and not _not_project(compact(t.text[m.end():])):
            prefix_cells = [x for x in texts[:k] if x]
            if len(prefix_cells) > 1:
                break
            number = _clean_number(m.group("num")) or (_clean_number(prefix_cells[0]) if prefix_cells and regex.fullmatch(r"[0-9๐-๙.]+", prefix_cells[0]) else None)
            name = _name_from([sub_piece(t, m.end())])
            if not name:
                break
            rest = [x for x in texts[k + 1:] if x]
            toc = bool(rest) and all(regex.fullmatch(r"[0-9๐-๙\-–]+", x) for x in rest)
            mention = Mention(i, i, number, name[0], name[1], name[2], "row", toc=toc)
            _fill_row(mention, cells, roles, k, ctx)
            out.append(mention)
            return ctx
    if name_col is None or num_col is None:
        return ctx
    number = texts[num_col] if num_col < len(texts) else ""
    name_text = texts[name_col] if name_col < len(texts) else ""
    if regex.fullmatch(r"[0-9๐-๙]{1,3}\.?", number) and len(compact(name_text)) >= 6:
        name = _name_from([cells[name_col]])
        if name:
            mention = Mention(i, i, _clean_number(number), name[0], name[1], name[2], "row")
            _fill_row(mention, cells, roles, name_col, ctx)
            out.append(mention)
        return ctx
    if not number and name_text and name_text.startswith(tuple(_project_rules()["indicator_row_prefixes"])):
        if out and out[-1].layout == "row":
            tgt_col = next((c for c, r in sorted(roles.items()) if r == "target"), None)
            at = regex.match(r"(?:" + "|".join(_project_rules()["indicator_row_prefixes"]) + r")\s*",
                             cells[name_col].text).end()
            target = cells[tgt_col] if tgt_col is not None and tgt_col < len(cells) and cells[tgt_col].text else None
            out[-1].indicator_rows.append((trim(sub_piece(cells[name_col], at)), target))
            out[-1].data = True
        return ctx
    if not number and name_text and name_text.startswith(tuple(_project_rules()["group_prefixes"])) and ctx is not None:
        ctx["group"] = name_text
        ctx["group_start"] = cells[name_col].start
        return ctx
    if not number and not name_text and out and out[-1].layout == "row" and out[-1].line >= i - 3:
        extra = {roles[c]: TCell([cells[c]]) for c in roles if c < len(cells) and cells[c].text}
        if extra:
            out[-1].extra_rows.append(extra)
    return ctx


def _fill_row(mention: Mention, cells: list[Piece], roles: dict[int, str], name_col: int, ctx: dict | None) -> None:
    for c, role in roles.items():
        if c < len(cells) and c != name_col and cells[c].text and role not in mention.cells:
            mention.cells[role] = TCell([cells[c]])
    if ctx and ctx.get("group"):
        mention.group = ctx["group"]
        mention.group_start = ctx["group_start"]
    mention.data = any(r in DATA_ROLES for r in mention.cells)


def part_boundaries(lines: list[Line]) -> list[int]:
    words = tuple(_project_rules()["part_headings"])
    return [i for i, ln in enumerate(lines) if ln.clean.startswith(words) and len(ln.clean) < 90]
