"""Scanned documents made on the fly for the OCR tests: pages of the seeds' PDF
renderings (corpora/variants) rasterized into image-only PDFs or images, so
nothing large is committed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ROOT / "corpora" / "variants"


def variant(prefix: str) -> Path:
    return next(VARIANTS.glob(f"{prefix}_*.pdf"))


def rasterize(src: Path, pages: Iterable[int] | None = None, dpi: int = 200) -> list:
    """Greyscale PIL images of ``pages`` (0-based; all when None) of the PDF ``src``."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    try:
        indexes = range(len(pdf)) if pages is None else pages
        return [pdf[k].render(scale=dpi / 72, grayscale=True).to_pil() for k in indexes]
    finally:
        pdf.close()


def image_only_pdf(images: list, dpi: int = 200) -> bytes:
    """A PDF whose pages are the images only: no text layer (a scan)."""
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def scanned_copy(src: Path, dest: Path, pages: Iterable[int] | None = None, dpi: int = 200) -> Path:
    dest.write_bytes(image_only_pdf(rasterize(src, pages, dpi), dpi))
    return dest
