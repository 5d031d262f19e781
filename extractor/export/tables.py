"""Relational tables (CSV or Parquet, same tables and columns) from an OUTDIR; see docs/exports.md.

The tables, their columns and types are defined in columns.py; CSV writes
them in that order, Parquet as explicit Arrow schemas built from them here
(pyarrow is the optional ``parquet`` extra, imported only by that writer).
Rows are streamed in chunks, so the export's memory does not grow with the
archive.
"""

from __future__ import annotations

import csv
import os
from contextlib import ExitStack
from typing import Any, Iterator

from .columns import TABLE_NAMES, TABLES, ColumnType, Table
from .common import Doc, iter_documents, output_file, output_folder, sha256

Row = dict[str, Any]


def _span(s: dict[str, Any] | None) -> Row:
    s = s or {}
    return {"span_start": s.get("start"), "span_end": s.get("end"), "span_line": s.get("line"),
            "span_page": s.get("page")}


def rows(key: str, doc: Doc) -> dict[str, list[Row]]:
    """Every table's rows for one document (values as in the JSON, coerced when written)."""
    out: dict[str, list[Row]] = {name: [] for name in TABLE_NAMES}
    doc_key = {"doc_path": key, "doc_sha256": sha256(doc)}
    src, info = doc.get("source") or {}, doc.get("document") or {}
    projects, findings, notes = doc.get("projects") or [], doc.get("findings") or [], doc.get("notes") or []
    out["documents"].append({
        **doc_key, "source_path": src.get("path"), "format": src.get("format"), "encoding": src.get("encoding"),
        "pages": src.get("pages"), "chars": src.get("chars"), "title": info.get("title"),
        "organization": info.get("organization"), "fiscal_year": info.get("fiscal_year"),
        "document_type": info.get("document_type"), "schema_version": doc.get("schema_version"),
        "project_count": len(projects), "finding_count": len(findings), "note_count": len(notes)})
    for p_index, p in enumerate(projects):
        pk = {**doc_key, "project_id": p.get("id")}
        budget, resp, period = p.get("budget") or {}, p.get("responsible") or {}, p.get("period") or {}
        out["projects"].append({
            **pk, "project_index": p_index, "number": p.get("number"), "name": p.get("name"),
            "budget_amount": budget.get("amount"), "budget_year": budget.get("year"), "budget_no_budget": budget.get("no_budget"),
            "budget_spent": budget.get("spent"), "budget_currency": budget.get("currency"),
            "budget_text": budget.get("text"), "budget_words": budget.get("words"),
            "responsible_unit": resp.get("unit"), "responsible_persons": "; ".join(resp.get("persons") or []),
            "period_text": period.get("text"), "period_start": period.get("start"), "period_end": period.get("end"),
            "status": p.get("status"), "mention_count": len(p.get("mentions") or []), **_span(p.get("span"))})
        for table in ("objectives", "targets", "activities", "expected_results", "results"):
            for i, item in enumerate(p.get(table) or []):
                out[table].append({**pk, "item_index": i, "text": item.get("text"), "kind": item.get("kind"),
                                   **_span(item.get("span"))})
        for i, ind in enumerate(p.get("indicators") or []):
            target, result = ind.get("target") or {}, ind.get("result") or {}
            out["indicators"].append({
                **pk, "item_index": i, "text": ind.get("text"), "kind": ind.get("kind"),
                "target_text": target.get("text"), "target_value": target.get("value"),
                "target_unit": target.get("unit"), "target_comparator": target.get("comparator"),
                "result_text": result.get("text"), "result_value": result.get("value"),
                "result_unit": result.get("unit"), "result_comparator": result.get("comparator"),
                **_span(ind.get("span"))})
        for i, item in enumerate(budget.get("items") or []):
            quarters = list(item.get("quarters") or []) + [None] * 4
            out["budget_items"].append({
                **pk, "item_index": i, "label": item.get("label"), "amount": item.get("amount"),
                **{f"q{n + 1}": quarters[n] for n in range(4)}, **_span(item.get("span"))})
        for i, source in enumerate(budget.get("sources") or []):
            out["budget_sources"].append({**pk, "item_index": i, "source": source.get("source"),
                                          "amount": source.get("amount"), **_span(source.get("span"))})
        # the JSON keys are Buddhist-era years as strings; a table of years, in year order
        for year, amount in sorted((budget.get("by_year") or {}).items(), key=lambda kv: int(kv[0])):
            out["budget_years"].append({**pk, "year": int(year), "amount": amount})
        for i, stated in enumerate(budget.get("stated") or []):
            out["budget_stated"].append({**pk, "item_index": i, "amount": stated.get("amount"),
                                         "place": stated.get("place"), **_span(stated.get("span"))})
        for i, gap in enumerate(p.get("gaps") or []):
            out["gaps"].append({**pk, "item_index": i, "field": gap.get("field"), **_span(gap.get("span"))})
    for i, f in enumerate(findings):
        out["findings"].append({
            **doc_key, "finding_index": i, "rule": f.get("rule"), "severity": f.get("severity"),
            "project_id": f.get("project_id"), "message": f.get("message"), "message_en": f.get("message_en"),
            **_span(f.get("span"))})
    for i, note in enumerate(notes):
        out["notes"].append({**doc_key, "note_index": i, "code": note.get("code"), "message": note.get("message"),
                             **_span(note.get("span"))})
    return out


def _coerce(value: Any, type_: ColumnType) -> Any:
    """One rule for both formats: the JSON value as the column's type (None stays None)."""
    return None if value is None else type_.python(value)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


class _CsvSink:
    suffix = "csv"

    def __init__(self, stack: ExitStack, path: str, table: Table, bom: bool) -> None:
        self.columns = table.columns
        # utf-8-sig writes the BOM that makes Excel read the file as UTF-8 (Thai would be garbled otherwise)
        fh = stack.enter_context(output_file(path, encoding="utf-8-sig" if bom else "utf-8", newline="", stdout=False))
        self.writer = csv.writer(fh)
        self.writer.writerow(table.names)

    def write(self, rows: list[Row]) -> None:
        self.writer.writerows([_csv_cell(_coerce(r.get(c.name), c.type)) for c in self.columns] for r in rows)


def arrow_schema(table: Table) -> Any:
    """The table's explicit Arrow schema (needs pyarrow: the Parquet export only)."""
    import pyarrow as pa

    types = {ColumnType.STRING: pa.string(), ColumnType.INT32: pa.int32(), ColumnType.INT64: pa.int64(),
             ColumnType.FLOAT64: pa.float64(), ColumnType.BOOL: pa.bool_()}
    return pa.schema([(c.name, types[c.type]) for c in table.columns])


class _ParquetSink:
    suffix = "parquet"

    def __init__(self, stack: ExitStack, path: str, table: Table, bom: bool) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa = pa
        self.columns = table.columns
        self.schema = arrow_schema(table)
        fh = stack.enter_context(output_file(path, mode="wb", stdout=False))
        self.writer = pq.ParquetWriter(fh, self.schema, compression="zstd")
        stack.callback(self.writer.close)  # unwinds first: the footer is written before the rename

    def write(self, rows: list[Row]) -> None:
        arrays = [self.pa.array([_coerce(r.get(c.name), c.type) for r in rows], type=f.type)
                  for c, f in zip(self.columns, self.schema, strict=True)]
        self.writer.write_table(self.pa.Table.from_arrays(arrays, schema=self.schema))


_SINKS: dict[str, type[_CsvSink] | type[_ParquetSink]] = {"csv": _CsvSink, "parquet": _ParquetSink}


def write_tables(outdir: str, folder: str, fmt: str, bom: bool = False, chunk_rows: int = 50_000
                 ) -> dict[str, int]:
    """Write ``<table>.csv`` or ``<table>.parquet`` into ``folder``; returns rows per table.

    Each file is renamed into place when the export ends; after an error none is,
    and a folder the export created is removed again.
    """
    sink_type = _SINKS[fmt]
    counts = dict.fromkeys(TABLE_NAMES, 0)
    with output_folder(folder), ExitStack() as stack:
        sinks = {t.name: sink_type(stack, os.path.join(folder, f"{t.name}.{sink_type.suffix}"), t, bom)
                 for t in TABLES}
        buffers: dict[str, list[Row]] = {name: [] for name in TABLE_NAMES}
        for key, doc in iter_documents(outdir, progress="tables"):
            for name, table_rows in rows(key, doc).items():
                buffers[name].extend(table_rows)
                counts[name] += len(table_rows)
                if len(buffers[name]) >= chunk_rows:
                    sinks[name].write(buffers[name])
                    buffers[name] = []
        for name, buffered in buffers.items():
            if buffered:
                sinks[name].write(buffered)
    return counts


def iter_rows(outdir: str, table: str) -> Iterator[Row]:
    """One table's rows (uncoerced), e.g. for a quick look in Python."""
    for key, doc in iter_documents(outdir):
        yield from rows(key, doc)[table]
