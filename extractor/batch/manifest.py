"""The run manifest: what was converted, from which bytes, by which version.

Stored as SQLite (``OUTDIR/manifest.sqlite``, standard library, one row per
input) rather than JSON because a million-document archive must not be held
in the driver's memory, and because each commit is atomic.  Each document is
committed as it is recorded: in WAL mode with ``synchronous=NORMAL`` a commit
does not wait for the disk, yet survives the process being killed (a power
cut may lose the last commits: those documents are simply redone).

A lock file keeps two runs from writing the same OUTDIR at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
from dataclasses import dataclass
from typing import Iterator

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


def sha256_of(path: str) -> str | None:
    """Hash in chunks (large PDFs); None if unreadable — the worker then reports why."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


class OutdirLocked(Exception):
    pass


class Manifest:
    """Open with ``with Manifest(outdir) as m:``."""

    def __init__(self, outdir: str) -> None:
        self.outdir = outdir
        self._lock_fd = -1
        self.db: sqlite3.Connection | None = None

    def __enter__(self) -> Manifest:
        os.makedirs(self.outdir, exist_ok=True)
        self._lock_fd = os.open(os.path.join(self.outdir, LOCK_NAME), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._lock_fd)
            raise OutdirLocked("another thaiplan batch is writing to this folder") from None
        self.db = open_db(self.outdir)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.db is not None:
            self.db.commit()
            self.db.close()
            self.db = None
        os.close(self._lock_fd)

    def get(self, key: str) -> Entry | None:
        assert self.db is not None
        row = self.db.execute("SELECT * FROM documents WHERE key = ?", (key,)).fetchone()
        return Entry(*row) if row else None

    def put(self, entry: Entry) -> None:
        assert self.db is not None
        self.db.execute("INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (entry.key, entry.input, entry.display, entry.sha256, entry.settings, entry.status,
                         entry.output, entry.error_class, entry.message, entry.chars, entry.seconds))
        self.db.commit()

    def failures(self) -> Iterator[Entry]:
        assert self.db is not None
        for row in self.db.execute("SELECT * FROM documents WHERE status = 'failed' ORDER BY key"):
            yield Entry(*row)


def open_db(outdir: str) -> sqlite3.Connection:
    db = sqlite3.connect(os.path.join(outdir, MANIFEST_NAME))
    db.execute("PRAGMA journal_mode=WAL")  # readers (export) never block the writer
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(_SCHEMA)
    return db


class ManifestReader:
    """Look-ups by key for exports, one query each (never the whole table in memory)."""

    def __init__(self, outdir: str) -> None:
        path = os.path.join(outdir, MANIFEST_NAME)
        self.db = sqlite3.connect(path) if os.path.exists(path) else None

    def get(self, key: str) -> Entry | None:
        if self.db is None:
            return None
        row = self.db.execute("SELECT * FROM documents WHERE key = ?", (key,)).fetchone()
        return Entry(*row) if row else None

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
