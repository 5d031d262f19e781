"""`thaiplan batch`: convert many documents, in parallel, resumably."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .options import ocr_option
from ..errors import InputError
from ..export import DEFAULT_TARGETS, FORMATS

EXAMPLES = """
\b
Examples:
  thaiplan batch archive/ -o out/
  thaiplan batch plans/2566 plans/2567 extra.docx -o out/ --jobs 8 --timeout 120
  thaiplan batch archive/ -o out/ --export parquet --export jsonl
  thaiplan batch /mnt/shared/archive -o /mnt/shared/out --engine ray --address auto

\b
Outputs in OUTDIR: <relative path>.json per document (mirroring the input tree),
failures.jsonl (one line per failed document), manifest.sqlite (what was done;
a rerun skips unchanged documents), _export/ (with --export).
Not converted, with a warning: symlinked folders, symlinked files that lead
outside the inputs, FIFOs, devices and other non-regular files.

\b
Exit codes:
  0    every document converted
  1    some documents failed (listed in OUTDIR/failures.jsonl); the rest were converted
  2    bad arguments, or OUTDIR cannot be used (locked by another run, unsafe)
  3    the run stopped on an error of its own or of the machine (disk full, OUTDIR
       not writable, internal error): fix it and run the same command again
  130  interrupted (Ctrl-C, SIGTERM): run the same command again to resume
"""

EXIT_USAGE, EXIT_ERROR = 2, 3


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"thaiplan: error: {message}", err=True)
    sys.exit(code)


@click.command("batch", epilog=EXAMPLES)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--outdir", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Output folder (created if missing).")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Worker processes (default: the number of cores); with Ray: tasks in flight "
                   "(default: the cluster's CPUs).")
@click.option("--timeout", type=click.FloatRange(min=0), default=600, show_default=True,
              help="CPU seconds allowed per document (rounded up to a whole second), so that a busy "
                   "machine does not change the outcome; its worker is then stopped and it is reported as "
                   "failed (Timeout). A document also stops after 3 times that in wall-clock time (one "
                   "that waits instead of computing). With --engine ray: wall-clock seconds from "
                   "submission. 0 for no limit.")
@click.option("--force", is_flag=True, help="Redo every document, even unchanged ones.")
@click.option("--retry-failed", is_flag=True, help="Redo documents that failed before even if unchanged.")
@click.option("--include-text", is_flag=True,
              help="Store the source text (what spans point into) in each JSON as `source_text`.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Local worker processes, or a Ray cluster (the [ray] extra).")
@click.option("--address", help="Ray address: local (a new instance on this machine), auto (the one "
                                 "`ray start` runs here), HOST:PORT or ray://HOST:10001.")
@click.option("--export", "exports", type=click.Choice(FORMATS), multiple=True,
              help="After the batch, export OUTDIR into OUTDIR/_export (repeatable).")
@click.option("--bom", is_flag=True, help="CSV export: start files with a UTF-8 BOM (for Excel).")
@click.option("--check", "run_checks", is_flag=True,
              help="Also run the quality checks of `thaiplan check` and store their findings in each JSON "
                   "(the exports' findings table is filled from them).")
@click.option("--extractor", default=None, metavar="MODULE:FUNCTION",
              help="Use another extractor function (path, display_path, include_text) -> dict.")
@ocr_option
@click.pass_context
def command(ctx: click.Context, inputs: tuple[str, ...], outdir: str, jobs: int | None, timeout: float, force: bool,
            retry_failed: bool, include_text: bool, engine: str, address: str | None,
            exports: tuple[str, ...], bom: bool, run_checks: bool, extractor: str | None, ocr: Any) -> None:
    """Convert every document in INPUT... (files and folders, recursively) into OUTDIR."""
    from ..batch import BatchOptions, run_batch
    from ..batch.errors import BatchError, OutdirError, clean
    from ..batch.worker import DEFAULT_EXTRACTOR
    from ..export import check_installed, describe, export

    if address and engine != "ray":
        raise click.UsageError("--address applies only with --engine ray")
    try:
        for fmt in exports:
            check_installed(fmt)  # a missing extra stops here, not after the whole batch
    except InputError as err:
        _fail(str(err))
    if os.path.exists(outdir) and not os.path.isdir(outdir):
        _fail(f"{outdir}: exists and is not a folder")
    from ..cli import rules_of

    rules = rules_of(ctx)  # a bad rules folder stops here, before any document
    opts = BatchOptions(inputs, outdir, jobs=jobs, timeout=timeout or None, force=force,
                        retry_failed=retry_failed, include_text=include_text, engine=engine, address=address,
                        extractor=extractor or DEFAULT_EXTRACTOR, rules_dir=ctx.find_root().obj.get("rules_dir"),
                        rules_digest=rules.digest, ocr=ocr.value, check=run_checks)
    try:
        summary = run_batch(opts)
    except InputError as err:
        _fail(str(err))
        return
    except OutdirError as err:
        _fail(str(err))
        return
    except BatchError as err:
        _fail(str(err), EXIT_ERROR)
        return
    except Exception as err:  # a bug of the batch itself: one line and its own exit code, not a traceback
        if os.environ.get("THAIPLAN_DEBUG"):
            raise
        _fail(f"internal error: {type(err).__name__}: {clean(err)} (set THAIPLAN_DEBUG=1 for the traceback, "
              "and please report it)", EXIT_ERROR)
        return
    click.echo(summary.line(), err=True)
    if not summary.interrupted and not summary.error:
        for fmt in dict.fromkeys(exports):
            target = os.path.join(outdir, DEFAULT_TARGETS[fmt])
            try:
                report = export(outdir, fmt, target, bom=bom)
            except InputError as err:
                _fail(f"--export {fmt}: {err}", EXIT_ERROR)
            except OSError as err:
                if getattr(err, "path", None) and getattr(err, "problem", None):  # names the file already
                    _fail(f"--export {fmt}: {clean(err)}", getattr(err, "exit_code", EXIT_ERROR))
                _fail(f"--export {fmt}: cannot write {target}: {clean(err.strerror or err)}", EXIT_ERROR)
            click.echo(describe(fmt, target, report), err=True)
    sys.exit(summary.exit_code)
