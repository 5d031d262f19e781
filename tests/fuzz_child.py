"""Worker process of tests/test_fuzz.py: extract files one by one under a time and memory bound.

Not a test module.  Started by the fuzz test as::

    python tests/fuzz_child.py --timeout 10 --mem-mb 2048 --rss-mb 1024 [--hide-soffice]

It reads jobs from standard input, one JSON object per line
(``{"id": ..., "path": ..., "out": ...}``), and answers each with one JSON
line on its original standard output (``{"ready": true}`` first, once the
libraries are loaded).  Everything the libraries print goes to standard error,
which the parent keeps in a log.

Each file is run through the command line in this process,
``thaiplan extract FILE -o OUT --include-text`` (click's ``standalone_mode=False``,
``THAIPLAN_DEBUG=1`` so that an internal error raises with its traceback
instead of exiting 1; the shipped rules are loaded once).  The answer's
``status`` is

* ``ok``: exit 0 (stderr: nothing, or ``thaiplan: warning: ...`` lines);
* ``input-error``: exit 2, stderr ending with one ``thaiplan: error: ...`` line;
* ``bad-message``: exit 0 or 2 with other lines on stderr (see ``classify``);
* ``exit-code``: any other exit code (3: the output could not be written);
* ``exception``: an exception escaped (``traceback`` holds it);
* ``timeout``: the file took more than ``--timeout`` CPU seconds (SIGPROF
  from ITIMER_PROF, or measured afterwards when the signal was swallowed;
  CPU rather than wall-clock time, so that a loaded machine does not fail
  the test);
* ``memory``: MemoryError (the address space is limited to ``--mem-mb`` by
  RLIMIT_AS), or the peak resident memory passed ``--rss-mb`` while this file
  was being extracted.

After a timeout or a memory failure the worker exits (its state may be
damaged and its peak memory is spent), and so it does when its resident
memory stays above half the bound after a file (the peak is per process: a
fresh worker keeps it per file); the parent starts a new one.  A worker
killed outright (segfault, abort, the kernel) is noticed by the parent, which
records the file it was on.
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import io
import json
import os
import resource
import shutil
import signal
import sys
import time
import traceback


class FileTimeout(BaseException):
    """Raised by SIGPROF; a BaseException so that ``except Exception`` in the readers cannot swallow it."""


def _on_alarm(signum, frame):  # noqa: ARG001
    raise FileTimeout()


def _cpu() -> float:
    """CPU seconds (user + system) of this process: the clock of the time bound, so that a
    loaded CI machine does not turn slow wall-clock seconds into timeouts."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_mb() -> float:
    """Resident memory now (Linux); 0 where /proc is missing."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20
    except (OSError, ValueError, IndexError):
        return 0.0


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _hide_soffice() -> None:
    """Drop LibreOffice from PATH: .doc conversion is LibreOffice's code, not ours, and takes seconds."""
    dirs = []
    for d in os.environ.get("PATH", "").split(os.pathsep):
        if d and any(os.path.exists(os.path.join(d, name)) for name in ("soffice", "libreoffice")):
            continue
        dirs.append(d)
    os.environ["PATH"] = os.pathsep.join(dirs)
    assert shutil.which("soffice") is None and shutil.which("libreoffice") is None


def _warm_up() -> None:
    """Load the lazily imported libraries and models so that the first file's clock is fair."""
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import pypdfium2  # noqa: F401
    import xlrd  # noqa: F401

    import extractor.cli  # noqa: F401
    from extractor.pipeline import extract

    extract(text="แผนพัฒนาท้องถิ่น\n1. โครงการก่อสร้างถนน คสล. หมู่ที่ 3 งบประมาณ 250,000 บาท\n"
                 "2. โครงการจัดซื้อวัสดุการศึกษา ๑๒๐,๐๐๐ บาท\n").to_dict(include_text=True)


def _cached_rules() -> None:
    """Load the shipped rules once: the command line loads them per invocation (0.1 s), which
    here would be per file.  Only the default rules (no --rules) are cached."""
    try:
        from extractor import ruleset
    except ImportError:
        return
    load = getattr(ruleset, "load_rules", None)
    if load is None:
        return
    cache: dict = {}

    def load_rules(rules_dir=None, *args, **kwargs):
        if rules_dir is None and not args and not kwargs:
            if "rules" not in cache:
                cache["rules"] = load()
            return cache["rules"]
        return load(rules_dir, *args, **kwargs)

    ruleset.load_rules = load_rules


def _cli(path: str, out: str) -> tuple[int, str]:
    """``thaiplan extract PATH -o OUT --include-text`` in this process: (exit code, stderr)."""
    from extractor.cli import main as cli

    captured = io.StringIO()
    real_stderr = sys.stderr
    sys.stderr = captured
    try:
        try:
            code = cli.main(args=["extract", path, "-o", out, "--include-text"], prog_name="thaiplan",
                            standalone_mode=False)
        except SystemExit as exc:
            code = exc.code
    finally:
        sys.stderr = real_stderr
    if code is None:
        code = 0
    elif not isinstance(code, int):
        captured.write(f"{code}\n")
        code = 1
    return code, captured.getvalue()


def classify(code: int, stderr: str) -> tuple[str, str]:
    """(status, message) of one run of the command line from its exit code and standard error.

    Every stderr line must be a one-line message of thaiplan's (``thaiplan: warning: ...``
    for a damaged but readable file, ``thaiplan: error: ...``); exit 2 ends with exactly
    one error line, exit 0 has none."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("thaiplan: error:")]
    strays = [line for line in lines if not line.startswith(("thaiplan: error:", "thaiplan: warning:"))]
    shown = " | ".join(lines)
    if code not in (0, 2):
        return "exit-code", f"exit code {code}: {shown}"
    if "Traceback" in stderr or strays:
        return "bad-message", f"exit {code} with lines on stderr that are not thaiplan's one-line messages: {shown}"
    if code == 0:
        return ("ok", shown) if not errors else ("bad-message", f"exit 0 with an error line: {shown}")
    if len(errors) != 1 or lines[-1] != errors[0]:
        return "bad-message", f"exit 2 with {len(errors)} error lines (want one, last): {shown}"
    return "input-error", errors[0]


def run_one(job: dict, timeout: float, rss_mb: float) -> dict:
    path, out = job["path"], job["out"]
    result: dict = {"id": job["id"], "status": "ok"}
    peak_before = _peak_rss_mb()
    start, cpu_start = time.monotonic(), _cpu()
    signal.setitimer(signal.ITIMER_PROF, timeout)
    try:
        code, stderr = _cli(path, out)
        result["exit"] = code
        result["status"], message = classify(code, stderr)
        if message:
            result["message"] = message[:500]
    except FileTimeout:
        result["status"] = "timeout"
        result["message"] = f"still running after {timeout:g} CPU seconds (SIGPROF)"
        result["traceback"] = traceback.format_exc(limit=-12)
    except MemoryError:
        gc.collect()
        result["status"] = "memory"
        result["message"] = "MemoryError (address space limited by RLIMIT_AS)"
        result["traceback"] = traceback.format_exc(limit=-12)
    except BaseException as exc:  # a bug: any other exception (THAIPLAN_DEBUG=1 lets internal errors through)
        result["status"] = "exception"
        result["message"] = f"{type(exc).__name__}: {exc}"[:500]
        result["traceback"] = traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    elapsed, cpu = time.monotonic() - start, _cpu() - cpu_start
    peak = _peak_rss_mb()
    result["seconds"] = round(elapsed, 3)
    result["cpu_seconds"] = round(cpu, 3)
    result["peak_rss_mb"] = round(peak, 1)
    try:
        os.unlink(out)
    except OSError:
        pass
    if result["status"] in ("ok", "input-error", "bad-message"):
        if cpu > timeout:
            result["message"] = (f"took {cpu:.1f} CPU s (limit {timeout:g} s; the alarm was swallowed); "
                                 f"outcome: {result['status']} {result.get('message', '')}")[:500]
            result["status"] = "timeout"
        elif peak > rss_mb and peak > peak_before:
            result["message"] = (f"peak resident memory {peak:.0f} MB > {rss_mb:g} MB; "
                                 f"outcome: {result['status']} {result.get('message', '')}")[:500]
            result["status"] = "memory"
    return result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--mem-mb", type=int, default=2048)
    ap.add_argument("--rss-mb", type=float, default=1024)
    ap.add_argument("--hide-soffice", action="store_true")
    args = ap.parse_args()

    # Answers go to the original stdout; whatever the libraries print goes to stderr (the log).
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    faulthandler.enable()  # a segfault leaves a Python traceback in the log
    limit = args.mem_mb << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if args.hide_soffice:
        _hide_soffice()
    signal.signal(signal.SIGPROF, _on_alarm)
    os.environ["THAIPLAN_DEBUG"] = "1"  # internal errors raise (with their traceback) instead of exit 1
    os.environ.pop("THAIPLAN_RULES", None)
    _cached_rules()
    _warm_up()
    answers.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")

    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        print(f"--- {job['id']} {job['path']}", file=sys.stderr, flush=True)
        result = run_one(job, args.timeout, args.rss_mb)
        # After a failure the state may be damaged; and a worker whose heap stays big would
        # blame the next file for its own high-water mark (ru_maxrss cannot be reset): restart.
        restart = result["status"] in ("timeout", "memory") or _rss_mb() > args.rss_mb / 2
        result["restart"] = restart
        answers.write(json.dumps(result, ensure_ascii=True) + "\n")
        if restart:
            return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
