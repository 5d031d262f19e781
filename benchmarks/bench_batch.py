"""Batch throughput: documents/s and chars/s for 1 and 2 workers, and peak memory per worker.

    python benchmarks/bench_batch.py                 # 200 copies of the seeds
    python benchmarks/bench_batch.py --copies 400 --workers 1 2 4 --repeat 3

The copies are the seed texts with a small edit each (one line inserted in the
middle and the copy number appended), so every copy has its own sha256 and is
really converted.  Goals: 2 workers >= 1.7x one worker; < 500 MB per worker.
Run it on an otherwise idle machine (the load average before each run is
shown); on a shared one, ``--repeat 3`` keeps each configuration's fastest run.
``s/doc`` is the mean time a worker spent per document and ``busy`` the share
of the workers' wall time spent converting: a speed-up below the worker count
with ``busy`` near 100 % and a higher ``s/doc`` means the workers were slowed
by sharing the CPU (other processes, the driver, memory bandwidth), not that
they waited for work.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractor.batch import BatchOptions, BatchSummary, run_batch  # noqa: E402
from extractor.batch.worker import DEFAULT_EXTRACTOR  # noqa: E402


def make_copies(seeds: list[Path], copies: int, folder: Path) -> int:
    """Write the copies; returns their total size in bytes."""
    texts = [(s.stem, s.read_text(encoding="utf-8")) for s in seeds]
    total = 0
    for i in range(copies):
        stem, text = texts[i % len(texts)]
        lines = text.split("\n")
        middle = len(lines) // 2
        lines.insert(middle, f"หมายเหตุ สำเนาที่ {i}")
        data = ("\n".join(lines) + f"\nสำเนาที่ {i}\n").encode("utf-8")
        path = folder / f"{i % 10}" / f"{stem}_copy{i:04}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs per worker count; the fastest is shown")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR)
    parser.add_argument("--seeds", type=Path, default=REPO / "corpora" / "seeds")
    args = parser.parse_args()

    seeds = sorted(args.seeds.glob("*.txt"))
    work = Path(tempfile.mkdtemp(prefix="thaiplan-bench-"))
    try:
        size = make_copies(seeds, args.copies, work / "in")
        print(f"{args.copies} documents from {len(seeds)} seeds, {size / 1e6:.1f} MB, extractor {args.extractor}")
        print(f"{'workers':>7} {'seconds':>8} {'docs/s':>8} {'chars/s':>10} {'speed-up':>8} {'MB/worker':>9} "
              f"{'s/doc':>6} {'busy':>5} {'load before':>11}")
        best: dict[int, tuple[float, float, BatchSummary]] = {}
        for round_ in range(args.repeat):  # interleaved, so that a burst of other load hits both alike
            for jobs in args.workers:
                load = os.getloadavg()[0]  # other processes on the machine skew the figures: show it
                outdir = work / f"out{jobs}-{round_}"
                start = time.perf_counter()
                summary = run_batch(BatchOptions([str(work / "in")], str(outdir), jobs=jobs, timeout=args.timeout,
                                                 extractor=args.extractor, progress_interval=3600),
                                    stream=io.StringIO())
                seconds = time.perf_counter() - start
                if summary.failed:
                    print(f"warning: {summary.failed} documents failed: {outdir / 'failures.jsonl'}")
                if jobs not in best or seconds < best[jobs][0]:
                    best[jobs] = (seconds, load, summary)
                shutil.rmtree(outdir, ignore_errors=True)
        base = None
        for jobs in args.workers:
            seconds, load, summary = best[jobs]
            rate = summary.converted / seconds
            base = base or rate
            print(f"{jobs:>7} {seconds:>8.1f} {rate:>8.2f} {summary.chars / seconds:>10,.0f} "
                  f"{rate / base:>7.2f}x {summary.peak_rss_mb:>9.0f} "
                  f"{summary.worker_seconds / max(1, summary.converted):>6.3f} "
                  f"{summary.worker_seconds / (jobs * seconds):>5.0%} {load:>11.2f}")
        driver = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"driver peak memory: {driver:.0f} MB; goals: 2 workers >= 1.7x one, < 500 MB per worker")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
