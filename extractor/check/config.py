"""Configuration of ``thaiplan check``: switch rules off, on, or re-grade them,
for all documents, per document type, or per project / file.

Read from ``[tool.thaiplan.check]`` of the nearest ``pyproject.toml`` (the
current folder or a parent), or from a file given with ``--config`` (a
``pyproject.toml``, or a TOML file holding the same keys under ``[check]``).
The keys, an example and the order in which levels are decided: docs/check.md
("Configuration"), whose example tests/test_check.py loads.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Project
from ..ruleset import RuleSet
from .registry import DOCUMENT_TYPES, LEVELS, OFF, Catalog, catalog_of
from .text import arabic, compact


class ConfigError(Exception):
    def __init__(self, path: str | None, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


_TABLE_KEYS = {"disable", "enable", "severity"}
_TOP_KEYS = _TABLE_KEYS | {"document_types", "override"}
_OVERRIDE_KEYS = _TABLE_KEYS | {"projects", "files", "document_types"}


@dataclass
class Levels:
    """Rule id → level, and ids switched on at their default severity."""

    levels: dict[str, str] = field(default_factory=dict)
    enabled: set[str] = field(default_factory=set)

    def apply(self, rule_id: str, current: str, default: str) -> str:
        if rule_id in self.levels:
            return self.levels[rule_id]
        if rule_id in self.enabled and current == OFF:
            return default
        return current


@dataclass
class Override:
    levels: Levels
    projects: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    document_types: list[str] = field(default_factory=list)

    def matches_file(self, path: str | None, document_type: str) -> bool:
        if self.document_types and document_type not in self.document_types:
            return False
        if self.files:
            if path is None:
                return False
            p = path.replace(os.sep, "/")
            if not any(fnmatch.fnmatch(p, g) or fnmatch.fnmatch(os.path.basename(p), g) for g in self.files):
                return False
        return True

    def matches_project(self, project: Project | None) -> bool:
        if not self.projects:
            return True
        if project is None:
            return False
        number = arabic(project.number or "")
        name = compact(project.name)
        for sel in self.projects:
            s = arabic(sel.strip())
            if s == project.id or (number and s.rstrip(".") == number) or (len(compact(s)) >= 3 and compact(s) in name):
                return True
        return False


@dataclass
class CheckConfig:
    source: str | None = None  # the file it came from, for messages
    base: Levels = field(default_factory=Levels)
    by_type: dict[str, Levels] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    # The rule catalog the ids were checked against (None: the shipped rules').
    catalog: Catalog | None = None

    def _catalog(self, catalog: Catalog | None) -> Catalog:
        return catalog or self.catalog or catalog_of()

    def level(self, rule_id: str, document_type: str, path: str | None = None,
              project: Project | None = None, catalog: Catalog | None = None) -> str:
        rule = self._catalog(catalog).rule(rule_id)
        default = rule.severity
        level = rule.default_for(document_type)
        level = self.base.apply(rule_id, level, default)
        if document_type in self.by_type:
            level = self.by_type[document_type].apply(rule_id, level, default)
        for o in self.overrides:
            if o.matches_file(path, document_type) and o.matches_project(project):
                level = o.levels.apply(rule_id, level, default)
        return level

    def possibly_on(self, document_type: str, path: str | None = None, catalog: Catalog | None = None) -> set[str]:
        """Rules that are on for this document or for at least one of its projects."""
        rules = self._catalog(catalog).rules
        out = set()
        for rule_id, rule in rules.items():
            level = self.level(rule_id, document_type, path, None, catalog)
            if level != OFF:
                out.add(rule_id)
                continue
            for o in self.overrides:
                if o.projects and o.matches_file(path, document_type) and \
                        o.levels.apply(rule_id, OFF, rule.severity) != OFF:
                    out.add(rule_id)
                    break
        return out


def _ids(value: Any, where: str, source: str | None, catalog: Catalog) -> list[str]:
    """Rule ids (families expanded) from a list of ids/families."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(source, f"{where}: expected a list of rule ids")
    out: list[str] = []
    for v in value:
        if v in catalog.rules:
            out.append(v)
        elif v in catalog.families:
            out += catalog.families[v]
        else:
            raise ConfigError(source, f"{where}: unknown rule {v!r} (see `thaiplan check --list-rules`)")
    return out


def _levels(table: dict[str, Any], where: str, source: str | None, catalog: Catalog) -> Levels:
    out = Levels()
    if "enable" in table:
        out.enabled.update(_ids(table["enable"], f"{where}.enable", source, catalog))
    for rule_id in _ids(table.get("disable", []), f"{where}.disable", source, catalog):
        out.levels[rule_id] = OFF
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(source, f"{where}.severity: expected a table of rule = level")
    for key, level in severity.items():
        if level not in LEVELS:
            raise ConfigError(source, f"{where}.severity.{key}: {level!r} is not one of {', '.join(LEVELS)}")
        for rule_id in _ids([key], f"{where}.severity", source, catalog):
            out.levels[rule_id] = level
    return out


def _strings(value: Any, where: str, source: str | None) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ConfigError(source, f"{where}: expected a list of strings")
    return [str(v) for v in value]


def _types(value: Any, where: str, source: str | None) -> list[str]:
    types = _strings(value, where, source)
    for t in types:
        if t not in DOCUMENT_TYPES:
            raise ConfigError(source, f"{where}: unknown document type {t!r} ({', '.join(DOCUMENT_TYPES)})")
    return types


def parse_config(data: dict[str, Any], source: str | None = None, where: str = "check",
                 rules: RuleSet | None = None) -> CheckConfig:
    """A CheckConfig from the contents of ``[tool.thaiplan.check]``; rule ids and
    families are those of ``rules`` (default: the shipped rules)."""
    catalog = catalog_of(rules)
    if not isinstance(data, dict):
        raise ConfigError(source, f"[{where}]: expected a table")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ConfigError(source, f"[{where}]: unknown key {sorted(unknown)[0]!r} "
                                  f"(allowed: {', '.join(sorted(_TOP_KEYS))})")
    cfg = CheckConfig(source=source, base=_levels(data, f"[{where}]", source, catalog), catalog=catalog)
    types = data.get("document_types", {})
    if not isinstance(types, dict):
        raise ConfigError(source, f"[{where}.document_types]: expected a table")
    for t, table in types.items():
        _types([t], f"[{where}.document_types]", source)
        if not isinstance(table, dict) or set(table) - _TABLE_KEYS:
            raise ConfigError(source, f"[{where}.document_types.{t}]: allowed keys are {', '.join(sorted(_TABLE_KEYS))}")
        cfg.by_type[t] = _levels(table, f"[{where}.document_types.{t}]", source, catalog)
    overrides = data.get("override", [])
    if not isinstance(overrides, list):
        raise ConfigError(source, f"[[{where}.override]]: expected an array of tables")
    for k, table in enumerate(overrides, start=1):
        at = f"[[{where}.override]] #{k}"
        if not isinstance(table, dict):
            raise ConfigError(source, f"{at}: expected a table")
        unknown = set(table) - _OVERRIDE_KEYS
        if unknown:
            raise ConfigError(source, f"{at}: unknown key {sorted(unknown)[0]!r} "
                                      f"(allowed: {', '.join(sorted(_OVERRIDE_KEYS))})")
        cfg.overrides.append(Override(
            _levels(table, at, source, catalog),
            projects=_strings(table.get("projects", []), f"{at}.projects", source),
            files=_strings(table.get("files", []), f"{at}.files", source),
            document_types=_types(table.get("document_types", []), f"{at}.document_types", source),
        ))
    return cfg


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(str(path), "config file not found") from None
    except IsADirectoryError:
        raise ConfigError(str(path), "is a directory, not a config file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(str(path), f"not valid TOML: {err}") from None
    except OSError as err:
        raise ConfigError(str(path), err.strerror or str(err)) from None


def load_config(path: str | os.PathLike[str] | None = None, start: str | os.PathLike[str] | None = None,
                rules: RuleSet | None = None) -> CheckConfig:
    """The configuration from ``path`` (``--config``), else from the nearest
    ``pyproject.toml`` above ``start`` (default: the current folder), else defaults.
    Rule ids and families are those of ``rules`` (default: the shipped rules)."""
    if path is not None:
        p = Path(path)
        data = _read_toml(p)
        if "tool" in data:
            section = data.get("tool", {}).get("thaiplan", {})
            return parse_config(section.get("check", {}), str(p), "tool.thaiplan.check", rules)
        if "check" not in data and data and set(data) <= _TOP_KEYS:
            return parse_config(data, str(p), "check", rules)  # the keys at the top level
        return parse_config(data.get("check", {}), str(p), "check", rules)
    catalog = catalog_of(rules)
    found = find_pyproject(Path(start) if start else Path.cwd())
    if found is None:
        return CheckConfig(catalog=catalog)
    data = _read_toml(found)
    section = data.get("tool", {}).get("thaiplan", {})
    if "check" not in section:
        return CheckConfig(source=str(found), catalog=catalog)
    return parse_config(section["check"], str(found), "tool.thaiplan.check", rules)


def find_pyproject(start: Path) -> Path | None:
    """The first pyproject.toml in ``start`` or above it."""
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None
