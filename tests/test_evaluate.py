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
    ps = g["projects"]
    has = {name: any(p.get(name) for p in ps) for name in ev.ITEM_FIELDS}
    has["projects"] = has["budget"] = bool(ps)
    has["target_value"] = any(ev._gold_value(i)[0] for p in ps for i in p.get("indicators") or [])
    has["overall"] = True
    expected = {name: 1.0 if has[name] else None for name in ev.COLUMNS}
    assert scores(g, ev.gold_to_prediction(g)) == expected
    assert expected["results"] is None and expected["projects"] == 1.0  # seeds are plans, not reports


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


def test_empty_fields_are_not_applicable_and_missing_everything_is_zero() -> None:
    g = {"projects": [{"number": "1", "name": "ก", "budget": {"amount": None}, "objectives": [],
                       "targets": [], "indicators": [], "results": []}]}
    perfect = scores(g, ev.gold_to_prediction(g))
    assert perfect == {"projects": 1.0, "budget": 1.0, "objectives": None, "targets": None, "indicators": None,
                       "target_value": None, "results": None, "overall": 1.0}
    nothing = scores(g, {"projects": []})
    assert nothing["projects"] == nothing["budget"] == 0.0
    assert nothing["objectives"] is None and nothing["target_value"] is None  # nothing to find, nothing found
    assert nothing["overall"] == 0.0  # mean of projects and budget only


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
    # results: not applicable in the good document, 0 in the failed one -> mean over that one
    assert report.mean_of_documents()["results"] == 0.0
    assert report.overall()["results"] is None
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
    def run(path: Path, rules: Any = None, ocr: Any = None) -> dict[str, Any]:
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
    assert data["overall"]["projects"] < 1.0
    matched = data["documents"][0]["details"]["matched"]
    assert len(matched) == 10 and all(m["budget"]["correct"] for m in matched)
    assert data["documents"][0]["scores"]["results"] is None and data["overall"]["results"] is None
    assert data["documents"][2]["scores"]["results"] == 0.0  # the failed .docx: 0 everywhere
    result = runner.invoke(command, [str(corpus / "seeds"), "--details"])
    assert result.exit_code == 0, result.output
    assert "== 001_2582665ac4639523.txt  gold 10 projects, extracted 10, matched 10" in result.output


@pytest.mark.parametrize("args", [["missing-dir"], ["."]])
def test_command_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(command, args)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith(f"thaiplan: error: {args[0]}")


# ---------------------------------------------------------------- small hand-made cases

def small_gold() -> dict[str, Any]:
    """Two projects: objectives only (no targets, indicators or results)."""
    return {
        "seed": "small.txt",
        "document": {"title": "แผนปฏิบัติการ", "fiscal_year": 2568, "document_type": "plan"},
        "projects": [
            {"number": "1", "name": "พัฒนาครูด้านดิจิทัล", "lines": [10, 20],
             "budget": {"amount": 10000, "no_budget": False, "spent": None},
             "objectives": ["เพื่อพัฒนาครูให้ใช้เทคโนโลยีดิจิทัล", "เพื่อส่งเสริมการเรียนรู้ออนไลน์"],
             "targets": [], "indicators": [], "results": [],
             "responsible_unit": "กลุ่มนิเทศ", "period": "ตุลาคม 2567 - กันยายน 2568"},
            {"number": "2", "name": "ส่งเสริมการอ่านของนักเรียน", "lines": [30, 40],
             "budget": {"amount": 5000, "no_budget": False, "spent": None},
             "objectives": ["เพื่อส่งเสริมนิสัยรักการอ่าน"], "targets": [], "indicators": [], "results": [],
             "responsible_unit": None, "period": None},
        ],
    }


def spurious_project(pid: str = "p9", line: int = 50) -> dict[str, Any]:
    """An extracted project that is not in any gold: 2 objectives, 1 indicator with a value."""
    return {"id": pid, "number": None, "name": "จัดซื้อครุภัณฑ์คอมพิวเตอร์", "span": {"line": line},
            "budget": {"amount": 1}, "objectives": [{"text": "เพื่อจัดซื้อ"}, {"text": "เพื่อซ่อมแซม"}],
            "targets": [], "results": [],
            "indicators": [{"text": "ครุภัณฑ์ 10 เครื่อง", "target": {"text": "10 เครื่อง", "value": 10}}]}


NA_ALL = {name: None for name in ev.COLUMNS}


def test_document_formats_are_never_skipped(tmp_path: Path) -> None:
    from extractor.readers import SUPPORTED_SUFFIXES

    assert ev.DOC_SUFFIXES == SUPPORTED_SUFFIXES and ".doc" in SUPPORTED_SUFFIXES  # what extract reads
    for stem, suffix in (("b05", ".xls"), ("b07", ".xlsx")):
        (tmp_path / f"{stem}{suffix}").write_bytes(b"not really a spreadsheet")
        (tmp_path / f"{stem}.gold.json").write_text(json.dumps(small_gold(), ensure_ascii=False), "utf-8")

    def unreadable(path: Path) -> dict[str, Any]:
        raise ValueError(f"cannot read {path.suffix}")

    report = ev.evaluate(tmp_path, extract=unreadable)
    assert [(d.path, d.error) for d in report.documents] == [("b05.xls", "ValueError: cannot read .xls"),
                                                            ("b07.xlsx", "ValueError: cannot read .xlsx")]
    assert report.skipped == []
    assert all(d.scores == {name: 0.0 for name in ev.COLUMNS} for d in report.documents)
    pooled = report.pooled()  # the failures count the gold as false negatives
    assert pooled["projects"].to_dict() == {"tp": 0, "fp": 0, "fn": 4}
    assert pooled["objectives"].to_dict() == {"tp": 0, "fp": 0, "fn": 6}
    assert pooled["budget"].to_dict() == {"correct": 0, "total": 0, "unpaired": 4}
    assert report.overall() == {"projects": 0.0, "budget": 0.0, "objectives": 0.0, "targets": None,
                                "indicators": None, "target_value": None, "results": None, "overall": 0.0}
    assert report.mean_of_documents() == {name: 0.0 for name in ev.COLUMNS}
    # the real extractor on a file it cannot read: still a row, still 0 overall
    real = ev.evaluate(tmp_path / "b05.xls")
    assert [d.path for d in real.documents] == ["b05.xls"] and real.documents[0].scores["overall"] == 0.0


def test_metric_not_applicable() -> None:
    assert (ev.F1().applicable, ev.F1(fp=1).applicable, ev.F1().score) == (False, True, None)
    assert (ev.Accuracy().applicable, ev.Accuracy(unpaired=1).applicable) == (False, True)
    assert (ev.Accuracy(unpaired=1).score, ev.Accuracy().score) == (0.0, None)
    assert ev.Accuracy(correct=1, total=2, unpaired=5).score == 0.5


def test_hard_negative_document() -> None:
    gold = {"projects": []}
    assert scores(gold, {"projects": []}) == {**NA_ALL, "overall": 1.0}  # the empty answer is right
    wrong = scores(gold, {"projects": [spurious_project()]})
    assert wrong == {"projects": 0.0, "budget": 0.0, "objectives": 0.0, "targets": None, "indicators": 0.0,
                     "target_value": 0.0, "results": None, "overall": 0.0}


def test_overall_is_the_mean_of_applicable_metrics() -> None:
    gold = small_gold()
    pred = ev.gold_to_prediction(gold)
    assert scores(gold, pred) == {"projects": 1.0, "budget": 1.0, "objectives": 1.0, "targets": None,
                                  "indicators": None, "target_value": None, "results": None, "overall": 1.0}
    del pred["projects"][0]["objectives"][1]  # tp 2, fn 1: F1 0.8
    s = scores(gold, pred)
    assert s["objectives"] == pytest.approx(0.8)
    assert s["overall"] == pytest.approx((1 + 1 + 0.8) / 3)


def test_pooled_and_mean_skip_non_applicable_columns() -> None:
    gold = small_gold()
    pred = ev.gold_to_prediction(gold)
    del pred["projects"][0]["objectives"][1]
    a = ev.DocResult("a.txt", "a.gold.json", ev.score_document(gold, pred))
    b = ev.DocResult("b.txt", "b.gold.json", ev.score_document({"projects": []}, {"projects": []}))
    c = ev.DocResult("c.txt", "c.gold.json", ev.score_document({"projects": []}, {"projects": [spurious_project()]}))
    report = ev.Report([a, b, c])
    mean = report.mean_of_documents()
    assert mean == pytest.approx({"projects": 0.5, "budget": 0.5, "objectives": 0.4, "targets": None,
                                  "indicators": 0.0, "target_value": 0.0, "results": None,
                                  "overall": (2.8 / 3 + 1.0 + 0.0) / 3})
    pooled = report.overall()
    # projects tp 2 fp 1; budget 2/2 (unpaired ignored when something was judged); objectives tp 2 fp 2 fn 1
    assert pooled == pytest.approx({"projects": 0.8, "budget": 1.0, "objectives": 4 / 7, "targets": None,
                                    "indicators": 0.0, "target_value": 0.0, "results": None,
                                    "overall": (0.8 + 1.0 + 4 / 7 + 0.0 + 0.0) / 5})
    data = report.to_dict()
    assert data["documents"][1]["scores"] == {**NA_ALL, "overall": 1.0}  # null in JSON
    assert '"targets": null' in json.dumps(data)
    assert data["mean_of_documents"]["targets"] is None and data["overall"]["results"] is None
    table = render_table(report)
    row_b = next(line for line in table.splitlines() if line.startswith("b.txt"))
    assert row_b.split()[1:] == ["–"] * 7 + ["1.000"]
    row_a = next(line for line in table.splitlines() if line.startswith("a.txt"))
    assert row_a.split()[1:] == ["1.000", "1.000", "0.800", "–", "–", "–", "–", "0.933"]


def test_failed_document_is_zero_everywhere_in_the_mean() -> None:
    gold = small_gold()
    good = ev.DocResult("a.txt", "a.gold.json", ev.score_document(gold, ev.gold_to_prediction(gold)))
    failed = ev.DocResult("b.xls", "b.gold.json", ev.score_document(gold, {}), error="boom")
    report = ev.Report([good, failed])
    assert failed.scores == {name: 0.0 for name in ev.COLUMNS}
    mean = report.mean_of_documents()
    assert (mean["projects"], mean["targets"], mean["results"], mean["overall"]) == (0.5, 0.0, 0.0, 0.5)
    pooled = report.overall()  # the failure pooled as an empty prediction
    assert pooled["projects"] == pytest.approx(4 / 6) and pooled["objectives"] == pytest.approx(6 / 9)
    assert pooled["budget"] == 1.0 and pooled["targets"] is None


def partial_gold() -> dict[str, Any]:
    """partial_fields_after 1: project 0 is annotated, 1 and 2 are not (2 has lists anyway)."""
    return {
        "partial_fields_after": 1,
        "projects": [
            {"number": "1", "name": "พัฒนาครูด้านดิจิทัล", "budget": {"amount": 10000},
             "objectives": ["เพื่อพัฒนาครูให้ใช้เทคโนโลยีดิจิทัล"],
             "indicators": [{"text": "ร้อยละ 80 ของครูใช้สื่อดิจิทัล", "target": "ร้อยละ 80", "target_value": 80}]},
            {"number": "2", "name": "ส่งเสริมการอ่านของนักเรียน", "budget": {"amount": 5000},
             "objectives": [], "targets": [], "indicators": []},
            {"number": "3", "name": "ปรับปรุงห้องสมุดโรงเรียน", "budget": {"amount": 3000},
             "objectives": ["เพื่อปรับปรุงห้องสมุด"],
             "indicators": [{"text": "ห้องสมุด 1 แห่ง", "target": "1 แห่ง", "target_value": 1}]},
        ],
    }


def partial_prediction() -> dict[str, Any]:
    pred = ev.gold_to_prediction(partial_gold())
    second = pred["projects"][1]
    second["budget"]["amount"] = 4000  # budget is still scored
    second["objectives"] = [{"text": "เพื่อส่งเสริมนิสัยรักการอ่าน"}, {"text": "เพื่อพัฒนาห้องสมุด"}]
    second["targets"] = [{"text": "นักเรียน 100 คน", "kind": "output"}]
    second["indicators"] = [{"text": "นักเรียนร้อยละ 70 อ่านคล่อง", "target": {"text": "ร้อยละ 70", "value": 70}}]
    del pred["projects"][2]  # a missed project after N: its lists count nothing
    pred["projects"].append({**spurious_project(), "objectives": [{"text": "เพื่อจัดซื้อ"}], "indicators": []})
    return pred


def test_partial_fields_after() -> None:
    s = ev.score_document(partial_gold(), partial_prediction())
    counts = {name: metric.to_dict() for name, metric in s.metrics.items()}
    assert counts == {
        "projects": {"tp": 2, "fp": 1, "fn": 1},
        "objectives": {"tp": 1, "fp": 1, "fn": 0},  # only project 0, plus the spurious project's item
        "targets": {"tp": 0, "fp": 0, "fn": 0},
        "indicators": {"tp": 1, "fp": 0, "fn": 0},
        "results": {"tp": 0, "fp": 0, "fn": 0},
        "budget": {"correct": 1, "total": 2, "unpaired": 2},
        "target_value": {"correct": 1, "total": 1, "unpaired": 0},
    }
    assert ev.scores_of(s.metrics)["overall"] == pytest.approx((2 / 3 + 0.5 + 2 / 3 + 1.0 + 1.0) / 5)
    second = s.details["matched"][1]
    assert second["fields_scored"] is False and second["gold"]["index"] == 1
    assert second["objectives"] == {"scored": False, "gold": 0, "pred": 2}
    assert "target_values" not in second
    assert s.details["partial_fields_after"] == 1
    text = render_details(ev.Report([ev.DocResult("a09.pdf", "a09.gold.json", s)]))
    assert "      · objectives not annotated in gold (partial_fields_after): gold 0, extracted 2, not scored" in text
    assert "      - [3] ปรับปรุงห้องสมุดโรงเรียน  (lists not annotated)" in text
    assert "   project [2] ส่งเสริมการอ่านของนักเรียน  (lists not annotated)" in text
    assert "      ≠ budget     gold amount 5000 / extracted amount 4000" in text

    # the same documents without the key: every list item counts
    full = partial_gold()
    del full["partial_fields_after"]
    m = ev.score_document(full, partial_prediction()).metrics
    assert m["objectives"].to_dict() == {"tp": 1, "fp": 3, "fn": 1}
    # project 1's extracted value has no gold partner, project 2's gold target no extracted one
    assert m["target_value"].to_dict() == {"correct": 1, "total": 1, "unpaired": 2}


def test_partial_fields_after_zero_and_bad_values(tmp_path: Path) -> None:
    gold = {**partial_gold(), "partial_fields_after": 0}
    m = ev.score_document(gold, partial_prediction()).metrics
    assert m["objectives"].to_dict() == {"tp": 0, "fp": 1, "fn": 0}  # only the spurious project's item
    assert m["indicators"].score is None and m["target_value"].score is None
    assert m["budget"].to_dict() == {"correct": 1, "total": 2, "unpaired": 2}
    for bad in ("10", -1, True):
        with pytest.raises(ValueError):
            ev.score_document({**partial_gold(), "partial_fields_after": bad}, {})
    (tmp_path / "x.txt").write_text("x\n", "utf-8")
    (tmp_path / "x.gold.json").write_text(json.dumps({"partial_fields_after": "10", "projects": []}), "utf-8")
    report = ev.evaluate(tmp_path, extract=lambda path: {"projects": []})
    assert report.documents[0].error == "cannot read gold file: partial_fields_after must be a non-negative integer, not '10'"
    assert report.documents[0].scores["overall"] == 0.0


@pytest.mark.parametrize("text, expected", [
    ("จำนวน.......................คน", "จำนวนคน"),
    ("จำนวน . . . . . ๕๐ คน", "จำนวน50คน"),
    ("นักเรียน……………จำนวน…๓๐…คน", "นักเรียนจำนวน30คน"),
    ("ชื่อ________สกุล", "ชื่อสกุล"),
    ("ระยะเวลา ...…... ถึง ……..", "ระยะเวลาถึง"),
    ("๑. ........ เพื่อพัฒนา", "เพื่อพัฒนา"),
    ("พ.ศ. ๒๕๖๘ งบ 2.5 ล้าน", "พ.ศ.2568งบ2.5ล้าน"),  # a single dot is content
    ("file_name", "file_name"),  # a single underscore too
    ("ทํางาน", "ทำงาน"),  # decomposed sara am
    ("นํ้าดื่ม", "น้ำดื่ม"),  # nikhahit, tone, sara aa -> tone, sara am
])
def test_normalize_leaders_and_sara_am(text: str, expected: str) -> None:
    assert ev.normalize(text) == expected


def test_leaders_do_not_stop_a_match() -> None:
    gold = {"projects": [{"number": "1", "name": "อบรมครูนํ้าดื่มสะอาด", "budget": {"amount": None},
                          "targets": [{"text": "ครูผู้สอน จำนวน 50 คน", "kind": "output"}]}]}
    pred = ev.gold_to_prediction(gold)
    pred["projects"][0]["name"] = "อบรมครูน้ำดื่มสะอาด"
    pred["projects"][0]["targets"][0]["text"] = "ครูผู้สอน จำนวน.......................50.......................คน"
    m = ev.score_document(gold, pred).metrics
    assert m["projects"].to_dict() == {"tp": 1, "fp": 0, "fn": 0}
    assert m["targets"].to_dict() == {"tp": 1, "fp": 0, "fn": 0}
    # without the leader rule the item would be a miss (ratio well below 85)
    assert ev.similarity("ครูผู้สอนจำนวน50คน", "ครูผู้สอนจำนวน" + "." * 23 + "50" + "." * 23 + "คน") < 85


def details_case() -> ev.DocScore:
    gold = small_gold()
    pred = ev.gold_to_prediction(gold)
    first = pred["projects"][0]
    first["budget"].update(amount=9000, spent=2500)
    first["responsible"]["unit"] = "กลุ่มบริหารงานบุคคล"
    first["period"] = None
    first["objectives"][1]["text"] = "เพื่อส่งเสริมการเรียนรู้ออนไลน์ของนักเรียนทุกระดับชั้น"  # near miss, 72.9
    first["objectives"][1]["span"] = {"line": 14}
    del pred["projects"][1]
    pred["projects"].append(spurious_project())
    pred["document"]["fiscal_year"] = 2567
    return ev.score_document(gold, pred)


def test_details_show_gold_and_extracted_field_by_field() -> None:
    det = details_case().details
    assert det["document"]["fiscal_year"] == {"gold": 2568, "pred": 2567, "same": False}
    assert det["document"]["title"]["same"] is True
    assert det["projects"]["missed"] == [{"index": 1, "number": "2", "name": "ส่งเสริมการอ่านของนักเรียน",
                                          "lines": [30, 40]}]
    assert det["projects"]["spurious"] == [{"number": None, "name": "จัดซื้อครุภัณฑ์คอมพิวเตอร์", "id": "p9", "line": 50}]
    assert det["projects"]["near"] == []
    (pair,) = det["matched"]
    assert pair["gold"] == {"index": 0, "number": "1", "name": "พัฒนาครูด้านดิจิทัล", "lines": [10, 20]}
    assert pair["pred"] == {"number": "1", "name": "พัฒนาครูด้านดิจิทัล", "id": "p1", "line": 10}
    assert pair["name_score"] == 100.0 and pair["fields_scored"] is True
    assert pair["budget"] == {"gold": {"amount": 10000, "no_budget": False, "spent": None},
                              "pred": {"amount": 9000, "no_budget": False, "spent": 2500}, "correct": False}
    assert pair["responsible_unit"] == {"gold": "กลุ่มนิเทศ", "pred": "กลุ่มบริหารงานบุคคล", "same": False}
    assert pair["period"] == {"gold": "ตุลาคม 2567 - กันยายน 2568", "pred": None, "same": False}
    objectives = pair["objectives"]
    assert (objectives["gold"], objectives["pred"], objectives["matched"]) == (2, 2, 1)
    assert objectives["missed"] == objectives["spurious"] == []
    assert objectives["near"] == [{"gold": {"text": "เพื่อส่งเสริมการเรียนรู้ออนไลน์"},
                                   "pred": {"text": "เพื่อส่งเสริมการเรียนรู้ออนไลน์ของนักเรียนทุกระดับชั้น",
                                            "line": 14},
                                   "score": 72.9}]
    assert pair["targets"] == {"scored": True, "gold": 0, "pred": 0, "matched": 0,
                               "missed": [], "spurious": [], "near": []}
    # a prediction in gold shape (responsible_unit, period as text) is read too
    same = ev.score_document(small_gold(), small_gold()).details["matched"][0]
    assert same["responsible_unit"]["same"] and same["period"]["same"] and same["budget"]["correct"]


def test_details_text_is_one_block_per_document() -> None:
    failed = ev.DocResult("b.xls", "b.gold.json", ev.score_document(small_gold(), {}), error="ValueError: bad")
    report = ev.Report([ev.DocResult("a.txt", "a.gold.json", details_case()), failed])
    text = render_details(report)
    block = text.split("\n\n")[1].splitlines()
    assert block == [
        "== a.txt  gold 2 projects, extracted 2, matched 1",
        # objectives: tp 1, fp 1 + 2 (spurious project), fn 1 + 1 (missed project) -> 2/7
        "   scores: projects 0.500  budget 0.000  objectives 0.286  targets –  indicators 0.000"
        "  target_value 0.000  results –  overall 0.157",
        "   document:",
        '      = title         "แผนปฏิบัติการ"',
        "      ≠ fiscal_year   gold 2568 / extracted 2567",
        '      = document_type "plan"',
        "   unmatched projects:",
        "      - [2] ส่งเสริมการอ่านของนักเรียน (lines 30-40)",
        "      + p9 [-] จัดซื้อครุภัณฑ์คอมพิวเตอร์ (line 50)",
        "   project [1] พัฒนาครูด้านดิจิทัล (lines 10-20)",
        "        <-> p1 [1] พัฒนาครูด้านดิจิทัล (line 10)",
        "      ≠ budget     gold amount 10000 / extracted amount 9000 spent 2500",
        '      ≠ unit       gold "กลุ่มนิเทศ" / extracted "กลุ่มบริหารงานบุคคล"',
        '      ≠ period     gold "ตุลาคม 2567 - กันยายน 2568" / extracted null',
        "      ≠ objectives gold 2, extracted 2, matched 1",
        # the shared start is elided, never in the middle of a character cluster
        '          ~ "…ริมการเรียนรู้ออนไลน์"',
        '            / "…ริมการเรียนรู้ออนไลน์ของนักเรียนทุกระดับชั้น"  (line 14)  (72.9)',
    ]
    assert text.split("\n\n")[2].splitlines() == [
        "== b.xls  gold 2 projects, extracted 0, matched 0",
        "   scores: " + "  ".join(f"{c} 0.000" for c in ev.COLUMNS),
        "   FAILED: ValueError: bad",
    ]
