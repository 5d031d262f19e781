"""Ray engine: the same tasks and results as the local engine, dispatched to a Ray cluster.

One Ray task per document runs :func:`worker.run_task` and returns the
document's JSON text to the driver, which writes it (atomically) under OUTDIR;
so only the driver needs OUTDIR, while every node must see the *input* paths
(shared storage mounted at the same path).  At most ``jobs`` tasks are in
flight (default: the cluster's CPU count), which bounds the driver's memory
whatever the archive's size (back-pressure) and makes the per-document
deadline start when a task can actually run.  A task past its deadline is
cancelled with ``force=True``, which kills its worker process; Ray starts a
new one.  Ray is imported only here, only when this engine is chosen.
"""

from __future__ import annotations

import os
import time
from typing import Any, Iterable, Iterator

from ..extras import RAY, require
from .worker import Result, Task, failure, run_task



def import_ray() -> Any:
    """Ray, or MissingExtra naming the [ray] extra."""
    return require(RAY)


class RayEngine:
    name = "ray"

    def __init__(self, address: str | None, jobs: int | None, timeout: float | None, extractor: str) -> None:
        self.ray = import_ray()  # fail early, before any work, when the extra is missing
        self.address = address
        self.jobs = jobs
        self.timeout = timeout
        self.extractor = extractor
        self.cap = jobs or 0

    def describe(self) -> str:
        return f"Ray at {self.address or 'the default address'}, up to {self.cap or 'one per CPU'} tasks in flight"

    def _connect(self) -> bool:
        """Start or attach to Ray; True if this engine must shut it down afterwards.

        The address is Ray's own: "local" starts a private instance on this
        machine (tests, one-box runs), "auto" attaches to the one ``ray start``
        runs here, host:port or ray://host:10001 to a remote cluster, and None
        does what ``ray.init()`` does (RAY_ADDRESS, else a running instance,
        else a new one).
        """
        ray = self.ray
        if ray.is_initialized():
            return False
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if self.address == "local":
            options["num_cpus"] = self.jobs or os.cpu_count()
        ray.init(address=self.address, **options)
        return True

    def run(self, tasks: Iterable[Task]) -> Iterator[Result]:
        ray = self.ray
        owned = self._connect()
        remote = ray.remote(num_cpus=1, max_retries=0)(run_task)
        self.cap = self.jobs or max(1, int(ray.cluster_resources().get("CPU", 1)))
        in_flight: dict[Any, tuple[Task, float]] = {}
        done: list[Result] = []
        pending = iter(tasks)
        exhausted = False
        try:
            while True:
                # Submit before yielding results: the cluster need not wait for the driver's writes.
                while not exhausted and len(in_flight) < self.cap:
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    deadline = time.monotonic() + self.timeout if self.timeout else float("inf")
                    in_flight[remote.remote(task)] = (task, deadline)
                yield from done
                done = []
                if not in_flight:
                    return
                nearest = min(d for _, d in in_flight.values()) - time.monotonic()
                ready, _ = ray.wait(list(in_flight), num_returns=1,
                                    timeout=None if nearest == float("inf") else max(0.0, nearest))
                if ready:  # collect everything already done, not just the first
                    ready, _ = ray.wait(list(in_flight), num_returns=len(in_flight), timeout=0)
                now = time.monotonic()
                for ref in ready:
                    task, _ = in_flight.pop(ref)
                    try:
                        result = ray.get(ref)
                    except Exception as err:  # noqa: BLE001 - RayError, or a result that cannot be read
                        first_line = (str(err).strip().splitlines() or [type(err).__name__])[0]
                        result = failure(task.key, "WorkerCrash", f"the Ray task failed: {first_line}")
                    if not isinstance(result, Result):
                        result = failure(task.key, "WorkerCrash", "the Ray task returned no result")
                    done.append(result)
                for ref, (task, deadline) in list(in_flight.items()):
                    if now >= deadline:
                        del in_flight[ref]
                        ray.cancel(ref, force=True)
                        done.append(failure(task.key, "Timeout",
                                            f"no result after {self.timeout:g} s (--timeout); the task was cancelled",
                                            seconds=float(self.timeout or 0)))
        finally:
            for ref in in_flight:
                ray.cancel(ref, force=True)
            if owned:
                ray.shutdown()
