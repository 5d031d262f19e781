"""`thaiplan batch`: conversion of a tree, failures, resumability, interruption, engines.

Most tests plug in ``batch_fakes:extract_to_dict`` (real readers, simple
rules) so that they test batch mechanics quickly and independently of the
extractor; ``test_real_extractor_on_seeds`` runs the real one.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))  # batch_fakes, importable by worker processes too

from extractor.batch import BatchOptions, run_batch  # noqa: E402
from extractor.batch.runner import FAILURES_NAME, output_path  # noqa: E402

REPO = TESTS.parent
SEEDS = REPO / "corpora" / "seeds"
FAKE = "batch_fakes:extract_to_dict"

PLAN = "แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ฉบับที่ {n}\nโครงการ พัฒนาคุณภาพการศึกษา {n}\n" \
       "เพื่อพัฒนาครูและบุคลากร\nเป้าหมาย ครู {n} คน\nตัวชี้วัด ร้อยละ 80 ของครู\n" \
       "กิจกรรม อบรมเชิงปฏิบัติการ\nงบประมาณ {n},000 บาท\n"

GOOD = ["a.txt", "nested/deep/b.txt", "with space.txt", "-dash.txt", "แผนงาน/แผน.txt", "nested/c.TXT"]
BAD = {  # name -> (bytes, error class)
    "empty.txt": (b"", "InputError"),
    "binary.txt": (b"\x00\x01\x02\x03\xff" * 100, "InputError"),
    "undecodable.txt": (bytes([0x80, 0x85, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x9E, 0x41]) * 100, "InputError"),
    "nested/corrupt.pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj garbage", None),  # class depends on the reader
    "corrupt.docx": (b"PK\x03\x04 not really a zip", None),
}


def make_tree(root: Path, good: list[str] = GOOD, bad: dict = BAD) -> Path:
    for n, name in enumerate(good, 1):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PLAN.format(n=n), encoding="utf-8")
    for name, (data, _) in bad.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / ".hidden.txt").write_text(PLAN.format(n=99), encoding="utf-8")  # hidden: ignored
    (root / "notes.csv").write_text("not,a,document\n", encoding="utf-8")  # unsupported in folders: ignored
    return root


def outputs(outdir: Path) -> dict[str, bytes]:
    """Every document output and failures.jsonl, by path relative to OUTDIR."""
    found = {p.relative_to(outdir).as_posix(): p.read_bytes() for p in outdir.rglob("*.json")
             if "_export" not in p.parts}
    failures = outdir / FAILURES_NAME
    if failures.exists():
        found[FAILURES_NAME] = failures.read_bytes()
    return found


def assert_same(got: dict[str, bytes], expected: dict[str, bytes]) -> None:
    assert sorted(got) == sorted(expected)
    differ = {k: (got[k][:300], expected[k][:300]) for k in got if got[k] != expected[k]}
    assert not differ


def failures(outdir: Path) -> dict[str, dict]:
    path = outdir / FAILURES_NAME
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {json.loads(line)["path"]: json.loads(line) for line in lines}


def batch(inputs: list[Path], outdir: Path, **kw) -> tuple:
    kw.setdefault("extractor", FAKE)
    kw.setdefault("jobs", 2)
    stream = io.StringIO()
    summary = run_batch(BatchOptions([str(p) for p in inputs], str(outdir), **kw), stream=stream)
    return summary, stream.getvalue()


def cli(*args: str, env: dict | None = None, cwd: Path | None = None, prefix: Sequence[str] = (), **kw
        ) -> subprocess.Popen:
    full_env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
                **(env or {})}
    return subprocess.Popen([*prefix, sys.executable, "-m", "extractor.cli", *args], env=full_env, cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def test_tree_with_good_and_bad_files(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in")
    out = tmp_path / "out"
    summary, log = batch([tree], out)
    assert summary.exit_code == 1
    assert (summary.total, summary.converted, summary.failed) == (len(GOOD) + len(BAD), len(GOOD), len(BAD))
    for name in GOOD:
        doc = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert doc["source"]["path"] == str(tree / name)
        assert doc["projects"] and doc["projects"][0]["objectives"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == sorted(f"{n}.json" for n in GOOD)
    failed = failures(out)
    assert set(failed) == {str(tree / name) for name in BAD}
    for name, (_, error_class) in BAD.items():
        entry = failed[str(tree / name)]
        assert entry["message"] and entry["error_class"]
        if error_class:
            assert entry["error_class"] == error_class
    assert "empty file" in failed[str(tree / "empty.txt")]["message"]
    # one error line per failure, and the final summary line (the CLI prints it; the API returns it)
    assert log.count("thaiplan: error: ") == len(BAD)
    assert "failed (listed in" in summary.line()


def test_cli_exit_codes_and_summary(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", bad={})
    proc = cli("batch", str(tree), "-o", str(tmp_path / "out"), "--jobs", "2", "--extractor", FAKE)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert f"{len(GOOD)} documents: {len(GOOD)} converted, 0 unchanged, 0 failed" in err
    assert "\r" not in err  # not a terminal: plain lines, no progress bar
    (tree / "empty.txt").write_bytes(b"")
    proc = cli("batch", str(tree), "-o", str(tmp_path / "out"), "--extractor", FAKE)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert f"thaiplan: error: {tree / 'empty.txt'}: empty file" in err
    proc = cli("batch", str(tmp_path / "missing"), "-o", str(tmp_path / "out"))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and f"thaiplan: error: {tmp_path / 'missing'}: file or folder not found" in err


# Root reads files whatever their mode; without these capabilities it obeys the mode like anyone else.
NO_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def test_unreadable_file_is_a_failure(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt"], bad={})
    locked = tree / "locked.txt"
    locked.write_text(PLAN.format(n=1), encoding="utf-8")
    locked.chmod(0)
    try:
        probe = [sys.executable, "-c", f"open({str(locked)!r}, 'rb')"]
        prefix: list[str] = []
        if subprocess.run(probe, capture_output=True).returncode == 0:  # root: try without the capabilities
            prefix = NO_DAC
            if shutil.which("setpriv") is None or subprocess.run(prefix + probe, capture_output=True).returncode == 0:
                pytest.skip("running as root, and setpriv cannot drop CAP_DAC_OVERRIDE: chmod 000 does not "
                            "stop reading here")
        proc = cli("batch", str(tree), "-o", str(tmp_path / "out"), "--extractor", FAKE, prefix=prefix)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 1, err
        entry = failures(tmp_path / "out")[str(locked)]
        assert entry["error_class"] == "InputError" and "permission denied" in entry["message"]
        assert (tmp_path / "out" / "a.txt.json").exists()
    finally:
        locked.chmod(0o644)


def test_timeout_and_crash_are_failures(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt", "b.txt", "c.txt"], bad={})
    (tree / "hang.txt").write_text(PLAN.format(n=1), encoding="utf-8")
    (tree / "crash.txt").write_text(PLAN.format(n=1), encoding="utf-8")
    start = time.monotonic()
    summary, _ = batch([tree], tmp_path / "out", timeout=1.5)
    assert time.monotonic() - start < 20
    failed = failures(tmp_path / "out")
    assert failed[str(tree / "hang.txt")]["error_class"] == "Timeout"
    assert failed[str(tree / "crash.txt")]["error_class"] == "WorkerCrash"
    assert summary.converted == 3 and summary.failed == 2  # the pool replaced both workers and went on


def test_rerun_skips_unchanged_redoes_changed(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in")
    out = tmp_path / "out"
    batch([tree], out)
    before = outputs(out)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    summary, _ = batch([tree], out)
    assert (summary.converted, summary.failed, summary.unchanged) == (0, 0, len(GOOD) + len(BAD))
    assert summary.exit_code == 1  # the failures of the first run are still outstanding
    assert outputs(out) == before
    assert mtimes == {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}

    (tree / "a.txt").write_text(PLAN.format(n=42), encoding="utf-8")  # changed: redone
    (tree / "empty.txt").write_text(PLAN.format(n=7), encoding="utf-8")  # fixed: converts now
    (tree / "nested/deep/b.txt").write_bytes(b"")  # broken: its old output goes away
    summary, _ = batch([tree], out)
    assert (summary.converted, summary.failed) == (2, 1)
    assert "42" in (out / "a.txt.json").read_text(encoding="utf-8")
    assert not (out / "nested/deep/b.txt.json").exists()
    assert str(tree / "empty.txt") not in failures(out)

    summary, _ = batch([tree], out, force=True)
    assert summary.converted + summary.failed == summary.total and summary.unchanged == 0
    summary, _ = batch([tree], out, retry_failed=True)
    assert summary.failed == len(BAD) and summary.converted == 0


def test_interrupted_run_leaves_no_partial_json_and_resumes(tmp_path: Path) -> None:
    names = [f"d{i:02}/doc{i:02}.txt" for i in range(16)]
    tree = make_tree(tmp_path / "in", good=names, bad={})
    clean = tmp_path / "clean"
    batch([tree], clean)
    for sig in (signal.SIGKILL, signal.SIGINT):
        out = tmp_path / f"out-{sig.name}"
        proc = cli("batch", str(tree), "-o", str(out), "--jobs", "2", "--extractor", FAKE,
                   env={"FAKE_DELAY": "0.4"})
        deadline = time.monotonic() + 30
        while len(list(out.rglob("*.json"))) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
        done = list(out.rglob("*.json"))
        assert 3 <= len(done) < len(names), err
        for path in done:  # every JSON that exists is complete
            json.loads(path.read_text(encoding="utf-8"))
        if sig == signal.SIGINT:
            assert proc.returncode == 130 and "INTERRUPTED" in err
        summary, _ = batch([tree], out)
        assert summary.exit_code == 0
        # resumed, not restarted: at most the document being recorded when killed is redone
        assert len(names) - len(done) <= summary.converted <= len(names) - len(done) + 1
        assert_same(outputs(out), outputs(clean))
        assert not [p for p in out.rglob(".*.tmp")]


def test_outputs_never_leave_outdir(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt", "sub/b.txt", "nested/c.txt"], bad={})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(elsewhere)  # an output folder that points outside OUTDIR
    (tree / "nested" / "outdir-link").symlink_to(tmp_path, target_is_directory=True)  # a cycle: not followed
    summary, _ = batch([tree], out)
    assert list(elsewhere.iterdir()) == []
    assert failures(out)[str(tree / "sub/b.txt")]["error_class"] == "UnsafePath"
    assert summary.converted == 2
    for key in ("../x", "/etc/passwd", "a/../../x", "a//b", "./a"):
        assert output_path(str(out), key) is None
    assert output_path(str(out), "a/b.txt") == str(out / "a/b.txt.json")


@pytest.mark.skipif(sys.platform != "linux", reason="file names that are not UTF-8 are a Linux/POSIX matter")
def test_odd_names_and_overlapping_inputs(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt", "sub/b.txt"], bad={})
    (tree / os.fsdecode(b"bad-\xff-name.txt")).write_text(PLAN.format(n=3), encoding="utf-8")
    out = tree / "out"  # OUTDIR inside the input folder: never read back as input
    # the folder, a file in it and a subfolder of it: each document once, keyed from the common folder
    summary, _ = batch([tree, tree / "a.txt", tree / "sub"], out)
    assert summary.total == 3 and summary.converted == 2
    (entry,) = failures(out).values()
    assert "not valid UTF-8" in entry["message"] and "\\xff" in entry["path"]
    summary, _ = batch([tree], out)
    assert summary.total == 3 and summary.unchanged == 3


def test_progress_lines_when_not_a_terminal(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", bad={})
    summary, log = batch([tree], tmp_path / "out", progress_interval=0)
    lines = [line for line in log.splitlines() if "/6 documents" in line]
    assert len(lines) == len(GOOD) and "\r" not in log
    assert lines[-1].startswith("thaiplan: batch: 6/6 documents, 0 failed, 0 unchanged")


def test_missing_ray_extra_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.extras import MissingExtra

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(MissingExtra, match=r"the Ray engine \(--engine ray\) needs Ray, the \[ray\] extra: in the thaiplan folder, pip install -e '\.\[ray\]'"):
        batch([make_tree(tmp_path / "in", bad={})], tmp_path / "out", engine="ray")
    assert not (tmp_path / "out").exists()  # nothing written


def test_jobs_1_jobs_2_and_ray_give_identical_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = make_tree(tmp_path / "in")
    for seed in sorted(SEEDS.glob("*.txt")):
        (tree / "seeds").mkdir(exist_ok=True)
        (tree / "seeds" / seed.name).write_bytes(seed.read_bytes())
    results = {}
    for jobs in (1, 2):
        summary, _ = batch([tree], tmp_path / f"jobs{jobs}", jobs=jobs)
        results[f"jobs{jobs}"] = outputs(tmp_path / f"jobs{jobs}")
    assert_same(results["jobs2"], results["jobs1"])
    assert len(results["jobs1"]) == len(GOOD) + 5 + 1  # documents, seeds, failures.jsonl

    ray = pytest.importorskip("ray", reason="the Ray engine needs the [ray] extra")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]))
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        summary, _ = batch([tree], tmp_path / "ray", engine="ray", jobs=2)
        assert summary.engine == "ray"
        assert_same(outputs(tmp_path / "ray"), results["jobs1"])
        # the same time limit and crash handling as the local pool, on the same Ray instance
        (tree / "hang.txt").write_text(PLAN.format(n=1), encoding="utf-8")
        (tree / "crash.txt").write_text(PLAN.format(n=1), encoding="utf-8")
        summary, _ = batch([tree], tmp_path / "ray", engine="ray", jobs=2, timeout=3)
        failed = failures(tmp_path / "ray")
        assert failed[str(tree / "hang.txt")]["error_class"] == "Timeout"
        assert failed[str(tree / "crash.txt")]["error_class"] == "WorkerCrash"
        assert (summary.converted, summary.failed, summary.unchanged) == (0, 2, len(GOOD) + len(BAD) + 5)
    finally:
        ray.shutdown()


def test_real_extractor_on_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default extractor: each output is exactly what `thaiplan extract FILE` prints."""
    proc = cli("batch", "corpora/seeds", "-o", str(tmp_path / "out"), "--jobs", "2", cwd=REPO)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    from extractor import extract
    from extractor.jsonio import dumps

    monkeypatch.chdir(REPO)
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(list((tmp_path / "out").rglob("*.json"))) == len(seeds)
    for seed in seeds:
        expected = dumps(extract(f"corpora/seeds/{seed.name}").to_dict()) + "\n"
        assert (tmp_path / "out" / f"{seed.name}.json").read_text(encoding="utf-8") == expected
