"""`thaiplan export`: a batch OUTDIR as JSONL, CSV or Parquet tables, or a spaCy DocBin."""

from __future__ import annotations

import sys

import click

from ..errors import InputError
from ..export import FORMATS

EXAMPLES = """
\b
Examples:
  thaiplan export out/ --to jsonl -o plans.jsonl
  thaiplan export out/ --to csv -o tables/ --bom
  thaiplan export out/ --to parquet -o dataset/
  thaiplan export out/ --to docbin -o train.spacy

\b
csv and parquet write one file per table into the folder PATH: documents,
projects, objectives, targets, indicators, activities, expected_results,
results, budget_items, budget_sources, budget_years, budget_stated, gaps,
findings, notes.
"""


@click.command("export", epilog=EXAMPLES)
@click.argument("outdir", type=click.Path(file_okay=False, path_type=str))
@click.option("--to", "fmt", type=click.Choice(FORMATS), required=True, help="Export format.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=str),
              help="Output file (jsonl, docbin) or folder (csv, parquet).")
@click.option("--bom", is_flag=True, help="CSV: start each file with a UTF-8 BOM so Excel reads Thai.")
def command(outdir: str, fmt: str, output: str, bom: bool) -> None:
    """Export the documents of a `thaiplan batch` OUTDIR."""
    from ..export import describe, export

    if bom and fmt != "csv":
        raise click.UsageError("--bom applies only with --to csv")
    try:
        result = export(outdir, fmt, output, bom=bom)
    except InputError as err:
        click.echo(f"thaiplan: error: {err}", err=True)
        sys.exit(2)
    except (NotADirectoryError, IsADirectoryError) as err:
        click.echo(f"thaiplan: error: {output}: {err.strerror or err}", err=True)
        sys.exit(2)
    click.echo(describe(fmt, output, result), err=True)
