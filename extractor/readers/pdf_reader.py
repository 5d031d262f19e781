"""PDF reader: text in reading order per page, ruled tables as tables, Thai repaired.

The library is pdfplumber (MIT) with its pypdfium2 backend (Apache-2.0/BSD);
PyMuPDF was not used because its AGPL licence does not fit the project.
Glyphs and rulings come from pdfium (``pdf_page``), tables from pdfplumber's
table algorithm, placed on a column grid with their spans (``pdf_layout``),
paragraphs are rebuilt from lines (``pdf_paragraphs``) and the Thai damage of
PDF text layers is repaired (``thai_repair``).  The output follows the .txt
corpus conventions, like the .docx reader: one paragraph per line, empty
paragraphs as blank lines, tables row-per-line or cell-per-line; the recorded
table blocks keep each cell's grid column and spans.  Symbol-font glyphs (tick
boxes, U+F020-U+F0FF) are kept as the text layer has them.  ``page_starts``
gives every page's offset.

Cost is bounded on any input: ``pdf_guard`` measures the file's streams and
pages' content before pdfium opens it, then pages and characters are counted
while reading (limits in docs/formats.md); blank lines are capped.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable, Union

from ..errors import InputError
from ..blocks import Layout
from ..model import SourceText
from . import pdf_paragraphs as para
from .pdf_guard import check_pdf
from .pdf_layout import Line, Table, assign_to_tables, build_lines, clusters_of, find_tables
from .ocr import OcrOptions
from .ocr_page import PageImage
from .ocr_pages import PageText, better, pages_to_ocr, run_ocr
from .pdf_page import Edge, Glyph, PageTooLarge, has_picture, page_edges, page_glyphs
from .safety import limit, too_large, warn
from .text_builder import CellSpec, TextBuilder, emit_table, use_cell_per_line
from .thai_ocr_fix import restore_sara_aa, sara_aa_swapped
from .thai_repair import SOFT_SPACE, repair_line, resolve_soft_spaces

#: Share of glyphs without a Unicode mapping above which the text layer is unusable.
MAX_UNMAPPED_SHARE = 0.5
#: Running headers/footers live in this top/bottom share of the page height...
RUNNING_BAND = 0.12
#: ... and recur (digits masked) on at least this share of the pages (and 3 pages).
RUNNING_SHARE = 0.5
#: Pages a PDF may have (``THAIPLAN_MAX_PAGES``).
MAX_PAGES = 2000
#: Characters one page may have (``THAIPLAN_MAX_PAGE_CHARS``).
MAX_PAGE_CHARS = 200_000
#: Characters the whole PDF may have (``THAIPLAN_MAX_PDF_CHARS``).
MAX_CHARS = 5_000_000
#: Blank lines kept on one page, all gaps together (each gap keeps at most
#: ``pdf_paragraphs.MAX_BLANK_LINES``): vertical room is layout, not text.
MAX_PAGE_BLANK_LINES = 200
OCR_HINT = "extract it without `--ocr never` (OCR needs Tesseract with its Thai model; see docs/formats.md)"
#: Pixels a page is rendered to for OCR at most (a poster-sized page gets a lower resolution).
MAX_RENDER_PIXELS = 40_000_000


@dataclass
class _Page:
    number: int  # 1-based
    size: tuple[float, float]
    items: list[Union[Line, Table]] = field(default_factory=list)  # top to bottom


@dataclass
class _Geometry:
    """Body-text frame of one page size: margins and line pitch."""
    left: float
    right: float
    top: float
    bottom: float  # lowest text bottom: where pages end
    ratio: float  # line pitch / font size

    def pitch(self, size: float) -> float:
        return self.ratio * size


@dataclass
class _Para:
    pieces: list[tuple[int, list[Line]]]  # (page, lines): a paragraph can run over a page break
    left: float
    right: float
    blank_before: int = 0


@dataclass
class _Cell:
    x0: float
    x1: float
    bottom: float
    paras: list[tuple[int, list[Line]]] = field(default_factory=list)  # (blank lines before, lines)
    left: float = 0.0  # text frame inside the cell padding
    right: float = 0.0
    col: int = 0  # place on the table's column grid
    col_span: int = 1
    row_span: int = 1


@dataclass
class _TableOut:
    page: int
    index: int  # table number on its page
    rows: list[list[_Cell]]
    blank_before: int = 0


def read_pdf(path: str | None, data: bytes, ocr: OcrOptions | None = None) -> Layout:
    import pypdfium2 as pdfium

    ocr = ocr or OcrOptions()
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a PDF file (no %PDF- header): the file is corrupted or has the wrong extension")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(path, "truncated PDF (no %%EOF marker at the end): the download or copy is incomplete")
    check_pdf(path, data)  # no decompression bomb reaches pdfium
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(path, _open_error(exc)) from None
    try:
        texts = _read_text_layers(path, pdf)
        chosen = _renderable(path, data, texts, pages_to_ocr(path, ocr, texts))
        recognized = run_ocr(path, ocr, [(k + 1, partial(_render, pdf, k, ocr.dpi)) for k in chosen])
    finally:
        pdf.close()
    if not texts:
        raise InputError(path, "the PDF has no pages")
    pages: list[_Page] = []
    ocr_pages: list[int] = []
    glyph_count = unmapped = 0
    for k, text in enumerate(texts):
        got = recognized.get(k + 1)
        if got is not None and better(text, got[0], got[1], ocr.mode):
            glyphs, edges, size = got
            ocr_pages.append(k + 1)
        else:
            glyphs, edges, size = text.glyphs, text.edges, text.size
            unmapped += text.unmapped
        glyph_count += sum(1 for g in glyphs if not g.text.isspace())
        pages.append(page_of(k + 1, size, glyphs, edges))
    if glyph_count == 0:
        if chosen:
            raise InputError(path, f"no text found in its {len(pages)} page(s), not even by OCR "
                                   "(blank pages, or pictures without writing?)")
        raise InputError(path, f"scanned PDF? it has no text layer (no text in its {len(pages)} page(s)): "
                               f"OCR is needed; {OCR_HINT}")
    if unmapped > MAX_UNMAPPED_SHARE * (glyph_count + unmapped):
        raise InputError(path, f"the PDF's text layer cannot be decoded ({unmapped} of {glyph_count + unmapped} "
                               f"glyphs have no Unicode mapping): OCR is needed; {OCR_HINT}")
    layer = "".join(g.text for k, t in enumerate(texts) if k + 1 not in ocr_pages for g in t.glyphs)
    return pages_to_layout(path, "pdf", pages, ocr_pages, swapped=sara_aa_swapped(layer))


def _renderable(path: str | None, data: bytes, texts: list[PageText], chosen: list[int]) -> list[int]:
    """The pages to OCR, once rendering them is known to be bounded: their pictures are
    measured like the other streams (a picture can be a decompression bomb too).  Past
    the limits, pages with some text are read from it, with a warning; a page with none
    makes the file refused."""
    if not chosen:
        return chosen
    try:
        check_pdf(path, data, images=True)
    except InputError as err:
        if any(texts[k].visible == 0 for k in chosen):
            raise
        warn(path, f"pages not read by OCR: {err.problem}")
        return []
    return chosen


def pages_to_layout(path: str | None, fmt: str, pages: list[_Page], ocr_pages: list[int],
                    swapped: bool = False) -> Layout:
    """The Layout of pages read from a text layer or by OCR: running lines dropped,
    paragraphs rebuilt, tables kept, Thai repaired (``swapped``: the text layer's
    font map writes า as ำ, see ``thai_ocr_fix.restore_sara_aa``)."""
    _drop_running_lines(pages)
    blocks, kept = _layout(pages)
    b = _emit(blocks, kept, len(pages), restore_sara_aa if swapped else None)
    source = SourceText(text=b.text(), path=path, format=fmt, encoding=None, pages=len(pages),
                        page_starts=b.page_starts, regions=b.regions, ocr_pages=ocr_pages)
    return Layout(source, b.blocks)


def page_of(number: int, size: tuple[float, float], glyphs: list[Glyph], edges: list[Edge]) -> _Page:
    """A page's lines and tables, top to bottom, from its glyphs and ruling edges."""
    clusters = clusters_of(glyphs)
    tables = find_tables(edges)
    body = assign_to_tables(clusters, tables)
    tables = [t for t in tables if any(c.clusters for row in t.rows for c in row)]
    items: list[Union[Line, Table]] = [*build_lines(body), *tables]
    items.sort(key=lambda it: it.top)
    return _Page(number, size, items)


def _render(pdf: Any, index: int, dpi: int) -> PageImage:
    """Page ``index`` as a greyscale image at ``dpi`` (less for a huge page: at most
    ``MAX_RENDER_PIXELS``)."""
    page = pdf[index]
    try:
        w, h = page.get_size()
        scale = dpi / 72
        if w * h * scale * scale > MAX_RENDER_PIXELS:
            scale = (MAX_RENDER_PIXELS / (w * h)) ** 0.5
        image = page.render(scale=scale, grayscale=True).to_pil()
    finally:
        page.close()
    return PageImage(image, 72 * scale)


_PDFIUM_ERRORS = {  # pdfium's load error codes (FPDF_ERR_*) in the user's terms
    2: "the file cannot be opened",
    3: "its structure is damaged (this is not a readable PDF)",
    6: "its pages cannot be found (the page tree is damaged)",
}
_REPAIR_HINT = "open it in a PDF viewer and print or save it to a new PDF, then extract that"


def _open_error(exc: Any) -> str:
    code = getattr(exc, "err_code", None)
    if code == 4:
        return ("encrypted PDF: it cannot be opened without its password; save an unprotected copy "
                "(remove the password or print to PDF) and retry")
    if code == 5:
        return ("encrypted PDF with a security scheme that cannot be read; save an unprotected copy "
                "(print to PDF) and retry")
    return f"corrupted PDF: {_PDFIUM_ERRORS.get(code, 'it cannot be read')}; {_REPAIR_HINT}"


def _read_text_layers(path: str | None, pdf: Any) -> list[PageText]:
    """Every page's glyphs, rulings and size from its text layer, within the limits."""
    import pypdfium2 as pdfium

    max_pages = limit("MAX_PAGES", MAX_PAGES)
    max_page_chars = limit("MAX_PAGE_CHARS", MAX_PAGE_CHARS)
    max_chars = limit("MAX_PDF_CHARS", MAX_CHARS)
    n_pages = len(pdf)
    if n_pages > max_pages:
        raise too_large(path, f"PDF is too large to read safely: it has {n_pages:,} pages, more than "
                              f"{max_pages:,} (set THAIPLAN_MAX_PAGES to read more)")
    texts: list[PageText] = []
    total = 0
    for i in range(n_pages):
        try:
            page = pdf[i]
        except pdfium.PdfiumError:
            raise InputError(path, f"corrupted PDF: page {i + 1} cannot be read; {_REPAIR_HINT}") from None
        try:
            glyphs, unmapped, size, rot = page_glyphs(page, max_page_chars)
            edges = page_edges(page, rot)
            picture = has_picture(page)
        except PageTooLarge:
            raise too_large(path, f"PDF is too large to read safely: page {i + 1} has more than "
                                  f"{max_page_chars:,} characters (set THAIPLAN_MAX_PAGE_CHARS to read more)") from None
        finally:
            page.close()
        text = PageText(glyphs, edges, size, unmapped, picture)
        total += text.visible + unmapped
        if total > max_chars:
            raise too_large(path, f"PDF is too large to read safely: more than {max_chars:,} characters "
                                  f"(set THAIPLAN_MAX_PDF_CHARS to read more)")
        texts.append(text)
    return texts


_DIGITS = re.compile(r"[0-9๐-๙]+")


def _running_key(line: Line) -> str:
    return " ".join(_DIGITS.sub("#", line.text.replace(SOFT_SPACE, " ")).split())


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page headers and footers (page numbers, running titles): lines
    in the top or bottom band whose text, digits masked, recurs on many pages."""
    def in_band(line: Line, p: _Page) -> bool:
        h = p.size[1]
        return line.bottom < RUNNING_BAND * h or line.top > (1 - RUNNING_BAND) * h

    seen: Counter[str] = Counter()
    for p in pages:
        seen.update({_running_key(it) for it in p.items if isinstance(it, Line) and in_band(it, p)})
    limit = max(3, RUNNING_SHARE * len(pages))
    running = {k for k, n in seen.items() if n >= limit}
    if running:
        for p in pages:
            p.items = [it for it in p.items
                       if not (isinstance(it, Line) and in_band(it, p) and _running_key(it) in running)]


def _geometry(pages: list[_Page]) -> dict[tuple[int, int], _Geometry]:
    """Margins and pitch per page size, from all body lines of that size."""
    by_size: dict[tuple[int, int], list[_Page]] = {}
    for p in pages:
        by_size.setdefault(_key(p), []).append(p)
    ratios: list[float] = []
    for p in pages:
        lines = [it for it in p.items if isinstance(it, Line)]
        for a, b in zip(lines, lines[1:]):
            d = b.top - a.top
            if abs(a.size - b.size) < 0.5 and 0.9 * a.size < d < 2.2 * a.size:
                ratios.append(d / a.size)
    ratio = statistics.median(ratios) if ratios else 1.6
    out = {}
    for key, group in by_size.items():
        lines = [it for p in group for it in p.items if isinstance(it, Line)]
        tops = [p.items[0].top for p in group if p.items]
        bottoms = [p.items[-1].bottom for p in group if p.items]
        if lines:
            left = float(Counter(round(ln.x0) for ln in lines).most_common(1)[0][0])
            rights = sorted(ln.x1 for ln in lines)
            right = rights[int(0.95 * (len(rights) - 1))]
        else:
            left, right = 0.0, float(key[0])
        out[key] = _Geometry(left, right, min(tops) if tops else 0.0,
                             max(bottoms) if bottoms else float(key[1]), ratio)
    return out


def _key(p: _Page) -> tuple[int, int]:
    return round(p.size[0]), round(p.size[1])


def _layout(pages: list[_Page]) -> tuple[list[Union[_Para, _TableOut]], bool]:
    """Pages' items in order as paragraphs (lines grouped) and tables, and
    whether the producer keeps spaces at wrap points."""
    geo = _geometry(pages)
    kept = _trailing_spaces_kept(pages, geo)
    blocks: list[Union[_Para, _TableOut]] = []
    prev: Line | Table | None = None  # previous item, across pages
    for page in pages:
        g = geo[_key(page)]
        t_index = 0
        for k, item in enumerate(page.items):
            top_of_page = k == 0
            if isinstance(item, Table):
                t_index += 1
                rows = _table_cells(item, g, kept)
                if top_of_page and isinstance(prev, Table) and isinstance(blocks[-1], _TableOut):
                    _join_split_row(blocks[-1].rows, rows, g, kept)
                    if not rows:
                        prev = item
                        continue
                blank = _blank_before(item.top, _table_size(item), prev, top_of_page, g)
                blocks.append(_TableOut(page.number, t_index, rows, blank))
            elif isinstance(prev, Line) and blocks and isinstance(blocks[-1], _Para) and (
                    (not top_of_page and para.wrapped(prev, item, g.left, g.right, g.pitch(item.size), kept))
                    or (top_of_page and _page_break_inside(prev, item, geo, pages, page, g)
                        and para.wrapped(prev, item, g.left, g.right, g.pitch(item.size), kept, same_page=False))):
                last = blocks[-1]
                if last.pieces[-1][0] == page.number:
                    last.pieces[-1][1].append(item)
                else:
                    last.pieces.append((page.number, [item]))
            else:
                blank = _blank_before(item.top, item.size, prev, top_of_page, g)
                blocks.append(_Para([(page.number, [item])], g.left, g.right, blank))
            prev = item
    return blocks, kept


def _page_break_inside(prev: Line, line: Line, geo: dict[tuple[int, int], _Geometry],
                       pages: list[_Page], page: _Page, g: _Geometry) -> bool:
    """Could a page break have cut the paragraph between ``prev`` (end of the
    previous page) and ``line`` (top of this one)?  Only if the previous page
    is full: at most a line (widow control) left free at its bottom."""
    before = geo[_key(pages[page.number - 2])]
    pitch = g.pitch(line.size)
    return line.top - g.top < 0.5 * pitch and before.bottom - prev.bottom < 1.6 * pitch


def _blank_before(top: float, size: float, prev: Line | Table | None, top_of_page: bool, g: _Geometry) -> int:
    """Empty paragraphs that explain the vertical room above an item."""
    pitch = g.pitch(size)
    if top_of_page:
        return para.blank_lines(top - g.top + pitch, pitch)
    if isinstance(prev, Line):
        return para.blank_lines(top - prev.top, g.pitch(prev.size))
    if isinstance(prev, Table):
        return para.blank_lines(top - prev.bottom, pitch, below_bottom=True)
    return 0


def _join_split_row(prev_rows: list[list[_Cell]], rows: list[list[_Cell]], g: _Geometry, kept: bool) -> None:
    """Merge a table row cut by a page break back into one row (in place).

    Geometry alone cannot tell a cut row from a new one, so the top row of the
    new page counts as a continuation when each of its non-empty cells lies
    under a cell of the previous page's last row (or one merged down into it)
    whose text runs down to the cell bottom, and at least one cell's text
    wraps over the break.  Each cell's continuation then joins its last
    paragraph or starts a new one.
    """
    if not prev_rows or not rows:
        return
    filled = [c for c in prev_rows[-1] if c.paras]
    if not filled:
        return
    pad = min(c.bottom - c.paras[-1][1][-1].bottom for c in filled)
    n = len(prev_rows)  # the cells reaching the bottom: the last row's and merged ones from above
    last = [c for r, row in enumerate(prev_rows) for c in row if r + c.row_span >= n]
    first = rows[0]
    pairs = []
    for cell in first:
        if not cell.paras:
            continue
        target = max(last, key=lambda c: min(c.x1, cell.x1) - max(c.x0, cell.x0))
        if min(target.x1, cell.x1) - max(target.x0, cell.x0) <= 0 or not target.paras:
            return
        a, b = target.paras[-1][1][-1], cell.paras[0][1][0]
        if target.bottom - a.bottom > pad + 0.5 * a.size:
            return  # that cell ended before the page did
        pairs.append((target, cell, para.wrapped(a, b, target.left, target.right, g.pitch(a.size),
                                                 kept, same_page=False)))
    if not any(w for _, _, w in pairs):
        return
    for target, cell, wraps in pairs:
        if wraps:
            target.paras[-1][1].extend(cell.paras[0][1])
            target.paras.extend(cell.paras[1:])
        else:
            target.paras.extend(cell.paras)
    del rows[0]


def _table_size(t: Table) -> float:
    sizes = [c.size for row in t.rows for cell in row for c in cell.clusters if not c.is_space]
    return statistics.median(sizes) if sizes else 12.0


def _table_cells(t: Table, g: _Geometry, kept: bool) -> list[list[_Cell]]:
    rows = []
    for row in t.rows:
        cells = []
        for cell in row:
            lines = build_lines(cell.clusters)
            pad = min(max(1.0, min((ln.x0 for ln in lines), default=cell.x0 + 1.0) - cell.x0), 12.0)
            out = _Cell(cell.x0, cell.x1, cell.bottom, [], cell.x0 + pad, cell.x1 - pad,
                        cell.col, cell.col_span, cell.row_span)
            left, right = out.left, out.right
            prev: Line | None = None
            pitch = g.pitch(lines[0].size) if lines else 0.0
            for group in para.paragraphs(lines, left, right, pitch, kept):
                blank = para.blank_lines(group[0].top - prev.top, g.pitch(prev.size)) if prev else 0
                out.paras.append((blank, group))
                prev = group[-1]
            cells.append(out)
        rows.append(cells)
    return rows


def _trailing_spaces_kept(pages: list[_Page], geo: dict[tuple[int, int], _Geometry]) -> bool:
    """Does the producer keep the space glyph at wrap points?  (LibreOffice: yes.)
    Judged on full body lines: a good share of them end with a space."""
    ends = []
    for p in pages:
        g = geo[_key(p)]
        ends += [ln.text.endswith(" ") for ln in p.items
                 if isinstance(ln, Line) and g.right - ln.x1 < 3 * ln.size and ln.x0 - g.left < ln.size]
    return bool(ends) and sum(ends) >= 0.1 * len(ends)


def _finish(text: str, fix: Callable[[str], str] | None = None) -> str:
    text = repair_line(text)
    return resolve_soft_spaces(fix(text) if fix else text)


def _emit(blocks: list[Union[_Para, _TableOut]], kept: bool, n_pages: int,
          fix: Callable[[str], str] | None = None) -> TextBuilder:
    blanks: Counter[int] = Counter()  # blank lines used per page (MAX_PAGE_BLANK_LINES)

    def allow(page: int, n: int) -> int:
        n = max(0, min(n, MAX_PAGE_BLANK_LINES - blanks[page]))
        blanks[page] += n
        return n

    tables: list[tuple[_TableOut, list[list[list[str]]]]] = []
    for blk in blocks:
        if isinstance(blk, _TableOut):
            rows = []
            for row in blk.rows:
                rows.append([_cell_text(c, kept, lambda n, p=blk.page: allow(p, n), fix) for c in row])
            tables.append((blk, rows))
    cell_per_line = use_cell_per_line([c for _, rows in tables for row in rows for c in row])
    table_text = {id(blk): rows for blk, rows in tables}

    b = TextBuilder()
    pages_started = 0
    para_no: Counter[int] = Counter()

    def to_page(p: int) -> None:
        nonlocal pages_started
        while pages_started < p:
            b.page()
            pages_started += 1

    for blk in blocks:
        page_no = blk.pieces[0][0] if isinstance(blk, _Para) else blk.page
        to_page(page_no)  # blank lines belong to the page
        for _ in range(allow(page_no, blk.blank_before)):
            b.blank_line()
        if isinstance(blk, _Para):
            begun = b.begin_paragraph()
            first_page = blk.pieces[0][0]
            para_no[first_page] += 1
            for k, (page, lines) in enumerate(blk.pieces):
                text = para.join_lines(lines, blk.left, blk.right, kept)
                if k + 1 < len(blk.pieces):  # glue over the page break like a wrapped line
                    text += para.separator(lines[-1], blk.pieces[k + 1][1][0], blk.left, blk.right, kept)
                to_page(page)
                b.region(f"page {first_page}, paragraph {para_no[first_page]}" if k == 0 else f"page {page}")
                b.add(_finish(text, fix))
            b.end_paragraph(begun)
        else:
            to_page(blk.page)
            name = f"page {blk.page}, table {blk.index}"
            n_rows = len(blk.rows)
            rows = [[CellSpec([(text, f"{name}, row {r}, cell {c}") for text in texts],
                              col=cell.col, col_span=cell.col_span, row_span=min(cell.row_span, n_rows - r + 1))
                     for c, (cell, texts) in enumerate(zip(cells, row_text), 1)]
                    for r, (cells, row_text) in enumerate(zip(blk.rows, table_text[id(blk)]), 1)]
            emit_table(b, rows, cell_per_line)
    to_page(n_pages)
    return b


def _cell_text(cell: _Cell, kept: bool, allow: Any = lambda n: n,
               fix: Callable[[str], str] | None = None) -> list[str]:
    out: list[str] = []
    for blank, lines in cell.paras:
        out.extend([""] * allow(blank))
        out.append(_finish(para.join_lines(lines, cell.left, cell.right, kept), fix))
    return out or [""]
