"""The rule table of docs/check.md (rendered by ``python -m thaiplan.docgen``).

The rule table is drawn from the same rule list as ``thaiplan check --list-rules``
(:func:`~extractor.check.registry.all_rules`, i.e. rules/checks.toml in its
order), so a rule added, reworded or re-graded there shows in the docs as soon
as they are regenerated — and tests/test_docs.py fails until they are.
"""

from __future__ import annotations

from .registry import DOCUMENT_TYPES, OFF, Rule, all_rules


def type_defaults(rule: Rule) -> str:
    """A rule's defaults per document type in words ("off for monitoring_form, progress_report"),
    or "" when it has the same default for every type.  Shared with --list-rules."""
    off = sorted(t for t, level in rule.by_type.items() if level == OFF)
    other = sorted(f"{t}={level}" for t, level in rule.by_type.items() if level != OFF)
    if set(off) == set(DOCUMENT_TYPES):
        parts = ["off by default"]
    else:
        parts = [f"off for {', '.join(off)}"] if off else []
    return "; ".join(parts + other)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _row(rule: Rule) -> str:
    summary = f"{_cell(rule.summary_en)}<br>{_cell(rule.summary_th)}"
    if rule.needs:
        summary += f"<br>*Inactive: needs {_cell(rule.needs)}.*"
    return f"| `{rule.id}` | {rule.severity} | {_cell(type_defaults(rule))} | {summary} |"


def rules_table() -> str:
    """Every check rule, one table per family (the family name works in the configuration too)."""
    families: dict[str, list[Rule]] = {}
    for rule in all_rules():
        families.setdefault(rule.family, []).append(rule)
    out = []
    for family, rules in families.items():
        out += [f"#### `{family}`", "",
                "| rule | severity | by document type | summary |", "|---|---|---|---|",
                *(_row(r) for r in rules), ""]
    return "\n".join(out)

