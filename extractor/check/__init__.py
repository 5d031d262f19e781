"""Quality checks for plans: ``thaiplan check``.

>>> from extractor import extract
>>> from extractor.check import run_checks
>>> doc = extract("corpora/seeds/001_2582665ac4639523.txt")      # doctest: +SKIP
>>> for f in run_checks(doc):                                     # doctest: +SKIP
...     print(f.span.line, f.severity, f.rule, f.message_en)

One module per rule family (``budget``, ``words``, ``consistency``,
``indicators``, ``completeness``, ``period``, ``naming``), each registering
its rules and checkers in ``registry``; ``config`` reads
``[tool.thaiplan.check]``; ``runner`` grades and orders the findings.
The full rule list: ``thaiplan check --list-rules`` or docs/check.md.
"""

from .config import CheckConfig, ConfigError, load_config, parse_config
from .registry import RULES, Rule, all_rules
from .runner import FileResult, check_file, counts, run_checks

__all__ = ["run_checks", "check_file", "counts", "FileResult", "CheckConfig", "ConfigError",
           "load_config", "parse_config", "RULES", "Rule", "all_rules"]
