"""Batch orchestration, shared by every engine: plan, dispatch, record.

The driver finds the inputs, hashes each one and asks the manifest whether
it is already done (skip) or must be (re)done (a :class:`Task`).  An engine
(local process pool or Ray) turns tasks into :class:`Result` objects, pulling
tasks lazily so that only a bounded number are in flight; the driver writes
each result's JSON atomically under OUTDIR and records it in the manifest.
Engines only dispatch: everything that decides what a run produces is here, so
``--jobs 1``, ``--jobs 2`` and Ray give byte-identical outputs.

Whatever one document does, it ends as a recorded failure of that document and
the run goes on: exceptions in the worker are caught there, and anything that
goes wrong in the driver while preparing, writing or recording one document is
caught here.  Only an error of the environment (the disk is full, OUTDIR is
not writable, the manifest cannot be updated) stops the run, cleanly: workers
stopped, what was recorded kept, the document that could not be written *not*
marked failed (a rerun once space is freed converts it), ``summary.error`` set
(exit code 3).
"""

from __future__ import annotations

import os
import re
import signal
import stat
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Iterator, Protocol, Sequence

from .. import __version__
from ..jsonio import dumps, write_atomic
from .discovery import InputFile, count_inputs, iter_inputs, printable
from .errors import BatchError, clean, environment_problem
from .manifest import Entry, Manifest, file_kind, hash_input, regular_or_absent
from .progress import PREFIX, Progress
from .worker import DEFAULT_EXTRACTOR, Result, Task, failure

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

FAILURES_NAME = "failures.jsonl"
_TEMP_FILE = re.compile(r"^\..+\.jsonl?\.[a-z0-9_]{8}\.tmp$")  # jsonio.write_atomic's temporary names


@dataclass
class BatchOptions:
    inputs: Sequence[str]
    outdir: str
    jobs: int | None = None  # local: worker processes (default: cores); ray: tasks in flight (default: CPUs)
    timeout: float | None = 600.0  # CPU seconds per document (Ray: wall-clock); None or 0: no limit
    wall_timeout: float | None = None  # local engine: wall-clock backstop per document (default 3 × timeout)
    force: bool = False
    retry_failed: bool = False
    include_text: bool = False
    engine: str = "local"  # local | ray
    address: str | None = None  # ray only: local | auto | host:port | ray://host:port | None (Ray's default)
    extractor: str = DEFAULT_EXTRACTOR
    progress_interval: float = 10.0
    rules_dir: str | None = None  # a user rules folder (``thaiplan --rules``)
    rules_digest: str = ""  # fingerprint of the rules in force: a change redoes every document
    ocr: str = "auto"  # when to OCR (``--ocr``): auto | always | never
    check: bool = False  # store the quality checks' findings in each document (``--check``)


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
    skipped: int = 0  # entries not converted by design: special files, links leading out of the inputs…
    interrupted: bool = False
    error: str | None = None  # why the run stopped early (disk full, OUTDIR not writable, internal error)
    engine: str = ""

    @property
    def exit_code(self) -> int:
        """0 all converted; 1 some documents failed; 3 the run stopped on an error; 130 interrupted."""
        if self.error:
            return EXIT_ERROR
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if self.failed or self.failed_before else EXIT_OK

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
        if self.skipped:
            text += f"; {self.skipped} other entr{'ies' if self.skipped > 1 else 'y'} skipped (see the warnings)"
        if self.error:
            text += "; STOPPED by the error above: fix it and run the same command again to go on"
        elif self.interrupted:
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
    return LocalEngine(opts.jobs or os.cpu_count() or 1, timeout, opts.extractor, opts.wall_timeout)


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
            if inp.skip is not None:
                self.summary.skipped += 1
                self.progress.note(f"thaiplan: warning: {printable(inp.display)}: skipped: {inp.skip}")
                continue
            try:
                task = self.plan(inp)
            except (BatchError, KeyboardInterrupt):
                raise
            except Exception as err:  # noqa: BLE001 - a bug met on one document fails that document only
                self.record(inp, None, failure(inp.key, type(err).__name__, f"could not be prepared: {clean(err)}"))
                continue
            if task is not None:
                yield task

    def plan(self, inp: InputFile) -> Task | None:
        problem = _problem(self.outdir, inp)
        sha, not_regular = hash_input(inp.path)
        if problem is None and not_regular:  # replaced by a FIFO or a device since it was found
            problem = ("InputError", not_regular)
        entry = self.manifest.get(printable(inp.key))
        if self.unchanged(entry, sha) and (problem is None or entry and entry.status == "failed"):
            assert entry is not None
            self.summary.unchanged += 1
            self.summary.failed_before += entry.status == "failed"
            self.progress.advance(skipped=True, failed=entry.status == "failed")
            return None
        if problem is not None:
            self.record(inp, sha, failure(inp.key, *problem))
            return None
        self.pending[inp.key] = (inp, sha)
        return Task(inp.key, inp.path, inp.display, self.opts.include_text, self.opts.extractor, self.opts.rules_dir,
                    self.opts.ocr, self.opts.timeout or None, self.opts.check)

    def finish(self, result: Result) -> None:
        pending = self.pending.pop(result.key, None)
        if pending is None:  # not ours (an engine's duplicate): nothing to record
            return
        inp, sha = pending
        try:
            self.record(inp, sha, result)
        except (BatchError, KeyboardInterrupt):
            raise
        except Exception as err:  # noqa: BLE001 - a bug met on one document fails that document only
            self.record(inp, sha, failure(inp.key, type(err).__name__, f"could not be recorded: {clean(err)}"))

    def record(self, inp: InputFile, sha: str | None, result: Result) -> None:
        key = printable(inp.key)
        output = None
        if result.ok:
            result, output = self.write(inp, result)
        self.summary.peak_rss_mb = max(self.summary.peak_rss_mb, result.peak_rss_mb)
        self.summary.worker_seconds += result.seconds
        if result.ok and output is not None:
            self.manifest.put(Entry(key, printable(inp.path), printable(inp.display), sha, self.settings, "ok",
                                    output, chars=result.chars, seconds=result.seconds))
            self.summary.converted += 1
            self.summary.chars += result.chars
        else:
            error_class, message = clean(result.error_class or "Error"), clean(result.message or "")
            stale = output_path(self.outdir, inp.key)
            try:
                if stale and os.path.isfile(stale) and not os.path.islink(stale):
                    os.unlink(stale)  # the input changed and no longer converts: drop the old output
            except OSError as err:
                self.progress.note(f"thaiplan: warning: {self.shown(stale or '')}: cannot remove this output of "
                                   f"an earlier run: {clean(err.strerror or err)}")
            self.manifest.put(Entry(key, printable(inp.path), printable(inp.display), sha, self.settings,
                                    "failed", None, error_class, message, seconds=result.seconds))
            self.summary.failed += 1
            self.progress.note(f"thaiplan: error: {printable(inp.display)}: {message} [{error_class}]")
        self.progress.advance(failed=not result.ok)

    def write(self, inp: InputFile, result: Result) -> tuple[Result, str | None]:
        """Write a document's JSON: (result, output path relative to OUTDIR), or (its failure, None).

        Raises BatchError when the environment is at fault (disk full, read-only,
        permission denied): the document is then not recorded as failed, so that
        the next run converts it.
        """
        target = output_path(self.outdir, inp.key)
        if target is None:
            return _failed(result, "UnsafePath", "its output would be written outside the output folder"), None
        try:
            info: os.stat_result | None = os.lstat(target)
        except OSError:
            info = None  # nothing there (or the writer will say why not)
        if info is not None and not stat.S_ISREG(info.st_mode):  # planted: never written through, nor replaced
            return _failed(result, "OutputError", f"its output {self.shown(target)} is {file_kind(info.st_mode)}, "
                                                  "not a regular file: left alone, nothing written (remove it and "
                                                  "run again)"), None
        text = result.json or ""
        try:
            try:
                write_atomic(target, text)
            except UnicodeEncodeError:  # lone surrogates (from a broken font map…): not UTF-8, replace them
                text, replaced = _LONE_SURROGATE.subn("\ufffd", text)
                write_atomic(target, text)
                self.progress.note(f"thaiplan: warning: {printable(inp.display)}: {replaced} character"
                                   f"{'s' if replaced > 1 else ''} that are not valid Unicode (lone surrogates) "
                                   "replaced with U+FFFD in the output")
        except OSError as err:
            why = environment_problem(err)
            if why is None:
                detail = str(getattr(err, "problem", None) or err.strerror or err).removeprefix("cannot write: ")
                return _failed(result, "OutputError", f"cannot write the output: {clean(detail)}"), None
            self.forget_failure(printable(inp.key))
            raise BatchError(f"cannot write {self.shown(target)}: {why}") from None
        except Exception as err:  # noqa: BLE001 - e.g. text that cannot be encoded even so
            return _failed(result, "OutputError", f"cannot write the output: {type(err).__name__}: {clean(err)}"), None
        # "/"-separated, as keys are: a manifest written on Windows still finds its outputs from Linux
        return result, Path(os.path.relpath(target, self.outdir)).as_posix()

    def forget_failure(self, key: str) -> None:
        """A document that failed before and now could not be written is not left "failed" (best effort)."""
        try:
            entry = self.manifest.get(key)
            if entry is not None and entry.status == "failed":
                self.manifest.forget(key)
        except BatchError:
            pass  # the manifest cannot be written either: the run stops anyway

    def shown(self, path: str) -> str:
        """A path under OUTDIR as the user named OUTDIR."""
        return os.path.join(self.opts.outdir, os.path.relpath(path, self.outdir))

    def write_failures(self) -> None:
        lines = [dumps({"path": e.display, "error_class": e.error_class, "message": e.message}, compact=True)
                 for e in self.manifest.failures()]
        path = os.path.join(self.outdir, FAILURES_NAME)
        if lines or os.path.exists(path):
            write_atomic(path, "".join(line + "\n" for line in lines))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # one code point each: span offsets stay right


def _failed(result: Result, error_class: str, message: str) -> Result:
    """A converted document that could not be written: a failure (its time and memory still count)."""
    return replace(result, json=None, error_class=error_class, message=message, chars=0)


def _problem(outdir: str, inp: InputFile) -> tuple[str, str] | None:
    """Why an input cannot be converted whatever its content, if it cannot."""
    if printable(inp.path) != inp.path or printable(inp.display) != inp.display:
        return "InputError", "the path is not valid UTF-8: rename the file"
    if output_path(outdir, inp.key) is None:
        return "UnsafePath", "its output would be written outside the output folder"
    return None


def run_batch(opts: BatchOptions, stream: IO[str] | None = None) -> BatchSummary:
    """Convert every input under ``opts.outdir``.

    Raises InputError for a missing input, OutdirError when OUTDIR cannot be
    used (locked, a bookkeeping file planted as a symlink), BatchError when it
    cannot be created or its manifest opened.  An error that stops the run once
    started (disk full…) is printed and returned as ``summary.error``.
    """
    stream = stream or sys.stderr
    outdir = os.path.realpath(opts.outdir)
    engine = make_engine(opts)  # a missing Ray extra fails here, before anything is written
    total = count_inputs(opts.inputs, outdir)
    if not opts.rules_digest:
        from ..ruleset import load_rules

        opts.rules_digest = load_rules(opts.rules_dir).digest
    settings = (f"thaiplan {__version__}; extractor {opts.extractor}; source_text {opts.include_text}; "
                f"rules {opts.rules_digest}" + (f"; ocr {opts.ocr}" if opts.ocr != "auto" else "")
                + ("; checks" if opts.check else ""))
    summary = BatchSummary(outdir=opts.outdir, total=total, engine=engine.name)
    started = time.monotonic()
    with Manifest(outdir) as manifest, _sigterm_as_interrupt():
        regular_or_absent(os.path.join(outdir, FAILURES_NAME))  # never written through a planted link
        remove_temp_files(outdir)
        progress = Progress(total, stream, opts.progress_interval)
        progress.note(f"{PREFIX} {total} documents to {opts.outdir}, {engine.describe()}")
        run = _Run(opts, outdir, manifest, progress, summary, settings)
        results = engine.run(run.tasks(iter_inputs(opts.inputs, outdir)))
        try:
            for result in results:
                run.finish(result)
        except KeyboardInterrupt:
            summary.interrupted = True
        except BatchError as err:
            summary.error = str(err)
        except Exception as err:  # noqa: BLE001 - a bug of the batch itself: one line, exit code 3
            if os.environ.get("THAIPLAN_DEBUG"):
                raise
            summary.error = (f"internal error: {type(err).__name__}: {clean(err)} (set THAIPLAN_DEBUG=1 for the "
                             "traceback, and please report it)")
        finally:
            _close(results)  # stops the workers now, not when the generator is collected
            progress.close()
            summary.seconds = time.monotonic() - started
            _write_failures(run, summary, progress)
            if summary.error:
                progress.note(f"thaiplan: error: {summary.error}")
    return summary


def _close(results: Iterator[Result]) -> None:
    close = getattr(results, "close", None)
    if close is not None:
        try:
            close()
        except Exception:  # noqa: BLE001 - cleaning up must not hide the run's own outcome
            pass


def _write_failures(run: _Run, summary: BatchSummary, progress: Progress) -> None:
    try:
        run.write_failures()
    except (OSError, BatchError) as err:
        why = environment_problem(err) or clean(err.strerror if isinstance(err, OSError) and err.strerror else err)
        problem = f"cannot write {os.path.join(run.opts.outdir, FAILURES_NAME)}: {why}"
        if summary.error is None:
            summary.error = problem
        else:  # already stopping for (most likely) the same reason: the next run writes it
            progress.note(f"thaiplan: warning: {problem} (the next run writes it)")
