"""The output contract as a JSON Schema (draft 2020-12), and a validator for it.

``document.schema.json`` is package data, loaded with :mod:`importlib.resources`
so it works from a source tree, an editable install and a wheel alike.  The
validator is built once and cached: validating many documents in a batch must
not re-parse and re-check the schema each time.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

SCHEMA_FILE = "document.schema.json"
MAX_REPORTED = 5

__all__ = ["SchemaError", "load_schema", "validator", "validate", "problems"]


class SchemaError(ValueError):
    """A document does not match the schema; ``problems`` holds ``(json_path, message)`` pairs."""

    def __init__(self, problems: list[tuple[str, str]], total: int):
        self.problems = problems
        self.total = total
        lines = [f"  {path}: {message}" for path, message in problems]
        if total > len(problems):
            lines.append(f"  … and {total - len(problems)} more")
        noun = "problem" if total == 1 else "problems"
        super().__init__(f"document does not match {SCHEMA_FILE} ({total} {noun}):\n" + "\n".join(lines))


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """A fresh copy of the schema as a dict (callers may modify it safely)."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    """The cached validator; the schema itself is checked once, here."""
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate(doc: dict[str, Any]) -> None:
    """Raise :class:`SchemaError` naming the JSON path of the first problems, if any."""
    found = problems(doc)
    if found:
        raise SchemaError(found[:MAX_REPORTED], len(found))


def problems(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """All ``(json_path, message)`` problems, in document order; [] when valid."""
    found = [leaf for error in validator().iter_errors(doc) for leaf in _leaves(error)]
    found.sort(key=_path_key)
    return [(error.json_path, _message(error)) for error in found]


def _path_key(error: ValidationError) -> list[tuple[int, int, str]]:
    """Sort key giving document order: list indexes numerically, keys by name."""
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path]


def _leaves(error: ValidationError) -> list[ValidationError]:
    """Replace an ``anyOf`` failure (how nullable objects are written) by its real causes.

    A bare "is not valid under any of the given schemas" says nothing useful.
    When a branch's type fitted (an object given where null-or-object is
    allowed), that branch's errors are the causes; when every branch failed
    only on its type, the error stays and :func:`_message` names the types.
    """
    if not error.context:
        return [error]
    branches: dict[object, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [errs for errs in branches.values() if not _wrong_type_only(errs)]
    if not fitting:
        return [error]
    return [leaf for sub in fitting[0] for leaf in _leaves(sub)]


def _wrong_type_only(errors: list[ValidationError]) -> bool:
    return len(errors) == 1 and errors[0].validator == "type" and not errors[0].relative_path


def _message(error: ValidationError) -> str:
    if not error.context:
        return error.message
    types: list[str] = []
    for sub in error.context:
        value = sub.validator_value
        types.extend(value if isinstance(value, list) else [value])
    return f"{error.instance!r} is not of type {', '.join(map(repr, types))}"
