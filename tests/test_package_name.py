"""The package's documented import name is ``thaiplan``; extractor/ is the same modules, not copies."""

from __future__ import annotations

import subprocess
import sys

import extractor
import extractor.batch
import extractor.errors


def test_thaiplan_is_the_public_api() -> None:
    import thaiplan

    assert set(extractor.__all__) <= set(dir(thaiplan))
    doc = thaiplan.extract(text="1. โครงการพัฒนาครู\nงบประมาณ 10,000 บาท\n")
    assert isinstance(doc, extractor.Document)


def test_submodules_are_the_same_objects_under_both_names() -> None:
    import thaiplan.batch
    import thaiplan.check.runner
    from thaiplan.errors import InputError

    assert thaiplan.batch is extractor.batch
    assert InputError is extractor.errors.InputError
    assert thaiplan.check.runner.__spec__.name == "extractor.check.runner"  # its own spec kept


def test_an_unknown_submodule_is_not_found() -> None:
    import importlib

    import pytest

    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("thaiplan.no_such_module")


def test_python_dash_m_runs_a_module_under_the_public_name() -> None:
    done = subprocess.run([sys.executable, "-m", "thaiplan.docgen", "--check"], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr  # 1 = a generated part is stale; no import error
    assert "Traceback" not in done.stderr
