"""External programs are found on PATH, and on Windows in their installers' folders too."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.readers import programs


def _installed(root: Path, folder: str, name: str) -> Path:
    exe = root / folder / f"{name}.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"MZ")
    return exe


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setattr(programs, "IS_WINDOWS", True)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for key in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA"):
        monkeypatch.delenv(key, raising=False)
    return tmp_path


def test_tesseract_is_found_in_program_files_without_path(windows: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = _installed(windows / "Program Files", "Tesseract-OCR", "tesseract")
    monkeypatch.setenv("ProgramFiles", str(windows / "Program Files"))
    assert programs.find_program("tesseract") == str(exe)


def test_a_per_user_libreoffice_is_found(windows: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = _installed(windows / "AppData" / "Local", "Programs/LibreOffice/program", "soffice")
    monkeypatch.setenv("LOCALAPPDATA", str(windows / "AppData" / "Local"))
    assert programs.find_program("soffice", "libreoffice") == str(exe)


def test_nothing_installed_is_none(windows: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ProgramFiles", str(windows / "Program Files"))
    assert programs.find_program("tesseract") is None


def test_elsewhere_only_path_counts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(programs, "IS_WINDOWS", False)
    monkeypatch.setenv("PATH", str(tmp_path))
    _installed(tmp_path / "Program Files", "Tesseract-OCR", "tesseract")
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert programs.find_program("tesseract") is None
    tool = tmp_path / "tesseract"
    tool.write_text("#!/bin/sh\n")
    tool.chmod(0o755)
    assert programs.find_program("tesseract") == str(tool)
