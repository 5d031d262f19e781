"""One page image -> the glyphs and ruling lines the PDF layout code reads.

A scanned page has no text layer and no vector rulings, so both are rebuilt:

* **Rulings** are long straight runs of dark pixels (``rulings``): table borders
  at least ``MIN_RULING_INCH`` long and at most ``MAX_RULING_INCH`` thick
  (thicker is a dark picture, not a line).  A slightly skewed scan draws a line
  as a staircase of runs on neighbouring pixel rows, which are joined.  The
  rulings are whitened before recognition (Tesseract reads them as ``|`` or
  ``l``) and handed to the same table finder as a PDF's drawn rulings, so
  tables come back with their cells and spans.
* **Glyphs** come from Tesseract's words: each word's box is shared among its
  letters (combining marks get no width: they sit on their letter), all words
  of one Tesseract line get that line's top and bottom, and the font size is
  the line height divided by ``LINE_HEIGHT_PER_POINT`` (measured on the seed
  renderings), so the gap rules of ``pdf_layout`` (soft space, space, tab)
  apply as on a text layer.  Tone marks the Thai model drops are put back,
  and ๗ read as ฆ at the start of a line (``thai_ocr_fix``).

Coordinates are in points (1/72 inch) from the page's top-left corner.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from . import thai_digits
from .ocr import OcrWord, recognize
from .pdf_page import Edge, Glyph
from .thai_ocr_fix import fix_line_start, restore_tone_marks

#: A ruling is at least this long (shorter dark runs are letter strokes) ...
MIN_RULING_INCH = 0.3
#: ... and at most this thick (a thicker run is a filled area or a picture).
MAX_RULING_INCH = 0.05
#: Pixels darker than this (0-255) are ink.
INK = 160
#: Height of a Tesseract line box (Thai marks above and below included) per point
#: of font size, measured on the seed renderings against their text layers.
LINE_HEIGHT_PER_POINT = 1.55
#: A gap between two of Tesseract's words narrower than this share of the line
#: height is inside a Thai word (measured on the seed renderings: gaps at real
#: spaces are 0.2-0.6 line heights, the others mostly under 0.2).
WORD_GAP = 0.22
#: Thai digits are set further apart than letters: two of Tesseract's words that are
#: both Thai digits join across a gap up to this share of the line height.
DIGIT_GAP = 0.45
_DIGITS = re.compile("[\u0e50-\u0e59,.]+")
#: Lines whose height is within this share of the page's usual line height are body text of one size.
SAME_SIZE = 0.3
#: Share of a line's height below its baseline (Thai vowels below the letters).
DESCENT = 0.25
#: Words with these reach below the baseline: they do not tell where it is.
_DESCENDING = re.compile("[\u0e38\u0e39\u0e3a\u0e0e\u0e0f\u0e24\u0e26gjpqy,;()]")
#: Words Tesseract is less sure of than this (0-100) and that are one or two
#: characters long are specks and picture texture, not text.
MIN_SPECK_CONF = 40.0

_MARKS = frozenset("\u0e31\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
                   "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


@dataclass
class PageImage:
    """A page as pixels: ``image`` (PIL, greyscale) at ``dpi`` dots per inch."""
    image: Any
    dpi: float

    @property
    def size(self) -> tuple[float, float]:
        w, h = self.image.size
        return w * 72 / self.dpi, h * 72 / self.dpi


def rulings(gray: Any, dpi: float) -> tuple[list[Edge], list[tuple[int, int, int, bool]]]:
    """Ruling lines of a greyscale page (a numpy array) as edges in points, and the
    runs of pixels they are made of ``(line, start, end, vertical)`` for whitening."""
    import numpy as np

    dark = np.asarray(gray) < INK
    min_len = max(8, round(MIN_RULING_INCH * dpi))
    max_thick = max(2, round(MAX_RULING_INCH * dpi))
    edges: list[Edge] = []
    runs: list[tuple[int, int, int, bool]] = []
    for vertical, grid in ((False, dark), (True, dark.T)):
        found = _long_runs(np, grid, min_len)
        for group in _join_runs(found):
            rows = [r for r, _, _ in group]
            if max(rows) - min(rows) + 1 > max_thick + abs(_drift(group)):
                continue  # a dark area, not a line
            x0 = min(s for _, s, _ in group) * 72 / dpi
            x1 = max(e for _, _, e in group) * 72 / dpi
            y = (min(rows) + max(rows) + 1) / 2 * 72 / dpi
            edges.append(Edge("v", y, y, x0, x1) if vertical else Edge("h", x0, x1, y, y))
            runs.extend((r, s, e, vertical) for r, s, e in group)
    return edges, runs


def _long_runs(np: Any, grid: Any, min_len: int) -> list[tuple[int, int, int]]:
    """Runs of True along each row of ``grid`` at least ``min_len`` long: (row, start, end)."""
    padded = np.zeros((grid.shape[0], grid.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = grid
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)  # row-major order: the k-th end closes the k-th start
    keep = ends - starts >= min_len
    return list(zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist()))


def _join_runs(runs: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Group runs on neighbouring rows (two rows apart at most) that overlap or touch
    end to end (a skewed line's staircase) into lines."""
    groups: list[list[tuple[int, int, int]]] = []
    open_: list[list[tuple[int, int, int]]] = []  # groups that may still grow
    for run in runs:  # sorted by row
        row, start, end = run
        open_ = [g for g in open_ if row - g[-1][0] <= 2]
        for g in open_:
            if any(start <= e + 3 and s <= end + 3 for r, s, e in g[-8:] if row - r <= 2):
                g.append(run)
                break
        else:
            g = [run]
            groups.append(g)
            open_.append(g)
    return groups


def _drift(group: list[tuple[int, int, int]]) -> int:
    """How many rows a skewed line climbs or falls over its length (0 for a level line)."""
    first = min(group, key=lambda r: r[1])
    last = max(group, key=lambda r: r[2])
    return last[0] - first[0]


def whiten(gray: Any, runs: list[tuple[int, int, int, bool]]) -> Any:
    """A copy of the greyscale array with the ruling runs painted white."""
    out = gray.copy()
    for line, start, end, vertical in runs:
        if vertical:
            out[start:end, line] = 255
        else:
            out[line, start:end] = 255
    return out


def ocr_page(page: PageImage) -> tuple[list[Glyph], list[Edge]]:
    """Glyphs (reading order) and ruling edges of one page image, in points."""
    import numpy as np
    from PIL import Image

    gray = np.asarray(page.image.convert("L"))
    edges, runs = rulings(gray, page.dpi)
    clean = whiten(gray, runs) if runs else gray
    return words_to_glyphs(recognize(Image.fromarray(clean)), page.dpi, clean), edges


def words_to_glyphs(words: list[OcrWord], dpi: float, gray: Any = None) -> list[Glyph]:
    """Tesseract's words as glyphs, one per letter (see the module docstring).

    Tesseract cuts Thai (written without spaces between words) into "words" at
    small gaps between letters, down to single letters and lone tone marks (whose
    box may even lie left of their letter).  In Tesseract's order, which is the
    text's, a word of marks only joins the word before it, and so does a word
    after a gap narrower than ``WORD_GAP`` line heights; only real spaces are
    left for the layout's gap rules.  A joined word that is a number is read
    again by shape from ``gray`` (the page's pixels; ``thai_digits``).

    Ink boxes differ from line to line (a line without tone marks is lower), while
    the layout compares lines by font size and pitch, as a text layer gives
    them.  So each line gets a box from its baseline (the bottom of its words
    without descending marks) and a height, the page's usual line height when it
    is within ``SAME_SIZE`` of it (body text), its own otherwise (headings).
    """
    scale = 72 / dpi
    by_line: dict[tuple[int, int, int], list[OcrWord]] = defaultdict(list)
    for w in words:
        if w.conf >= MIN_SPECK_CONF or len(w.text) > 2:
            by_line[w.line].append(w)
    heights = {key: max(w.top + w.height for w in line) - min(w.top for w in line) for key, line in by_line.items()}
    usual = statistics.median(heights.values()) if heights else 0
    glyphs: list[Glyph] = []
    for key, line in by_line.items():
        height = heights[key]
        line_top, line_bottom = min(w.top for w in line), max(w.top + w.height for w in line)
        if abs(height - usual) <= SAME_SIZE * usual:
            height = usual
        flat = [w.top + w.height for w in line if not _DESCENDING.search(w.text)]
        baseline = statistics.median(flat or [w.top + w.height for w in line])
        top, bottom = baseline - (1 - DESCENT) * height, baseline + DESCENT * height
        size = max(1.0, height * scale / LINE_HEIGHT_PER_POINT)
        groups: list[list[OcrWord]] = []  # Tesseract's words joined into real words
        for w in line:
            last = groups[-1] if groups else None
            gap = w.left - max(x.left + x.width for x in last) if last else 0
            if last and (all(ch in _MARKS for ch in w.text) or gap < WORD_GAP * height
                         or (gap < DIGIT_GAP * height and _DIGITS.fullmatch(w.text)
                             and _DIGITS.fullmatch(last[-1].text))):
                last.append(w)
            else:
                groups.append([w])
        for k, group in enumerate(groups):
            text = _group_text(group, gray, line_top, line_bottom)
            if k == 0:
                text = fix_line_start(text)
            left, right = min(w.left for w in group), max(w.left + w.width for w in group)
            _add_word(glyphs, restore_tone_marks(text), left, right, top, bottom, size, scale)
    return glyphs


def _group_text(group: list[OcrWord], gray: Any, top: int, bottom: int) -> str:
    """The text of a joined word; a part that reads as a number is read again by shape
    from the page's pixels (``thai_digits``), and that reading replaces every part
    over the same ink."""
    if gray is None:
        return "".join(w.text for w in group)
    out: list[str] = []
    read: list[tuple[int, int]] = []  # the ink already read as numbers
    for w in group:
        if any(min(hi, w.left + w.width) - max(lo, w.left) >= 0.3 * w.width for lo, hi in read):
            continue  # part of a number already read (Tesseract's boxes are loose)
        if thai_digits.is_candidate(w.text, w.conf):
            found = thai_digits.reread(gray, w.left, w.left + w.width, top, bottom)
            if found:
                out.append(found[0])
                read.append((found[1], found[2]))
                continue
        out.append(w.text)
    return "".join(out)


def _add_word(glyphs: list[Glyph], text: str, left: float, right: float, top: float, bottom: float,
              size: float, scale: float) -> None:
    """The letters of one word spread evenly over its box; marks sit on their letter."""
    bases = sum(1 for ch in text if ch not in _MARKS) or 1
    step = (right - left) / bases
    x = left
    for ch in text:
        mark = ch in _MARKS and x > left
        x0 = x - step if mark else x
        glyphs.append(Glyph(ch, x0 * scale, (x0 + step) * scale, top * scale, bottom * scale, size, len(glyphs)))
        if not mark:
            x += step
