"""Where an external program is (Tesseract for OCR, LibreOffice for .doc): on PATH, or on
Windows in the folder its installer uses — the usual installers do not add it to PATH,
and an office's plan writer should not have to."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

IS_WINDOWS = os.name == "nt"
#: Program → its folders under a Windows programs folder (machine-wide or per-user installs).
WINDOWS_FOLDERS: dict[str, tuple[str, ...]] = {
    "tesseract": ("Tesseract-OCR", "Programs/Tesseract-OCR"),
    "soffice": ("LibreOffice/program", "Programs/LibreOffice/program"),
}
_PROGRAM_ROOTS = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA")


def find_program(name: str, *aliases: str) -> str | None:
    """The program's path: the first of ``name`` and ``aliases`` on PATH, else (Windows) its
    installer's folder, else None."""
    for command in (name, *aliases):
        found = shutil.which(command)
        if found:
            return found
    if not IS_WINDOWS:
        return None
    roots = [os.environ[key] for key in _PROGRAM_ROOTS if os.environ.get(key)]
    for root in roots:
        for folder in WINDOWS_FOLDERS.get(name, ()):
            candidate = Path(root, folder, f"{name}.exe")
            if candidate.is_file():
                return str(candidate)
    return None
