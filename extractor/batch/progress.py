"""Progress: a tqdm bar on a terminal, plain periodic log lines otherwise.

Batch runs often go to a log file or a CI console, where a redrawn bar turns
into megabytes of carriage returns; there we print one line every
``interval`` seconds instead.
"""

from __future__ import annotations

import sys
import time
from typing import IO

from tqdm import tqdm

PREFIX = "thaiplan: batch:"


class Progress:
    def __init__(self, total: int, stream: IO[str] | None = None, interval: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.interval = interval
        self.done = self.failed = self.skipped = 0
        self.start = self._last_line = time.monotonic()
        isatty = getattr(self.stream, "isatty", None)
        self.bar: tqdm | None = None
        if isatty is not None and isatty():
            self.bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True, smoothing=0.05,
                            postfix={"failed": 0})

    def advance(self, *, failed: bool = False, skipped: bool = False) -> None:
        self.done += 1
        self.failed += failed
        self.skipped += skipped
        if self.bar is not None:
            self.bar.update(1)
            if failed:
                self.bar.set_postfix(failed=self.failed, refresh=False)
        elif time.monotonic() - self._last_line >= self.interval:
            self._line()

    def rate(self) -> float:
        """Documents converted (not skipped) per second."""
        elapsed = time.monotonic() - self.start
        return (self.done - self.skipped) / elapsed if elapsed > 0 else 0.0

    def note(self, message: str) -> None:
        """A line that must not be overwritten by the bar (an error, a warning)."""
        if self.bar is not None:
            self.bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def _line(self) -> None:
        self._last_line = time.monotonic()
        self.note(f"{PREFIX} {self.done}/{self.total} documents, {self.failed} failed, "
                  f"{self.skipped} unchanged, {self.rate():.2f} documents/s")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
