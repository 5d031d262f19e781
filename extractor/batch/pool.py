"""Local engine: a pool of worker processes, each of which can be killed.

``concurrent.futures`` cannot stop one running task, so this small pool keeps
one pipe per worker, gives each worker one document at a time and waits on all
pipes with the nearest deadline as time-out.  One that dies (segfault,
out-of-memory killer) is reported as ``WorkerCrash`` and replaced.  Either way
the batch goes on.

**Time limit.** ``--timeout`` is *CPU time*, so that a document's status does
not depend on how loaded the machine is: before each document the worker sets
its own ``RLIMIT_CPU`` to the CPU time it has used so far plus the limit
(rounded up to a whole second), and the kernel kills it with SIGXCPU when the
document has used that much (core dumps are off in workers).  A document that
waits instead of computing (a stalled network share) uses no CPU, so the
driver also kills a worker after ``WALL_FACTOR`` × the limit of wall-clock
time.  Both are reported as ``Timeout``.  (A program the worker starts, such
as LibreOffice for a .doc, inherits the limit: it too gets at least the
document's allowance of CPU time.)

Without ``RLIMIT_CPU`` (Windows) a watchdog thread in the worker does the
same: it compares the process's CPU time (``time.process_time``, all its
threads) with the limit every :data:`WATCHDOG_INTERVAL` seconds and ends the
worker with :data:`CPU_EXIT_CODE`, reported as the same ``Timeout``.  It cannot
count the CPU of programs the worker starts, nor stop a native call that holds
the interpreter lock (the wall-clock backstop still does).

Workers come from the ``forkserver`` start method where there is one: a fork
of a clean server process (not of the driver, which may hold threads, e.g.
Ray's or tqdm's), so a replacement starts in milliseconds with the modules
already imported.  Elsewhere (Windows) the start method is ``spawn``: a new
interpreter per worker, which imports the extractor before its first document
(a second or two, outside any document's time limit).

**Workers die with the driver**, even with ``kill -9``: each worker holds the
read end of a *lifeline* pipe whose only write end is in the driver, and a
thread in the worker exits the process as soon as the pipe reports end of
file, i.e. when the driver is gone.  (The parent-death signal alone is not
enough: a worker's parent is the fork server, which outlives the driver as
long as any worker runs, because every worker holds the fork server's
keep-alive pipe.)
"""

from __future__ import annotations

import ctypes
import math
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection, wait
from types import ModuleType
from typing import Iterable, Iterator

from .worker import Result, Task, failure, run_task, warm_up

resource: ModuleType | None
try:
    import resource
except ImportError:  # Windows: no rlimits (see limit_cpu)
    resource = None

WALL_FACTOR = 3  # wall-clock backstop: a document is stopped after this many times --timeout, CPU used or not
CPU_EXIT_CODE = 124  # a worker stopped by the CPU watchdog (as timeout(1) exits); where no RLIMIT_CPU
WATCHDOG_INTERVAL = 0.1  # seconds between the watchdog's looks at the CPU time
_SIGXCPU = getattr(signal, "SIGXCPU", None)  # POSIX only, as SIGKILL
_SIGKILL = getattr(signal, "SIGKILL", None)
_RLIMIT_CPU = resource is not None and hasattr(resource, "RLIMIT_CPU")


def start_method() -> str:
    """``forkserver`` where the platform has it (POSIX), else ``spawn`` (Windows)."""
    return "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):  # prctl is Linux's (and CDLL(None) fails on Windows)
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (the fork server)
    except (OSError, AttributeError):
        pass


def _watch_driver(lifeline: Connection) -> None:
    """Exit this worker at once when the driver is gone (the lifeline's write end closed)."""
    def watch() -> None:
        try:
            while True:
                lifeline.recv_bytes()  # the driver never sends: this returns only by EOFError
        except (EOFError, OSError):
            pass
        os._exit(1)

    threading.Thread(target=watch, name="thaiplan-lifeline", daemon=True).start()


def _no_core_dumps() -> None:
    if resource is None:
        return
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_CORE)
        resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
    except (ValueError, OSError):
        pass
    if _SIGXCPU is not None:
        signal.signal(_SIGXCPU, signal.SIG_DFL)  # over the CPU limit: terminate


class _CpuWatchdog:
    """RLIMIT_CPU where there is none: a daemon thread ends the process past a CPU-time deadline."""

    def __init__(self) -> None:
        self.deadline: float | None = None
        self._thread: threading.Thread | None = None

    def limit(self, seconds: float | None) -> None:
        # rounded up to a whole second, as RLIMIT_CPU is: the same documents time out everywhere
        self.deadline = None if seconds is None else math.ceil(time.process_time() + seconds)
        if self.deadline is not None and self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="thaiplan-cpu-watchdog", daemon=True)
            self._thread.start()

    def _watch(self) -> None:
        while True:
            time.sleep(WATCHDOG_INTERVAL)
            deadline = self.deadline
            if deadline is not None and time.process_time() > deadline:
                os._exit(CPU_EXIT_CODE)


_watchdog = _CpuWatchdog()


def limit_cpu(seconds: float | None) -> None:
    """Let this process use at most ``seconds`` more CPU time (None: no limit) before SIGXCPU kills it
    (or, without RLIMIT_CPU, the watchdog ends it with CPU_EXIT_CODE)."""
    if resource is None or not _RLIMIT_CPU:
        _watchdog.limit(seconds)
        return
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = hard if seconds is None else math.ceil(time.process_time() + seconds)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        pass


def _serve(conn: Connection, extractor: str, cpu_limit: float | None, lifeline: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    _watch_driver(lifeline)
    _die_with_parent()
    _no_core_dumps()
    warm_up(extractor)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        limit_cpu(cpu_limit)
        result = run_task(task)
        limit_cpu(None)
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, ctx: mp.context.BaseContext, extractor: str, cpu_limit: float | None,
                 lifeline: Connection) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, extractor, cpu_limit, lifeline), daemon=True)
        self.proc.start()
        child.close()  # so that the worker's death reads as EOF here
        self.task: Task | None = None
        self.deadline = float("inf")

    def give(self, task: Task, wall_limit: float | None) -> None:
        self.task = task
        self.deadline = time.monotonic() + wall_limit if wall_limit else float("inf")
        self.conn.send(task)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.proc.join(2)
        if self.proc.is_alive():
            self.kill()
        self.conn.close()

    def death(self, task: Task, cpu_limit: float | None) -> Result:
        """The failure of the document whose worker died under it."""
        self.proc.join(5)
        code = self.proc.exitcode
        if cpu_limit and _over_cpu(code):
            return failure(task.key, "Timeout", f"used more than {cpu_limit:g} s of CPU time (--timeout); "
                                                "the worker was stopped", seconds=cpu_limit)
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            hint = " (possibly out of memory)" if -code == _SIGKILL else ""
            message = f"the worker process was killed by {name}{hint} while converting this document"
        else:
            message = f"the worker process exited (code {_exit_code(code)}) while converting this document"
        return failure(task.key, "WorkerCrash", message)


def _over_cpu(code: int | None) -> bool:
    """Whether a worker's exit code says it used up its CPU time: SIGXCPU, or the watchdog's code."""
    if _RLIMIT_CPU:
        return _SIGXCPU is not None and code == -_SIGXCPU
    return code == CPU_EXIT_CODE


def _exit_code(code: int | None) -> str:
    """An exit code as people look it up: Windows' crash codes (NTSTATUS) in hexadecimal, 0xC0000005 …"""
    return f"0x{code:08X}" if code is not None and code >= 0x80000000 else str(code)


class LocalEngine:
    name = "local"

    def __init__(self, jobs: int, timeout: float | None, extractor: str, wall_limit: float | None = None) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout  # CPU seconds per document
        self.wall_limit = (wall_limit or timeout * WALL_FACTOR) if timeout else None
        self.extractor = extractor
        self.ctx = mp.get_context(start_method())
        if self.ctx.get_start_method() == "forkserver":
            # Imported once in the fork server, so that every worker (and replacement) starts warm.
            # Only our own module: an import that fails other than by ImportError would kill the server.
            self.ctx.set_forkserver_preload(["extractor.batch.worker"])

    def describe(self) -> str:
        return f"{self.jobs} local worker process{'es' if self.jobs > 1 else ''}"

    def _wall_message(self) -> str:
        limit = f"{self.wall_limit:g} s of wall-clock time"
        if self.timeout and self.wall_limit == self.timeout * WALL_FACTOR:
            limit += f" ({WALL_FACTOR} × --timeout: it was waiting rather than computing, e.g. on a slow disk)"
        return f"no result after {limit}; the worker was stopped"

    def run(self, tasks: Iterable[Task]) -> Iterator[Result]:
        """Yield one Result per task, in completion order; pulls tasks only as workers free up."""
        pending = iter(tasks)
        idle: list[_Worker] = []
        busy: list[_Worker] = []
        done: list[Result] = []
        exhausted = False
        lifeline, keep_alive = self.ctx.Pipe(duplex=False)  # workers get the read end; closing the other ends them
        try:
            while True:
                # Hand out work before yielding results: workers need not wait for the driver's writes.
                while not exhausted and (idle or len(busy) < self.jobs):
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    worker = idle.pop() if idle else _Worker(self.ctx, self.extractor, self.timeout, lifeline)
                    worker.give(task, self.wall_limit)
                    busy.append(worker)
                yield from done
                done = []
                if not busy:
                    return
                nearest = min(w.deadline for w in busy) - time.monotonic()
                ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy],
                                 timeout=None if nearest == float("inf") else max(0.0, nearest)))
                now = time.monotonic()
                for worker in list(busy):
                    task = worker.task
                    assert task is not None
                    if worker.conn in ready or worker.proc.sentinel in ready:
                        busy.remove(worker)
                        unreadable: Exception | None = None
                        try:
                            result = worker.conn.recv() if worker.conn.poll() else None
                        except (EOFError, OSError):
                            result = None
                        except Exception as err:  # noqa: BLE001 - a result that cannot be unpickled
                            result, unreadable = None, err
                        if isinstance(result, Result):
                            idle.append(worker)
                        elif unreadable is not None or result is not None:
                            worker.kill()
                            result = failure(task.key, "WorkerCrash", "the worker's result could not be read: "
                                             f"{type(unreadable or result).__name__}: {unreadable or ''}")
                        else:
                            result = worker.death(task, self.timeout)
                            worker.kill()
                        done.append(result)
                    elif now >= worker.deadline:
                        busy.remove(worker)
                        worker.kill()
                        done.append(failure(task.key, "Timeout", self._wall_message(),
                                            seconds=float(self.wall_limit or 0)))
        finally:
            for worker in busy:
                worker.kill()
            for worker in idle:
                worker.stop()
            keep_alive.close()
            lifeline.close()
