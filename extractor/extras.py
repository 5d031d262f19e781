"""Optional parts of thaiplan (the extras of pyproject.toml): import one, or say in one line which to install.

The core install is what ``extract`` and ``check`` need; a feature that needs
a heavy package imports it through :func:`require`, which turns its absence
into a :class:`MissingExtra` (exit code 2, one line) instead of a traceback.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from .errors import InputError


@dataclass(frozen=True)
class Extra:
    name: str  # the extra in pyproject.toml
    module: str  # the module it provides, as imported
    feature: str  # what needs it, as the message names it
    package: str = ""  # the package as the message names it (default: the module)


PARQUET = Extra("parquet", "pyarrow", "the Parquet export")
DOCBIN = Extra("docbin", "spacy", "the DocBin export", package="spaCy")
RAY = Extra("ray", "ray", "the Ray engine (--engine ray)", package="Ray")


def install_command(extra: str) -> str:
    """How to add an extra: thaiplan is installed from its folder (it is not on PyPI, where
    ``pip install thaiplan[…]`` could fetch somebody else's package)."""
    return f"in the thaiplan folder, pip install -e '.[{extra}]'"


class MissingExtra(InputError):
    """A feature's optional extra is not installed (exit code 2 on the command line)."""

    def __init__(self, extra: Extra):
        self.extra = extra
        super().__init__(None, f"{extra.feature} needs {extra.package or extra.module}, "
                               f"the [{extra.name}] extra: {install_command(extra.name)}")


def require(extra: Extra) -> ModuleType:
    """The extra's module; raises MissingExtra when it cannot be imported."""
    try:
        return importlib.import_module(extra.module)
    except ImportError:
        raise MissingExtra(extra) from None
