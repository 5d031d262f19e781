"""PDF reader: text in reading order per page, ruled tables as tables, Thai repaired.

The library is pdfplumber (MIT) with its pypdfium2 backend (Apache-2.0/BSD);
PyMuPDF was not used because its AGPL licence does not fit the project.
Glyphs and rulings come from pdfium (``pdf_page``), tables from pdfplumber's
table algorithm (``pdf_layout``), paragraphs are rebuilt from lines
(``pdf_paragraphs``) and the Thai damage of PDF text layers is repaired
(``thai_repair``).  The output follows the .txt corpus conventions, like the
.docx reader: one paragraph per line, empty paragraphs as blank lines, tables
row-per-line or cell-per-line.  ``page_starts`` gives every page's offset.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Union

from ..errors import InputError
from ..model import SourceText
from . import pdf_paragraphs as para
from .pdf_layout import Line, Table, assign_to_tables, build_lines, clusters_of, find_tables
from .pdf_page import page_edges, page_glyphs
from .text_builder import TextBuilder, use_cell_per_line
from .thai_repair import SOFT_SPACE, repair_line, resolve_soft_spaces

#: Share of glyphs without a Unicode mapping above which the text layer is unusable.
MAX_UNMAPPED_SHARE = 0.5
OCR_HINT = ("run OCR first (e.g. `ocrmypdf -l tha+eng --force-ocr in.pdf out.pdf`, "
            "needs tesseract with Thai data) and extract the OCRed PDF")


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
    ratio: float  # line pitch / font size

    def pitch(self, size: float) -> float:
        return self.ratio * size


@dataclass
class _Para:
    pieces: list[tuple[int, str]]  # (page, text): a paragraph can run over a page break
    blank_before: int = 0


@dataclass
class _TableOut:
    page: int
    index: int  # table number on its page
    rows: list[list[list[str]]]  # row -> cell -> paragraphs
    blank_before: int = 0


def read_pdf(path: str | None, data: bytes) -> SourceText:
    import pypdfium2 as pdfium

    head = data[:1024]
    if b"%PDF-" not in head:
        raise InputError(path, "not a PDF file (no %PDF- header): the file is corrupted or has the wrong extension")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(path, "truncated PDF (no %%EOF marker at the end): the download or copy is incomplete")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise InputError(path, "encrypted PDF: it needs a password to open; save an unprotected copy "
                                   "(print to PDF or remove the password) and retry") from None
        if "security" in msg.lower():
            raise InputError(path, "encrypted PDF with an unsupported security handler; save an unprotected copy") from None
        raise InputError(path, f"corrupted PDF: {msg}") from None
    try:
        pages, glyph_count, unmapped = _read_pages(pdf)
    except pdfium.PdfiumError as exc:
        raise InputError(path, f"corrupted PDF: {exc}") from None
    finally:
        pdf.close()
    if not pages:
        raise InputError(path, "the PDF has no pages")
    if glyph_count == 0:
        raise InputError(path, f"scanned PDF without a text layer ({len(pages)} page(s) of images): "
                               f"OCR is needed; {OCR_HINT}")
    if unmapped > MAX_UNMAPPED_SHARE * (glyph_count + unmapped):
        raise InputError(path, f"the PDF's text layer cannot be decoded ({unmapped} of {glyph_count + unmapped} "
                               f"glyphs have no Unicode mapping): OCR is needed; {OCR_HINT}")
    blocks = _blocks(pages)
    b = _emit(blocks, len(pages))
    return SourceText(text=b.text(), path=path, format="pdf", encoding=None, pages=len(pages),
                      page_starts=b.page_starts, regions=b.regions)


def _read_pages(pdf: object) -> tuple[list[_Page], int, int]:
    pages: list[_Page] = []
    total = unmapped_total = 0
    for i in range(len(pdf)):  # type: ignore[arg-type]
        page = pdf[i]  # type: ignore[index]
        try:
            glyphs, unmapped, size = page_glyphs(page)
            edges = page_edges(page)
        finally:
            page.close()
        total += sum(1 for g in glyphs if not g.text.isspace())
        unmapped_total += unmapped
        clusters = clusters_of(glyphs)
        tables = find_tables(edges, size)
        body = assign_to_tables(clusters, tables)
        tables = [t for t in tables if any(c.clusters for row in t.rows for c in row)]
        items: list[Union[Line, Table]] = [*build_lines(body), *tables]
        items.sort(key=lambda it: it.top)
        pages.append(_Page(i + 1, size, items))
    return pages, total, unmapped_total


def _geometry(pages: list[_Page]) -> dict[tuple[int, int], _Geometry]:
    """Margins and pitch per page size, from all body lines of that size."""
    by_size: dict[tuple[int, int], list[_Page]] = {}
    for p in pages:
        by_size.setdefault((round(p.size[0]), round(p.size[1])), []).append(p)
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
        if lines:
            left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
            rights = sorted(ln.x1 for ln in lines)
            right = rights[int(0.95 * (len(rights) - 1))]
            tops = [next((it.top for it in p.items), 0.0) for p in group if p.items]
            top = min(tops) if tops else 0.0
        else:
            left, right, top = 0.0, group[0].size[0], 0.0
        out[key] = _Geometry(float(left), right, top, ratio)
    return out


def _blocks(pages: list[_Page]) -> list[Union[_Para, _TableOut]]:
    geo = _geometry(pages)
    blocks: list[Union[_Para, _TableOut]] = []
    open_para: list[Line] | None = None  # last paragraph, still open for a page-break continuation
    prev_line: Line | None = None
    prev_bottom: float | None = None  # bottom of the last table on the page

    def close() -> None:
        nonlocal open_para
        open_para = None

    for page in pages:
        g = geo[(round(page.size[0]), round(page.size[1]))]
        t_index = 0
        first_item = True
        for item in page.items:
            if isinstance(item, Table):
                t_index += 1
                if first_item:
                    blank = para.blank_lines(item.top - g.top + g.pitch(_table_size(item)), g.pitch(_table_size(item)))
                elif prev_line is not None:
                    blank = max(0, round((item.top - prev_line.top - g.pitch(prev_line.size)) / g.pitch(prev_line.size)))
                else:
                    blank = max(0, round((item.top - (prev_bottom or item.top)) / g.pitch(_table_size(item))))
                blocks.append(_TableOut(page.number, t_index, _table_rows(item, g), blank))
                close()
                prev_line, prev_bottom = None, item.bottom
                first_item = False
                continue
            line = item
            pitch = g.pitch(line.size)
            if open_para is not None and prev_line is not None and not first_item \
                    and para.wrapped(prev_line, line, g.left, g.right, pitch):
                open_para.append(line)
                blocks[-1].pieces[-1] = (page.number, blocks[-1].pieces[-1][1] + "\n" + line.text)  # type: ignore[union-attr]
            elif open_para is not None and first_item and prev_line is not None \
                    and line.top - g.top < 0.5 * pitch and _continues(prev_line, line, g):
                open_para.append(line)
                blocks[-1].pieces.append((page.number, line.text))  # type: ignore[union-attr]
            else:
                if first_item:
                    blank = para.blank_lines(line.top - g.top + pitch, pitch)
                elif prev_line is not None:
                    blank = para.blank_lines(line.top - prev_line.top, pitch)
                else:  # after a table
                    blank = max(0, round((line.top - (prev_bottom or line.top)) / pitch))
                blocks.append(_Para([(page.number, line.text)], blank))
                open_para = [line]
            prev_line = line
            first_item = False
        if page.items and isinstance(page.items[-1], Table):
            close()
    for blk in blocks:
        if isinstance(blk, _Para):
            blk.pieces = _finish_pieces(blk.pieces)
    return blocks


def _continues(a: Line, b: Line, g: _Geometry) -> bool:
    """A paragraph going on over a page break (no vertical test possible)."""
    if abs(a.size - b.size) > 0.5 or para.is_marker(b.text) or b.x0 > g.left + 1.2 * b.size:
        return False
    return para.room(a, g.left, g.right) < para.first_word_width(b) + 0.6 * a.size


def _finish_pieces(pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join each piece's wrapped lines, glue a page-break continuation like a
    wrapped line (the glue stays on the earlier page), repair the Thai."""
    texts: list[tuple[int, str]] = []
    for page, text in pieces:
        lines = text.split("\n")
        joined = lines[0]
        for nxt in lines[1:]:
            joined = para.join(joined, nxt, _TRAILING_SPACES_KEPT)
        texts.append((page, joined))
    for i in range(1, len(texts)):
        (prev_page, prev), (_, cur) = texts[i - 1], texts[i]
        joined = para.join(prev, cur, _TRAILING_SPACES_KEPT)
        texts[i - 1] = (prev_page, joined[:len(joined) - len(cur)])
    return [(page, resolve_soft_spaces(repair_line(t))) for page, t in texts]


_TRAILING_SPACES_KEPT = True


def _table_size(t: Table) -> float:
    sizes = [c.size for row in t.rows for cell in row for c in cell.clusters if not c.is_space]
    return statistics.median(sizes) if sizes else 12.0


def _table_rows(t: Table, g: _Geometry) -> list[list[list[str]]]:
    rows = []
    for row in t.rows:
        cells = []
        for cell in row:
            lines = build_lines(cell.clusters)
            if not lines:
                cells.append([""])
                continue
            pad = min(max(1.0, min(ln.x0 for ln in lines) - cell.x0), 12.0)
            left, right = cell.x0 + pad, cell.x1 - pad
            texts: list[str] = []
            prev: Line | None = None
            for group in para.paragraphs(lines, left, right, g.pitch(lines[0].size)):
                first = group[0]
                if prev is not None:
                    texts.extend([""] * para.blank_lines(first.top - prev.top, g.pitch(first.size)))
                joined = group[0].text
                for ln in group[1:]:
                    joined = para.join(joined, ln.text, _TRAILING_SPACES_KEPT)
                texts.append(resolve_soft_spaces(repair_line(joined)))
                prev = group[-1]
            cells.append(texts)
        rows.append(cells)
    return rows


def _emit(blocks: list[Union[_Para, _TableOut]], n_pages: int) -> TextBuilder:
    cell_per_line = use_cell_per_line([cell for blk in blocks if isinstance(blk, _TableOut)
                                       for row in blk.rows for cell in row])
    b = TextBuilder()
    page_done = 0
    first = True
    para_no: Counter[int] = Counter()

    def to_page(p: int) -> None:
        nonlocal page_done
        while page_done < p:
            b.page()
            page_done += 1

    def newline() -> None:
        nonlocal first
        if not first:
            b.add("\n")
        first = False

    for blk in blocks:
        if isinstance(blk, _Para):
            for _ in range(blk.blank_before):
                newline()
            newline()
            start_page = blk.pieces[0][0]
            para_no[start_page] += 1
            for k, (page, text) in enumerate(blk.pieces):
                to_page(page)
                b.region(f"page {start_page}, paragraph {para_no[start_page]}" if k == 0 else f"page {page}")
                b.add(text.replace("\n", " "))
            continue
        for _ in range(blk.blank_before):
            newline()
        name = f"page {blk.page}, table {blk.index}"
        for r, row in enumerate(blk.rows, 1):
            if cell_per_line:
                for c, cell in enumerate(row, 1):
                    newline()
                    to_page(blk.page)
                    b.region(f"{name}, row {r}, cell {c}")
                    b.add("\t" + cell[0])
                    for extra in cell[1:]:
                        newline()
                        b.add(extra)
                newline()
            else:
                newline()
                to_page(blk.page)
                for c, cell in enumerate(row, 1):
                    if c > 1:
                        b.add("\t")
                    b.region(f"{name}, row {r}, cell {c}")
                    b.add(" ".join(x for x in cell if x))
    to_page(n_pages)
    return b
