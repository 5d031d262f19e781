"""Field labels: "วัตถุประสงค์", "งบประมาณที่ได้รับจัดสรร.......104,820.....บาท", "📌 … | หน่วยงาน: กองช่าง".

A paragraph is labelled when, after its marks (``stages.marks``), it starts
with a field label of ``rules/labels.toml``; what follows on the line is the
label's value when a separator (":", TAB, dot leaders, a "|", several spaces)
stands between them or the field is ``inline``.  A label followed by running
text without a separator is a sentence that starts with the word, not a label
(unless it is a top-level numbered or bulleted heading with a short qualifier,
such as "๖. ระยะเวลาดำเนินโครงการและสถานที่ดำเนินการ" or "• วัตถุประสงค์ที่สอดคล้องกับ…").  ``secondary`` labels are also
found later on a line, after a separator.

>>> from extractor.ruleset import default_rules
>>> r = default_rules()
>>> def show(text):
...     return [(l.field, text[l.value[0]:l.value[1]] if l.value else None) for l in labels_of(text, r)]
>>> show("3.1) งบประมาณที่ได้รับจัดสรร.......104,820..........บาท")
[('allocated', '104,820..........บาท')]
>>> show("๒. วัตถุประสงค์")
[('objectives', None)]
>>> show("📌 โคมไฟ 96 ชุด  |  หน่วยงาน: กองช่าง")
[('targets', 'โคมไฟ 96 ชุด'), ('responsible', 'กองช่าง')]
>>> show("☑ กิจกรรมที่ 1 เสริมสร้างความเข้าใจในกระบวนการส่งเสริมคุณธรรม จริยธรรม")
[]
>>> show("๔.๑ กิจกรรมการพัฒนาโรงเรียนต้นแบบการจัดประสบการณ์เชิงรุก ระดับปฐมวัย")
[]
>>> show("3.   เป้าหมาย")
[('targets', None)]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..ruleset import FieldLabel, RuleSet
from ..vocab import Folded, longest_prefix
from .marks import Mark, mark_of

LEADERS = r"(?:\.\s?){2,}|…+|_{2,}"
_SEPARATOR = regex.compile(r"\s*(?:(?:" + LEADERS + r")|[:：]|\t|\|)[\s.:：…_|]*|\s{2,}")
_QUALIFIER = regex.compile(r"\s*(?:\([^)]{0,60}\)\s*)+")
_TRAILING_SEP = regex.compile(r"(?:\s|" + LEADERS + r"|[:：|])+$")
_SECONDARY_LEAD = regex.compile(r"(?:\s{2,}|\t|\||" + LEADERS + r")\s*$")
_SECONDARY_END = regex.compile(r"\s*[:：]|\s*(?:" + LEADERS + r")|\s")


@dataclass(frozen=True)
class Label:
    field: str
    spec: FieldLabel
    start: int  # offsets in the paragraph text
    end: int  # just after the label words (and a qualifier in parentheses)
    value: tuple[int, int] | None  # the value on the same line, trimmed
    kind: str | None = None  # a kind word right after the label ("เป้าหมายเชิงปริมาณ")
    depth: int = 0  # item-number depth of the labelled paragraph


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim spaces, leaders and separators from both ends of text[start:end]."""
    seg = text[start:end]
    m = regex.match(r"(?:\s|" + LEADERS + r"|[:：|])+", seg)
    lead = m.end() if m else 0
    t = _TRAILING_SEP.search(seg)
    tail = t.start() if t and t.start() >= lead else len(seg)
    if tail <= lead:
        return None
    return start + lead, start + tail


def _kind_after(folded: Folded, at: int, rules: RuleSet) -> tuple[str, int] | None:
    return longest_prefix(folded, rules.kinds, at)


_MONEY_FIELDS = {"budget", "allocated", "spent"}


def _money_line(rest: str, rules: RuleSet) -> bool:
    """Does the rest of a line end with a form's slot for an amount of money ("…-… บาท",
    "\t28,372\tบาท", "…… บาท"): leaders or a TAB, then only figures, dashes and leaders?"""
    baht = "|".join(regex.escape(w) for _, w in rules.words_of("values", "baht_words"))
    slot = r"(?:" + LEADERS + r"|\t)"
    return bool(regex.search(slot + r"[\s0-9\u0e50-\u0e59,.\-\u2013…_]*(?:" + baht + r")\s*[.\-]*\s*$", rest))


def _primary(text: str, mark: Mark, rules: RuleSet, max_rest: int) -> Label | None:
    at = mark.body
    folded = Folded.of(text[at:])
    hit = longest_prefix(folded, rules.labels)
    if hit is None:
        return None
    spec, fend = hit
    end = at + folded.orig_end(fend)
    kind = None
    k = _kind_after(folded, fend, rules)
    if k is not None:
        kind = k[0]
        end = at + folded.orig_end(k[1])
    q = _QUALIFIER.match(text, end)
    if q:
        end = q.end()
    rest = text[end:]
    if not rest.strip():
        return Label(spec.name, spec, at, end, None, kind, mark.depth)
    if spec.name not in _MONEY_FIELDS and _money_line(rest, rules):
        return None  # "ผลผลิต ปวส ....-.... บาท": a line of a budget, not the field's heading
    sep = _SEPARATOR.match(text, end)
    symbol = not regex.search(r"[\p{L}]", text[at:end])  # "🎯", "📌": a mark that labels the rest
    if sep or symbol or spec.glued or (spec.inline and regex.match(r"\s|[0-9๐-๙]", rest)) or kind:
        return Label(spec.name, spec, at, end, _trim(text, end, len(text)), kind, mark.depth)
    if spec.inline and len(rest.strip()) <= max_rest:
        return Label(spec.name, spec, at, end, _trim(text, end, len(text)), kind, mark.depth)
    # Running text after the word: only a numbered top-level heading with a short qualifier.
    if ((mark.number and mark.depth <= 1 or mark.bullet) and len(rest.strip()) <= max_rest) or \
            (not mark.marked and len(rest.strip()) <= 12):
        return Label(spec.name, spec, at, end, None, kind, mark.depth)
    return None


def _secondary(text: str, start: int, rules: RuleSet) -> list[Label]:
    """Secondary labels later on the line, each after a separator and before ':' or a space."""
    out: list[Label] = []
    folded = Folded.of(text)
    for word, spec in rules.secondary_labels:
        k = folded.find(word, 0)
        while k != -1:
            s = folded.orig_start(k)
            if s > start and _SECONDARY_LEAD.search(text[max(0, s - 40):s]):  # the separator just before
                e = folded.orig_end(k + len(word))
                if e >= len(text) or _SECONDARY_END.match(text, e):
                    out.append(Label(spec.name, spec, s, e, _trim(text, e, len(text)), None, 0))
                    break
            k = folded.find(word, k + 1)
    out.sort(key=lambda label: label.start)
    return out


def labels_of(text: str, rules: RuleSet, mark: Mark | None = None) -> list[Label]:
    """The labels of one paragraph, in order; each value ends where the next label starts."""
    return list(_labels_cached(text, rules, mark))


@lru_cache(maxsize=65536)
def _labels_cached(text: str, rules: RuleSet, mark: Mark | None) -> tuple[Label, ...]:
    mark = mark if mark is not None else mark_of(text, rules)
    max_rest = rules.tune("label_max_rest")
    first = _primary(text, mark, rules, max_rest)
    found = ([first] if first else []) + _secondary(text, first.end if first else mark.body, rules)
    if not found:
        return ()
    out = []
    for i, label in enumerate(found):
        last = i + 1 == len(found)
        value = label.value if last else _trim(text, label.end, found[i + 1].start)
        out.append(Label(label.field, label.spec, label.start, label.end, value, label.kind, label.depth))
    return tuple(out)
