"""Batch orchestration, shared by every engine: plan, dispatch, record.

The driver finds the inputs, hashes each one and asks the manifest whether
it is already done (skip) or must be (re)done (a :class:`Task`).  An engine
(local process pool or Ray) turns tasks into :class:`Result` objects, pulling
tasks lazily so that only a bounded number are in flight; the driver writes
each result's JSON atomically under OUTDIR and records it in the manifest.
Engines only dispatch: everything that decides what a run produces is here, so
``--jobs 1``, ``--jobs 2`` and Ray give byte-identical outputs.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Iterator, Protocol, Sequence

from .. import __version__
from ..jsonio import dumps, write_atomic
from .discovery import InputFile, count_inputs, iter_inputs, printable
from .manifest import Entry, Manifest, sha256_of
from .progress import PREFIX, Progress
from .worker import DEFAULT_EXTRACTOR, Result, Task, failure

FAILURES_NAME = "failures.jsonl"
_TEMP_FILE = re.compile(r"^\..+\.jsonl?\.[a-z0-9_]{8}\.tmp$")  # jsonio.write_atomic's temporary names


@dataclass
class BatchOptions:
    inputs: Sequence[str]
    outdir: str
    jobs: int | None = None  # local: worker processes (default: cores); ray: tasks in flight (default: CPUs)
    timeout: float | None = 600.0  # seconds per document; None or 0: no limit
    force: bool = False
    retry_failed: bool = False
    include_text: bool = False
    engine: str = "local"  # local | ray
    address: str | None = None  # ray only: local | auto | host:port | ray://host:port | None (Ray's default)
    extractor: str = DEFAULT_EXTRACTOR
    progress_interval: float = 10.0
    rules_dir: str | None = None  # a user rules folder (``thaiplan --rules``)
    rules_digest: str = ""  # fingerprint of the rules in force: a change redoes every document


@dataclass
class BatchSummary:
    outdir: str
    total: int = 0
    converted: int = 0
    unchanged: int = 0
    failed: int = 0  # in this run
    failed_before: int = 0  # unchanged inputs that failed in an earlier run (still in failures.jsonl)
    chars: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0  # the largest peak resident memory of any worker process
    worker_seconds: float = 0.0  # time workers spent on documents (for utilisation: / (jobs * seconds))
    interrupted: bool = False
    engine: str = ""

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed or self.failed_before else 0

    def line(self) -> str:
        rate = self.converted / self.seconds if self.seconds > 0 else 0.0
        chars = self.chars / self.seconds if self.seconds > 0 else 0.0
        failed = self.failed + self.failed_before
        text = (f"{PREFIX} {self.total} documents: {self.converted} converted, {self.unchanged} unchanged, "
                f"{failed} failed")
        if failed:
            text += f" (listed in {os.path.join(self.outdir, FAILURES_NAME)})"
        text += f"; {self.seconds:.1f} s, {rate:.2f} documents/s, {chars:,.0f} chars/s"
        if self.peak_rss_mb:
            text += f", peak worker memory {self.peak_rss_mb:.0f} MB"
        if self.interrupted:
            text += "; INTERRUPTED: run the same command again to resume"
        return text


class Engine(Protocol):
    name: str

    def run(self, tasks: Iterator[Task]) -> Iterator[Result]: ...

    def describe(self) -> str: ...


def make_engine(opts: BatchOptions) -> Engine:
    timeout = opts.timeout or None
    if opts.engine == "ray":
        from .ray_engine import RayEngine
        return RayEngine(opts.address, opts.jobs, timeout, opts.extractor)
    if opts.engine != "local":
        raise ValueError(f"unknown engine {opts.engine!r} (choose local or ray)")
    from .pool import LocalEngine
    return LocalEngine(opts.jobs or os.cpu_count() or 1, timeout, opts.extractor)


def output_path(outdir: str, key: str) -> str | None:
    """``OUTDIR/<key>.json``, or None if it would land outside OUTDIR (e.g. via a symlinked folder)."""
    parts = key.split("/")
    if os.path.isabs(key) or any(p in ("", ".", "..") for p in parts):
        return None
    target = os.path.join(outdir, *parts) + ".json"
    parent = os.path.realpath(os.path.dirname(target))
    if parent != outdir and not parent.startswith(outdir + os.sep):
        return None
    return target


def remove_temp_files(outdir: str) -> None:
    """Temporary files left by a run that was killed (they are never valid outputs)."""
    for dirpath, _, filenames in os.walk(outdir):
        for name in filenames:
            if _TEMP_FILE.match(name):
                try:
                    os.unlink(os.path.join(dirpath, name))
                except OSError:
                    pass


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """`kill` stops a run as cleanly as Ctrl-C does (workers stopped, manifest committed)."""
    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt
    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@dataclass
class _Run:
    opts: BatchOptions
    outdir: str
    manifest: Manifest
    progress: Progress
    summary: BatchSummary
    settings: str
    pending: dict[str, tuple[InputFile, str | None]] = field(default_factory=dict)

    def unchanged(self, entry: Entry | None, sha: str | None) -> bool:
        if self.opts.force or entry is None or entry.sha256 != sha or entry.settings != self.settings:
            return False
        if entry.status == "ok":
            return entry.output is not None and os.path.exists(os.path.join(self.outdir, entry.output))
        return not self.opts.retry_failed

    def tasks(self, inputs: Iterator[InputFile]) -> Iterator[Task]:
        """The documents to (re)do; skipped and unconvertible ones are recorded on the way."""
        for inp in inputs:
            problem = _problem(self.outdir, inp)
            sha = sha256_of(inp.path)
            entry = self.manifest.get(printable(inp.key))
            if self.unchanged(entry, sha) and (problem is None or entry and entry.status == "failed"):
                assert entry is not None
                self.summary.unchanged += 1
                self.summary.failed_before += entry.status == "failed"
                self.progress.advance(skipped=True, failed=entry.status == "failed")
            elif problem is not None:
                self.record(inp, sha, failure(inp.key, *problem))
            else:
                self.pending[inp.key] = (inp, sha)
                yield Task(inp.key, inp.path, inp.display, self.opts.include_text, self.opts.extractor,
                           self.opts.rules_dir)

    def finish(self, result: Result) -> None:
        inp, sha = self.pending.pop(result.key)
        self.record(inp, sha, result)

    def record(self, inp: InputFile, sha: str | None, result: Result) -> None:
        key = printable(inp.key)
        target = output_path(self.outdir, inp.key) if result.ok else None
        if result.ok:
            try:
                if target is None:
                    raise OSError("its output would be written outside the output folder")
                write_atomic(target, result.json or "")
            except OSError as err:
                result = failure(inp.key, "OutputError", f"cannot write the output: {err.strerror or err}")
        self.summary.peak_rss_mb = max(self.summary.peak_rss_mb, result.peak_rss_mb)
        self.summary.worker_seconds += result.seconds
        if result.ok and target is not None:
            output = os.path.relpath(target, self.outdir)
            self.manifest.put(Entry(key, printable(inp.path), printable(inp.display), sha, self.settings, "ok",
                                    output, chars=result.chars, seconds=result.seconds))
            self.summary.converted += 1
            self.summary.chars += result.chars
        else:
            stale = output_path(self.outdir, inp.key)
            if stale and os.path.lexists(stale):
                os.unlink(stale)  # the input changed and no longer converts: drop the old output
            self.manifest.put(Entry(key, printable(inp.path), printable(inp.display), sha, self.settings,
                                    "failed", None, result.error_class, result.message, seconds=result.seconds))
            self.summary.failed += 1
            self.progress.note(f"thaiplan: error: {printable(inp.display)}: {result.message} "
                               f"[{result.error_class}]")
        self.progress.advance(failed=not result.ok)

    def write_failures(self) -> None:
        lines = [dumps({"path": e.display, "error_class": e.error_class, "message": e.message}, compact=True)
                 for e in self.manifest.failures()]
        path = os.path.join(self.outdir, FAILURES_NAME)
        if lines or os.path.exists(path):
            write_atomic(path, "".join(line + "\n" for line in lines))


def _problem(outdir: str, inp: InputFile) -> tuple[str, str] | None:
    """Why an input cannot be converted whatever its content, if it cannot."""
    if printable(inp.path) != inp.path or printable(inp.display) != inp.display:
        return "InputError", "the path is not valid UTF-8: rename the file"
    if output_path(outdir, inp.key) is None:
        return "UnsafePath", "its output would be written outside the output folder"
    return None


def run_batch(opts: BatchOptions, stream: IO[str] | None = None) -> BatchSummary:
    """Convert every input under ``opts.outdir``; raises InputError for a missing input."""
    stream = stream or sys.stderr
    outdir = os.path.realpath(opts.outdir)
    engine = make_engine(opts)  # a missing Ray extra fails here, before anything is written
    total = count_inputs(opts.inputs, outdir)
    if not opts.rules_digest:
        from ..ruleset import load_rules

        opts.rules_digest = load_rules(opts.rules_dir).digest
    settings = (f"thaiplan {__version__}; extractor {opts.extractor}; source_text {opts.include_text}; "
                f"rules {opts.rules_digest}")
    summary = BatchSummary(outdir=opts.outdir, total=total, engine=engine.name)
    started = time.monotonic()
    with Manifest(outdir) as manifest, _sigterm_as_interrupt():
        remove_temp_files(outdir)
        progress = Progress(total, stream, opts.progress_interval)
        progress.note(f"{PREFIX} {total} documents to {opts.outdir}, {engine.describe()}")
        run = _Run(opts, outdir, manifest, progress, summary, settings)
        try:
            for result in engine.run(run.tasks(iter_inputs(opts.inputs, outdir))):
                run.finish(result)
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            progress.close()
            summary.seconds = time.monotonic() - started
            run.write_failures()
    return summary
