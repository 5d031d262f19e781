"""Each check rule on real text: a piece of a seed edited to hold exactly one
defect gives exactly one new finding, of that rule, at the edited place; the
untouched text gives none.

Pieces are a seed's header lines plus one project's section (a few hundred
lines), so each extraction takes milliseconds.
"""

from __future__ import annotations

import doctest
from collections import Counter
from functools import lru_cache

import pytest

from extractor import extract
from extractor.check import run_checks
from extractor.model import Finding

from conftest import seed


@lru_cache(maxsize=None)
def seed_lines(prefix: str) -> tuple[str, ...]:
    return tuple(seed(prefix).read_text(encoding="utf-8").split("\n"))


def piece(prefix: str, *ranges: tuple[int, int], header: int = 12) -> str:
    """The seed's first ``header`` lines and the given 1-based inclusive line ranges."""
    lines = seed_lines(prefix)
    out = list(lines[:header])
    for a, b in ranges:
        out += lines[a - 1:b]
    return "\n".join(out) + "\n"


@lru_cache(maxsize=None)
def findings(text: str) -> tuple[Finding, ...]:
    return tuple(run_checks(extract(text)))


def _key(f: Finding) -> tuple:
    return f.rule, f.project_id, f.message_en


def added(base: str, edited: str) -> list[Finding]:
    """Findings of ``edited`` that ``base`` does not have (as a multiset)."""
    before = Counter(_key(f) for f in findings(base))
    out = []
    for f in findings(edited):
        if before[_key(f)]:
            before[_key(f)] -= 1
        else:
            out.append(f)
    return out


def removed(base: str, edited: str) -> list[Finding]:
    return added(edited, base)


def edit(text: str, old: str, new: str, after: str | None = None) -> str:
    """Replace the first ``old`` (after the first ``after``, if given)."""
    at = text.index(after) if after else 0
    i = text.index(old, at)
    return text[:i] + new + text[i + len(old):]


def row(text: str, starts: str, cell: int, value: str) -> str:
    """Set cell ``cell`` of the TAB-separated line that starts with ``starts``."""
    lines = text.split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.startswith(starts))
    cells = lines[k].split("\t")
    cells[cell] = value
    lines[k] = "\t".join(cells)
    return "\n".join(lines)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def only(new: list[Finding], rule: str) -> Finding:
    assert [f.rule for f in new] == [rule], [(f.rule, f.message_en) for f in new]
    f = new[0]
    assert f.message and f.message_en and f.span is not None and f.severity in ("error", "warning", "info")
    return f


def defect(base: str, bad: str, rule: str) -> Finding:
    """``bad`` (``base`` with one defect) has exactly one finding more, of ``rule``;
    ``base`` has no finding of ``rule`` for that project."""
    f = only(added(base, bad), rule)
    assert not [x for x in findings(base) if x.rule == rule and x.project_id == f.project_id]
    return f


def evidence(text: str, f: Finding) -> str:
    return text[f.span.start:f.span.end]


# 001 project 3: a clean plan section (quarterly table, objectives, indicators, period, unit).
P3 = piece("001", (1056, 1132))
P3_ROW = "๓. การพัฒนาครูและบุคลากรทางการศึกษาด้านการวิจัย"


def test_clean_section_has_no_findings():
    assert findings(P3) == ()


# ---------------------------------------------------------------- budget arithmetic

def test_budget_row_sum_row_total():
    bad = row(P3, P3_ROW, 5, "๙,๐๐๐")  # quarters say 8,000
    f = defect(P3, bad, "budget-row-sum")
    assert f.severity == "error" and evidence(bad, f) == "๙,๐๐๐" and f.span.line == line_of(bad, P3_ROW)
    assert "8,000" in f.message_en and "9,000" in f.message_en


def test_budget_row_sum_points_at_the_wrong_quarter_cell():
    bad = row(P3, P3_ROW, 2, "๗,๐๐๐")  # Q2: the row and the Q2 column are both 1,000 short
    f = defect(P3, bad, "budget-row-sum")
    assert evidence(bad, f) == "๗,๐๐๐" and "Q2 cell" in f.message_en


def test_budget_column_sum():
    bad = row(P3, "รวม\t", 2, "๙,๐๐๐")  # the total row's Q2
    f = defect(P3, bad, "budget-column-sum")
    assert evidence(bad, f) == "๙,๐๐๐" and "Q2" in f.message_en and "8,000" in f.message_en


def test_budget_total_row_sum():
    bad = row(P3, "รวม\t", 5, "๑๑,๐๐๐")
    f = defect(P3, bad, "budget-total-row-sum")
    assert evidence(bad, f) == "๑๑,๐๐๐" and "10,000" in f.message_en


def test_budget_table_total():
    bad = edit(P3, "จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท", "จำนวนทั้งสิ้น ๑๒,๐๐๐.- บาท")
    f = defect(P3, bad, "budget-table-total")
    assert evidence(bad, f) == "๑๒,๐๐๐" and "12,000" in f.message_en and "10,000" in f.message_en


def test_budget_items_sum():
    # 001 project 6: one activity row without quarters and a total row.
    base = piece("001", (1317, 1391))
    bad = edit(base, "ครูฯ\t-\t-\t๒๐,๐๐๐", "ครูฯ\t-\t-\t๒๕,๐๐๐")
    f = defect(base, bad, "budget-items-sum")
    assert "25,000" in f.message_en and "20,000" in f.message_en


def test_budget_seed_001_errors_and_their_fix():
    """001 project 2 as printed: row ๕ says 5,000 while its quarters give 2,000."""
    base = piece("001", (970, 1055))
    f = next(f for f in findings(base) if f.rule == "budget-row-sum")
    assert evidence(base, f) == "๕,๐๐๐" and "๕. การสรุปรายงานผลการดำเนินงาน" in base.split("\n")[f.span.line - 1]
    fixed = row(base, "๕. การสรุปรายงานผลการดำเนินงาน", 5, "๒,๐๐๐")
    assert [x.rule for x in removed(base, fixed)] == ["budget-row-sum"] and added(base, fixed) == []


# 003 project 15 (progress report form): allocation 6,000, used 5,600.
P15 = piece("003", (1231, 1381), header=14)


def test_spent_over_budget():
    bad = edit(P15, "จำนวน5,600.....", "จำนวน6,500.....")
    f = defect(P15, bad, "spent-over-budget")
    assert evidence(bad, f) == "6,500" and "6,000" in f.message_en


def test_budget_sources_sum():
    bad = edit(P15, "- งบ สพฐ. จำนวน บาท", "- งบ สพฐ. จำนวน 2,000 บาท")
    bad = edit(bad, "รวมได้รับ บาท", "รวมได้รับ 7,000 บาท")  # 6,000 + 2,000 is 8,000
    f = defect(P15, bad, "budget-sources-sum")
    assert "8,000" in f.message_en and "7,000" in f.message_en


# ---------------------------------------------------------------- amount in words

P002_1 = piece("002", (989, 1088))


def test_amount_words_untouched_and_edited():
    assert not [f for f in findings(P002_1) if f.rule == "amount-words-mismatch"]
    bad = edit(P002_1, "สามแสนเจ็ดหมื่นห้าพันบาทถ้วน", "สามแสนเจ็ดหมื่นบาทถ้วน")
    f = defect(P002_1, bad, "amount-words-mismatch")
    assert evidence(bad, f).startswith("๓๗๕,๐๐๐") and evidence(bad, f).endswith("บาทถ้วน")
    assert "สามแสนเจ็ดหมื่นห้าพันบาทถ้วน" in f.message  # bahttext of the digits


@pytest.mark.parametrize("words", ["หนึ่งแสนบาทถ้วน", "แสนบาทตรง", "๑๐๐,๐๐๐ บาท", "หนึ่งแสนบาท"])
def test_amount_words_equivalent_spellings(words):
    base = piece("004", (573, 719), header=3)  # 2.5: ๑๐๐,๐๐๐ บาท (หนึ่งแสนบาทถ้วน)
    assert "(หนึ่งแสนบาทถ้วน)" in base
    assert added(base, edit(base, "(หนึ่งแสนบาทถ้วน)", f"({words})")) == []


def test_amount_words_doctests():
    from extractor.check import words

    assert doctest.testmod(words).failed == 0


# ---------------------------------------------------------------- summary table vs detail section

P003 = piece("003", (1231, 1381), header=170)  # the summary table and project 15's form


def test_summary_detail_budget():
    assert not [f for f in findings(P003) if f.rule.startswith("summary-detail")]
    bad = edit(P003, "\t6,000\t5,160", "\t6,500\t5,160")  # the table row of project 15
    f = defect(P003, bad, "summary-detail-budget")
    assert "6,500" in f.message_en and "6,000" in f.message_en and f"line {line_of(bad, '6,500')}" in f.message_en
    assert evidence(bad, f).startswith("6,000")


def test_summary_detail_spent_is_off_unless_enabled():
    from extractor.check import parse_config

    doc = extract(P003)
    assert not [f for f in run_checks(doc) if f.rule == "summary-detail-spent"]
    on = run_checks(doc, parse_config({"enable": ["summary-detail-spent"]}))
    f = only([f for f in on if f.rule == "summary-detail-spent"], "summary-detail-spent")
    assert f.severity == "info" and "5,160" in f.message_en and "5,600" in f.message_en


# ---------------------------------------------------------------- indicators (000 monitoring form)

M = seed("000").read_text(encoding="utf-8")


def test_indicator_no_target():
    bad = edit(M, "\tจำนวน 6 โรงเรียน", "\t", after="16.โครงการ")
    f = defect(M, bad, "indicator-no-target")
    assert f.project_id == "p16" and evidence(bad, f).startswith("จำนวนโรงเรียนนอกระบบ")


def test_target_no_number():
    bad = edit(M, "\tจำนวน 6 โรงเรียน", "\tโรงเรียนนอกระบบทุกโรงเรียน", after="16.โครงการ")
    f = defect(M, bad, "target-no-number")
    assert f.project_id == "p16" and evidence(bad, f) == "โรงเรียนนอกระบบทุกโรงเรียน"


def test_indicator_not_measurable():
    bad = edit(M, "\tร้อยละ 100", "\t", after="13.โครงการ")
    f = defect(M, bad, "indicator-not-measurable")
    assert f.project_id == "p13" and evidence(bad, f).startswith("1. ผู้เรียน ครู")


def test_percent_over_100_and_growth_exception():
    bad = edit(M, "\tร้อยละ 80", "\tร้อยละ 180", after="2.โครงการ")
    f = defect(M, bad, "percent-over-100")
    assert f.project_id == "p2" and evidence(bad, f) == "ร้อยละ 180"
    growth = edit(M, "\tร้อยละ 80", "\tเพิ่มขึ้นร้อยละ 180", after="2.โครงการ")
    assert added(M, growth) == []


def test_indicator_with_its_quantity_inline_is_not_missing_a_target():
    """001 project 6, ๔.๑: "… รวม ๑๐๒ คน ได้รับการอบรม…" states its own target."""
    base = piece("001", (1317, 1391))
    assert not [f for f in findings(base) if "๑๐๒ คน" in f.message]
    bad = edit(base, "รวม ๑๐๒ คน ได้รับการอบรม", "ได้รับการอบรม")
    assert [f.rule for f in added(base, bad)] == ["indicator-not-measurable"]


# ---------------------------------------------------------------- completeness (001 project 3)

def test_project_no_objectives():
    bad = P3
    for item in ("๒.๑ เพื่อ", "๒.๒ เพื่อ", "๒.๓ เพื่อ"):
        start = bad.index(item)
        bad = bad[:start] + bad[bad.index("\n", start):]
    f = defect(P3, bad, "project-no-objectives")
    assert f.span.line == 13 and "no objectives" in f.message_en


def test_project_no_indicators():
    start, end = P3.index("๔. ตัวชี้วัดความสำเร็จ"), P3.index("๕. กลุ่มเป้าหมาย")
    bad = P3[:start] + P3[end:]
    start, end = bad.index("ตัวชี้วัดความสำเร็จ (KPIs)"), bad.index("๙. ผลที่คาดว่าจะได้รับ")
    bad = bad[:start] + bad[end:]
    defect(P3, bad, "project-no-indicators")


def test_project_no_responsible():
    lines = P3.split("\n")
    lines = [ln.split("\t")[0] + "\t" if ln.startswith(("หน่วยงานรับผิดชอบ", "ผู้รับผิดชอบโครงการ")) else ln
             for ln in lines]
    bad = "\n".join(lines)
    defect(P3, bad, "project-no-responsible")


def test_project_no_period():
    bad = edit(P3, " : ตุลาคม ๒๕๖๕ – กันยายน ๒๕๖๖", " :")
    defect(P3, bad, "project-no-period")


def test_project_no_budget():
    start, end = P3.index("๗. กิจกรรมและงบประมาณ"), P3.index("๘. การติดตามประเมินผล")
    bad = P3[:start] + "๗. กิจกรรมและงบประมาณ\n\n" + P3[end:]
    defect(P3, bad, "project-no-budget")


def test_objective_no_purpose():
    bad = edit(P3, "๒.๒ เพื่อให้ครูสามารถ", "๒.๒ ครูสามารถ")
    f = defect(P3, bad, "objective-no-purpose")
    assert f.severity == "info" and evidence(bad, f).startswith("๒.๒ ครูสามารถ")


def test_document_type_defaults_keep_forms_quiet(extracted):
    """A monitoring form has no objectives, units or periods by design."""
    rules = {f.rule for f in run_checks(extracted["000"])}
    assert not rules & {"project-no-objectives", "project-no-responsible", "project-no-period", "project-no-budget"}


# ---------------------------------------------------------------- period

def test_period_outside_fiscal_year():
    bad = edit(P3, "ตุลาคม ๒๕๖๕ – กันยายน ๒๕๖๖", "ตุลาคม ๒๕๖๕ – ธันวาคม ๒๕๖๖")
    f = defect(P3, bad, "period-outside-fiscal-year")
    assert evidence(bad, f) == "ตุลาคม ๒๕๖๕ – ธันวาคม ๒๕๖๖" and "2022-10 – 2023-09" in f.message_en
    early = edit(P3, "ตุลาคม ๒๕๖๕ – กันยายน ๒๕๖๖", "กันยายน ๒๕๖๕ – กันยายน ๒๕๖๖")
    assert "starts before" in defect(P3, early, "period-outside-fiscal-year").message_en


def test_period_reversed():
    bad = edit(P3, "ตุลาคม ๒๕๖๕ – กันยายน ๒๕๖๖", "กันยายน ๒๕๖๖ – ตุลาคม ๒๕๖๕")
    defect(P3, bad, "period-reversed")


def test_fiscal_year_doctest():
    from extractor.check import period

    assert doctest.testmod(period).failed == 0


# ---------------------------------------------------------------- names and numbering

SUMMARY = piece("001", (815, 832), (1056, 1132))  # summary table of the 10 projects + project 3


def test_duplicate_detail_section():
    lines = seed_lines("001")
    section = lines[1055:1132]
    base = piece("001", (1056, 1132), (1133, 1238))  # projects 3 and 4
    bad = base.replace(lines[1132], "\n".join(section) + "\n" + lines[1132], 1)  # project 3 twice
    f = defect(base, bad, "duplicate-project-name")
    assert "is the same as" in f.message_en and f.span.line == 12 + len(section) + 1


def test_near_identical_project_names():
    name = "ส่งเสริมและพัฒนาประสิทธิภาพการบริหารงานบุคคล"  # row ๔ of the summary table
    bad = row(SUMMARY, "๕\t", 1, "โครงการส่งเสริมและพัฒนาประสิทธิภาพการบริหารงานบุคคล ๆ")
    f = defect(SUMMARY, bad, "duplicate-project-name")
    assert name in f.message and f.span.line == line_of(bad, "๕\t")


def test_numbering_repeat():
    bad = row(SUMMARY, "๓\t", 0, "๔")
    f = defect(SUMMARY, bad, "numbering-repeat")
    assert "3 is missing" in f.message_en and f.span.line == line_of(SUMMARY, "๓\t")


def test_numbering_gap_and_a_row_the_segmenter_missed():
    gone = SUMMARY.replace(SUMMARY.split("\n")[line_of(SUMMARY, "๓\t") - 1] + "\n", "", 1)
    f = defect(SUMMARY, gone, "numbering-gap")
    assert "no 3" in f.message_en
    # Row ๓ printed without a project name the segmenter can read: the document is fine.
    odd = row(SUMMARY, "๓\t", 1, "-")
    assert [x.rule for x in added(SUMMARY, odd)] == []


def test_numbering_gap_in_detail_sections():
    """002: detail sections ๑.–๔. (no summary listing in the piece); section ๒ removed."""
    base = piece("002", (989, 1744))
    start, end = base.index("๒. โครงการยกระดับคุณภาพการสร้างโอกาส"), base.index("๓. โครงการยกระดับคุณภาพผู้เรียน")
    bad = base[:start] + base[end:]
    f = defect(base, bad, "numbering-gap")
    assert "detail sections" in f.message_en and "no 2" in f.message_en
    assert evidence(bad, f).startswith("ยกระดับคุณภาพผู้เรียน")


def test_five_number_columns_that_are_not_quarters():
    """Expense categories (ค่าตอบแทน/ค่าใช้สอย/…) are not Q1–Q4: no quarter sums are checked."""
    lines = [("กิจกรรม\tค่าตอบแทน\tค่าใช้สอย\tค่าวัสดุ\tค่าครุภัณฑ์\tรวม" if ("ไตรมาส" in ln or "ต.ค." in ln) and "\t" in ln
              else ln) for ln in P3.split("\n")]
    base = "\n".join(lines)
    assert "ไตรมาส" not in base and findings(base) == ()
    bad = row(base, P3_ROW, 5, "๙,๐๐๐")
    assert [f.rule for f in added(base, bad)] == ["budget-items-sum"]
