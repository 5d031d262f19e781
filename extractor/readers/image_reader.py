"""Image reader: a scanned page as .png, .jpg or .tif (a multi-page .tif is a
document of several pages), read by OCR into the same layout as a PDF page.

The resolution is the one the file records (a scanner writes it); an image
without one is taken at ``ASSUMED_DPI``, the usual scanning resolution.
Pillow's own guard against decompression bombs stays on, and the pixels of
one page and the number of pages are limited (docs/formats.md).
"""

from __future__ import annotations

import io
from typing import Any

from ..blocks import Layout
from ..errors import InputError
from .ocr import OcrMode, OcrOptions, require_engine
from .ocr_page import PageImage
from .ocr_pages import run_ocr
from .pdf_reader import MAX_PAGES, MAX_RENDER_PIXELS, page_of, pages_to_layout
from .safety import limit, too_large

#: Dots per inch of an image that does not say.
ASSUMED_DPI = 300
#: A stated resolution outside this range is a wrong header, not a scan.
DPI_RANGE = (70, 1200)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def read_image(path: str | None, data: bytes, ocr: OcrOptions | None = None) -> Layout:
    ocr = ocr or OcrOptions()
    if ocr.mode is OcrMode.NEVER:
        raise InputError(path, "an image has no text layer: it can only be read by OCR (drop `--ocr never`)")
    require_engine(path, "an image can only be read by OCR")
    frames = _frames(path, data)
    recognized = run_ocr(path, ocr, [(k + 1, lambda f=frame: f) for k, frame in enumerate(frames)])
    pages = []
    for k in range(len(frames)):
        glyphs, edges, size = recognized[k + 1]
        pages.append(page_of(k + 1, size, glyphs, edges))
    if not any(not g.text.isspace() for glyphs, _, _ in recognized.values() for g in glyphs):
        raise InputError(path, f"no text found by OCR in its {len(pages)} page(s) (a photo or a blank page?)")
    return pages_to_layout(path, "image", pages, list(range(1, len(pages) + 1)))


def _frames(path: str | None, data: bytes) -> list[PageImage]:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.verify()  # a damaged file fails here, before any decoding work
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise too_large(path, "image is too large to read safely (more pixels than Pillow allows)") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise InputError(path, "not a readable image (the file is damaged or not PNG, JPEG or TIFF)") from None
    max_pages = limit("MAX_PAGES", MAX_PAGES)
    frames: list[PageImage] = []
    try:
        for k, frame in enumerate(ImageSequence.Iterator(image)):
            if k >= max_pages:
                raise too_large(path, f"image file is too large to read safely: more than {max_pages:,} pages "
                                      "(set THAIPLAN_MAX_PAGES to read more)")
            frames.append(_page(frame))
    except (OSError, SyntaxError, ValueError):
        raise InputError(path, f"image page {len(frames) + 1} cannot be decoded (the file is damaged)") from None
    return frames


def _page(frame: Any) -> PageImage:
    dpi = _stated_dpi(frame)
    gray = frame.convert("L")
    w, h = gray.size
    if w * h > MAX_RENDER_PIXELS:  # scale down rather than refuse: OCR needs no more
        f = (MAX_RENDER_PIXELS / (w * h)) ** 0.5
        gray = gray.resize((max(1, int(w * f)), max(1, int(h * f))))
        dpi *= f
    return PageImage(gray, dpi)


def _stated_dpi(frame: Any) -> float:
    value = frame.info.get("dpi")
    try:
        dpi = float(value[0]) if value else 0.0
    except (TypeError, ValueError, IndexError):
        dpi = 0.0
    return dpi if DPI_RANGE[0] <= dpi <= DPI_RANGE[1] else float(ASSUMED_DPI)
