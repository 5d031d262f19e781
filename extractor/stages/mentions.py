"""Where a project is named in running text: "๑. โครงการ…", "โครงการที่ ๒ …", "ชื่อโครงการ : …".

A *mention* is a paragraph whose body (after its item number) starts with the
project word of ``rules/projects.toml`` followed by a name, or a name label of
``rules/labels.toml`` followed by its value.  When the word or label stands
alone, the name is the next paragraph(s).  A name runs on to the next
paragraph only when its line is wrapped (it ends with a word that cannot end
a phrase, or the next starts with one that cannot start one).  Phrases about
projects in general ("โครงการที่ได้รับ…", ``not_names``) and phrases about a project
named before (a ``reference_words`` word after the project word: "โครงการดังกล่าว…")
are not mentions, nor, in a rendering that keeps the printed lines
(``narrative.full_line_width``), a line of running text that only happens to begin
with the word: the full line of prose above it runs on into it.  A name's span covers exactly its characters.
Whether a mention opens a project's detail section is decided later
(``stages.sections``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Iterator

import regex

from ..blocks import Piece
from ..clean import _HTML, Text, clean_text
from ..ruleset import RuleSet
from ..textutil import thai_to_arabic
from ..tokenize import tokenize
from ..vocab import Folded, fold, longest_prefix
from .stream import TextUnit, Unit

_NAME_TRIM = " :-–.*#\t"
# "ที่ ๒", "ที่ 1000": an item number of up to six digits, taken whole.
_NUMBER = regex.compile(r"\s*([0-9๐-๙]{1,6}+(?:\.[0-9๐-๙]{1,3}+)*+)(?![0-9๐-๙])\s*[.:)]?\s*")


class Via(Enum):
    WORD = "word"  # the project word: "โครงการ…"
    LABEL = "label"  # a name label: "ชื่อโครงการ …"
    CARD = "card"  # a numbered line followed by field labels (a project card)


@dataclass
class Mention:
    index: int  # units index of the paragraph that names the project
    last: int  # units index of the name's last paragraph
    number: str | None
    name: Text
    via: Via
    listed: bool = False  # an item of a running list ("2.2 …" / "2.3 โครงการ…"): never a section heading

    @property
    def start(self) -> int:
        return self.name.start


def _not_name(rest: str, word: str, rules: RuleSet) -> bool:
    key = fold(word + rest)
    return any(key.startswith(w) for w, _ in rules.words_of("projects", "not_names")) or _refers_back(rest, rules)


def _refers_back(rest: str, rules: RuleSet) -> bool:
    """Is the first word after the project word one that points back at a project named
    before ("โครงการดังกล่าว…")?  A whole word, by the tokenizer ("นั้น" is not the
    start of "นันทนาการ")."""
    first = next((w for w in tokenize(rest[:30].lstrip(), rules.words) if w.strip()), "")
    return fold(first) in _reference_words(rules)


@lru_cache(maxsize=16)
def _reference_words(rules: RuleSet) -> frozenset[str]:
    return frozenset(w for w, _ in rules.words_of("projects", "reference_words"))


#: Name lengths (``name_max_chars``) searched for a name stop.
NAME_STOP_WINDOW = 4


def cut_name_stop(text: str, rules: RuleSet) -> int:
    """Length of ``text`` before the first name stop ("… เป็นโครงการที่ …").  Only the
    first few name lengths are searched: a stop further on would leave no name, and
    folding a whole megabyte line for it costs hundreds of megabytes."""
    folded = Folded.of(text[:NAME_STOP_WINDOW * rules.tune("name_max_chars")])
    best = len(text)
    for word, _ in rules.words_of("projects", "name_stops"):
        k = folded.find(word)
        if k > 0:
            best = min(best, folded.orig_start(k))
    return best


def _wrapped(prev: str, nxt: str, rules: RuleSet) -> bool:
    """Does ``prev`` run on into ``nxt`` (a line wrapped inside a phrase)?  True when the
    last word of ``prev`` cannot end a phrase (a whole word, by the tokenizer: "ติดตาม"
    does not end with the word "ตาม") or ``nxt`` starts with a word that cannot start one."""
    p, n = prev.rstrip(), nxt.lstrip()
    if not p or not n:
        return False
    if p.endswith(("-", "/", ",")) or n[:1] in "()]”":
        return True
    ends = _word_set(rules, "wrap_end_words")
    last, last_two = _last_words(p[-24:], rules)
    if last in ends or last_two in ends:
        return True
    head = fold(n[:16])
    return any(head.startswith(w) for w in _word_set(rules, "wrap_start_words"))


@lru_cache(maxsize=65536)
def _last_words(text: str, rules: RuleSet) -> tuple[str, str]:
    """The last word of ``text`` and the last two words joined, folded."""
    words = [fold(w) for w in tokenize(text, rules.words) if w.strip()]
    if not words:
        return "", ""
    return words[-1], "".join(words[-2:])


@lru_cache(maxsize=16)
def _word_set(rules: RuleSet, key: str) -> frozenset[str]:
    return frozenset(w for w, _ in rules.words_of("marks", key))


def _continuation(units: list[Unit], i: int, first: str | None, rules: RuleSet) -> list[int]:
    """Indices of the paragraphs that continue a name started at unit i.

    ``first`` is the name text on unit i (None when the word or label stood
    alone: the name is then the next paragraph, or the next cell of its row).
    A further line continues the name when the line before is wrapped, or
    when it closes the heading's block of lines (a blank line or a label
    follows it)."""
    out: list[int] = []
    limit = rules.tune("name_max_lines")
    here = units[i]
    assert isinstance(here, TextUnit)
    prev = first
    j = i + 1
    while j < len(units) and len(out) < limit:
        u = units[j]
        if not isinstance(u, TextUnit) or u.row_start:
            break
        same_place = u.cell is here.cell or (prev is None and u.row_id is not None and u.row_id == here.row_id)
        if not same_place:
            break
        if u.mark.marked or u.labels or starts_with_project_word(u, rules) is not None:
            break
        if prev is not None:
            if u.para.blank_before or not (_wrapped(prev, u.text, rules) or _closes_block(units, j)):
                break
        elif u.para.blank_before > 4 and out:
            break
        out.append(j)
        prev = u.text
        j += 1
    return out


def _closes_block(units: list[Unit], j: int) -> bool:
    """Is unit j a short last line of a block (a blank line or a label follows)?"""
    u = units[j]
    assert isinstance(u, TextUnit)
    if len(u.text.strip()) > 60:
        return False
    nxt = units[j + 1] if j + 1 < len(units) else None
    return nxt is None or not isinstance(nxt, TextUnit) or nxt.para.blank_before > 0 or bool(nxt.labels)


def _next_text(units: list[Unit], j: int) -> str:
    u = units[j] if j < len(units) else None
    return u.text if isinstance(u, TextUnit) else ""


def starts_with_project_word(u: TextUnit, rules: RuleSet) -> int | None:
    """Offset in the paragraph just after a leading project word, or None."""
    return _after_project_word(u.text, u.mark.body, rules)


def starts_with_project_word_text(text: str, rules: RuleSet) -> int | None:
    """The same for a bare text (a table cell's paragraph): after its item number."""
    from .marks import mark_of

    return _after_project_word(text, mark_of(text, rules).body, rules)


def _after_project_word(text: str, body_at: int, rules: RuleSet) -> int | None:
    folded = Folded.of(text[body_at:body_at + 40])
    hit = longest_prefix(folded, rules.project_words)
    if hit is None:
        return None
    end = body_at + folded.orig_end(hit[1])
    if _not_name(text[end:], text[body_at:end], rules) and _numbered_word(text[end:], rules) is None:
        return None
    return end


def _name(pieces: list[Piece], rules: RuleSet) -> Text | None:
    if not pieces:
        return None
    first = pieces[0]
    # The project word printed twice ("โครงการ โครงการพัฒนา…").
    again = longest_prefix(Folded.of(first.text.lstrip()), rules.project_words)
    if again is not None:
        lead = len(first.text) - len(first.text.lstrip())
        cut = Folded.of(first.text.lstrip()).orig_end(again[1]) + lead
        if len(fold(first.text[cut:])) > 4:
            pieces = [first.cut(cut)] + pieces[1:]
    text = clean_text(pieces, rules.words, phrase=True)
    if text is None:
        return None
    stop = cut_name_stop(text.text, rules)
    head = text.text[:stop]
    name = head.strip(_NAME_TRIM)
    name = regex.sub(r"(?:\.{2,}|…+|_{2,})\s*$", "", name).strip(_NAME_TRIM)
    if len(fold(name)) < rules.tune("name_min_chars") or not regex.match(r"[\p{Thai}A-Za-z0-9๐-๙“\"'(]", name):
        return None
    a = len(head) - len(head.lstrip(_NAME_TRIM))
    return Text(name, *_source_span(pieces, text, a, a + len(name)))


def _source_span(pieces: list[Piece], text: Text, a: int, b: int) -> tuple[int, int]:
    """Source offsets of ``text.text[a:b]`` (a stretch that starts and ends with a printed
    character): the cleaned text's characters other than spaces are the pieces' characters
    in order, less what cleaning dropped (HTML debris, a wrap hyphen), so each is found by
    walking the pieces forward (lazily: a name is short, the line it stands on need not be)."""
    source = _printed(pieces)
    at: dict[int, int] = {}
    for i, ch in enumerate(text.text[:b]):
        if ch.isspace():
            continue
        for offset, printed in source:
            if printed == ch:
                at[i] = offset
                break
        else:
            return text.start, text.end  # not found in order: the whole cleaned value
    return at[a], at[b - 1] + 1


def _printed(pieces: list[Piece]) -> Iterator[tuple[int, str]]:
    """(source offset, character) of the pieces' characters other than spaces, in order."""
    for p in pieces:
        for k, ch in enumerate(_HTML.sub(lambda m: " " * len(m.group()), p.text)):
            if not ch.isspace():
                yield p.start + k, ch


def mention_at(units: list[Unit], i: int, rules: RuleSet, full: float | None = None) -> Mention | None:
    """The mention on unit i, or None.  ``full`` is the full line width of a wrapped
    rendering (``narrative.full_line_width``), None for a document that does not read as one."""
    u = units[i]
    if not isinstance(u, TextUnit):
        return None
    number = u.mark.number
    label = u.label
    if label is not None and label.field == "name":
        first = u.para.cut(*label.value) if label.value is not None else None
        if first is not None:  # the value may itself start with the project word ("ชื่อกิจกรรม....โครงการ…")
            hit = longest_prefix(Folded.of(first.text), rules.project_words)
            if hit is not None:
                first = first.cut(Folded.of(first.text).orig_end(hit[1]))
        pieces, cont = _name_pieces(units, i, first, rules)
        name = _name(pieces, rules)
        if name is None:
            return None
        return Mention(i, cont[-1] if cont else i, number, name, Via.LABEL)
    if u.mark.tick is not None:
        return None  # a form's option ("☐ โครงการตามภาระงานปกติ"), not a project's name
    at = starts_with_project_word(u, rules)
    if at is None or (not u.mark.marked and u.text[at:].strip() and _continues_item(units, i, at, rules)):
        return None
    if full is not None and not u.mark.marked and _runs_on(units, i, full, rules):
        return None
    word = u.text[u.mark.body:at]
    rest = u.text[at:]
    numbered = _numbered_word(rest, rules)
    if numbered is not None:
        number, skip = numbered
        at += skip
        rest = u.text[at:]
    elif _not_name(rest, word, rules):
        return None
    elif rest and not regex.match(r"[\s:：]|[\p{Thai}A-Za-z“\"'(]", rest):
        return None
    first = u.para.cut(at)
    if len(first.text) > rules.tune("name_max_chars"):
        return None  # narrative that starts with the word, not a heading
    pieces, cont = _name_pieces(units, i, first, rules)
    name = _name(pieces, rules)
    if name is None:
        return None
    if not first.text.strip(_NAME_TRIM) and numbered is None and _not_name(name.text, word, rules):
        return None  # the word alone, its phrase on the next line ("โครงการ" / "ที่ดำเนินการ": a column header)
    return Mention(i, cont[-1] if cont else i, number, name, Via.WORD, listed=_follows_sibling(units, i))


def _name_pieces(units: list[Unit], i: int, first: Piece | None, rules: RuleSet) -> tuple[list[Piece], list[int]]:
    """The name's pieces: ``first`` (the text after the word or label on unit i, when there
    is any) and the paragraphs it wraps onto; or, with nothing after it, the next ones."""
    if first is not None and first.text.strip(_NAME_TRIM):
        cont = _continuation(units, i, first.text, rules)
        return [first] + [units[j].para for j in cont], cont  # type: ignore[union-attr]
    cont = _continuation(units, i, None, rules)
    return [units[j].para for j in cont], cont  # type: ignore[union-attr]


def _continues_item(units: list[Unit], i: int, at: int, rules: RuleSet) -> bool:
    """Is unit i a wrapped line of a list item ("1. เพื่อ…ในการเข้าอบรม" / "โครงการโอลิมปิก…"
    / "2. เพื่อ…")?  It stands between two items of one list with no blank line or label
    around it, and does not end in an amount column of its own (a layout line whose project
    word ``at`` opens an item of a budget: "โครงการ…␣␣␣ จำนวน 480,000 บาท")."""
    from .detached_amounts import gap_amount

    u = units[i]
    assert isinstance(u, TextUnit)
    if u.para.blank_before or i == 0 or gap_amount(u.text, at, rules) is not None:
        return False
    above = None
    for j in range(i - 1, max(-1, i - 6), -1):
        v = units[j]
        if not isinstance(v, TextUnit) or v.cell is not u.cell or v.labels:
            return False
        if v.mark.marked:
            above = v
            break
        if v.para.blank_before:
            return False
    if above is None:
        return False
    for j in range(i + 1, min(len(units), i + 4)):
        v = units[j]
        if not isinstance(v, TextUnit) or v.cell is not u.cell or v.labels or v.para.blank_before > 1:
            return False
        if v.mark.marked:
            return v.mark.depth == above.mark.depth and v.mark.bullet == above.mark.bullet
    return False


def _runs_on(units: list[Unit], i: int, full: float, rules: RuleSet) -> bool:
    """In a wrapped rendering (every line a printed line), is unit i a line of running text
    that merely begins with the project word ("…คัดเลือกนักเรียนเข้าร่วม" / "โครงการ…ในพื้นที่")?
    It is when the line above it, in its place with no blank line or label between, is a
    full line of prose (not itself a name: it does not start with the project word) that
    either ends with a word that cannot end a phrase or follows another full line: the
    paragraph runs on into this line."""
    from .narrative import in_columns, line_width

    u = units[i]
    assert isinstance(u, TextUnit)
    if u.para.blank_before or i == 0 or u.text.startswith("\f"):
        return False  # after a blank line or at the top of a page: a paragraph of its own

    def prose(j: int) -> TextUnit | None:
        v = units[j] if j >= 0 else None
        if not isinstance(v, TextUnit) or v.cell is not u.cell or v.labels or in_columns(v.text, rules):
            return None
        if line_width(v.text) < full or starts_with_project_word(v, rules) is not None:
            return None
        return v

    above = prose(i - 1)
    if above is None:
        return False
    if _wrapped(above.text, u.text, rules):
        return True
    return not above.para.blank_before and prose(i - 2) is not None


def _follows_sibling(units: list[Unit], i: int) -> bool:
    """Does numbered unit i continue a list: the numbered paragraph just above it (no
    label between) has the same depth and the number before it ("2.2" above "2.3")?"""
    u = units[i]
    assert isinstance(u, TextUnit)
    number = u.mark.number
    if not number:
        return False
    for j in range(i - 1, max(-1, i - 8), -1):
        v = units[j]
        if not isinstance(v, TextUnit) or v.cell is not u.cell or v.labels:
            return False
        if v.mark.number:
            a, b = v.mark.number.split("."), number.split(".")
            return len(a) == len(b) > 1 and a[:-1] == b[:-1] and a[-1].isdigit() and b[-1].isdigit() \
                and int(a[-1]) + 1 == int(b[-1])
    return False


def _numbered_word(rest: str, rules: RuleSet) -> tuple[str, int] | None:
    """"ที่ ๒ พัฒนา…" after the project word: (number, length of "ที่ ๒ ")."""
    folded = Folded.of(rest)
    hit = longest_prefix(folded, rules.words_of("projects", "number_words"))
    if hit is None:
        return None
    after = folded.orig_end(hit[1])
    m = _NUMBER.match(rest, after)
    if not m:
        return None
    return thai_to_arabic(m.group(1)), m.end()


def find_mentions(units: list[Unit], rules: RuleSet) -> list[Mention]:
    from .narrative import full_line_width

    out: list[Mention] = []
    full = full_line_width(units, rules)
    i = 0
    while i < len(units):
        m = mention_at(units, i, rules, full)
        if m is not None:
            out.append(m)
            i = m.last + 1
        else:
            i += 1
    return out


def card_at(units: list[Unit], i: int, fields: set[str], rules: RuleSet) -> Mention | None:
    """A numbered paragraph whose following paragraphs, up to the next paragraph
    numbered at its depth or above, carry labels of at least ``section_min_labels``
    distinct project fields: a project card ("1. จัดซื้อ…" / "🎯 …" / "📌 … | หน่วยงาน: …").
    Not the last item of a running list ("2.3 …" just after "2.2 …", no label between): the
    labels after it are what follows the list (a table's column headers copied out of a PDF
    column by column)."""
    u = units[i]
    if not isinstance(u, TextUnit) or not u.mark.number or u.labels or u.cell is not None:
        return None
    depth = u.mark.depth
    found: set[str] = set()
    for k in range(i + 1, min(len(units), i + 1 + rules.tune("header_window"))):
        v = units[k]
        if isinstance(v, TextUnit):
            if v.mark.number and v.mark.depth <= depth:
                break
            found.update(label.field for label in v.labels if label.field in fields)
    if len(found) < rules.tune("section_min_labels") or _in_item_list(units, i) or _follows_sibling(units, i):
        return None
    cont = _continuation(units, i, u.body, rules)
    name = _name([u.para.cut(u.mark.body)] + [units[j].para for j in cont], rules)  # type: ignore[union-attr]
    if name is None:
        return None
    return Mention(i, cont[-1] if cont else i, u.mark.number, name, Via.CARD)


def _in_item_list(units: list[Unit], i: int, window: int = 40) -> bool:
    """Is the numbered paragraph i an item under a heading label ("วัตถุประสงค์" / "๑. …" / "๒. …")?
    It is when the nearest label above it is a heading (no value on its line) of a part whose
    items are read, with only list lines between them."""
    for j in range(i - 1, max(-1, i - window), -1):
        v = units[j]
        if not isinstance(v, TextUnit):
            continue
        if v.labels:
            label = v.labels[-1]
            return label.value is None and label.spec.items
    return False


def opening_event(units: list[Unit], rules: RuleSet) -> Mention | None:
    """The event a one-event report names in its opening paragraphs ("การอบรม…
    สนับสนุนโดย…"): the paragraph's start up to the first ``event_name_ends``
    phrase, which must be there (without it the paragraph is narrative)."""
    events = rules.words_of("projects", "event_words")
    ends = rules.words_of("projects", "event_name_ends")
    seen = 0
    for i, u in enumerate(units):
        if not isinstance(u, TextUnit) or u.cell is not None:
            continue
        seen += 1
        if seen > rules.tune("opening_window"):
            return None
        body = u.text[u.mark.body:]
        folded = Folded.of(body)
        if longest_prefix(folded, events) is None:
            continue
        cuts = [k for k in (folded.find(w) for w, _ in ends) if k > 0]
        if not cuts:
            continue
        name = _name([u.para.cut(u.mark.body, u.mark.body + folded.orig_start(min(cuts)))], rules)
        if name is not None:
            return Mention(i, i, u.mark.number, name, Via.WORD)
    return None
