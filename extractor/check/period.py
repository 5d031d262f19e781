"""A project's period against the document's fiscal year.

The Thai fiscal year (ปีงบประมาณ) runs from 1 October to 30 September and is
named after the year it ends in: fiscal 2566 = October 2565 – September 2566
(CE 2022-10 … 2023-09).  Periods are compared month by month as CE "YYYY-MM".

>>> fiscal_range(2566)
('2022-10', '2023-09')
"""

from __future__ import annotations

from typing import Iterator

from .context import Context
from .registry import Hit, checker, rule

rule("period-outside-fiscal-year", "period", "warning",
     "ระยะเวลาดำเนินการอยู่นอกปีงบประมาณของเอกสาร (1 ต.ค. – 30 ก.ย.)",
     "A project's period falls outside the document's fiscal year (1 October – 30 September)")
rule("period-reversed", "period", "error",
     "ระยะเวลาดำเนินการสิ้นสุดก่อนวันเริ่มต้น",
     "A project's period ends before it starts")

_MONTHS_TH = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")


def fiscal_range(fiscal_year_be: int) -> tuple[str, str]:
    """CE (first month, last month) of a Buddhist-Era fiscal year."""
    end_ce = fiscal_year_be - 543
    return f"{end_ce - 1:04d}-10", f"{end_ce:04d}-09"


def thai_month(ym: str) -> str:
    """'2023-09' → 'ก.ย. 2566'."""
    year, month = int(ym[:4]), int(ym[5:7])
    return f"{_MONTHS_TH[month - 1]} {year + 543}"


@checker("period-outside-fiscal-year", "period-reversed")
def check_period(ctx: Context) -> Iterator[Hit]:
    fy = ctx.doc.info.fiscal_year
    for p in ctx.projects:
        per = p.period
        if per is None:
            continue
        span = per.span or p.span
        if per.start and per.end and per.start > per.end:
            yield Hit("period-reversed", p.id, span,
                      f'ระยะเวลา "{per.text}" สิ้นสุด ({thai_month(per.end)}) ก่อนเริ่มต้น ({thai_month(per.start)})',
                      f'the period "{per.text}" ends ({per.end}) before it starts ({per.start})')
            continue
        if not fy:
            continue
        first, last = fiscal_range(fy)
        early = per.start is not None and per.start < first
        late = per.end is not None and per.end > last
        if not (early or late):
            continue
        side_th = "เริ่มก่อน" if early and not late else ("สิ้นสุดหลัง" if late and not early else "เริ่มก่อนและสิ้นสุดหลัง")
        side_en = "starts before" if early and not late else ("ends after" if late and not early else "runs beyond both ends of")
        yield Hit("period-outside-fiscal-year", p.id, span,
                  f'ระยะเวลา "{per.text}" {side_th}ปีงบประมาณ {fy} ({thai_month(first)} – {thai_month(last)})',
                  f'the period "{per.text}" ({per.start or "?"} – {per.end or "?"}) {side_en} '
                  f'fiscal year {fy} ({first} – {last})')
