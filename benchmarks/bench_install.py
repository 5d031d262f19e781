"""Install size and time: the core install and each extra, each into a fresh virtualenv.

Size = what the install adds to an empty virtualenv's site-packages (pip and
setuptools, there before, are not counted).  Goal: the core install (what
``extract`` and ``check`` need) under 300 MB.

    python benchmarks/bench_install.py                  # core only
    python benchmarks/bench_install.py core ocr parquet docbin ray all
    python benchmarks/bench_install.py --measure .venv  # size of an existing virtualenv

``.ci/run`` prints the ``--measure`` line for the virtualenv the README's
install command has just made, before the test tools are added.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_CORE_MB = 300
# There before anything is installed (and their metadata): not the install's size.
BASELINE = ("pip", "setuptools", "_distutils_hack", "pkg_resources", "distutils-precedence.pth")


def site_packages(env: Path) -> Path:
    found = sorted(env.glob("lib/python3*/site-packages")) or sorted(env.glob("Lib/site-packages"))
    if not found:
        raise SystemExit(f"{env}: no site-packages folder (not a virtualenv?)")
    return found[0]


def megabytes(folder: Path) -> float:
    """Bytes of the files under site-packages, without the empty virtualenv's own packages."""
    total = 0
    for entry in folder.iterdir():
        name = entry.name.lower()
        if any(name == b or name.startswith(b + "-") for b in BASELINE):
            continue
        files = [entry] if entry.is_file() else (p for p in entry.rglob("*") if p.is_file() and not p.is_symlink())
        total += sum(p.stat().st_size for p in files)
    return total / 1e6


# What a pip install of the project reads: copied, so that the build leaves nothing in the checkout.
SOURCES = ("pyproject.toml", "README.md", "extractor", "rules")


def install(extra: str) -> tuple[float, float]:
    """(MB, seconds) of ``pip install <project>[extra]`` into a fresh virtualenv."""
    with tempfile.TemporaryDirectory(prefix="thaiplan-install-") as tmp:
        source = Path(tmp) / "thaiplan"
        source.mkdir()
        for name in SOURCES:
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(ROOT / name, source / name)
        target = str(source) if extra == "core" else f"{source}[{extra}]"
        env = Path(tmp) / "venv"
        venv.create(env, with_pip=True)
        python = env / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        start = time.perf_counter()
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", target],
                       check=True)
        seconds = time.perf_counter() - start
        return megabytes(site_packages(env)), seconds


def main(argv: list[str]) -> int:
    if argv[:1] == ["--measure"]:
        env = Path(argv[1] if len(argv) > 1 else ".venv")
        size = megabytes(site_packages(env))
        print(f"installed packages in {env}: {size:.0f} MB (core goal < {GOAL_CORE_MB} MB)")
        return 0
    for extra in argv or ["core"]:
        size, seconds = install(extra)
        goal = f"  (goal < {GOAL_CORE_MB} MB: {'met' if size < GOAL_CORE_MB else 'NOT met'})" if extra == "core" else ""
        print(f"{extra:>8}: {size:6.0f} MB in {seconds:5.1f} s{goal}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
