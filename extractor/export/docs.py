"""The column reference of docs/exports.md, rendered from the table definitions (columns.py).

A docgen generator (extractor/docgen.py, "export-tables"): one section per
table, its columns with their types and meanings, and for a column whose
values are a closed set, the list from the JSON Schema.
"""

from __future__ import annotations

from functools import lru_cache

from .columns import TABLES, Column, Table


def tables_reference() -> str:
    return "\n".join(_section(t) for t in TABLES) + "\n"  # a blank line ends the last table before the marker


def _section(table: Table) -> str:
    lines = [f"### {table.name} — one row per {table.one_row_per}", ""]
    if table.about:
        lines += [table.about, ""]
    lines += ["| column | type | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{c.name}` | {c.type.value} | {_cell(_meaning(c))} |" for c in table.columns]
    return "\n".join(lines) + "\n"


def _meaning(column: Column) -> str:
    if column.values is None:
        return column.description
    return f"{column.description}: {_alternatives(schema_values(column.values))}"


def _alternatives(values: tuple[str | None, ...]) -> str:
    """`a`, `b` or null."""
    words = [f"`{v}`" for v in values if v is not None] + (["null"] if None in values else [])
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


@lru_cache(maxsize=None)
def schema_values(ref: str) -> tuple[str | None, ...]:
    """The enum of a property of document.schema.json, named "Definition.property"."""
    from ..schema import load_schema

    definition, _, prop = ref.partition(".")
    return tuple(load_schema()["$defs"][definition]["properties"][prop]["enum"])
