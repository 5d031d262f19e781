"""The rules: every word and threshold the extractor uses, as one validated object.

``rules/*.toml`` (shipped inside the package as ``extractor.rules``) are read
once into a :class:`RuleSet`, checked against ``extractor/schema/rules.schema.json``,
and passed to ``extract(…, rules=…)`` and on to every stage.  A user folder
(``thaiplan --rules DIR``) is layered on top of the shipped rules: its lists
extend the shipped lists, its scalars replace them, and entries of
``[[field]]`` / ``[[column]]`` / ``[[type]]`` with the same ``name``/``role``
extend the shipped entry.  A rules file that is not valid TOML, or a key that
is unknown or of the wrong type, raises :class:`RulesError` naming the file and
the key.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from .vocab import fold

__all__ = ["RuleSet", "RulesError", "FieldLabel", "ColumnRule", "load_rules", "default_rules", "fold"]

FILES = ("labels", "columns", "projects", "values", "marks", "document", "months", "tuning", "checks")
_KEYED = {"field": "name", "column": "role", "type": "name"}


class RulesError(Exception):
    """A rules file cannot be used (exit code 2 on the command line)."""

    def __init__(self, path: str, key: str | None, problem: str):
        self.path, self.key, self.problem = path, key, problem
        where = f"{path}: {key}: " if key else f"{path}: "
        super().__init__(where + problem)


def shipped_dir() -> Path:
    try:
        return Path(str(resources.files("extractor.rules")))
    except ModuleNotFoundError:  # a source tree that is not installed
        return Path(__file__).resolve().parent.parent / "rules"


def _by_length(pairs: list[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    """Folded (word, value) pairs, longest word first, duplicates dropped."""
    seen: dict[str, Any] = {}
    for word, value in pairs:
        key = fold(word)
        if key and key not in seen:
            seen[key] = value
    return tuple(sorted(seen.items(), key=lambda kv: -len(kv[0])))


def _words(words: list[str]) -> tuple[tuple[str, str], ...]:
    return _by_length([(w, w) for w in words])


@dataclass(frozen=True)
class FieldLabel:
    name: str
    inline: bool
    items: bool
    secondary: bool
    glued: bool = False  # the value may follow the label with no separator ("ชื่อโครงการพัฒนา…")


@dataclass(frozen=True)
class ColumnRule:
    role: str
    labels: tuple[str, ...]  # folded
    exact: bool


@dataclass(frozen=True)
class RuleSet:
    """All rule data, read-only.  Build it with :func:`load_rules`."""

    data: Mapping[str, Any]
    sources: tuple[str, ...] = ()
    labels: tuple[tuple[str, FieldLabel], ...] = field(init=False)
    secondary_labels: tuple[tuple[str, FieldLabel], ...] = field(init=False)
    kinds: tuple[tuple[str, str], ...] = field(init=False)
    kind_prefixes: tuple[tuple[str, str], ...] = field(init=False)
    columns: tuple[ColumnRule, ...] = field(init=False)
    project_words: tuple[tuple[str, str], ...] = field(init=False)

    def __post_init__(self) -> None:
        d = self.data
        labels = []
        for f in d["labels"]["field"]:
            spec = FieldLabel(f["name"], f.get("inline", False), f.get("items", True), f.get("secondary", False),
                              f.get("glued", False))
            labels += [(v, spec) for v in f["variants"]]
        set_ = object.__setattr__
        set_(self, "labels", _by_length(labels))
        set_(self, "secondary_labels", tuple(x for x in self.labels if x[1].secondary))
        kinds = d["labels"]["kinds"]
        set_(self, "kinds", _by_length([(w, "output") for w in kinds["output"]]
                                       + [(w, "outcome") for w in kinds["outcome"]]))
        set_(self, "kind_prefixes", _words(kinds.get("prefixes", [])))
        set_(self, "columns", tuple(ColumnRule(c["role"], tuple(fold(x) for x in c["labels"]), c.get("exact", False))
                                    for c in d["columns"]["column"]))
        set_(self, "project_words", _words(d["projects"]["project_words"]))

    # ------------------------------------------------------------- accessors
    def __getitem__(self, name: str) -> Any:
        return self.data[name]

    def words_of(self, section: str, key: str) -> tuple[tuple[str, str], ...]:
        """A word list of a rules file as folded (word, word) pairs, longest first."""
        return _cached_words(self, section, key)

    def kind_name(self, field_name: str, kind: str | None) -> str | None:
        if kind is None:
            return None
        return self.data["labels"]["kind_names"].get(field_name, {}).get(kind)

    def tune(self, key: str) -> Any:
        return self.data["tuning"][key]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.data.get("words", ()))

    @property
    def digest(self) -> str:
        """A short fingerprint of the rule data (a batch redoes documents when it changes)."""
        import hashlib

        blob = json.dumps(self.data, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:16]

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


@lru_cache(maxsize=256)
def _cached_words(rules: RuleSet, section: str, key: str) -> tuple[tuple[str, str], ...]:
    value: Any = rules.data[section]
    for part in key.split("."):
        value = value[part]
    return _words(list(value))


# ---------------------------------------------------------------- loading

def _read_folder(folder: Path, required: bool) -> tuple[dict[str, Any], list[str]]:
    data: dict[str, Any] = {}
    read: list[str] = []
    for name in FILES:
        path = folder / f"{name}.toml"
        if not path.exists():
            if required:
                raise RulesError(str(path), None, "rules file missing from the installation")
            continue
        try:
            with path.open("rb") as fh:
                data[name] = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(str(path), None, f"not valid TOML: {exc}") from None
        except UnicodeDecodeError as exc:
            raise RulesError(str(path), None, f"not valid TOML: not UTF-8 text (byte {exc.start})") from None
        except OSError as exc:
            raise RulesError(str(path), None, f"cannot be read ({exc.strerror or exc})") from None
        read.append(str(path))
    unknown = sorted(p.name for p in folder.glob("*.toml") if p.stem not in FILES)
    if unknown and not required:
        raise RulesError(str(folder / unknown[0]), None,
                         f"unknown rules file (known: {', '.join(f + '.toml' for f in FILES)})")
    words = folder / "words.txt"
    if words.exists():
        try:
            lines = words.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as exc:
            raise RulesError(str(words), None, f"not UTF-8 text (byte {exc.start})") from None
        except OSError as exc:
            raise RulesError(str(words), None, f"cannot be read ({exc.strerror or exc})") from None
        data["words"] = [w.strip() for w in lines if w.strip() and not w.startswith("#")]
        read.append(str(words))
    return data, read


def _merge(base: Any, extra: Any, key: str | None = None) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, value in extra.items():
            out[k] = _merge(base[k], value, k) if k in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        id_key = _KEYED.get(key or "")
        if id_key:
            out_list = list(base)
            for entry in extra:
                at = next((i for i, b in enumerate(out_list)
                           if isinstance(entry, dict) and b.get(id_key) == entry.get(id_key)), None)
                if at is None:
                    out_list.append(entry)
                else:
                    out_list[at] = _merge(out_list[at], entry)
            return out_list
        return base + [x for x in extra if x not in base]
    return extra


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    text = resources.files("extractor.schema").joinpath("rules.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _key_path(path: list[Any]) -> str | None:
    """["field", 0, "variant"] → "field[0].variant"."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or None


def _validate(data: dict[str, Any], folder: Path, partial: bool = False) -> None:
    """Check rule data against the schema.  ``partial``: a user folder's own files, which
    may leave out any key (the shipped files supply it; the merged data is checked whole)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(_schema())
    errors = [e for e in validator.iter_errors(data) if not (partial and e.validator == "required")]
    errors.sort(key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return
    err = errors[0]
    path = list(err.absolute_path)
    file = str(path[0]) if path else "rules"
    suffix = ".txt" if file == "words" else ".toml"
    problem = err.message
    if err.validator == "additionalProperties":
        problem = f"unknown key ({err.message})"
    raise RulesError(str(folder / (file + suffix)), _key_path(path[1:]), problem)


def load_rules(user_dir: str | Path | None = None) -> RuleSet:
    """The shipped rules, with a user folder layered on top when given."""
    if user_dir is None:
        return default_rules()
    folder = Path(user_dir)
    if not folder.is_dir():
        raise RulesError(str(folder), None, "rules folder not found" if not folder.exists() else "not a folder")
    base, base_read = _read_folder(shipped_dir(), required=True)
    try:
        extra, extra_read = _read_folder(folder, required=False)
    except OSError as exc:  # the folder itself cannot be listed or looked into
        raise RulesError(str(exc.filename or folder), None, f"cannot be read ({exc.strerror or exc})") from None
    _validate(extra, folder, partial=True)
    data = _merge(base, extra)
    _validate(data, folder)
    return RuleSet(data, tuple(base_read + extra_read))


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The shipped rules (read and validated once per process; they never change)."""
    data, read = _read_folder(shipped_dir(), required=True)
    _validate(data, shipped_dir())
    return RuleSet(data, tuple(read))
