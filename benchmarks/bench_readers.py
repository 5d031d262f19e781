"""Reader speed on the Word and PDF variants, on one CPU core.

PDF: pages/s of ``read()`` (text layer, tables, paragraphs, Thai repair);
goal >= 20 pages/s.  DOCX: paragraphs/s (body and table-cell paragraphs).
The first (cold) run also loads the Thai dictionary and the tokenizer; the
warm figure is the best of the following runs, as in a batch.

    python benchmarks/bench_readers.py
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ROOT / "corpora" / "variants"
GOAL_PAGES_PER_S = 20.0


def one_core() -> str:
    """Pin this process to one CPU so the figure is per core."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity on this platform)"


def timed(fn, path: Path, runs: int = 3) -> tuple[float, float, object]:
    """(cold seconds, best warm seconds, last result)."""
    t0 = time.perf_counter()
    result = fn(path)
    cold = time.perf_counter() - t0
    warm = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn(path)
        warm = min(warm, time.perf_counter() - t0)
    return cold, warm, result


def docx_paragraphs(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml")
    return xml.count(b"<w:p>") + xml.count(b"<w:p ") + xml.count(b"<w:p/>")


def main() -> None:
    from extractor.readers import read

    print(one_core())
    pdf_pages = pdf_time = 0.0
    print(f"{'file':34} {'pages':>6} {'cold s':>7} {'warm s':>7} {'pages/s':>8}")
    for path in sorted(VARIANTS.glob("*.pdf")):
        cold, warm, src = timed(read, path)
        pages = src.source.pages or 0
        pdf_pages += pages
        pdf_time += warm
        print(f"{path.name:34} {pages:>6} {cold:>7.2f} {warm:>7.2f} {pages / warm:>8.1f}")
    rate = pdf_pages / pdf_time if pdf_time else 0.0
    verdict = "meets" if rate >= GOAL_PAGES_PER_S else "MISSES"
    print(f"{'PDF total':34} {int(pdf_pages):>6} {'':>7} {pdf_time:>7.2f} {rate:>8.1f}  "
          f"({verdict} the goal of {GOAL_PAGES_PER_S:.0f} pages/s)")
    print()
    print(f"{'file':34} {'paras':>6} {'cold s':>7} {'warm s':>7} {'paras/s':>8}")
    for path in sorted(VARIANTS.glob("*.docx")):
        cold, warm, _ = timed(read, path)
        paras = docx_paragraphs(path)
        print(f"{path.name:34} {paras:>6} {cold:>7.2f} {warm:>7.2f} {paras / warm:>8.0f}")


if __name__ == "__main__":
    main()
