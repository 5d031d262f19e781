"""OCR speed, memory and accuracy on the seeds' PDF renderings (issue 10).

Pages of corpora/variants/*.pdf are rendered without their text layer and read
by Tesseract exactly as ``thaiplan extract --ocr always`` reads them (rulings
found and whitened, words to glyphs, dropped tone marks restored); the text of
each page, line by line, is compared with the same page's text layer read the
same way (whitespace ignored).  Prints, per resolution:

* pages/s per core: pages divided by the CPU seconds of this process and its
  Tesseract processes (one page at a time);
* peak memory: the largest resident size of this process and of one Tesseract process;
* CER: character error rate, edit distance / length of the text layer, pooled.

Goals (issue 10): at least 1 page/s per core, CER at most 3 %.

    python benchmarks/bench_ocr.py              # every 5th page, at 200 dpi
    python benchmarks/bench_ocr.py --step 1 --dpi 150,200,300
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from extractor.readers.ocr import engine_available  # noqa: E402
from extractor.readers.ocr_page import PageImage, ocr_page  # noqa: E402
from extractor.readers.pdf_layout import build_lines, clusters_of  # noqa: E402
from extractor.readers.pdf_page import page_glyphs  # noqa: E402
from extractor.readers.thai_repair import repair_line  # noqa: E402

GOAL_PAGES_PER_CORE = 1.0
GOAL_CER = 0.03


def page_text(glyphs) -> str:
    """The page's characters in reading order, repaired like the reader's output, no whitespace."""
    lines = build_lines(clusters_of(glyphs))
    return "".join("".join(repair_line(line.text).split()).replace("\ue000", "") for line in lines)


def cpu_seconds() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run(pdfs: list[Path], dpi: int, step: int) -> tuple[int, float, float, int, int]:
    import pypdfium2 as pdfium

    pages = 0
    cpu = wall = 0.0
    errors = length = 0
    for path in pdfs:
        pdf = pdfium.PdfDocument(str(path))
        for k in range(0, len(pdf), step):
            page = pdf[k]
            glyphs, *_ = page_glyphs(page)
            reference = page_text(glyphs)
            c0, w0 = cpu_seconds(), time.perf_counter()
            image = PageImage(page.render(scale=dpi / 72, grayscale=True).to_pil(), dpi)
            ocr_glyphs, _ = ocr_page(image)
            cpu += cpu_seconds() - c0
            wall += time.perf_counter() - w0
            page.close()
            if reference:
                errors += Levenshtein.distance(reference, page_text(ocr_glyphs))
                length += len(reference)
            pages += 1
        pdf.close()
    return pages, cpu, wall, errors, length


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dpi", default="200", help="resolutions to compare, e.g. 150,200,300")
    ap.add_argument("--step", type=int, default=5, help="read every STEP-th page (1: all)")
    args = ap.parse_args()
    if not engine_available():
        sys.exit("bench_ocr: Tesseract with its Thai model is not installed (see docs/formats.md)")
    pdfs = sorted((ROOT / "corpora" / "variants").glob("*.pdf"))
    if not pdfs:
        sys.exit("bench_ocr: no corpora/variants/*.pdf")
    print(f"{'dpi':>5} {'pages':>6} {'cpu s':>8} {'wall s':>8} {'pages/s/core':>13} {'CER':>7}")
    for dpi in (int(d) for d in args.dpi.split(",")):
        pages, cpu, wall, errors, length = run(pdfs, dpi, args.step)
        rate = pages / cpu if cpu else 0.0
        cer = errors / length if length else 0.0
        print(f"{dpi:>5} {pages:>6} {cpu:>8.1f} {wall:>8.1f} {rate:>13.2f} {cer:>7.3f}  "
              f"(goals: >= {GOAL_PAGES_PER_CORE:g} page/s/core {'met' if rate >= GOAL_PAGES_PER_CORE else 'NOT met'}, "
              f"CER <= {GOAL_CER:.0%} {'met' if cer <= GOAL_CER else 'NOT met'})")
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: this process {me:.0f} MB; one Tesseract process: {tesseract_peak_mb(pdfs[0])}")


def tesseract_peak_mb(pdf_path: Path) -> str:
    """Peak resident memory of Tesseract reading one page at 200 dpi, measured by GNU time
    (the children's figure from getrusage counts this process's pages the child shared)."""
    import shutil
    import subprocess
    import tempfile

    import pypdfium2 as pdfium

    gnu_time = shutil.which("time") or "/usr/bin/time"
    tesseract = shutil.which("tesseract")
    if not tesseract or not Path(gnu_time).exists():
        return "not measured (needs GNU time)"
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "page.png"
        pdf = pdfium.PdfDocument(str(pdf_path))
        pdf[min(46, len(pdf) - 1)].render(scale=200 / 72, grayscale=True).to_pil().save(png)
        pdf.close()
        run = subprocess.run([gnu_time, "-f", "%M", tesseract, str(png), "stdout", "-l", "tha+eng", "tsv"],
                             capture_output=True, text=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})
        last = run.stderr.strip().splitlines()[-1:] or [""]
        return f"{int(last[0]) / 1024:.0f} MB" if last[0].isdigit() else "not measured"


if __name__ == "__main__":
    main()
