"""`thaiplan export`: a batch OUTDIR as JSONL, CSV or Parquet tables, or a spaCy DocBin."""

from __future__ import annotations

import textwrap

import click

from ..errors import InputError, OutputError
from ..export import FORMATS
from ..export.columns import TABLE_NAMES

EXAMPLES = """
\b
Examples:
  thaiplan export out/ --to jsonl -o plans.jsonl
  thaiplan export out/ --to csv -o tables/ --bom
  thaiplan export out/ --to parquet -o dataset/
  thaiplan export out/ --to docbin -o train.spacy

\b
""" + textwrap.fill("csv and parquet write one file per table into the folder PATH: " + ", ".join(TABLE_NAMES)
                    + " (their columns: docs/exports.md).", width=78) + "\n"


@click.command("export", epilog=EXAMPLES)
@click.argument("outdir", type=click.Path(file_okay=False, path_type=str))
@click.option("--to", "fmt", type=click.Choice(FORMATS), required=True, help="Export format.")
@click.option("-o", "--output", required=True, metavar="PATH",
              help="Output file (jsonl, docbin) or folder (csv, parquet).")
@click.option("--bom", is_flag=True, help="CSV: start each file with a UTF-8 BOM so Excel reads Thai.")
def command(outdir: str, fmt: str, output: str, bom: bool) -> None:
    """Export the documents of a `thaiplan batch` OUTDIR.

    PATH may be - (standard output) for jsonl and docbin.  Exit codes: 0 done;
    2 OUTDIR is not thaiplan output, or PATH is refused (a symbolic link …);
    3 PATH could not be written.  On an error nothing is left at PATH.
    """
    from ..cli import fail
    from ..export import describe, export

    if bom and fmt != "csv":
        raise click.UsageError("--bom applies only with --to csv")
    try:
        result = export(outdir, fmt, output, bom=bom)
    except (InputError, OutputError) as err:
        fail(err)
    click.echo(describe(fmt, output, result), err=True)
