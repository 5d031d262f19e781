"""``thaiplan evaluate DIR``: score the extractor against gold files, as a table or JSON.

Scoring lives in :mod:`extractor.evaluate`; this module only finds the
inputs, handles exit codes and renders text.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import click

from ..evaluate import COLUMNS, DOC_SUFFIXES, GOLD_SUFFIX, ITEM_FIELDS, Report, evaluate
from ..jsonio import dumps

EPILOG = """
\b
Examples:
  thaiplan evaluate corpora/seeds
  thaiplan evaluate corpora --gold-dir corpora/seeds      # .docx/.pdf variants too
  thaiplan evaluate corpora/seeds --details               # what to fix, per project
  thaiplan evaluate corpora/seeds --json > scores.json

Metric definitions: see the docstring of extractor/evaluate.py.
"""

TEXT_WIDTH = 70


@click.command("evaluate", epilog=EPILOG)
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--gold-dir", type=click.Path(path_type=Path),
              help="Also look here (recursively) for <stem>.gold.json when none is beside the document.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON instead of the table.")
@click.option("--details", is_flag=True, help="Per document: missed/spurious projects and items, wrong budgets and values.")
@click.pass_context
def command(ctx: click.Context, directory: Path, gold_dir: Path | None, as_json: bool, details: bool) -> None:
    """Extract every document in DIR that has a gold file and score it.

    DIR is searched recursively for .txt/.docx/.pdf files with
    <stem>.gold.json beside them (or in --gold-dir). Prints project F1,
    budget accuracy, objectives/targets/indicators/results F1 and indicator
    target-value accuracy per document and overall.
    """
    if not directory.exists():
        _fail(ctx, f"{directory}: no such file or directory")
    if gold_dir is not None and not gold_dir.is_dir():
        _fail(ctx, f"--gold-dir {gold_dir}: no such directory")
    report = evaluate(directory, gold_dir)
    if not report.documents:
        where = f" or in {gold_dir}" if gold_dir else ""
        _fail(ctx, f"{directory}: no {'/'.join(DOC_SUFFIXES)} document with a <stem>{GOLD_SUFFIX} beside it{where}")
    if as_json:
        click.echo(dumps(report.to_dict(details=details)))
        return
    click.echo(render_table(report))
    if details:
        click.echo()
        click.echo(render_details(report))


def _fail(ctx: click.Context, message: str) -> None:
    click.echo(f"thaiplan: error: {message}", err=True)
    ctx.exit(2)


# ---------------------------------------------------------------- table

def width(text: str) -> int:
    """Terminal columns: Thai vowel and tone marks take none, wide characters two."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def _pad(text: str, cols: int) -> str:
    return text + " " * max(0, cols - width(text))


def render_table(report: Report) -> str:
    """One aligned row per document, then OVERALL (pooled counts) and MEAN (of rows)."""
    rows = [(d.path + (" (failed)" if d.error else ""), d.scores) for d in report.documents]
    rows.append(("OVERALL (pooled)", report.overall()))
    rows.append(("MEAN of documents", report.mean_of_documents()))
    first = max(width("document"), *(width(name) for name, _ in rows))
    cols = [max(len(c), 6) for c in COLUMNS]
    header = _pad("document", first) + "  " + "  ".join(c.rjust(w) for c, w in zip(COLUMNS, cols))
    rule = "-" * width(header)
    lines = [header, rule]
    for i, (name, scores) in enumerate(rows):
        if i == len(report.documents):
            lines.append(rule)
        lines.append(_pad(name, first) + "  " + "  ".join(f"{scores[c]:.3f}".rjust(w) for c, w in zip(COLUMNS, cols)))
    failed = [d for d in report.documents if d.error]
    notes = [f"{len(report.documents)} documents scored"
             + (f", {len(failed)} failed" if failed else "")
             + (f", {len(report.skipped)} without gold skipped" if report.skipped else "")
             + ". results is not part of overall."]
    notes += [f"failed: {d.path}: {d.error}" for d in failed]
    return "\n".join(lines + [""] + notes)


# ---------------------------------------------------------------- details

def _short(text: Any, limit: int = TEXT_WIDTH) -> str:
    s = " ".join(str(text).split())
    if width(s) <= limit:
        return s
    out = ""
    for ch in s:
        if width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def _project(label: dict[str, Any]) -> str:
    num = label.get("number")
    where = ""
    if label.get("line") is not None:
        where = f" (line {label['line']})"
    elif label.get("lines"):
        where = f" (lines {label['lines'][0]}-{label['lines'][-1]})"
    ident = f"{label['id']} " if label.get("id") else ""
    return f"{ident}[{num if num is not None else '-'}] {_short(label['name'], 60)}{where}"


def _item(item: dict[str, Any], skip: int = 0) -> str:
    """A quoted, shortened item text; ``skip`` leading characters are elided as "…"."""
    line = f"  (line {item['line']})" if item.get("line") is not None else ""
    text = " ".join(str(item["text"]).split())
    if skip > 0:
        text = "…" + text[skip:]
    return f'"{_short(text)}"{line}'


def _near(gold: dict[str, Any], pred: dict[str, Any], score: float, indent: str) -> str:
    """A near-miss pair, both texts starting a little before where they first differ."""
    g, p = (" ".join(str(x["text"]).split()) for x in (gold, pred))
    same = 0
    while same < min(len(g), len(p)) and g[same] == p[same]:
        same += 1
    skip = same - 20 if same > 30 else 0
    return f"{indent}~ {_item(gold, skip)}\n{indent}  / {_item(pred, skip)}  ({score})"


def _budget(b: dict[str, Any]) -> str:
    text = f"amount {b['amount']}"
    if b["no_budget"]:
        text += " no_budget"
    if b["spent"] is not None:
        text += f" spent {b['spent']}"
    return text


def render_details(report: Report) -> str:
    """What differs from gold, document by document: the extractor's to-do list.

    Legend: ``-`` in gold but not extracted, ``+`` extracted but not in gold,
    ``~`` a near miss (similar but below the match threshold: usually a
    boundary or line-joining problem), with the similarity score.
    """
    out = ["Legend: - missed (in gold only)   + spurious (extracted only)   ~ near miss (gold / extracted, score)"]
    for d in report.documents:
        c = d.score.metrics["projects"]
        out.append("")
        out.append(f"== {d.path}  gold {c.tp + c.fn} projects, extracted {c.tp + c.fp}, matched {c.tp}")
        if d.error:
            out.append(f"   FAILED: {d.error}")
            continue
        det = d.score.details
        for key, diff in det["document"].items():
            out.append(f"   document.{key}: gold {diff['gold']!r} / extracted {diff['pred']!r}")
        projects = det["projects"]
        out += [f"   - project {_project(p)}" for p in projects["missed"]]
        out += [f"   + project {_project(p)}" for p in projects["spurious"]]
        out += [f"   ~ project {_project(n['gold'])}\n             / {_project(n['pred'])}  ({n['score']})"
                for n in projects["near"]]
        for p in det["matched"]:
            out += _render_matched(p)
        if not (det["document"] or any(projects.values()) or det["matched"]):
            out.append("   matches gold")
    return "\n".join(out)


def _render_matched(p: dict[str, Any]) -> list[str]:
    lines = [f"   {_project(p['gold'])}  <->  {p['pred'].get('id', '?')}"
             + (f"  name score {p['name_score']}" if "name_score" in p else "")]
    if "budget" in p:
        lines.append(f"      budget: gold {_budget(p['budget']['gold'])} / extracted {_budget(p['budget']['pred'])}")
    for name in ITEM_FIELDS:
        diff = p.get(name)
        if not diff:
            continue
        lines.append(f"      {name}: {len(diff['missed']) + len(diff['near'])} missed, "
                     f"{len(diff['spurious']) + len(diff['near'])} spurious")
        lines += [f"        - {_item(x)}" for x in diff["missed"]]
        lines += [f"        + {_item(x)}" for x in diff["spurious"]]
        lines += [_near(n["gold"], n["pred"], n["score"], "        ") for n in diff["near"]]
    for v in p.get("target_values", []):
        lines.append(f"      target value: {_item(v)}: gold {v['gold']} ({v['gold_target']!r}) "
                     f"/ extracted {v['pred']} ({v['pred_target']!r})")
    for k in p.get("kinds", []):
        lines.append(f"      {k['field']} kind: {_item(k)}: gold {k['gold']} / extracted {k['pred']}")
    return lines
