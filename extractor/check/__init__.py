"""Quality checks for plans: ``thaiplan check``.

>>> from extractor import extract
>>> from extractor.check import run_checks
>>> from extractor.ruleset import default_rules
>>> rules = default_rules()
>>> doc = extract("corpora/seeds/001_2582665ac4639523.txt", rules=rules)   # doctest: +SKIP
>>> for f in run_checks(doc, rules=rules):                                 # doctest: +SKIP
...     print(f.span.line, f.severity, f.rule, f.message_en)

The checks read only the finished :class:`~extractor.model.Document` and the
:class:`~extractor.ruleset.RuleSet`.  One module per rule family (``budget``,
``words``, ``consistency``, ``indicators``, ``completeness``, ``period``,
``naming``), each registering its checkers in ``registry``; what is said
about each rule (family, severity, defaults per document type, summaries,
Thai and English messages) and the words the checks look for are rule data,
``rules/checks.toml``.  ``config`` reads ``[tool.thaiplan.check]``;
``runner`` grades, words and orders the findings.
The full rule list: ``thaiplan check --list-rules``, or docs/check.md.
"""

from .config import CheckConfig, ConfigError, load_config, parse_config
from .registry import Catalog, Rule, all_rules, catalog_of
from .runner import FileResult, check_file, counts, run_checks

__all__ = ["run_checks", "check_file", "counts", "FileResult", "CheckConfig", "ConfigError",
           "load_config", "parse_config", "Catalog", "Rule", "all_rules", "catalog_of"]
