"""The real extraction of every seed document matches the published schema.

Fails until the extractor (extractor.structure.build_document) exists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import extract
from extractor.schema import validate

SEEDS = sorted((Path(__file__).resolve().parent.parent / "corpora" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_output_matches_schema(path: Path) -> None:
    validate(extract(path).to_dict(include_text=True))
