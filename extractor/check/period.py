"""A project's period against the document's fiscal year.

The Thai fiscal year (ปีงบประมาณ) runs from 1 October to 30 September and is
named after the year it ends in: fiscal 2566 = October 2565 – September 2566
(CE 2022-10 … 2023-09).  Periods (``Period.start`` / ``end``, CE "YYYY-MM")
are compared month by month.

>>> fiscal_range(2566)
('2022-10', '2023-09')
"""

from __future__ import annotations

from typing import Iterator

from .context import Context
from .registry import Hit, checker


def fiscal_range(fiscal_year_be: int) -> tuple[str, str]:
    """CE (first month, last month) of a Buddhist-Era fiscal year."""
    end_ce = fiscal_year_be - 543
    return f"{end_ce - 1:04d}-10", f"{end_ce:04d}-09"


@checker("period-outside-fiscal-year", "period-reversed")
def check_period(ctx: Context) -> Iterator[Hit]:
    fy = ctx.doc.info.fiscal_year
    for p in ctx.projects:
        per = p.period
        if per is None:
            continue
        span = per.span or p.span
        fields = {"text": per.text, "start": ctx.month(per.start), "end": ctx.month(per.end)}
        if per.start and per.end and per.start > per.end:
            yield Hit("period-reversed", p.id, span, "default", fields)
            continue
        if not fy:
            continue
        first, last = fiscal_range(fy)
        early = per.start is not None and per.start < first
        late = per.end is not None and per.end > last
        if not (early or late):
            continue
        variant = "both" if early and late else ("early" if early else "late")
        yield Hit("period-outside-fiscal-year", p.id, span, variant,
                  {**fields, "fiscal_year": fy, "first": ctx.month(first), "last": ctx.month(last)})
