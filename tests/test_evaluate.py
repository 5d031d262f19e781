"""Scoring: gold against itself is perfect, and each kind of error costs what the definitions say."""

from __future__ import annotations

import copy
import doctest
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor import evaluate as ev
from extractor.commands.evaluate import command, render_details, render_table

SEEDS = Path(__file__).resolve().parent.parent / "corpora" / "seeds"
GOLDS = sorted(SEEDS.glob("*.gold.json"))


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def gold() -> dict[str, Any]:
    """001: a plan with budgets, objectives, targets and indicators for 10 projects."""
    return load(SEEDS / "001_2582665ac4639523.gold.json")


def scores(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, float]:
    return ev.scores_of(ev.score_document(gold, pred).metrics)


def test_doctests() -> None:
    result = doctest.testmod(ev)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.name[:3])
def test_gold_against_itself_is_perfect(path: Path) -> None:
    g = load(path)
    assert scores(g, ev.gold_to_prediction(g)) == {name: 1.0 for name in ev.COLUMNS}


def test_gold_prediction_is_schema_valid(gold: dict[str, Any]) -> None:
    from extractor.schema import validate

    validate(ev.gold_to_prediction(gold))


def test_dropping_a_project(gold: dict[str, Any]) -> None:
    pred = ev.gold_to_prediction(gold)
    dropped = pred["projects"].pop(3)
    n = len(gold["projects"])
    s = ev.score_document(gold, pred)
    assert s.metrics["projects"].score == pytest.approx(2 * (n - 1) / (2 * (n - 1) + 1))
    assert s.metrics["budget"].score == 1.0  # over matched projects only
    # the missed project's gold items are false negatives
    total = sum(len(p["objectives"]) for p in gold["projects"])
    missed = len(dropped["objectives"])
    assert s.metrics["objectives"].to_dict() == {"tp": total - missed, "fp": 0, "fn": missed}
    assert [p["number"] for p in s.details["projects"]["missed"]] == [gold["projects"][3]["number"]]


def test_spurious_project_items_are_false_positives(gold: dict[str, Any]) -> None:
    pred = ev.gold_to_prediction(gold)
    extra = copy.deepcopy(pred["projects"][0])
    extra.update(id="p99", name="กิจกรรมย่อยที่ไม่ใช่โครงการเลย")
    pred["projects"].append(extra)
    s = ev.score_document(gold, pred)
    assert s.metrics["projects"].to_dict() == {"tp": 10, "fp": 1, "fn": 0}
    assert s.metrics["objectives"].fp == len(extra["objectives"])


def test_wrong_budget(gold: dict[str, Any]) -> None:
    pred = ev.gold_to_prediction(gold)
    pred["projects"][0]["budget"]["amount"] = 99
    pred["projects"][1]["budget"]["no_budget"] = True
    assert scores(gold, pred)["budget"] == pytest.approx(8 / 10)


def test_budget_rules() -> None:
    g = {"budget": {"amount": 10000, "no_budget": False, "spent": None}}
    assert ev.budget_correct(g, {"budget": {"amount": 10000.0, "no_budget": False, "spent": 5}})
    assert not ev.budget_correct(g, {"budget": {"amount": None, "no_budget": False}})
    spent = {"budget": {"amount": 10000, "no_budget": False, "spent": 2500}}
    assert ev.budget_correct(spent, {"budget": {"amount": 10000, "spent": 2500.0}})
    assert not ev.budget_correct(spent, {"budget": {"amount": 10000, "spent": None}})
    none = {"budget": {"amount": None, "no_budget": False, "spent": None}}
    assert ev.budget_correct(none, {"budget": {"amount": None, "no_budget": False}})
    assert not ev.budget_correct({"budget": {"amount": 0, "no_budget": True}}, {"budget": {"amount": 0}})


def test_wrong_target_value(gold: dict[str, Any]) -> None:
    pred = ev.gold_to_prediction(gold)
    judged = sum(1 for p in pred["projects"] for i in p["indicators"] if i["target"] is not None)
    first = next(i for i in pred["projects"][0]["indicators"] if i["target"] and i["target"]["value"] is not None)
    first["target"]["value"] += 1
    s = ev.score_document(gold, pred)
    assert s.metrics["target_value"].score == pytest.approx((judged - 1) / judged)
    assert s.metrics["indicators"].score == 1.0
    assert s.details["matched"][0]["target_values"][0]["pred"] == first["target"]["value"]


def test_item_matching_is_one_to_one_and_tolerant(gold: dict[str, Any]) -> None:
    pred = ev.gold_to_prediction(gold)
    objs = pred["projects"][0]["objectives"]
    objs[0]["text"] = "๑.  " + objs[0]["text"].replace(" ", "   ")  # numbering and spacing only
    objs.append(copy.deepcopy(objs[1]))  # a duplicate matches nothing the second time
    m = ev.score_document(gold, pred).metrics["objectives"]
    assert (m.fp, m.fn) == (1, 0)


def test_empty_fields_count_as_perfect_and_missing_everything_as_zero() -> None:
    g = {"projects": [{"number": "1", "name": "ก", "budget": {"amount": None}, "objectives": [],
                       "targets": [], "indicators": [], "results": []}]}
    assert scores(g, ev.gold_to_prediction(g))["overall"] == 1.0
    nothing = scores(g, {"projects": []})
    assert nothing["projects"] == nothing["budget"] == 0.0
    assert nothing["objectives"] == nothing["target_value"] == 1.0  # nothing to find, nothing found


def test_project_names_match_after_normalization(gold: dict[str, Any]) -> None:
    pred = ev.gold_to_prediction(gold)
    for p in pred["projects"]:
        p["name"] = f"{p['number']}. โครงการ {p['name']}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert scores(gold, pred)["projects"] == 1.0


@pytest.mark.parametrize("text, expected", [
    ("๒.๑ โครงการพัฒนา ครู", "พัฒนาครู"),
    ("โครงการ โครงการการขับเคลื่อน", "การขับเคลื่อน"),
    ("(๓) ร้อยละ ๘๐", "ร้อยละ80"),
    ("- เพื่อ\tพัฒนา\n ครู", "เพื่อพัฒนาครู"),
    ("5.2.1 ครู", "ครู"),
    (None, ""),
])
def test_normalize(text: str | None, expected: str) -> None:
    assert ev.normalize(text) == expected


def test_pooled_and_mean_overall(gold: dict[str, Any]) -> None:
    perfect = ev.DocResult("a", "a.gold.json", ev.score_document(gold, ev.gold_to_prediction(gold)))
    failed = ev.DocResult("b", "b.gold.json", ev.score_document(gold, {}), error="boom")
    report = ev.Report([perfect, failed])
    assert report.mean_of_documents()["overall"] == pytest.approx(0.5)
    assert report.overall()["projects"] == pytest.approx(2 * 10 / (2 * 10 + 10))
    assert "(failed)" in render_table(report) and "FAILED: boom" in render_details(report)
    assert list(report.to_dict()["overall"]) == list(ev.COLUMNS)


# ---------------------------------------------------------------- runner and command

@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Seeds dir with two documents (gold beside) and a variants dir whose gold lives in seeds."""
    seeds, variants = tmp_path / "seeds", tmp_path / "variants"
    seeds.mkdir()
    variants.mkdir()
    for name in ("001_2582665ac4639523", "004_bb75cf24dda7a38a"):
        (seeds / f"{name}.txt").write_text("x\n", encoding="utf-8")
        (seeds / f"{name}.gold.json").write_text((SEEDS / f"{name}.gold.json").read_text("utf-8"), "utf-8")
    (seeds / "no_gold.txt").write_text("x\n", encoding="utf-8")
    (variants / "001_2582665ac4639523.docx").write_bytes(b"PK")
    return tmp_path


def fake_extract(corpus: Path):
    def run(path: Path) -> dict[str, Any]:
        if path.suffix == ".docx":
            raise RuntimeError("reader exploded")
        return ev.gold_to_prediction(load(corpus / "seeds" / f"{path.stem}.gold.json"))
    return run


def test_find_documents(corpus: Path) -> None:
    pairs, skipped = ev.find_documents(corpus / "seeds")
    assert [d.name for d, _ in pairs] == ["001_2582665ac4639523.txt", "004_bb75cf24dda7a38a.txt"]
    assert [p.name for p in skipped] == ["no_gold.txt"]
    # Without --gold-dir the whole tree is searched: the variant finds the seed's gold.
    pairs, skipped = ev.find_documents(corpus)
    assert [(d.name, g.parent.name) for d, g in pairs if d.suffix == ".docx"] == [("001_2582665ac4639523.docx", "seeds")]
    assert [p.name for p in skipped] == ["no_gold.txt"]
    pairs, _ = ev.find_documents(corpus / "variants", gold_dir=corpus / "seeds")
    assert [(d.name, g.parent.name) for d, g in pairs] == [("001_2582665ac4639523.docx", "seeds")]


def test_failed_extraction_is_a_row(corpus: Path) -> None:
    report = ev.evaluate(corpus, corpus / "seeds", extract=fake_extract(corpus))
    rows = {d.path: d for d in report.documents}
    assert rows["variants/001_2582665ac4639523.docx"].error == "RuntimeError: reader exploded"
    assert rows["variants/001_2582665ac4639523.docx"].scores["overall"] == 0.0
    assert rows["seeds/001_2582665ac4639523.txt"].scores["overall"] == 1.0


def test_command(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.evaluate

    monkeypatch.setattr(extractor.evaluate, "_default_extract", fake_extract(corpus))
    runner = CliRunner()
    result = runner.invoke(command, [str(corpus / "seeds")])
    assert result.exit_code == 0, result.output
    assert "OVERALL" in result.output and "001_2582665ac4639523.txt" in result.output
    result = runner.invoke(command, [str(corpus), "--gold-dir", str(corpus / "seeds"), "--json", "--details"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [d["status"] for d in data["documents"]] == ["ok", "ok", "failed"]
    assert data["overall"]["projects"] < 1.0 and data["documents"][0]["details"]["matched"] == []


@pytest.mark.parametrize("args", [["missing-dir"], ["."]])
def test_command_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(command, args)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith(f"thaiplan: error: {args[0]}")
