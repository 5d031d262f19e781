"""The running text of a one-project document that labels none of its parts: a report on
one event, a survey of its participants, an announcement ("การอบรม… จัดขึ้นเมื่อวันที่
17-21 ตุลาคม 2565 ซึ่งมีผู้เข้าร่วมทั้งสิ้น จำนวน 30 คน …", then tables, each followed by
a paragraph that says what they show).

*Period*: the first date in the project's opening paragraphs (its name's paragraph and the
``tuning.header_window`` paragraphs after it) that gives a day or a range of days, a month
and a year (``rules/months.toml``: month names, ``day_words``, ``range_words``,
``era_words``): "17-21 ตุลาคม 2565", "วันที่ 14-23 พฤษภาคม 2567", "28 กุมภาพันธ์ – 1
มีนาคม 2567".  A day word that stands as a word of its own belongs to the text ("วันที่
14-23 …"), one glued to the word before it does not ("เมื่อวันที่ 17-21 …").  A month
with no day ("ในเดือนสิงหาคม 2567") is not an event's date.

*Results* (reports only, ``RESULT_TYPES``), from the name's paragraph on: every
paragraph (or item) under a results label, unless tables stand there too (a survey's
tables, their captions and stray lines of their cells: then only findings, as
elsewhere); elsewhere, a paragraph that states a finding (it holds one of
``projects.finding_words``: "พบว่า", "คิดเป็นร้อยละ"), and in a paragraph that states
none, a clause that counts those who took part (``projects.participant_words`` up to
the first number with a unit of ``values.units`` within ``tuning.count_clause_chars``:
"มีผู้เข้าร่วมทั้งสิ้น จำนวน 30 คน").  Paragraphs under a label of another field
(ข้อเสนอแนะ …, หลักการและเหตุผล …) and the rows of tables are not read; under an
evaluation label they are; a label of a one-line fact with its value beside it
("ระยะเวลา 3 วัน") opens no part.  A result is quantitative when it gives a count with
a unit or a percentage, else qualitative.

*Paragraphs*: a rendering that keeps the printed lines (pdftotext, a text file) wraps
each paragraph at one width.  A document is read as wrapped when at least
``tuning.wrapped_min_lines`` and at least ``tuning.wrapped_lines_share`` of its lines of
``tuning.wrap_min_width`` characters or more (counted without combining marks) reach
``tuning.wrap_full_share`` of its full width (the 90th percentile of those lines; a line's
width counts its indentation, and the rows of tables do not count: a line whose cells
stand apart by a TAB or, in text copied out of a PDF with its layout kept, by
``tuning.column_gap_spaces`` spaces or more, is a table's row, not running text); then
a line that reaches it goes on in the next line, even when that one starts with a label
word followed by more words ("วิทยากร คือ …").  In any document a line goes on in the
next when it ends inside a word or with a word that cannot end a phrase (as items do).
A date may run over a line break too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..blocks import Piece
from ..clean import Text, clean_text
from ..model import KindItem, Period
from ..numbers import find_percent, numbers_in
from ..ruleset import RuleSet
from ..textutil import collapse_spaces, printed_width
from ..vocab import Folded
from .budget import Context
from .header_fields import period_dates
from .items import continues
from .project_fields import Fields, has_count
from .stream import TextUnit, Unit

# Document types (GOLD.md) whose documents report results.
RESULT_TYPES = {"annual_report", "progress_report"}
READ_FIELDS = {None, "results", "evaluation"}  # text before any label, or under these labels
# Labels of one-line facts: with their value on the label's line they open no part
# ("ระยะเวลา 3 วัน", "ผู้รับผิดชอบ นายสมชาย …"); the name's labels never do.
FACT_FIELDS = {"target_group", "budget", "allocated", "spent", "remaining", "period", "responsible",
               "responsible_person"}
NAME_FIELDS = {"name", "code"}


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=4)
def _date_re(rules: RuleSet) -> regex.Pattern:
    m = rules["months"]
    day = r"[0-9๐-๙]{1,2}(?![0-9๐-๙.,])"
    month = "(?:" + _alternation(list(m["months"])) + ")"
    era = r"(?:(?:" + _alternation(m["era_words"]) + r")\s*)?"
    year = r"(?:" + era + r"[0-9๐-๙]{4}|[0-9๐-๙]{2})(?![0-9๐-๙])"
    day_word = r"(?:(?:" + _alternation(m["day_words"]) + r")\s*)"
    to = r"\s*(?:" + _alternation(m["range_words"]) + r")\s*" + day_word + "?"
    one = day + "(?:" + to + day + r")?\s*" + month + r"(?:\s*" + year + ")?"
    # A day word that stands as a word of its own (after a space or at the start) is kept.
    return regex.compile(r"(?:(?<!\S)" + day_word + r")?(?<![0-9๐-๙])" + one + "(?:" + to + one + ")?")


def _with_next(units: list[Unit], k: int, ctx: Context) -> tuple[int, str]:
    """The source text of paragraph ``k`` and, when it follows right on the next line, of
    the next paragraph too (a date wrapped over the line break): (start offset, text)."""
    u = units[k]
    assert isinstance(u, TextUnit)
    end = u.para.end
    nxt = units[k + 1] if k + 1 < len(units) else None
    if isinstance(nxt, TextUnit) and nxt.para.blank_before == 0 and nxt.cell is u.cell and \
            not ctx.source.text[u.para.end:nxt.para.start].strip():
        end = nxt.para.end
    return u.para.start, ctx.source.text[u.para.start:end]


def event_period(units: list[Unit], first: int, ctx: Context) -> Period | None:
    """The first dated day (or range) in the paragraphs from ``first`` on (see the module doc)."""
    seen = 0
    for k in range(first, len(units)):
        u = units[k]
        if not isinstance(u, TextUnit):
            continue
        seen += 1
        if seen > ctx.rules.tune("header_window") + 1:
            return None
        at, text = _with_next(units, k, ctx)
        for m in _date_re(ctx.rules).finditer(text):
            if m.start() >= len(u.text):
                break  # the next paragraph's own: looked at in its turn
            found = collapse_spaces(m.group(0).replace("\n", " "))
            start, end = period_dates(found, ctx.rules)
            if start is None:
                continue  # no year: not a date to be sure of
            return Period(found, start, end, ctx.source.span(at + m.start(), at + m.end()))
    return None


def _count_clause(body: str, rules: RuleSet) -> tuple[int, int] | None:
    """(start, end) in ``body`` of a participant word up to its count and unit."""
    folded = Folded.of(body)
    units = sorted(rules["values"]["units"], key=len, reverse=True)
    reach = rules.tune("count_clause_chars")
    for word, _ in rules.words_of("projects", "participant_words"):
        k = folded.find(word)
        if k == -1:
            continue
        start, after = folded.orig_start(k), folded.orig_end(k + len(word))
        window = body[after:after + reach]
        for f in numbers_in(window):
            rest = window[f.end:]
            gap = len(rest) - len(rest.lstrip())
            unit = next((w for w in units if rest.startswith(w, gap)), None)
            if unit is not None:
                return start, after + f.end + gap + len(unit)
    return None


def _kind(text: str, rules: RuleSet) -> str | None:
    measured = has_count(text, rules) or find_percent(text, rules) is not None
    return rules.kind_name("results", "output" if measured else "outcome")


def line_width(text: str) -> int:
    """A printed line's width up to its last character, its indentation counted (the right
    margin is what a wrapped line reaches); a page break before it is no part of it."""
    return printed_width(text.lstrip("\f\v").rstrip())


@lru_cache(maxsize=4)
def _column_gap_re(rules: RuleSet) -> regex.Pattern:
    return regex.compile(r"\S(?:\t|[ ]{%d,})\s*\S" % rules.tune("column_gap_spaces"))


def in_columns(text: str, rules: RuleSet) -> bool:
    """A line of a table's row: cells apart by a TAB, or (text copied out of a PDF with its
    layout kept) by a run of ``tuning.column_gap_spaces`` spaces or more."""
    return _column_gap_re(rules).search(text.strip()) is not None


def full_line_width(units: list[Unit], rules: RuleSet) -> float | None:
    """The width from which a line is a full line of a wrapped document, or None when the
    document does not read as wrapped (see the module doc)."""
    widths = sorted(w for u in units if isinstance(u, TextUnit) and not in_columns(u.text, rules)
                    for w in [line_width(u.text)] if w >= rules.tune("wrap_min_width"))
    if not widths:
        return None
    full = rules.tune("wrap_full_share") * widths[int(0.9 * (len(widths) - 1))]
    count = sum(1 for w in widths if w >= full)
    wrapped = count >= rules.tune("wrapped_min_lines") and count / len(widths) >= rules.tune("wrapped_lines_share")
    return full if wrapped else None


@dataclass
class _Para:
    """A paragraph of running text: its lines (each cut after its marks)."""

    pieces: list[Piece]
    unit: TextUnit  # its last line
    field: str | None  # the field of the label it stands under, if any
    part: int  # the part it stands in (see _paragraphs)

    @property
    def start(self) -> int:
        return self.pieces[0].start

    def cut(self, start: int, end: int, rules: RuleSet) -> Text | None:
        """The cleaned text of source offsets [start, end) of the paragraph."""
        return clean_text([p.cut(max(start, p.start) - p.start, min(end, p.end) - p.start)
                           for p in self.pieces if p.start < end and p.end > start], rules.words)


def _paragraphs(units: list[Unit], first: int, rules: RuleSet) -> tuple[list[_Para], set[int]]:
    """The paragraphs from unit ``first`` on that may state results, wrapped lines joined,
    and the parts (numbered from 0 at each label that opens one) that hold a table."""
    full = full_line_width(units, rules)
    out: list[_Para] = []
    field: str | None = None
    part = 0
    tabled: set[int] = set()
    last: _Para | None = None  # the paragraph the next line may continue
    for u in units[first:]:
        if not isinstance(u, TextUnit) or u.cell is not None or in_columns(u.text, rules):
            tabled.add(part)
        if not isinstance(u, TextUnit):
            last = None
            continue
        prev = last.unit if last is not None else None
        goes_on = prev is not None and prev.cell is u.cell and u.para.blank_before == 0 and not u.mark.marked and (
            (full is not None and line_width(prev.text) >= full)
            or continues(prev.text, u.text, u.para.blank_before, rules))
        # A label word that starts a line wrapped from the one before, with words after it
        # ("วิทยากร คือ …" inside a sentence), is the sentence's word, not a label.
        if u.labels and not (goes_on and u.labels[0].value is not None):
            label = u.labels[-1]
            if label.field not in NAME_FIELDS and not (label.field in FACT_FIELDS and label.value is not None):
                field = label.field
                part += 1
            last = None
            continue
        if field not in READ_FIELDS or in_columns(u.text, rules):
            last = None
            continue
        piece = u.para.cut(u.mark.body)
        if piece.blank:
            continue
        if goes_on:
            last.pieces.append(piece)
            last.unit = u
            continue
        last = _Para([piece], u, field, part)
        out.append(last)
    return out, tabled


def narrative_results(units: list[Unit], first: int, ctx: Context) -> list[KindItem]:
    """The findings of a report in running text, from unit ``first`` on (see the module doc)."""
    rules = ctx.rules
    findings = rules.words_of("projects", "finding_words")
    out: list[KindItem] = []
    source = ctx.source.text
    paragraphs, tabled = _paragraphs(units, first, rules)
    for para in paragraphs:
        end = para.pieces[-1].end
        raw = source[para.start:end]
        folded = Folded.of(raw)
        text: Text | None
        listed = para.field == "results" and para.part not in tabled
        if listed or any(folded.find(w) != -1 for w, _ in findings):
            text = para.cut(para.start, end, rules)
        else:
            clause = _count_clause(raw, rules)
            text = para.cut(para.start + clause[0], para.start + clause[1], rules) if clause else None
        if text is not None:
            out.append(KindItem(text.text, _kind(text.text, rules), ctx.source.span(text.start, text.end)))
        if len(out) >= 10:
            break
    return out


def narrative_fields(units: list[Unit], first: int, ctx: Context, document_type: str) -> Fields:
    """What the running text says of the document's one project named at unit ``first``."""
    f = Fields()
    f.period = event_period(units, first, ctx)
    if document_type in RESULT_TYPES:
        f.results = narrative_results(units, first, ctx)
    return f
