"""`thaiplan batch`: convert many documents, in parallel, resumably."""

from __future__ import annotations

import os
import sys

import click

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
Exit code: 0 all converted, 1 some failed, 2 bad arguments, 130 interrupted.
"""


def _fail(message: str) -> None:
    click.echo(f"thaiplan: error: {message}", err=True)
    sys.exit(2)


@click.command("batch", epilog=EXAMPLES)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--outdir", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Output folder (created if missing).")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Worker processes (default: the number of cores); with Ray: tasks in flight "
                   "(default: the cluster's CPUs).")
@click.option("--timeout", type=click.FloatRange(min=0), default=600, show_default=True,
              help="Seconds allowed per document before its worker is stopped and it is reported "
                   "as failed (Timeout); 0 for no limit.")
@click.option("--force", is_flag=True, help="Redo every document, even unchanged ones.")
@click.option("--retry-failed", is_flag=True, help="Redo documents that failed before even if unchanged.")
@click.option("--include-text", is_flag=True,
              help="Store the source text (what spans point into) in each JSON as `source_text`.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Local worker processes, or a Ray cluster (pip install 'thaiplan[ray]').")
@click.option("--address", help="Ray address: local (a new instance on this machine), auto (the one "
                                 "`ray start` runs here), HOST:PORT or ray://HOST:10001.")
@click.option("--export", "exports", type=click.Choice(FORMATS), multiple=True,
              help="After the batch, export OUTDIR into OUTDIR/_export (repeatable).")
@click.option("--bom", is_flag=True, help="CSV export: start files with a UTF-8 BOM (for Excel).")
@click.option("--extractor", default=None, metavar="MODULE:FUNCTION",
              help="Use another extractor function (path, display_path, include_text) -> dict.")
@click.pass_context
def command(ctx: click.Context, inputs: tuple[str, ...], outdir: str, jobs: int | None, timeout: float, force: bool,
            retry_failed: bool, include_text: bool, engine: str, address: str | None,
            exports: tuple[str, ...], bom: bool, extractor: str | None) -> None:
    """Convert every document in INPUT... (files and folders, recursively) into OUTDIR."""
    from ..batch import BatchOptions, run_batch
    from ..batch.manifest import OutdirLocked
    from ..batch.ray_engine import RayUnavailable
    from ..batch.worker import DEFAULT_EXTRACTOR
    from ..export import describe, export

    if address and engine != "ray":
        raise click.UsageError("--address applies only with --engine ray")
    if os.path.exists(outdir) and not os.path.isdir(outdir):
        _fail(f"{outdir}: exists and is not a folder")
    from ..cli import rules_of

    rules = rules_of(ctx)  # a bad rules folder stops here, before any document
    opts = BatchOptions(inputs, outdir, jobs=jobs, timeout=timeout or None, force=force,
                        retry_failed=retry_failed, include_text=include_text, engine=engine, address=address,
                        extractor=extractor or DEFAULT_EXTRACTOR, rules_dir=ctx.find_root().obj.get("rules_dir"),
                        rules_digest=rules.digest)
    try:
        summary = run_batch(opts)
    except InputError as err:
        _fail(str(err))
        return
    except RayUnavailable as err:
        _fail(f"--engine ray: {err}")
        return
    except OutdirLocked as err:
        _fail(f"{outdir}: {err}")
        return
    click.echo(summary.line(), err=True)
    if not summary.interrupted:
        for fmt in dict.fromkeys(exports):
            target = os.path.join(outdir, DEFAULT_TARGETS[fmt])
            click.echo(describe(fmt, target, export(outdir, fmt, target, bom=bom)), err=True)
    sys.exit(summary.exit_code)
