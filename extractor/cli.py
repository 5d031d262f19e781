"""Command line: a thin layer over the Python API (``extractor.extract`` …)."""

from __future__ import annotations

import codecs
import importlib
import os
import sys
from typing import Any, NoReturn

import click

from . import __version__
from .errors import EXIT_BAD_INPUT, InputError, OutputError, shown
from .commands.options import ocr_option
from .ruleset import RuleSet, RulesError

EXTRACT_EXAMPLES = """
\b
Examples:
  thaiplan extract corpora/seeds/001_2582665ac4639523.txt
  thaiplan extract plan.docx -o plan.json
  thaiplan extract report.pdf --compact --include-text
"""


def fail(err: InputError | RulesError | OutputError) -> NoReturn:
    """One line on standard error, and the error's exit code: 2 bad input or arguments,
    3 an output that could not be written (see errors.py)."""
    click.echo(f"thaiplan: error: {err}", err=True)
    sys.exit(getattr(err, "exit_code", EXIT_BAD_INPUT))


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
            fail(err)
    return root.obj["rules"]


def utf8_stdout() -> None:
    """JSON and reports go to standard output as UTF-8 on every system.  Windows would write a
    redirected stdout (``> plan.json``, a pipe) in its ANSI code page: cp874 on Thai Windows, not
    the UTF-8 that JSON requires, and an error at the first Thai letter under cp1252.  (Its console
    and every POSIX system in a UTF-8 locale take UTF-8 already: left as they are.)"""
    stream = sys.stdout
    if sys.platform != "win32" or stream is None or not hasattr(stream, "reconfigure"):
        return
    if codecs.lookup(getattr(stream, "encoding", None) or "ascii").name != "utf-8":
        stream.reconfigure(encoding="utf-8")


class Group(click.Group):
    """Errors any command may meet (a bad rules folder, an output that cannot be
    written) end as one line with their exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (InputError, RulesError, OutputError) as err:
            fail(err)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thaiplan")
@click.option("--rules", "rules_dir", envvar="THAIPLAN_RULES", metavar="DIR",
              help="A folder of rule files (TOML) that extend the shipped rules/ (or set THAIPLAN_RULES).")
@click.pass_context
def main(ctx: click.Context, rules_dir: str | None) -> None:
    """thaiplan — Thai planning and monitoring documents to structured JSON.

    \b
    Examples:
      thaiplan extract corpora/seeds/000_7e9c5d1949af814c.txt -o out.json
      thaiplan evaluate corpora
    """
    if rules_dir is not None and not os.path.isdir(rules_dir):
        source = ctx.get_parameter_source("rules_dir")
        where = "THAIPLAN_RULES" if source == click.core.ParameterSource.ENVIRONMENT else "--rules"
        problem = "is not a folder" if os.path.exists(rules_dir) else "not found"
        fail(RulesError(rules_dir, None, f"rules folder {problem} (given by {where})"))
    utf8_stdout()
    ctx.obj = {"rules_dir": rules_dir}


@main.command(epilog=EXTRACT_EXAMPLES)
@click.argument("file", type=str)
@click.option("-o", "--output", metavar="PATH",
              help="Write the JSON to PATH (- is standard output); see docs/formats.md, \"Output files\".")
@click.option("--include-text", is_flag=True, help="Add the source text (what spans point into) as `source_text`.")
@click.option("--compact", is_flag=True, help="One-line JSON instead of pretty-printed.")
@ocr_option
@click.pass_context
def extract(ctx: click.Context, file: str, output: str | None, include_text: bool, compact: bool, ocr: Any) -> None:
    """Extract one document (.txt, .docx, .pdf, .xlsx, .xls, or a scan as .png, .jpg, .tif) into JSON.

    Exit codes: 0 done; 2 bad input (or an -o path that is refused); 3 the
    output could not be written; 1 an internal error.
    """
    from .jsonio import dumps
    from .output import kind_of, write_text
    from .pipeline import extract as run_extract
    from .readers.ocr import OcrOptions

    if output is not None:
        if kind_of(output) == "file" and os.path.exists(file) and os.path.samefile(file, output):
            fail(OutputError(output, "is the input file: not overwritten (give another -o)", refused=True))
        # a refused -o (a symlink, a folder …) has stopped here, before any work
    rules = rules_of(ctx)
    try:
        doc = run_extract(path=file, rules=rules, ocr=OcrOptions(mode=ocr))
        text = dumps(doc.to_dict(include_text=include_text), compact=compact) + "\n"  # never NaN/Infinity
    except (InputError, RulesError) as err:
        fail(err)
    except Exception as err:  # an extractor bug: say which file, keep the traceback for debugging
        if os.environ.get("THAIPLAN_DEBUG"):
            raise
        click.echo(f"thaiplan: internal error while extracting {shown(file)}: {type(err).__name__}: "
                   f"{' '.join(str(err).split())} (set THAIPLAN_DEBUG=1 for the traceback, and please report it)",
                   err=True)
        sys.exit(1)
    if output:
        write_text(output, text)
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
