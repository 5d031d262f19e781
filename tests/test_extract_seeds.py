"""Extraction of the five seed documents: counts, known values, spans, determinism."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from rapidfuzz import fuzz

from extractor.jsonio import dumps
from extractor.numbers import find_amount
from extractor.ruleset import default_rules
from extractor.textutil import compact

from conftest import ROOT, seed

# Project counts stated by the documents themselves (tables, summaries).
COUNTS = {"000": 24, "001": 10, "002": 14, "003": 26, "004": 16}


@pytest.mark.parametrize("prefix", sorted(COUNTS))
def test_project_counts(extracted, prefix):
    assert len(extracted[prefix].projects) == COUNTS[prefix]


def test_document_facts(extracted):
    info = {k: d.info for k, d in extracted.items()}
    assert info["000"].document_type == "monitoring_form" and info["000"].fiscal_year == 2568
    assert info["001"].document_type == "plan" and info["001"].fiscal_year == 2566
    assert info["002"].document_type == "annual_report" and info["002"].fiscal_year == 2565
    assert info["003"].document_type == "progress_report" and info["003"].fiscal_year == 2567
    assert info["004"].document_type == "plan" and info["004"].fiscal_year == 2562
    assert info["004"].organization == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต 2"


def test_budgets_match_gold(extracted, gold):
    for prefix in ("001", "004"):
        got = [(p.budget.amount, p.budget.no_budget) for p in extracted[prefix].projects]
        want = [(g["budget"]["amount"], g["budget"]["no_budget"]) for g in gold[prefix]["projects"]]
        assert got == want, prefix


def test_numbers_come_from_the_summary_table(extracted):
    """001's detail sections carry no number: numbers come from the summary table."""
    assert [p.number for p in extracted["001"].projects] == [str(i) for i in range(1, 11)]
    assert [p.number for p in extracted["004"].projects] == [f"2.{i}" for i in range(1, 17)]


def test_monitoring_form_pairs_targets_by_position(extracted):
    """000 row 3: four indicators, three targets (ร้อยละ 80) for the first three."""
    p = extracted["000"].projects[2]
    assert [i.target.value if i.target else None for i in p.indicators] == [80, 80, 80, None]
    row1 = extracted["000"].projects[0]
    assert row1.indicators[1].target.value == 5 and row1.indicators[1].target.unit == "โรงเรียนต่อคน"
    assert row1.indicators[0].target.comparator == ">="


def test_progress_report_rows(extracted):
    """003: allocated, disbursed and status from the summary table; two budget rows for one project."""
    projects = {p.number: p for p in extracted["003"].projects}
    p16 = projects["16"]
    assert p16.budget.amount == 160000 and len(p16.budget.sources) == 2
    assert projects["2"].budget.spent == 23800 and projects["2"].status == "completed"
    assert projects["14"].status == "in_progress"


def test_annual_report_budget_words(extracted):
    p1 = extracted["002"].projects[0]
    assert p1.budget.amount == 375000
    assert p1.budget.words == "สามแสนเจ็ดหมื่นห้าพันบาทถ้วน"
    assert p1.results and p1.results[0].kind == "quantitative"


def test_no_space_inside_thai_words(extracted):
    """Wrapped lines are joined without a space where the break cut a word."""
    p = extracted["001"].projects[0]
    assert any("ได้รับการพัฒนาการจัดประสบการณ์การเรียนรู้เชิงรุก" in t.text for t in p.targets)


def _evidence_ok(src: str, value: str, span) -> bool:
    evidence = compact(src[span.start:span.end])
    return fuzz.partial_ratio(compact(value), evidence) >= 90


def test_spans_point_at_their_evidence(extracted):
    for prefix, doc in extracted.items():
        text = doc.source.text
        for p in doc.projects:
            assert _evidence_ok(text, p.name, p.span) or any(_evidence_ok(text, p.name, m) for m in p.mentions)
            for item in p.objectives + p.targets + p.indicators + p.activities + p.results:
                assert _evidence_ok(text, item.text, item.span), (prefix, item.text)
            for ind in p.indicators:
                if ind.target is not None and ind.target.span is not None:
                    evidence = re.sub(r"</?[a-z]+>", "", text[ind.target.span.start:ind.target.span.end])
                    assert compact(ind.target.text) in compact(evidence), (prefix, ind.target.text, evidence)
            b = p.budget
            if b.amount and b.span is not None:
                found = find_amount(text[b.span.start:b.span.end] + " บาท", default_rules())
                summed = sum(x.amount or 0 for x in b.sources)
                assert found is not None and b.amount in (found.value, summed), (prefix, p.name)
            if b.span is not None:
                assert b.span.line == text.count("\n", 0, b.span.start) + 1


def test_output_is_deterministic_across_processes(extracted):
    path = seed("004")
    first = dumps(extracted["004"].to_dict())
    code = ("import sys; from extractor import extract; from extractor.jsonio import dumps; "
            "sys.stdout.write(dumps(extract(sys.argv[1]).to_dict()))")
    other = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": "123", "PATH": ""}, cwd=ROOT, check=True).stdout
    assert first == other


def test_evaluation_on_the_gold_set_stays_high():
    from extractor.evaluate import evaluate

    overall = evaluate(ROOT / "corpora" / "seeds").overall()
    assert overall["overall"] >= 0.95
    for key in ("projects", "budget", "objectives", "targets", "indicators", "target_value"):
        assert overall[key] >= 0.85, key
