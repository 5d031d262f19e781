"""The command line: output forms, exit codes and errors on bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from extractor import __version__
from extractor.cli import main

from conftest import seed


def test_extract_to_stdout_is_readable_thai(run):
    result = run("extract", str(seed("000")))
    assert result.exit_code == 0
    assert "งานสวนพฤกษศาสตร์" in result.output  # not \\u-escaped
    doc = json.loads(result.output)
    assert doc["schema_version"] == "1.0" and len(doc["projects"]) == 24
    assert doc["source"]["encoding"] == "utf-8" and doc["source"]["format"] == "txt"


def test_extract_to_file_compact_with_text(run, tmp_path):
    out = tmp_path / "out.json"
    result = run("extract", str(seed("004")), "-o", str(out), "--compact", "--include-text")
    assert result.exit_code == 0 and result.output == ""
    text = out.read_text(encoding="utf-8")
    assert text.count("\n") == 1
    doc = json.loads(text)
    span = doc["projects"][0]["budget"]["span"]
    assert "ไม่ใช้งบประมาณ" in doc["source_text"][span["start"]:span["end"]]


def test_version_and_help(run):
    assert __version__ in run("--version").output
    help_text = run("extract", "--help").output
    assert "Examples" in help_text and "--include-text" in help_text


def _bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    undecodable = tmp_path / "latin.txt"
    undecodable.write_bytes("café naïve ".encode("latin-1") * 3 + b"\x81\x8d\x8f\x90\x9d" * 40)
    return {
        "missing": (tmp_path / "nope.txt", "file not found"),
        "directory": (tmp_path, "is a directory"),
        "empty": (empty, "empty file"),
        "binary": (binary, "binary file"),
        "undecodable": (undecodable, "undecodable"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "binary", "undecodable"])
def test_bad_input_is_one_line_exit_2_no_output(tmp_path, case):
    path, message = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out" / "result.json"
    result = CliRunner().invoke(main, ["extract", str(path), "-o", str(out)])
    assert result.exit_code == 2
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and message in lines[0]
    assert not out.exists()


@pytest.mark.parametrize("encoding,expected", [("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("cp874", "cp874")])
def test_encodings_give_the_same_projects(extracted, tmp_path, encoding, expected):
    from extractor import extract

    text = seed("004").read_text(encoding="utf-8")
    if encoding == "cp874":
        text = text.encode("cp874", errors="replace").decode("cp874")
    path = tmp_path / f"doc-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    doc = extract(path)
    assert doc.source.encoding == expected
    assert [p.name for p in doc.projects] == [p.name for p in extracted["004"].projects]
    p = doc.projects[4]
    assert doc.source.text[p.budget.span.start:p.budget.span.end].strip().startswith("๑๐๐,๐๐๐")
