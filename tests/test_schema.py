"""The JSON Schema is valid, accepts everything model.py emits, and names the path of a problem."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from extractor import model as m
from extractor.readers import from_string
from extractor.schema import SchemaError, load_schema, problems, validate

TEXT = "โครงการ พัฒนาการเรียนการสอนปฐมวัย\nงบประมาณ จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท\n"


def minimal() -> m.Document:
    source = from_string(TEXT, path="plan.txt").source
    project = m.Project(id="p1", number="1", name="พัฒนาการเรียนการสอนปฐมวัย", span=source.span(0, 35))
    return m.Document(source=source, projects=[project])


def full() -> m.Document:
    """Every optional field model.py can emit, filled."""
    source = m.SourceText(text=TEXT, path="plan.pdf", format="pdf", pages=1, page_starts=[0],
                          regions=[(0, "page 1, line 1")])
    span = source.span(36, 70)
    assert span.where is not None and span.page == 1
    doc = minimal()
    doc.source = source
    doc.info = m.DocumentInfo(title="แผน", organization="สพป.", fiscal_year=2566, document_type="plan")
    p = doc.projects[0]
    p.span = span
    p.budget = m.Budget(amount=10000, spent=2500.5, text="จำนวนทั้งสิ้น ๑๐,๐๐๐.- บาท", words="หนึ่งหมื่นบาทถ้วน",
                        sources=[m.BudgetSource("สพฐ.", 10000, span)],
                        items=[m.BudgetItem("ค่าอาหาร", 5000, span, quarters=[None, 5000, 0, None])],
                        span=span, spent_span=span, quarter_totals=[0, 5000, 5000, 0], total_row=10000,
                        by_year={2566: 10000, 2567: None}, year=2566,
                        stated=[m.StatedAmount(10000, "detail", span), m.StatedAmount(12000, "summary", None)])
    p.objectives = [m.TextItem("เพื่อพัฒนา", span)]
    p.targets = [m.KindItem("ครู ๒๐ คน", "output", span)]
    p.indicators = [m.Indicator("ร้อยละ ๘๐ ของครู", "quantitative", span,
                                m.TargetValue("ร้อยละ ๘๐", 80, "percent", ">=", span),
                                m.TargetValue("ร้อยละ ๘๕", 85, "percent", "=", span)),
                    m.Indicator("ครูพึงพอใจ", None, span, None)]
    p.activities = [m.TextItem("อบรม", span)]
    p.expected_results = [m.TextItem("ครูมีความรู้", span)]
    p.results = [m.KindItem("ครู ๒๐ คน ผ่านการอบรม", "quantitative", span)]
    p.responsible = m.Responsible("กลุ่มนิเทศ", ["นาย ก"], span)
    p.period = m.Period("ธันวาคม ๒๕๖๕ – กันยายน ๒๕๖๖", "2022-12", "2023-09", span)
    p.status = "completed"
    p.mentions = [span]
    p.gaps = [m.FieldGap("indicators", span)]
    doc.notes = [m.Note("unattributed", "a budget table no project could be given", span)]
    doc.findings = [m.Finding("indicator-without-target", "warning", "p1", "ตัวชี้วัดไม่มีค่าเป้าหมาย", span,
                              "indicator has no target"),
                    m.Finding("no-projects", "info", None, "…", None)]
    return doc


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_minimal_document_validates() -> None:
    validate(minimal().to_dict())


def test_every_model_field_is_allowed() -> None:
    data = full().to_dict(include_text=True)
    assert problems(data) == []


@pytest.mark.parametrize("path, value, where", [
    (("projects", 0, "budget", "amount"), "10,000", "$.projects[0].budget.amount"),
    (("projects", 0, "span", "line"), "3", "$.projects[0].span.line"),
    (("projects", 0, "indicators", 0, "target", "value"), "80", "$.projects[0].indicators[0].target.value"),
    (("projects", 0, "period"), "ธันวาคม", "$.projects[0].period"),
    (("document", "document_type"), "report", "$.document.document_type"),
    (("source", "format"), "odt", "$.source.format"),
    (("findings", 0, "severity"), "fatal", "$.findings[0].severity"),
])
def test_wrong_value_is_reported_with_its_path(path: tuple[Any, ...], value: Any, where: str) -> None:
    data = copy.deepcopy(full().to_dict())
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(SchemaError) as err:
        validate(data)
    assert err.value.problems[0][0] == where
    assert where in str(err.value)


def test_missing_and_unknown_keys() -> None:
    data = minimal().to_dict()
    del data["projects"][0]["budget"]["no_budget"]
    data["projects"][0]["colour"] = "red"
    found = dict(problems(data))
    assert "'no_budget' is a required property" in found["$.projects[0].budget"]
    assert "colour" in found["$.projects[0]"]
