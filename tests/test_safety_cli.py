"""Safety of the command line (issue 9): what -o may write over, file names that are
not files, output errors, URLs, foreign JSON given to export, broken rules folders.

Every input is made here (tmp_path files, FIFOs, device nodes when running as
root, symlinks); full and read-only file systems are simulated.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import extract
from extractor.cli import main
from extractor.errors import InputError, OutputError

PLAN = """แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. 2567
โรงเรียนบ้านทดสอบ

1. โครงการพัฒนาการอ่าน
วัตถุประสงค์
1. เพื่อพัฒนาทักษะการอ่านของนักเรียน
ตัวชี้วัด
1. นักเรียนร้อยละ 80 อ่านคล่อง
งบประมาณ 10,000 บาท
ผู้รับผิดชอบ นางสาวทดสอบ ใจดี
"""

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
as_root = pytest.mark.skipif(not ROOT, reason="device nodes need root (os.mknod)")


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def cli(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def one_line_error(result, code: int, *needles: str) -> str:
    """The run failed with ``code`` and exactly one line on standard error naming ``needles``."""
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("thaiplan: error: "), lines[0]
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def listing(folder: Path) -> list[str]:
    """Everything under ``folder`` (temporary files included), relative."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def mknod(path: Path, kind: int, major: int, minor: int) -> Path:
    try:
        os.mknod(path, kind | 0o666, os.makedev(major, minor))
    except PermissionError:
        pytest.skip("no permission to create device nodes here")
    return path


def read_fifo_in_background(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    got: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread, got


# ------------------------------------------------------------------ 1. what -o may write over

def test_regular_file_is_replaced_atomically_and_keeps_its_mode(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    result = cli("extract", str(plan), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["projects"][0]["name"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert listing(tmp_path) == ["out.json", "plan.txt"]  # no temporary file left


def test_new_file_in_new_folders(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "out.json"
    assert cli("extract", str(plan), "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"]


@as_root
def test_character_device_is_written_not_replaced(plan: Path, tmp_path: Path) -> None:
    null = mknod(tmp_path / "null", stat.S_IFCHR, 1, 3)  # the same device as /dev/null
    result = cli("extract", str(plan), "-o", str(null))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert listing(tmp_path) == ["null", "plan.txt"]


@as_root
def test_full_device_is_an_output_error(plan: Path, tmp_path: Path) -> None:
    full = mknod(tmp_path / "full", stat.S_IFCHR, 1, 7)  # /dev/full: every write fails with ENOSPC
    one_line_error(cli("extract", str(plan), "-o", str(full)), 3, str(full), "No space left on device")
    assert stat.S_ISCHR(full.lstat().st_mode)


@as_root
def test_block_device_is_refused(plan: Path, tmp_path: Path) -> None:
    block = mknod(tmp_path / "disk", stat.S_IFBLK, 7, 250)
    one_line_error(cli("extract", str(plan), "-o", str(block)), 2, str(block), "block device")
    assert stat.S_ISBLK(block.lstat().st_mode)


def test_fifo_is_written_not_replaced(plan: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread, got = read_fifo_in_background(fifo)
    result = cli("extract", str(plan), "-o", str(fifo), "--compact")
    thread.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(got[0].decode("utf-8"))["projects"][0]["name"]


def test_dash_is_standard_output(plan: Path, tmp_path: Path) -> None:
    result = cli("extract", str(plan), "-o", "-", "--compact")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema_version"]
    assert not (tmp_path / "-").exists() and not Path("-").exists()


@pytest.mark.parametrize("dangling", [False, True])
def test_symlink_is_refused_and_its_target_untouched(plan: Path, tmp_path: Path, dangling: bool) -> None:
    target = tmp_path / "target.json"
    if not dangling:
        target.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    one_line_error(cli("extract", str(plan), "-o", str(link)), 2, str(link), "symbolic link")
    assert link.is_symlink() and os.readlink(link) == str(target)
    if dangling:
        assert not target.exists()
    else:
        assert target.read_text(encoding="utf-8") == "keep"


def test_the_input_is_never_the_output(plan: Path) -> None:
    one_line_error(cli("extract", str(plan), "-o", str(plan)), 2, str(plan), "is the input file")
    assert plan.read_text(encoding="utf-8") == PLAN


def test_directory_and_blank_output_names_are_refused(plan: Path, tmp_path: Path) -> None:
    one_line_error(cli("extract", str(plan), "-o", str(tmp_path)), 2, str(tmp_path), "directory")
    one_line_error(cli("extract", str(plan), "-o", "  "), 2, "'  '", "no output file name")
    new_folder = tmp_path / "new"
    one_line_error(cli("extract", str(plan), "-o", f"{new_folder}/"), 2, "ends with a slash")
    assert not new_folder.exists()


def test_export_refuses_symlinks_for_files_and_folders(tmp_path: Path) -> None:
    outdir = batch_outdir(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", encoding="utf-8")
    jsonl_link = tmp_path / "plans.jsonl"
    jsonl_link.symlink_to(elsewhere / "plans.jsonl")
    one_line_error(cli("export", str(outdir), "--to", "jsonl", "-o", str(jsonl_link)), 2, "symbolic link")
    folder_link = tmp_path / "tables"
    folder_link.symlink_to(elsewhere, target_is_directory=True)
    one_line_error(cli("export", str(outdir), "--to", "csv", "-o", str(folder_link)), 2, "symbolic link")
    one_line_error(cli("export", str(outdir), "--to", "csv", "-o", f"{folder_link}/"), 2, "symbolic link")
    assert listing(elsewhere) == ["keep.txt"]
    # a table file inside the folder that is a link is refused too, and nothing else is written
    tables = tmp_path / "real"
    tables.mkdir()
    (tables / "projects.csv").symlink_to(elsewhere / "keep.txt")
    one_line_error(cli("export", str(outdir), "--to", "csv", "-o", str(tables)), 2, "projects.csv", "symbolic link")
    assert listing(tables) == ["projects.csv"]
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "keep"


def test_export_jsonl_to_fifo_and_stdout(tmp_path: Path) -> None:
    outdir = batch_outdir(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread, got = read_fifo_in_background(fifo)
    assert cli("export", str(outdir), "--to", "jsonl", "-o", str(fifo)).exit_code == 0
    thread.join(10)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [json.loads(line)["doc_path"] for line in got[0].decode("utf-8").splitlines()] == ["a"]
    result = cli("export", str(outdir), "--to", "jsonl", "-o", "-")
    assert result.exit_code == 0 and json.loads(result.stdout)["doc_path"] == "a"
    one_line_error(cli("export", str(outdir), "--to", "csv", "-o", "-"), 2, "give a folder")


# ------------------------------------------------------------------ 2. a path is a path

def test_name_with_a_newline_is_a_file_name(plan: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "plan\nx.txt")
    line = one_line_error(cli("extract", missing, "-o", str(tmp_path / "o.json")), 2, "file not found")
    assert repr(missing) in line  # quoted: the message stays on one line
    assert not (tmp_path / "o.json").exists()
    real = tmp_path / "real\nname.txt"
    real.write_text(PLAN, encoding="utf-8")
    result = cli("extract", str(real))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["chars"] == len(PLAN)  # the file's text, not its name


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_blank_file_names_are_errors(name: str) -> None:
    one_line_error(cli("extract", name), 2, repr(name), "no file name given")
    one_line_error(cli("check", name), 2, "no file name given")


def test_python_api_takes_path_or_text_explicitly(tmp_path: Path) -> None:
    assert extract(text=PLAN).projects
    with pytest.raises(InputError, match="file not found"):
        extract("1. โครงการ\nงบประมาณ 10,000 บาท")  # a positional str is a path, however much it looks like text
    with pytest.raises(InputError, match="cannot be opened .File name too long"):
        extract(PLAN * 10)
    with pytest.raises(InputError, match="NUL"):
        extract("plan\0.txt")
    with pytest.raises(InputError, match="no file name given"):
        extract("  ")
    with pytest.raises(TypeError):
        extract(str(tmp_path / "x.txt"), text=PLAN)
    with pytest.raises(TypeError):
        extract()
    with pytest.raises(TypeError):
        extract(42)  # type: ignore[arg-type]


# ------------------------------------------------------------------ 3. write errors

@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "file system is full"),
                                         (errno.EROFS, "read-only"),
                                         (errno.EACCES, "Permission denied")])
def test_write_errors_are_one_line_exit_3_nothing_left(plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        code: int, words: str) -> None:
    out = tmp_path / "out.json"
    out.write_text("before", encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    # ENOSPC when the data reaches the disk; EROFS and EACCES when the file is created
    monkeypatch.setattr(os, "fsync", fail) if code == errno.ENOSPC else monkeypatch.setattr(tempfile, "mkstemp", fail)
    one_line_error(cli("extract", str(plan), "-o", str(out)), 3, str(out), words)
    assert out.read_text(encoding="utf-8") == "before"
    assert listing(tmp_path) == ["out.json", "plan.txt"]


def test_new_folders_go_when_the_write_fails(plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    one_line_error(cli("extract", str(plan), "-o", str(tmp_path / "new" / "sub" / "o.json")), 3, "o.json")
    assert listing(tmp_path) == ["plan.txt"]


@pytest.mark.skipif(ROOT, reason="root writes into read-only folders")
def test_read_only_folder(plan: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        one_line_error(cli("extract", str(plan), "-o", str(folder / "o.json")), 3, "Permission denied")
    finally:
        folder.chmod(0o700)
    assert listing(folder) == []


@pytest.mark.parametrize("fmt, target", [("jsonl", "plans.jsonl"), ("csv", "tables"), ("parquet", "dataset")])
def test_export_write_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, target: str) -> None:
    outdir = batch_outdir(tmp_path)
    before = listing(tmp_path)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    one_line_error(cli("export", str(outdir), "--to", fmt, "-o", str(tmp_path / target)), 3, target,
                   "No space left on device")
    assert listing(tmp_path) == before


def test_output_error_is_an_oserror_with_the_cause() -> None:
    err = OutputError.from_os_error("out.json", OSError(errno.EROFS, "Read-only file system"))
    assert isinstance(err, OSError) and err.errno == errno.EROFS and err.strerror == "Read-only file system"
    assert str(err) == "out.json: cannot write: Read-only file system (the file system is read-only)"
    assert err.exit_code == 3 and OutputError("x", "refused", refused=True).exit_code == 2


# ------------------------------------------------------------------ 4. URLs

@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_url_is_not_read(command: str) -> None:
    url = "https://example.org/plan.pdf"
    one_line_error(cli(command, url), 2, url, "URL", "download")


# ------------------------------------------------------------------ 5. export of foreign JSON

def batch_outdir(tmp_path: Path, *foreign: object) -> Path:
    """An OUTDIR as `thaiplan batch` makes it: one real document ``a``, then ``foreign`` ones."""
    outdir = tmp_path / "outdir"
    outdir.mkdir()
    (outdir / "a.json").write_text(json.dumps(extract(text=PLAN).to_dict(include_text=True), ensure_ascii=False),
                                   encoding="utf-8")
    for i, value in enumerate(foreign):
        (outdir / f"z{i}.json").write_text(json.dumps(value), encoding="utf-8")
    return outdir


FOREIGN = [{"name": "not ours"}, [1, 2, 3], {"schema_version": "1.0", "projects": "none"},
           {"schema_version": "1.0", "projects": [{"id": 1}]}]


@pytest.mark.parametrize("fmt, target", [("jsonl", "plans.jsonl"), ("csv", "tables"), ("parquet", "dataset"),
                                         ("docbin", "train.spacy")])
@pytest.mark.parametrize("foreign", FOREIGN, ids=["object", "list", "projects-str", "project-fields"])
def test_export_of_foreign_json(tmp_path: Path, fmt: str, target: str, foreign: object) -> None:
    if fmt == "docbin":
        pytest.importorskip("spacy")
    outdir = batch_outdir(tmp_path, foreign)
    before = listing(tmp_path)
    one_line_error(cli("export", str(outdir), "--to", fmt, "-o", str(tmp_path / "new" / target)), 2,
                   str(outdir / "z0.json"), "not a thaiplan document")
    assert listing(tmp_path) == before  # no output, no empty folder


def test_export_into_an_existing_folder_leaves_only_what_was_there(tmp_path: Path) -> None:
    outdir = batch_outdir(tmp_path, {"name": "not ours"})
    tables = tmp_path / "tables"
    tables.mkdir()
    (tables / "projects.csv").write_text("old", encoding="utf-8")
    one_line_error(cli("export", str(outdir), "--to", "csv", "-o", str(tables)), 2, "z0.json")
    assert listing(tables) == ["projects.csv"] and (tables / "projects.csv").read_text() == "old"


# ------------------------------------------------------------------ 6. rules folders

def rules_folder(tmp_path: Path, name: str, content: bytes) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(content)
    return folder


@pytest.mark.parametrize("name, content, needles", [
    ("tuning.toml", b"header_window = \n", ["tuning.toml", "not valid TOML"]),
    ("tuning.toml", b'header_window = "wide"\n', ["tuning.toml", "header_window", "not of type 'integer'"]),
    ("labels.toml", b'[[field]]\nname = "name"\nvariants = "one"\n', ["labels.toml", "field[0].variants"]),
    ("tuning.toml", b"no_such_setting = 1\n", ["tuning.toml", "unknown key", "no_such_setting"]),
    ("tuning.toml", b"header_window = 3 # \xff\n", ["tuning.toml", "not UTF-8"]),
    ("words.txt", b"\xff\xfe\n", ["words.txt", "not UTF-8"]),
    ("extra.toml", b"x = 1\n", ["extra.toml", "unknown rules file"]),
])
@pytest.mark.parametrize("command", ["extract", "check"])
def test_bad_rules_file_is_one_line_exit_2(plan: Path, tmp_path: Path, name: str, content: bytes, needles: list[str],
                                           command: str) -> None:
    folder = rules_folder(tmp_path, name, content)
    one_line_error(cli("--rules", str(folder), command, str(plan)), 2, str(folder / name), *needles[1:])
    # the same through the environment variable
    one_line_error(cli(command, str(plan), env={"THAIPLAN_RULES": str(folder)}), 2, *needles)


@pytest.mark.parametrize("name", ["tuning.toml", "words.txt"])
def test_unreadable_rules_file(plan: Path, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "rules"
    (folder / name).mkdir(parents=True)  # a folder where a file should be: cannot be read, even by root
    one_line_error(cli("--rules", str(folder), "extract", str(plan)), 2, str(folder / name), "cannot be read")


@pytest.mark.skipif(ROOT, reason="root reads files without read permission")
def test_rules_file_without_read_permission(plan: Path, tmp_path: Path) -> None:
    folder = rules_folder(tmp_path, "tuning.toml", b"header_window = 3\n")
    (folder / "tuning.toml").chmod(0)
    one_line_error(cli("--rules", str(folder), "extract", str(plan)), 2, "tuning.toml", "cannot be read")


def test_missing_rules_folder_names_where_it_came_from(plan: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope")
    one_line_error(cli("--rules", missing, "extract", str(plan)), 2, missing, "not found", "--rules")
    one_line_error(cli("extract", str(plan), env={"THAIPLAN_RULES": missing}), 2, missing, "THAIPLAN_RULES")
    one_line_error(cli("--rules", str(plan), "extract", str(plan)), 2, str(plan), "not a folder")


def test_a_good_rules_folder_still_works(plan: Path, tmp_path: Path) -> None:
    folder = rules_folder(tmp_path, "tuning.toml", b"header_window = 14\n")
    result = cli("--rules", str(folder), "extract", str(plan))
    assert result.exit_code == 0 and json.loads(result.stdout)["projects"]

