"""Local engine: a pool of worker processes, each of which can be killed.

``concurrent.futures`` cannot stop one running task, so this small pool keeps
one pipe per worker, gives each worker one document at a time and waits on all
pipes with the nearest deadline as time-out.  A worker past its deadline is
killed (SIGKILL) and replaced; one that dies (segfault, out-of-memory killer)
is reported as ``WorkerCrash`` and replaced.  Either way the batch goes on.

Workers come from the ``forkserver`` start method: a fork of a clean server
process (not of the driver, which may hold threads, e.g. Ray's or tqdm's), so
a replacement starts in milliseconds with the modules already imported.  This
is POSIX-only; the parent-death signal that stops orphaned workers when the
driver is killed is Linux-only (elsewhere an orphan stops after its current
document).
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import signal
import time
from multiprocessing.connection import Connection, wait
from typing import Iterable, Iterator

from .worker import Result, Task, failure, run_task, warm_up


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve(conn: Connection, extractor: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    _die_with_parent()
    warm_up(extractor)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            conn.send(run_task(task))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, ctx: mp.context.ForkServerContext, extractor: str) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, extractor), daemon=True)
        self.proc.start()
        child.close()  # so that the worker's death reads as EOF here
        self.task: Task | None = None
        self.deadline = float("inf")

    def give(self, task: Task, timeout: float | None) -> None:
        self.task = task
        self.deadline = time.monotonic() + timeout if timeout else float("inf")
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

    def death_note(self) -> str:
        self.proc.join(5)
        code = self.proc.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            hint = " (possibly out of memory)" if -code == signal.SIGKILL else ""
            return f"the worker process was killed by {name}{hint} while converting this document"
        return f"the worker process exited (code {code}) while converting this document"


class LocalEngine:
    name = "local"

    def __init__(self, jobs: int, timeout: float | None, extractor: str) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.extractor = extractor
        self.ctx = mp.get_context("forkserver")
        # Imported once in the fork server, so that every worker (and replacement) starts warm.
        # Only our own module: an import that fails other than by ImportError would kill the server.
        self.ctx.set_forkserver_preload(["extractor.batch.worker"])

    def describe(self) -> str:
        return f"{self.jobs} local worker process{'es' if self.jobs > 1 else ''}"

    def run(self, tasks: Iterable[Task]) -> Iterator[Result]:
        """Yield one Result per task, in completion order; pulls tasks only as workers free up."""
        pending = iter(tasks)
        idle: list[_Worker] = []
        busy: list[_Worker] = []
        done: list[Result] = []
        exhausted = False
        try:
            while True:
                # Hand out work before yielding results: workers need not wait for the driver's writes.
                while not exhausted and (idle or len(busy) < self.jobs):
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    worker = idle.pop() if idle else _Worker(self.ctx, self.extractor)
                    worker.give(task, self.timeout)
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
                        try:
                            result = worker.conn.recv() if worker.conn.poll() else None
                        except (EOFError, OSError):
                            result = None
                        if result is None:
                            result = failure(task.key, "WorkerCrash", worker.death_note())
                            worker.kill()
                        else:
                            idle.append(worker)
                        done.append(result)
                    elif now >= worker.deadline:
                        busy.remove(worker)
                        worker.kill()
                        done.append(failure(task.key, "Timeout",
                                            f"no result after {self.timeout:g} s (--timeout); the worker was stopped",
                                            seconds=float(self.timeout or 0)))
        finally:
            for worker in busy:
                worker.kill()
            for worker in idle:
                worker.stop()
