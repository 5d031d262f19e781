"""The rule registry: which rules exist (code), and what is said about them (rules).

A *checker* is a function that looks at a document and yields :class:`Hit`
objects for one or more rules; rule modules register checkers at import time
with :func:`checker`, which is also what makes a rule id exist.

Everything *said* about a rule — its family, default severity, defaults per
document type, one-line summaries and the Thai and English message templates
of its findings — is rule data: ``[rule.<id>]`` tables of ``rules/checks.toml``,
read from the :class:`~extractor.ruleset.RuleSet` into a :class:`Catalog`.  A
hit names a message *variant* and the template's *fields*; the runner renders
both languages from the catalog.  A field value that differs by language (a
month, "ไม่ใช้งบประมาณ" / "no budget") is a :class:`Say`.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, Mapping

from ..model import Span
from ..ruleset import RuleSet, RulesError, default_rules

SEVERITIES = ("error", "warning", "info")
OFF = "off"
LEVELS = SEVERITIES + (OFF,)
DOCUMENT_TYPES = ("plan", "budget_plan", "annual_report", "progress_report", "monitoring_form", "unknown")
LANGUAGES = ("th", "en")


@dataclass(frozen=True)
class Say:
    """A text in both languages: a message template, or a field value that differs by language."""

    th: str
    en: str

    def get(self, lang: str) -> str:
        return self.th if lang == "th" else self.en


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    severity: str  # default: error | warning | info
    summary_th: str
    summary_en: str
    # Document types where the default differs: type → severity or "off".
    by_type: Mapping[str, str] = field(default_factory=dict)
    messages: Mapping[str, Say] = field(default_factory=dict)
    needs: str | None = None  # what the extracted Document lacks for this rule to report

    def default_for(self, document_type: str) -> str:
        return self.by_type.get(document_type, self.severity)


@dataclass
class Hit:
    """One problem a checker found, before the configuration grades it and the catalog words it."""

    rule: str
    project_id: str | None
    span: Span | None
    variant: str = "default"
    fields: Mapping[str, Any] = field(default_factory=dict)


CheckerFn = Callable[[Any], Iterable[Hit]]


@dataclass(frozen=True)
class Checker:
    fn: CheckerFn
    rules: tuple[str, ...]


RULE_IDS: list[str] = []  # every rule a checker reports, in registration order
CHECKERS: list[Checker] = []


def checker(*rule_ids: str) -> Callable[[CheckerFn], CheckerFn]:
    """Register ``fn(ctx) -> Iterable[Hit]`` as the checker of ``rule_ids``."""
    twice = [r for r in rule_ids if r in RULE_IDS]
    if twice:
        raise ValueError(f"rules checked by two checkers: {twice}")

    def wrap(fn: CheckerFn) -> CheckerFn:
        RULE_IDS.extend(rule_ids)
        CHECKERS.append(Checker(fn, tuple(rule_ids)))
        return fn

    return wrap


def iter_checkers() -> Iterator[Checker]:
    load_all()
    return iter(CHECKERS)


_LOADED = False


def load_all() -> None:
    """Import the rule modules once (they register their checkers)."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    from . import budget, words, consistency, indicators, completeness, period, naming  # noqa: F401


# ---------------------------------------------------------------- the catalog (rules/checks.toml)

@dataclass(frozen=True)
class Catalog:
    """The rule data of the checks, read from one RuleSet."""

    rules: Mapping[str, Rule]  # in the documented (checks.toml) order
    families: Mapping[str, tuple[str, ...]]
    terms: Mapping[str, Say]
    words: Mapping[str, Any]
    settings: Mapping[str, Any]
    ruleset: RuleSet
    source: str  # the checks.toml the wording came from, for error messages

    def rule(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def folded(self, key: str) -> tuple[str, ...]:
        """A ``[words]`` list (dotted key) folded, longest first."""
        return tuple(w for w, _ in self.ruleset.words_of("checks", "words." + key))

    def term(self, key: str, **fields: Any) -> Say:
        """``[terms.<key>]`` with its fields filled in, in both languages."""
        t = self.terms.get(key)
        if t is None:
            raise RulesError(self.source, f"terms.{key}", "missing (the checks use it)")
        return Say(*(self._format(t.get(lang), fields, f"terms.{key}.{lang}") for lang in LANGUAGES))

    def render(self, hit: Hit) -> tuple[str, str]:
        """(Thai, English) message of a hit."""
        rule = self.rules[hit.rule]
        tmpl = rule.messages.get(hit.variant)
        if tmpl is None:
            raise RulesError(self.source, f"rule.{hit.rule}.message.{hit.variant}",
                             "missing (the checker reports this variant)")
        out = []
        for lang in LANGUAGES:
            values = {k: (v.get(lang) if isinstance(v, Say) else v) for k, v in hit.fields.items()}
            out.append(self._format(tmpl.get(lang), values, f"rule.{hit.rule}.message.{hit.variant}.{lang}"))
        return out[0], out[1]

    def _format(self, template: str, values: Mapping[str, Any], key: str) -> str:
        try:
            return template.format_map(values)
        except KeyError as err:
            known = ", ".join("{" + k + "}" for k in values) or "none"
            raise RulesError(self.source, key, f"unknown field {{{err.args[0]}}} (this message has: {known})") from None
        except (ValueError, IndexError) as err:
            raise RulesError(self.source, key, f"not a valid template: {err}") from None


def catalog_of(rules: RuleSet | None = None) -> Catalog:
    """The check catalog of ``rules`` (default: the shipped rules), read once per RuleSet."""
    load_all()
    return _catalog(rules if rules is not None else default_rules())


def all_rules(rules: RuleSet | None = None) -> list[Rule]:
    """Every rule, in the documented order (that of rules/checks.toml)."""
    return list(catalog_of(rules).rules.values())


def _checks_path(rules: RuleSet) -> str:
    return next((s for s in reversed(rules.sources) if s.endswith("checks.toml")), "checks.toml")


def _text(value: Any, source: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RulesError(source, key, "expected a non-empty string")
    return value


def _say(value: Any, source: str, key: str) -> Say:
    if not isinstance(value, Mapping) or set(value) != set(LANGUAGES):
        raise RulesError(source, key, "expected a table with exactly the keys th and en")
    for lang in LANGUAGES:
        _text(value[lang], source, f"{key}.{lang}")
        try:
            list(string.Formatter().parse(value[lang]))
        except ValueError as err:
            raise RulesError(source, f"{key}.{lang}", f"not a valid template: {err}") from None
    return Say(value["th"], value["en"])


_RULE_KEYS = {"family", "severity", "by_type", "summary_th", "summary_en", "message", "needs"}


def _rule(rule_id: str, entry: Any, source: str) -> Rule:
    key = f"rule.{rule_id}"
    if not isinstance(entry, Mapping):
        raise RulesError(source, key, "expected a table")
    unknown = sorted(set(entry) - _RULE_KEYS)
    if unknown:
        raise RulesError(source, f"{key}.{unknown[0]}", f"unknown key (known: {', '.join(sorted(_RULE_KEYS))})")
    for k in ("family", "severity", "summary_th", "summary_en", "message"):
        if k not in entry:
            raise RulesError(source, f"{key}.{k}", "missing")
    severity = entry["severity"]
    if severity not in SEVERITIES:
        raise RulesError(source, f"{key}.severity", f"{severity!r} is not one of {', '.join(SEVERITIES)}")
    by_type = entry.get("by_type", {})
    if not isinstance(by_type, Mapping):
        raise RulesError(source, f"{key}.by_type", "expected a table of document type = level")
    for t, level in by_type.items():
        if t not in DOCUMENT_TYPES:
            raise RulesError(source, f"{key}.by_type.{t}", f"unknown document type ({', '.join(DOCUMENT_TYPES)})")
        if level not in LEVELS:
            raise RulesError(source, f"{key}.by_type.{t}", f"{level!r} is not one of {', '.join(LEVELS)}")
    messages = entry["message"]
    if not isinstance(messages, Mapping) or not messages:
        raise RulesError(source, f"{key}.message", "expected a table of variant = {th, en}")
    needs = entry.get("needs")
    return Rule(rule_id, _text(entry["family"], source, f"{key}.family"), severity,
                _text(entry["summary_th"], source, f"{key}.summary_th"),
                _text(entry["summary_en"], source, f"{key}.summary_en"),
                dict(by_type),
                {v: _say(m, source, f"{key}.message.{v}") for v, m in messages.items()},
                _text(needs, source, f"{key}.needs") if needs is not None else None)


@lru_cache(maxsize=16)
def _catalog(rules: RuleSet) -> Catalog:
    source = _checks_path(rules)
    data = rules.data.get("checks") or {}
    table = data.get("rule") or {}
    if not isinstance(table, Mapping):
        raise RulesError(source, "rule", "expected tables [rule.<id>]")
    missing = [r for r in RULE_IDS if r not in table]
    if missing:
        raise RulesError(source, f"rule.{missing[0]}", "missing: every check rule needs its wording here")
    unknown = [r for r in table if r not in RULE_IDS]
    if unknown:
        raise RulesError(source, f"rule.{unknown[0]}", "unknown check rule (see `thaiplan check --list-rules`)")
    out = {rule_id: _rule(rule_id, entry, source) for rule_id, entry in table.items()}
    families: dict[str, list[str]] = {}
    for r in out.values():
        families.setdefault(r.family, []).append(r.id)
    clash = sorted(set(families) & set(out))
    if clash:
        raise RulesError(source, f"rule.{clash[0]}.family", "a family cannot have the name of a rule")
    terms = data.get("terms") or {}
    words = data.get("words") or {}
    settings = data.get("settings") or {}
    for name, value in (("terms", terms), ("words", words), ("settings", settings)):
        if not isinstance(value, Mapping):
            raise RulesError(source, name, "expected a table")
    return Catalog(out, {f: tuple(ids) for f, ids in families.items()},
                   {k: _say(v, source, f"terms.{k}") for k, v in terms.items()},
                   words, settings, rules, source)


__all__ = ["SEVERITIES", "OFF", "LEVELS", "DOCUMENT_TYPES", "Say", "Rule", "Hit", "Checker", "Catalog",
           "checker", "iter_checkers", "load_all", "catalog_of", "all_rules"]
