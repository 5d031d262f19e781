"""Load the declarative rule data (``rules/*.toml``) once, as plain Python objects.

The rule files ship inside the package as ``extractor.rules``; a user folder
given by ``THAIPLAN_RULES`` (or ``thaiplan --rules``) is layered on top: its
lists extend the shipped lists, its scalars replace them.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

_FILES = ("headings", "projects", "tables", "values", "document", "thai_months")


def _shipped_dir() -> Path:
    try:
        return Path(str(resources.files("extractor.rules")))
    except ModuleNotFoundError:  # running from a source tree without installing
        return Path(__file__).resolve().parent.parent / "rules"


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    return extra


def _read_dir(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in _FILES:
        path = folder / f"{name}.toml"
        if path.exists():
            with path.open("rb") as fh:
                data[name] = tomllib.load(fh)
    words = folder / "words.txt"
    if words.exists():
        data["words"] = [w.strip() for w in words.read_text(encoding="utf-8").splitlines()
                         if w.strip() and not w.startswith("#")]
    return data


@lru_cache(maxsize=None)
def load_rules(user_dir: str | None = None) -> dict[str, Any]:
    rules = _read_dir(_shipped_dir())
    extra = user_dir or os.environ.get("THAIPLAN_RULES")
    if extra:
        folder = Path(extra)
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder}: rules folder not found")
        rules = _merge(rules, _read_dir(folder))
    return rules


def rules() -> dict[str, Any]:
    """The rule data in force for this process."""
    return load_rules(None)
