"""A stand-in extractor for batch and export tests (``batch_fakes:extract_to_dict``).

It reads files with the real readers (so bad files fail as they really do)
and builds a real :class:`extractor.model.Document` from simple line rules, so
the output has the real shape.  File names steer the mechanics under test:
``hang`` never returns, ``crash`` kills its own process; the environment
variable ``FAKE_DELAY`` adds seconds per document.
"""

from __future__ import annotations

import os
import re
import signal
import time
from typing import Any

from extractor import readers
from extractor.model import (Budget, BudgetItem, BudgetSource, Document, DocumentInfo, Finding, Indicator,
                             KindItem, Period, Project, Responsible, TargetValue, TextItem)

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def extract_to_dict(path: str, display: str, include_text: bool) -> dict[str, Any]:
    name = os.path.basename(path)
    if "hang" in name:
        time.sleep(3600)
    if "crash" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(float(os.environ.get("FAKE_DELAY", "0")))
    source = readers.read(path).source
    source.path = display
    return build(source).to_dict(include_text=include_text)


def build(source: Any) -> Document:
    doc = Document(source=source, info=DocumentInfo(title=source.text.strip().splitlines()[0][:80],
                                                    document_type="plan"))
    project: Project | None = None
    offset = 0
    for line in source.text.splitlines(keepends=True):
        start, end = offset, offset + len(line.rstrip("\r\n"))
        offset += len(line)
        text = line.strip()
        if not text:
            continue
        span = source.span(start, end)
        if "โครงการ" in text:
            project = Project(id=f"p{len(doc.projects) + 1}", number=str(len(doc.projects) + 1),
                              name=text[:120], span=span, responsible=Responsible("กลุ่มนโยบายและแผน", ["ก", "ข"], span),
                              period=Period(text[:20], "2024-10", "2025-09", span))
            doc.projects.append(project)
            continue
        if project is None:
            continue
        number = _NUMBER.search(text)
        amount = float(number.group().replace(",", "")) if number else None
        if text.startswith("เพื่อ"):
            project.objectives.append(TextItem(text, span))
        elif "ตัวชี้วัด" in text:
            project.indicators.append(Indicator(text, "quantitative", span,
                                                TargetValue(text[:30], amount, "percent", ">=", span)))
        elif "เป้าหมาย" in text:
            project.targets.append(KindItem(text, "output", span))
        elif "กิจกรรม" in text:
            project.activities.append(TextItem(text, span))
        elif "งบประมาณ" in text:
            project.budget = Budget(amount=amount, text=text, span=span,
                                    items=[BudgetItem(text[:40], amount, span, [amount, None, None, None])],
                                    sources=[BudgetSource("สพฐ.", amount, span)])
        elif "ผล" in text:
            project.results.append(KindItem(text, "qualitative", span))
    for p in doc.projects:
        if not p.objectives:
            doc.findings.append(Finding("no-objective", "warning", p.id, "ไม่มีวัตถุประสงค์", p.span, "no objective"))
    return doc
