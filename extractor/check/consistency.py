"""A project's figures in the summary table against its detail section.

The extraction records every amount the document states for a project in
``Budget.stated``: the detail section's stated total (place ``detail``), its
budget table's total row (``table_total``) and the row of a summary table that
names the same project (``summary``).  A summary row that disagrees with the
detail section (or, without a stated total, with its table's total row) is a
``summary-detail-budget`` finding at the detail section's figure.

``summary-detail-spent`` (off by default) needs the summary row's spent
amount, which the Document does not carry (``stated`` holds allocated amounts
only): it is registered but reports nothing.
"""

from __future__ import annotations

from typing import Iterator

from .budget import stated
from .context import Context
from .registry import Hit, checker

EPS = 0.005


@checker("summary-detail-budget", "summary-detail-spent")
def check_summary_detail(ctx: Context) -> Iterator[Hit]:
    for p in ctx.projects:
        b = p.budget
        detail = stated(b, "detail") or stated(b, "table_total")
        if detail is None:
            continue
        for row in (s for s in b.stated if s.place == "summary" and s.amount is not None):
            if abs(row.amount - detail.amount) <= EPS:
                continue
            yield Hit("summary-detail-budget", p.id, detail.span or b.span, "default",
                      {"line": row.span.line if row.span else "?",
                       "summary": ctx.term("no_budget") if row.amount == 0 else ctx.amount(row.amount),
                       "detail": ctx.term("no_budget") if b.no_budget else ctx.amount(detail.amount)})
