"""Rules are data: a user rules folder teaches new wording without code, and bad rule files
are refused with one line naming the file and the key."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from extractor import extract
from extractor.cli import main
from extractor.ruleset import RulesError, default_rules, load_rules

# A plan with a label wording and a table header the shipped rules do not know:
# "จุดมุ่งหมาย" for objectives, and a KPI table whose target column is headed
# "เกณฑ์ความสำเร็จ".
PLAN = """แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗
ชื่อโครงการ ทดสอบระบบติดตาม
จุดมุ่งหมาย
๑. เพื่อทดสอบการติดตาม
๒. เพื่อทดลองใช้ระบบ
ระยะเวลาดำเนินการ ตุลาคม ๒๕๖๖ – กันยายน ๒๕๖๗
งบประมาณ จำนวน ๑,๐๐๐ บาท
การประเมินผล
ตัวชี้วัด\tเกณฑ์ความสำเร็จ
ครูใช้ระบบติดตามได้\tร้อยละ 80
"""


@pytest.fixture()
def user_rules(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "labels.toml").write_text('[[field]]\nname = "objectives"\nvariants = ["จุดมุ่งหมาย"]\n',
                                        encoding="utf-8")
    (folder / "columns.toml").write_text('[[column]]\nrole = "target_value"\nlabels = ["เกณฑ์ความสำเร็จ"]\n',
                                         encoding="utf-8")
    return folder


def test_new_label_and_table_header_need_no_code(user_rules):
    plain = extract(text=PLAN)
    assert [p.name for p in plain.projects] == ["ทดสอบระบบติดตาม"]
    assert plain.projects[0].objectives == []
    # without the header word the table is read as text: no indicator gets its target
    assert not any(i.target for i in plain.projects[0].indicators if i.text == "ครูใช้ระบบติดตามได้")

    taught = extract(text=PLAN, rules=load_rules(user_rules)).projects[0]
    assert [o.text for o in taught.objectives] == ["เพื่อทดสอบการติดตาม", "เพื่อทดลองใช้ระบบ"]
    assert [(i.text, i.target.value, i.target.unit) for i in taught.indicators] == [
        ("ครูใช้ระบบติดตามได้", 80, "percent")]
    # the shipped rules are not changed by loading a user folder
    assert extract(text=PLAN).projects[0].objectives == []


def test_cli_rules_option(user_rules, tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["--rules", str(user_rules), "extract", str(doc)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["projects"]) == 1 and len(data["projects"][0]["objectives"]) == 2
    assert data["projects"][0]["indicators"][0]["target"]["value"] == 80


@pytest.mark.parametrize("name, content, key", [
    ("labels.toml", '[[field]]\nname = "objectives"\nvariant = ["x"]\n', "field[0]"),
    ("values.toml", 'no_budgett = ["x"]\n', None),
    ("tuning.toml", 'header_window = "ten"\n', "header_window"),
    ("columns.toml", '[[column]]\nrole = "colour"\nlabels = ["x"]\n', "column"),
    ("labels.toml", '[[field\nname = "x"\n', None),
    ("colours.toml", 'x = 1\n', None),
])
def test_bad_rules_file_is_one_line_naming_file_and_key(tmp_path, name, content, key):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / name).write_text(content, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(folder)
    message = str(err.value)
    assert "\n" not in message and message.startswith(str(folder / name))
    if key:
        assert key in message
    doc = tmp_path / "plan.txt"
    doc.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["--rules", str(folder), "extract", str(doc)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("thaiplan: error: " + str(folder / name))


def test_shipped_rules_are_valid_and_read_once():
    assert default_rules() is default_rules()
    assert len(default_rules().digest) == 16
