"""`thaiplan export`: every format is read back (pandas, pyarrow, spaCy) with the right row counts,
and every column's value checked on real extractions of small plan, report and memo texts."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))

from extractor.batch import BatchOptions, run_batch  # noqa: E402
from extractor.export import export  # noqa: E402
from extractor.export.docbin import LABELS  # noqa: E402
from extractor.export.columns import TABLE_NAMES, TABLES, ColumnType  # noqa: E402
from extractor.pipeline import extract  # noqa: E402

SEEDS = TESTS.parent / "corpora" / "seeds"
FAKE = "batch_fakes:extract_to_dict"
REAL = "extractor.batch.worker:extract_to_dict"
LISTS = ("objectives", "targets", "indicators", "activities", "expected_results", "results")


SMALL = ("000_7e9c5d1949af814c.txt", "004_bb75cf24dda7a38a.txt")


def make_outdir(root: Path, include_text: bool = True, extractor: str = FAKE, only: tuple = ()) -> Path:
    tree = root / "in"
    (tree / "seeds").mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        if only and seed.name not in only:
            continue
        (tree / "seeds" / seed.name).write_bytes(seed.read_bytes())
    (tree / "empty.txt").write_bytes(b"")  # a failure: in no export
    out = root / "out"
    run_batch(BatchOptions([str(tree)], str(out), jobs=2, include_text=include_text, extractor=extractor),
              stream=io.StringIO())
    return out


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_outdir(tmp_path_factory.mktemp("export"))


def documents(out: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.json"))]


def expected_counts(docs: list[dict]) -> dict[str, int]:
    """Counted straight from the JSON, independently of the exporter."""
    counts: Counter[str] = Counter({name: 0 for name in TABLE_NAMES})
    for doc in docs:
        counts["documents"] += 1
        counts["findings"] += len(doc["findings"])
        counts["notes"] += len(doc["notes"])
        for p in doc["projects"]:
            counts["projects"] += 1
            for name in LISTS:
                counts[name] += len(p[name])
            counts["gaps"] += len(p["gaps"])
            counts["budget_items"] += len(p["budget"]["items"])
            counts["budget_sources"] += len(p["budget"]["sources"])
            counts["budget_years"] += len(p["budget"]["by_year"])
            counts["budget_stated"] += len(p["budget"].get("stated", []))
    return dict(counts)


def test_jsonl(outdir: Path, tmp_path: Path) -> None:
    assert export(str(outdir), "jsonl", str(tmp_path / "docs.jsonl")) == 5
    lines = (tmp_path / "docs.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    for line, doc in zip(lines, documents(outdir), strict=True):
        record = json.loads(line)
        assert record.pop("doc_path").startswith("seeds/")
        assert record == doc


@pytest.mark.parametrize("bom", [False, True])
def test_csv(outdir: Path, tmp_path: Path, bom: bool) -> None:
    import pandas as pd

    counts = export(str(outdir), "csv", str(tmp_path / "csv"), bom=bom)
    expected = expected_counts(documents(outdir))
    assert counts == expected
    assert expected["projects"] > 10 and expected["indicators"] > 0 and expected["budget_items"] > 0
    tables = {}
    for table in TABLES:
        name = table.name
        raw = (tmp_path / "csv" / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == bom
        tables[name] = pd.read_csv(tmp_path / "csv" / f"{name}.csv", encoding="utf-8-sig", dtype=str,
                                   keep_default_na=False)
        assert list(tables[name].columns) == table.names
        assert len(tables[name]) == expected[name], name
    # keys join: every objective belongs to a project, every project to a document
    keys = ["doc_path", "doc_sha256", "project_id"]
    joined = tables["objectives"].merge(tables["projects"][keys], on=keys, how="left", indicator=True)
    assert (joined["_merge"] == "both").all()
    assert set(tables["projects"]["doc_path"]) <= set(tables["documents"]["doc_path"])
    assert any("โครงการ" in name for name in tables["projects"]["name"])  # Thai survives


def test_parquet(outdir: Path, tmp_path: Path) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    counts = export(str(outdir), "parquet", str(tmp_path / "pq"))
    expected = expected_counts(documents(outdir))
    assert counts == expected
    for table in TABLES:
        read = pq.read_table(tmp_path / "pq" / f"{table.name}.parquet")
        assert arrow_types(read) == documented_arrow_types(table), table.name
        assert read.num_rows == expected[table.name]
    projects = pd.read_parquet(tmp_path / "pq" / "projects.parquet")
    amounts = [b["amount"] for d in documents(outdir) for p in d["projects"] for b in [p["budget"]]]
    assert projects["budget_amount"].tolist() == pytest.approx([a if a is not None else float("nan")
                                                                for a in amounts], nan_ok=True)


def read_docbin(path: Path) -> list:
    import spacy
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy.blank("th").vocab))


def test_docbin(outdir: Path, tmp_path: Path) -> None:
    report = export(str(outdir), "docbin", str(tmp_path / "train.spacy"))
    docs = read_docbin(tmp_path / "train.spacy")
    assert len(docs) == report.documents == 5 and not report.without_text
    assert sum(len(d.spans["sc"]) for d in docs) == report.spans > 0
    assert report.unaligned == 0
    by_path = {d.user_data["doc_path"]: d for d in docs}
    for source in documents(outdir):
        doc = by_path["seeds/" + Path(source["source"]["path"]).name]
        assert doc.text == source["source_text"]
        objectives = {o["text"] for p in source["projects"] for o in p["objectives"]}
        for span in doc.spans["sc"]:
            assert span.label_ in LABELS
            if span.label_ == "OBJECTIVE":
                assert span.text.strip() in objectives


def test_docbin_rereads_sources_without_text(tmp_path: Path) -> None:
    out = make_outdir(tmp_path, include_text=False, only=SMALL)
    report = export(str(out), "docbin", str(tmp_path / "a.spacy"))
    assert report.documents == 2 and not report.without_text
    assert "source_text" not in documents(out)[0]
    changed = tmp_path / "in" / "seeds" / "000_7e9c5d1949af814c.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nแก้ไข\n", encoding="utf-8")
    report = export(str(out), "docbin", str(tmp_path / "b.spacy"))
    assert report.documents == 1 and report.without_text == ["seeds/000_7e9c5d1949af814c.txt"]


def test_docbin_with_the_real_extractor(tmp_path: Path) -> None:
    """Real spans: all inside the text; spans widened to token boundaries are counted."""
    out = make_outdir(tmp_path, extractor="extractor.batch.worker:extract_to_dict")
    report = export(str(out), "docbin", str(tmp_path / "real.spacy"))
    docs = read_docbin(tmp_path / "real.spacy")
    assert len(docs) == report.documents == 5
    assert report.unaligned == 0 and report.labels.get("PROJECT", 0) > 10
    assert report.expanded < report.spans


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], env=env, capture_output=True,
                          text=True, timeout=300)


def test_cli(outdir: Path, tmp_path: Path) -> None:
    proc = run_cli("export", str(outdir), "--to", "csv", "-o", str(tmp_path / "tables"), "--bom")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith(f"thaiplan: export: csv: {tmp_path / 'tables'}: documents 5, projects ")
    (tmp_path / "file").write_text("x")
    proc = run_cli("export", str(outdir), "--to", "parquet", "-o", str(tmp_path / "file"))
    assert proc.returncode == 2 and proc.stderr.startswith(f"thaiplan: error: {tmp_path / 'file'}: ")
    proc = run_cli("export", str(tmp_path / "missing"), "--to", "jsonl", "-o", str(tmp_path / "x.jsonl"))
    assert proc.returncode == 2 and "not a folder" in proc.stderr
    proc = run_cli("export", str(outdir), "--to", "jsonl", "-o", str(tmp_path / "x.jsonl"), "--bom")
    assert proc.returncode == 2 and "--bom applies only with --to csv" in proc.stderr


def test_batch_export_option(tmp_path: Path) -> None:
    tree = tmp_path / "in"
    tree.mkdir()
    (tree / "a.txt").write_bytes((SEEDS / "000_7e9c5d1949af814c.txt").read_bytes())
    out = tmp_path / "out"
    proc = run_cli("batch", str(tree), "-o", str(out), "--extractor", FAKE, "--export", "parquet",
                   "--export", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert (out / "_export" / "parquet" / "projects.parquet").exists()
    assert len((out / "_export" / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    # the export folder is not mistaken for documents on the next run or export
    proc = run_cli("batch", str(tree), "-o", str(out), "--extractor", FAKE, "--export", "jsonl")
    assert proc.returncode == 0 and "1 documents: 0 converted, 1 unchanged" in proc.stderr


def test_every_column_has_a_meaning_and_every_label_is_documented() -> None:
    """The column reference is generated from TABLES (docs/exports.md, checked current by test_docs.py);
    what it cannot generate is checked here."""
    for table in TABLES:
        assert len(set(table.names)) == len(table.names), table.name
        for column in table.columns:
            assert column.description.strip(), f"{table.name}.{column.name} has no description"
    text = (TESTS.parent / "docs" / "exports.md").read_text(encoding="utf-8")
    for label in LABELS:
        assert f"`{label}`" in text, f"DocBin label {label} is not in docs/exports.md"


def test_closed_value_sets_come_from_the_json_schema() -> None:
    from extractor.export.docs import schema_values

    refs = [c.values for t in TABLES for c in t.columns if c.values]
    assert len(refs) >= 8
    for ref in refs:
        assert schema_values(ref), ref


# --- the newer fields (by_year, stated, gaps, indicator results, notes) on real extractions -----------------

PLAN = ("แผนปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2567\n"
        "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต 1\n"
        "\n"
        "1. โครงการพัฒนาครูด้านการจัดการเรียนรู้เชิงรุก\n"
        "วัตถุประสงค์\n"
        "1. เพื่อพัฒนาครูให้จัดการเรียนรู้เชิงรุกได้\n"
        "เป้าหมาย\n"  # printed with nothing under it: a gap
        "ตัวชี้วัด\n"
        "1. ร้อยละ 80 ของครูที่เข้าร่วมโครงการจัดการเรียนรู้เชิงรุกได้\n"
        "งบประมาณ\n"
        "ปี 2566\tปี 2567\tปี 2568\n"
        "100,000\t120,000\t-\n"
        "ผู้รับผิดชอบ กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา\n"
        "\n"
        "2. โครงการส่งเสริมการอ่าน\n"
        "วัตถุประสงค์\n"
        "1. เพื่อส่งเสริมนิสัยรักการอ่านของนักเรียน\n"
        "งบประมาณ จำนวนทั้งสิ้น 10,000 บาท\n"
        "กิจกรรม\tงบประมาณ\n"
        "1. จัดซื้อหนังสือ\t6,000\n"
        "2. จัดกิจกรรมสัปดาห์ห้องสมุด\t4,000\n"
        "รวม\t10,000\n"
        "ผู้รับผิดชอบ กลุ่มส่งเสริมการจัดการศึกษา\n")
REPORT = ("รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2567\n"
          "\n"
          "ที่\tโครงการ\tค่าเป้าหมาย\tผลการดำเนินงาน\tงบประมาณ\n"
          "1\tโครงการส่งเสริมนิสัยรักการอ่าน\t\t\t50,000\n"
          "\t- ร้อยละของนักเรียนที่อ่านออกเขียนได้\tร้อยละ 80\tร้อยละ 85\t\n"
          "\t- จำนวนโรงเรียนที่มีห้องสมุดมีชีวิต\t12 โรงเรียน\t\t\n")
MEMO = "บันทึกข้อความ\nเรื่อง ขอเชิญประชุม\nขอเชิญประชุมในวันจันทร์\n"  # no project: a note
TEXTS = {"memo.txt": MEMO, "plan.txt": PLAN, "report.txt": REPORT}


def span_of(text: str, needle: str, after: str = "") -> dict:
    """The span columns of ``needle`` (its first occurrence after ``after``) in ``text``."""
    start = text.index(needle, text.index(after) + len(after) if after else 0)
    return {"span_start": start, "span_end": start + len(needle), "span_line": text.count("\n", 0, start) + 1,
            "span_page": None}


NO_SPAN = {"span_start": None, "span_end": None, "span_line": None, "span_page": None}


@pytest.fixture(scope="module")
def fields_outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fields")
    tree = root / "in"
    tree.mkdir()
    for name, text in TEXTS.items():
        (tree / name).write_text(text, encoding="utf-8")
    out = root / "out"
    summary = run_batch(BatchOptions([str(tree)], str(out), jobs=1, include_text=True, extractor=REAL),
                        stream=io.StringIO())
    assert summary.converted == 3 and summary.failed == 0
    return out


def test_batch_output_is_the_extraction(fields_outdir: Path) -> None:
    """The batch JSON the exports read is what ``extract(text=…)`` gives (the fixtures are real)."""
    for name, text in TEXTS.items():
        saved = json.loads((fields_outdir / f"{name}.json").read_text(encoding="utf-8"))
        direct = extract(text=text).to_dict()
        for key in ("document", "projects", "findings", "notes"):
            assert saved[key] == direct[key], (name, key)


def _from_csv(cell: str, type_: ColumnType) -> object:
    """A CSV cell back to the column's type, by the rules of docs/exports.md (empty = null)."""
    if cell == "":
        return None
    if type_ is ColumnType.FLOAT64:
        assert "." in cell or "e" in cell, cell  # float64 is written with a decimal point
        return float(cell)
    if type_ in (ColumnType.INT32, ColumnType.INT64):
        return int(cell)
    if type_ is ColumnType.BOOL:
        return {"true": True, "false": False}[cell]
    return cell


def documented_arrow_types(table) -> list[tuple[str, str]]:
    """(column, Arrow type name) as docs/exports.md gives them: Arrow calls float64 "double"."""
    return [(c.name, "double" if c.type is ColumnType.FLOAT64 else c.type.value) for c in table.columns]


def arrow_types(parquet) -> list[tuple[str, str]]:
    return [(f.name, str(f.type)) for f in parquet.schema]


def read_tables(outdir: Path, tmp_path: Path, fmt: str) -> dict[str, list[dict]]:
    """Every table of one export, as lists of rows with typed values."""
    import pyarrow.parquet as pq

    export(str(outdir), fmt, str(tmp_path / fmt))
    tables = {}
    for table in TABLES:
        name = table.name
        if fmt == "parquet":
            read = pq.read_table(tmp_path / fmt / f"{name}.parquet")
            assert arrow_types(read) == documented_arrow_types(table), name
            tables[name] = read.to_pylist()
        else:
            with open(tmp_path / fmt / f"{name}.csv", encoding="utf-8", newline="") as fh:
                reader = csv.reader(fh)
                assert next(reader) == table.names, name
                tables[name] = [{c.name: _from_csv(cell, c.type) for c, cell in zip(table.columns, row, strict=True)}
                                for row in reader]
    return tables


def pick(rows: list[dict], *columns: str) -> list[tuple]:
    return [tuple(r[c] for c in columns) for r in rows]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_new_fields_in_tables(fields_outdir: Path, tmp_path: Path, fmt: str) -> None:
    t = read_tables(fields_outdir, tmp_path, fmt)
    docs = {r["doc_path"]: r for r in t["documents"]}
    sha = {key: r["doc_sha256"] for key, r in docs.items()}
    assert pick(t["documents"], "doc_path", "format", "fiscal_year", "document_type", "project_count",
                "finding_count", "note_count") == [
        ("memo.txt", "txt", None, "unknown", 0, 0, 1),
        ("plan.txt", "txt", 2567, "plan", 2, 0, 0),
        ("report.txt", "txt", 2567, "annual_report", 1, 0, 0)]

    # notes: the memo has no project
    assert t["notes"] == [{"doc_path": "memo.txt", "doc_sha256": sha["memo.txt"], "note_index": 0,
                           "code": "no_projects", "message": "no project was found in the document", **NO_SPAN}]

    # budget_years: the multi-year plan's table, one row per year ("-" is null); budget_amount is 2567's
    assert t["budget_years"] == [
        {"doc_path": "plan.txt", "doc_sha256": sha["plan.txt"], "project_id": "p1", "year": year, "amount": amount}
        for year, amount in ((2566, 100000.0), (2567, 120000.0), (2568, None))]
    assert pick(t["projects"], "doc_path", "project_id", "name", "budget_amount", "budget_year", "budget_text") == [
        ("plan.txt", "p1", "พัฒนาครูด้านการจัดการเรียนรู้เชิงรุก", 120000.0, 2567, None),
        ("plan.txt", "p2", "ส่งเสริมการอ่าน", 10000.0, None, "จำนวนทั้งสิ้น 10,000 บาท"),
        ("report.txt", "p1", "ส่งเสริมนิสัยรักการอ่าน", 50000.0, None, "50,000")]

    # budget_stated: the fiscal year's cell of the per-year table; the detail text's amount and the
    # items table's total row (รวม)
    p1 = {"doc_path": "plan.txt", "doc_sha256": sha["plan.txt"], "project_id": "p1"}
    p2 = {"doc_path": "plan.txt", "doc_sha256": sha["plan.txt"], "project_id": "p2"}
    assert t["budget_stated"] == [
        {**p1, "item_index": 0, "amount": 120000.0, "place": "detail", **span_of(PLAN, "120,000")},
        {**p2, "item_index": 0, "amount": 10000.0, "place": "detail", **span_of(PLAN, "10,000")},
        {**p2, "item_index": 1, "amount": 10000.0, "place": "table_total", **span_of(PLAN, "10,000", "รวม\t")}]

    # gaps: เป้าหมาย printed with nothing under it
    assert t["gaps"] == [{"doc_path": "plan.txt", "doc_sha256": sha["plan.txt"], "project_id": "p1",
                          "item_index": 0, "field": "targets", **span_of(PLAN, "เป้าหมาย")}]

    # indicators: the report's result column; a plan indicator has none
    columns = ("doc_path", "project_id", "item_index", "text", "target_text", "target_value", "target_unit",
               "target_comparator", "result_text", "result_value", "result_unit", "result_comparator")
    assert pick(t["indicators"], *columns) == [
        ("plan.txt", "p1", 0, "ร้อยละ 80 ของครูที่เข้าร่วมโครงการจัดการเรียนรู้เชิงรุกได้", "ร้อยละ 80", 80.0, "percent",
         "=", None, None, None, None),
        ("report.txt", "p1", 0, "ร้อยละของนักเรียนที่อ่านออกเขียนได้", "ร้อยละ 80", 80.0, "percent", "=",
         "ร้อยละ 85", 85.0, "percent", "="),
        ("report.txt", "p1", 1, "จำนวนโรงเรียนที่มีห้องสมุดมีชีวิต", "12 โรงเรียน", 12.0, "โรงเรียน", "=",
         None, None, None, None)]
    report_rows = [r for r in t["indicators"] if r["doc_path"] == "report.txt"]
    assert [{k: r[k] for k in NO_SPAN} for r in report_rows] == [
        span_of(REPORT, "ร้อยละของนักเรียนที่อ่านออกเขียนได้"), span_of(REPORT, "จำนวนโรงเรียนที่มีห้องสมุดมีชีวิต")]

    # row counts agree with the JSON, counted independently
    assert {name: len(rows) for name, rows in t.items()} == expected_counts(documents(fields_outdir))


def test_new_fields_in_jsonl(fields_outdir: Path, tmp_path: Path) -> None:
    export(str(fields_outdir), "jsonl", str(tmp_path / "d.jsonl"))
    records = {r["doc_path"]: r for r in map(json.loads, (tmp_path / "d.jsonl").read_text("utf-8").splitlines())}
    plan, report, memo = records["plan.txt"], records["report.txt"], records["memo.txt"]
    assert plan["projects"][0]["budget"]["by_year"] == {"2566": 100000, "2567": 120000, "2568": None}
    assert plan["projects"][0]["gaps"] == [{"field": "targets", "span": {
        k[len("span_"):]: v for k, v in span_of(PLAN, "เป้าหมาย").items()}}]
    assert [s["place"] for s in plan["projects"][1]["budget"]["stated"]] == ["detail", "table_total"]
    assert report["projects"][0]["indicators"][0]["result"]["value"] == 85
    assert report["projects"][0]["indicators"][1]["result"] is None
    assert [n["code"] for n in memo["notes"]] == ["no_projects"] and memo["projects"] == []


def test_new_fields_in_docbin(fields_outdir: Path, tmp_path: Path) -> None:
    report = export(str(fields_outdir), "docbin", str(tmp_path / "f.spacy"))
    assert report.documents == 3 and report.unaligned == 0
    docs = {d.user_data["doc_path"]: d for d in read_docbin(tmp_path / "f.spacy")}
    assert report.labels["RESULT_VALUE"] == 1
    values = [(s.label_, s.text) for s in docs["report.txt"].spans["sc"] if s.label_.endswith("_VALUE")]
    assert values == [("TARGET_VALUE", "ร้อยละ 80"), ("RESULT_VALUE", "ร้อยละ 85"), ("TARGET_VALUE", "12 โรงเรียน")]
    assert list(docs["memo.txt"].spans["sc"]) == []


def test_export_help_names_every_table():
    from click.testing import CliRunner

    from extractor.cli import main

    help_text = " ".join(CliRunner().invoke(main, ["export", "--help"]).output.split())
    for table in TABLE_NAMES:
        assert table in help_text, table


@pytest.mark.parametrize("fmt, line", [
    ("docbin", "the DocBin export needs spaCy, the [docbin] extra: in the thaiplan folder, pip install -e '.[docbin]'"),
    ("parquet", "the Parquet export needs pyarrow, the [parquet] extra: in the thaiplan folder, pip install -e '.[parquet]'")])
def test_a_missing_extra_is_one_line_and_nothing_written(tmp_path, monkeypatch, fmt, line):
    from click.testing import CliRunner

    from extractor.cli import main
    from extractor.export import NEEDS

    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "a.json").write_text(json.dumps({"schema_version": "1.0", "projects": []}), encoding="utf-8")
    monkeypatch.setitem(sys.modules, NEEDS[fmt].module, None)  # importing it now fails
    target = tmp_path / "target"
    result = CliRunner().invoke(main, ["export", str(outdir), "--to", fmt, "-o", str(target)])
    assert (result.exit_code, result.stderr) == (2, f"thaiplan: error: {line}\n")
    assert not target.exists()


def test_batch_export_checks_the_extra_before_converting(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from extractor.cli import main

    tree = tmp_path / "in"
    tree.mkdir()
    (tree / "a.txt").write_bytes((SEEDS / "000_7e9c5d1949af814c.txt").read_bytes())
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(tree), "-o", str(out), "--extractor", FAKE,
                                       "--export", "jsonl", "--export", "parquet"])
    assert result.exit_code == 2, result.output
    assert result.stderr == ("thaiplan: error: the Parquet export needs pyarrow, the [parquet] extra: "
                             "in the thaiplan folder, pip install -e '.[parquet]'\n")
    assert not out.exists()


def test_csv_export_without_pyarrow(outdir: Path, tmp_path: Path) -> None:
    """The core install has no pyarrow: the command line and the CSV export never import it."""
    blocked = "import sys; sys.modules['pyarrow'] = None; from extractor.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", blocked, "export", str(outdir), "--to", "csv",
                           "-o", str(tmp_path / "csv")], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(f"{n}.csv" for n in TABLE_NAMES)


def test_the_extras_are_those_of_pyproject() -> None:
    """Each extra a format needs is in pyproject.toml (and in [all], [dev]), not in the core install."""
    import tomllib

    from extractor.export import NEEDS

    project = tomllib.loads((TESTS.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    optional = project["optional-dependencies"]
    in_all = optional["all"][0].partition("[")[2].rstrip("]").split(",")
    for extra in NEEDS.values():
        assert [r for r in optional[extra.name] if r.lower().startswith(extra.module)], extra
        assert extra.name in in_all
        assert "thaiplan[all]" in optional["dev"] or any(r.lower().startswith(extra.module) for r in optional["dev"])
        assert not any(r.lower().startswith(extra.module) for r in project["dependencies"]), extra
