"""Which pages to OCR, and running Tesseract on them: several at once, with
progress, a CPU budget and bounded memory.

``--ocr auto`` OCRs a page when its text layer is missing (fewer than
``MIN_TEXT_CHARS`` characters on a page with a picture, or glyphs without a
Unicode mapping) or damaged (``thai_damage`` score at least
``DAMAGE_THRESHOLD``), and keeps the OCR text only where it is better by the
same measure: less than half the damage, at least ``MIN_OCR_YIELD`` of the
Thai letters of the text layer (OCR that misses part of a page is no repair),
at least as much of it in dictionary words, and no fewer table cells.
"""

from __future__ import annotations

import concurrent.futures as cf
import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from . import thai_digits
from .ocr import OcrMode, OcrOptions, OcrTimeout, engine_available, page_failure, require_engine, unavailable_note
from .ocr_page import SAME_SIZE, PageImage, ocr_page
from .pdf_layout import build_lines, clusters_of, find_tables
from .pdf_page import Edge, Glyph
from .safety import warn
from .thai_damage import Damage, damage
from .thai_ocr_fix import word_share

#: A page with a picture and fewer visible characters than this (a page number, a
#: stamp) has no real text layer.
MIN_TEXT_CHARS = 10
#: Damage score (signs per Thai letter) from which a text layer is worth OCRing.
#: The reader's repairs and the extraction cope with light damage (a font that
#: lost ำ scores 0.01-0.04) better than OCR, which loses structure and digits;
#: measured on the development corpus (docs/formats.md).
DAMAGE_THRESHOLD = 0.05
#: Share of the text layer's Thai letters the OCR text must have to replace it.
MIN_OCR_YIELD = 0.8


@dataclass
class PageText:
    """What a page's text layer gave."""
    glyphs: list[Glyph]
    edges: list[Edge]
    size: tuple[float, float]
    unmapped: int = 0
    has_picture: bool = False
    _damage: Damage | None = field(default=None, repr=False)

    @property
    def visible(self) -> int:
        return sum(1 for g in self.glyphs if not g.text.isspace())

    @property
    def missing(self) -> bool:
        """No usable text layer: a picture without text, or mostly unmapped glyphs."""
        return (self.visible < MIN_TEXT_CHARS and (self.has_picture or self.unmapped > 0)) \
            or self.unmapped > self.visible

    @property
    def damage(self) -> Damage:
        if self._damage is None:
            self._damage = glyph_damage(self.glyphs)
        return self._damage


def glyph_damage(glyphs: list[Glyph]) -> Damage:
    return damage(_text(glyphs))


def wanted(mode: OcrMode, page: PageText) -> bool:
    if mode is OcrMode.ALWAYS:
        return True
    if mode is OcrMode.NEVER:
        return False
    return page.missing or page.damage.score >= DAMAGE_THRESHOLD


def better(page: PageText, ocr_glyphs: list[Glyph], ocr_edges: list[Edge], mode: OcrMode) -> bool:
    """Keep the OCR text of this page rather than its text layer?  Only when it is
    clearly less damaged, has nearly all the text, reads as Thai words at least
    as well, and keeps the page's table cells."""
    if mode is OcrMode.ALWAYS or page.missing:
        return True
    before, after = page.damage, glyph_damage(ocr_glyphs)
    if not (after.score < 0.5 * before.score and after.letters >= MIN_OCR_YIELD * before.letters):
        return False
    if _cells(ocr_edges) < _cells(page.edges):
        return False
    return word_share(_text(ocr_glyphs)) >= word_share(_text(page.glyphs))


def _text(glyphs: list[Glyph]) -> str:
    return "\n".join(line.text for line in build_lines(clusters_of(glyphs)))


def _cells(edges: list[Edge]) -> int:
    return sum(len(row) for table in find_tables(edges) for row in table.rows)


def pages_to_ocr(path: str | None, options: OcrOptions, texts: list[PageText]) -> list[int]:
    """Indexes of the pages to OCR.  When OCR is needed but cannot run: refused (one
    line, how to install) if it was asked for (``always``) or no page has text of
    its own; otherwise the document is read from the pages that have text, with a
    warning naming the pages left unread or read as they are."""
    chosen = [k for k, page in enumerate(texts) if wanted(options.mode, page)]
    if not chosen or engine_available():
        return chosen
    missing = [k + 1 for k in chosen if texts[k].missing]
    if options.mode is OcrMode.ALWAYS:
        require_engine(path, "OCR was asked for (--ocr always)")
    if missing and all(page.missing or page.visible == 0 for page in texts):
        require_engine(path, f"page(s) {_page_list(missing)} have no text layer (scanned?) and need OCR")
    damaged = [k + 1 for k in chosen if not texts[k].missing]
    how = unavailable_note()
    if missing:
        warn(path, f"page(s) {_page_list(missing)} have no text layer (scanned?) and were not read: {how}")
    if damaged:
        warn(path, f"page(s) {_page_list(damaged)} have a damaged Thai text layer, read as it is: {how}")
    return []


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:10]))
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


class _CpuClock:
    """CPU seconds used since the start by this process and the Tesseract processes it waited for."""

    def __init__(self) -> None:
        self.start = self._now()

    @staticmethod
    def _now() -> float:
        try:
            import resource
        except ImportError:  # Windows: this process only
            return time.process_time()
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    def used(self) -> float:
        return self._now() - self.start


def run_ocr(path: str | None, options: OcrOptions, jobs: list[tuple[int, Callable[[], PageImage]]]
            ) -> dict[int, tuple[list[Glyph], list[Edge], tuple[float, float]]]:
    """Recognize the pages ``jobs`` gives as (page number, render function): glyphs, rulings
    and page size (points) by page number.  Pages are rendered here, one at a time,
    and recognized ``options.workers()`` at a time; at most twice that many images
    wait in memory."""
    if not jobs:
        return {}
    if not thai_digits.available():
        warn(path, "no Thai font is installed, so Thai digits read by OCR may be wrong (๘ read as ๕ …): "
                   "install one, e.g. `sudo apt-get install fonts-tlwg-laksaman-ttf` (see docs/formats.md)")
    clock = _CpuClock()
    out: dict[int, tuple[list[Glyph], list[Edge], tuple[float, float]]] = {}
    total = len(jobs)
    workers = options.workers()
    report = options.progress or _stderr_progress(path, total)

    def collect(done: set[cf.Future[Any]]) -> None:
        for fut in done:
            number, size = pending.pop(fut)
            try:
                glyphs, edges = fut.result()
            except Exception as exc:
                raise page_failure(path, number, exc) from None
            out[number] = (glyphs, edges, size)
            report(len(out), total)
            if options.cpu_budget is not None and clock.used() > options.cpu_budget:
                raise OcrTimeout(f"used more than {options.cpu_budget:g} s of CPU time (OCR included)")

    pending: dict[cf.Future[Any], tuple[int, tuple[float, float]]] = {}
    pool = cf.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="thaiplan-ocr")
    try:
        for number, render in jobs:
            if len(pending) >= 2 * workers:
                done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                collect(done)
            image = render()
            pending[pool.submit(ocr_page, image)] = (number, image.size)
        while pending:
            done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            collect(done)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    unify_sizes(out)
    return out


def unify_sizes(pages: dict[int, tuple[list[Glyph], list[Edge], tuple[float, float]]]) -> None:
    """Give the body text of every OCRed page one font size (in place).

    Each page's size comes from its own line height, which varies a little from
    page to page; the layout joins a paragraph or a table row over a page break
    only between lines of one size.  Glyphs within ``ocr_page.SAME_SIZE`` of the
    document's usual size take it."""
    sizes = [g.size for glyphs, _, _ in pages.values() for g in glyphs]
    if not sizes:
        return
    usual = statistics.median(sizes)
    for number, (glyphs, edges, size) in pages.items():
        fixed = [g._replace(size=usual) if abs(g.size - usual) <= SAME_SIZE * usual else g for g in glyphs]
        pages[number] = (fixed, edges, size)


def _stderr_progress(path: str | None, total: int) -> Callable[[int, int], None]:
    """Progress on standard error for a person watching (a terminal), silent otherwise."""
    if total < 2 or not sys.stderr.isatty():
        return lambda done, total: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc=f"OCR {path or ''}".strip(), unit="page", leave=False, file=sys.stderr)

    def report(done: int, total: int) -> None:
        bar.update(done - bar.n)
        if done >= total:
            bar.close()
    return report
