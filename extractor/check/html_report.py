"""``thaiplan check --format html``: one self-contained HTML page.

Per file: a summary per project, the findings grouped by project and
severity (with filters), and the source text with every finding highlighted
where it stands.  The page needs no network (inline CSS and script, a
Content-Security-Policy that forbids loading anything), so it can be opened
from a shared drive.

>>> from extractor.check import check_file
>>> from extractor.check.html_report import render_html
>>> page = render_html([check_file("corpora/seeds/004_bb75cf24dda7a38a.txt")])  # doctest: +SKIP

The source view splits the text at every span boundary, so overlapping spans
each keep a visible highlight: a segment carries the keys of every finding
that covers it (``data-c``), and each finding's ``<mark id="h-FILE-N">`` is
its first segment.  Boundaries are moved to grapheme-cluster edges (a Thai
vowel or tone mark is never cut from its consonant), and the view is built in
one pass over the sorted boundaries: linear in the text's length.

With ``#selftest`` in the URL the page's script checks itself (every
highlight present, non-empty, coloured, reachable by clicking its finding;
the filters hide what they should) and writes the outcome to
``<body data-selftest="ok N/N">``; tests/test_check_html.py reads it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import defaultdict
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterable

from ..model import Budget, Document, Finding, Project
from ..ruleset import RuleSet
from .locate import Locator
from .registry import SEVERITIES, catalog_of
from .runner import FileResult, counts

LANGS = ("both", "th", "en")
RANK = {"error": 3, "warning": 2, "info": 1}
WIDE = 400  # a span longer than this (a whole project) gets a lighter tint, so the findings inside it show

# Characters HTML cannot carry (C0 controls, DEL, lone surrogates), replaced one
# for one so that the spans' offsets still hold.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _visible(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # control pictures
    return "\u2421" if c == 0x7F else "\ufffd"


def _e(value: object) -> str:
    """Escape for text and (double-quoted) attributes alike."""
    return html.escape(_BAD.sub(_visible, str(value)))


_AM_SIGNS = (0x0E33, 0x0EB3)  # Thai and Lao sara am (category Lo, but part of the cluster)


def _is_mark(ch: str) -> bool:
    """A character that belongs to the grapheme cluster before it (Thai vowels above and
    below, tone marks; SARA AM is a spacing mark of the cluster too)."""
    return unicodedata.category(ch)[0] == "M" or ord(ch) in _AM_SIGNS


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` clamped to the text and widened to grapheme-cluster edges: a start
    on a combining mark moves back to its base letter, an end before marks moves past them.

    >>> snap("\u0e01\u0e34\u0e19", 0, 1)   # kin: the span ends before SARA I
    (0, 2)
    >>> snap("\u0e19\u0e49\u0e33", 1, 3)   # nam: a span starting on the tone mark
    (0, 3)
    """
    n = len(text)
    start = min(max(start, 0), n)
    end = min(max(end, start), n)
    while 0 < start < n and _is_mark(text[start]):
        start -= 1
    while end < n and _is_mark(text[end]):
        end += 1
    return start, end


@dataclass
class _Hit:
    """A finding placed in the source view."""

    key: str  # "FILE-N", unique in the page
    start: int
    end: int
    severity: str
    rule: str
    wide: bool


def _money(v: float | int | None) -> str:
    if v is None:
        return "\u2013"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.2f}"
    return f"{int(v):,}"


def _message(f: Finding, lang: str) -> str:
    th = f'<span class="th" lang="th">{_e(f.message)}</span>'
    en = f'<span class="en" lang="en">{_e(f.message_en)}</span>' if f.message_en else ""
    if lang == "th" or (lang == "en" and not en):
        return th
    if lang == "en":
        return en
    return th + en


#: The report's labels in its language (set by :func:`render_html` from rules/checks.toml ``report_*`` terms).
_LABELS: ContextVar[dict[str, str]] = ContextVar("thaiplan_report_labels", default={})


def _t(key: str) -> str:
    """A label of the page, escaped (its key when the rules lack it)."""
    return _e(_LABELS.get().get(key, key))


def _muted(html_text: str) -> str:
    return f'<span class="muted">{html_text}</span>'


def _labels(lang: str, rules: RuleSet | None) -> dict[str, str]:
    """The page's ``[terms]`` of the checks' wording (``report_*``, ``no_budget``) in its
    language: Thai for "both" and "th" (the findings' messages carry the English)."""
    catalog = catalog_of(rules)
    side = "en" if lang == "en" else "th"
    return {key: catalog.term(key).get(side) for key in catalog.terms
            if key.startswith("report_") or key == "no_budget"}


def _count_badges(c: dict[str, int], zeros: bool = True) -> str:
    return " ".join(f'<span class="badge b-{s}{"" if c[s] else " zero"}">{c[s]} {s}</span>'
                    for s in SEVERITIES if zeros or c[s])


# ---------------------------------------------------------------- source view

def _placed(doc: Document, findings: list[Finding], fi: int) -> tuple[dict[str, _Hit], list[tuple[int, int]]]:
    """The findings that have a place in the text (key -> hit) and the page starts (offset, page)."""
    text = doc.source.text
    hits: dict[str, _Hit] = {}
    for j, f in enumerate(findings):
        if f.span is None:
            continue
        s, e = snap(text, f.span.start, f.span.end)
        if not text[s:e].strip():  # nothing to colour: shown as a marker at its start
            e = s
        hits[f"{fi}-{j}"] = _Hit(f"{fi}-{j}", s, e, f.severity, f.rule, e - s > WIDE)
    pages = []
    for p, off in enumerate(doc.source.page_starts, 1):
        off = min(max(off, 0), len(text))
        while off < len(text) and _is_mark(text[off]):
            off += 1
        pages.append((off, p))
    return hits, pages


def _seg_class(cover: Iterable[_Hit]) -> str:
    cover = list(cover)
    worst = max(cover, key=lambda h: RANK.get(h.severity, 0)).severity
    cls = f"seg s-{worst}"
    if all(h.wide for h in cover):
        cls += " light"
    elif len(cover) > 1:
        cls += " multi"
    return cls


def _open_mark(cover: list[_Hit], anchors: list[_Hit], extra: str = "") -> str:
    keys = " ".join(h.key for h in cover)
    title = "; ".join(dict.fromkeys(h.rule for h in cover))
    ident = f' id="h-{anchors[0].key}"' if anchors else ""
    inner = "".join(f'<mark class="anc" id="h-{h.key}">' for h in anchors[1:])
    return f'<mark class="{_seg_class(cover)}{extra}"{ident} data-c="{keys}" title="{_e(title)}">{inner}'


def _source_html(text: str, hits: Iterable[_Hit], pages: list[tuple[int, int]], fi: int) -> str:
    """The text, escaped, with a ``<mark>`` per segment between span boundaries."""
    n = len(text)
    starts: dict[int, list[_Hit]] = defaultdict(list)
    ends: dict[int, list[_Hit]] = defaultdict(list)
    empties: dict[int, list[_Hit]] = defaultdict(list)
    cuts = {0, n}
    for h in hits:
        (starts if h.end > h.start else empties)[h.start].append(h)
        if h.end > h.start:
            ends[h.end].append(h)
        cuts.update((h.start, h.end))
    page_at = dict(pages)
    cuts.update(page_at)
    order = sorted(cuts)
    active: dict[str, _Hit] = {}
    out: list[str] = []
    for i, pos in enumerate(order):
        for h in ends.get(pos, ()):
            del active[h.key]
        if pos in page_at:
            p = page_at[pos]
            out.append(f'<span class="page" id="pg-{fi}-{p}" data-page="{p}"></span>')
        for h in empties.get(pos, ()):
            out.append(_open_mark([h], [h], " empty") + "</mark>")
        first = starts.get(pos, [])
        for h in first:
            active[h.key] = h
        if i + 1 == len(order):
            break
        chunk = _e(text[pos:order[i + 1]])
        if active:
            out.append(_open_mark(list(active.values()), first) + chunk + "</mark>" * max(len(first), 1))
        else:
            out.append(chunk)
    return "".join(out)


# ---------------------------------------------------------------- summary

def _budget_html(b: Budget) -> str:
    if b.no_budget:
        head = _t("no_budget")
    elif b.amount is None:
        head = _t("report_not_stated")
    else:
        head = f"{_money(b.amount)} {_e(b.currency)}"
    rows = [f"<p><b>{_t('report_budget')}:</b> {head}"
            + (f' <span class="muted">({_e(b.text)})</span>' if b.text else "") + "</p>"]
    if b.spent is not None:
        rows.append(f"<p><b>{_t('report_spent')}:</b> {_money(b.spent)}</p>")
    if b.items:
        rows.append(f'<table class="num"><tr><th>{_t("report_item")}</th><th>{_t("report_amount")}</th></tr>'
                    + "".join(f"<tr><td>{_e(x.label)}</td><td>{_money(x.amount)}</td></tr>" for x in b.items)
                    + "</table>")
    if b.sources:
        rows.append(f'<table class="num"><tr><th>{_t("report_fund")}</th><th>{_t("report_amount")}</th></tr>'
                    + "".join(f"<tr><td>{_e(x.source)}</td><td>{_money(x.amount)}</td></tr>" for x in b.sources)
                    + "</table>")
    if b.by_year:
        rows.append(f"<p><b>{_t('report_by_year')}:</b> " + ", ".join(f"{y}: {_money(v)}" for y, v in sorted(b.by_year.items()))
                    + "</p>")
    if len({x.amount for x in b.stated}) > 1:
        rows.append(f"<p><b>{_t('report_stated')}:</b> " + ", ".join(f"{_e(x.place)} {_money(x.amount)}" for x in b.stated) + "</p>")
    return "".join(rows)


def _list(items: list[str], empty: str) -> str:
    if not items:
        return f'<p class="muted">{empty}</p>'
    return "<ol>" + "".join(f"<li>{x}</li>" for x in items) + "</ol>"


def _project_details(p: Project, fi: int, pi: int) -> str:
    with_t = [f"{_e(i.text)} <span class=\"target\">\u2192 {_e(i.target.text)}</span>"
              for i in p.indicators if i.target is not None]
    without = [_e(i.text) for i in p.indicators if i.target is None]
    period = _e(p.period.text) if p.period else f'<span class="muted">{_t("report_none")}</span>'
    resp = p.responsible
    who = ", ".join(_e(x) for x in [resp.unit, *resp.persons] if x) or f'<span class="muted">{_t("report_none")}</span>'
    return (f'<details class="project" id="proj-{fi}-{pi}" lang="th"><summary>{_e(p.number or "")} {_e(p.name)}'
            f'</summary><div class="pbody">{_budget_html(p.budget)}'
            f"<h5>{_t('report_objectives')} ({len(p.objectives)})</h5>"
            f"{_list([_e(o.text) for o in p.objectives], _t('report_none'))}"
            f"<h5>{_t('report_with_target')} ({len(with_t)})</h5>{_list(with_t, _t('report_none'))}"
            f"<h5>{_t('report_without_target')} ({len(without)})</h5>{_list(without, _t('report_none'))}"
            f"<p><b>{_t('report_period')}:</b> {period}</p><p><b>{_t('report_responsible')}:</b> {who}</p>"
            "</div></details>")


def _projects_html(doc: Document, findings: list[Finding], fi: int, group_of: dict[str | None, str],
                   hits: dict[str, _Hit]) -> str:
    if not doc.projects:
        return f'<p class="muted">{_t("report_no_project")}</p>'
    by_project: dict[str | None, list[Finding]] = defaultdict(list)
    located = set()
    for j, f in enumerate(findings):
        by_project[f.project_id].append(f)
        if f"{fi}-{j}" in hits:
            located.add(f.project_id)
    rows = []
    for pi, p in enumerate(doc.projects):
        b = p.budget
        budget = _t("no_budget") if b.no_budget else _money(b.amount)
        if b.items:
            budget += f' <span class="muted">({len(b.items)} item{"" if len(b.items) == 1 else "s"})</span>'
        with_t = sum(1 for i in p.indicators if i.target is not None)
        mine = by_project.get(p.id, [])
        group = group_of[p.id] if p.id in located else "none"  # only unplaced findings: the no-location group
        link = f' <a href="#g-{fi}-{group}">findings</a>' if mine else ""
        rows.append(f'<tr><td>{_e(p.number or "")}</td><td lang="th"><a href="#proj-{fi}-{pi}">{_e(p.name)}</a></td>'
                    f'<td class="n">{budget}</td><td class="n">{len(p.objectives)}</td>'
                    f'<td class="n">{with_t} / {len(p.indicators) - with_t}</td>'
                    f'<td lang="th">{_e(p.period.text) if p.period else _muted(_t("report_none"))}</td>'
                    f"<td>{_count_badges(counts(mine), zeros=False)}{link}</td></tr>")
    heads = "".join(f"<th>{_t(k)}</th>" for k in ("report_number", "report_project", "report_budget",
                                                   "report_objectives"))
    return (f'<table class="projects"><thead><tr>{heads}'
            f'<th>{_t("report_indicators")}<br><small>{_t("report_with_without")}</small></th>'
            f'<th>{_t("report_period")}</th><th>{_t("report_findings")}</th></tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table>'
            f'<details class="alldetails"><summary>{_t("report_details")} ({len(doc.projects)})</summary>'
            + "".join(_project_details(p, fi, pi) for pi, p in enumerate(doc.projects)) + "</details>")


# ---------------------------------------------------------------- findings

def _finding_li(f: Finding, key: str, group: str, hit: _Hit | None, lang: str, where: str,
                label: str = "") -> str:
    head = (f'<span class="badge b-{_e(f.severity)}">{_e(f.severity)}</span> <code>{_e(f.rule)}</code> '
            f'<span class="loc">{_e(where) if where else _t("report_no_location")}</span>{label}')
    body = f'{head}<span class="msg">{_message(f, lang)}</span>'
    attrs = (f'id="f-{key}" class="finding sev-{_e(f.severity)}" data-k="{key}" data-sev="{_e(f.severity)}" '
             f'data-p="{group}" data-loc="{1 if hit else 0}" data-wide="{1 if hit and hit.wide else 0}"')
    if hit is None:
        return f"<li {attrs}><div class=\"item\">{body}</div></li>"
    return f'<li {attrs}><a class="goto item" href="#h-{key}" data-k="{key}">{body}</a></li>'


def _findings_html(findings: list[Finding], fi: int, hits: dict[str, _Hit],
                   group_of: dict[str | None, str], labels: dict[str, str], lang: str, locate: Locator) -> str:
    located: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    nowhere: list[str] = []
    for j, f in enumerate(findings):
        key, g = f"{fi}-{j}", group_of[f.project_id]
        hit = hits.get(key)
        if hit is None:
            nowhere.append(_finding_li(f, key, g, None, lang, locate(f.span),
                                       f' <span class="proj" lang="th">{labels[g]}</span>'))
        else:
            located[g][f.severity].append(_finding_li(f, key, g, hit, lang, locate(f.span)))
    c = counts(findings)
    sev_boxes = "".join(f'<label><input type="checkbox" class="sev" value="{s}" checked> '
                        f'<span class="badge b-{s}">{s}</span> {c[s]}</label>' for s in SEVERITIES)
    used = {group_of[f.project_id] for f in findings}
    present = [g for g in dict.fromkeys(group_of.values()) if g in used]
    options = "".join(f'<option value="{g}">{labels[g]}</option>' for g in present)
    out = [f'<div class="filters">{sev_boxes}<label>{_t("report_project")} <select class="proj">'
           f'<option value="">{_t("report_all_projects")}</option>{options}</select></label>'
           f'<span class="shown">{len(findings)} of {len(findings)} shown</span></div>']
    if not findings:
        out.append('<p class="muted">No findings.</p>')
    for g in (g for g in present if g in located):
        parts = [f'<section class="group" id="g-{fi}-{g}" data-p="{g}"><h4 lang="th">{labels[g]}</h4>']
        for s in sorted(located[g], key=lambda s: -RANK.get(s, 0)):
            items = located[g][s]
            parts.append(f'<div class="sevgroup"><h5><span class="badge b-{_e(s)}">{_e(s)}</span> {len(items)}</h5>'
                         f'<ol>{"".join(items)}</ol></div>')
        out.append("".join(parts) + "</section>")
    if nowhere:
        out.append(f'<section class="group nowhere" id="g-{fi}-none"><h4>{_t("report_no_location")}</h4>'
                   f'<div class="sevgroup"><ol>{"".join(nowhere)}</ol></div></section>')
    return "".join(out)


# ---------------------------------------------------------------- page

def _file_html(r: FileResult, fi: int, lang: str) -> str:
    doc = r.doc
    assert doc is not None
    findings = list(r.findings)
    group_of: dict[str | None, str] = {None: "d"}
    labels = {"d": "Whole document"}
    for pi, p in enumerate(doc.projects):
        group_of.setdefault(p.id, f"p{pi}")
        labels[f"p{pi}"] = _e(f"{p.number or ''} {p.name}".strip())
    for f in findings:
        if f.project_id not in group_of:
            g = f"u{len(group_of)}"
            group_of[f.project_id], labels[g] = g, _e(f"project {f.project_id}")
    hits, pages = _placed(doc, findings, fi)
    info, src = doc.info, doc.source
    meta = [x for x in (info.title, info.organization) if x]
    facts = [f"type {info.document_type}", f"format {src.format}", f"{len(src.text):,} characters"]
    if info.fiscal_year:
        facts.insert(0, f"FY {info.fiscal_year}")
    if src.pages:
        facts.append(f"{src.pages} pages")
    dot = " \u00b7 "
    return (f'<section class="file" id="file-{fi}" data-file="{fi}">'
            f'<h2>{_e(r.path)}</h2><p class="meta"><span lang="th">{dot.join(_e(x) for x in meta)}</span>'
            f'{dot if meta else ""}{_e(dot.join(facts))} {_count_badges(r.counts)}</p>'
            f'<details class="summary" open><summary>{_t("report_projects")} ({len(doc.projects)})</summary>'
            f'{_projects_html(doc, findings, fi, group_of, hits)}</details>'
            f'<div class="work"><aside class="findings"><h3>{_t("report_findings")}</h3>'
            f'{_findings_html(findings, fi, hits, group_of, labels, lang, Locator(doc))}</aside>'
            f'<div class="source"><h3>{_t("report_source_text")}</h3><div class="src" lang="th">'
            f'{_source_html(src.text, hits.values(), pages, fi)}</div></div></div></section>')


def render_html(results: list[FileResult], lang: str = "both", rules: RuleSet | None = None) -> str:
    """The whole report as one HTML page (UTF-8 text; write it with ``encoding="utf-8"``).

    ``lang``: the findings' messages in Thai then English ("both"), or one of them
    ("th", "en"; English falls back to Thai where a rule has no English wording).
    Files that could not be read (``error``) are listed with their error.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown lang {lang!r} (choose {', '.join(LANGS)})")
    token = _LABELS.set(_labels(lang, rules))
    try:
        return _page(results, lang)
    finally:
        _LABELS.reset(token)


def _page(results: list[FileResult], lang: str) -> str:
    total = counts([f for r in results for f in r.findings])
    index, sections = [], []
    for fi, r in enumerate(results):
        if r.error is not None or r.doc is None:
            error = r.error if r.error is not None else "no document"
            index.append(f'<li class="unreadable"><b>{_e(r.path)}</b>: not read \u2013 {_e(error)}</li>')
            continue
        index.append(f'<li><a href="#file-{fi}">{_e(r.path)}</a> {_count_badges(r.counts)}</li>')
        sections.append(_file_html(r, fi, lang))
    unreadable = sum(1 for r in results if r.error is not None or r.doc is None)
    head = (f"{len(results)} file{'' if len(results) == 1 else 's'}"
            + (f", {unreadable} unreadable" if unreadable else ""))
    return (f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "th"}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
            f"<title>thaiplan check: {_e(head)}</title><style>{CSS}</style></head>"
            f'<body data-lang="{lang}"><header><h1>thaiplan check</h1><p>{_e(head)} {_count_badges(total)}</p>'
            f'<ul class="index">{"".join(index)}</ul></header>{"".join(sections)}'
            f"<script>{JS}</script></body></html>\n")


CSS = """
:root{--err:#b3261e;--err-bg:#ffcdd2;--warn:#8a6100;--warn-bg:#ffe082;--info:#0b57d0;--info-bg:#cfe2ff;
--line:#d9d9d9;--muted:#5f6368;
--thai:"Sarabun","TH Sarabun New","Noto Sans Thai","Noto Sans Thai UI","Leelawadee UI","Leelawadee","Tahoma",
"Laksaman","Garuda","Loma",sans-serif}
*{box-sizing:border-box}
html{font-family:var(--thai);font-size:16px;line-height:1.7;color:#1f1f1f;background:#f6f6f4}
body{margin:0;padding:0 1.25rem 2rem}
h1{font-size:1.5rem;margin:.75rem 0 .25rem}h2{font-size:1.25rem;margin:0;overflow-wrap:anywhere}
h3{font-size:1.05rem;margin:0 0 .5rem}h4{font-size:1rem;margin:.75rem 0 .25rem}h5{font-size:.95rem;margin:.5rem 0 .2rem}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.82em}
.muted,.loc{color:var(--muted)}
.index{margin:.25rem 0 1rem;padding-left:1.25rem}.index .unreadable{color:var(--err)}
.file{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem;margin:1rem 0}
.meta{margin:.25rem 0 .5rem}
.badge{display:inline-block;border-radius:3px;padding:0 .4em;font-size:.8em;line-height:1.6;font-weight:600;
color:#fff;white-space:nowrap}
.b-error{background:var(--err)}.b-warning{background:var(--warn)}.b-info{background:var(--info)}
.badge.zero{background:#e3e3e3;color:var(--muted)}
details>summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse;margin:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.15rem .5rem;text-align:left;vertical-align:top}
table.projects{width:100%;font-size:.92rem;line-height:1.55}
td.n,table.num td+td{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.project{margin:.25rem 0 .25rem 1rem}.project summary{font-weight:400}
.pbody{padding:.25rem 1rem;border-left:3px solid var(--line)}
.pbody ol{margin:.1rem 0;padding-left:1.5rem}.pbody p{margin:.25rem 0}.target{color:#1b5e20}
.work{display:grid;grid-template-columns:minmax(18rem,2fr) 3fr;gap:1rem;margin-top:.75rem;align-items:start}
@media (max-width:900px){.work{grid-template-columns:1fr}}
.findings{position:sticky;top:0;max-height:100vh;overflow:auto;padding-right:.25rem}
.filters{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center;padding:.4rem .5rem;
background:#f1f3f4;border-radius:4px;position:sticky;top:0;z-index:1}
.filters select{max-width:16rem;font:inherit;font-size:.9rem}.shown{color:var(--muted);font-size:.9rem}
.findings ol{list-style:none;margin:0;padding:0}
li.finding{margin:.3rem 0;border-left:4px solid var(--line);background:#fafafa;border-radius:0 4px 4px 0}
li.sev-error{border-left-color:var(--err)}li.sev-warning{border-left-color:var(--warn)}
li.sev-info{border-left-color:var(--info)}
li.finding .item{display:block;padding:.3rem .55rem;color:inherit;text-decoration:none;overflow-wrap:anywhere}
a.goto:hover,li.current{background:#eef3fd}
.msg{display:block}.msg .en{display:block;color:var(--muted);font-size:.92em;line-height:1.5}
.proj{color:var(--muted)}
.src{white-space:pre-wrap;overflow-wrap:anywhere;tab-size:4;max-height:100vh;overflow:auto;
border:1px solid var(--line);border-radius:4px;padding:.75rem 1rem;background:#fffefb;font-size:1.05rem}
.page{display:block;border-top:1px dashed #bbb;margin:.5rem 0 .25rem;color:var(--muted);font-size:.8rem;
line-height:1.4;user-select:none}
.page::before{content:"page " attr(data-page)}
mark{color:inherit;background:none;padding:0}
mark.seg{border-radius:2px;cursor:pointer}
mark.s-error{background:var(--err-bg);box-shadow:0 2px 0 var(--err)}
mark.s-warning{background:var(--warn-bg)}mark.s-info{background:var(--info-bg)}
mark.light.s-error{background:#ffe3e6;box-shadow:none}mark.light.s-warning{background:#fff0c0}
mark.light.s-info{background:#e2edff}
mark.multi.s-error{background:#ef9a9a}mark.multi.s-warning{background:#ffca28}mark.multi.s-info{background:#a8c7fa}
mark.empty::before{content:"\\25C2";font-weight:700}
mark.seg.off{background:none;box-shadow:none;cursor:auto}
mark.anc{background:none;padding:0}
@keyframes flash{0%,55%{background:#ff9100;outline:3px solid #ff6d00}100%{outline:3px solid transparent}}
mark.flash{animation:flash 1.8s ease-out}
[hidden]{display:none!important}
"""

JS = r"""
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message)); });
  var RANK = {error: 3, warning: 2, info: 1};
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }

  function File(sec) {
    var items = all(sec, "li.finding"), marks = all(sec, "mark.seg"), info = {}, on = {};
    items.forEach(function (li) { info[li.dataset.k] = li.dataset; on[li.dataset.k] = true; });
    var sevBoxes = all(sec, "input.sev"), proj = sec.querySelector("select.proj");

    // Show what the filters let through, in the list and in the text.
    function apply() {
      var sev = {}, p = proj ? proj.value : "", shown = 0;
      sevBoxes.forEach(function (c) { sev[c.value] = c.checked; });
      items.forEach(function (li) {
        var v = sev[li.dataset.sev] !== false && (p === "" || p === li.dataset.p);
        li.hidden = !v; on[li.dataset.k] = v; if (v) shown++;
      });
      all(sec, ".sevgroup, .group").forEach(function (g) {
        g.hidden = !g.querySelector("li.finding:not([hidden])");
      });
      marks.forEach(function (m) {
        var worst = "", n = 0, wide = true;
        m.dataset.c.split(" ").forEach(function (k) {
          if (!on[k]) return;
          n++; if (info[k].wide !== "1") wide = false;
          if (!worst || RANK[info[k].sev] > RANK[worst]) worst = info[k].sev;
        });
        ["error", "warning", "info"].forEach(function (s) { m.classList.toggle("s-" + s, s === worst); });
        m.classList.toggle("off", n === 0);
        m.classList.toggle("light", n > 0 && wide);
        m.classList.toggle("multi", n > 1 && !wide);
      });
      var out = sec.querySelector(".shown");
      if (out) out.textContent = shown + " of " + items.length + " shown";
    }

    function flash(k) {
      all(sec, 'mark.seg[data-c~="' + k + '"]').forEach(function (m) {
        m.classList.remove("flash"); void m.offsetWidth; m.classList.add("flash");
      });
    }
    function current(li) {
      all(sec, "li.current").forEach(function (x) { x.classList.remove("current"); });
      if (li) li.classList.add("current");
    }
    function go(k) {
      var h = document.getElementById("h-" + k);
      if (!h) return;
      // A span taller than half the text box (a whole project) is shown from its first line.
      var box = h.closest(".src"), tall = box && h.getBoundingClientRect().height > box.clientHeight / 2;
      h.scrollIntoView({block: tall ? "start" : "center"});
      if (tall) box.scrollTop -= 48;
      flash(k); current(document.getElementById("f-" + k));
    }

    sec.addEventListener("change", apply);
    sec.addEventListener("click", function (ev) {
      var a = ev.target.closest("a.goto");
      if (a) { ev.preventDefault(); go(a.dataset.k); return; }
      var d = ev.target.closest('a[href^="#proj-"]');
      if (d) { var t = document.getElementById(d.getAttribute("href").slice(1)); if (t) t.open = true; return; }
      var m = ev.target.closest("mark.seg");
      if (m && !m.classList.contains("off")) {
        var k = m.dataset.c.split(" ").filter(function (x) { return on[x]; }).pop();
        var li = document.getElementById("f-" + k);
        if (li) { li.scrollIntoView({block: "nearest"}); current(li); flash(k); }
      }
    });
    apply();
    return {sec: sec, items: items, marks: marks, apply: apply, sevBoxes: sevBoxes, proj: proj, on: on};
  }

  var files = all(document, "section.file").map(File);

  // #selftest: used by tests/test_check_html.py through headless Chromium.
  function painted(el) {
    var c = getComputedStyle(el).backgroundColor;
    return c !== "transparent" && !/^rgba\(.*,\s*0\)$/.test(c);
  }
  function box(el) {
    var rs = el.getClientRects();
    for (var i = 0; i < rs.length; i++) if (rs[i].width > 0 && rs[i].height > 0) return rs[i];
    return null;
  }
  function selftest() {
    var fails = [], total = 0, good = 0;
    files.forEach(function (f) {
      f.items.forEach(function (li) {
        if (li.dataset.loc !== "1") return;
        total++;
        var k = li.dataset.k, h = document.getElementById("h-" + k), seg = h && h.closest("mark.seg"), r;
        if (!h || !seg) return fails.push(k + " no mark");
        if (!box(h)) return fails.push(k + " empty box");
        if (!painted(seg)) return fails.push(k + " not coloured");
        li.querySelector("a.goto").click();
        r = box(h);
        var hit = r && document.elementFromPoint(r.left + Math.min(r.width / 2, 4), r.top + r.height / 2);
        if (!hit || !seg.contains(hit)) return fails.push(k + " not scrolled into view");
        if (!seg.classList.contains("flash")) return fails.push(k + " no flash");
        good++;
      });
      // Filters: hiding a severity hides its findings and uncolours text only they cover.
      f.sevBoxes.forEach(function (c) {
        c.checked = false; f.apply();
        f.items.forEach(function (li) {
          if ((li.dataset.sev === c.value) !== li.hidden) fails.push(li.dataset.k + " filter " + c.value);
        });
        f.marks.forEach(function (m) {
          var only = m.dataset.c.split(" ").every(function (k) { return !f.on[k]; });
          if (only !== m.classList.contains("off")) fails.push("mark " + m.dataset.c + " filter " + c.value);
        });
        c.checked = true; f.apply();
      });
      if (f.proj && f.proj.options.length > 1) {
        f.proj.selectedIndex = 1; f.apply();
        f.items.forEach(function (li) {
          if ((li.dataset.p === f.proj.value) === li.hidden) fails.push(li.dataset.k + " project filter");
        });
        f.proj.selectedIndex = 0; f.apply();
      }
    });
    window.scrollTo(0, 0);
    var b = document.body;
    b.setAttribute("data-selftest", (fails.length ? "fail " : "ok ") + good + "/" + total
      + (fails.length ? ": " + fails.slice(0, 20).join("; ") : ""));
    b.setAttribute("data-errors", errors.join(" | "));
  }
  if (location.hash === "#selftest") selftest();
  else if (!location.hash) {
    // Open each text box at its first highlight (the window itself does not move).
    all(document, ".src").forEach(function (box) {
      var m = box.querySelector("mark.seg:not(.off):not(.light)") || box.querySelector("mark.seg:not(.off)");
      if (m) box.scrollTop += m.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 4;
    });
  }
})();
"""
