"""Glyphs and ruling lines of one PDF page, read through pypdfium2 (pdfplumber's backend).

Why pdfium for the text layer rather than pdfplumber's pdfminer: pdfium honours
``/ActualText`` (LibreOffice and Word write Thai sara am that way; pdfminer
yields "ำา") and keeps content-stream order (pdfminer's x-sorting moves upper
vowels past the next consonant: "พ้นื"), and it is about ten times faster, which
the 20 pages/s goal needs.  Table structure is then found by pdfplumber's
table algorithm on the ruling lines (see ``pdf_layout``).

Coordinates are returned in the *reading* frame of the page: origin top-left,
y growing downwards, turned so that most text runs left to right (a landscape
page stored as a rotated portrait one reads like any other page).
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from typing import Any, NamedTuple

import pypdfium2.raw as raw


class PageTooLarge(Exception):
    """The page has more characters than the reader's limit."""


class Glyph(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    stream: int  # position in the content stream (logical order)
    weight: int = 0  # font weight (400 regular, 700 bold; 0 unknown)


class Edge(NamedTuple):
    orientation: str  # "h" or "v"
    x0: float
    x1: float
    top: float
    bottom: float


class _Frame:
    """Maps PDF user space to the top-down reading frame, turned by ``rot``
    degrees (the direction the text runs, counter-clockwise from the x axis)."""

    def __init__(self, page: Any, rot: int = 0) -> None:
        left, bottom, right, top = page.get_cropbox()
        self.left, self.bottom = left, bottom
        self.w, self.h = right - left, top - bottom
        self.rot = rot % 360

    @property
    def size(self) -> tuple[float, float]:
        return (self.h, self.w) if self.rot in (90, 270) else (self.w, self.h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.left, y - self.bottom
        if self.rot == 90:
            return y, x
        if self.rot == 180:
            return self.w - x, y
        if self.rot == 270:
            return self.h - y, self.w - x
        return x, self.h - y

    def box(self, l: float, b: float, r: float, t: float) -> tuple[float, float, float, float]:
        xa, ya = self.point(l, b)
        xb, yb = self.point(r, t)
        return min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)


def _text_direction(tp: Any, n: int) -> int:
    """The direction most glyphs run in, rounded to a quarter turn (degrees)."""
    votes: Counter[int] = Counter()
    for k in range(0, n, max(1, n // 200)):  # a sample is enough
        angle = raw.FPDFText_GetCharAngle(tp, k)
        if angle >= 0:
            votes[-round(math.degrees(angle) / 90) % 4 * 90] += 1  # pdfium's angle is clockwise
    return votes.most_common(1)[0][0] if votes else 0


def page_glyphs(page: Any, max_chars: int | None = None) -> tuple[list[Glyph], int, tuple[float, float], int]:
    """Real (not pdfium-generated) glyphs of ``page``, the count of glyphs without a
    Unicode mapping, the page size in the reading frame and the frame's turn.

    Raises :class:`PageTooLarge` when the page has more than ``max_chars`` characters.
    A code that is not a Unicode character (a lone UTF-16 surrogate, a value past
    U+10FFFF) becomes U+FFFD, so the text can always be written as UTF-8; glyphs
    placed at non-finite coordinates are dropped.
    """
    tp = raw.FPDFText_LoadPage(page.raw)
    if not tp:
        frame = _Frame(page)
        return [], 0, frame.size, 0
    try:
        n = raw.FPDFText_CountChars(tp)
        if max_chars is not None and n > max_chars:
            raise PageTooLarge(n)
        frame = _Frame(page, _text_direction(tp, n))
        rect = raw.FS_RECTF()
        out: list[Glyph] = []
        unmapped = 0
        paired = -1  # the low half of a surrogate pair already joined to its high half
        for k in range(n):
            if k == paired or raw.FPDFText_IsGenerated(tp, k):
                continue
            code = raw.FPDFText_GetUnicode(tp, k)
            if 0xD800 <= code < 0xDC00 and k + 1 < n:  # surrogate pair: join with the next unit
                low = raw.FPDFText_GetUnicode(tp, k + 1)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    paired = k + 1
            if code in (0, 0xFFFE, 0xFFFD) or raw.FPDFText_HasUnicodeMapError(tp, k):
                unmapped += 1
                continue
            ch = chr(code) if code <= 0x10FFFF and not 0xD800 <= code < 0xE000 else "\ufffd"
            if ch in "\r\n\x02\x03":
                continue
            raw.FPDFText_GetLooseCharBox(tp, k, rect)
            x0, x1, top, bottom = frame.box(rect.left, rect.bottom, rect.right, rect.top)
            size = raw.FPDFText_GetFontSize(tp, k) or (bottom - top)
            if not all(map(math.isfinite, (x0, x1, top, bottom, size))):
                continue
            out.append(Glyph(ch, x0, x1, top, bottom, size, k, max(0, raw.FPDFText_GetFontWeight(tp, k))))
        return out, unmapped, frame.size, frame.rot
    finally:
        raw.FPDFText_ClosePage(tp)


_MIN_EDGE = 2.0  # points: shorter strokes are glyph parts, dots or the ends of a thin rectangle
_MAX_SEGMENTS = 2000  # a path with more segments is artwork (curves, maps), not rulings


def page_edges(page: Any, rot: int = 0) -> list[Edge]:
    """Horizontal and vertical strokes of the page's visible path objects (table
    rulings), in the reading frame turned by ``rot`` degrees."""
    frame = _Frame(page, rot)
    edges: list[Edge] = []
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    matrix = raw.FS_MATRIX()
    n_obj = raw.FPDFPage_CountObjects(page.raw)
    for i in range(n_obj):
        obj = raw.FPDFPage_GetObject(page.raw, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPath_GetDrawMode(obj, fillmode, stroke) or (not stroke.value and not fillmode.value):
            continue
        n_seg = raw.FPDFPath_CountSegments(obj)
        if n_seg > _MAX_SEGMENTS or not raw.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        for s in range(n_seg):
            seg = raw.FPDFPath_GetPathSegment(obj, s)
            if not raw.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
            point = frame.point(px, py)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = prev = point
                continue
            if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
                _add_edge(edges, prev, point)
            prev = point
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_edge(edges, point, start)
                prev = start
    return edges


def _add_edge(edges: list[Edge], p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= _MIN_EDGE:
        edges.append(Edge("h", min(x0, x1), max(x0, x1), y0, y0))
    elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= _MIN_EDGE:
        edges.append(Edge("v", x0, x0, min(y0, y1), max(y0, y1)))


def has_picture(page: Any) -> bool:
    """Does the page draw an image (a scan, a photo)?"""
    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        if raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page.raw, i)) == raw.FPDF_PAGEOBJ_IMAGE:
            return True
    return False
