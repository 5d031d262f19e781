"""The pipeline: read (one document model for every format) → extraction stages → Document.

``extract(path=…)`` reads a file; ``extract(text=…)`` takes text already in
memory.  A path is always a path, never text: a name that holds a newline is
a file name like any other.  ``rules`` is a :class:`~extractor.ruleset.RuleSet`
(default: the shipped rules); it is passed to every stage.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from . import readers
from .blocks import Layout
from .errors import InputError
from .model import Document
from .readers.ocr import OcrOptions
from .ruleset import RuleSet, default_rules

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def path_problem(path: str) -> str | None:
    """Why ``path`` cannot name an input file whatever is on disk, or None."""
    if not path.strip():
        return "no file name given"
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        if _URL.match(path):
            return ("is a URL: thaiplan reads only local files; download the document first "
                    "(e.g. `curl -LO URL`) and give the downloaded file")
        return None  # the reader says "file not found"
    except OSError as exc:  # a name too long to be a file name, a symlink loop, a folder we may not enter
        return f"cannot be opened ({exc.strerror or exc})"
    except ValueError:  # a NUL character
        return "not a valid file name (it contains a NUL character)"
    return None


def load(path: str | os.PathLike[str] | None = None, text: str | None = None,
         ocr: OcrOptions | None = None) -> Layout:
    if (path is None) == (text is None):
        raise TypeError("extract() takes exactly one of path= or text=")
    if text is not None:
        if not isinstance(text, str):
            raise TypeError(f"text= takes a str, not {type(text).__name__}")
        if not text.strip():
            raise InputError(None, "the text is empty: there is nothing to extract")
        return readers.from_string(text)
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path= takes a str or os.PathLike, not {type(path).__name__} "
                        "(for text already in memory use extract(text=…))")
    name = os.fspath(path)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    problem = path_problem(name)
    if problem:
        raise InputError(name, problem)
    return readers.read(Path(name), ocr)


def extract(path: str | os.PathLike[str] | None = None, *, text: str | None = None,
            rules: RuleSet | None = None, ocr: OcrOptions | None = None) -> Document:
    """Extract one document: ``extract("plan.docx")`` or ``extract(text=…)``.
    ``ocr`` says when scanned or damaged PDF pages and images are read by OCR
    (default: ``--ocr auto``).  Raises InputError for unreadable input."""
    from .stages.assemble import build_document

    return build_document(load(path, text, ocr), rules or default_rules())
