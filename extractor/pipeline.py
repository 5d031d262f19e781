"""The pipeline: read (one document model for every format) → extraction stages → Document.

``extract(path=…)`` reads a file; ``extract(text=…)`` takes text already in
memory.  ``rules`` is a :class:`~extractor.ruleset.RuleSet` (default: the
shipped rules); it is passed to every stage.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import readers
from .blocks import Layout
from .model import Document
from .ruleset import RuleSet, default_rules


def load(path: str | os.PathLike[str] | None = None, text: str | None = None) -> Layout:
    if (path is None) == (text is None):
        raise TypeError("extract() takes exactly one of path= or text=")
    if text is not None:
        if not text.strip():
            raise readers.InputError(None, "the text is empty: there is nothing to extract")
        return readers.from_string(text)
    if isinstance(path, str) and not path.strip():
        raise readers.InputError(repr(path), "no file name given")
    return readers.read(Path(path))  # type: ignore[arg-type]


def extract(path: str | os.PathLike[str] | None = None, *, text: str | None = None,
            rules: RuleSet | None = None) -> Document:
    """Extract one document.  Raises InputError for unreadable input."""
    from .stages.assemble import build_document

    return build_document(load(path, text), rules or default_rules())
