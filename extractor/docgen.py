"""Generated parts of the documentation, so that no fact lives in two places.

A Markdown file marks a generated part with a pair of HTML comments::

    <!-- generated: check-rules -->
    …text written by the generator…
    <!-- /generated: check-rules -->

The text between is produced by the generator registered under that name (from
the rule registry, the export schemas, a real extraction …).  ``python -m
thaiplan.docgen`` rewrites every generated part of README.md and docs/*.md;
``--check`` only reports the stale ones (exit 1), which is what the test does.

Generators are named by dotted path and imported only when run, so a
documentation check never needs an optional extra it does not render.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Callable

import regex

# name → "module:function"; the function takes no argument and returns Markdown.
GENERATORS: dict[str, str] = {
    "readme-output": "extractor.docgen:readme_output",
    "check-rules": "extractor.check.docs:rules_table",
    "check-example": "extractor.docgen:check_example",
    "export-tables": "extractor.export.docs:tables_reference",
}

_BLOCK = regex.compile(
    r"(?P<open><!-- generated: (?P<name>[a-z0-9-]+) -->\n)(?P<body>.*?)(?P<close><!-- /generated: (?P=name) -->)",
    regex.DOTALL,
)


class UnknownGenerator(ValueError):
    pass


def generator(name: str) -> Callable[[], str]:
    try:
        module, _, function = GENERATORS[name].partition(":")
    except KeyError:
        raise UnknownGenerator(f"no generator named {name!r} (known: {', '.join(sorted(GENERATORS))})") from None
    return getattr(importlib.import_module(module), function)


def names_in(text: str) -> list[str]:
    """The generated parts a Markdown text holds, in order."""
    return [m["name"] for m in _BLOCK.finditer(text)]


def refresh(text: str) -> str:
    """The text with every generated part rendered anew (each generator run once)."""
    rendered: dict[str, str] = {}

    def render(m: regex.Match) -> str:
        name = m["name"]
        if name not in rendered:
            body = generator(name)()
            rendered[name] = body if body.endswith("\n") else body + "\n"
        return m["open"] + rendered[name] + m["close"]

    return _BLOCK.sub(render, text)


# The README's output excerpt: a real extraction of a bundled seed, cut to a few fields.
EXCERPT_SAMPLE = "corpora/seeds/001_2582665ac4639523.txt"
EXCERPT_FIELDS = {
    "source": ("path", "format", "chars"),
    "document": ("title", "organization", "fiscal_year", "document_type"),
    "project": ("id", "number", "name", "budget", "indicators", "responsible", "period", "span"),
    "budget": ("amount", "text", "span"),
    "indicator": ("text", "target"),
    "target": ("text", "value", "unit", "comparator", "span"),
    "responsible": ("unit", "span"),
    "period": ("text", "start", "end"),
}
EXCERPT_TEXT_CHARS = 60  # longer strings are cut, with "…"
EXCERPT_WIDTH = 100


def compact_json(value: object, indent: int = 0) -> str:
    """JSON with every object or list that fits in EXCERPT_WIDTH columns on one line."""
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) + indent <= EXCERPT_WIDTH or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {compact_json(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + compact_json(v, indent + 2) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def _pick(value: dict, kind: str) -> dict:
    out = {}
    for key in EXCERPT_FIELDS[kind]:
        item = value[key]
        if isinstance(item, str) and len(item) > EXCERPT_TEXT_CHARS:
            item = item[:EXCERPT_TEXT_CHARS] + "…"
        elif isinstance(item, dict) and key in EXCERPT_FIELDS:
            item = _pick(item, key)
        elif isinstance(item, list) and key == "indicators":
            item = [_pick(i, "indicator") for i in item[:1]]
        out[key] = item
    return out


def readme_output() -> str:
    from .pipeline import extract

    root = Path(__file__).resolve().parent.parent
    data = extract(path=root / EXCERPT_SAMPLE).to_dict()
    data["source"]["path"] = EXCERPT_SAMPLE
    excerpt = {
        "schema_version": data["schema_version"],
        "source": _pick(data["source"], "source"),
        "document": _pick(data["document"], "document"),
        "projects": [_pick(data["projects"][0], "project")],
    }
    return (
        f"`thaiplan extract {EXCERPT_SAMPLE}` finds {len(data['projects'])} projects. "
        f"The first, cut to a few fields and its first indicator "
        f"(texts over {EXCERPT_TEXT_CHARS} characters end in …):\n\n"
        f"```json\n{compact_json(excerpt)}\n```\n"
    )


# docs/check.md's example: the start and end of a real text report (default configuration).
CHECK_SAMPLE = EXCERPT_SAMPLE
CHECK_GROUPS = 2  # project groups shown before the "…"


def check_example() -> str:
    from .check import CheckConfig, check_file
    from .commands.check import render_text

    root = Path(__file__).resolve().parent.parent
    result = check_file(root / CHECK_SAMPLE, CheckConfig())
    result.path = CHECK_SAMPLE
    lines = render_text([result]).splitlines()
    groups = [i for i, line in enumerate(lines) if line.startswith("-- ")]
    if len(groups) > CHECK_GROUPS:
        lines = lines[: groups[CHECK_GROUPS]] + ["…", lines[-1]]
    return f"```\n$ thaiplan check {CHECK_SAMPLE}\n" + "\n".join(lines) + "\n```\n"


def documentation_files(root: Path) -> list[Path]:
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check_only = "--check" in args
    root = Path(__file__).resolve().parent.parent
    stale = []
    for path in documentation_files(root):
        text = path.read_text(encoding="utf-8")
        new = refresh(text)
        if new != text:
            stale.append(path.relative_to(root))
            if not check_only:
                path.write_text(new, encoding="utf-8")
    verb = "stale" if check_only else "rewritten"
    for path in stale:
        print(f"{path}: {verb}")
    return 1 if stale and check_only else 0


if __name__ == "__main__":
    sys.exit(main())
