"""Run the checkers over a document, grade what they find and word it."""

from __future__ import annotations

from typing import Any

import os
from collections import Counter
from dataclasses import dataclass, field

from ..model import Document, Finding
from ..ruleset import RuleSet, default_rules
from .config import CheckConfig
from .context import Context
from .registry import OFF, SEVERITIES, catalog_of, iter_checkers


def _order(f: Finding) -> tuple:
    s = f.span
    return (0, s.start, s.end) if s is not None else (1, 0, 0), f.rule, f.project_id or "", f.message


def run_checks(doc: Document, config: CheckConfig | None = None, shown: str | None = None,
               rules: RuleSet | None = None) -> list[Finding]:
    """Findings for ``doc``, graded by ``config``, worded by ``rules`` (rules/checks.toml),
    ordered by position in the text (findings about the whole document last).

    ``shown`` is the file name the configuration's ``files`` globs are matched
    against (default: the document's source path).  Raises RulesError when the
    check wording of ``rules`` is unusable.
    """
    rules = rules if rules is not None else default_rules()
    catalog = catalog_of(rules)
    config = config or CheckConfig()
    path = shown if shown is not None else doc.source.path
    dtype = doc.info.document_type or "unknown"
    active = config.possibly_on(dtype, path, catalog)
    ctx = Context(doc, rules, catalog, active)
    out: dict[tuple, Finding] = {}
    for ch in iter_checkers():
        if not active.intersection(ch.rules):
            continue
        for hit in ch.fn(ctx):
            if hit.rule not in active:
                continue
            level = config.level(hit.rule, dtype, path, ctx.project(hit.project_id), catalog)
            if level == OFF:
                continue
            message, message_en = catalog.render(hit)
            f = Finding(hit.rule, level, hit.project_id, message, hit.span, message_en)
            key = (f.rule, f.span.start if f.span else None, f.span.end if f.span else None, f.message)
            out.setdefault(key, f)
    return sorted(out.values(), key=_order)


def counts(findings: list[Finding]) -> dict[str, int]:
    c = Counter(f.severity for f in findings)
    return {s: c.get(s, 0) for s in SEVERITIES}


@dataclass
class FileResult:
    """One input of ``thaiplan check``: the document and its findings, or why it could not be read."""

    path: str
    doc: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None

    @property
    def counts(self) -> dict[str, int]:
        return counts(self.findings)


def check_file(path: str | os.PathLike[str], config: CheckConfig | None = None,
               rules: RuleSet | None = None, ocr: Any = None) -> FileResult:
    """Extract and check one file (``ocr``: an OcrOptions, when to OCR; see pipeline.extract).
    Raises InputError for unreadable input."""
    from ..pipeline import extract

    rules = rules if rules is not None else default_rules()
    shown = os.fspath(path)
    doc = extract(shown, rules=rules, ocr=ocr)
    return FileResult(shown, doc, run_checks(doc, config, shown, rules))
