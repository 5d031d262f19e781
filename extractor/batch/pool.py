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

Workers come from the ``forkserver`` start method: a fork of a clean server
process (not of the driver, which may hold threads, e.g. Ray's or tqdm's), so
a replacement starts in milliseconds with the modules already imported.  This
is POSIX-only.

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
import resource
import signal
import threading
import time
from multiprocessing.connection import Connection, wait
from typing import Iterable, Iterator

from .worker import Result, Task, failure, run_task, warm_up

WALL_FACTOR = 3  # wall-clock backstop: a document is stopped after this many times --timeout, CPU used or not


def _die_with_parent() -> None:
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
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_CORE)
        resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
    except (ValueError, OSError):
        pass
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)  # over the CPU limit: terminate


def limit_cpu(seconds: float | None) -> None:
    """Let this process use at most ``seconds`` more CPU time (None: no limit) before SIGXCPU kills it."""
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
    def __init__(self, ctx: mp.context.ForkServerContext, extractor: str, cpu_limit: float | None,
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
        if code == -signal.SIGXCPU and cpu_limit:
            return failure(task.key, "Timeout", f"used more than {cpu_limit:g} s of CPU time (--timeout); "
                                                "the worker was stopped", seconds=cpu_limit)
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            hint = " (possibly out of memory)" if -code == signal.SIGKILL else ""
            message = f"the worker process was killed by {name}{hint} while converting this document"
        else:
            message = f"the worker process exited (code {code}) while converting this document"
        return failure(task.key, "WorkerCrash", message)


class LocalEngine:
    name = "local"

    def __init__(self, jobs: int, timeout: float | None, extractor: str, wall_limit: float | None = None) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout  # CPU seconds per document
        self.wall_limit = (wall_limit or timeout * WALL_FACTOR) if timeout else None
        self.extractor = extractor
        self.ctx = mp.get_context("forkserver")
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
