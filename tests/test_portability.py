"""thaiplan on Windows, tested on Linux: the commands without Python's POSIX-only parts, and Thai names.

Windows has no ``fcntl`` nor ``resource``, no ``forkserver`` start method (nor
``fork``), no ``os.O_NOFOLLOW``, ``O_NONBLOCK``, ``O_NOCTTY``, no ``SIGXCPU``.
The "windows-like" runs put a ``sitecustomize`` on PYTHONPATH that takes all
of these away in every process of the run: the driver and the workers it
spawns.  What it cannot imitate: the lock is then filelock's soft lock (a file
that exists while held), where Windows has ``msvcrt.locking``.

Inputs and outputs have Thai names throughout, as Thai offices name them: a
folder ``เอกสาร/`` with ``แผนปฏิบัติการ ๒๕๖๗.txt``, an OUTDIR ``ผลลัพธ์/``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))  # batch_fakes

from extractor.batch import pool  # noqa: E402
from extractor.batch.manifest import MANIFEST_NAME  # noqa: E402

posix_host = pytest.mark.skipif(sys.platform == "win32", reason="imitates Windows on a POSIX system")

WINDOWS_LIKE = '''\
"""Take away what Windows lacks, in every process of the run (spawned workers included)."""
import multiprocessing
import multiprocessing.context
import os
import signal
import sys

sys.modules["fcntl"] = None  # import fcntl -> ImportError
sys.modules["resource"] = None
for name in ("O_NOFOLLOW", "O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "fork", "setsid", "killpg", "getuid", "geteuid"):
    if hasattr(os, name):
        delattr(os, name)
for name in ("SIGXCPU", "SIGPIPE", "SIGALRM"):
    if hasattr(signal, name):
        delattr(signal, name)
multiprocessing.set_start_method("spawn", force=True)  # Windows' default (what spawned children are told)
multiprocessing.get_all_start_methods = lambda: ["spawn"]
multiprocessing.context.DefaultContext.get_all_start_methods = lambda self: ["spawn"]
for method in ("fork", "forkserver"):
    multiprocessing.context._concrete_contexts.pop(method, None)  # get_context("forkserver") -> ValueError
'''

PROBE = '''\
"""batch_fakes' extractor, noting what the worker process had at hand in PROBE_DIR/<pid>.json."""
import importlib
import json
import os
import signal

import batch_fakes


def importable(name):
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def extract_to_dict(path, display, include_text):
    facts = {"ppid": os.getppid(), "fcntl": importable("fcntl"), "resource": importable("resource"),
             "O_NOFOLLOW": hasattr(os, "O_NOFOLLOW"), "SIGXCPU": hasattr(signal, "SIGXCPU")}
    with open(os.path.join(os.environ["PROBE_DIR"], f"{os.getpid()}.json"), "w", encoding="utf-8") as fh:
        json.dump(facts, fh)
    return batch_fakes.extract_to_dict(path, display, include_text)
'''

PLAN = "แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗\nโครงการ พัฒนาคุณภาพการศึกษา {n}\nวัตถุประสงค์\n" \
       "1. เพื่อพัฒนาครูและบุคลากร\nงบประมาณ {n}0,000 บาท\n"
DOCS = ["แผนปฏิบัติการ ๒๕๖๗.txt", "ย่อย/โครงการ ก.txt"]
MODES = ["native", pytest.param("windows-like", marks=posix_host)]


@pytest.fixture
def env(tmp_path: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    """The environment of a run: PYTHONPATH with batch_fakes and the probe, and the sitecustomize if windows-like."""
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "portable_probe.py").write_text(PROBE, encoding="utf-8")
    if getattr(request, "param", "native") == "windows-like":
        (tools / "sitecustomize.py").write_text(WINDOWS_LIKE, encoding="utf-8")
    (tmp_path / "probes").mkdir()
    path = os.pathsep.join([str(tools), str(TESTS), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path, "PROBE_DIR": str(tmp_path / "probes"), "PYTHONIOENCODING": "utf-8"}


def thaiplan(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


def start(*args: str, env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "extractor.cli", *args], env=env, cwd=cwd, text=True,
                            encoding="utf-8", stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def write_docs(folder: Path, names: list[str]) -> None:
    for n, name in enumerate(names, 1):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(PLAN.format(n=n), encoding="utf-8")


def manifest_rows(outdir: Path) -> dict[str, tuple[str, str | None]]:
    """{key: (status, output)}."""
    db = sqlite3.connect(outdir / MANIFEST_NAME)
    try:
        return {key: (status, output) for key, status, output in db.execute("SELECT key, status, output FROM documents")}
    finally:
        db.close()


@posix_host
def test_the_imitation_takes_away_what_windows_lacks(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(WINDOWS_LIKE, encoding="utf-8")
    code = ("import multiprocessing, os, signal\n"
            "for name in ('fcntl', 'resource'):\n"
            "    try:\n"
            "        __import__(name)\n"
            "    except ImportError:\n"
            "        pass\n"
            "    else:\n"
            "        raise SystemExit(name + ' is importable')\n"
            "assert not hasattr(os, 'O_NOFOLLOW') and not hasattr(signal, 'SIGXCPU')\n"
            "assert multiprocessing.get_all_start_methods() == ['spawn']\n"
            "try:\n"
            "    multiprocessing.get_context('forkserver')\n"
            "except ValueError:\n"
            "    pass\n"
            "else:\n"
            "    raise SystemExit('forkserver is there')\n"
            # every module of every command imports without them
            "import extractor.cli, extractor.batch.pool, extractor.batch.manifest, extractor.batch.worker\n"
            "import extractor.output, extractor.readers.ocr_pages, extractor.export.docbin, extractor.evaluate\n"
            "from extractor.batch.pool import start_method\n"
            "assert start_method() == 'spawn', start_method()\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("env", MODES, indirect=True)
def test_batch_extract_check_export_with_thai_names(tmp_path: Path, env: dict[str, str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    windows_like = "sitecustomize.py" in os.listdir(tmp_path / "tools")
    folder, out = tmp_path / "เอกสาร", tmp_path / "ผลลัพธ์"
    write_docs(folder, DOCS)

    proc = start("batch", "เอกสาร", "-o", "ผลลัพธ์", "--jobs", "2", "--extractor", "portable_probe:extract_to_dict",
                 env=env, cwd=tmp_path)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "Warning" not in err
    for name in DOCS:
        doc = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert doc["source"]["path"] == f"เอกสาร/{name}"
        assert doc["projects"][0]["name"].startswith("โครงการ พัฒนาคุณภาพการศึกษา")
    assert manifest_rows(out) == {"แผนปฏิบัติการ ๒๕๖๗.txt": ("ok", "แผนปฏิบัติการ ๒๕๖๗.txt.json"),
                                  "ย่อย/โครงการ ก.txt": ("ok", "ย่อย/โครงการ ก.txt.json")}

    facts = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "probes").iterdir()]
    assert facts
    spawned = windows_like or pool.start_method() == "spawn"
    for fact in facts:
        assert (fact["ppid"] == proc.pid) == spawned  # spawned by the driver itself, or forked by the fork server
        if windows_like or sys.platform == "win32":  # and none of what Windows lacks at hand
            assert fact == {"ppid": proc.pid, "fcntl": False, "resource": False, "O_NOFOLLOW": False,
                            "SIGXCPU": False}

    # a rerun resumes: only the new document is converted
    write_docs(folder / "ใหม่", ["แผน ๒๕๖๘.txt"])
    rerun = thaiplan("batch", "เอกสาร", "-o", "ผลลัพธ์", "--jobs", "2", "--extractor", "portable_probe:extract_to_dict",
                     env=env, cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    assert "3 documents: 1 converted, 2 unchanged, 0 failed" in rerun.stderr
    assert (out / "ใหม่" / "แผน ๒๕๖๘.txt.json").is_file()

    # extract -o: a Thai name in a new Thai folder, the same bytes as the Python API gives
    from extractor import extract
    from extractor.jsonio import dumps

    made = thaiplan("extract", f"เอกสาร/{DOCS[0]}", "-o", "แยก/แผน ๒๕๖๗.json", env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    monkeypatch.chdir(tmp_path)
    expected = dumps(extract(f"เอกสาร/{DOCS[0]}").to_dict())
    assert (tmp_path / "แยก" / "แผน ๒๕๖๗.json").read_text(encoding="utf-8") == expected + "\n"
    assert json.loads(expected)["projects"][0]["budget"]["amount"] == 10000

    checked = thaiplan("check", f"เอกสาร/{DOCS[0]}", "--format", "json", env=env, cwd=tmp_path)
    assert checked.returncode in (0, 1), checked.stderr
    assert f"เอกสาร/{DOCS[0]}" in checked.stdout and "Traceback" not in checked.stderr

    keys = {"แผนปฏิบัติการ ๒๕๖๗.txt", "ย่อย/โครงการ ก.txt", "ใหม่/แผน ๒๕๖๘.txt"}
    for fmt, target in (("jsonl", "ส่งออก/ทั้งหมด.jsonl"), ("csv", "ส่งออก/ตาราง"), ("parquet", "ส่งออก/ปาร์เก้")):
        exported = thaiplan("export", "ผลลัพธ์", "--to", fmt, "-o", target, env=env, cwd=tmp_path)
        assert exported.returncode == 0, exported.stderr
    lines = (tmp_path / "ส่งออก" / "ทั้งหมด.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["doc_path"] for line in lines} == keys
    with open(tmp_path / "ส่งออก" / "ตาราง" / "documents.csv", encoding="utf-8", newline="") as fh:
        assert {row["doc_path"] for row in csv.DictReader(fh)} == keys
    assert (tmp_path / "ส่งออก" / "ปาร์เก้" / "projects.parquet").stat().st_size > 0


@pytest.mark.parametrize("env", MODES, indirect=True)
def test_one_batch_per_outdir_and_a_killed_one_does_not_block_the_next(tmp_path: Path, env: dict[str, str]) -> None:
    write_docs(tmp_path / "เอกสาร", [f"แผน {n}.txt" for n in range(8)])
    out = tmp_path / "ผลลัพธ์"
    args = ("batch", "เอกสาร", "-o", "ผลลัพธ์", "--jobs", "1", "--extractor", "batch_fakes:extract_to_dict")
    first = start(*args, env={**env, "FAKE_DELAY": "1"}, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob("*.json")) and time.monotonic() < deadline and first.poll() is None:
            time.sleep(0.05)
        assert list(out.glob("*.json")), "the first batch never wrote a document"

        second = thaiplan(*args, env=env, cwd=tmp_path)
        assert second.returncode == 2
        assert second.stderr == (f"thaiplan: error: {os.path.realpath(out)}: another thaiplan batch is writing "
                                 "to this folder\n")
    finally:
        first.kill()  # as a crash or a power cut would: no clean-up of its own
        first.wait(timeout=60)  # (not communicate: a surviving worker would keep its pipes open)
        first.stdout.close()
        first.stderr.close()
    done = sum(status == "ok" for status, _ in manifest_rows(out).values())
    assert 1 <= done < 8

    import filelock

    if "sitecustomize.py" in os.listdir(tmp_path / "tools") and int(filelock.__version__.split(".")[0]) < 4:
        return  # the soft lock left by the killed run is for the user to delete before filelock 4
    third = thaiplan(*args, env=env, cwd=tmp_path)
    assert third.returncode == 0, third.stderr
    assert f"8 documents: {8 - done} converted, {done} unchanged, 0 failed" in third.stderr


@posix_host
@pytest.mark.parametrize("env", ["windows-like"], indirect=True)
def test_timeout_is_cpu_time_without_rlimit(tmp_path: Path, env: dict[str, str]) -> None:
    """The watchdog stops a document that computes, as RLIMIT_CPU does, with the same words; one that
    waits longer than --timeout but hardly computes is converted."""
    write_docs(tmp_path / "เอกสาร", ["spin.txt", "sleep2.txt", "แผน.txt"])
    # (the API, for a generous wall-clock backstop: a loaded machine must not turn the CPU limit into a wall one)
    code = ("from extractor.batch import BatchOptions, run_batch\n"
            "run_batch(BatchOptions(['เอกสาร'], 'ผลลัพธ์', jobs=2, timeout=1, wall_timeout=60, "
            "extractor='batch_fakes:extract_to_dict'))\n")
    proc = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    out = tmp_path / "ผลลัพธ์"
    assert manifest_rows(out) == {"spin.txt": ("failed", None), "sleep2.txt": ("ok", "sleep2.txt.json"),
                                  "แผน.txt": ("ok", "แผน.txt.json")}
    (failure,) = [json.loads(line) for line in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert failure == {"path": "เอกสาร/spin.txt", "error_class": "Timeout",
                       "message": "used more than 1 s of CPU time (--timeout); the worker was stopped"}


@posix_host
def test_cpu_watchdog_counts_each_document_from_its_start(tmp_path: Path) -> None:
    """Without RLIMIT_CPU, limit_cpu() arms a watchdog thread with the same rounding (whole seconds)."""
    (tmp_path / "sitecustomize.py").write_text(WINDOWS_LIKE, encoding="utf-8")
    code = ("import time\n"
            "from extractor.batch.pool import limit_cpu\n"
            "def spin(until):\n"
            "    while time.process_time() < until: pass\n"
            "spin(0.3)\n"
            "limit_cpu(1)\n"  # at most until 2 s of CPU
            "spin(time.process_time() + 0.5)\n"
            "limit_cpu(None)\n"  # the document is done: no limit between documents
            "spin(2.4)\n"
            "print('past the old limit', flush=True)\n"
            "limit_cpu(0.2)\n"  # stopped at 3 s of CPU
            "spin(60)\n"
            "print('never stopped', flush=True)\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert (proc.returncode, proc.stdout) == (pool.CPU_EXIT_CODE, "past the old limit\n"), proc.stderr


def test_start_method_and_how_a_worker_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pool.start_method() == ("spawn" if sys.platform == "win32" else "forkserver")
    monkeypatch.setattr(pool.mp, "get_all_start_methods", lambda: ["spawn"])
    assert pool.start_method() == "spawn"
    monkeypatch.setattr(pool, "_RLIMIT_CPU", False)  # the watchdog's exit code means Timeout
    assert pool._over_cpu(pool.CPU_EXIT_CODE) and not pool._over_cpu(1) and not pool._over_cpu(None)
    if hasattr(signal, "SIGXCPU"):
        monkeypatch.setattr(pool, "_RLIMIT_CPU", True)  # the kernel's signal does (Linux: as before)
        assert pool._over_cpu(-signal.SIGXCPU) and not pool._over_cpu(pool.CPU_EXIT_CODE)
    assert pool._exit_code(0xC0000005) == "0xC0000005" and pool._exit_code(3) == "3"  # an access violation


def test_json_on_standard_output_is_utf8_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.cli import utf8_stdout

    for platform, expected in (("linux", "cp1252"), ("win32", "utf-8")):  # Linux: left as it is
        stream = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
        monkeypatch.setattr(sys, "stdout", stream)
        monkeypatch.setattr(sys, "platform", platform)
        utf8_stdout()
        assert stream.encoding == expected
    stream.write("โครงการ")
    stream.flush()
    assert stream.buffer.getvalue().decode("utf-8") == "โครงการ"


def test_word_list_shared_by_workers_starting_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to rename over a file another worker is renaming or reading: the file is there, use it."""
    from extractor import tokenize

    path = tmp_path / "thaiplan-words-x.txt"
    path.write_bytes(b"word\n")

    def busy(src: object, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(tokenize.os, "replace", busy)
    tokenize._publish(path, b"word\n")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind
    path.unlink()
    with pytest.raises(PermissionError):  # not there: the error stands
        tokenize._publish(path, b"word\n")
