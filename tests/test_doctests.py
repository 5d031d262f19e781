"""Run the doctests of the small pure helper modules (examples on real Thai text)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["extractor.textutil", "extractor.numbers", "extractor.tokenize", "extractor.clean",
           "extractor.fields.header", "extractor.merge"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module)
    assert result.failed == 0
    if name != "extractor.merge":
        assert result.attempted > 0
