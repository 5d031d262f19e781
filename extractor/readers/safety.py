"""What every reader shares to stay safe on hostile input: limits, warnings, valid text.

* **Limits.**  Each limit is a module constant (documented in docs/formats.md).
  The ones a user may legitimately need to raise can be set in the
  environment: :func:`limit` reads ``THAIPLAN_<NAME>`` (a positive whole
  number) at the time of the call, so a test or a batch can change it.
* **Warnings.**  A reader that reads a damaged file anyway (e.g. a few bad
  bytes in a text file) says so with :func:`warn`: one line on standard error
  (``thaiplan: warning: FILE: …``) through the ``thaiplan`` logger, so a
  program using the library can silence or collect them with ``logging``.
* **Valid text.**  :func:`valid_text` replaces anything that cannot be written
  as UTF-8 (lone UTF-16 surrogates, from a broken PDF font map, say) with
  U+FFFD, one character for one, so offsets do not move.
"""

from __future__ import annotations

import logging
import os
import re

from ..errors import InputError

#: Where the limits are explained (said in every refusal).
DOCS = "see docs/formats.md"

logger = logging.getLogger("thaiplan")

_SURROGATE = re.compile("[\ud800-\udfff]")


def limit(name: str, default: int) -> int:
    """The limit ``name`` (e.g. ``"MAX_PAGES"``): ``THAIPLAN_MAX_PAGES`` from the
    environment when set, else ``default``.

    >>> limit("MAX_SOMETHING_UNSET", 7)
    7
    """
    raw = os.environ.get(f"THAIPLAN_{name}", "").strip()
    if not raw:
        return default
    value = raw.replace("_", "").replace(",", "")
    if not value.isdecimal() or len(value) > 15 or int(value) <= 0:
        raise InputError(None, f"THAIPLAN_{name}={raw!r} in the environment is not a positive whole number")
    return int(value)


def too_large(path: str | None, what: str) -> InputError:
    """The refusal for a file past a limit: ``what`` says which limit, with its value."""
    return InputError(path, f"the {what}; {DOCS}")


def warn(path: str | None, message: str) -> None:
    """Tell the user something about a file that was read anyway."""
    logger.warning("thaiplan: warning: %s", f"{path}: {message}" if path else message)


def valid_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (same length).

    >>> valid_text("a\\ud83db") == "a\\ufffdb"
    True
    """
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


def has_invalid(text: str) -> bool:
    return _SURROGATE.search(text) is not None
