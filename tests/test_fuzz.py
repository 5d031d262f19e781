"""Fuzzing the readers (issue 9, safety): seeded mutations of the corpus files, every format.

For each format (.txt, .docx, .pdf, .doc, .xlsx, .xls) a few hundred files are
made from the corpus files (corpora/seeds, corpora/variants, tests/fixtures,
../shared/corpora/dev when present; .xlsx and .xls bases are generated from
the seeds) by deterministic mutations (``random.Random`` seeded per case):
byte flips, truncation, chunk duplication/deletion/splicing; numbers turned
into huge digit runs, odd characters, repeated and joined lines in text;
inflate → mutate → re-zip of the XML parts of .docx/.xlsx (huge attribute
values, duplicated and deeply nested elements, broken tags, entities, dropped
or renamed members); for PDFs, inflate → mutate → deflate of content streams
and ToUnicode CMaps (degenerate matrices, font sizes, duplicated text blocks,
surrogate and long mappings), object numbers, references (cycles, dangling),
page-tree /Kids, dictionary values and the xref table; for .xls, BIFF record
mutations (huge/odd cell values, dates, merges, formats, strings, record
lengths) re-wrapped in an OLE container.

The files are extracted in worker processes (``tests/fuzz_child.py``; a small
pool, not one process per file) that run ``thaiplan extract FILE -o OUT
--include-text`` in-process (click's ``standalone_mode=False``), each file
under a time bound in CPU seconds (ITIMER_PROF, so that a loaded CI machine
does not fail the test; the parent also kills a worker that stops answering,
e.g. stuck in native code) and a memory bound (RLIMIT_AS on the address space,
and the peak resident memory).  Every file must end with exit code 0 (stderr:
nothing, or ``thaiplan: warning:`` lines) or 2 (stderr ending with one
``thaiplan: error:`` line): no other exception or exit code, no traceback, no
timeout, no memory failure, no crash.  ``test_cli_on_mutated_files`` also
runs the real ``thaiplan extract`` command on a few mutated files per format.

Environment:

* ``THAIPLAN_FUZZ=N``: N cases per format (default below; 0 skips the fuzzing).
* ``THAIPLAN_FUZZ_SEED=S``: another seed (default "0").
* ``THAIPLAN_FUZZ_CASES=pdf-0017,docx-0003``: run only these cases (the same
  files are regenerated: a case depends only on the seed, its format and its
  number, and on which corpus files exist).
* ``THAIPLAN_FUZZ_KEEP=DIR``: copy the failing files there.
* ``THAIPLAN_FUZZ_TIMEOUT`` (CPU s per file, default 10), ``THAIPLAN_FUZZ_MEM_MB``
  (address space, default 2048), ``THAIPLAN_FUZZ_RSS_MB`` (peak resident
  memory, default 1024), ``THAIPLAN_FUZZ_JOBS`` (workers, default 2).
* ``THAIPLAN_FUZZ_SOFFICE=1``: let .doc files reach LibreOffice (hidden from
  the workers by default: converting is LibreOffice's code, and slow; its CPU
  time is not the worker's, the wall-clock watchdog then allows 180 s).

A failure lists each failing case (id, base file, mutations, outcome, the
error's first lines); the failing files stay in pytest's temporary directory
(the report says where, with ``fuzz-report.json`` holding every result and
recipe; the passing files are deleted as they pass).
"""

from __future__ import annotations

import bisect
import codecs
import io
import json
import os
import queue
import random
import re
import resource
import select
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pytest

from fuzz_child import classify

pytestmark = pytest.mark.fuzz

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
CHILD = TESTS / "fuzz_child.py"
DEV = ROOT.parent / "shared" / "corpora" / "dev"

FORMATS = ("txt", "docx", "pdf", "doc", "xlsx", "xls")


def _env_num(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


#: Cases per format (THAIPLAN_FUZZ), times SHARE: .txt and .pdf files cost the most
#: (about 0.35 CPU s each; .docx 0.2 s, the others 0.1 s), and .doc gets fewer: without
#: LibreOffice most of its paths end at the first bytes, and its .docx-inside path is the
#: .docx reader's.  The default, 960 files, takes about 160 CPU s of extraction: about
#: 1.5-2 minutes on 2 cores for the whole module.
N_CASES = int(_env_num("THAIPLAN_FUZZ", 200))
SHARE = {"txt": 0.75, "docx": 1.0, "pdf": 0.75, "doc": 0.3, "xlsx": 1.0, "xls": 1.0}
SEED = os.environ.get("THAIPLAN_FUZZ_SEED", "0")
FILE_TIMEOUT = _env_num("THAIPLAN_FUZZ_TIMEOUT", 10.0)
MEM_MB = int(_env_num("THAIPLAN_FUZZ_MEM_MB", 2048))
RSS_MB = _env_num("THAIPLAN_FUZZ_RSS_MB", 1024)
WORKERS = max(1, int(_env_num("THAIPLAN_FUZZ_JOBS", min(2, os.cpu_count() or 1))))
USE_SOFFICE = os.environ.get("THAIPLAN_FUZZ_SOFFICE", "") not in ("", "0")
ONLY = {c.strip() for c in os.environ.get("THAIPLAN_FUZZ_CASES", "").split(",") if c.strip()}
#: The parent kills a worker that has not answered within this many wall-clock seconds (stuck in
#: native code, or blocked); generous, as the per-file bound is in CPU seconds and CI machines are shared.
HARD_TIMEOUT = FILE_TIMEOUT * 4 + 30 if not USE_SOFFICE else max(FILE_TIMEOUT * 4 + 30, 180)
STARTUP_TIMEOUT = 120.0
#: Mutated files stay below this size.
MAX_SIZE = 6 << 20
#: Mutations that grow a part (text, XML, a PDF stream, a BIFF stream) add about this much at most:
#: enough to show superlinear costs, small enough that a linear reader stays well inside FILE_TIMEOUT.
GROW = 2 << 20
FAILING = ("exception", "exit-code", "timeout", "memory", "bad-message", "crash", "hang")
CLI_CASES = 3
#: CPU seconds the command line may spend starting (imports, rules) on top of FILE_TIMEOUT.
CLI_STARTUP = 10

if N_CASES <= 0 and not ONLY:
    pytest.skip("THAIPLAN_FUZZ=0: fuzzing skipped", allow_module_level=True)
if not hasattr(resource, "RLIMIT_AS") or not hasattr(signal, "setitimer"):
    pytest.skip("the fuzz harness needs RLIMIT_AS and setitimer (Linux/Unix)", allow_module_level=True)


# ====================================================================== corpus (base files)

@dataclass
class Base:
    name: str
    data: bytes
    kind: str = ""  # a format-specific flavour ("pk", "rtf", "ole" for .doc bases; "gen"/"real" for .xls)
    extra: dict = field(default_factory=dict)


def _files(*patterns: str, root: Path = ROOT) -> list[Path]:
    out: list[Path] = []
    for pattern in patterns:
        out += sorted(root.glob(pattern))
    return out


def _dev(pattern: str) -> list[Path]:
    return sorted(DEV.glob(pattern)) if DEV.is_dir() else []


def _seed_lines(limit: int | None = None) -> list[str]:
    seeds = _files("corpora/seeds/*.txt")
    text = seeds[-1].read_text(encoding="utf-8") if seeds else "แผนงาน\n1. โครงการก่อสร้างถนน 250,000 บาท\n"
    lines = text.splitlines()
    return lines[:limit] if limit else lines


_CELL_SPLIT = re.compile(r"\t| {2,}")
_PLAIN_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|-?\d+(?:\.\d+)?")


def _rows_from_text(lines: list[str]) -> list[list[str | float]]:
    rows = []
    for line in lines:
        cells: list[str | float] = []
        for part in _CELL_SPLIT.split(line):
            part = part.strip()
            if _PLAIN_NUMBER.fullmatch(part) and len(part) < 16:
                cells.append(float(part.replace(",", "")))
            else:
                cells.append(part)
        rows.append(cells)
    return rows


def _xlsx_bases() -> list[Base]:
    import datetime as dt

    import openpyxl

    def save(wb) -> bytes:
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    # 1. a seed laid out as a sheet: one line per row, cells split on tabs/runs of spaces
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "แผนพัฒนา"
    for r, cells in enumerate(_rows_from_text(_seed_lines(700)), 1):
        for c, value in enumerate(cells, 1):
            if value == "":
                continue
            cell = ws.cell(r, c, value)
            if isinstance(value, float):
                cell.number_format = "#,##0.00"
    ws.merge_cells("A1:E1")
    other = wb.create_sheet("สรุป")
    other["A1"], other["B1"] = "รวมงบประมาณ", 1234567.5
    other["B1"].number_format = "#,##0"
    other["A2"], other["B2"] = "วันที่", dt.datetime(2024, 10, 1)
    other["B2"].number_format = "yyyy-mm-dd"
    other["A3"] = "=SUM(B1:B2)"
    seed_sheet = save(wb)

    # 2. a small plan with merged cells, dates, booleans, a hidden sheet
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "แผน"
    ws["A1"] = "แผนพัฒนา\nสามปี"
    ws.merge_cells("A1:D1")
    ws["A2"], ws["B2"], ws["C2"] = "ที่", "โครงการ", "งบประมาณ"
    ws.merge_cells("C2:D2")
    for i in range(3, 40):
        ws.cell(i, 1, i - 2)
        ws.cell(i, 2, f"โครงการก่อสร้างถนน คสล. หมู่ที่ {i}")
        ws.cell(i, 3, 100000 * i).number_format = "#,##0"
        ws.cell(i, 4, i / 7).number_format = "0.00%"
    ws["B41"] = True
    ws["C41"] = dt.datetime(2013, 10, 1)
    ws["C41"].number_format = "d mmm yy"
    ws.merge_cells("B42:B44")
    hidden = wb.create_sheet("ซ่อน")
    hidden["A1"] = "secret"
    hidden.sheet_state = "hidden"
    plan = save(wb)
    return [Base("seed-sheet.xlsx", seed_sheet), Base("plan.xlsx", plan)]


# ---------------------------------------------------------------- a minimal BIFF8 .xls writer

def _ustr16(s: str) -> bytes:
    return struct.pack("<HB", len(s), 1) + s.encode("utf-16-le")


def _ustr8(s: str) -> bytes:
    return struct.pack("<BB", len(s), 1) + s.encode("utf-16-le")


XF_TEXT, XF_NUMBER, XF_DATE = 15, 16, 17


def biff8_records(sheets: list[tuple[str, list[tuple[int, int, object]], list[tuple[int, int, int, int]]]]
                  ) -> list[tuple[int, bytes]]:
    """BIFF8 workbook stream records for ``[(sheet name, [(row, col, value)], [merges])]``;
    a value is a str, a number or ``("date", serial)``."""
    def bof(dt: int) -> tuple[int, bytes]:
        return 0x0809, struct.pack("<HHHHII", 0x0600, dt, 0x0DBB, 0x07CC, 0, 6)

    glob = [bof(0x0005), (0x0042, struct.pack("<H", 1200)), (0x0022, struct.pack("<H", 0))]
    font = struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + _ustr8("Tahoma")
    glob += [(0x0031, font)] * 5
    glob.append((0x041E, struct.pack("<H", 164) + _ustr16("#,##0.00")))

    def xf(fmt: int, flags: int) -> tuple[int, bytes]:
        return 0x00E0, struct.pack("<HHHBBBBIIH", 0, fmt, flags, 0x20, 0, 0, 0, 0, 0, 0x20C0)

    glob += [xf(0, 0xFFF5)] * 15 + [xf(0, 1), xf(164, 1), xf(14, 1)]
    glob.append((0x0293, struct.pack("<HBB", 0x8000, 0, 0xFF)))
    substreams = []
    for name, cells, merges in sheets:
        recs = [bof(0x0010)]
        nrows = max((r for r, _, _ in cells), default=0) + 1
        ncols = max((c for _, c, _ in cells), default=0) + 1
        recs.append((0x0200, struct.pack("<IIHHH", 0, nrows, 0, ncols, 0)))
        for r, c, v in cells:
            if isinstance(v, str):
                recs.append((0x0204, struct.pack("<HHH", r, c, XF_TEXT) + _ustr16(v[:2000])))
            elif isinstance(v, tuple):
                recs.append((0x0203, struct.pack("<HHHd", r, c, XF_DATE, float(v[1]))))
            else:
                recs.append((0x0203, struct.pack("<HHHd", r, c, XF_NUMBER, float(v))))
        if merges:
            recs.append((0x00E5, struct.pack("<H", len(merges))
                         + b"".join(struct.pack("<HHHH", *m) for m in merges)))
        recs.append((0x000A, b""))
        substreams.append((name, recs))
    for name, _ in substreams:
        glob.append((0x0085, struct.pack("<IBB", 0, 0, 0) + _ustr8(name)))  # offsets: see biff_stream
    glob.append((0x000A, b""))
    return glob + [r for _, recs in substreams for r in recs]


def biff_stream(recs: list[tuple[int, bytes]], fix_offsets: bool = True) -> bytes:
    """Serialise records; BOUNDSHEET offsets are set to the sheets' BOF positions (in order)."""
    if fix_offsets:
        pos, bofs, seen_eof = 0, [], False
        for t, d in recs:
            if t == 0x000A:
                seen_eof = True
            elif t == 0x0809 and seen_eof:
                bofs.append(pos)
            pos += 4 + len(d)
        fixed, k = [], 0
        for t, d in recs:
            if t == 0x0085 and k < len(bofs) and len(d) >= 4:
                d = struct.pack("<I", bofs[k]) + d[4:]
                k += 1
            fixed.append((t, d))
        recs = fixed
    return b"".join(struct.pack("<HH", t & 0xFFFF, len(d) & 0xFFFF) + d for t, d in recs)


def biff_parse(stream: bytes) -> list[tuple[int, bytes]]:
    recs, i = [], 0
    while i + 4 <= len(stream):
        t, n = struct.unpack_from("<HH", stream, i)
        if t == 0 and n == 0 and not stream[i:i + 64].strip(b"\0"):
            break  # padding
        recs.append((t, stream[i + 4:i + 4 + n]))
        i += 4 + n
    return recs


def ole_file(streams: list[tuple[str, bytes]]) -> bytes:
    """An OLE2 compound file (version 3, 512-byte sectors, every stream >= 4096 bytes: no mini stream)."""
    sec, endc, free, fats, nos = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    padded = [(n, s + bytes(max(0, 4096 - len(s)))) for n, s in streams]
    nsec = [-(-len(s) // sec) for _, s in padded]
    ndir = -(-(len(streams) + 1) // 4)
    total = sum(nsec) + ndir
    nfat = 1
    while nfat * 128 < total + nfat:
        nfat += 1
    if nfat > 109:
        raise ValueError("stream too big for a header-only DIFAT")
    fat = [fats] * nfat
    starts = []
    for n in nsec:
        first = len(fat)
        starts.append(first)
        fat += list(range(first + 1, first + n)) + [endc]
    dir_start = len(fat)
    fat += list(range(dir_start + 1, dir_start + ndir)) + [endc]
    fat += [free] * (nfat * 128 - len(fat))

    def entry(name: str, typ: int, child: int, start: int, size: int, right: int = nos) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), typ, 1, nos, right, child)
                + bytes(16) + struct.pack("<IQQII", 0, 0, 0, start, size) + bytes(4))

    ents = [entry("Root Entry", 5, 1 if streams else nos, endc, 0)]
    for i, ((name, s), st) in enumerate(zip(streams, starts)):
        ents.append(entry(name, 2, nos, st, len(s), right=i + 2 if i + 1 < len(streams) else nos))
    ents += [entry("", 0, nos, 0, 0)] * (ndir * 4 - len(ents))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, nfat, dir_start, 0, 4096, endc, 0, endc, 0))
    header += struct.pack("<109I", *(list(range(nfat)) + [free] * (109 - nfat)))
    body = bytearray(header)
    body += struct.pack(f"<{len(fat)}I", *fat)
    for _, s in padded:
        body += s + bytes(-len(s) % sec)
    body += b"".join(ents)
    return bytes(body)


def _xls_bases() -> list[Base]:
    cells: list[tuple[int, int, object]] = []
    for r, row in enumerate(_rows_from_text(_seed_lines(400))):
        for c, value in enumerate(row):
            if value != "":
                cells.append((r, c, value))
    cells += [(402, 0, "วันที่เริ่ม"), (402, 1, ("date", 45200.0)), (403, 1, ("date", 0.5))]
    recs = biff8_records([("แผน", cells, [(0, 0, 0, 4), (402, 403, 0, 0)]),
                          ("สรุป", [(1, 1, "รวม"), (1, 2, 1234.5), (2, 2, ("date", 45000.25))], [])])
    bases = [Base("seed-sheet.xls", ole_file([("Workbook", biff_stream(recs))]), "gen", {"records": recs})]
    for path in _dev("*.xls"):
        data = path.read_bytes()
        try:
            import xlrd.compdoc

            stream = xlrd.compdoc.CompDoc(data, logfile=io.StringIO()).get_named_stream("Workbook")
            extra = {"records": biff_parse(stream)} if stream else {}
        except Exception:  # noqa: BLE001 - only byte mutations then
            extra = {}
        bases.append(Base(path.name, data, "real", extra))
    return bases


def _doc_bases() -> list[Base]:
    bases = [Base(p.name, p.read_bytes(), "pk") for p in _files("corpora/variants/*.docx")[:1]]
    lines = _seed_lines(300)
    body = "".join("".join(ch if ord(ch) < 128 and ch not in "\\{}" else f"\\u{ord(ch)}?" for ch in line)
                   + "\\par\n" for line in lines)
    rtf = ("{\\rtf1\\ansi\\ansicpg874\\deff0{\\fonttbl{\\f0 Tahoma;}}\n" + body + "}\n").encode("ascii")
    bases.append(Base("seed.rtf.doc", rtf, "rtf"))
    word = "\n".join(lines).encode("utf-16-le")
    fib = struct.pack("<HH", 0xA5EC, 0x00C1) + bytes(508)
    bases.append(Base("word97.doc", ole_file([("WordDocument", fib + word[:60000]), ("1Table", bytes(4096))]), "ole"))
    bases.append(Base("protected.doc", ole_file([("EncryptedInfo", bytes(4096)),
                                                  ("EncryptedPackage", bytes(8192))]), "ole"))
    return bases


_BASES: dict[str, list[Base]] = {}


def bases(fmt: str) -> list[Base]:
    if fmt not in _BASES:
        if fmt == "txt":
            found = _files("corpora/seeds/*.txt", "tests/fixtures/*.txt") + _dev("*.txt")
            _BASES[fmt] = [Base(p.name, p.read_bytes()) for p in found]
        elif fmt == "docx":
            found = _files("corpora/variants/*.docx") + _dev("*.docx")
            _BASES[fmt] = [Base(p.name, p.read_bytes()) for p in found]
        elif fmt == "pdf":
            # the smaller PDFs: mutations of a 3 MB scan would mostly spend the time budget on pdfium
            found = [p for p in _files("corpora/variants/*.pdf") + _dev("*.pdf") if p.stat().st_size <= 800_000]
            _BASES[fmt] = [Base(p.name, p.read_bytes()) for p in found]
        elif fmt == "xlsx":
            _BASES[fmt] = _xlsx_bases()
        elif fmt == "xls":
            _BASES[fmt] = _xls_bases()
        elif fmt == "doc":
            _BASES[fmt] = _doc_bases()
    return _BASES[fmt]


# ====================================================================== mutations

class Mut:
    """The random source of one case and the log of what was done (the case's recipe)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.ops: list[str] = []

    def log(self, op: str) -> None:
        self.ops.append(op)

    def pos(self, n: int) -> int:
        return self.rng.randrange(max(n, 1))

    def count(self, *choices: int) -> int:
        return self.rng.choice(choices)

    def pick(self, items):
        return self.rng.choice(items)


# ---------------------------------------------------------------- bytes

INTERESTING = [b"\x00", b"\xff", b"\x7f", b"\x80", b"\xff\xff", b"\x00\x00", b"\xff\xff\xff\x7f",
               b"\x00\x00\x00\x80", b"\xff\xff\xff\xff", b"\x01\x00\x00\x00", b"\n", b"\r", b"%", b"<", b"\\"]


def b_flip(m: Mut, data: bytes) -> bytes:
    buf = bytearray(data)
    k = m.count(1, 2, 4, 16, 64)
    for _ in range(k):
        buf[m.pos(len(buf))] ^= 1 << m.rng.randrange(8)
    m.log(f"flip {k} bits")
    return bytes(buf)


def b_interesting(m: Mut, data: bytes) -> bytes:
    buf = bytearray(data)
    k = m.count(1, 2, 8)
    for _ in range(k):
        val = m.pick(INTERESTING)
        at = m.pos(len(buf))
        buf[at:at + len(val)] = val
    m.log(f"overwrite {k} spots with boundary values")
    return bytes(buf)


def b_truncate(m: Mut, data: bytes) -> bytes:
    n = len(data)
    cut = m.pick([m.pos(n), n - 1 - m.pos(min(n - 1, 64)), n // 2, m.pos(min(n, 2048))]) if n > 1 else 1
    cut = max(1, cut)
    m.log(f"truncate at {cut}/{n}")
    return data[:cut]


def b_delete(m: Mut, data: bytes) -> bytes:
    n = len(data)
    size = min(max(1, n // 4), m.count(1, 16, 256, 4096, 65536))
    at = m.pos(n - size)
    m.log(f"delete {size} bytes at {at}")
    return data[:at] + data[at + size:]


def b_duplicate(m: Mut, data: bytes) -> bytes:
    n = len(data)
    size = min(n, m.count(4, 64, 1024, 8192))
    at = m.pos(n - size)
    times = m.count(1, 2, 16, 256, 4096)
    times = max(1, min(times, GROW // max(size, 1)))
    to = m.pos(n)
    m.log(f"duplicate {size} bytes at {at} x{times} into {to}")
    return data[:to] + data[at:at + size] * times + data[to:]


def b_insert(m: Mut, data: bytes) -> bytes:
    size = m.count(1, 8, 512)
    junk = bytes(m.rng.randrange(256) for _ in range(size))
    at = m.pos(len(data))
    m.log(f"insert {size} random bytes at {at}")
    return data[:at] + junk + data[at:]


def b_splice(m: Mut, data: bytes, others: list[Base]) -> bytes:
    other = m.pick(others).data
    size = min(len(other), m.count(64, 4096, 65536))
    src = m.pos(len(other) - size)
    at = m.pos(len(data))
    m.log(f"splice {size} bytes of another file at {at}")
    return data[:at] + other[src:src + size] + data[at + size:]


BYTE_OPS = [b_flip, b_flip, b_interesting, b_truncate, b_delete, b_duplicate, b_insert]


def byte_mutation(m: Mut, data: bytes, others: list[Base] | None = None) -> bytes:
    ops = BYTE_OPS + ([b_splice] if others else [])
    op = m.pick(ops)
    if not data:
        return data
    return op(m, data, others) if op is b_splice else op(m, data)


# ---------------------------------------------------------------- text

_DIGITS = re.compile(r"[0-9๐-๙][0-9๐-๙,.]*")
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def huge_number(m: Mut) -> str:
    n = m.count(19, 25, 310, 5000, 60000)
    digits = "".join(m.pick("123456789") for _ in range(min(n, 40)))
    digits = (digits * (n // len(digits) + 1))[:n]
    style = m.rng.randrange(7)
    if style == 1:
        digits = f"{int(digits[:4000]):,}" if n <= 4000 else ",".join(digits[i:i + 3] for i in range(0, n, 3))
    elif style == 2:
        digits = digits[: n // 2] + "." + digits[n // 2:]
    elif style == 3:
        digits = digits.translate(_THAI_DIGITS)
    elif style == 4:
        digits = "-" + digits
    elif style == 5:
        digits = m.pick(["1e309", "9" * 400 + "e-999", "0." + "0" * 5000 + "1", "1,,,,,,,,2", "1.2.3.4.5",
                         "๙๙๙,๙๙๙,๙๙๙,๙๙๙,๙๙๙,๙๙๙,๙๙๙.๙๙", "nan", "1/0", "0" * 3000])
    return digits


def t_digits(m: Mut, text: str) -> str:
    runs = list(_DIGITS.finditer(text))
    k = m.count(1, 1, 3, 20)
    if not runs:
        at = m.pos(len(text))
        m.log("insert a huge number")
        return text[:at] + " " + huge_number(m) + " " + text[at:]
    chosen = sorted(m.rng.sample(runs, min(k, len(runs))), key=lambda r: r.start(), reverse=True)
    for r in chosen:
        text = text[:r.start()] + huge_number(m) + text[r.end():]
        if len(text) > GROW:
            break
    m.log(f"{len(chosen)} numbers -> huge digit runs")
    return text


WEIRD = ["\ufeff", "\u200b", "\u202e", "\ufffd", "\uffff", "\U0010ffff", "\u0e31" * 60, "\r", "\u2028",
         "\x0c", "\x1b", "\x85", "\t" * 50, "\u0e4d\u0e32" * 5, "\ue000", "\U0001f600", "\u00a0" * 20,
         "\u0301" * 100, "\x7f", "๏", "\u0e3a" * 10, "\u0e40" * 30, "\u0e48\u0e49\u0e4a\u0e4b" * 10]
#: These make a whole text or XML part unreadable (NUL, lone surrogates): used in one case out of four.
INVALID = ["\x00", "\ud800", "\udfff", "\udc80", "\x01"]


def t_weird(m: Mut, text: str) -> str:
    k = m.count(1, 3, 20, 200)
    chars = WEIRD + INVALID if m.rng.random() < 0.25 else WEIRD
    for _ in range(k):
        at = m.pos(len(text))
        text = text[:at] + m.pick(chars) + text[at:]
    m.log(f"insert {k} odd characters ({'with' if chars is not WEIRD else 'no'} NUL/surrogates)")
    return text


def t_repeat_line(m: Mut, text: str) -> str:
    lines = text.split("\n")
    i = m.pos(len(lines))
    for _ in range(20):  # prefer a line that says something
        if lines[i].strip():
            break
        i = m.pos(len(lines))
    times = m.count(10, 300, 3000, 30000)
    times = max(1, min(times, GROW // max(len(lines[i]) + 1, 1)))
    m.log(f"repeat line {i} x{times}")
    return "\n".join(lines[:i] + [lines[i]] * times + lines[i + 1:])


def t_long_line(m: Mut, text: str) -> str:
    if m.rng.random() < 0.5:
        lines = text.split("\n")
        a = m.pos(len(lines))
        b = min(len(lines), a + m.count(10, 200, 100000))
        m.log(f"join lines {a}-{b} into one")
        return "\n".join(lines[:a] + [" ".join(lines[a:b])] + lines[b:])
    filler = m.pick(["ก", "1", "-", " ", "โครงการ", ".", "ุ", "|", "\t"])
    n = m.count(10_000, 200_000, 2_000_000) // len(filler)
    at = text.find("\n", m.pos(len(text)))
    at = len(text) if at < 0 else at
    m.log(f"insert a line of {n} x {filler!r}")
    return text[:at] + "\n" + filler * n + text[at:]


def t_deep(m: Mut, text: str) -> str:
    depth = m.count(30, 300, 3000)
    kind = m.rng.randrange(4)
    if kind == 0:
        line = ".".join(["1"] * depth) + " โครงการพัฒนา"
    elif kind == 1:
        line = "(" * depth + "โครงการ" + ")" * depth
    elif kind == 2:
        line = "\n".join(" " * i + f"{i}) โครงการ {i}" for i in range(depth))
    else:
        line = "\n".join(f"{'.'.join(str(j) for j in range(1, i % 40 + 2))} กิจกรรม {i} งบประมาณ {i * 1000:,} บาท"
                         for i in range(depth))
    at = text.find("\n", m.pos(len(text)))
    at = len(text) if at < 0 else at
    m.log(f"insert deep numbering/nesting ({['dotted', 'parens', 'indented', 'outline'][kind]} x{depth})")
    return text[:at] + "\n" + line + text[at:]


def t_shuffle(m: Mut, text: str) -> str:
    lines = text.split("\n")
    a = m.pos(len(lines))
    b = min(len(lines), a + m.count(5, 50, 1000))
    part = lines[a:b]
    m.rng.shuffle(part)
    m.log(f"shuffle lines {a}-{b}")
    return "\n".join(lines[:a] + part + lines[b:])


def t_delete_lines(m: Mut, text: str) -> str:
    lines = text.split("\n")
    a = m.pos(len(lines))
    b = min(len(lines), a + m.count(1, 20, 500))
    m.log(f"delete lines {a}-{b}")
    return "\n".join(lines[:a] + lines[b:])


def t_digits_script(m: Mut, text: str) -> str:
    if m.rng.random() < 0.5:
        m.log("ASCII digits -> Thai digits")
        return text.translate(_THAI_DIGITS)
    m.log("Thai digits -> ASCII digits")
    return text.translate({ord(t): ord(a) for a, t in zip("0123456789", "๐๑๒๓๔๕๖๗๘๙")})


def t_newlines(m: Mut, text: str) -> str:
    nl = m.pick(["\r\n", "\r", "\u2028", "\x0b", "\x0c", "\n\n\n"])
    m.log(f"newlines -> {nl!r}")
    return text.replace("\n", nl)


TEXT_OPS = [t_digits, t_digits, t_weird, t_repeat_line, t_long_line, t_deep, t_shuffle, t_delete_lines,
            t_digits_script, t_newlines]


def text_mutation(m: Mut, text: str, ops=TEXT_OPS) -> str:
    return m.pick(ops)(m, text)


# ---------------------------------------------------------------- .txt

def mutate_txt(m: Mut, base: Base, others: list[Base], mode: str = "any") -> bytes:
    text = base.data.decode("utf-8", "surrogateescape")
    if mode == "mild":
        return t_digits(m, text).encode("utf-8", "thaiplan-fuzz")
    if mode == "truncate":
        return b_truncate(m, base.data)
    for _ in range(m.count(1, 1, 2, 3)):
        text = text_mutation(m, text)
    enc = m.pick(["utf-8"] * 10 + ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp874", "tis-620"])
    if enc != "utf-8":
        m.log(f"encode as {enc}")
    errors = "replace" if enc in ("cp874", "tis-620") else "thaiplan-fuzz" if enc == "utf-8" else "surrogatepass"
    try:
        data = text.encode(enc, errors)
    except UnicodeEncodeError:
        data = text.encode("utf-8", "thaiplan-fuzz")
    if m.rng.random() < 0.3:
        data = byte_mutation(m, data, others)
    if m.rng.random() < 0.15:
        bad = m.pick([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\xe0\xb8", b"\x81"])
        at = m.pos(len(data))
        m.log(f"insert invalid UTF-8 {bad!r}")
        data = data[:at] + bad + data[at:]
    return data[:MAX_SIZE]


# ---------------------------------------------------------------- zip (.docx, .xlsx)

def _fuzz_errors(exc: UnicodeError):
    """Encode lone surrogates: U+DC80-U+DCFF back to the bytes they stand for (surrogateescape),
    other surrogates as their 3-byte forms (surrogatepass): both invalid UTF-8, as intended."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = b""
    for ch in exc.object[exc.start:exc.end]:
        c = ord(ch)
        out += bytes([c - 0xDC00]) if 0xDC80 <= c <= 0xDCFF else ch.encode("utf-8", "surrogatepass")
    return out, exc.end


codecs.register_error("thaiplan-fuzz", _fuzz_errors)


def zip_read(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


def zip_write(members: list[tuple[str, bytes]]) -> bytes:
    import warnings

    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for name, data in members:
                zf.writestr(name, data)
    return out.getvalue()


MAIN_PARTS = ("word/document.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "word/numbering.xml",
              "word/styles.xml", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet2.xml")
ELEMENTS = {"docx": ["w:p", "w:r", "w:t", "w:tr", "w:tc", "w:tbl", "w:num", "w:abstractNum", "w:lvl",
                     "w:style", "w:txbxContent", "w:sdt"],
            "xlsx": ["row", "c", "si", "mergeCell", "sheet", "xf", "numFmt", "v", "t", "r"]}
NUM_FORMATS = ['[$-F800]dddd, mmmm dd, yyyy', '0.0E+00', '"', '#,##0;[Red](#,##0);"-"', ';;;', '@', 'yyyy' * 200,
               '[<0]"neg";[>1e9]"big";0', '0' * 400 + '.' + '#' * 400, 'mmmm d, yyyy h:mm:ss.000 AM/PM',
               '[h]:mm:ss', '[$฿-41E]#,##0.00', 'B1yyyy/mm/dd', '\\', '?/?', '# ??/??', '[DBNum1]0',
               '\u0e01' * 1000, '0%%%%%%', 'e+', '"unterminated', '[', ']', '0.0.0', '#,##0,,,,,,,,,,']


def x_attr(m: Mut, xml: str, fmt: str) -> str:
    attrs = list(re.finditer(r'(\s[\w:]+=")(-?\d+|[A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)(")', xml))
    if not attrs:
        return t_digits(m, xml)
    k = m.count(1, 3, 50)
    chosen = sorted(m.rng.sample(attrs, min(k, len(attrs))), key=lambda a: a.start(), reverse=True)
    for a in chosen:
        value = a.group(2)
        if value[0].isalpha():  # a cell reference or a range
            new = m.pick(["XFD1048576", "A1:XFD1048576", "A0", "ZZZZ99999999", "A1048577", "B2:A1", "A", "1",
                          "A1:A1:A1", "$A$1", "a1", "XFE1", "A-1", "A99999999999999999999"])
        else:
            new = m.pick(["-1", "0", "2147483648", "4294967296", "99999999999999999999", "-99999", "1e309",
                          "nan", "3.5", "", "0x10", str(10 ** m.count(5, 8, 40))])
        xml = xml[:a.start(2)] + new + xml[a.end(2):]
    m.log(f"{len(chosen)} numeric/reference attributes -> odd values")
    return xml


def _elements(xml: str, tag: str) -> list[re.Match]:
    return list(re.finditer(rf"<{re.escape(tag)}[ >](?:(?!<{re.escape(tag)}[ >]).)*?</{re.escape(tag)}>", xml, re.S))


def x_dup(m: Mut, xml: str, fmt: str) -> str:
    for _ in range(6):
        tag = m.pick(ELEMENTS[fmt])
        found = _elements(xml, tag)
        if found:
            break
    else:
        return x_truncate(m, xml, fmt)
    el = m.pick(found)
    times = m.count(2, 50, 2000, 20000, 200000)
    times = max(2, min(times, GROW // max(len(el.group(0)), 1)))
    if times > 50 and m.rng.random() < 0.7:
        # copies that differ (other digits): they compress like real content, not like a zip bomb
        variants = [re.sub(r"\d", lambda _: m.pick("0123456789"), el.group(0)) for _ in range(200)]
        m.log(f"duplicate a <{tag}> element x{times} (digits varied)")
        return xml[:el.start()] + "".join(variants[k % 200] for k in range(times)) + xml[el.end():]
    m.log(f"duplicate a <{tag}> element x{times}")
    return xml[:el.start()] + el.group(0) * times + xml[el.end():]


def x_nest(m: Mut, xml: str, fmt: str) -> str:
    depth = m.count(20, 200, 2000, 20000)
    if fmt == "docx":
        found = _elements(xml, "w:p")
        if not found:
            return x_dup(m, xml, fmt)
        el = m.pick(found)
        kind = m.rng.randrange(3)
        if kind == 0:
            opening, closing = "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>"
        elif kind == 1:
            opening, closing = "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"
        else:
            opening, closing = "<w:r><w:pict><v:textbox><w:txbxContent>", "</w:txbxContent></v:textbox></w:pict></w:r>"
        m.log(f"nest a paragraph {depth} levels deep ({opening})")
        return xml[:el.start()] + opening * depth + el.group(0) + closing * depth + xml[el.end():]
    found = _elements(xml, "c") or _elements(xml, "si")
    if not found:
        return x_dup(m, xml, fmt)
    el = m.pick(found)
    m.log(f"nest an element {depth} levels deep")
    return xml[:el.start()] + "<r>" * depth + el.group(0) + "</r>" * depth + xml[el.end():]


def x_truncate(m: Mut, xml: str, fmt: str) -> str:
    cut = m.pos(len(xml))
    m.log(f"truncate the XML at {cut}/{len(xml)}")
    return xml[:cut]


def x_drop_tag(m: Mut, xml: str, fmt: str) -> str:
    tags = list(re.finditer(r"</?[\w:]+[^>]*>", xml))
    if not tags:
        return x_truncate(m, xml, fmt)
    k = m.count(1, 1, 5)
    for t in sorted(m.rng.sample(tags, min(k, len(tags))), key=lambda t: t.start(), reverse=True):
        xml = xml[:t.start()] + xml[t.end():]
    m.log(f"drop {k} tags")
    return xml


def x_entity(m: Mut, xml: str, fmt: str) -> str:
    if m.rng.random() < 0.3:
        depth = m.count(3, 6, 10)
        ents = ['<!ENTITY l0 "โครงการ 123456789">'] + [
            f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, depth)]
        root = re.search(r"<([\w:]+)[\s>]", xml[xml.find("?>") + 2 if "?>" in xml else 0:])
        name = root.group(1) if root else "x"
        dtd = f"<!DOCTYPE {name} [{''.join(ents)}]>"
        at = xml.find("?>") + 2 if "?>" in xml else 0
        xml = xml[:at] + dtd + xml[at:]
        ts = [t for t in re.finditer(r"<(w:t|t|v)(?: [^>]*)?>", xml)]
        if ts:
            t = m.pick(ts)
            xml = xml[:t.end()] + f"&l{depth - 1};" + xml[t.end():]
        m.log(f"entity expansion (billion laughs, depth {depth})")
        return xml
    texts = list(re.finditer(r"<(w:t|t|v)(?: [^>]*)?>", xml))
    ref = m.pick(["&#0;", "&#xD800;", "&#xDFFF;", "&#x110000;", "&#1;", "&#xFFFE;", "&undefined;", "&amp",
                  "&#99999999999;", "&#x1B;", "&#8232;", "&#xE01;&#x0E31;" * 100])
    at = m.pick(texts).end() if texts else m.pos(len(xml))
    m.log(f"insert character reference {ref[:16]!r}")
    return xml[:at] + ref + xml[at:]


def x_text(m: Mut, xml: str, fmt: str) -> str:
    at = xml.find("?>") + 2 if xml.startswith("<?xml") else 0  # the XML declaration stays
    return xml[:at] + text_mutation(m, xml[at:], [t_digits, t_digits, t_weird, t_digits_script])


def x_numfmt(m: Mut, xml: str, fmt: str) -> str:
    codes = list(re.finditer(r'formatCode="([^"]*)"', xml))
    new = m.pick(NUM_FORMATS).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    if codes:
        c = m.pick(codes)
        m.log(f"number format -> {new[:30]!r}")
        return xml[:c.start(1)] + new + xml[c.end(1):]
    at = xml.find("<numFmts")
    if at < 0:
        at = xml.find(">", xml.find("<styleSheet")) + 1 if "<styleSheet" in xml else -1
        if at <= 0:
            return x_attr(m, xml, fmt)
        xml = xml[:at] + f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{new}"/></numFmts>' + xml[at:]
        xml = re.sub(r'numFmtId="\d+"', 'numFmtId="164"', xml)
        m.log(f"all cell formats -> {new[:30]!r}")
        return xml
    return x_attr(m, xml, fmt)


def x_encoding(m: Mut, xml: str, fmt: str) -> str:
    enc = m.pick(["UTF-16", "cp874", "bogus", "UTF-32", "ISO-8859-1"])
    m.log(f"XML declaration says encoding={enc}")
    if xml.startswith("<?xml"):
        return re.sub(r'encoding="[^"]*"', f'encoding="{enc}"', xml, count=1)
    return f'<?xml version="1.0" encoding="{enc}"?>' + xml


XML_OPS = [x_attr, x_attr, x_dup, x_dup, x_nest, x_truncate, x_drop_tag, x_entity, x_text, x_text, x_encoding]


def big_content(m: Mut, xml: bytes, fmt: str) -> bytes:
    """A document or sheet made big with plausible content: seed lines as paragraphs or rows
    (compresses about 5x, like real text: the zip-bomb guard lets it through)."""
    lines = [ln.strip() for ln in _seed_lines() if ln.strip()]
    size = m.count(1 << 19, 1 << 20, 2 << 20)
    esc = lambda t: t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # noqa: E731
    parts, total = [], 0
    row = max((int(r) for r in re.findall(rb'<row r="(\d+)"', xml)), default=0)
    while total < size:
        line = esc(m.pick(lines))
        if fmt == "docx":
            part = f"<w:p><w:r><w:t xml:space=\"preserve\">{line}</w:t></w:r></w:p>"
        else:
            row += 1
            part = (f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>{line}</t></is></c>'
                    f'<c r="B{row}"><v>{m.rng.randrange(10 ** 7)}</v></c></row>')
        parts.append(part)
        total += len(part)
    text = "".join(parts).encode("utf-8")
    end = xml.rfind(b"<w:sectPr") if fmt == "docx" else xml.rfind(b"</sheetData>")
    end = end if end > 0 else max(xml.rfind(b"</"), 0)
    m.log(f"{'word/document.xml' if fmt == 'docx' else 'sheet1.xml'}: add {len(parts)} "
          f"{'paragraphs' if fmt == 'docx' else 'rows'} of seed text ({size / 2 ** 20:g} MB)")
    return xml[:end] + text + xml[end:]


def mutate_zip(m: Mut, base: Base, others: list[Base], fmt: str, mode: str = "any") -> bytes:
    if mode == "truncate":
        return b_truncate(m, base.data)
    members = zip_read(base.data)
    names = [n for n, _ in members]
    for _ in range(1 if mode == "mild" else m.count(1, 1, 2, 3)):
        r = m.rng.random()
        if mode == "mild" or r < 0.7:
            main = [n for n in names if n in MAIN_PARTS]
            xmls = [n for n in names if n.endswith((".xml", ".rels"))]
            name = m.pick(main) if main and (mode == "mild" or m.rng.random() < 0.75) else m.pick(xmls or names)
            i = names.index(name)
            xml = members[i][1].decode("utf-8", "surrogateescape")
            if mode == "mild":
                op = x_text if name in ("word/document.xml", "xl/sharedStrings.xml") else x_attr
            elif name == "xl/styles.xml" and m.rng.random() < 0.6:
                op = x_numfmt
            else:
                op = m.pick(XML_OPS)
            before = len(m.ops)
            new = op(m, xml, fmt)
            m.ops[before:] = [f"{name}: {o}" for o in m.ops[before:]]
            members[i] = (name, new.encode("utf-8", "thaiplan-fuzz"))
        elif r < 0.8:
            name = m.pick(names)
            i = names.index(name)
            before = len(m.ops)
            members[i] = (name, byte_mutation(m, members[i][1]))
            m.ops[before:] = [f"{name}: {o}" for o in m.ops[before:]]
        elif r < 0.9:
            i = m.pos(len(members))
            name = members[i][0]
            what = m.rng.randrange(3)
            if what == 0:
                m.log(f"drop member {name}")
                del members[i]
            elif what == 1:
                new = m.pick([name.upper(), name + "x", "/" + name, name.replace("/", "\\"), "../" + name])
                m.log(f"rename member {name} -> {new}")
                members[i] = (new, members[i][1])
            else:
                m.log(f"add a second member named {name}")
                members.append((name, members[i][1][: len(members[i][1]) // 2]))
            names = [n for n, _ in members]
        else:
            main = "word/document.xml" if fmt == "docx" else "xl/worksheets/sheet1.xml"
            if main in names and m.rng.random() < 0.6:
                i = names.index(main)
                members[i] = (main, big_content(m, members[i][1], fmt))
            else:
                target = m.pick([n for n in names if n in MAIN_PARTS] or names)
                size = m.count(1 << 20, 5 << 20, 11 << 20)
                filler = m.pick([b" ", b"<w:p/>" if fmt == "docx" else b"<row/>", b"\x00"])
                i = names.index(target)
                data = members[i][1]
                cut = data.rfind(b"</")
                cut = cut if cut > 0 else len(data)
                m.log(f"{target}: pad with {size >> 20} MB of {filler!r} (compresses ~1000x)")
                members[i] = (target, data[:cut] + filler * (size // len(filler)) + data[cut:])
    out = zip_write(members)
    if mode == "any" and m.rng.random() < 0.1:
        out = byte_mutation(m, out, others)
    return out[:MAX_SIZE]


# ---------------------------------------------------------------- PDF

_OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_STREAM = re.compile(rb">>\s*stream(\r\n|\n|\r)")
_REF = re.compile(rb"(\d+)\s+(\d+)\s+R\b")
_NUM = re.compile(rb"(?<![\w.\-/#])-?(?:\d+\.?\d*|\.\d+)(?![\w.])")


@dataclass
class PdfStream:
    obj: int  # object number
    dict_start: int
    data_start: int
    data_end: int  # start of the EOL before "endstream"
    kind: str  # content | cmap | font | image | other


def pdf_objects(data: bytes) -> list[tuple[int, int, int]]:
    """(start, end, number) of every ``N G obj ... endobj``."""
    out = []
    for mo in _OBJ.finditer(data):
        end = data.find(b"endobj", mo.end())
        if end >= 0:
            out.append((mo.start(), end + 6, int(mo.group(1))))
    return out


def pdf_streams(data: bytes, kinds: dict[int, str] | None = None) -> list[PdfStream]:
    """The Flate streams without predictors; ``kinds`` (object number -> kind, from an earlier
    call on the unmutated file) saves inflating every stream again."""
    out = []
    for start, end, num in pdf_objects(data):
        sm = _STREAM.search(data, start, end)
        if not sm:
            continue
        ds = sm.end()
        de = data.rfind(b"endstream", ds, end)
        if de < 0:
            continue
        while de > ds and data[de - 1:de] in (b"\n", b"\r"):
            de -= 1
        head = data[start:sm.start()]
        if b"/FlateDecode" not in head or b"/DecodeParms" in head or head.count(b"Decode") > 1:
            continue
        if kinds is not None:
            if num in kinds:
                out.append(PdfStream(num, start, ds, de, kinds[num]))
            continue
        dec = _inflate(data[ds:de])
        if dec is None:
            continue
        if b"begincmap" in dec:
            kind = "cmap"
        elif b"/Subtype /Image" in head or b"/Subtype/Image" in head:
            kind = "image"
        elif b"/Length1" in head or b"/Length2" in head or b"FontFile" in head or b"/Subtype/Type1C" in head:
            kind = "font"
        elif re.search(rb"\bBT\b", dec) and (b"Tj" in dec or b"TJ" in dec):
            kind = "content"
        else:
            kind = "other"
        out.append(PdfStream(num, start, ds, de, kind))
    return out


def _inflate(raw: bytes) -> bytes | None:
    try:
        return zlib.decompressobj().decompress(raw, 64 << 20)
    except zlib.error:
        return None


def c_numbers(m: Mut, dec: bytes) -> bytes:
    nums = list(_NUM.finditer(dec))
    if not nums:
        return dec
    k = m.count(1, 10, 100, 10000)
    chosen = sorted(m.rng.sample(nums, min(k, len(nums))), key=lambda n: n.start(), reverse=True)
    for n in chosen:
        new = m.pick([b"0", b"-1", b"99999999999", b"-32768", b"0.000001", b"340282366920938463463374607431768211456",
                      b"3.4e38", b"nan", b"-0", b"1" + b"0" * 400, b"2147483648", b"-99999.9"])
        dec = dec[:n.start()] + new + dec[n.end():]
    m.log(f"{len(chosen)} operands -> odd numbers")
    return dec


def c_matrix(m: Mut, dec: bytes) -> bytes:
    ops = list(re.finditer(rb"((?:-?[\d.]+\s+){6})(Tm|cm)\b", dec)) + list(re.finditer(rb"(-?[\d.]+)(\s+Tf)\b", dec))
    if not ops:
        return c_numbers(m, dec)
    k = m.count(1, 5, 1000)
    chosen = sorted(m.rng.sample(ops, min(k, len(ops))), key=lambda o: o.start(), reverse=True)
    for o in chosen:
        if o.group(2) in (b"Tm", b"cm"):
            new = m.pick([b"0 0 0 0 0 0 ", b"1 0 0 1 99999999 99999999 ", b"0 1 -1 0 300 300 ", b"-1 0 0 -1 0 0 ",
                          b"1 0 0 1 -1e9 0 ", b"0.000001 0 0 0.000001 0 0 ", b"1 1 1 1 1 1 ",
                          b"10000 0 0 10000 0 0 "])
            dec = dec[:o.start(1)] + new + dec[o.end(1):]
        else:
            new = m.pick([b"0", b"-12", b"99999", b"0.0001", b"1e5"])
            dec = dec[:o.start(1)] + new + dec[o.end(1):]
    m.log(f"{len(chosen)} text/graphics matrices or font sizes -> degenerate")
    return dec


def c_dup_text(m: Mut, dec: bytes) -> bytes:
    blocks = list(re.finditer(rb"\bBT\b.*?\bET\b", dec, re.S))
    if not blocks:
        return c_numbers(m, dec)
    b = m.pick(blocks)
    times = m.count(2, 100, 5000, 50000)
    times = max(2, min(times, GROW // max(len(b.group(0)), 1)))
    m.log(f"duplicate a BT..ET block x{times}")
    return dec[:b.start()] + (b.group(0) + b"\n") * times + dec[b.end():]


def c_nesting(m: Mut, dec: bytes) -> bytes:
    n = m.count(100, 10000, 200000)
    kind = m.rng.randrange(3)
    if kind == 0:
        m.log(f"{n} unbalanced q (graphics state pushes)")
        return b"q " * n + dec
    if kind == 1:
        m.log(f"{n} nested BT")
        return b"BT " * n + dec
    m.log(f"{n} nested arrays in a TJ")
    return dec + b"\nBT /F1 12 Tf " + b"[" * n + b"(x)" + b"]" * n + b" TJ ET"


ACTUAL_TEXTS = [b"<FEFFDC00>", b"<FEFFD800>", b"<FEFF0E01DC000E01>", b"<FEFFD800D800>", b"<FEFF>", b"<FEFF0E>",
                b"<FEFF" + b"0E33" * 5000 + b">", b"()", b"(\\)", b"<>", b"<FEFF000A000D0000>", b"/Name", b"12"]


def c_actualtext(m: Mut, dec: bytes) -> bytes:
    found = list(re.finditer(rb"(/ActualText\s*)(<[^>]*>|\((?:\\.|[^\\)])*\))", dec))
    if not found:
        shows = list(re.finditer(rb"(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\[[^\]]*\])\s*(Tj|TJ)", dec))
        if not shows:
            return c_numbers(m, dec)
        s = m.pick(shows)
        value = m.pick(ACTUAL_TEXTS)
        m.log(f"wrap a text show in /ActualText {value[:20]!r}")
        return dec[:s.start()] + b"/Span <</ActualText " + value + b">> BDC " + s.group(0) + b" EMC" + dec[s.end():]
    k = m.count(1, 10, 100000)
    chosen = sorted(m.rng.sample(found, min(k, len(found))), key=lambda f: f.start(), reverse=True)
    values = [m.pick(ACTUAL_TEXTS) for _ in range(2)]
    for f in chosen:
        dec = dec[:f.start(2)] + m.pick(values) + dec[f.end(2):]
    m.log(f"{len(chosen)} /ActualText -> {[v[:20] for v in values]}")
    return dec


def c_strings(m: Mut, dec: bytes) -> bytes:
    strs = list(re.finditer(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]+>", dec))
    if not strs:
        return c_numbers(m, dec)
    k = m.count(1, 10, 200)
    chosen = sorted(m.rng.sample(strs, min(k, len(strs))), key=lambda s: s.start(), reverse=True)
    for s in chosen:
        body = s.group(0)
        if body.startswith(b"<"):
            new = b"<" + bytes(m.pick(b"0123456789ABCDEF") for _ in range(m.count(1, 4, 400))) + b">"
        else:
            new = b"(" + bytes(m.rng.randrange(256) for _ in range(m.count(1, 4, 400))).replace(b"\\", b"\\\\") \
                .replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
        dec = dec[:s.start()] + new + dec[s.end():]
    m.log(f"{len(chosen)} shown strings -> random codes")
    return dec


CMAP_TARGETS = [b"D800", b"DFFF", b"DC00", b"DBFF", b"D800D800", b"DC000E01", b"FFFF", b"FFFE", b"0000", b"000A",
                b"000D", b"FEFF", b"200B", b"0E31" * 8, b"0E01" * 3000, b"", b"0E0", b"10FFFF", b"0009", b"0E4D0E32"]


def c_cmap(m: Mut, dec: bytes) -> bytes:
    pairs = list(re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>(?!\s*<)", dec))
    ranges = list(re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", dec))
    if ranges and (not pairs or m.rng.random() < 0.3):
        r = m.pick(ranges)
        if m.rng.random() < 0.5:
            m.log("a bfrange -> <0000> <FFFF> over the surrogates")
            return dec[:r.start()] + b"<0000> <FFFF> <D7F0>" + dec[r.end():]
        target = m.pick(CMAP_TARGETS)
        m.log(f"a bfrange target -> <{target[:12].decode()}>")
        return dec[:r.start(3)] + target + dec[r.end(3):]
    if not pairs:
        return c_numbers(m, dec)
    k = m.count(1, 5, 50, 100000)
    chosen = sorted(m.rng.sample(pairs, min(k, len(pairs))), key=lambda p: p.start(), reverse=True)
    targets = [m.pick(CMAP_TARGETS) for _ in range(3)]
    for p in chosen:
        dec = dec[:p.start(2)] + m.pick(targets) + dec[p.end(2):]
    m.log(f"{len(chosen)} ToUnicode mappings -> {sorted({t[:12].decode() for t in targets})}")
    return dec


def p_stream(m: Mut, data: bytes, streams: list[PdfStream], mode: str = "any") -> bytes:
    if not streams:
        return byte_mutation(m, data)
    wanted = {"content": 5, "cmap": 3, "font": 1, "image": 1, "other": 1}
    if mode == "mild":
        wanted = {"content": 1, "cmap": 1}
    choice = [s for s in streams for _ in range(wanted.get(s.kind, 0))] or streams
    s = m.pick(choice)
    dec = _inflate(data[s.data_start:s.data_end]) or b""  # (b"" when an earlier mutation broke it)
    before = len(m.ops)
    if s.kind == "content":
        op = m.pick([c_numbers, c_matrix, c_matrix, c_dup_text, c_dup_text, c_nesting, c_strings, c_actualtext]
                    if mode == "any" else [c_numbers, c_strings, c_actualtext])
        dec = op(m, dec)
    elif s.kind == "cmap":
        dec = c_cmap(m, dec) if mode == "mild" or m.rng.random() < 0.8 else byte_mutation(m, dec)
    else:
        dec = byte_mutation(m, dec) if dec else dec
    m.ops[before:] = [f"stream of obj {s.obj} ({s.kind}): {o}" for o in m.ops[before:]]
    raw = zlib.compress(dec, 1)
    head = data[s.dict_start:s.data_start]
    direct = re.search(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", head)
    indirect = re.search(rb"/Length\s+(\d+)\s+(\d+)\s+R", head)
    if direct and m.rng.random() < 0.9:
        head = head[:direct.start(1)] + str(len(raw)).encode() + head[direct.end(1):]
    out = data[:s.dict_start] + head + raw + data[s.data_end:]
    if indirect and not direct and m.rng.random() < 0.9:
        num = int(indirect.group(1))
        for start, end, n in pdf_objects(out):
            if n == num:
                body = re.sub(rb"(obj\s+)\d+", rb"\g<1>%d" % len(raw), out[start:end], count=1)
                out = out[:start] + body + out[end:]
                break
    return out


def p_objnum(m: Mut, data: bytes) -> bytes:
    objs = list(_OBJ.finditer(data))
    if not objs:
        return byte_mutation(m, data)
    k = m.count(1, 1, 5)
    for o in sorted(m.rng.sample(objs, min(k, len(objs))), key=lambda o: o.start(), reverse=True):
        new = m.pick([m.pick(objs).group(1), b"0", b"999999", b"2147483648", b"-3", b"99999999999999999999"])
        data = data[:o.start(1)] + new + data[o.end(1):]
    m.log(f"renumber {k} objects (duplicates, 0, huge)")
    return data


def p_refs(m: Mut, data: bytes) -> bytes:
    refs = list(_REF.finditer(data))
    objs = pdf_objects(data)
    if not refs or not objs:
        return byte_mutation(m, data)
    k = m.count(1, 3, 30, 1000)
    chosen = sorted(m.rng.sample(refs, min(k, len(refs))), key=lambda r: r.start(), reverse=True)
    kind = m.rng.randrange(4)
    starts = [s for s, _, _ in objs]
    for r in chosen:
        if kind == 0:  # to the object that contains the reference: a cycle
            k = bisect.bisect_right(starts, r.start()) - 1
            new = str(objs[k][2] if k >= 0 else 1).encode()
        elif kind == 1:
            new = str(m.pick(objs)[2]).encode()
        elif kind == 2:
            new = m.pick([b"999999", b"0", b"2147483647"])
        else:
            new = str(objs[0][2]).encode()
        data = data[:r.start(1)] + new + data[r.end(1):]
    target = ["self (cycles)", "random objects", "missing objects", "the first object"][kind]
    m.log(f"{len(chosen)} references -> {target}")
    return data


def p_kids(m: Mut, data: bytes) -> bytes:
    kids = list(re.finditer(rb"/Kids\s*\[([^\]]*)\]", data))
    if not kids:
        return p_refs(m, data)
    kd = m.pick(kids)
    what = m.rng.randrange(4)
    if what == 0:
        times = m.count(2, 50, 1000, 20000)
        m.log(f"page tree /Kids repeated x{times}")
        return data[:kd.start(1)] + (kd.group(1) + b" ") * times + data[kd.end(1):]
    if what == 1:
        objs = pdf_objects(data)
        own = next((n for s, e, n in objs if s <= kd.start() < e), 1)
        m.log("page tree /Kids -> itself (a cycle)")
        return data[:kd.start(1)] + b"%d 0 R " % own + kd.group(1) + data[kd.end(1):]
    if what == 2:
        counts = list(re.finditer(rb"/Count\s+(-?\d+)", data))
        if counts:
            c = m.pick(counts)
            new = m.pick([b"0", b"-1", b"2147483647", b"99999999999999999999", b"100000"])
            m.log(f"page tree /Count -> {new.decode()}")
            return data[:c.start(1)] + new + data[c.end(1):]
    m.log("page tree /Kids emptied")
    return data[:kd.start(1)] + data[kd.end(1):]


_DICT_KEYS = rb"Count|Rotate|MediaBox|CropBox|Length|Size|Prev|W|Index|First|N|FontBBox|Widths|FirstChar|" \
             rb"LastChar|DW|Ascent|Descent|BitsPerComponent|Width|Height|Root|Parent|Resources|Contents|Encoding|" \
             rb"UserUnit|Matrix|BBox|StructParents|ActualText|ToUnicode"


def p_dict(m: Mut, data: bytes) -> bytes:
    vals = list(re.finditer(rb"/(" + _DICT_KEYS + rb")\s*(\[[^\]]*\]|-?[\d.]+(?:\s+\d+\s+R)?|\([^)]*\)|/\w+)", data))
    if not vals:
        return byte_mutation(m, data)
    k = m.count(1, 3, 20)
    chosen = sorted(m.rng.sample(vals, min(k, len(vals))), key=lambda v: v.start(), reverse=True)
    for v in chosen:
        new = m.pick([b"[0 0 0 0]", b"[0 0 99999999999 99999999999]", b"[-5 -5 -10 -10]", b"[]", b"[1 2]",
                      b"-1", b"0", b"2147483648", b"99999999999999999999", b"45", b"/Name", b"(x)",
                      b"[0 0 612 792 " * 100 + b"]" * 100, b"null", b"<< >>", b"1 0 R",
                      b"<FEFFD800DC00D800>", b"(\xfe\xff\xd8\x00)"])
        data = data[:v.start(2)] + new + data[v.end(2):]
    m.log(f"{len(chosen)} dictionary values (/{chosen[0].group(1).decode()}, ...) -> odd values")
    return data


def p_xref(m: Mut, data: bytes) -> bytes:
    sx = list(re.finditer(rb"startxref\s+(\d+)", data))
    what = m.rng.randrange(3)
    if sx and what == 0:
        s = sx[-1]
        new = m.pick([b"0", b"1", str(int(s.group(1)) + m.rng.randint(-50, 50)).encode(), b"99999999999"])
        m.log(f"startxref -> {new.decode()}")
        return data[:s.start(1)] + new + data[s.end(1):]
    entries = list(re.finditer(rb"(\d{10}) (\d{5}) ([nf])", data))
    if entries and what == 1:
        k = m.count(1, 10, 1000)
        chosen = sorted(m.rng.sample(entries, min(k, len(entries))), key=lambda e: e.start(), reverse=True)
        for e in chosen:
            new = b"%010d" % m.pick([0, 1, 9999999999, m.rng.randrange(len(data) + 1)])
            data = data[:e.start(1)] + new + data[e.end(1):]
        m.log(f"{len(chosen)} xref entries -> wrong offsets")
        return data
    x = data.rfind(b"\nxref")
    t = data.find(b"trailer", x) if x >= 0 else -1
    if x >= 0 and t > x:
        m.log("xref table deleted")
        return data[:x + 1] + data[t:]
    return p_objnum(m, data)


def fix_xref(data: bytes) -> bytes:
    """Rebuild a classic single-section xref table after the offsets moved (so readers need not repair)."""
    if data.count(b"startxref") != 1 or b"/XRef" in data or b"/Prev" in data:
        return data
    x = data.rfind(b"\nxref")
    t = data.find(b"trailer", x) if x >= 0 else -1
    if x < 0 or t < 0:
        return data
    pos: dict[int, int] = {}
    for mo in _OBJ.finditer(data, 0, x):
        num = int(mo.group(1))
        if num < 10_000_000:
            pos[num] = mo.start()
    if not pos:
        return data
    size = max(pos) + 1
    table = [b"xref\n0 %d\n" % size, b"0000000000 65535 f \n"]
    table += [b"%010d 00000 n \n" % pos[i] if i in pos else b"0000000000 65535 f \n" for i in range(1, size)]
    trailer = re.sub(rb"/Size\s+\d+", b"/Size %d" % size, data[t:], count=1)
    trailer = re.sub(rb"startxref\s+\d+", b"startxref\n%d" % (x + 1), trailer, count=1)
    return data[:x + 1] + b"".join(table) + trailer


def mutate_pdf(m: Mut, base: Base, others: list[Base], mode: str = "any") -> bytes:
    if mode == "truncate":
        return b_truncate(m, base.data)
    if "streams" not in base.extra:
        base.extra["streams"] = pdf_streams(base.data)
    data = base.data
    streams = base.extra["streams"]
    structural = False
    kinds = {s.obj: s.kind for s in streams}
    for i in range(1 if mode == "mild" else m.count(1, 1, 2, 3)):
        if i:  # offsets moved: find the streams again
            streams = pdf_streams(data, kinds)
        r = m.rng.random()
        if mode == "mild" or r < 0.45:
            data = p_stream(m, data, streams, mode)
        elif r < 0.55:
            data, structural = p_objnum(m, data), True
        elif r < 0.65:
            data, structural = p_refs(m, data), True
        elif r < 0.75:
            data, structural = p_kids(m, data), True
        elif r < 0.85:
            data, structural = p_dict(m, data), True
        elif r < 0.9:
            data, structural = p_xref(m, data), True
        else:
            head, body, tail = data[:16], data[16:-64], data[-64:]
            data = head + byte_mutation(m, body, others) + tail
    if len(data) != len(base.data) and not (structural and "xref" in " ".join(m.ops)) and m.rng.random() < 0.8:
        data = fix_xref(data)
    return data[:MAX_SIZE]


# ---------------------------------------------------------------- .xls (BIFF8 in OLE)

def r_cells(m: Mut, recs: list) -> list:
    cells = [i for i, (t, _) in enumerate(recs) if t in (0x0203, 0x0204, 0x00FD, 0x027E, 0x00BD, 0x0006, 0x0201)]
    if not cells:
        return r_bytes(m, recs)
    i = m.pick(cells)
    t, d = recs[i]
    times = m.count(2, 100, 10000, 250000)
    times = max(2, min(times, GROW // (len(d) + 4)))
    if m.rng.random() < 0.5 and len(d) >= 4:
        new = [(t, struct.pack("<HH", (k // 200) % 65536, k % 200) + d[4:]) for k in range(times)]
        m.log(f"one cell record -> {times} cells on a grid")
    else:
        new = [(t, d)] * times
        m.log(f"one cell record repeated x{times}")
    return recs[:i] + new + recs[i + 1:]


def r_far(m: Mut, recs: list) -> list:
    idx = [i for i, (t, d) in enumerate(recs) if t in (0x0203, 0x0204, 0x00FD, 0x027E, 0x0201, 0x0200, 0x0208)]
    if not idx:
        return r_bytes(m, recs)
    k = m.count(1, 3)
    for i in m.rng.sample(idx, min(k, len(idx))):
        t, d = recs[i]
        if t == 0x0200 and len(d) >= 12:  # DIMENSIONS
            d = struct.pack("<IIHH", 0, m.pick([65536, 2 ** 32 - 1, 1 << 20]), 0, m.pick([256, 16384, 65535])) + d[12:]
        elif len(d) >= 4:
            d = struct.pack("<HH", m.pick([65535, 65534, 0]), m.pick([255, 256, 16383, 65535])) + d[4:]
        recs[i] = (t, d)
    m.log(f"{k} cells/dimensions moved to the far corner")
    return recs


def r_merges(m: Mut, recs: list) -> list:
    kind = m.rng.randrange(3)
    if kind == 0:
        ranges = [(0, 65535, 0, 255)]
    elif kind == 1:
        ranges = [(5, 2, 3, 1), (0, 0, 0, 0), (65535, 65535, 255, 255)]
    else:
        ranges = [tuple(sorted((m.rng.randrange(400), m.rng.randrange(400)))) + tuple(sorted((m.rng.randrange(8),
                  m.rng.randrange(8)))) for _ in range(1000)]
    rec = (0x00E5, struct.pack("<H", len(ranges) + m.pick([0, 0, 5000])) + b"".join(struct.pack("<HHHH", *r)
                                                                            for r in ranges))
    eofs = [i for i, (t, _) in enumerate(recs) if t == 0x000A]
    at = eofs[1] if len(eofs) > 1 else len(recs)
    m.log(f"merged cells: {['whole sheet', 'inverted/degenerate', '1000 random overlapping'][kind]}")
    return recs[:at] + [rec] + recs[at:]


def r_values(m: Mut, recs: list) -> list:
    idx = [i for i, (t, d) in enumerate(recs) if t in (0x0203, 0x027E) and len(d) >= 10]
    if not idx:
        return r_bytes(m, recs)
    k = m.count(1, 10, 1000)
    for i in m.rng.sample(idx, min(k, len(idx))):
        t, d = recs[i]
        xf = m.pick([XF_DATE, XF_DATE, XF_DATE, XF_NUMBER, XF_NUMBER, 0, 65535, m.rng.randrange(300)])
        if t == 0x0203:
            value = m.pick([float("nan"), float("inf"), -float("inf"), 1e308, -1e308, 5e-324, 2958466.0, 2958465.99999,
                            -1.0, 60.0, 1e15, 0.99999999999, 123456789012345678.0, -0.0])
            d = d[:4] + struct.pack("<H", xf) + struct.pack("<d", value)
        else:
            d = d[:4] + struct.pack("<H", xf) + struct.pack("<I", m.rng.randrange(2 ** 32))
        recs[i] = (t, d)
    m.log(f"{min(k, len(idx))} numbers -> NaN/inf/huge/dates out of range")
    return recs


def r_formats(m: Mut, recs: list) -> list:
    fmts = [i for i, (t, _) in enumerate(recs) if t == 0x041E]
    xfs = [i for i, (t, d) in enumerate(recs) if t == 0x00E0 and len(d) >= 4]
    if fmts and m.rng.random() < 0.6:
        i = m.pick(fmts)
        code = m.pick(NUM_FORMATS)
        recs[i] = (0x041E, recs[i][1][:2] + _ustr16(code[:1000]))
        m.log(f"number format -> {code[:30]!r}")
    elif xfs:
        for i in m.rng.sample(xfs, min(len(xfs), m.count(1, 5, 100))):
            d = recs[i][1]
            recs[i] = (0x00E0, d[:2] + struct.pack("<H", m.pick([14, 22, 47, 164, 9999, 65535])) + d[4:])
        m.log("cell styles -> date/unknown formats")
    return recs


def r_strings(m: Mut, recs: list) -> list:
    idx = [i for i, (t, d) in enumerate(recs) if t in (0x0204, 0x00FC, 0x0085, 0x041E) and len(d) >= 8]
    if not idx:
        return r_bytes(m, recs)
    i = m.pick(idx)
    t, d = recs[i]
    at = {0x0204: 6, 0x00FC: 8, 0x0085: 6, 0x041E: 2}[t]
    what = m.rng.randrange(4)
    width = 1 if t == 0x0085 else 2  # BOUNDSHEET names have an 8-bit length
    if what == 0:
        d = d[:at] + (b"\xff" * width) + d[at + width:]
        m.log(f"record 0x{t:04x}: string length -> max")
    elif what == 1:
        flag_at = at + width
        d = d[:flag_at] + bytes([m.pick([0x08, 0x04, 0x0C, 0xFF, 0x00])]) + d[flag_at + 1:]
        m.log(f"record 0x{t:04x}: string flags -> rich/extended/odd")
    elif what == 2:
        d = d + b"\x00\xd8\x41\x00\x00\xdc"
        d = d[:at] + struct.pack("<H", (len(d) - at - 3) // 2) + d[at + 2:] if t != 0x0085 else d
        m.log(f"record 0x{t:04x}: lone UTF-16 surrogates in the string")
    else:
        d = d[:at]
        m.log(f"record 0x{t:04x}: string cut off")
    recs[i] = (t, d)
    return recs


def r_structure(m: Mut, recs: list) -> list:
    key = [i for i, (t, _) in enumerate(recs) if t in (0x0809, 0x000A, 0x0085, 0x00FC, 0x0200, 0x0022, 0x0042)]
    if not key:
        return r_bytes(m, recs)
    i = m.pick(key)
    t, d = recs[i]
    what = m.rng.randrange(4)
    if what == 0:
        m.log(f"drop record 0x{t:04x}")
        return recs[:i] + recs[i + 1:]
    if what == 1:
        times = m.count(2, 100, 10000)
        m.log(f"record 0x{t:04x} x{times}")
        return recs[:i] + [(t, d)] * times + recs[i + 1:]
    if what == 2 and t == 0x0085 and len(d) >= 6:
        d = d[:4] + bytes([m.pick([1, 2, 0x55]), m.pick([0, 2, 6, 0x55])]) + d[6:]
        m.log("sheet visibility/type -> odd")
        recs[i] = (t, d)
        return recs
    j = m.pos(len(recs))
    recs[i], recs[j] = recs[j], recs[i]
    m.log(f"swap records {i} (0x{t:04x}) and {j}")
    return recs


def r_bytes(m: Mut, recs: list) -> list:
    idx = [i for i, (_, d) in enumerate(recs) if d]
    if not idx:
        return recs
    i = m.pick(idx)
    before = len(m.ops)
    recs[i] = (recs[i][0], byte_mutation(m, recs[i][1]))
    m.ops[before:] = [f"record {i} (0x{recs[i][0]:04x}): {o}" for o in m.ops[before:]]
    return recs


BIFF_OPS = [r_cells, r_far, r_merges, r_values, r_values, r_formats, r_strings, r_structure, r_bytes, r_bytes]


def mutate_xls(m: Mut, base: Base, others: list[Base], mode: str = "any") -> bytes:
    if mode == "truncate":
        return b_truncate(m, base.data)
    recs = base.extra.get("records")
    if not recs or (mode == "any" and m.rng.random() < 0.15):
        return byte_mutation(m, base.data, others)[:MAX_SIZE]
    recs = list(recs)
    for _ in range(1 if mode == "mild" else m.count(1, 1, 2, 3)):
        recs = (r_values if mode == "mild" else m.pick(BIFF_OPS))(m, recs)
    fix = mode == "mild" or m.rng.random() < 0.9
    if not fix:
        m.log("BOUNDSHEET offsets left stale")
    stream = biff_stream(recs, fix_offsets=fix)
    if mode == "any" and m.rng.random() < 0.1:
        at = m.pos(len(stream) - 4)
        stream = stream[:at + 2] + struct.pack("<H", m.pick([0, 1, 8224, 65535])) + stream[at + 4:]
        m.log(f"a record length field at {at} -> odd")
    stream = stream[:GROW * 2]
    data = ole_file([("Workbook", stream)])
    if mode == "any" and m.rng.random() < 0.15:
        before = len(m.ops)
        region = m.pick(["header", "fat", "any"])
        if region == "any":
            data = byte_mutation(m, data)
        else:
            lo, hi = (0, 512) if region == "header" else (512, 1024)
            data = data[:lo] + b_flip(m, data[lo:hi]) + data[hi:]
        m.ops[before:] = [f"OLE container ({region}): {o}" for o in m.ops[before:]]
    return data[:MAX_SIZE]


# ---------------------------------------------------------------- .doc

def mutate_doc(m: Mut, base: Base, others: list[Base], mode: str = "any") -> bytes:
    if base.kind == "pk":
        return mutate_zip(m, base, [], "docx", mode)
    if mode == "truncate":
        return b_truncate(m, base.data)
    if base.kind == "rtf" and (mode == "mild" or m.rng.random() < 0.5):
        text = base.data.decode("latin-1")
        if mode != "mild" and m.rng.random() < 0.3:
            depth = m.count(100, 10000, 200000)
            m.log(f"{depth} nested RTF groups")
            return (text[:40] + "{" * depth + text[40:] + "}" * depth).encode("latin-1")
        return text_mutation(m, text, [t_digits] if mode == "mild" else TEXT_OPS).encode("latin-1", "replace")
    return byte_mutation(m, base.data, others)


# ---------------------------------------------------------------- cases

MUTATE = {
    "txt": mutate_txt,
    "docx": lambda m, base, others, mode="any": mutate_zip(m, base, others, "docx", mode),
    "xlsx": lambda m, base, others, mode="any": mutate_zip(m, base, others, "xlsx", mode),
    "pdf": mutate_pdf,
    "xls": mutate_xls,
    "doc": mutate_doc,
}


@dataclass
class Case:
    id: str
    fmt: str
    base: str
    ops: list[str]
    path: Path
    error: str = ""  # the generator itself failed (a harness bug: reported, not hidden)


def make_case(fmt: str, index: int, outdir: Path, namespace: str = "fuzz", mode: str = "any") -> Case:
    rng = random.Random(f"thaiplan:{namespace}:{SEED}:{fmt}:{index}")
    m = Mut(rng)
    pool = bases(fmt)
    base = rng.choice(pool)
    case_id = f"{fmt}-{index:04d}" if namespace == "fuzz" else f"{namespace}-{fmt}-{index}"
    path = outdir / f"{case_id}-{Path(base.name).stem.split('.')[0]}.{fmt}"
    error = ""
    try:
        data = MUTATE[fmt](m, base, [b for b in pool if b is not base] or pool, mode)
    except Exception:  # noqa: BLE001
        error = traceback.format_exc(limit=-3).strip()
        data = base.data
    if data == base.data and not error:
        data = b_flip(m, data)
    if not data:
        data = base.data[:1]
    path.write_bytes(data)
    return Case(case_id, fmt, base.name, m.ops, path, error)


def case_count(fmt: str) -> int:
    return max(1, round(N_CASES * SHARE[fmt])) if N_CASES > 0 else 0


def iter_cases(fmts: list[str], outdir: Path) -> Iterator[Case]:
    """The cases of these formats, interleaved (so that the workers get a mix), made one by one."""
    plans = []
    for fmt in fmts:
        if not bases(fmt):
            continue
        (outdir / fmt).mkdir(parents=True, exist_ok=True)
        if ONLY:
            plans.append([(fmt, int(mo.group(1))) for c in sorted(ONLY)
                          if (mo := re.fullmatch(rf"{fmt}-(\d+)", c))])
        else:
            plans.append([(fmt, i) for i in range(case_count(fmt))])
    for k in range(max((len(p) for p in plans), default=0)):
        for plan in plans:
            if k < len(plan):
                fmt, i = plan[k]
                yield make_case(fmt, i, outdir / fmt)


def build_cases(fmts: list[str], outdir: Path) -> list[Case]:
    return list(iter_cases(fmts, outdir))


# ====================================================================== the worker pool

def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("THAIPLAN_DEBUG", None)
    env.update(PYTHONPATH=os.pathsep.join([str(ROOT)] + [p for p in [env.get("PYTHONPATH")] if p]),
               PYTHONUNBUFFERED="1", PYTHONFAULTHANDLER="1", OMP_NUM_THREADS="1",
               OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1", TOKENIZERS_PARALLELISM="false")
    return env


def _signal_name(rc: int | None) -> str:
    if rc is None:
        return "no exit code"
    if rc < 0:
        try:
            return f"signal {signal.Signals(-rc).name}"
        except ValueError:
            return f"signal {-rc}"
    return f"exit code {rc}"


class Worker:
    """One fuzz_child.py process; restarted after a crash, hang, timeout or memory failure
    (and when the worker asks for it: its resident memory stayed high)."""

    def __init__(self, n: int, workdir: Path) -> None:
        self.n = n
        self.log_path = workdir / f"worker-{n}.log"
        self.out = workdir / f"worker-{n}-out.json"
        self.proc: subprocess.Popen | None = None
        self.buf = b""
        self.spawns = 0

    def _spawn(self) -> None:
        cmd = [sys.executable, str(CHILD), "--timeout", str(FILE_TIMEOUT), "--mem-mb", str(MEM_MB),
               "--rss-mb", str(RSS_MB)] + ([] if USE_SOFFICE else ["--hide-soffice"])
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                         cwd=str(ROOT), env=_env(), start_new_session=True)
        self.buf = b""
        self.spawns += 1
        ready = self._answer(STARTUP_TIMEOUT)
        if not isinstance(ready, dict) or not ready.get("ready"):
            self._kill()
            raise RuntimeError(f"fuzz worker {self.n} did not start ({ready!r}); log:\n{self._log_tail(0)}")

    def _answer(self, timeout: float) -> dict | str | None:
        """The next JSON line; "timeout" when none came in time; None when the worker died."""
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return "timeout"
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    return None
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def _log_tail(self, since: int, lines: int = 25) -> str:
        try:
            with open(self.log_path, "rb") as fh:
                fh.seek(since)
                text = fh.read().decode("utf-8", "backslashreplace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _kill(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the worker and anything it started
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except (OSError, AttributeError):
                pass
        self.proc = None

    def run(self, case: Case) -> dict:
        if self.proc is None or self.proc.poll() is not None:
            self._kill()
            self._spawn()
        assert self.proc is not None and self.proc.stdin is not None
        since = self.log_path.stat().st_size
        start = time.monotonic()
        job = json.dumps({"id": case.id, "path": str(case.path), "out": str(self.out)}) + "\n"
        try:
            self.proc.stdin.write(job.encode())
            self.proc.stdin.flush()
            answer = self._answer(HARD_TIMEOUT)
        except (BrokenPipeError, OSError):
            answer = None
        if answer == "timeout":
            self._kill()
            return {"id": case.id, "status": "hang", "seconds": round(time.monotonic() - start, 1),
                    "message": f"no answer within {HARD_TIMEOUT:g} s (the CPU-time alarm did not fire: stuck "
                               f"in native code, or blocked?); worker killed", "log": self._log_tail(since)}
        if answer is None:
            rc = self.proc.wait(timeout=30)
            self._kill()
            return {"id": case.id, "status": "crash", "seconds": round(time.monotonic() - start, 1),
                    "message": f"the worker died with {_signal_name(rc)} while extracting this file "
                               f"(SIGKILL: killed for memory?; SIGSEGV/SIGABRT: native crash)",
                    "log": self._log_tail(since)}
        assert isinstance(answer, dict)
        if answer.get("restart"):
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
            self._kill()
        return answer

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.proc.stdin.close()  # type: ignore[union-attr]
                self.proc.wait(timeout=20)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._kill()


def run_pool(cases: Iterable[Case], workdir: Path, workers: int = WORKERS) -> tuple[list[Case], dict[str, dict]]:
    """Extract the cases in ``workers`` worker processes; the cases may still be being made
    (an iterator): the workers start on the first ones meanwhile."""
    results: dict[str, dict] = {}
    made: list[Case] = []
    todo: queue.Queue[Case | None] = queue.Queue(maxsize=64)
    problems: list[BaseException] = []

    def loop(worker: Worker) -> None:
        try:
            while True:
                case = todo.get()
                if case is None:
                    return
                if not problems:
                    result = results[case.id] = worker.run(case)
                    if result["status"] not in FAILING:  # passing files go (they can be made again)
                        case.path.unlink(missing_ok=True)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            problems.append(exc)
            while todo.get() is not None:  # let the producer finish
                pass
        finally:
            worker.close()

    threads = [threading.Thread(target=loop, args=(Worker(n, workdir),), daemon=True) for n in range(workers)]
    for t in threads:
        t.start()
    try:
        for case in cases:
            made.append(case)
            if case.error:
                results[case.id] = {"id": case.id, "status": "generator-error",
                                    "message": case.error.splitlines()[-1], "traceback": case.error}
            else:
                todo.put(case)
    finally:
        for _ in threads:
            todo.put(None)
        for t in threads:
            t.join()
    if problems:
        raise problems[0]
    return made, results


# ====================================================================== reporting

def _clean(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def first_lines(result: dict, n: int = 4) -> list[str]:
    """The error's message, then the innermost frames of the traceback (or the log of a dead worker)."""
    out = [_clean(result.get("message", "")).strip().splitlines()[0][:300] if result.get("message") else ""]
    tb = result.get("traceback") or ""
    frames = re.findall(r'File "([^"]+)", line (\d+), in (\S+)(?:\n(?!\s*File )\s*(.*))?', tb)
    ours = [f for f in frames if "/extractor/" in f[0]] or frames
    for path, line, func, code in ours[-(n - 1):]:
        short = path.split("/extractor/")[-1] if "/extractor/" in path else path.split("site-packages/")[-1]
        out.append(f"  at {short}:{line} in {func}: {_clean(code)[:120]}")
    if not tb and result.get("log"):
        out += ["  log: " + _clean(line)[:200] for line in result["log"].splitlines()[-(n - 1):]]
    return out


def category(result: dict) -> str:
    status = result["status"]
    if status == "exception":
        tb = result.get("traceback", "")
        frames = re.findall(r'File "([^"]+)", line (\d+), in (\S+)', tb)
        ours = [f for f in frames if "/extractor/" in f[0]]
        where = f"{ours[-1][0].split('/extractor/')[-1]}:{ours[-1][2]}" if ours else "?"
        exc = (result.get("message") or "").split(":")[0]
        return f"exception {exc} at {where}"
    if status in ("timeout", "memory", "hang"):
        return status
    return status


@pytest.fixture(scope="module")
def fuzz_results(request, tmp_path_factory):
    """Generate and run the cases of every format selected in this session, once."""
    wanted = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if item.originalname == "test_fuzz_format" and callspec is not None:
            wanted.append(callspec.params["fmt"])
    fmts = [f for f in FORMATS if f in wanted] or list(FORMATS)
    workdir = tmp_path_factory.mktemp("fuzz")
    t0 = time.monotonic()
    cases, results = run_pool(iter_cases(fmts, workdir), workdir)
    t2 = time.monotonic()
    by_fmt: dict[str, list[tuple[Case, dict]]] = {f: [] for f in fmts}
    for case in cases:
        by_fmt[case.fmt].append((case, results[case.id]))
    report = {"seed": SEED, "seconds": round(t2 - t0, 1),
              "workers": WORKERS, "file_timeout": FILE_TIMEOUT, "mem_mb": MEM_MB, "rss_mb": RSS_MB,
              "cases": [{"id": c.id, "fmt": c.fmt, "base": c.base, "ops": c.ops, "path": str(c.path),
                         **{k: (_clean(v) if isinstance(v, str) else v) for k, v in results[c.id].items()
                            if k != "id"}} for c in cases]}
    (workdir / "fuzz-report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    keep = os.environ.get("THAIPLAN_FUZZ_KEEP")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for case in cases:
            if results[case.id]["status"] in FAILING + ("generator-error",):
                shutil.copy2(case.path, Path(keep) / case.path.name)
    cpu = sum(r.get("cpu_seconds", 0) for r in results.values())
    print(f"\nfuzz: {len(cases)} files generated and extracted in {t2 - t0:.1f} s by {WORKERS} workers "
          f"({cpu:.0f} CPU s extracting); report {workdir / 'fuzz-report.json'}")
    return {"by_fmt": by_fmt, "workdir": workdir}


def _summary(pairs: list[tuple[Case, dict]]) -> str:
    counts: dict[str, int] = {}
    for _, r in pairs:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    slow = max(pairs, key=lambda p: p[1].get("cpu_seconds", 0), default=None)
    text = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    if slow:
        text += f"; slowest {slow[0].id} {slow[1].get('cpu_seconds', 0):.1f} CPU s"
    return text


@pytest.mark.parametrize("fmt", FORMATS)
def test_fuzz_format(fmt, fuzz_results):
    """Every mutated file of this format: extracted or a one-line InputError; no traceback, timeout,
    memory failure or crash."""
    pairs = fuzz_results["by_fmt"].get(fmt, [])
    if not pairs:
        pytest.skip(f"no {fmt} base files to mutate" if not bases(fmt) else f"no {fmt} case selected")
    failures = [(c, r) for c, r in pairs if r["status"] in FAILING + ("generator-error",)]
    print(f"{fmt}: {len(pairs)} files: {_summary(pairs)}")
    if not failures:
        return
    groups: dict[str, list[str]] = {}
    for c, r in failures:
        groups.setdefault(category(r), []).append(c.id)
    lines = [f"{len(failures)} of {len(pairs)} mutated {fmt} files failed ({_summary(pairs)}); "
             f"files and fuzz-report.json in {fuzz_results['workdir']}",
             "by category:"]
    lines += [f"  {len(ids):3d} x {cat}: {', '.join(ids[:6])}{' ...' if len(ids) > 6 else ''}"
              for cat, ids in sorted(groups.items(), key=lambda g: -len(g[1]))]
    lines.append("cases (rerun one with THAIPLAN_FUZZ_CASES=<id>):")
    for c, r in failures[:40]:
        lines.append(f"- {c.id} [{r['status']}] base {c.base}; {'; '.join(c.ops)[:300]}")
        lines += ["    " + line for line in first_lines(r)]
    if len(failures) > 40:
        lines.append(f"... and {len(failures) - 40} more (see fuzz-report.json)")
    pytest.fail("\n".join(lines), pytrace=False)


# ====================================================================== the command line

def _thaiplan() -> list[str]:
    exe = Path(sys.executable).with_name("thaiplan")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("thaiplan")
    return [found] if found else [sys.executable, "-c", "import sys; from extractor.cli import main; sys.exit(main())"]


def _limits() -> None:
    """In the thaiplan process: the address-space bound, and the time bound as CPU seconds
    (plus the start-up), which kills it with SIGXCPU."""
    limit = MEM_MB << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = int(FILE_TIMEOUT + CLI_STARTUP)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def _cli_env() -> dict[str, str]:
    env = _env()
    if not USE_SOFFICE:
        env["PATH"] = os.pathsep.join(d for d in env.get("PATH", "").split(os.pathsep)
                                      if not (d and any(os.path.exists(os.path.join(d, n))
                                                        for n in ("soffice", "libreoffice"))))
    return env


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_on_mutated_files(fmt, tmp_path):
    """`thaiplan extract` on a few mutated files: exit code 0 or 2, no traceback, stderr only
    thaiplan's one-line messages (exit 2: ending with one ``thaiplan: error: ...`` line; warnings
    may come before), and JSON on stdout or in the -o file."""
    if not bases(fmt):
        pytest.skip(f"no {fmt} base files to mutate")
    modes = ["mild", "truncate", "any"][:CLI_CASES]
    cases = [make_case(fmt, i, tmp_path, namespace="cli", mode=mode) for i, mode in enumerate(modes)]
    runs = []
    for i, case in enumerate(cases):
        out = tmp_path / f"{case.id}.json"
        to_stdout = i != 1
        cmd = _thaiplan() + ["extract", str(case.path)] + ([] if to_stdout else ["-o", str(out)])
        stdout = open(tmp_path / f"{case.id}.stdout", "wb")
        stderr = open(tmp_path / f"{case.id}.stderr", "wb")
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=stderr, cwd=str(tmp_path), env=_cli_env(),
                                preexec_fn=_limits, start_new_session=True)
        runs.append((case, proc, to_stdout, out, stdout, stderr))
    problems = []
    for case, proc, to_stdout, out, stdout, stderr in runs:
        try:
            rc = proc.wait(timeout=HARD_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            rc = None
        stdout.close()
        stderr.close()
        err = Path(stderr.name).read_bytes().decode("utf-8", "backslashreplace")
        what = f"{case.id} (base {case.base}; {'; '.join(case.ops)[:200]}; output {'stdout' if to_stdout else '-o'})"
        if rc is None:
            problems.append(f"{what}: no exit within {HARD_TIMEOUT:g} s (killed)")
            continue
        status, message = classify(rc, err)
        if status not in ("ok", "input-error"):
            problems.append(f"{what}: {status} ({_signal_name(rc)}): {_clean(message[:600])}")
            continue
        if rc == 0:
            raw = Path(stdout.name).read_bytes() if to_stdout else (out.read_bytes() if out.exists() else b"")
            try:
                json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as exc:
                problems.append(f"{what}: exit 0 but the output is not UTF-8 JSON ({exc!s:.200})")
    assert not problems, "\n".join(problems)
