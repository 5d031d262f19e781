"""`thaiplan export`: every format is read back (pandas, pyarrow, spaCy) with the right row counts."""

from __future__ import annotations

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
from extractor.export.tables import SCHEMAS  # noqa: E402

SEEDS = TESTS.parent / "corpora" / "seeds"
FAKE = "batch_fakes:extract_to_dict"
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
    counts: Counter[str] = Counter({name: 0 for name in SCHEMAS})
    for doc in docs:
        counts["documents"] += 1
        counts["findings"] += len(doc["findings"])
        for p in doc["projects"]:
            counts["projects"] += 1
            for name in LISTS:
                counts[name] += len(p[name])
            counts["budget_items"] += len(p["budget"]["items"])
            counts["budget_sources"] += len(p["budget"]["sources"])
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
    for name, schema in SCHEMAS.items():
        raw = (tmp_path / "csv" / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == bom
        tables[name] = pd.read_csv(tmp_path / "csv" / f"{name}.csv", encoding="utf-8-sig", dtype=str,
                                   keep_default_na=False)
        assert list(tables[name].columns) == schema.names
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
    for name, schema in SCHEMAS.items():
        table = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert table.schema.equals(schema), name
        assert table.num_rows == expected[name]
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


def test_every_column_is_documented() -> None:
    text = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    for table, schema in SCHEMAS.items():
        assert table in text
        for field in schema:
            assert f"`{field.name}`" in text, f"{table}.{field.name} is not in README.md"
    for label in LABELS:
        assert f"`{label}`" in text
