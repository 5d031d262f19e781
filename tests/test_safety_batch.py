"""`thaiplan batch` safety (issue 9): what a hostile or broken input tree, OUTDIR or machine can do.

Every input is made here: tmp_path trees, FIFOs, planted symlinks, write
errors (ENOSPC, EROFS, EACCES) injected by monkeypatching the driver's writer.
The extractor is ``batch_fakes:extract_to_dict`` (names steer it: ``spin``,
``hang``, ``sleep2``, ``surrogate``…), so these tests check the batch
machinery, fast.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))

from test_batch import FAKE, PLAN, batch, cli, failures, make_tree, outputs  # noqa: E402

from extractor.batch import manifest as manifest_mod  # noqa: E402
from extractor.batch import runner  # noqa: E402
from extractor.batch.errors import OutdirError  # noqa: E402
from extractor.batch.manifest import LOCK_NAME, MANIFEST_NAME, hash_input  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="symlinks, FIFOs and rlimits as on Linux")


@pytest.fixture
def deadline():
    """Fail (rather than hang the suite) if the test blocks for more than 60 s."""
    def expired(signum, frame):
        raise TimeoutError("blocked for 60 s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def rows(outdir: Path) -> dict[str, str]:
    """{key: status} from the manifest."""
    db = sqlite3.connect(outdir / MANIFEST_NAME)
    try:
        return dict(db.execute("SELECT key, status FROM documents"))
    finally:
        db.close()


def everything_under(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink())


# 1. Symlinked files that leave the inputs -------------------------------------------------------


def test_file_symlinks_leading_out_of_the_inputs_are_skipped(tmp_path: Path) -> None:
    secret = tmp_path / "private" / "passwd.txt"
    secret.parent.mkdir()
    secret.write_text("SECRET root:x:0:0\n" + PLAN.format(n=1), encoding="utf-8")
    tree = make_tree(tmp_path / "in", good=["a.txt"], bad={})
    other = make_tree(tmp_path / "other", good=["b.txt"], bad={})
    (tree / "x.txt").symlink_to(secret)  # leaves the inputs: skipped
    (tree / "dangling.txt").symlink_to(tree / "missing.txt")  # broken: skipped
    (tree / "alias.txt").symlink_to(tree / "a.txt")  # within this input: followed
    (tree / "to-other.txt").symlink_to(other / "b.txt")  # within another input: followed
    (tree / "linked-dir").symlink_to(secret.parent, target_is_directory=True)  # folders: never followed
    out = tmp_path / "out"

    summary, log = batch([tree, other], out, include_text=True)
    assert summary.exit_code == 0, log
    assert (summary.converted, summary.failed, summary.skipped) == (4, 0, 3)
    assert b"SECRET" not in everything_under(out)  # neither its first line (the title) nor its text
    assert not (out / "in" / "x.txt.json").exists()
    assert f"thaiplan: warning: {tree / 'x.txt'}: skipped: a symbolic link to a file outside the input " \
           "folders (not followed)" in log
    assert f"thaiplan: warning: {tree / 'dangling.txt'}: skipped: a broken symbolic link" in log
    assert f"thaiplan: warning: {tree / 'linked-dir'}: skipped: a symbolic link to a folder" in log
    assert "3 other entries skipped" in summary.line()
    alias = json.loads((out / "in" / "alias.txt.json").read_text(encoding="utf-8"))
    assert alias["source"]["path"] == str(tree / "alias.txt")  # recorded as the user's path
    assert (out / "in" / "to-other.txt.json").exists()

    # a file named on the command line is taken wherever it leads: the user asked for it
    summary, _ = batch([tree / "x.txt"], tmp_path / "explicit")
    assert summary.converted == 1

    # OUTDIR inside the input folder: a link into it is not followed either
    inner = tree / "results"
    (inner / "sub").mkdir(parents=True)
    (inner / "sub" / "planted.txt").write_text(PLAN.format(n=5), encoding="utf-8")
    (tree / "into-out.txt").symlink_to(inner / "sub" / "planted.txt")
    summary, log = batch([tree], inner)
    assert f"{tree / 'into-out.txt'}: skipped: a symbolic link to a file outside" in log
    assert not (inner / "into-out.txt.json").exists()


# 2. Bookkeeping files planted as symlinks in OUTDIR ----------------------------------------------


@pytest.mark.parametrize("name", [MANIFEST_NAME, f"{MANIFEST_NAME}-wal", f"{MANIFEST_NAME}-shm", LOCK_NAME])
@pytest.mark.parametrize("victim_exists", [False, True])
def test_bookkeeping_symlinks_in_outdir_are_refused(tmp_path: Path, name: str, victim_exists: bool) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt"], bad={})
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim"
    if victim_exists:
        victim.write_bytes(b"precious")
    (out / name).symlink_to(victim)
    with pytest.raises(OutdirError, match="is a symbolic link; refusing to follow it"):
        batch([tree], out)
    assert victim.read_bytes() == b"precious" if victim_exists else not victim.exists()
    assert not (out / "a.txt.json").exists()
    assert (out / name).is_symlink()  # left alone too


def test_bookkeeping_files_that_are_not_regular_are_refused(tmp_path: Path, deadline: None) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt"], bad={})
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / LOCK_NAME)
    with pytest.raises(OutdirError, match="named pipe"):
        batch([tree], out)
    os.unlink(out / LOCK_NAME)
    (out / MANIFEST_NAME).mkdir()
    with pytest.raises(OutdirError, match="is a folder"):
        batch([tree], out)


def test_bookkeeping_symlink_cli_is_one_line_exit_2(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt"], bad={})
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_NAME).symlink_to(tmp_path / "anywhere")
    proc = cli("batch", str(tree), "-o", str(out), "--extractor", FAKE)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err.strip() == f"thaiplan: error: {out / LOCK_NAME}: is a symbolic link; refusing to follow it " \
                          "(remove it, or choose another output folder)"
    assert not (tmp_path / "anywhere").exists()


def test_planted_outputs_are_left_alone(tmp_path: Path, deadline: None) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt", "b.txt", "c.txt"], bad={})
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    (out / "a.txt.json").symlink_to(victim)
    os.mkfifo(out / "b.txt.json")  # writing into it would wait for a reader for ever
    summary, _ = batch([tree], out)
    assert (summary.converted, summary.failed) == (1, 2)
    assert victim.read_bytes() == b"precious" and (out / "a.txt.json").is_symlink()
    assert stat.S_ISFIFO(os.lstat(out / "b.txt.json").st_mode)
    failed = failures(out)
    assert failed[str(tree / "a.txt")]["message"] == (f"its output {out / 'a.txt.json'} is a symbolic link, not a "
                                                      "regular file: left alone, nothing written (remove it and run "
                                                      "again)")
    assert "is a named pipe, not a regular file" in failed[str(tree / "b.txt")]["message"]
    # and they stay: a failed document's output is removed only if it is a regular file
    summary, _ = batch([tree], out, retry_failed=True)
    assert victim.read_bytes() == b"precious" and (out / "a.txt.json").is_symlink()


def test_planted_failures_symlink_is_refused(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt"], bad={})
    out = tmp_path / "out"
    out.mkdir()
    (out / runner.FAILURES_NAME).symlink_to(tmp_path / "victim")
    with pytest.raises(OutdirError, match="failures.jsonl: is a symbolic link"):
        batch([tree], out)
    assert not (tmp_path / "victim").exists() and not (out / "a.txt.json").exists()


# 3. FIFOs, devices and other special files -------------------------------------------------------


def test_special_files_are_skipped_without_blocking(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt"], bad={})
    os.mkfifo(tree / "pipe.txt")
    (tree / "pipe-link.txt").symlink_to(tree / "pipe.txt")  # within the inputs, but still a FIFO
    (tree / "zero.txt").symlink_to("/dev/zero")  # leads out of the inputs
    out = tmp_path / "out"
    proc = cli("batch", str(tree), "-o", str(out), "--extractor", FAKE)
    _, err = proc.communicate(timeout=60)  # it used to block here forever
    assert proc.returncode == 0, err
    assert f"thaiplan: warning: {tree / 'pipe.txt'}: skipped: not a regular file (a named pipe)" in err
    assert f"thaiplan: warning: {tree / 'pipe-link.txt'}: skipped: not a regular file (a named pipe)" in err
    assert f"thaiplan: warning: {tree / 'zero.txt'}: skipped: a symbolic link to a file outside" in err
    assert "1 documents: 1 converted" in err and "3 other entries skipped" in err
    assert sorted(p.name for p in out.glob("*.json")) == ["a.txt.json"]

    # named on the command line: still not a regular file
    proc = cli("batch", "/dev/zero", str(tree / "pipe.txt"), "-o", str(tmp_path / "out2"), "--extractor", FAKE)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "thaiplan: warning: /dev/zero: skipped: not a regular file (a character device)" in err


def test_hashing_is_bounded(tmp_path: Path, deadline: None) -> None:
    doc = tmp_path / "a.txt"
    doc.write_bytes(b"x" * 3_000_000)
    assert hash_input(str(doc)) == (hashlib.sha256(doc.read_bytes()).hexdigest(), None)
    os.mkfifo(tmp_path / "pipe")
    assert hash_input(str(tmp_path / "pipe")) == (None, "not a regular file (a named pipe)")
    assert hash_input("/dev/zero") == (None, "not a regular file (a character device)")
    assert hash_input(str(tmp_path / "missing")) == (None, None)  # the worker says why


def test_input_replaced_by_a_fifo_after_discovery_fails_without_blocking(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, deadline: None) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt", "b.txt"], bad={})
    discovered = list(runner.iter_inputs([str(tree)], str(tmp_path / "out")))
    os.unlink(tree / "b.txt")
    os.mkfifo(tree / "b.txt")  # swapped between discovery and hashing
    monkeypatch.setattr(runner, "iter_inputs", lambda inputs, outdir: iter(discovered))
    summary, _ = batch([tree], tmp_path / "out")
    assert (summary.converted, summary.failed) == (1, 1)
    entry = failures(tmp_path / "out")[str(tree / "b.txt")]
    assert entry == {"path": str(tree / "b.txt"), "error_class": "InputError",
                     "message": "not a regular file (a named pipe)"}


# 4. One document must not be able to stop the batch ---------------------------------------------


def test_lone_surrogates_are_replaced_not_a_crash(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt", "surrogate.txt", "z.txt"], bad={})
    out = tmp_path / "out"
    summary, log = batch([tree], out)
    assert (summary.converted, summary.failed) == (3, 0), log
    raw = (out / "surrogate.txt.json").read_bytes()
    title = json.loads(raw.decode("utf-8"))["document"]["title"]  # strict UTF-8: no surrogate left
    assert title.startswith("font map \ufffd gone wrong")
    assert f"thaiplan: warning: {tree / 'surrogate.txt'}: 1 character that are not valid Unicode" in log
    summary, _ = batch([tree], out)
    assert summary.unchanged == 3


def test_any_exception_for_one_document_is_that_documents_failure(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt", "b.txt", "c.txt", "d.txt", "bug.txt"], bad={})
    real_write, real_hash = runner.write_atomic, runner.hash_input

    def write(path, text):
        if str(path).endswith("b.txt.json"):
            raise ValueError("a bug while writing b")
        return real_write(path, text)

    def hash_(path):
        if path.endswith("c.txt"):
            raise RuntimeError("a bug while hashing c")
        return real_hash(path)

    monkeypatch.setattr(runner, "write_atomic", write)
    monkeypatch.setattr(runner, "hash_input", hash_)
    summary, log = batch([tree], tmp_path / "out")
    assert summary.exit_code == 1 and summary.error is None, log
    assert (summary.converted, summary.failed) == (2, 3)
    failed = failures(tmp_path / "out")
    assert failed[str(tree / "b.txt")]["error_class"] == "OutputError"
    assert "ValueError: a bug while writing b" in failed[str(tree / "b.txt")]["message"]
    assert failed[str(tree / "c.txt")] == {"path": str(tree / "c.txt"), "error_class": "RuntimeError",
                                           "message": "could not be prepared: a bug while hashing c"}
    assert failed[str(tree / "bug.txt")]["error_class"] == "RecursionError"
    assert "Traceback" not in log
    monkeypatch.undo()
    summary, _ = batch([tree], tmp_path / "out", retry_failed=True)
    assert (summary.converted, summary.failed) == (2, 1)  # bug.txt is a bug of its own


# 5. Disk full, read-only, not writable -----------------------------------------------------------


def fill_disk_after(monkeypatch: pytest.MonkeyPatch, writes: int, code: int) -> None:
    """Every write of the driver after the first `writes` fails with `code` (outputs and failures.jsonl)."""
    real = runner.write_atomic
    done: list[str] = []

    def write(path, text):
        if len(done) >= writes:
            raise OSError(code, os.strerror(code), str(path))
        real(path, text)
        done.append(str(path))

    monkeypatch.setattr(runner, "write_atomic", write)


@pytest.mark.parametrize("code, why", [(errno.ENOSPC, "the disk is full"),
                                       (errno.EROFS, "the file system is read-only"),
                                       (errno.EACCES, "permission denied")])
def test_write_error_stops_the_run_cleanly_and_a_rerun_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, why: str) -> None:
    names = [f"d{i}.txt" for i in range(6)]
    tree = make_tree(tmp_path / "in", good=names, bad={})
    out = tmp_path / "out"
    batch([tree], tmp_path / "clean")
    fill_disk_after(monkeypatch, 2, code)
    summary, log = batch([tree], out, jobs=1)
    assert summary.exit_code == 3
    assert summary.error.startswith(f"cannot write {out / 'd2.txt.json'}: {why}")
    errors = [line for line in log.splitlines() if line.startswith("thaiplan: error:")]
    assert errors == [f"thaiplan: error: {summary.error}"]  # one line, naming the file and the problem
    assert "Traceback" not in log and "STOPPED" in summary.line()
    assert rows(out) == {"d0.txt": "ok", "d1.txt": "ok"}  # nothing marked failed for the disk's fault
    assert not list(out.rglob(".*.tmp"))

    monkeypatch.undo()  # space freed
    summary, _ = batch([tree], out)
    assert summary.exit_code == 0 and (summary.unchanged, summary.converted) == (2, 4)
    assert outputs(out) == outputs(tmp_path / "clean")


def test_document_retried_when_the_disk_is_full_does_not_stay_failed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt"], bad={})
    out = tmp_path / "out"
    fill_disk_after(monkeypatch, 0, errno.ENAMETOOLONG)  # a per-document problem: recorded as failed
    batch([tree], out)
    assert rows(out) == {"a.txt": "failed"}
    fill_disk_after(monkeypatch, 0, errno.ENOSPC)
    summary, _ = batch([tree], out, retry_failed=True)
    assert summary.exit_code == 3
    assert rows(out) == {}  # forgotten, not left "failed"
    monkeypatch.undo()
    summary, _ = batch([tree], out)  # no --retry-failed needed
    assert summary.exit_code == 0 and summary.converted == 1


def test_full_manifest_stops_the_run_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = make_tree(tmp_path / "in", good=[f"d{i:02}.txt" for i in range(40)], bad={})
    out = tmp_path / "out"
    real_open = manifest_mod.open_db

    def full_db(outdir: str) -> sqlite3.Connection:
        db = real_open(outdir)
        db.execute("CREATE TABLE IF NOT EXISTS ballast (x BLOB)")
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0] + 2}")
        try:
            while True:
                with db:
                    db.execute("INSERT INTO ballast VALUES (zeroblob(1000))")
        except sqlite3.OperationalError:
            pass
        return db

    monkeypatch.setattr(manifest_mod, "open_db", full_db)
    summary, log = batch([tree], out, jobs=1)
    assert summary.exit_code == 3
    assert summary.error.startswith(f"cannot update the manifest {out / MANIFEST_NAME}: the disk is full")
    assert "Traceback" not in log
    assert "failed" not in rows(out).values()
    monkeypatch.undo()
    summary, _ = batch([tree], out)
    assert summary.exit_code == 0 and summary.converted + summary.unchanged == 40


def test_unwritable_outdir_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.batch.errors import BatchError

    tree = make_tree(tmp_path / "in", good=["a.txt"], bad={})

    def makedirs(path, exist_ok=False):
        raise PermissionError(errno.EACCES, "Permission denied", path)

    monkeypatch.setattr(manifest_mod.os, "makedirs", makedirs)
    with pytest.raises(BatchError, match=r"cannot create the output folder .*/out: permission denied"):
        batch([tree], tmp_path / "out")


# 6. Exit codes -----------------------------------------------------------------------------------

FULL_DISK_CLI = """
import errno, os, sys
sys.path.insert(0, {tests!r})
import extractor.batch.runner as runner
def write(path, text):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
runner.write_atomic = write
{extra}
from extractor.cli import main
main(["batch", *sys.argv[1:]])
"""


def test_exit_code_3_for_an_error_of_the_run_1_for_failed_documents(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt"], bad={"empty.txt": (b"", "InputError")})
    args = [str(tree), "-o", str(tmp_path / "out"), "--extractor", FAKE]
    proc = cli("batch", *args)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err  # a document failed: the batch itself went fine

    full = [sys.executable, "-c", FULL_DISK_CLI.format(tests=str(TESTS), extra=""), *args, "--force"]
    proc = subprocess.run(full, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3, proc.stderr
    assert f"thaiplan: error: cannot write {tmp_path / 'out' / 'a.txt.json'}: the disk is full" in proc.stderr
    assert "Traceback" not in proc.stderr

    # a bug of the batch itself: exit code 3, one line (not 1 with a traceback)
    bug = "import extractor.batch.runner as r\ndef boom(*a, **k): raise KeyError('boom')\nr._Run.finish = boom"
    broken = [sys.executable, "-c", FULL_DISK_CLI.format(tests=str(TESTS), extra=bug), *args, "--force"]
    proc = subprocess.run(broken, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3, proc.stderr
    assert "thaiplan: error: internal error: KeyError: 'boom'" in proc.stderr and "Traceback" not in proc.stderr

    help_text = subprocess.run([sys.executable, "-m", "extractor.cli", "batch", "--help"], capture_output=True,
                               text=True, timeout=60).stdout
    assert "1    some documents failed" in help_text and "3    the run stopped on an error" in help_text


# 7. Workers die with the driver ------------------------------------------------------------------


def alive(pid: int) -> bool:
    """Running (a zombie nobody reaps, as under a container's PID 1, counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def test_workers_die_promptly_with_a_killed_driver(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", good=["spin1.txt", "spin2.txt"], bad={})
    pids_dir = tmp_path / "pids"
    pids_dir.mkdir()
    proc = cli("batch", str(tree), "-o", str(tmp_path / "out"), "--jobs", "2", "--timeout", "0",
               "--extractor", FAKE, env={"FAKE_PIDS": str(pids_dir)})
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = [int(p.name) for p in pids_dir.iterdir()]
        assert len(workers) == 2, "the workers never started"
        server = parent_of(workers[0])  # the fork server
        proc.kill()
        proc.wait(timeout=30)  # (not communicate: surviving workers would keep its pipes open)
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in workers + [server]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if alive(pid)], "workers outlived the driver"
        assert not alive(server), "the fork server outlived the driver"
    finally:
        for pid in workers:  # clean up after a failure: only the processes this test started
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        proc.stdout.close()
        proc.stderr.close()


# 8. --timeout is CPU time, with a wall-clock backstop --------------------------------------------


def test_timeout_is_cpu_time_with_a_wall_clock_backstop(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in", good=["a.txt", "spin.txt", "sleep2.txt"], bad={})
    # (a generous backstop here: a loaded test machine must not turn the CPU limit into a wall-clock one)
    summary, log = batch([tree], tmp_path / "out", jobs=3, timeout=1, wall_timeout=60)
    failed = failures(tmp_path / "out")
    assert set(failed) == {str(tree / "spin.txt")}, log
    # computing: stopped by the CPU limit
    assert failed[str(tree / "spin.txt")] == {
        "path": str(tree / "spin.txt"), "error_class": "Timeout",
        "message": "used more than 1 s of CPU time (--timeout); the worker was stopped"}
    # waiting for 2 s of wall-clock time but hardly any CPU: within a 1 s CPU limit, so converted
    assert (tmp_path / "out" / "sleep2.txt.json").exists() and summary.converted == 2

    # waiting for ever: stopped by the wall-clock backstop (by default 3 × --timeout)
    (tree / "hang.txt").write_text(PLAN.format(n=1), encoding="utf-8")
    start = time.monotonic()
    summary, log = batch([tree], tmp_path / "out", jobs=1, timeout=1)
    assert time.monotonic() - start < 20 and summary.failed == 1
    assert failures(tmp_path / "out")[str(tree / "hang.txt")]["message"].startswith(
        "no result after 3 s of wall-clock time (3 × --timeout")


def test_cpu_limit_is_per_document(tmp_path: Path) -> None:
    """The CPU a worker used on earlier documents does not count against the next one."""
    code = ("import time, resource\n"
            "from extractor.batch.pool import limit_cpu\n"
            "end = time.process_time() + 1.5\n"
            "while time.process_time() < end: pass\n"  # 1.5 s used before the document
            "limit_cpu(1)\n"
            "soft, _ = resource.getrlimit(resource.RLIMIT_CPU)\n"
            "assert 2.5 <= soft <= 4, soft\n"
            "limit_cpu(None)\n"
            "assert resource.getrlimit(resource.RLIMIT_CPU)[0] == resource.getrlimit(resource.RLIMIT_CPU)[1]\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_blank_names_and_urls_are_refused_like_extract(tmp_path):
    from click.testing import CliRunner

    from extractor.cli import main

    for arg, said in (("", "no file name given"), ("https://example.org/plan.pdf", "is a URL")):
        result = CliRunner().invoke(main, ["batch", arg, "-o", str(tmp_path / "out")])
        assert result.exit_code == 2 and said in result.output
        assert not (tmp_path / "out").exists()
