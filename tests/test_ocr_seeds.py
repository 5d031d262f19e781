"""Scanned seeds score close to their text layers (issue 10).

The seeds' PDF renderings (corpora/variants) are rasterized at 200 dpi into
image-only PDFs, as a scanner would make them, extracted with OCR and scored
against the seeds' gold with ``thaiplan evaluate``'s metrics; each must score
within 0.10 of the same rendering read from its text layer.  About two minutes
on two cores (271 pages); skipped without Tesseract (.ci/run installs it).
The figures are in docs/evaluation.md ("Scores").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluate import score_document, scores_of
from extractor.readers.ocr import engine_available

from ocr_helpers import ROOT, scanned_copy, variant

pytestmark = pytest.mark.skipif(not engine_available(), reason="Tesseract with its Thai model is not installed")

GOLD = ROOT / "corpora" / "seeds"
MAX_DROP = 0.10


@pytest.mark.parametrize("prefix", ["001", "004"])
def test_a_scanned_seed_scores_within_a_tenth_of_its_text_layer(prefix, tmp_path):
    from extractor import extract

    gold = json.loads(next(GOLD.glob(f"{prefix}_*.gold.json")).read_text(encoding="utf-8"))
    source = variant(prefix)
    text_layer = scores_of(score_document(gold, extract(path=source).to_dict()).metrics)["overall"]
    scan = scanned_copy(source, tmp_path / source.name)
    doc = extract(path=scan)
    assert doc.source.ocr_pages == list(range(1, doc.source.pages + 1))
    scanned = scores_of(score_document(gold, doc.to_dict()).metrics)["overall"]
    print(f"{prefix}: text layer {text_layer:.3f}, scanned {scanned:.3f}")
    assert scanned >= text_layer - MAX_DROP, (text_layer, scanned)
