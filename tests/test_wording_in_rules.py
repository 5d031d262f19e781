"""Thai wording lives in rules/, not in the extractor's code: a new office's
vocabulary must be a rules change.  String literals (docstrings aside) may hold
Thai characters only as character classes or single letters (script repair,
digit ranges); a Thai word in code is a defect.  The scorer (evaluate.py)
implements GOLD.md's comparison, which names the project word itself."""

from __future__ import annotations

import ast
from pathlib import Path

import regex

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"
SCORER = {"evaluate.py"}
# What the export columns mean, for docs/exports.md: Thai examples of printed values, read by people,
# never matched against a document.
DOCUMENTATION = {"columns.py"}
_CLASS = regex.compile(r"\[(?:\\.|[^\]])*\]")
_WORD = regex.compile(r"[\u0e01-\u0e2e][\u0e30-\u0e4e]*[\u0e01-\u0e2e]")


def thai_words(source: str) -> list[tuple[int, str]]:
    """(line, literal) of string literals outside docstrings that hold a Thai word."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and _WORD.search(_CLASS.sub("", node.value))]


def test_the_scan_finds_a_word_and_passes_classes_and_docstrings():
    code = 'def f():\n    """โครงการ in a docstring"""\n    a = "[ก-ฮ]+"\n    return "โครงการ" + a\n'
    assert thai_words(code) == [(4, "โครงการ")]


def test_no_thai_words_in_extractor_code():
    found = [f"{path.relative_to(PACKAGE)}:{line}: {text[:40]!r}"
             for path in sorted(PACKAGE.rglob("*.py")) if path.name not in SCORER | DOCUMENTATION
             for line, text in thai_words(path.read_text(encoding="utf-8"))]
    assert found == []
