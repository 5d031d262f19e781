"""Command line: a thin layer over the Python API (``extractor.extract`` …)."""

from __future__ import annotations

import importlib
import os
import sys

import click

from . import __version__
from .errors import InputError
from .ruleset import RuleSet, RulesError

EXTRACT_EXAMPLES = """
\b
Examples:
  thaiplan extract corpora/seeds/001_2582665ac4639523.txt
  thaiplan extract plan.docx -o plan.json
  thaiplan extract report.pdf --compact --include-text
"""


def fail_input(err: InputError | RulesError) -> None:
    click.echo(f"thaiplan: error: {err}", err=True)
    sys.exit(2)


def rules_of(ctx: click.Context) -> RuleSet:
    """The rules of this run: loaded once by the group from ``--rules`` (or the shipped ones)."""
    root = ctx.find_root()
    if root.obj is None:
        root.obj = {}
    if "rules" not in root.obj:
        from .ruleset import load_rules

        try:
            root.obj["rules"] = load_rules(root.obj.get("rules_dir"))
        except RulesError as err:
            fail_input(err)
    return root.obj["rules"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thaiplan")
@click.option("--rules", "rules_dir", type=click.Path(exists=True, file_okay=False, path_type=str),
              envvar="THAIPLAN_RULES", help="A folder of rule files (TOML) that extend the shipped rules/.")
@click.pass_context
def main(ctx: click.Context, rules_dir: str | None) -> None:
    """thaiplan — Thai planning and monitoring documents to structured JSON.

    \b
    Examples:
      thaiplan extract corpora/seeds/000_7e9c5d1949af814c.txt -o out.json
      thaiplan evaluate corpora
    """
    ctx.obj = {"rules_dir": rules_dir}


@main.command(epilog=EXTRACT_EXAMPLES)
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Write JSON here instead of standard output.")
@click.option("--include-text", is_flag=True, help="Add the source text (what spans point into) as `source_text`.")
@click.option("--compact", is_flag=True, help="One-line JSON instead of pretty-printed.")
@click.pass_context
def extract(ctx: click.Context, file: str, output: str | None, include_text: bool, compact: bool) -> None:
    """Extract one document (.txt, .docx, .pdf, .xlsx, .xls) into JSON."""
    from .jsonio import dumps, write_atomic
    from .pipeline import extract as run_extract

    rules = rules_of(ctx)
    try:
        doc = run_extract(path=file, rules=rules)
    except InputError as err:
        fail_input(err)
        return
    except Exception as err:  # an extractor bug: say which file, keep the traceback for debugging
        if os.environ.get("THAIPLAN_DEBUG"):
            raise
        click.echo(f"thaiplan: internal error while extracting {file}: {type(err).__name__}: {err} "
                   "(set THAIPLAN_DEBUG=1 for the traceback, and please report it)", err=True)
        sys.exit(1)
    text = dumps(doc.to_dict(include_text=include_text), compact=compact) + "\n"
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


# Further commands live in extractor/commands/<name>.py, each exposing `command`.
for _name in ("evaluate", "check", "batch", "export"):
    try:
        _module = importlib.import_module(f".commands.{_name}", __package__)
    except ModuleNotFoundError as _exc:  # a command not built yet
        if _exc.name and _exc.name.endswith(f"commands.{_name}"):
            continue
        raise
    main.add_command(_module.command)


if __name__ == "__main__":
    main()
