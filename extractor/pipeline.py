"""The pipeline: read → normalize → segment → extract fields → merge → (check).

Each stage is its own module with a small typed interface; this module only
wires them together.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import readers
from .model import Document, SourceText


def load(path_or_text: str | os.PathLike[str] | SourceText) -> SourceText:
    """A path (str/PathLike) is read from disk; a str holding a newline is text."""
    if isinstance(path_or_text, SourceText):
        return path_or_text
    if isinstance(path_or_text, str) and ("\n" in path_or_text or not path_or_text.strip()):
        return readers.from_string(path_or_text)
    return readers.read(Path(path_or_text))


def extract(path_or_text: str | os.PathLike[str] | SourceText) -> Document:
    """Extract one document. Raises InputError for unreadable input."""
    from .structure import build_document

    source = load(path_or_text)
    return build_document(source)
