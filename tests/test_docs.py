"""The documentation's generated parts (extractor/docgen.py) are current, and each fact has one place."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extractor import docgen

ROOT = Path(__file__).resolve().parent.parent
FILES = docgen.documentation_files(ROOT)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_generated_parts_are_current(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert docgen.refresh(text) == text, f"{path.name} is stale: run `python -m thaiplan.docgen`"


def test_every_generator_is_used_in_exactly_one_place() -> None:
    used = Counter(name for path in FILES for name in docgen.names_in(path.read_text(encoding="utf-8")))
    assert set(used) <= set(docgen.GENERATORS), f"unknown generated parts: {set(used) - set(docgen.GENERATORS)}"
    assert {name: n for name, n in used.items() if n != 1} == {}
    assert set(docgen.GENERATORS) <= set(used), f"generators no document shows: {set(docgen.GENERATORS) - set(used)}"


def test_refresh_rewrites_a_stale_part_and_leaves_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(docgen.GENERATORS, "demo", "test_docs:_demo_generator")
    text = "before\n<!-- generated: demo -->\nold\n<!-- /generated: demo -->\nafter\n"
    assert docgen.refresh(text) == "before\n<!-- generated: demo -->\nnew text\n<!-- /generated: demo -->\nafter\n"


def test_an_unknown_part_is_named() -> None:
    with pytest.raises(docgen.UnknownGenerator, match="no generator named 'nothing'"):
        docgen.refresh("<!-- generated: nothing -->\n<!-- /generated: nothing -->")


def test_readme_excerpt_is_real_output() -> None:
    from extractor import extract

    doc = extract(path=ROOT / docgen.EXCERPT_SAMPLE)
    excerpt = docgen.readme_output()
    first = doc.projects[0]
    assert f'"name": "{first.name}"' in excerpt
    assert f'"amount": {first.budget.amount:g}' in excerpt
    assert f'"start": {first.span.start}, "end": {first.span.end}' in excerpt


def test_check_rules_table_has_every_rule_once() -> None:
    from extractor.check import all_rules
    from extractor.check.docs import rules_table

    table = rules_table()
    assert {r.id: table.count(f"| `{r.id}` |") for r in all_rules()} == {r.id: 1 for r in all_rules()}


def test_type_defaults_in_words() -> None:
    from extractor.check.docs import type_defaults
    from extractor.check.registry import DOCUMENT_TYPES, Rule

    def rule(by_type: dict[str, str]) -> Rule:
        return Rule("r", "f", "warning", "th", "en", by_type)

    assert type_defaults(rule({})) == ""
    assert type_defaults(rule({"plan": "info", "monitoring_form": "off", "annual_report": "off"})) == \
        "off for annual_report, monitoring_form; plan=info"
    assert type_defaults(rule(dict.fromkeys(DOCUMENT_TYPES, "off"))) == "off by default"


def _demo_generator() -> str:
    return "new text"


def walkthrough_files(text: str) -> dict[str, str]:
    """The files a page's walk-through shows: a fenced block after ``<!-- walkthrough: NAME -->``."""
    import regex

    found = {}
    for m in regex.finditer(r"<!-- walkthrough: (\S+) -->\n\s*```\w*\n(.*?)\n\s*```", text, regex.DOTALL):
        indent = regex.match(r"\s*", m[2].splitlines()[0])[0]
        found[m[1]] = "\n".join(line.removeprefix(indent) for line in m[2].splitlines()) + "\n"
    return found


def test_the_architecture_walkthrough_does_what_it_says(tmp_path: Path) -> None:
    from extractor import extract
    from extractor.ruleset import load_rules

    files = walkthrough_files((ROOT / "docs" / "architecture.md").read_text(encoding="utf-8"))
    assert set(files) == {"plan.txt", "my-rules/labels.toml"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    before = extract(path=tmp_path / "plan.txt")
    after = extract(path=tmp_path / "plan.txt", rules=load_rules(tmp_path / "my-rules"))
    assert [len(p.objectives) for p in before.projects] == [0]
    assert [[o.text for o in p.objectives] for p in after.projects] == [[
        "เพื่อส่งเสริมนิสัยรักการอ่านของนักเรียน", "เพื่อพัฒนาห้องสมุดโรงเรียนให้เป็นแหล่งเรียนรู้"]]
    assert after.projects[0].budget.amount == before.projects[0].budget.amount == 15000


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    import regex

    return regex.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_github_anchor() -> None:
    assert github_anchor("Scans and damaged pages: OCR") == "scans-and-damaged-pages-ocr"
    assert github_anchor("Converting many documents: `thaiplan batch`") == "converting-many-documents-thaiplan-batch"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_between_pages_lead_somewhere(path: Path) -> None:
    """Every relative link names a file that exists, and a heading of it when it has a #anchor."""
    import regex

    text = path.read_text(encoding="utf-8")
    for target in regex.findall(r"\]\(([^)\s]+)\)", text):
        if regex.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        name, _, anchor = target.partition("#")
        linked = (path.parent / name).resolve() if name else path
        assert linked.exists(), f"{path.name}: link to {target}: no such file"
        if anchor:
            headings = regex.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), regex.MULTILINE)
            assert anchor in {github_anchor(h) for h in headings}, f"{path.name}: link to {target}: no such heading"


def test_readme_is_a_landing_page_whose_commands_ci_runs() -> None:
    """.ci/run runs the README's marked commands: install + a bundled sample, then the tests."""
    import regex

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 12_000, "README.md is a landing page: the reference goes to docs/"
    commands = dict(regex.findall(r"<!-- ci: (\w+) -->\n```bash\n(.*?)\n```", text, regex.DOTALL))
    assert set(commands) == {"install", "test"}
    sample = regex.search(r"thaiplan extract (\S+)", commands["install"])[1]
    assert (ROOT / sample).is_file()
    assert "pytest" in commands["test"]
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").count("readme_command ") == 2
