"""``thaiplan check plan.docx --annotate out.docx``: every finding becomes a Word comment
on the run that holds its text, in the paragraph or table cell it is about; the
original file is not touched (issue 11)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from extractor.check import check_file
from extractor.cli import main

from conftest import ROOT

PLAN = next((ROOT / "corpora" / "variants").glob("001_*.docx"))


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("annotate")
    plan = folder / "plan.docx"
    shutil.copyfile(PLAN, plan)
    before = hashlib.sha256(plan.read_bytes()).hexdigest()
    out = folder / "plan-checked.docx"
    result = CliRunner().invoke(main, ["check", str(plan), "--annotate", str(out)])
    return plan, before, out, result


def test_the_original_is_untouched_and_the_copy_has_a_comment_per_finding(annotated):
    plan, before, out, result = annotated
    assert result.exit_code == 1, result.output  # the plan has errors: check still fails
    assert hashlib.sha256(plan.read_bytes()).hexdigest() == before
    findings = check_file(plan).findings
    comments = list(docx.Document(str(out)).comments)
    assert len(comments) == len(findings) > 0
    assert {c.author for c in comments} == {"thaiplan"}
    for comment, finding in zip(comments, findings):
        lines = comment.text.split("\n")
        assert finding.message in lines[0] and finding.rule in lines[0]  # Thai first ...
        assert lines[1] == finding.message_en  # ... then English
    assert f"{len(findings)} comment(s) added" in result.stderr


def test_each_comment_is_on_the_run_holding_its_text_in_the_right_place(annotated):
    plan, _, out, _ = annotated
    found = check_file(plan)
    text = found.doc.source.text
    body = docx.Document(str(out)).element.body
    starts = {int(s.get(qn("w:id"))): s for s in body.iter(qn("w:commentRangeStart"))}
    for k, finding in enumerate(found.findings):
        start = starts[k]
        paragraph = start.getparent()
        anchored = []
        on = False
        for el in paragraph.iter():
            if el is start:
                on = True
            elif el.tag == qn("w:commentRangeEnd") and int(el.get(qn("w:id"))) == k:
                break
            elif on and el.tag == qn("w:t"):
                anchored.append(el.text or "")
        wanted = _squeezed(text[finding.span.start:finding.span.end])
        assert wanted[:20] in _squeezed("".join(anchored)), (finding.rule, finding.span.where)
        where = finding.span.where or ""
        if where.startswith("table"):
            cell = next(a for a in start.iterancestors() if a.tag == qn("w:tc"))
            row = cell.getparent()
            table_row = list(row.getparent().iterchildren(qn("w:tr"))).index(row) + 1
            column = list(row.iterchildren(qn("w:tc"))).index(cell) + 1
            assert where.startswith(f"table {where.split(',')[0].split()[1]}, row {table_row}, cell {column}")


def test_annotate_refuses_what_it_cannot_do(tmp_path):
    plan = tmp_path / "plan.docx"
    shutil.copyfile(PLAN, plan)
    before = plan.read_bytes()
    runner = CliRunner()
    same = runner.invoke(main, ["check", str(plan), "--annotate", str(plan)])
    assert same.exit_code == 2 and "the original is never changed" in same.stderr
    assert plan.read_bytes() == before
    two = runner.invoke(main, ["check", str(plan), str(plan), "--annotate", str(tmp_path / "o.docx")])
    assert two.exit_code == 2 and "exactly one" in two.output
    text = next((ROOT / "corpora" / "seeds").glob("001_*.txt"))
    wrong = runner.invoke(main, ["check", str(text), "--annotate", str(tmp_path / "o.docx")])
    assert wrong.exit_code == 2 and "Word .docx" in wrong.stderr
    assert not (tmp_path / "o.docx").exists()
