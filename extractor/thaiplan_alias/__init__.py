"""``import thaiplan`` — the documented name of the package whose code lives in extractor/.

The directory keeps its name (extractor/, the project's layout); this package is
installed as ``thaiplan`` (pyproject.toml, package-dir) and makes every module
importable under both names as *the same object*: ``thaiplan.batch is
extractor.batch``, so a class or exception compares equal whichever name a
caller used, and nothing is loaded twice.

>>> import thaiplan, thaiplan.batch, extractor.batch
>>> thaiplan.batch is extractor.batch and thaiplan.extract is extractor.extract
True
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys

from extractor import *  # noqa: F401,F403  (the public API, under this name)
from extractor import __all__, __version__  # noqa: F401

_ALIAS, _REAL = "thaiplan.", "extractor."


class _SameModule(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``thaiplan.X`` as the already-importable ``extractor.X`` module itself."""

    def __init__(self) -> None:
        self._own_specs: dict[str, importlib.machinery.ModuleSpec] = {}  # real name → its spec

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith(_ALIAS):
            return None
        real = importlib.util.find_spec(_REAL + fullname[len(_ALIAS):])
        if real is None:
            return None
        return importlib.util.spec_from_loader(
            fullname, self, origin=real.origin, is_package=real.submodule_search_locations is not None
        )

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> object:
        module = importlib.import_module(_REAL + spec.name[len(_ALIAS):])
        self._own_specs[module.__name__] = module.__spec__
        return module

    def exec_module(self, module: object) -> None:
        # The import system has just given the module the alias spec: its own spec goes back.
        module.__spec__ = self._own_specs.pop(module.__name__)  # type: ignore[attr-defined]

    def get_code(self, fullname: str) -> object:
        """For ``python -m thaiplan.X``: the real module's code, run as __main__."""
        real = importlib.util.find_spec(_REAL + fullname[len(_ALIAS):])
        return real.loader.get_code(real.name)  # type: ignore[union-attr]


if not any(isinstance(finder, _SameModule) for finder in sys.meta_path):
    sys.meta_path.insert(0, _SameModule())
