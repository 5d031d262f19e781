"""Run the checkers over a document and grade what they find."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

from ..model import Document, Finding
from .config import CheckConfig
from .context import Context
from .registry import OFF, SEVERITIES, iter_checkers, load_all


def _order(f: Finding) -> tuple:
    s = f.span
    return (0, s.start, s.end) if s is not None else (1, 0, 0), f.rule, f.project_id or "", f.message


def run_checks(doc: Document, config: CheckConfig | None = None, path: str | None = None) -> list[Finding]:
    """Findings for ``doc``, graded by ``config``, ordered by position in the text.

    ``path`` is the file name the configuration's ``files`` globs are matched
    against (default: the document's source path).
    """
    load_all()
    config = config or CheckConfig()
    path = path if path is not None else doc.source.path
    dtype = doc.info.document_type or "unknown"
    active = config.possibly_on(dtype, path)
    ctx = Context(doc, active)
    out: dict[tuple, Finding] = {}
    for ch in iter_checkers():
        if not active.intersection(ch.rules):
            continue
        for hit in ch.fn(ctx):
            if hit.rule not in active:
                continue
            level = config.level(hit.rule, dtype, path, ctx.project(hit.project_id))
            if level == OFF:
                continue
            f = Finding(hit.rule, level, hit.project_id, hit.message, hit.span, hit.message_en)
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


def check_file(path: str | os.PathLike[str], config: CheckConfig | None = None) -> FileResult:
    """Extract and check one file. Raises InputError for unreadable input."""
    from ..pipeline import extract

    shown = os.fspath(path)
    doc = extract(shown)
    return FileResult(shown, doc, run_checks(doc, config, shown))
