"""Thai digits re-read by shape, because Tesseract's Thai model cannot read them.

The Thai model that Debian, Ubuntu and the Windows installer ship
(tessdata_fast ``tha``) has only ๐ ๑ ๒ ๓ ๕ among its characters: ๔ ๖ ๗ ๘ ๙
come out as other digits ("๘๐" as "๕๐", "๖" as "๒๐") or as Latin letters
("BO").  Plans write budgets, percentages and years in Thai digits, so every
word Tesseract reads as a number (or as a short unsure Latin word standing
where a number would) is read again here:

* the word's pixels are cut into glyphs at the columns without ink;
* each glyph of digit height is compared with the ten Thai digits drawn in the
  Thai fonts installed on the machine (TH Sarabun New or its free twin
  Laksaman first: the standard font of Thai government documents), at the
  same size, and the closest wins; smaller marks are commas, full stops and
  dashes by their place;
* the new reading replaces Tesseract's only if every glyph resembles a digit
  or a punctuation mark (a Latin word stays a Latin word).

Without any Thai font installed, Tesseract's digits are kept (docs/formats.md
says which package adds one).
"""

from __future__ import annotations

import glob
import os
import re
from functools import lru_cache
from typing import Any

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
#: Fonts tried for the digit shapes, by file name (first found of each family is used).
FONT_FILES = ("THSarabunNew.ttf", "THSarabunNew Bold.ttf", "THSarabun.ttf", "Laksaman.ttf", "Laksaman-Bold.ttf",
              "Garuda.ttf", "Loma.ttf", "Norasi.ttf", "Kinnari.ttf", "tahoma.ttf", "angsa.ttf", "cordia.ttf")
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts"),
              os.path.expanduser("~/.local/share/fonts"), "/Library/Fonts", os.path.expanduser("~/Library/Fonts"),
              os.path.join(os.environ.get("WINDIR", "C:\\Windows"), "Fonts"))
#: Side of the square every glyph is scaled to before comparing.
GRID = 20
#: Similarity (correlation, -1..1) a glyph needs with its best digit to count as one.
MIN_SIMILARITY = 0.55
#: Width of a Thai digit per unit of its height (touching digits are cut at about this pitch).
DIGIT_WIDTH = 0.9
#: Empty columns, per unit of line height, that end a word when its ink is followed sideways.
SPACE = 0.2
#: Cut positions tried per digit in a run of touching digits (the thinnest columns).
MAX_CUTS = 6
#: Ink darker than this (0-255).
INK = 160

_NUMBER_WORD = re.compile("[,.\\-(]*[๐-๙][๐-๙,.\\-/)]*")
_SHORT_LATIN = re.compile("[A-Za-z&]{1,4}[.,]?")


def _font_paths() -> list[str]:
    found: list[str] = []
    for name in FONT_FILES:
        for folder in _FONT_DIRS:
            hits = glob.glob(os.path.join(glob.escape(folder), "**", name), recursive=True)
            if hits:
                found.append(sorted(hits)[0])
                break
    return found


@lru_cache(maxsize=1)
def templates() -> list[tuple[str, Any]]:
    """(digit, normalized shape) for every digit in every Thai font found."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    out = []
    for path in _font_paths():
        try:
            font = ImageFont.truetype(path, 64)
        except OSError:
            continue
        for digit in THAI_DIGITS:
            image = Image.new("L", (96, 96), 255)
            ImageDraw.Draw(image).text((16, 8), digit, font=font, fill=0)
            ink = np.asarray(image) < INK
            if ink.any():
                out.append((digit, _normalize(ink)))
    return out


def available() -> bool:
    return bool(templates())


def _normalize(ink: Any) -> Any:
    """A glyph's ink cropped to its box, scaled to GRID x GRID, zero mean and unit norm."""
    import numpy as np
    from PIL import Image

    rows, cols = np.nonzero(ink)
    box = ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    image = Image.fromarray((box * 255).astype(np.uint8)).resize((GRID, GRID), Image.BILINEAR)
    v = np.asarray(image, dtype=np.float32).ravel()
    v -= v.mean()
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


def is_candidate(text: str, conf: float) -> bool:
    """Does Tesseract's word look like a number (or a number misread as a short Latin word)?"""
    return bool(_NUMBER_WORD.fullmatch(text)) or (conf < 90 and bool(_SHORT_LATIN.fullmatch(text)))


def reread(gray: Any, left: int, right: int, top: int, bottom: int) -> tuple[str, int, int] | None:
    """The number written around ``left``..``right`` on the text line ``top``..``bottom``
    of a greyscale page array, with the columns it spans, or None when its glyphs
    are not all digits and punctuation (or no Thai font is installed).

    Tesseract's boxes for Thai digits are often off by part of a glyph, so the
    ink is followed sideways from the box until a gap as wide as a space.
    """
    import numpy as np

    shapes = templates()
    if not shapes or right - left < 2 or bottom - top < 2:
        return None
    band = np.asarray(gray[max(0, top):bottom]) < INK
    columns = band.any(axis=0)
    space = max(2, int(SPACE * (bottom - top)))
    left, right = _follow(columns, max(0, left), min(len(columns), right), space)
    ink = band[:, left:right]
    if not ink.any():
        return None
    rows = np.nonzero(ink.any(axis=1))[0]
    ink = ink[rows.min():rows.max() + 1]
    blobs = _blobs(np, ink)
    spans = [_ink_rows(np, b) for b in blobs]
    tallest = max(r1 - r0 for r0, r1 in spans)
    digit_bottom = max((r1 for r0, r1 in spans if r1 - r0 >= 0.6 * tallest), default=ink.shape[0])
    matrix = np.stack([s for _, s in shapes])
    out = []
    for blob, (r0, r1) in zip(blobs, spans):
        h, w = r1 - r0, blob.shape[1]
        if h >= 0.6 * tallest:
            read = _digits(np, blob, matrix, shapes, h)
            if read is None:
                return None
            out.append(read)
        elif w > 1.5 * h:
            out.append("-")
        elif r0 > 0.5 * ink.shape[0]:  # low on the line: a comma reaches below the digits, a full stop does not
            out.append("," if r1 - digit_bottom > 0.12 * tallest else ".")
        else:
            return None  # a mark above the line: not a number
    text = "".join(out)
    return (text, left, right) if any(ch in THAI_DIGITS for ch in text) else None


def _follow(columns: Any, left: int, right: int, space: int) -> tuple[int, int]:
    """Widen ``left``..``right`` over inked columns until ``space`` empty columns in a row."""
    n = len(columns)
    empty = 0
    while left > 0 and empty < space:
        left -= 1
        empty = 0 if columns[left] else empty + 1
    left += empty
    empty = 0
    while right < n and empty < space:
        empty = 0 if columns[right] else empty + 1
        right += 1
    right -= empty
    return left, right


def _blobs(np: Any, ink: Any) -> list[Any]:
    """The word cut at the columns without ink."""
    columns = list(ink.any(axis=0)) + [False]
    out, start = [], None
    for x, has_ink in enumerate(columns):
        if has_ink and start is None:
            start = x
        elif not has_ink and start is not None:
            out.append(ink[:, start:x])
            start = None
    return out


def _ink_rows(np: Any, blob: Any) -> tuple[int, int]:
    rows = np.nonzero(blob.any(axis=1))[0]
    return int(rows.min()), int(rows.max()) + 1


def _digits(np: Any, blob: Any, matrix: Any, shapes: list[tuple[str, Any]], height: int) -> str | None:
    """The digits of a blob: one digit, or several touching ones cut where the ink is thinnest
    (the cuts that make every part most like a digit win)."""
    width = blob.shape[1]
    digit = DIGIT_WIDTH * height

    def one(part: Any) -> tuple[str, float]:
        scores = matrix @ _normalize(part)
        k = int(np.argmax(scores))
        return shapes[k][0], float(scores[k])

    if width <= 1.5 * digit:
        text, score = one(blob)
        return text if score >= MIN_SIMILARITY else None
    ink_per_column = blob.sum(axis=0)
    best: dict[int, tuple[str, float] | None] = {width: ("", 1.0)}

    def read_from(start: int) -> tuple[str, float] | None:
        """Best reading of blob[:, start:] as digits: (text, lowest similarity)."""
        if start in best:
            return best[start]
        rest = width - start
        result: tuple[str, float] | None = None
        if rest <= 1.5 * digit:
            text, score = one(blob[:, start:])
            result = (text, score) if score >= MIN_SIMILARITY else None
        else:
            lo, hi = start + int(0.6 * digit), min(width - int(0.4 * digit), start + int(1.4 * digit))
            window = ink_per_column[lo:hi]
            if len(window):
                thin = window.min()
                for cut in [lo + i for i, v in enumerate(window) if v <= thin + 1][:MAX_CUTS]:
                    part = blob[:, start:cut]
                    if not part.any():
                        continue
                    text, score = one(part)
                    tail = read_from(cut) if score >= MIN_SIMILARITY else None
                    if tail is not None:
                        candidate = (text + tail[0], min(score, tail[1]))
                        if result is None or candidate[1] > result[1]:
                            result = candidate
        best[start] = result
        return result

    found = read_from(0)
    return found[0] if found else None
