"""Each check rule on real text: a piece of a seed edited to hold exactly one
defect gives exactly one new finding, of that rule, at the edited place; the
untouched text gives none of that rule.

Pieces are a seed's header lines plus one project's section (a few hundred
lines), so each extraction takes milliseconds.  The checks read only the
extracted Document and the rules; where the extraction does not give what a
rule needs yet, the test says so (xfail with the reason).
"""

from __future__ import annotations

import ast
import doctest
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest

from extractor import extract
from extractor.check import catalog_of, parse_config, run_checks
from extractor.model import BudgetSource, Document, FieldGap, Finding, Note
from extractor.ruleset import default_rules

from conftest import ROOT, seed

RULES = default_rules()


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
def doc_of(text: str) -> Document:
    return extract(text=text, rules=RULES)


@lru_cache(maxsize=None)
def findings(text: str, disable: tuple[str, ...] = ()) -> tuple[Finding, ...]:
    config = parse_config({"disable": list(disable)}) if disable else None
    return tuple(run_checks(doc_of(text), config, rules=RULES))


def _key(f: Finding) -> tuple:
    return f.rule, f.message_en  # not the project id: an inserted project renumbers the ones after it


def added(base: str, edited: str, disable: tuple[str, ...] = ()) -> list[Finding]:
    """Findings of ``edited`` that ``base`` does not have (as a multiset)."""
    before = Counter(_key(f) for f in findings(base, disable))
    out = []
    for f in findings(edited, disable):
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


def defect(base: str, bad: str, rule: str, disable: tuple[str, ...] = ()) -> Finding:
    """``bad`` (``base`` with one defect) has exactly one finding more, of ``rule``;
    ``base`` has no finding of ``rule`` for that project."""
    f = only(added(base, bad, disable), rule)
    assert not [x for x in findings(base, disable) if x.rule == rule and x.project_id == f.project_id]
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
    assert "ไตรมาสที่ 1–4 รวมกันได้ 8,000 บาท" in f.message  # the Thai template of rules/checks.toml


def test_budget_row_sum_names_the_wrong_quarter_cell():
    bad = row(P3, P3_ROW, 2, "๗,๐๐๐")  # Q2: the row and the Q2 column are both 1,000 short
    f = defect(P3, bad, "budget-row-sum")
    # The Document gives the span of the row's total cell only (no quarter cell spans).
    assert f.span.line == line_of(bad, P3_ROW) and evidence(bad, f) == "๘,๐๐๐"
    assert "Q2 cell (7,000) is probably wrong" in f.message_en


def test_budget_column_sum():
    bad = row(P3, "รวม\t", 2, "๙,๐๐๐")  # the total row's Q2
    f = defect(P3, bad, "budget-column-sum")
    assert f.span.line == line_of(bad, "รวม\t") and "Q2" in f.message_en and "8,000" in f.message_en


def test_budget_total_row_sum():
    bad = row(P3, "รวม\t", 5, "๑๑,๐๐๐")
    f = defect(P3, bad, "budget-total-row-sum")
    assert evidence(bad, f) == "๑๑,๐๐๐" and "10,000" in f.message_en


def test_budget_table_total():
    bad = edit(P3, "จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท", "จำนวนทั้งสิ้น ๑๒,๐๐๐.- บาท")
    f = defect(P3, bad, "budget-table-total")
    assert evidence(bad, f) == "๑๒,๐๐๐" and "12,000" in f.message_en and "10,000" in f.message_en
    assert f"line {line_of(bad, 'รวม' + chr(9))}" in f.message_en


# The same table with expense columns instead of quarters: no quarter sums, the items are summed.
P3_COSTS = "\n".join("\tค่าตอบแทน\tค่าใช้สอย\tค่าวัสดุ\tค่าครุภัณฑ์\t" if "ไตรมาสที่ ๑" in ln else ln
                     for ln in P3.split("\n"))


def test_budget_items_sum():
    assert "ไตรมาส" not in P3_COSTS and findings(P3_COSTS) == ()
    assert all(it.quarters is None for it in doc_of(P3_COSTS).projects[0].budget.items)
    bad = row(P3_COSTS, P3_ROW, 5, "๙,๐๐๐")
    f = defect(P3_COSTS, bad, "budget-items-sum")
    assert "11,000" in f.message_en and "10,000" in f.message_en and f.span.line == line_of(bad, "รวม\t")


def test_budget_seed_001_errors_and_their_fix():
    """001 project 2 as printed: row ๕ says 5,000 while its quarters give 2,000."""
    base = piece("001", (970, 1055))
    f = next(f for f in findings(base) if f.rule == "budget-row-sum")
    assert evidence(base, f) == "๕,๐๐๐" and "๕. การสรุปรายงานผลการดำเนินงาน" in base.split("\n")[f.span.line - 1]
    fixed = row(base, "๕. การสรุปรายงานผลการดำเนินงาน", 5, "๒,๐๐๐")
    assert [x.rule for x in removed(base, fixed)] == ["budget-row-sum"] and added(base, fixed) == []


# 003 project 26 (progress report form): allocated 87,200, used 42,087.
P26 = piece("003", (2186, 2316), header=14)


def test_spent_over_budget():
    bad = edit(P26, "จำนวน 42,087 บาท", "จำนวน 92,087 บาท")
    f = defect(P26, bad, "spent-over-budget")
    assert evidence(bad, f) == "92,087" and "87,200" in f.message_en


@pytest.mark.xfail(reason="extraction: Budget.sources is never filled (the form's per-source lines "
                          "'- งบ สพฐ. จำนวน … บาท' are not read)", strict=False)
def test_budget_sources_sum():
    bad = edit(P26, "- งบ สพฐ. จำนวน บาท", "- งบ สพฐ. จำนวน 2,000 บาท")  # 87,200 + 2,000, stated 87,200
    bad = edit(bad, "รวมได้รับ บาท", "รวมได้รับ 87,200 บาท")
    f = defect(P26, bad, "budget-sources-sum")
    assert "89,200" in f.message_en and "87,200" in f.message_en


def test_budget_sources_sum_on_the_document():
    """The checker itself, on the form's Document with the sources a reader would give."""
    doc = doc_of(P26)
    b = doc.projects[0].budget
    span = b.span
    good = replace(b, sources=[BudgetSource("a", 80_000, span), BudgetSource("b", 7_200, span)])
    bad = replace(b, sources=[BudgetSource("a", 80_000, span), BudgetSource("b", 9_200, span)])
    for budget, expected in ((good, []), (bad, ["budget-sources-sum"])):
        p = replace(doc.projects[0], budget=budget)
        got = run_checks(replace(doc, projects=[p]), rules=RULES)
        assert [f.rule for f in got if f.rule == "budget-sources-sum"] == expected
    assert "80,000 + 9,200 = 89,200" in next(f for f in got if f.rule == "budget-sources-sum").message_en


# ---------------------------------------------------------------- amount in words (004 project 2.5)

P5 = piece("004", (573, 719), header=3)  # ๔. งบประมาณ ๑๐๐,๐๐๐ บาท (หนึ่งแสนบาทถ้วน)


def test_amount_words_untouched_and_edited():
    assert doc_of(P5).projects[0].budget.words == "หนึ่งแสนบาทถ้วน"
    assert not [f for f in findings(P5) if f.rule == "amount-words-mismatch"]
    bad = edit(P5, "(หนึ่งแสนบาทถ้วน)", "(หนึ่งแสนห้าพันบาทถ้วน)")
    f = defect(P5, bad, "amount-words-mismatch")
    assert evidence(bad, f).startswith("๑๐๐,๐๐๐") and evidence(bad, f).endswith("หนึ่งแสนห้าพันบาทถ้วน")
    assert '"หนึ่งแสนบาทถ้วน"' in f.message  # bahttext of the digits


@pytest.mark.parametrize("words", ["หนึ่งแสนบาทถ้วน", "แสนบาทถ้วน", "หนึ่งแสนถ้วน", "หนึงแสนบาทถ้วน"])
def test_amount_words_equivalent_spellings(words):
    bad = edit(P5, "(หนึ่งแสนบาทถ้วน)", f"({words})")
    assert [f for f in findings(bad) if f.rule == "amount-words-mismatch"] == []


def test_amount_words_doctests():
    from extractor.check import words

    assert doctest.testmod(words).failed == 0


# ---------------------------------------------------------------- summary table vs detail section

S004 = seed("004").read_text(encoding="utf-8")  # the summary table (lines 25-130) and the detail sections


def test_summary_detail_budget():
    p = next(p for p in doc_of(S004).projects if p.number == "2.5")
    assert {s.place for s in p.budget.stated} == {"detail", "summary"}
    assert not [f for f in findings(S004) if f.rule.startswith("summary-detail")]
    bad = edit(S004, "\t100,000\n", "\t150,000\n", after="2.5 โครงการโรงเรียนคุณภาพ")
    f = defect(S004, bad, "summary-detail-budget")
    assert "150,000" in f.message_en and "100,000" in f.message_en
    assert f"line {line_of(bad, '150,000')}" in f.message_en and evidence(bad, f) == "๑๐๐,๐๐๐"


def test_summary_detail_spent_is_off_and_needs_the_summary_spent():
    """Registered, off by default; the Document has no spent amount of a summary row yet."""
    rule = catalog_of(RULES).rule("summary-detail-spent")
    assert rule.default_for("plan") == "off" and rule.needs
    on = run_checks(doc_of(P26), parse_config({"enable": ["summary-detail-spent"]}), rules=RULES)
    assert not [f for f in on if f.rule == "summary-detail-spent"]


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
    assert f.project_id == "p13" and evidence(bad, f).startswith(("1. ผู้เรียน ครู", "ผู้เรียน ครู"))


def test_percent_over_100_and_growth_exception():
    bad = edit(M, "\tร้อยละ 80", "\tร้อยละ 180", after="2.โครงการ")
    f = defect(M, bad, "percent-over-100")
    assert f.project_id == "p2" and evidence(bad, f) == "ร้อยละ 180"
    growth = edit(M, "\tร้อยละ 80", "\tเพิ่มขึ้นร้อยละ 180", after="2.โครงการ")
    assert added(M, growth) == []


def test_indicator_with_its_quantity_inline_is_not_missing_a_target():
    """001 project 6, ๔.๑: "… รวม ๑๐๒ คน ได้รับการอบรม…" states its own target."""
    base = piece("001", (1317, 1391))
    doc = doc_of(base)
    p = doc.projects[0]
    ind = next(i for i in p.indicators if "๑๐๒ คน" in i.text)
    assert ind.target is None and not [f for f in findings(base) if "๑๐๒ คน" in f.message]
    # Without the count (and without a target) it says nothing measurable.
    bare = replace(ind, text=ind.text.replace("รวม ๑๐๒ คน ", ""))
    doc2 = replace(doc, projects=[replace(p, indicators=[bare if i is ind else i for i in p.indicators])])
    new = [f for f in run_checks(doc2, rules=RULES) if f.span == ind.span]
    assert [f.rule for f in new] == ["indicator-not-measurable"]


# ---------------------------------------------------------------- completeness (001 project 3)

def test_no_projects():
    text = "บันทึกข้อความ\n\nเรื่อง ขอเชิญประชุมคณะกรรมการ\n\nในวันที่ ๑๐ ตุลาคม ๒๕๖๖ เวลา ๙.๐๐ น.\n"
    doc = doc_of(text)
    assert doc.projects == [] and [n.code for n in doc.notes] == ["no_projects"]
    f = only(list(findings(text)), "no-projects")
    assert f.severity == "error" and f.project_id is None and "no projects found" in f.message_en
    assert (f.span.start, f.span.end, f.span.line) == (0, len(text), 1)  # the whole document
    assert "ไม่พบโครงการ" in f.message
    assert not [x for x in findings(P3) if x.rule == "no-projects"]


def test_no_projects_from_the_note_alone():
    doc = doc_of(P3)
    noted = replace(doc, notes=[Note("no_projects", "no project was found in the document")])
    assert "no-projects" in {f.rule for f in run_checks(noted, rules=RULES)}


def test_project_no_objectives():
    bad = P3
    for item in ("๒.๑ เพื่อ", "๒.๒ เพื่อ", "๒.๓ เพื่อ"):
        start = bad.index(item)
        bad = bad[:start] + bad[bad.index("\n", start):]
    f = defect(P3, bad, "project-no-objectives")
    assert f.span.line in (13, line_of(bad, "๒. วัตถุประสงค์")) and "no objectives" in f.message_en


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


def test_missing_field_points_at_its_empty_heading():
    """A Project.gaps entry (the heading printed with nothing under it) is where the finding points."""
    doc = doc_of(P3)
    p = doc.projects[0]
    heading = P3.index("๖. ระยะเวลาดำเนินโครงการ")
    gap = FieldGap("period", doc.source.span(heading, P3.index("\n", heading)))
    bare = replace(p, period=None, gaps=[gap])
    f = only(run_checks(replace(doc, projects=[bare]), rules=RULES), "project-no-period")
    assert f.span == gap.span and "nothing under the heading" in f.message_en


def test_missing_period_in_seed_004_points_at_its_heading():
    """004 project 2.1: "ระยะเวลาดำเนินการ" with nothing under it (line 159)."""
    base = piece("004", (135, 219), header=0)
    f = next(f for f in findings(base) if f.rule == "project-no-period")
    assert base.split("\n")[f.span.line - 1].strip().startswith(("๖", "6", "ระยะเวลา"))


def test_objective_no_purpose():
    bad = edit(P3, "๒.๒ เพื่อให้ครูสามารถ", "๒.๒ ครูสามารถ")
    f = defect(P3, bad, "objective-no-purpose")
    assert f.severity == "info" and "ครูสามารถ" in evidence(bad, f)


def test_document_type_defaults_keep_forms_quiet(extracted):
    """A monitoring form has no objectives, units or periods by design."""
    rules = {f.rule for f in run_checks(extracted["000"], rules=RULES)}
    assert not rules & {"project-no-objectives", "project-no-responsible", "project-no-period", "project-no-budget"}


# ---------------------------------------------------------------- period

def test_period_outside_fiscal_year():
    bad = edit(P3, "ตุลาคม ๒๕๖๕ – กันยายน ๒๕๖๖", "ตุลาคม ๒๕๖๕ – ธันวาคม ๒๕๖๖")
    f = defect(P3, bad, "period-outside-fiscal-year")
    assert "ตุลาคม ๒๕๖๕ – ธันวาคม ๒๕๖๖" in evidence(bad, f) and "2022-10 – 2023-09" in f.message_en
    assert "ต.ค. 2565 – ก.ย. 2566" in f.message  # month names of rules/checks.toml
    early = edit(P3, "ตุลาคม ๒๕๖๕ – กันยายน ๒๕๖๖", "กันยายน ๒๕๖๕ – กันยายน ๒๕๖๖")
    assert "starts before" in defect(P3, early, "period-outside-fiscal-year").message_en


def test_period_reversed():
    bad = edit(P3, "ตุลาคม ๒๕๖๕ – กันยายน ๒๕๖๖", "กันยายน ๒๕๖๖ – ตุลาคม ๒๕๖๕")
    f = defect(P3, bad, "period-reversed")
    assert "ends (2022-10) before it starts (2023-09)" in f.message_en


def test_fiscal_year_doctest():
    from extractor.check import period

    assert doctest.testmod(period).failed == 0


# ---------------------------------------------------------------- names and numbering (004 summary table)

TABLE = piece("004", (1, 130), header=0)  # the summary table of projects 2.1–2.16, no detail sections
QUIET = ("completeness",)  # table rows have no objectives etc.; their messages name the edited rows


def test_duplicate_detail_section():
    lines = seed_lines("001")
    section = lines[1055:1132]
    base = piece("001", (1056, 1132), (1133, 1238))  # projects 3 and 4
    bad = base.replace(lines[1132], "\n".join(section) + "\n" + lines[1132], 1)  # project 3 twice
    f = defect(base, bad, "duplicate-project-name")
    assert "is the same as" in f.message_en and f.span.line == 12 + len(section) + 1


def test_near_identical_project_names():
    bad = edit(TABLE, "2.9 โครงการจัดตั้งกลุ่มโรงเรียน", "2.9 โครงการโรงเรียนคุณภาพประจำตำบลฯ")
    f = defect(TABLE, bad, "duplicate-project-name", QUIET)
    assert "nearly the same" in f.message_en and "โรงเรียนคุณภาพประจำตำบล" in f.message
    assert f.span.line == line_of(bad, "2.9 โครงการ")


def test_numbering_repeat():
    bad = edit(TABLE, "2.3 โครงการ", "2.4 โครงการ")
    f = defect(TABLE, bad, "numbering-repeat", QUIET)
    assert "2.3 is missing" in f.message_en and f.span.line == line_of(bad, "2.4 โครงการพัฒนาคุณภาพ")


def test_numbering_gap():
    bad = edit(TABLE, "2.3 โครงการ", "2.5 โครงการ")
    bad = edit(bad, "2.4 โครงการ", "2.6 โครงการ")
    bad = edit(bad, "2.5 โครงการโรงเรียน", "2.7 โครงการโรงเรียน")
    new = added(TABLE, bad, QUIET)
    assert "numbering-gap" in {f.rule for f in new}
    f = next(f for f in new if f.rule == "numbering-gap")
    assert "skips from 2.2 to 2.5" in f.message_en


def test_numbering_gap_in_detail_sections():
    """002: detail sections ๑.–๔. (no summary listing in the piece); section ๒ removed."""
    base = piece("002", (989, 1744))
    start, end = base.index("๒. โครงการยกระดับคุณภาพการสร้างโอกาส"), base.index("๓. โครงการยกระดับคุณภาพผู้เรียน")
    bad = base[:start] + base[end:]
    f = defect(base, bad, "numbering-gap")
    assert "detail sections" in f.message_en and "no 2" in f.message_en
    assert "ยกระดับคุณภาพผู้เรียน" in evidence(bad, f)


# ---------------------------------------------------------------- the checks read only Document and rules

CHECK_DIR = ROOT / "extractor" / "check"
# check_file extracts the file it is given: the one use of the pipeline, through its public entry point.
ALLOWED_OUTSIDE = {
    ("runner.py", "extractor.pipeline"),
    # --annotate writes a copy of the Word file itself: it opens the original (errors), counts its
    # paragraphs and tables in the Word reader's order (docx_reader) and writes safely (output).
    ("annotate.py", "extractor.errors"), ("annotate.py", "extractor.output"),
    ("annotate.py", "extractor.readers.docx_reader"),
}


def _imports(path: Path) -> list[tuple[str, int]]:
    """(absolute module, line) of every import in a module of extractor/check/."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = "extractor.check".split(".")[: 3 - node.level]  # level 1: extractor.check
                module = ".".join(base + ([node.module] if node.module else []))
                if node.module is None:  # from . import budget, words
                    out += [(f"{module}.{a.name}", node.lineno) for a in node.names]
                    continue
            else:
                module = node.module or ""
            out.append((module, node.lineno))
    return out


def test_check_imports_only_model_ruleset_and_itself():
    bad = []
    for path in sorted(CHECK_DIR.glob("*.py")):
        for module, line in _imports(path):
            if not module.startswith("extractor"):
                continue  # standard library or a third-party package
            if module in ("extractor.model", "extractor.ruleset") or module.startswith("extractor.check"):
                continue
            if (path.name, module) in ALLOWED_OUTSIDE:
                continue
            bad.append(f"{path.name}:{line}: {module}")
    assert bad == []


def _thai_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if any("\u0e01" <= ch <= "\u0e4e" for ch in node.value):
                out.append(f"{path.name}:{node.lineno}: {node.value[:40]!r}")
    return out


def test_no_thai_wording_in_check_code():
    paths = sorted(CHECK_DIR.glob("*.py")) + [ROOT / "extractor" / "commands" / "check.py"]
    assert [x for p in paths for x in _thai_literals(p)] == []


def test_every_rule_has_its_wording_in_the_rules():
    cat = catalog_of(RULES)
    from extractor.check.registry import RULE_IDS

    assert list(cat.rules) and set(cat.rules) == set(RULE_IDS)
    for r in cat.rules.values():
        assert r.summary_th and r.summary_en and r.messages
        assert all(m.th and m.en for m in r.messages.values())
