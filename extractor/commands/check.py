"""``thaiplan check FILE...``: extract each plan and report quality findings.

The checks live in :mod:`extractor.check`; this module reads the
configuration, renders text or JSON and sets the exit code.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .options import ocr_option
from ..errors import InputError
from ..jsonio import dumps
from ..ruleset import RuleSet, RulesError

EPILOG = """
\b
Examples:
  thaiplan check plan.docx
  thaiplan check plan.docx --annotate plan-checked.docx
  thaiplan check plans/2567/ --format json > findings.json
  thaiplan check plan.pdf --config thaiplan.toml --fail-on warning
  thaiplan check --list-rules

\b
Exit code: 0 no errors, 1 errors found (or findings at --fail-on level),
2 an input or the configuration could not be read.
Configuration: [tool.thaiplan.check] in the nearest pyproject.toml, or --config.
"""

RANK = {"error": 3, "warning": 2, "info": 1}


def _fail(message: str) -> None:
    click.echo(f"thaiplan: error: {message}", err=True)
    sys.exit(2)


@click.command("check", epilog=EPILOG)
@click.argument("files", nargs=-1, type=click.Path(path_type=str))
@click.option("--config", "config_path", type=click.Path(path_type=str),
              help="TOML file with the check settings (default: [tool.thaiplan.check] of the nearest pyproject.toml).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="Readable text grouped by project, JSON (findings and counts), or one self-contained "
                   "HTML page (summary per project, findings with filters, the text with each finding "
                   "highlighted; needs -o).")
@click.option("-o", "--output", "output_path", metavar="PATH",
              help="Write the report to PATH instead of standard output (required for --format html).")
@click.option("--lang", type=click.Choice(["both", "th", "en"]), default="both", show_default=True,
              help="Language of the messages in text and HTML output (JSON always has both).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding of this severity or worse is reported.")
@click.option("--list-rules", is_flag=True, help="Print every rule with its id, severity and meaning, and exit.")
@click.option("--annotate", "annotate_path", metavar="OUT.docx",
              help="Write a copy of the Word plan (one .docx FILE) with every finding as a comment "
                   "where it stands; the original is not changed.")
@ocr_option
@click.pass_context
def command(ctx: click.Context, files: tuple[str, ...], config_path: str | None, fmt: str,
            output_path: str | None, lang: str, fail_on: str, list_rules: bool, annotate_path: str | None,
            ocr: Any) -> None:
    """Check plans (files, or folders of them) for arithmetic, consistency and completeness problems.

    Each FILE is extracted as by `thaiplan extract`; every finding names the
    line it concerns, a rule id, a severity (error, warning, info) and a
    message in Thai and English.  Rule wording comes from rules/checks.toml
    (and the --rules folder).
    """
    from ..check import ConfigError, catalog_of, check_file, load_config
    from ..cli import rules_of
    from ..readers.ocr import OcrOptions

    rules = rules_of(ctx)
    try:
        catalog_of(rules)
        if list_rules:
            click.echo(render_rules(fmt, rules))
            return
        if not files:
            raise click.UsageError("give at least one FILE (or --list-rules)")
        if annotate_path is not None:
            _check_annotate(files, annotate_path)
        if fmt == "html" and output_path in (None, "-"):
            raise click.UsageError("--format html writes a page: give its name with -o report.html")
        config = load_config(config_path, rules=rules)
    except (ConfigError, RulesError) as err:
        _fail(str(err))
        return
    from ..check import FileResult

    results = []
    unreadable = 0
    inputs = _expand(files)
    with _progress(len(inputs)) as bar:
        for shown, path, skip in inputs:
            bar.set_postfix_str(os.path.basename(shown)[-40:], refresh=False)
            if skip is not None:
                click.echo(f"thaiplan: skipped: {shown}: {skip}", err=True)
            else:
                try:
                    result = check_file(path, config, rules, OcrOptions(mode=ocr))
                    result.path = shown
                    results.append(result)
                except RulesError as err:
                    _fail(str(err))
                    return
                except InputError as err:
                    click.echo(f"thaiplan: error: {shown}: {err.problem}", err=True)
                    unreadable += 1
                    results.append(FileResult(shown, error=err.problem))
                except Exception as err:  # an extractor bug: this file fails, the others are still checked
                    problem = f"internal error: {type(err).__name__}: {' '.join(str(err).split())[:200]}"
                    click.echo(f"thaiplan: error: {shown}: {problem} (please report it)", err=True)
                    unreadable += 1
                    results.append(FileResult(shown, error=problem))
            bar.update(1)
    if annotate_path is not None and results and results[0].doc is not None:
        from ..check.annotate import annotate_docx

        if results[0].doc.source.format != "docx":
            _fail(f"{files[0]}: --annotate writes comments into Word .docx files; this file was read as "
                  f"{results[0].doc.source.format}")
        n = annotate_docx(files[0], results[0].doc, results[0].findings, annotate_path, lang)
        click.echo(f"thaiplan: {annotate_path}: {n} comment(s) added to a copy of {files[0]}", err=True)
    if fmt == "html":
        from ..check.html_report import render_html

        report = render_html(results, lang, rules)
    elif fmt == "json":
        report = dumps(to_json(results))
    else:
        report = render_text(results, lang)
    if output_path is not None:
        from ..output import write_text

        write_text(output_path, report + "\n")
        if fmt == "html":
            click.echo(f"thaiplan: {output_path}: report of {len(results)} file(s) written", err=True)
    elif report:
        click.echo(report)
    if unreadable:
        sys.exit(2)
    worst = max((RANK[f.severity] for r in results for f in r.findings), default=0)
    sys.exit(1 if worst >= RANK[fail_on] else 0)


def _expand(files: tuple[str, ...]) -> list[tuple[str, str, str | None]]:
    """(name to show, path to open, reason it is skipped) for every file; a folder gives the
    documents under it, as ``thaiplan batch`` finds them (sorted; links leaving it skipped)."""
    from ..batch.discovery import iter_inputs

    out: list[tuple[str, str, str | None]] = []
    for name in files:
        if os.path.isdir(name):
            out.extend((inp.display, inp.path, inp.skip) for inp in iter_inputs([name]))
        else:
            out.append((name, name, None))
    return out


def _progress(total: int) -> Any:
    """A progress bar on standard error for a person watching several files (silent otherwise)."""
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="check", file=sys.stderr, leave=False,
                disable=True if total < 2 else None)


def _check_annotate(files: tuple[str, ...], out: str) -> None:
    """--annotate takes one Word file and never writes over it."""
    if len(files) != 1 or os.path.isdir(files[0]):
        raise click.UsageError("--annotate takes exactly one .docx FILE")
    if os.path.exists(out) and os.path.exists(files[0]) and os.path.samefile(files[0], out):
        _fail(f"{out}: is the plan itself: the original is never changed (give another --annotate file)")
    if not out.lower().endswith(".docx"):
        raise click.UsageError("--annotate needs an output name ending in .docx")


# ---------------------------------------------------------------- JSON

def to_json(results) -> dict[str, Any]:
    from ..check import counts
    from ..check.locate import Locator

    files = []
    for r in results:
        entry: dict[str, Any] = {"path": r.path}
        if r.error is not None:
            entry["error"] = r.error
        else:
            entry["document"] = r.doc.info.to_dict()
            entry["projects"] = len(r.doc.projects)
        where = Locator(r.doc) if r.doc is not None else None
        entry["findings"] = [{**f.to_dict(), "location": where(f.span) if where else ""} for f in r.findings]
        entry["counts"] = r.counts
        files.append(entry)
    total = counts([f for r in results for f in r.findings])
    total["files"] = len(results)
    total["unreadable"] = sum(1 for r in results if r.error is not None)
    return {"files": files, "counts": total}


# ---------------------------------------------------------------- text

def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def summary(c: dict[str, int]) -> str:
    return ", ".join(_plural(c[s], s) for s in ("error", "warning", "info"))


def render_text(results, lang: str = "both") -> str:
    from ..check.locate import Locator

    out: list[str] = []
    for r in results:
        if r.error is not None:
            continue  # already on standard error
        doc = r.doc
        info = doc.info
        fy = f", FY {info.fiscal_year}" if info.fiscal_year else ""
        out.append(f"== {r.path} ({info.document_type}{fy}, {len(doc.projects)} projects)")
        groups: dict[str | None, list] = {}
        for f in r.findings:
            groups.setdefault(f.project_id, []).append(f)
        order = ([None] if None in groups else []) + [p.id for p in doc.projects if p.id in groups]
        names = {p.id: p for p in doc.projects}
        where = Locator(doc)
        for pid in order:
            if pid is None:
                out.append("-- document")
            else:
                p = names[pid]
                num = f"[{p.number}] " if p.number else ""
                out.append(f"-- {pid} {num}{_cut(p.name, 70)}")
            for f in groups[pid]:
                line = f.span.line if f.span else "-"
                main = f.message_en if lang == "en" else f.message
                place = where(f.span)
                head = f"{r.path}:{line}" if doc.source.format == "txt" else r.path  # Word shows no text lines
                out.append(f"{head}: {f.severity} {f.rule} — {main}" + (f" [{place}]" if place and not
                                                                         place.startswith("line ") else ""))
                if lang == "both" and f.message_en:
                    out.append(f"    {f.message_en}")
        out.append(f"{r.path}: {summary(r.counts)}")
    if len(results) > 1:
        from ..check import counts

        total = counts([f for r in results for f in r.findings])
        bad = sum(1 for r in results if r.error is not None)
        tail = f", {bad} unreadable" if bad else ""
        out.append(f"{len(results)} files{tail}: {summary(total)}")
    return "\n".join(out)


def _cut(text: str, limit: int) -> str:
    s = " ".join(text.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def render_rules(fmt: str = "text", ruleset: RuleSet | None = None) -> str:
    from ..check import all_rules
    from ..check.docs import type_defaults

    rules = all_rules(ruleset)
    if fmt == "json":
        return dumps([{"id": r.id, "family": r.family, "severity": r.severity, "by_document_type": dict(r.by_type),
                       "summary": r.summary_th, "summary_en": r.summary_en, "needs": r.needs} for r in rules])
    width = max(len(r.id) for r in rules)
    out = []
    for r in rules:
        defaults = type_defaults(r)
        extra = f"  ({defaults})" if defaults else ""
        out.append(f"{r.id.ljust(width)}  {r.severity:<7}  {r.summary_en}{extra}")
        out.append(f"{' ' * width}  {'':<7}  {r.summary_th}")
        if r.needs:
            out.append(f"{' ' * width}  {'':<7}  (inactive: needs {r.needs})")
    return "\n".join(out)
