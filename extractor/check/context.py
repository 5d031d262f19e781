"""What a checker sees: the finished Document, the rules, and the check catalog.

Checkers read only the Document (its projects, listings, notes and the spans
into its source text) and the rule data; they never re-read the source text
to find things the extraction did not give.
"""

from __future__ import annotations

from typing import Any

from ..model import Document, Project, Span
from ..ruleset import RuleSet
from .registry import Catalog, Say


class Context:
    def __init__(self, doc: Document, rules: RuleSet, catalog: Catalog, active: set[str] | None = None):
        self.doc = doc
        self.text = doc.source.text
        self.rules = rules
        self.catalog = catalog
        self.document_type = doc.info.document_type or "unknown"
        self.active = active  # rules that may report (None: all)
        self._memo: dict[str, Any] = {}
        self._projects = {p.id: p for p in doc.projects}

    def memo(self, key: str, compute):
        """A value computed once per document and shared by checkers."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def on(self, rule_id: str) -> bool:
        """Whether ``rule_id`` can report for this document (checkers skip work for rules that are off)."""
        return self.active is None or rule_id in self.active

    @property
    def projects(self) -> list[Project]:
        return self.doc.projects

    def project(self, pid: str | None) -> Project | None:
        return self._projects.get(pid) if pid else None

    def span(self, start: int, end: int) -> Span:
        return self.doc.source.span(start, end)

    def printed(self, span: Span | None) -> str:
        """The source text a Document span points at."""
        return self.text[span.start:span.end] if span is not None else ""

    # -- rule data
    def words(self, key: str) -> tuple[str, ...]:
        """A ``[words]`` list of checks.toml, folded, longest first."""
        return self.memo("words:" + key, lambda: self.catalog.folded(key))

    def rule_words(self, section: str, key: str) -> tuple[str, ...]:
        """A word list of another rules file, folded, longest first."""
        return self.memo(f"rw:{section}:{key}", lambda: tuple(w for w, _ in self.rules.words_of(section, key)))

    def word(self, key: str) -> Any:
        """A raw ``[words]`` value (dotted key)."""
        value: Any = self.catalog.words
        for part in key.split("."):
            value = value[part]
        return value

    def setting(self, key: str) -> Any:
        return self.catalog.settings[key]

    def term(self, key: str, **fields: Any) -> Say:
        return self.catalog.term(key, **fields)

    def amount(self, value: float | int | None) -> Say:
        """An amount in a message: "12,500 บาท" / "12,500"."""
        return self.term("amount", value=baht(value))

    def month(self, ym: str | None) -> Say | str:
        """A CE "YYYY-MM" in a message: Thai month and Buddhist year / the CE month."""
        if not ym:
            return "?"
        year, month = int(ym[:4]), int(ym[5:7])
        names = self.word("month_names")
        return self.term("month", name=names[month - 1], year_be=year + 543, year_ce=year, month=month)


def baht(value: float | int | None) -> str:
    """An amount as printed in findings: 12,500 or 43,135.20."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def short(text: str, limit: int = 60) -> str:
    s = " ".join(text.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def where(p: Project) -> str:
    """The project's number as shown in messages: "[2.1] " or ""."""
    return f"[{p.number}] " if p.number else ""
