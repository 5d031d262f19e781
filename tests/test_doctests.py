"""Run the doctests of the small pure helper modules (examples on real Thai text)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["extractor.textutil", "extractor.numbers", "extractor.tokenize", "extractor.clean",
           "extractor.vocab", "extractor.stages.marks", "extractor.stages.labels", "extractor.stages.tables",
           "extractor.stages.names", "extractor.stages.header_fields", "extractor.blocks",
           "extractor.readers.thai_damage", "extractor.readers.thai_ocr_fix", "thaiplan"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted > 0
