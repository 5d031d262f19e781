"""Draw docs/check.md's picture of a plan annotated by `thaiplan check --annotate`.

LibreOffice (7.4) exports the annotated .docx to PDF with its comments as PDF
text annotations but cannot print them in the margin, so this script renders
one page with pypdfium2 and draws each comment of that page in a margin beside
it, joined to the place it is anchored on.  Needs LibreOffice (soffice) and a
Thai font (fonts-tlwg-laksaman-ttf).

    python docs/images/commented_plan_picture.py plan-checked.docx PAGE out.png
"""

from __future__ import annotations

import ctypes
import glob
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from PIL import Image, ImageDraw, ImageFont

SCALE = 1.6
MARGIN = 520


def comments(page: pdfium.PdfPage) -> list[tuple[tuple[float, float, float, float], str]]:
    """(rect in PDF points, text) of the page's text annotations (LibreOffice's comments)."""
    out = []
    for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, k)
        try:
            if raw.FPDFAnnot_GetSubtype(annot) != raw.FPDF_ANNOT_TEXT:
                continue
            rect = raw.FS_RECTF()
            raw.FPDFAnnot_GetRect(annot, rect)
            size = raw.FPDFAnnot_GetStringValue(annot, b"Contents", None, 0)
            buf = ctypes.create_string_buffer(size)
            raw.FPDFAnnot_GetStringValue(annot, b"Contents", ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), size)
            text = buf.raw[: size - 2].decode("utf-16-le", "replace")
            out.append(((rect.left, rect.bottom, rect.right, rect.top), text))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return out


def main(docx: str, page_number: int, out: str) -> None:
    font_path = sorted(glob.glob("/usr/share/fonts/**/Laksaman.ttf", recursive=True))[0]
    font = ImageFont.truetype(font_path, 22)
    with tempfile.TemporaryDirectory() as tmp:
        options = ('pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},'
                   f'"PageRange":{{"type":"string","value":"{page_number}"}}}}')
        subprocess.run(["soffice", "--headless", "--convert-to", options, "--outdir", tmp, docx],
                       check=True, capture_output=True)
        pdf = pdfium.PdfDocument(str(next(Path(tmp).glob("*.pdf"))))
        page = pdf[0]
        notes = comments(page)
        width, height = page.get_size()
        image = page.render(scale=SCALE, draw_annots=False).to_pil().convert("RGB")
    canvas = Image.new("RGB", (image.width + MARGIN, image.height), "white")
    canvas.paste(image, (0, 0))
    draw = ImageDraw.Draw(canvas)
    y = 20
    for (left, bottom, right, top), text in sorted(notes, key=lambda n: -n[0][3]):
        ax, ay = left * SCALE, (height - top) * SCALE
        lines = [w for part in text.split("\n") for w in textwrap.wrap(part, 42)]
        box_h = 16 + 28 * (len(lines) + 1)
        y = max(y, int(ay) - 10)
        draw.rectangle((image.width + 10, y, canvas.width - 10, y + box_h), fill="#fff4c2", outline="#c9a400")
        draw.text((image.width + 18, y + 6), "thaiplan", font=font, fill="#7a5c00")
        for i, line in enumerate(lines):
            draw.text((image.width + 18, y + 6 + 28 * (i + 1) - 6), line, font=font, fill="#222")
        draw.rectangle((ax - 4, ay - 4, ax + 40, ay + 30), outline="#c9a400", width=3)
        draw.line((ax + 40, ay + 10, image.width + 10, y + 14), fill="#c9a400", width=2)
        y += box_h + 20
    canvas.save(out, optimize=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
