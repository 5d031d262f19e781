"""Page layout for the PDF reader: glyphs -> lines -> tables and text blocks.

* A Thai combining mark joins the glyph before it in content-stream order
  (its box overlaps its base, so sorting by x would misplace it).
* Lines are glyph clusters sharing a vertical band, ordered left to right.
  A gap between glyphs becomes a *soft* space (decided later by the Thai
  tokenizer) or, when wide, a TAB; dot leaders become a TAB (tab stops in
  the .txt rendering, e.g. a table of contents).
* Tables come from the ruling lines, using pdfplumber's table-finder steps
  (merge edges, intersections, cells, tables); each glyph goes to the cell
  that holds its centre.  Pages without rulings are plain text lines.
* A table's cells are placed on a grid: its columns are the slots between
  the distinct x edges of its cells, so a header cell over two columns gets
  ``col_span`` 2 and a merged cell (found once, in its first row) its
  ``row_span``; the cells beside and under it keep their columns.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterable

from .pdf_page import Edge, Glyph
from .thai_repair import SOFT_SPACE

# Thai above/below vowels, tone marks and signs (Unicode category Mn), plus sara am:
# pdfium gives ำ the box of its nikhahit glyph, high above the line.
_MARKS = frozenset("\u0e31\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
                   "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
SPACE_GAP = 0.2  # x font size: a wider gap between glyphs is a soft space (may sit inside a word)
HARD_SPACE_GAP = 0.6  # x font size: a wider gap is surely between words
TAB_GAP = 3.0  # x font size: a wider gap without a space glyph is a column / tab stop
#: A page with more ruling strokes than this is a drawing (map, chart), not tables:
#: the table finder's intersection step is quadratic, so it is skipped.
MAX_EDGES = 1500
_LEADER = re.compile(r"[ \t]*(?:[.…·_]\s?){4,}[ \t]*")


@dataclass
class Cluster:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    stream: int
    weight: int = 0

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


@dataclass
class Line:
    text: str  # may hold SOFT_SPACE and TAB
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    widths: list[float]  # width of each character of ``text`` (marks: 0)
    weight: int = 0  # the font weight of most of its glyphs (0: unknown)

    @property
    def ends_with_space(self) -> bool:
        return self.text.endswith(" ")


def clusters_of(glyphs: Iterable[Glyph]) -> list[Cluster]:
    """Attach each combining mark to its base glyph.

    The base is normally the glyph before it in content-stream order, but some
    producers emit a stacked mark after the following glyphs ("โพธิ์ชัย" drawn
    as ธ ิ ช ั ย ์), so when the mark does not sit over the previous glyph
    we take the recent glyph on its line that it overlaps most.
    """
    out: list[Cluster] = []
    for g in glyphs:
        if g.text in _MARKS and out and not out[-1].is_space:
            base = _base_for(out, g)
            base.text += g.text
            if g.text == "\u0e33":  # sara am has an advance width: widen the cluster
                base.x1 = max(base.x1, g.x1)
            continue
        out.append(Cluster(g.text, g.x0, g.x1, g.top, g.bottom, g.size, g.stream, g.weight))
    return out


def _overlap(c: Cluster, g: Glyph) -> float:
    if abs(c.bottom - g.bottom) > 0.4 * g.size:
        return -1e9
    return min(c.x1, g.x1) - max(c.x0, g.x0)


def _base_for(out: list[Cluster], g: Glyph) -> Cluster:
    last = out[-1]
    if g.text == "\u0e33" or _overlap(last, g) > 0.3 * (g.x1 - g.x0):
        return last
    best, best_overlap = last, _overlap(last, g)
    for c in out[-2:-41:-1]:  # the stacked mark can come at the end of the run
        ov = _overlap(c, g)
        if ov > best_overlap and not c.is_space:
            best, best_overlap = c, ov
    return best


def build_lines(clusters: list[Cluster]) -> list[Line]:
    """Group clusters into lines (top to bottom), each read left to right.

    Lines are bands of the loose boxes' bottom edge (baseline + font descent),
    which is the same for every glyph of a line, unlike ink boxes or centres.
    """
    if not clusters:
        return []
    items = sorted(clusters, key=lambda c: c.bottom)
    groups: list[list[Cluster]] = []
    ref = -1e9
    for c in items:
        if groups and c.bottom - ref <= 0.4 * c.size:
            groups[-1].append(c)
        else:
            groups.append([c])
            ref = c.bottom
    lines = [_line(sorted(g, key=lambda c: (c.x0, c.stream))) for g in groups]
    return [ln for ln in lines if ln.text.strip(" \t" + SOFT_SPACE)]


def _line(cs: list[Cluster]) -> Line:
    parts: list[str] = []
    widths: list[float] = []
    prev: Cluster | None = None
    for c in cs:
        # After a space glyph a wide gap is justification, not a tab stop.
        if prev is not None and not c.is_space and not prev.is_space:
            gap = c.x0 - prev.x1
            if gap > TAB_GAP * c.size:
                parts.append("\t")
                widths.append(gap)
            elif gap > SPACE_GAP * c.size:
                parts.append(" " if gap > HARD_SPACE_GAP * c.size else SOFT_SPACE)
                widths.append(gap)
        parts.append(c.text)
        widths.extend([c.x1 - c.x0] + [0.0] * (len(c.text) - 1))
        prev = c
    text = "".join(parts)
    if ".." in text or "…" in text or "__" in text:
        text, widths = _leaders_to_tab(text, widths)
    sizes = sorted(c.size for c in cs if not c.is_space) or [cs[0].size]
    weights = sorted(c.weight for c in cs if not c.is_space) or [0]
    return Line(text, cs[0].x0, max(c.x1 for c in cs), min(c.top for c in cs),
                max(c.bottom for c in cs), sizes[len(sizes) // 2], widths, weights[len(weights) // 2])


def _leaders_to_tab(text: str, widths: list[float]) -> tuple[str, list[float]]:
    out, w, pos = [], [], 0
    for m in _LEADER.finditer(text):
        out.append(text[pos:m.start()])
        w.extend(widths[pos:m.start()])
        out.append("\t")
        w.append(sum(widths[m.start():m.end()]))
        pos = m.end()
    out.append(text[pos:])
    w.extend(widths[pos:])
    return "".join(out), w


# ---------------------------------------------------------------- tables

#: Points: cell edges closer than this are one column (or row) boundary.  The
#: table finder snaps rulings within 3 pt, so shared edges are equal already.
GRID_TOLERANCE = 2.0


@dataclass
class Cell:
    x0: float
    top: float
    x1: float
    bottom: float
    clusters: list[Cluster] = field(default_factory=list)
    col: int = 0  # grid column of the left edge (see ``place_on_grid``)
    col_span: int = 1
    row_span: int = 1


@dataclass
class Table:
    rows: list[list[Cell]]  # cells grouped by their top edge: a merged cell is in its first row only
    x0: float
    top: float
    x1: float
    bottom: float
    n_cols: int = 0


def find_tables(edges: list[Edge]) -> list[Table]:
    """Ruled tables of a page (at least two cells), with pdfplumber's algorithm."""
    if len(edges) < 4 or len(edges) > MAX_EDGES:
        return []
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    objs = [{"orientation": e.orientation, "x0": e.x0, "x1": e.x1, "top": e.top, "bottom": e.bottom,
             "doctop": e.top, "width": e.x1 - e.x0, "height": e.bottom - e.top} for e in edges]
    merged = merge_edges(objs, 3, 3, 3, 3)
    cells = intersections_to_cells(edges_to_intersections(merged, 3, 3))
    tables = []
    for group in cells_to_tables(cells):
        if len(group) < 2:
            continue  # a lone frame around text is not a table
        tables.append(_table(group))
    return tables


def _table(bboxes: list[tuple[float, float, float, float]]) -> Table:
    cells = sorted((Cell(*b) for b in bboxes), key=lambda c: (c.top, c.x0))
    rows: list[list[Cell]] = []
    for c in cells:
        if rows and abs(rows[-1][0].top - c.top) < 2:
            rows[-1].append(c)
        else:
            rows.append([c])
    for r in rows:
        r.sort(key=lambda c: c.x0)
    n_cols = place_on_grid(rows)
    return Table(rows, min(c.x0 for c in cells), min(c.top for c in cells),
                 max(c.x1 for c in cells), max(c.bottom for c in cells), n_cols)


def _boundaries(values: Iterable[float], tol: float = GRID_TOLERANCE) -> list[float]:
    """Distinct positions: sorted values, those within ``tol`` of the previous one merged."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _slot(bounds: list[float], v: float) -> int:
    """Index of the boundary nearest to ``v``."""
    k = bisect.bisect_left(bounds, v)
    if k == len(bounds) or (k > 0 and v - bounds[k - 1] <= bounds[k] - v):
        return k - 1
    return k


def place_on_grid(rows: list[list[Cell]]) -> int:
    """Give each cell its grid column and spans (in place); return the column count.

    The columns are the slots between the distinct x edges of all the table's
    cells; a cell spans the slots its [x0, x1] covers.  The rows are the
    groups of cells sharing a top edge; a cell spans the rows starting above
    its bottom edge (a merged cell is found once, in its first row), but
    not into a row where another cell starts under it.
    """
    cells = [c for row in rows for c in row]
    if not cells:
        return 0
    xs = _boundaries([c.x0 for c in cells] + [c.x1 for c in cells])
    tops = [min(c.top for c in row) for row in rows]
    for row in rows:
        for c in row:
            k0, k1 = _slot(xs, c.x0), _slot(xs, c.x1)
            c.col, c.col_span = k0, max(1, k1 - k0)
    for r, row in enumerate(rows):
        for c in row:
            span = max(1, bisect.bisect_left(tops, c.bottom - GRID_TOLERANCE) - r)
            for k in range(1, span):  # a nested frame (cell inside a cell) stops the span
                if any(o.col < c.col + c.col_span and c.col < o.col + o.col_span for o in rows[r + k]):
                    span = k
                    break
            c.row_span = span
    return max(c.col + c.col_span for c in cells)


def assign_to_tables(clusters: list[Cluster], tables: list[Table]) -> list[Cluster]:
    """Put each cluster into the table cell holding its centre; return the rest."""
    if not tables:
        return clusters
    grids = [_Grid(t) for t in tables]
    rest: list[Cluster] = []
    for c in clusters:
        x, y = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        for grid in grids:
            cell = grid.cell_at(x, y)
            if cell is not None:
                cell.clusters.append(c)
                break
        else:
            rest.append(c)
    return rest


class _Grid:
    """Locate the cell containing a point by bisecting row and column bands."""

    def __init__(self, table: Table) -> None:
        self.t = table
        cells = [c for row in table.rows for c in row]
        self.ys = sorted({c.top for c in cells} | {c.bottom for c in cells})
        self.xs = sorted({c.x0 for c in cells} | {c.x1 for c in cells})
        self.at: dict[tuple[int, int], Cell] = {}
        for c in cells:
            r0, r1 = self.ys.index(c.top), self.ys.index(c.bottom)
            k0, k1 = self.xs.index(c.x0), self.xs.index(c.x1)
            for r in range(r0, r1):
                for k in range(k0, k1):
                    self.at[(r, k)] = c

    def cell_at(self, x: float, y: float) -> Cell | None:
        t = self.t
        if not (t.x0 <= x <= t.x1 and t.top <= y <= t.bottom):
            return None
        r = bisect.bisect_right(self.ys, y) - 1
        k = bisect.bisect_right(self.xs, x) - 1
        return self.at.get((r, k))
