"""Shared fixtures: the seed documents and their extractions (extracted once per session)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def seed(prefix: str) -> Path:
    return next(p for p in SEED_FILES if p.name.startswith(prefix))


@pytest.fixture(scope="session")
def extracted():
    """{prefix: Document} for the five seeds."""
    from extractor import extract

    return {p.name[:3]: extract(p) for p in SEED_FILES}


@pytest.fixture(scope="session")
def gold():
    return {p.name[:3]: json.loads(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.gold.json")}


@pytest.fixture()
def run():
    """Invoke the thaiplan command line in-process: ``run("extract", path)``."""
    from click.testing import CliRunner

    from extractor.cli import main

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke
