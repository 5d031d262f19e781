"""What runs inside a worker process, whichever engine dispatched it.

Both engines ship a :class:`Task` to a worker and get a :class:`Result` back.
Nothing but plain data crosses the process boundary: exceptions are turned
into (class name, message) here, because pickling them is fragile (e.g.
``InputError`` cannot be rebuilt from its pickled args) and a Ray cluster may
not share the driver's Python objects anyway.
"""

from __future__ import annotations

import importlib
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable

DEFAULT_EXTRACTOR = "extractor.batch.worker:extract_to_dict"

# (input path to open, path to record in the output, include source text) -> document dict
ExtractFn = Callable[[str, str, bool], dict[str, Any]]


@dataclass(frozen=True)
class Task:
    key: str  # relative path: the manifest key and the output name without ".json"
    path: str  # absolute input path, opened by the worker
    display: str  # the path as the user named it, recorded as source.path
    include_text: bool
    extractor: str  # "module:function" giving an ExtractFn
    rules_dir: str | None = None  # a user rules folder layered on the shipped rules
    ocr: str = "auto"  # when to OCR scanned or damaged pages (``--ocr``)
    cpu_budget: float | None = None  # CPU seconds per document, OCR processes included (``--timeout``)
    check: bool = False  # run the quality checks and store their findings (``--check``)


@dataclass(frozen=True)
class Result:
    key: str
    json: str | None  # the document, serialised; None on failure
    error_class: str | None = None
    message: str | None = None
    chars: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0  # of the worker process so far

    @property
    def ok(self) -> bool:
        return self.json is not None


def extract_to_dict(path: str, display: str, include_text: bool, rules_dir: str | None = None,
                    ocr: str = "auto", cpu_budget: float | None = None, check: bool = False) -> dict[str, Any]:
    """The default extractor: the public API, with the user's path in ``source.path``.
    OCR runs one page at a time (a batch has a worker per core already), silently.
    With ``check`` the quality checks run too (default settings) and their findings
    are stored in the document, where the exports' findings table reads them."""
    from ..pipeline import extract
    from ..readers.ocr import OcrMode, OcrOptions

    options = OcrOptions(OcrMode(ocr), threads=1, progress=_quiet, cpu_budget=cpu_budget)
    rules = _rules(rules_dir)
    doc = extract(path=path, rules=rules, ocr=options)
    doc.source.path = display
    if check:
        from ..check import run_checks

        doc.findings = run_checks(doc, shown=display, rules=rules)
    return doc.to_dict(include_text=include_text)


def _quiet(done: int, total: int) -> None:
    """No per-page progress inside a batch: its own progress line says how far it is."""


_rules_by_dir: dict[str | None, Any] = {}


def _rules(rules_dir: str | None) -> Any:
    """The RuleSet of a rules folder, loaded once per worker process."""
    if rules_dir not in _rules_by_dir:
        from ..ruleset import load_rules

        _rules_by_dir[rules_dir] = load_rules(rules_dir)
    return _rules_by_dir[rules_dir]


_loaded: dict[str, ExtractFn] = {}


def load_function(spec: str) -> ExtractFn:
    """Import ``module:function`` once per process."""
    fn = _loaded.get(spec)
    if fn is None:
        module, _, name = spec.partition(":")
        if not module or not name:
            raise ValueError(f"extractor must look like module:function, not {spec!r}")
        fn = getattr(importlib.import_module(module), name)
        _loaded[spec] = fn
    return fn


def warm_up(spec: str) -> None:
    """Import the extractor before the first document, so imports do not eat into its time limit."""
    try:
        load_function(spec)
        if spec == DEFAULT_EXTRACTOR:
            importlib.import_module("extractor.stages.assemble")
            _rules(None)
    except Exception:  # noqa: BLE001 - the same error is reported for each document by run_task
        pass


def peak_rss_mb() -> float:
    """This process's peak resident memory; 0 where the system does not say (Windows: no ``resource``)."""
    try:
        import resource
    except ImportError:
        return 0.0  # the run's summary then leaves the figure out
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def failure(key: str, error_class: str, message: str, seconds: float = 0.0) -> Result:
    return Result(key, None, error_class, message, seconds=seconds)


def _describe(err: BaseException) -> str:
    try:
        return str(err) or repr(err)
    except Exception:  # noqa: BLE001 - a broken __str__ must not escape either
        return type(err).__name__


def run_task(task: Task) -> Result:
    """Extract one document; never raises for a bad document (nor for an extractor that exits)."""
    from ..errors import InputError
    from ..jsonio import dumps
    from ..readers.ocr import OcrTimeout

    start = time.perf_counter()
    try:
        fn = load_function(task.extractor)
        extra: dict[str, Any] = {"rules_dir": task.rules_dir} if task.rules_dir else {}
        if task.extractor == DEFAULT_EXTRACTOR:
            extra.update(ocr=task.ocr, cpu_budget=task.cpu_budget, check=task.check)
        data = fn(task.path, task.display, task.include_text, **extra)
        text = dumps(data) + "\n"
        chars = int((data.get("source") or {}).get("chars") or 0)
    except InputError as err:  # the path is recorded separately: keep just the problem
        return failure(task.key, "InputError", str(err.problem), time.perf_counter() - start)
    except OcrTimeout as err:  # the CPU limit, counted with the OCR processes the worker waited for
        return failure(task.key, "Timeout", f"{err} (--timeout)", time.perf_counter() - start)
    except (Exception, SystemExit) as err:  # noqa: BLE001 - any bug in one document must not stop the batch
        return failure(task.key, type(err).__name__, _describe(err), time.perf_counter() - start)
    return Result(task.key, text, chars=chars, seconds=time.perf_counter() - start, peak_rss_mb=peak_rss_mb())
