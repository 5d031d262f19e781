"""Extraction speed and memory on the five seeds, beside pythainlp's newmm
tokenizing the same text once.  Goal: extracting all five costs less than
tokenizing them once with newmm.  Also: a cold first pass (a fresh process that
imports, loads the rules and extracts every seed once; goal >= 0.5M chars/s
after start-up), and seconds per document of the development corpus in its
published formats (PDF, Word, Excel) when ../shared is there.

    python benchmarks/bench_extract.py
"""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
DEV = ROOT.parent / "shared" / "corpora" / "dev"
DOC_SUFFIXES = {".pdf", ".docx", ".doc", ".xls", ".xlsx", ".txt"}

_COLD = """
import sys, time
t0 = time.perf_counter()
from extractor import extract
from extractor.ruleset import default_rules
default_rules()
t1 = time.perf_counter()
for path in sys.argv[1:]:
    extract(path)
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def cold_pass() -> None:
    """One fresh process: start-up (imports, rules), then every seed extracted once."""
    out = subprocess.run([sys.executable, "-c", _COLD, *map(str, SEEDS)], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    startup, work = float(out[0]), float(out[1])
    chars = sum(len(p.read_text(encoding="utf-8")) for p in SEEDS)
    verdict = "met" if chars / work >= 500_000 else "NOT met"
    print(f"cold first pass: start-up {startup:.2f} s, then {chars} chars in {work:.3f} s = "
          f"{chars / work:.0f} chars/s (goal >= 500000: {verdict})")


def dev_corpus() -> None:
    """Seconds per document of the development corpus, one warm pass."""
    from extractor import extract

    docs = sorted(p for p in DEV.iterdir() if p.suffix in DOC_SUFFIXES) if DEV.is_dir() else []
    if not docs:
        print("development corpus: not found (../shared/corpora/dev), skipped")
        return
    times = []
    for path in docs:
        t0 = time.perf_counter()
        extract(path)
        times.append((time.perf_counter() - t0, path.name))
    total = sum(t for t, _ in times)
    slowest = max(times)
    print(f"development corpus: {len(docs)} documents in {total:.1f} s "
          f"({total / len(docs):.2f} s each; slowest {slowest[1]} {slowest[0]:.2f} s)")


def measure(fn, text_or_path) -> tuple[float, int]:
    """Best wall time of 3 runs (no tracing), then peak Python memory of one traced run."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        fn(text_or_path)
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    fn(text_or_path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak


def main() -> None:
    from pythainlp.tokenize import word_tokenize

    from extractor import extract

    # Warm up: load dictionaries and rule files once, as a long run would.
    extract(SEEDS[0])
    word_tokenize("ตัวชี้วัด", engine="newmm")
    print(f"{'document':34} {'chars':>8} {'extract s':>10} {'chars/s':>10} {'peak MB':>8} "
          f"{'newmm s':>9} {'chars/s':>10} {'peak MB':>8}")
    total_chars = total_ext = total_tok = 0.0
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        ext_s, ext_mem = measure(extract, path)
        tok_s, tok_mem = measure(lambda t: word_tokenize(t, engine="newmm"), text)
        total_chars += len(text)
        total_ext += ext_s
        total_tok += tok_s
        print(f"{path.name:34} {len(text):8d} {ext_s:10.3f} {len(text) / ext_s:10.0f} {ext_mem / 1e6:8.1f} "
              f"{tok_s:9.3f} {len(text) / tok_s:10.0f} {tok_mem / 1e6:8.1f}")
    print(f"{'ALL':34} {int(total_chars):8d} {total_ext:10.3f} {total_chars / total_ext:10.0f} {'':8} "
          f"{total_tok:9.3f} {total_chars / total_tok:10.0f}")
    verdict = "met" if total_ext < total_tok else "NOT met"
    print(f"goal (extract all < newmm once): {verdict} — {total_ext / total_tok:.2f}× the tokenizer's time")
    cold_pass()
    dev_corpus()


if __name__ == "__main__":
    main()
