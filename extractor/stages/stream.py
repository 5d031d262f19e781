"""The document in reading order as *units*: paragraphs with their marks and labels, and grid tables.

Tables whose header names columns (``stages.tables``) stay whole as
:class:`GridUnit` s: their rows are records.  Every other table is layout: its
cells' paragraphs are read row by row like running text, so a
"label | value" row reads as a label paragraph followed by its value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Union

from ..blocks import Cell, Layout, Para, Table
from ..ruleset import RuleSet
from .labels import Label, labels_of
from .marks import Mark, mark_of
from .tables import Segment, TableView, analyse, repeats


@dataclass
class TextUnit:
    para: Para
    rules: RuleSet = field(repr=False)
    cell: Cell | None = None  # the layout-table cell it stands in
    row_start: bool = False  # the first paragraph of a layout-table row
    row_id: int | None = None  # the layout-table row it stands in (unique per document)

    @cached_property
    def mark(self) -> Mark:
        return mark_of(self.para.text, self.rules)

    @cached_property
    def labels(self) -> list[Label]:
        return labels_of(self.para.text, self.rules, self.mark)

    @property
    def label(self) -> Label | None:
        return self.labels[0] if self.labels and self.labels[0].start <= self.mark.body else None

    @property
    def text(self) -> str:
        return self.para.text

    @property
    def body(self) -> str:
        """The text after the item number / bullet / tick box."""
        return self.para.text[self.mark.body:]


@dataclass
class GridUnit:
    view: TableView
    segment: Segment

    @property
    def start(self) -> int:
        r = (self.segment.header or self.segment.rows or [0])[0]
        cells = [c for c in self.view.table.rows[r] if c.paras] if r < len(self.view.table.rows) else []
        return cells[0].paras[0].start if cells else self.view.table.start


Unit = Union[TextUnit, GridUnit]


def _layout_rows(view: TableView, rows: list[int], rules: RuleSet) -> list[TextUnit]:
    out: list[TextUnit] = []
    for r in rows:
        first = True
        row_id = id(view.table) * 10000 + r
        for cell in view.table.rows[r]:
            for para in cell.paras:
                if para.blank:
                    continue
                out.append(TextUnit(para, rules, cell, first, row_id))
                first = False
    return out


def table_units(table: Table, rules: RuleSet, before: GridUnit | None = None,
                earlier: GridUnit | None = None) -> list[Unit]:
    """The units of a table.  ``before``: the grid right before it, which a table without
    a header of its own continues when it has as many columns (a table broken by a page).
    ``earlier``: the grid of the table before it, perhaps with a running head between; a
    header that repeats that grid's header takes its names for the columns it leaves
    unnamed (a page's repeated header with the cells of merged headings left empty)."""
    view = analyse(table, rules)
    if not view.segments and before is not None and table.n_cols == before.view.table.n_cols:
        view.segments.append(Segment([], list(before.segment.columns), list(view.layout_rows)))
        view.layout_rows = []
    if view.segments and earlier is not None and view.segments[0].columns != earlier.segment.columns:
        first, old = view.segments[0], earlier.segment.columns
        if repeats(first.columns, old) and any(a.role is None and b.role for a, b in zip(first.columns, old)):
            first.columns = [b if a.role is None else a for a, b in zip(first.columns, old)]
    out: list[Unit] = _layout_rows(view, view.layout_rows, rules)  # type: ignore[assignment]
    for seg in view.segments:
        if seg.is_grid:
            out.append(GridUnit(view, seg))
        else:
            out.extend(_layout_rows(view, seg.header + seg.rows, rules))
    return out


def units_of(layout: Layout, rules: RuleSet) -> list[Unit]:
    out: list[Unit] = []
    earlier: GridUnit | None = None  # the grid of the last table
    for block in layout.blocks:
        if isinstance(block, Table):
            before = out[-1] if out and isinstance(out[-1], GridUnit) else None
            units = table_units(block, rules, before, earlier)
            grids = [u for u in units if isinstance(u, GridUnit)]
            earlier = grids[-1] if grids else None
            out.extend(units)
        elif not block.blank:
            out.append(TextUnit(block, rules))
    return out
