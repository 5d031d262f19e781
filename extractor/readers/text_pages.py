"""Running lines of a plain-text file that keeps its pages: page footers and page numbers.

A PDF's text copied out by a converter (pdftotext) keeps its pages, separated by
form feeds, and with them what the PDF reader leaves out: the page's footer (a report's
running title, a form's revision line) and its number.  Read as paragraphs they
end up in the last item of a list or in a project's name.

A line is a running line when its text, digits masked and spaces collapsed, stands
among the last :data:`BAND` lines (blank lines not counted) of at least
:data:`RUNNING_SHARE` of the pages, and of at least :data:`MIN_PAGES` pages; a line of
no letters (a page number: "5", "- 5 -") also among the first :data:`BAND` lines.  Only
there is it dropped: the same words elsewhere on a page are the page's own text.  A file
of fewer than :data:`MIN_PAGES` pages is left as it is.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import regex

from ..blocks import Block, Para

#: Lines at the foot (and, for page numbers, the head) of a page that may be running lines.
BAND = 2
#: Share of the pages a running line must stand on (as the PDF reader's running lines) ...
RUNNING_SHARE = 0.5
#: ... and the fewest pages.
MIN_PAGES = 3

_DIGITS = regex.compile(r"[0-9๐-๙]+")
_LETTER = regex.compile(r"\p{L}")


def _key(text: str) -> str:
    return " ".join(_DIGITS.sub("#", text.replace("\f", " ")).split())


def _pages(text: str) -> list[list[tuple[int, str]]]:
    """Every page's non-blank lines: (offset of the line's start, its text)."""
    pages: list[list[tuple[int, str]]] = [[]]
    pos = 0
    for raw in text.split("\n"):
        parts = raw.split("\f")
        # A line that holds text of two pages (form feeds inside it) is no page's line: its
        # paragraphs do not start where it does, so it can be no running line.
        whole = sum(1 for part in parts if part.strip()) == 1
        for k, part in enumerate(parts):
            if k:
                pages.append([])
            if part.strip() and whole:
                pages[-1].append((pos, part))  # a paragraph starts where its line does
        pos += len(raw) + 1
    return pages


def running_line_starts(text: str) -> set[int]:
    """Offsets of the starts of the running lines of ``text`` (see the module docstring)."""
    if text.count("\f") + 1 < MIN_PAGES:
        return set()
    pages = _pages(text)
    bands: list[list[tuple[int, str, str]]] = []
    seen: Counter[str] = Counter()
    for lines in pages:
        foot = [(at, raw, _key(raw)) for at, raw in lines[-BAND:]]
        head = [(at, raw, k) for at, raw in lines[:BAND] for k in [_key(raw)] if not _LETTER.search(k)]
        band = foot + [h for h in head if h[0] not in {f[0] for f in foot}]
        bands.append(band)
        seen.update({k for _, _, k in band if k})
    limit = max(MIN_PAGES, RUNNING_SHARE * len(pages))
    running = {k for k, n in seen.items() if n >= limit}
    return {at for band in bands for at, _, k in band if k in running}


def drop_running_lines(text: str, blocks: list[Block]) -> list[Block]:
    """``blocks`` without the paragraphs (outside tables) that are running lines.  The
    paragraph after them stands after a blank line at least: a page break parts paragraphs
    as a blank line does (a heading at the top of a page does not run on from the text of
    the page before)."""
    starts = running_line_starts(text)
    if not starts:
        return blocks
    out: list[Block] = []
    dropped = False
    for b in blocks:
        if isinstance(b, Para) and text.rfind("\n", 0, b.start) + 1 in starts:
            dropped = True
            continue
        if dropped and isinstance(b, Para) and not b.blank_before:
            b = dataclasses.replace(b, blank_before=1)
        dropped = False
        out.append(b)
    return out
