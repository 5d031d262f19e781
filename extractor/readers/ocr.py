"""OCR with Tesseract 5: options, the engine check, and recognition of one page image.

**Why pytesseract.**  It is the maintained binding that works wherever the
``tesseract`` program is installed — Debian/Ubuntu packages, Homebrew, and the
Windows installer most Thai offices would use — with no compiler and no
build against libtesseract (tesserocr needs both, and has no Windows wheels).
It runs one ``tesseract`` process per page; the model loads in about 0.1 s,
small beside the page, and several pages run at once in separate processes
(``OcrOptions.threads``), which also keeps the work out of this process's
memory.  Each process is single-threaded (``OMP_THREAD_LIMIT=1``): Tesseract's
OpenMP threads cost more CPU than they save, and a batch runs one worker per
core already.

Recognition gives words with their boxes (``image_to_data``); ``ocr_page``
turns them into the glyphs the PDF layout code reads, so OCR text goes through
the same lines, tables and paragraphs as a text layer.
"""

from __future__ import annotations

import enum
import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from ..errors import InputError
from .programs import find_program

LANGUAGES = "tha+eng"

INSTALL_HINT = ("install Tesseract with its Thai model — Debian/Ubuntu: "
                "`sudo apt-get install tesseract-ocr tesseract-ocr-tha tesseract-ocr-eng fonts-tlwg-laksaman-ttf`; "
                "Windows: the installer at https://github.com/UB-Mannheim/tesseract/wiki with Thai ticked "
                "under additional languages (found in its own folder or on PATH); macOS: `brew install tesseract "
                "tesseract-lang` — and the Python part, the [ocr] extra: `pip install -e '.[ocr]'` in the thaiplan folder")


class OcrMode(enum.Enum):
    AUTO = "auto"  # pages without a text layer, and pages whose text layer is damaged
    ALWAYS = "always"  # every page (a PDF's text layer is ignored)
    NEVER = "never"  # the text layer only; a PDF without one is refused


@dataclass(frozen=True)
class OcrOptions:
    mode: OcrMode = OcrMode.AUTO
    dpi: int = 200  # render resolution (chosen by measurement: benchmarks/bench_ocr.py)
    threads: int = 0  # pages recognized at once; 0: one per core
    #: Told (page done, pages to do) after each OCRed page: progress for long documents.
    progress: Callable[[int, int], None] | None = None
    #: CPU seconds the document may use, Tesseract's processes included (batch --timeout).
    cpu_budget: float | None = None

    def workers(self) -> int:
        return self.threads or max(1, os.cpu_count() or 1)


class OcrUnavailable(InputError):
    """OCR is needed but Tesseract, its Thai model or pytesseract is missing (exit 2)."""


class OcrTimeout(Exception):
    """The document used more CPU time than ``OcrOptions.cpu_budget`` (batch ``--timeout``)."""


@lru_cache(maxsize=1)
def engine_problem() -> str | None:
    """Why OCR cannot run here, or None."""
    try:
        import numpy  # noqa: F401  (page images as arrays: rulings, Thai digits)
        import pytesseract
    except ImportError as exc:
        return f"OCR needs the {exc.name} package (the [ocr] extra), which is not installed"
    command = shutil.which(pytesseract.pytesseract.tesseract_cmd) or find_program("tesseract")
    if command is None:
        return "OCR needs the Tesseract program, which is not installed (or not on PATH)"
    pytesseract.pytesseract.tesseract_cmd = command
    try:
        languages = set(pytesseract.get_languages(config=""))
    except Exception as exc:  # a broken installation: say what it said, in one line
        return f"Tesseract does not run ({' '.join(str(exc).split())[:200]})"
    missing = [lang for lang in LANGUAGES.split("+") if lang not in languages]
    if missing:
        return f"Tesseract has no model for {', '.join(missing)} (tesseract-ocr-{missing[0]})"
    return None


def require_engine(path: str | None, why: str) -> None:
    """Raise :class:`OcrUnavailable` (one line: what is missing and how to install it)."""
    problem = engine_problem()
    if problem:
        raise OcrUnavailable(path, f"{why}, but {problem}: {INSTALL_HINT}")


def unavailable_note() -> str:
    """For a warning about pages left unread: what is missing, and where the install is told."""
    return f"{engine_problem()} (docs/formats.md, \"Scans and damaged pages: OCR\", says how to install it)"


def engine_available() -> bool:
    return engine_problem() is None


@dataclass(frozen=True)
class OcrWord:
    text: str
    left: int  # pixels
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # (block, paragraph, line): Tesseract's line of the word
    conf: float


#: Seconds one page's recognition may take (wall clock) before it counts as failed.
PAGE_TIMEOUT = 300


def page_failure(path: str | None, number: int, exc: BaseException) -> InputError:
    """The one-line error for a page Tesseract could not read."""
    detail = " ".join(str(exc).split())[:200] or type(exc).__name__
    if "timeout" in detail.lower():
        detail = f"it took more than {PAGE_TIMEOUT} s"
    return InputError(path, f"OCR failed on page {number} ({detail})")


def recognize(image: Any) -> list[OcrWord]:
    """Words Tesseract reads on ``image`` (a PIL image), in its reading order."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(image, lang=LANGUAGES, config="--psm 3", timeout=PAGE_TIMEOUT,
                                     output_type=pytesseract.Output.DICT)
    words = []
    for k, text in enumerate(data["text"]):
        text = text.strip()
        conf = float(data["conf"][k])
        if not text or conf < 0:
            continue
        words.append(OcrWord(text, int(data["left"][k]), int(data["top"][k]), int(data["width"][k]),
                             int(data["height"][k]),
                             (int(data["block_num"][k]), int(data["par_num"][k]), int(data["line_num"][k])),
                             conf))
    return words
