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
from .options import ocr_option
from ..jsonio import dumps

EPILOG = """
\b
Examples:
  thaiplan evaluate corpora/seeds
  thaiplan evaluate corpora --gold-dir corpora/seeds      # .docx/.pdf variants too
  thaiplan evaluate corpora/seeds --details               # gold vs extracted, per project
  thaiplan evaluate corpora/seeds --json > scores.json

Metric definitions: see the docstring of extractor/evaluate.py.
"""

TEXT_WIDTH = 70


@click.command("evaluate", epilog=EPILOG)
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--gold-dir", type=click.Path(path_type=Path),
              help="Also look here (recursively) for <stem>.gold.json when none is beside the document.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON instead of the table.")
@click.option("--details", is_flag=True,
              help="Per document: gold vs extracted, field by field, for every matched project; "
                   "missed/spurious projects and items; wrong budgets and values.")
@ocr_option
@click.pass_context
def command(ctx: click.Context, directory: Path, gold_dir: Path | None, as_json: bool, details: bool,
            ocr: Any) -> None:
    """Extract every document in DIR that has a gold file and score it.

    DIR is searched recursively for documents of every format thaiplan reads with
    <stem>.gold.json beside them (or in --gold-dir); a document that cannot
    be read scores 0. Prints project F1, budget accuracy,
    objectives/targets/indicators/results F1 and indicator target-value
    accuracy per document and overall ("–": not applicable, left out of
    the means).
    """
    if not directory.exists():
        _fail(ctx, f"{directory}: no such file or directory")
    if gold_dir is not None and not gold_dir.is_dir():
        _fail(ctx, f"--gold-dir {gold_dir}: no such directory")
    from ..cli import rules_of

    from ..readers.ocr import OcrOptions

    report = evaluate(directory, gold_dir, rules=rules_of(ctx), ocr=OcrOptions(mode=ocr))
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

NOT_APPLICABLE = "–"


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


def _cell(value: float | None) -> str:
    """A score as printed: three decimals, or "–" when not applicable."""
    return NOT_APPLICABLE if value is None else f"{value:.3f}"


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
        lines.append(_pad(name, first) + "  " + "  ".join(_cell(scores[c]).rjust(w) for c, w in zip(COLUMNS, cols)))
    failed = [d for d in report.documents if d.error]
    notes = [f"{len(report.documents)} documents scored"
             + (f", {len(failed)} failed" if failed else "")
             + (f", {len(report.skipped)} without gold skipped" if report.skipped else "")
             + ". results is not part of overall."
             + f" {NOT_APPLICABLE}: not applicable (nothing expected, nothing found), left out of the means."]
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


def _value(value: Any) -> str:
    """A shown value: quoted shortened text, or the JSON-ish literal."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return f'"{_short(value)}"'
    return str(value)


def _near(gold: dict[str, Any], pred: dict[str, Any], score: float, indent: str) -> str:
    """A near-miss pair, both texts starting a little before where they first differ."""
    g, p = (" ".join(str(x["text"]).split()) for x in (gold, pred))
    same = 0
    while same < min(len(g), len(p)) and g[same] == p[same]:
        same += 1
    skip = same - 20 if same > 30 else 0
    while skip > 0 and unicodedata.category(g[skip]) in ("Mn", "Me", "Cf"):
        skip -= 1  # never start on a vowel or tone mark
    return f"{indent}~ {_item(gold, skip)}\n{indent}  / {_item(pred, skip)}  ({score})"


def _budget(b: dict[str, Any]) -> str:
    text = f"amount {_value(b['amount'])}"
    if b["no_budget"]:
        text += " no_budget"
    if b["spent"] is not None:
        text += f" spent {_value(b['spent'])}"
    return text


def _compare(mark_ok: bool, label: str, gold: str, pred: str, indent: str, cols: int = 10) -> str:
    """``= label  value`` when gold and extracted agree, else ``≠ label  gold … / extracted …``."""
    if mark_ok:
        return f"{indent}= {label:<{cols}} {gold}"
    return f"{indent}≠ {label:<{cols}} gold {gold} / extracted {pred}"


def _scores_line(scores: dict[str, float | None]) -> str:
    return "  ".join(f"{c} {_cell(scores[c])}" for c in COLUMNS)


LEGEND = ("Legend: = agrees with gold   ≠ differs (gold / extracted)   - missed (in gold only)   "
          "+ spurious (extracted only)   ~ near miss (gold / extracted, score)   "
          "· not scored.  Budget is scored; unit, period and document fields are shown only.")


def render_details(report: Report) -> str:
    """What was expected and what came out, document by document: the extractor's to-do list.

    One block per document: its scores, the document fields, the unmatched
    gold and extracted projects, then one indented block per matched project
    pair with budget, responsible unit and period (gold vs extracted) and,
    per list field, the counts and the missed, spurious and near-miss items.
    """
    out = [LEGEND]
    for d in report.documents:
        out.append("")
        out += _render_document(d)
    return "\n".join(out)


def _render_document(d: Any) -> list[str]:
    c = d.score.metrics["projects"]
    lines = [f"== {d.path}  gold {c.tp + c.fn} projects, extracted {c.tp + c.fp}, matched {c.tp}",
             f"   scores: {_scores_line(d.scores)}"]
    if d.error:
        lines.append(f"   FAILED: {d.error}")
        return lines
    det = d.score.details
    after = det.get("partial_fields_after")
    if after is not None:
        lines.append(f"   partial_fields_after {after}: list fields and target values of gold projects "
                     f"#{after} on (0-based) are not scored")
    if det["document"]:
        lines.append("   document:")
    for key, diff in det["document"].items():
        lines.append(_compare(diff["same"], key, _value(diff["gold"]), _value(diff["pred"]), "      ", 13))
    projects = det["projects"]
    if any(projects.values()):
        lines.append("   unmatched projects:")
        for p in projects["missed"]:
            lines.append(f"      - {_project(p)}" + _not_annotated(p, after))
        lines += [f"      + {_project(p)}" for p in projects["spurious"]]
        lines += [f"      ~ {_project(n['gold'])}{_not_annotated(n['gold'], after)}\n"
                  f"        / {_project(n['pred'])}  ({n['score']})" for n in projects["near"]]
    for p in det["matched"]:
        lines += _render_matched(p)
    if not (det["matched"] or any(projects.values())):
        lines.append("   no projects in gold, none extracted")
    return lines


def _not_annotated(label: dict[str, Any], after: int | None) -> str:
    index = label.get("index")
    return "  (lists not annotated)" if after is not None and index is not None and index >= after else ""


def _render_matched(p: dict[str, Any]) -> list[str]:
    score = f"  name score {p['name_score']}" if p.get("name_score", 100) < 100 else ""
    partial = "" if p.get("fields_scored", True) else "  (lists not annotated)"
    lines = [f"   project {_project(p['gold'])}{partial}", f"        <-> {_project(p['pred'])}{score}"]
    ind = "      "
    b = p["budget"]
    lines.append(_compare(b["correct"], "budget", _budget(b["gold"]), _budget(b["pred"]), ind))
    for key, label in (("responsible_unit", "unit"), ("period", "period")):
        t = p[key]
        lines.append(_compare(t["same"], label, _value(t["gold"]), _value(t["pred"]), ind))
    for name in ITEM_FIELDS:
        diff = p.get(name)
        if not diff or (diff["gold"] == 0 and diff["pred"] == 0):
            continue
        if not diff["scored"]:
            lines.append(f"{ind}· {name:<10} not annotated in gold (partial_fields_after): "
                         f"gold {diff['gold']}, extracted {diff['pred']}, not scored")
            continue
        ok = diff["matched"] == diff["gold"] == diff["pred"]
        lines.append(f"{ind}{'=' if ok else '≠'} {name:<10} gold {diff['gold']}, extracted {diff['pred']}, "
                     f"matched {diff['matched']}")
        lines += [f"{ind}    - {_item(x)}" for x in diff["missed"]]
        lines += [f"{ind}    + {_item(x)}" for x in diff["spurious"]]
        lines += [_near(n["gold"], n["pred"], n["score"], ind + "    ") for n in diff["near"]]
    for v in p.get("target_values", []):
        lines.append(f"{ind}≠ target value {_item(v)}: gold {v['gold']} ({v['gold_target']!r}) "
                     f"/ extracted {v['pred']} ({v['pred_target']!r})")
    for k in p.get("kinds", []):
        lines.append(f"{ind}≠ {k['field']} kind {_item(k)}: gold {k['gold']} / extracted {k['pred']}")
    return lines
