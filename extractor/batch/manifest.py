"""The run manifest: what was converted, from which bytes, by which version.

Stored as SQLite (``OUTDIR/manifest.sqlite``, standard library, one row per
input) rather than JSON because a million-document archive must not be held
in the driver's memory, and because each commit is atomic.  Each document is
committed as it is recorded: in WAL mode with ``synchronous=NORMAL`` a commit
does not wait for the disk, yet survives the process being killed (a power
cut may lose the last commits: those documents are simply redone).

A lock file keeps two runs from writing the same OUTDIR at once.  It is an
operating-system lock taken with the ``filelock`` library (``flock`` on POSIX,
``msvcrt.locking`` on Windows), so the system releases it when a run dies,
however it dies: a crash never blocks the next run.  Neither the lock nor the
database is opened through a symbolic link (or if it is not a regular file): a
link planted in OUTDIR would otherwise make a run create or overwrite a file
anywhere the user can write.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import warnings
from dataclasses import dataclass
from typing import Iterator

with warnings.catch_warnings():  # "only soft file lock is available" (no fcntl nor msvcrt): see lock_outdir
    warnings.simplefilter("ignore")
    from filelock import BaseFileLock, FileLock, Timeout

from .errors import BatchError, OutdirError, OutdirLocked, environment_problem

__all__ = ["MANIFEST_NAME", "LOCK_NAME", "Entry", "Manifest", "ManifestReader", "OutdirLocked", "hash_input",
           "sha256_of"]

MANIFEST_NAME = "manifest.sqlite"
LOCK_NAME = ".thaiplan-batch.lock"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,      -- input path relative to the inputs' common folder
    input TEXT NOT NULL,       -- absolute input path when last converted
    display TEXT NOT NULL,     -- the path as the user named it
    sha256 TEXT,               -- of the input bytes; NULL when the driver could not read them
    settings TEXT NOT NULL,    -- thaiplan version + options that change the output
    status TEXT NOT NULL,      -- ok | failed
    output TEXT,               -- output path relative to OUTDIR (status ok)
    error_class TEXT,
    message TEXT,
    chars INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0
)
"""


@dataclass(frozen=True)
class Entry:
    key: str
    input: str
    display: str
    sha256: str | None
    settings: str
    status: str
    output: str | None = None
    error_class: str | None = None
    message: str | None = None
    chars: int = 0
    seconds: float = 0.0


def file_kind(mode: int) -> str:
    """What a non-regular file is, for messages."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


# Flags missing on a platform are 0: Windows has no O_NONBLOCK (nor FIFOs to wait on), and needs
# O_BINARY, without which a descriptor reads CRLF as LF and stops at a Ctrl-Z byte (a wrong hash).
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
               | getattr(os, "O_BINARY", 0))


def hash_input(path: str) -> tuple[str | None, str | None]:
    """(SHA-256, None), or (None, why not) for something that is not a regular file.

    The driver hashes every input itself, outside any time limit, so this must
    never block: the file is opened without waiting (a FIFO would otherwise
    wait for a writer), refused unless it is a regular file (a device such as
    /dev/zero never ends), and read in chunks up to the size it had when opened
    (a file that keeps growing cannot keep the driver reading).  An unreadable
    file gives (None, None): the worker then reports why, as for any document.
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None, None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, f"not a regular file ({file_kind(info.st_mode)})"
        digest = hashlib.sha256()
        left = info.st_size
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            digest.update(chunk)
            left -= len(chunk)
        return digest.hexdigest(), None
    except OSError:
        return None, None
    finally:
        os.close(fd)


def sha256_of(path: str) -> str | None:
    """The input's SHA-256, None if it cannot be read (see :func:`hash_input`)."""
    return hash_input(path)[0]


def regular_or_absent(path: str) -> None:
    """Refuse a bookkeeping file that is a symbolic link or not a regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as err:
        raise BatchError(f"{path}: cannot check it: {err.strerror or err}") from None
    if stat.S_ISLNK(info.st_mode):
        raise OutdirError(path, "is a symbolic link; refusing to follow it (remove it, or choose another "
                                "output folder)")
    if not stat.S_ISREG(info.st_mode):
        raise OutdirError(path, f"is {file_kind(info.st_mode)}, not a regular file (remove it, or choose "
                                "another output folder)")


class Manifest:
    """Open with ``with Manifest(outdir) as m:``."""

    def __init__(self, outdir: str) -> None:
        self.outdir = outdir
        self._lock: BaseFileLock | None = None
        self.db: sqlite3.Connection | None = None

    def __enter__(self) -> Manifest:
        try:
            os.makedirs(self.outdir, exist_ok=True)
        except OSError as err:
            why = environment_problem(err) or err.strerror or str(err)
            raise BatchError(f"cannot create the output folder {self.outdir}: {why}") from None
        self._lock = lock_outdir(self.outdir)
        try:
            self.db = open_db(self.outdir)
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        """Commit and close; never raises (a full disk must not bury the run's own error)."""
        if self.db is not None:
            try:
                self.db.commit()
            except sqlite3.Error:
                pass  # every put() commits: at worst nothing is lost but an uncommitted statement
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self.db = None
        self._unlock()

    def _unlock(self) -> None:
        if self._lock is not None:
            try:
                self._lock.release()
            except OSError:
                pass  # nothing left to do: the system drops the lock when this process ends
            self._lock = None

    def get(self, key: str) -> Entry | None:
        assert self.db is not None
        try:
            row = self.db.execute("SELECT * FROM documents WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as err:
            raise BatchError(f"cannot read the manifest {os.path.join(self.outdir, MANIFEST_NAME)}: "
                             f"{_sqlite_problem(err)}") from None
        return Entry(*row) if row else None

    def put(self, entry: Entry) -> None:
        """Record one document and commit; BatchError if the manifest cannot be written (disk full…)."""
        self._write("INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (entry.key, entry.input, entry.display, entry.sha256, entry.settings, entry.status,
                     entry.output, entry.error_class, entry.message, entry.chars, entry.seconds))

    def forget(self, key: str) -> None:
        """Drop a document's record, so that the next run converts it whatever happened before."""
        self._write("DELETE FROM documents WHERE key = ?", (key,))

    def _write(self, sql: str, params: tuple) -> None:
        assert self.db is not None
        try:
            with self.db:  # commit, or roll back on error: the manifest stays consistent
                self.db.execute(sql, params)
        except sqlite3.Error as err:
            raise BatchError(f"cannot update the manifest {os.path.join(self.outdir, MANIFEST_NAME)}: "
                             f"{_sqlite_problem(err)}") from None

    def failures(self) -> Iterator[Entry]:
        assert self.db is not None
        try:
            for row in self.db.execute("SELECT * FROM documents WHERE status = 'failed' ORDER BY key"):
                yield Entry(*row)
        except sqlite3.Error as err:
            raise BatchError(f"cannot read the manifest {os.path.join(self.outdir, MANIFEST_NAME)}: "
                             f"{_sqlite_problem(err)}") from None


def lock_outdir(outdir: str) -> BaseFileLock:
    """Hold OUTDIR's lock file; OutdirLocked if another run holds it.

    The lock file is checked first: a symbolic link, FIFO or folder planted in
    its place is refused before the lock library opens the path (filelock
    before 4.0 opens it following links, with O_TRUNC).  Where the system has
    no file locks at all (neither fcntl nor msvcrt), ``FileLock`` is filelock's
    soft lock: a file that exists while a run holds it (filelock 4 removes one
    left by a run that died; older versions leave it to be deleted by hand).
    """
    path = os.path.join(outdir, LOCK_NAME)
    regular_or_absent(path)
    lock = FileLock(path, thread_local=False)  # released by __exit__, whichever thread runs it
    try:
        with warnings.catch_warnings():  # filelock 4 on a file system without flock: a soft lock, as above
            warnings.simplefilter("ignore")
            lock.acquire(timeout=0)
    except Timeout:
        raise OutdirLocked(outdir, "another thaiplan batch is writing to this folder") from None
    except OSError as err:
        regular_or_absent(path)  # a symbolic link (ELOOP) or other planted file: say so
        why = environment_problem(err) or err.strerror or str(err)
        raise BatchError(f"cannot create the lock file {path}: {why}") from None
    return lock


# SQLite opens these beside the database; it follows symbolic links, so they are checked first
# (under the lock, so no other thaiplan run is creating them meanwhile).
_DB_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _sqlite_problem(err: sqlite3.Error) -> str:
    text = str(err)
    return "the disk is full" if "disk is full" in text else text


def open_db(outdir: str) -> sqlite3.Connection:
    path = os.path.join(outdir, MANIFEST_NAME)
    for suffix in _DB_SUFFIXES:
        regular_or_absent(path + suffix)
    try:
        db = sqlite3.connect(path)
        db.execute("PRAGMA journal_mode=WAL")  # readers (export) never block the writer
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(_SCHEMA)
    except sqlite3.Error as err:
        hint = " (delete it to start over: every document will be converted again)" \
            if isinstance(err, sqlite3.DatabaseError) and "not a database" in str(err) else ""
        raise BatchError(f"cannot open the manifest {path}: {_sqlite_problem(err)}{hint}") from None
    return db


class ManifestReader:
    """Look-ups by key for exports, one query each (never the whole table in memory)."""

    def __init__(self, outdir: str) -> None:
        path = os.path.join(outdir, MANIFEST_NAME)
        # A manifest that is a symbolic link (or not a file) is not ours: treated as absent, never followed.
        usable = os.path.isfile(path) and not any(os.path.islink(path + s) for s in _DB_SUFFIXES)
        self.db = sqlite3.connect(path) if usable else None

    def get(self, key: str) -> Entry | None:
        if self.db is None:
            return None
        row = self.db.execute("SELECT * FROM documents WHERE key = ?", (key,)).fetchone()
        return Entry(*row) if row else None

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
