"""The rule registry: what each rule is called, how grave it is, where it applies.

A *rule* is metadata (id, default severity, per-document-type defaults, a
one-line meaning in Thai and English).  A *checker* is a function that looks
at a document and yields :class:`Hit` objects for one or more rules; the
runner (``runner.py``) grades hits into :class:`~extractor.model.Finding`
objects using the configuration.  Rule modules register both at import time
with :func:`rule` and :func:`checker`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Mapping

from ..model import Span

SEVERITIES = ("error", "warning", "info")
OFF = "off"
LEVELS = SEVERITIES + (OFF,)
DOCUMENT_TYPES = ("plan", "budget_plan", "annual_report", "progress_report", "monitoring_form", "unknown")


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    severity: str  # default: error | warning | info
    summary_th: str
    summary_en: str
    # Document types where the default differs: type → severity or "off".
    by_type: Mapping[str, str] = field(default_factory=dict)

    def default_for(self, document_type: str) -> str:
        return self.by_type.get(document_type, self.severity)


@dataclass
class Hit:
    """One problem a checker found, before the configuration grades it."""

    rule: str
    project_id: str | None
    span: Span | None
    message: str  # Thai
    message_en: str


CheckerFn = Callable[["object"], Iterable[Hit]]


@dataclass(frozen=True)
class Checker:
    fn: CheckerFn
    rules: tuple[str, ...]


RULES: dict[str, Rule] = {}
CHECKERS: list[Checker] = []
FAMILIES: dict[str, list[str]] = {}


def rule(id: str, family: str, severity: str, summary_th: str, summary_en: str,
         by_type: Mapping[str, str] | None = None) -> Rule:
    if id in RULES:
        raise ValueError(f"rule {id!r} registered twice")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {id!r}: bad severity {severity!r}")
    for t, level in (by_type or {}).items():
        if t not in DOCUMENT_TYPES or level not in LEVELS:
            raise ValueError(f"rule {id!r}: bad document-type default {t!r} = {level!r}")
    r = Rule(id, family, severity, summary_th, summary_en, dict(by_type or {}))
    RULES[id] = r
    FAMILIES.setdefault(family, []).append(id)
    return r


def checker(*rule_ids: str) -> Callable[[CheckerFn], CheckerFn]:
    """Register ``fn(ctx) -> Iterable[Hit]`` as the checker of ``rule_ids``."""
    unknown = [r for r in rule_ids if r not in RULES]
    if unknown:
        raise ValueError(f"checker for unregistered rules: {unknown}")

    def wrap(fn: CheckerFn) -> CheckerFn:
        CHECKERS.append(Checker(fn, tuple(rule_ids)))
        return fn

    return wrap


def all_rules() -> list[Rule]:
    """Every rule, in family then registration order (the documented order)."""
    load_all()
    return list(RULES.values())


def iter_checkers() -> Iterator[Checker]:
    load_all()
    return iter(CHECKERS)


_LOADED = False


def load_all() -> None:
    """Import the rule modules once (they register themselves)."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    # Import order is the documented rule order.
    from . import budget, words, consistency, indicators, completeness, period, naming  # noqa: F401
