"""Batch conversion: many documents to one JSON each, in parallel, resumable.

>>> from extractor.batch import BatchOptions, run_batch
>>> summary = run_batch(BatchOptions(["corpora/seeds"], "out"))   # doctest: +SKIP
>>> summary.exit_code                                             # doctest: +SKIP
0
"""

from .runner import BatchOptions, BatchSummary, run_batch

__all__ = ["BatchOptions", "BatchSummary", "run_batch"]
