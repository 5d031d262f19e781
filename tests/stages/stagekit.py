"""Helpers of the per-stage tests: small Thai texts built in memory and run
through the extraction one stage at a time (reader → units → mentions →
sections → fields), so that each test can look at exactly one stage's output.

Imported by the tests of this folder as ``from stagekit import …`` (pytest puts
the folder of a test module without ``__init__.py`` on ``sys.path``).
"""

from __future__ import annotations

from extractor import extract
from extractor.blocks import Layout, Table
from extractor.model import Document, Span
from extractor.readers import from_string
from extractor.ruleset import default_rules
from extractor.stages import assemble
from extractor.stages.budget import Context
from extractor.stages.mentions import Mention, find_mentions
from extractor.stages.sections import Section, is_part_heading, read_section
from extractor.stages.stream import GridUnit, TextUnit, Unit, units_of
from extractor.stages.tables import TableView, analyse

RULES = default_rules()


def cells(*rows: list[str]) -> str:
    """A cell-per-line table as Word-to-text converters print it: every cell starts
    with a TAB line (its further lines follow untabbed), a blank line ends a row.
    ``rows`` are lists of cell texts; "\\n" inside a cell text separates its lines."""
    out: list[str] = []
    for row in rows:
        out.extend("\t" + cell for cell in row)
        out.append("")
    return "\n".join(out)


def layout(text: str) -> Layout:
    return from_string(text)


def tables(text: str) -> list[Table]:
    return [b for b in layout(text).blocks if isinstance(b, Table)]


def view(text: str, k: int = 0) -> TableView:
    """The analysis (header rows, column roles) of the k-th table of ``text``."""
    return analyse(tables(text)[k], RULES)


def units(text: str) -> list[Unit]:
    return units_of(layout(text), RULES)


def text_units(text: str) -> list[TextUnit]:
    return [u for u in units(text) if isinstance(u, TextUnit)]


def grids(text: str) -> list[GridUnit]:
    return [u for u in units(text) if isinstance(u, GridUnit)]


def mentions(text: str) -> list[Mention]:
    return find_mentions(units(text), RULES)


def sections(text: str) -> tuple[list[Unit], list[Section]]:
    """The detail sections of ``text`` as the assembly finds them (mentions that open one)."""
    us = units(text)
    found = find_mentions(us, RULES)
    heads = [k for k, u in enumerate(us) if is_part_heading(u, RULES)]
    details, bounds = assemble._details(us, found, heads, RULES)
    return us, [read_section(us, m, next(b for b in bounds if b > m.index)) for m in details]


def section(text: str) -> Section:
    """The one detail section of ``text``."""
    _, secs = sections(text)
    assert len(secs) == 1, [s.mention.name.text for s in secs]
    return secs[0]


def context(text: str, fiscal_year: int | None = None) -> Context:
    return Context(RULES, layout(text).source, fiscal_year)


def doc(text: str) -> Document:
    return extract(text=text, rules=RULES)


def at(text: str, span: Span | None) -> str | None:
    """The evidence a span points at."""
    return None if span is None else text[span.start:span.end]


def project_form(*lines: str, name: str = "ทดสอบระบบติดตามผล") -> str:
    """A one-project detail section: its name line, then ``lines``."""
    return "\n".join([f"ชื่อโครงการ  {name}", *lines]) + "\n"
