"""spaCy DocBin: the source text with the extracted spans as labelled spans.

For training span categorisers (or NER after removing overlaps), each
document becomes a ``spacy.tokens.Doc`` tokenised by ``spacy.blank("th")``,
whose tokenizer is PyThaiNLP's ``newmm`` word segmenter (pythainlp is a
thaiplan dependency); it keeps every character, so the Doc's text is the
source text and the JSON's character offsets apply unchanged.  Spans overlap
(a project contains its objectives), so they go to ``doc.spans["sc"]``
(spaCy's default span-categoriser key), not ``doc.ents``.

A span that does not fall on token boundaries (newmm may glue a label's
first or last character to a neighbouring word) is widened to the enclosing
tokens (``alignment_mode="expand"``) and counted as *expanded*; a span
outside the text is counted as *unaligned* and left out.

The source text comes from ``source_text`` in the JSON (``thaiplan batch
--include-text``); when absent, the input recorded in the manifest is read
again with thaiplan's readers, and used only if its sha256 is still the one
the JSON records.  Documents with neither are counted and left out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Iterator

from .. import readers
from ..batch.manifest import ManifestReader
from ..errors import InputError
from .common import Doc, iter_documents, output_file, sha256

SPAN_KEY = "sc"

# label -> where the span is in a project: a list field (or a single field when marked) of the JSON
_PROJECT_LISTS = {"OBJECTIVE": "objectives", "TARGET": "targets", "INDICATOR": "indicators",
                  "ACTIVITY": "activities", "EXPECTED_RESULT": "expected_results", "RESULT": "results"}
LABELS = ("PROJECT", *_PROJECT_LISTS, "TARGET_VALUE", "RESULT_VALUE", "BUDGET", "BUDGET_ITEM", "BUDGET_SOURCE",
          "RESPONSIBLE", "PERIOD")


@dataclass
class DocbinReport:
    documents: int = 0
    spans: int = 0
    expanded: int = 0  # widened to token boundaries
    unaligned: int = 0  # out of the text: left out
    without_text: list[str] = field(default_factory=list)  # keys of documents left out
    labels: dict[str, int] = field(default_factory=dict)


def labelled_spans(doc: Doc) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """(label, span) for every span of every project, in document order of projects."""
    for p in doc.get("projects") or []:
        yield "PROJECT", p.get("span")
        for label, key in _PROJECT_LISTS.items():
            for item in p.get(key) or []:
                yield label, item.get("span")
        for ind in p.get("indicators") or []:
            yield "TARGET_VALUE", (ind.get("target") or {}).get("span")
            yield "RESULT_VALUE", (ind.get("result") or {}).get("span")  # reports: the value achieved
        budget = p.get("budget") or {}
        yield "BUDGET", budget.get("span")
        for item in budget.get("items") or []:
            yield "BUDGET_ITEM", item.get("span")
        for source in budget.get("sources") or []:
            yield "BUDGET_SOURCE", source.get("span")
        yield "RESPONSIBLE", (p.get("responsible") or {}).get("span")
        yield "PERIOD", (p.get("period") or {}).get("span")


def source_text(key: str, doc: Doc, manifest: ManifestReader) -> str | None:
    if isinstance(doc.get("source_text"), str):
        return doc["source_text"]
    entry = manifest.get(key)
    if entry is None or not os.path.exists(entry.input):
        return None
    try:
        src = readers.read(entry.input).source
    except (InputError, ImportError):
        return None
    return src.text if src.sha256 == sha256(doc) else None


def write_docbin(outdir: str, path: str) -> DocbinReport:
    import spacy  # the optional docbin extra: export() checked it is installed
    from spacy.tokens import DocBin

    nlp = spacy.blank("th")
    report = DocbinReport()
    bin_ = DocBin(store_user_data=True)
    manifest = ManifestReader(outdir)
    try:
        for key, data in iter_documents(outdir, progress="docbin"):
            text = source_text(key, data, manifest)
            if text is None:
                report.without_text.append(key)
                continue
            doc = nlp.make_doc(text)
            spans, seen = [], set()
            for label, s in labelled_spans(data):
                if not s or (s["start"], s["end"], label) in seen:
                    continue
                seen.add((s["start"], s["end"], label))
                span = None
                if 0 <= s["start"] < s["end"] <= len(text):
                    span = doc.char_span(s["start"], s["end"], label=label)
                    if span is None:
                        span = doc.char_span(s["start"], s["end"], label=label, alignment_mode="expand")
                        report.expanded += span is not None
                if span is None:
                    report.unaligned += 1
                    continue
                spans.append(span)
                report.labels[label] = report.labels.get(label, 0) + 1
            doc.spans[SPAN_KEY] = spans
            doc.user_data["doc_path"] = key
            doc.user_data["doc_sha256"] = sha256(data)
            bin_.add(doc)
            report.documents += 1
            report.spans += len(spans)
    finally:
        manifest.close()
    with output_file(path, mode="wb") as fh:
        fh.write(bin_.to_bytes())
    return report
