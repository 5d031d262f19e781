"""A copy of a Word plan with every finding as a comment where it stands
(``thaiplan check plan.docx --annotate plan-checked.docx``).

Comments are added with python-docx's comments support (``Document.add_comment``),
author "thaiplan", Thai message first and English after; nothing else in the
document changes and the original file is only read.

A finding's span names the reader's place ("paragraph 12", "table 3, row 2,
cell 4", "text box in paragraph 7"), counted the way the Word reader counts:
body paragraphs and tables in document order, looking through content
controls; rows and cells as they stand in the file.  The comment is anchored
on the runs that hold the finding's own text (an amount, a name) in that
paragraph or cell, or on the whole paragraph (the cell's first paragraph with
text) when the text is not found as it is.  A finding without a place goes on
the document's first paragraph with text.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ..errors import InputError
from ..model import Document, Finding

AUTHOR = "thaiplan"
#: Characters of a finding's text looked for when the whole text is not in one paragraph.
OPENING = 20
INITIALS = "TP"

_PLACE = re.compile(r"^(?:text box in )?(?:paragraph (\d+)|table (\d+), row (\d+), cell (\d+))")


def annotate_docx(source_path: str, doc: Document, findings: list[Finding], out_path: str,
                  lang: str = "both") -> int:
    """Write ``out_path``: the .docx at ``source_path`` with ``findings`` as comments.
    Returns the number of comments.  ``doc`` is the extracted Document of that file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from ..output import output_file

    try:
        word = docx.Document(source_path)
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(source_path, f"cannot be opened as a Word .docx to annotate ({exc})") from None
    places = _Places(word)
    for finding in findings:
        runs = places.runs_for(finding, doc.source.text)
        word.add_comment(runs, text=_message(finding, lang), author=AUTHOR, initials=INITIALS)
    buffer = io.BytesIO()
    word.save(buffer)
    with output_file(out_path, "wb", stdout=False) as fh:
        fh.write(buffer.getvalue())
    return len(findings)


def _message(f: Finding, lang: str) -> str:
    head = f"[{f.severity}] {f.rule}: "
    if lang == "en":
        return head + (f.message_en or f.message)
    if lang == "th" or not f.message_en:
        return head + f.message
    return f"{head}{f.message}\n{f.message_en}"


class _Places:
    """The document's body paragraphs and tables, numbered as the Word reader numbers them."""

    def __init__(self, word: Any) -> None:
        from ..readers.docx_reader import _P, _blocks

        self.word = word
        self.paragraphs: list[Any] = []
        self.tables: list[Any] = []
        for block in _blocks(word.element.body):
            (self.paragraphs if block.tag == _P else self.tables).append(block)

    def runs_for(self, finding: Finding, text: str) -> list[Any]:
        """The runs a finding's comment is anchored on."""
        target = text[finding.span.start:finding.span.end] if finding.span else ""
        place = _PLACE.match(finding.span.where or "") if finding.span else None
        candidates: list[Any] = []
        if place:
            para, table, row, cell = place.groups()
            if para:
                candidates = self._nth(self.paragraphs, int(para))
            else:
                candidates = self._cell_paragraphs(int(table), int(row), int(cell))
        if not candidates:
            candidates = [p for p in self.paragraphs if _text(p).strip()][:1] or self.paragraphs[:1]
        return self._anchor(candidates, target)

    @staticmethod
    def _nth(items: list[Any], n: int) -> list[Any]:
        return [items[n - 1]] if 0 < n <= len(items) else []

    def _cell_paragraphs(self, table: int, row: int, cell: int) -> list[Any]:
        from docx.oxml.ns import qn

        tbl = self._nth(self.tables, table)
        if not tbl:
            return []
        rows = tbl[0].findall(qn("w:tr"))
        if not 0 < row <= len(rows):
            return []
        cells = rows[row - 1].findall(qn("w:tc"))
        if not 0 < cell <= len(cells):
            return []
        return list(cells[cell - 1].iter(qn("w:p")))

    def _anchor(self, paragraphs: list[Any], target: str) -> list[Any]:
        from docx.text.paragraph import Paragraph

        wanted = " ".join(target.split())
        first_with_text = None
        found: list[Any] = []
        opening: list[Any] = []  # the paragraph where the text starts, when it runs on over several
        for p in paragraphs:
            para = Paragraph(p, self.word.part)
            runs = list(para.runs)
            if not runs:
                continue
            if first_with_text is None and para.text.strip():
                first_with_text = runs
            if wanted and not found:
                found = _runs_holding(runs, wanted)
                if not found and not opening:
                    opening = _runs_holding(runs, wanted[:OPENING])
        if found or opening:
            return found or opening
        if first_with_text is not None:
            return first_with_text
        para = Paragraph(paragraphs[0], self.word.part)
        return para.runs or [para.add_run("")]


def _text(p: Any) -> str:
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _runs_holding(runs: list[Any], wanted: str) -> list[Any]:
    """The consecutive runs whose joined text holds ``wanted`` (spaces compared loosely)."""
    texts = [r.text for r in runs]
    joined = "".join(texts)
    squeezed, index = _squeeze(joined)
    at = squeezed.find(wanted.replace(" ", ""))
    if at < 0:
        return []
    start, end = index[at], index[at + len(wanted.replace(" ", "")) - 1]
    out, pos = [], 0
    for run, t in zip(runs, texts):
        if pos <= end and pos + len(t) > start:
            out.append(run)
        pos += len(t)
    return out


def _squeeze(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, and each kept character's index in ``text``."""
    kept, index = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            kept.append(ch)
            index.append(i)
    return "".join(kept), index
