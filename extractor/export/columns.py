"""The tables of the CSV and Parquet exports: names, column types and meanings, as plain data.

This is the single source of truth: the writers (tables.py) take the column
order and types from it (Parquet builds its Arrow schema from it, lazily, so
nothing here needs pyarrow), and docs/exports.md renders it (docs.py).  A
column whose values are a closed set names the JSON Schema property that
lists them (``values``), so the documentation shows the schema's list rather
than a copy of it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ColumnType(enum.Enum):
    """A column's type; the value is its name in the documentation (Arrow's, but ``float64`` for ``double``)."""

    STRING = "string"
    INT32 = "int32"
    INT64 = "int64"
    FLOAT64 = "float64"
    BOOL = "bool"

    @property
    def python(self) -> type:
        """The Python type a value of the column is converted to (both formats)."""
        return _PYTHON_TYPES[self]


_PYTHON_TYPES = {ColumnType.STRING: str, ColumnType.INT32: int, ColumnType.INT64: int, ColumnType.FLOAT64: float,
                 ColumnType.BOOL: bool}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    values: str | None = None  # "Definition.property" of document.schema.json whose enum lists the values


@dataclass(frozen=True)
class Table:
    name: str
    one_row_per: str
    columns: tuple[Column, ...]
    about: str = ""  # what decides which rows there are, when the heading does not say it all

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


_S, _I32, _I64, _F64, _B = (ColumnType.STRING, ColumnType.INT32, ColumnType.INT64, ColumnType.FLOAT64,
                            ColumnType.BOOL)

_DOC = (Column("doc_path", _S, "document key: the input's path relative to the batch inputs' common folder, "
                               "`/`-separated (`2567/plan.docx`)"),
        Column("doc_sha256", _S, "document key: SHA-256 of the input file's bytes"))
_PROJECT = (*_DOC, Column("project_id", _S, "project key within the document (`p1`, `p2`, …)"))


def _span(what: str) -> tuple[Column, ...]:
    return (Column("span_start", _I64, f"start of {what}: character offset into the source text"),
            Column("span_end", _I64, "end of it (exclusive)"),
            Column("span_line", _I32, "1-based line of `span_start`"),
            Column("span_page", _I32, "1-based page of `span_start` in a PDF, else null"))


def _item(list_: str, *columns: Column, span: str = "the item") -> tuple[Column, ...]:
    """The columns of a table of a project's list: keys, position in the list, the item's own, its span."""
    return (*_PROJECT, Column("item_index", _I32, f"0-based position in the project's {list_}"), *columns,
            *_span(span))


_TEXT = Column("text", _S, "the item, cleaned (no leading number or bullet)")


def _value(part: str, meaning: str) -> tuple[Column, ...]:
    """An indicator's target or result value (``indicators[].target`` / ``.result``)."""
    return (Column(f"{part}_text", _S, meaning),
            Column(f"{part}_value", _F64, "its number"),
            Column(f"{part}_unit", _S, "`percent`, `baht`, or the Thai unit word as printed"),
            Column(f"{part}_comparator", _S, "how the number bounds the value", values="TargetValue.comparator"))


TABLES: tuple[Table, ...] = (
    Table("documents", "document", (
        *_DOC,
        Column("source_path", _S, "the input path as given to `thaiplan batch` (`source.path`)"),
        Column("format", _S, "the format the input was read as (`source.format`)", values="Source.format"),
        Column("encoding", _S, "detected text encoding of a `txt` input, else null"),
        Column("pages", _I32, "page count of a PDF or image, else null"),
        Column("chars", _I64, "length of the source text in characters"),
        Column("title", _S, "document title"),
        Column("organization", _S, "issuing office"),
        Column("fiscal_year", _I32, "fiscal year, Buddhist Era (e.g. 2568)"),
        Column("document_type", _S, "kind of document", values="DocumentInfo.document_type"),
        Column("schema_version", _S, "version of the JSON output contract"),
        Column("project_count", _I32, "number of rows in `projects` for this document"),
        Column("finding_count", _I32, "number of rows in `findings` for this document"),
        Column("note_count", _I32, "number of rows in `notes` for this document (0: the extractor had nothing "
                                  "to report)"))),
    Table("projects", "project", (
        *_PROJECT,
        Column("project_index", _I32, "0-based order of the project in the document"),
        Column("number", _S, "the project's number as printed (`2.1`), Thai digits converted"),
        Column("name", _S, "project name, without number and leading โครงการ"),
        Column("budget_amount", _F64, "total budget for the year (baht); 0 with `budget_no_budget`; null if not "
                                     "stated. For a multi-year plan, the amount of the document's fiscal year "
                                     "(every year is in `budget_years`)"),
        Column("budget_year", _I32, "multi-year plans: the year (Buddhist Era) whose amount is `budget_amount`; "
                                   "null otherwise"),
        Column("budget_no_budget", _B, "the document says ไม่ใช้งบประมาณ"),
        Column("budget_spent", _F64, "amount spent or disbursed, when stated"),
        Column("budget_currency", _S, "`THB`"),
        Column("budget_text", _S, "the budget phrase, verbatim"),
        Column("budget_words", _S, "the amount in Thai words (…บาทถ้วน), when printed"),
        Column("responsible_unit", _S, "responsible unit"),
        Column("responsible_persons", _S, "responsible persons, joined with `\"; \"`"),
        Column("period_text", _S, "the period as printed"),
        Column("period_start", _S, "start, CE year-month (`2024-10`)"),
        Column("period_end", _S, "end, CE year-month"),
        Column("status", _S, "how far the project is (reports)", values="Project.status"),
        Column("mention_count", _I32, "number of other places that refer to the project"),
        *_span("the project's main section"))),
    Table("objectives", "objective", _item("objectives", _TEXT)),
    Table("targets", "target", _item("targets", _TEXT, Column("kind", _S, "kind of target", values="Target.kind"))),
    Table("indicators", "indicator", _item(
        "indicators",
        Column("text", _S, "the indicator"),
        Column("kind", _S, "kind of indicator", values="Indicator.kind"),
        *_value("target", "the target value as printed (`ร้อยละ ๘๐`)"),
        *_value("result", "reports: the value achieved as printed (`ร้อยละ 85`); null when the document gives "
                          "none"),
        span="the indicator"),
          about="The target's and the result's own spans are in the JSON only."),
    Table("activities", "activity", _item("activities", _TEXT)),
    Table("expected_results", "expected result", _item("expected results", _TEXT)),
    Table("results", "result (reports)", _item("results", _TEXT,
                                                Column("kind", _S, "kind of result", values="Result.kind"))),
    Table("budget_items", "budget line item", _item(
        "budget items",
        Column("label", _S, "the item"),
        Column("amount", _F64, "its amount (baht)"),
        *(Column(f"q{n}", _F64, f"amount of quarter {n}, when a quarterly plan gives it") for n in range(1, 5)))),
    Table("budget_sources", "funding source", _item(
        "budget sources",
        Column("source", _S, "funding source (สพฐ., อบจ., …)"),
        Column("amount", _F64, "amount from that source (baht)"),
        span="the source")),
    Table("budget_years", "year of a multi-year plan's budget", (
        *_PROJECT,
        Column("year", _I32, "the year, Buddhist Era (e.g. 2567); unique within a project"),
        Column("amount", _F64, "the amount planned for that year (baht); null where the plan prints `-`")),
          about="From `budget.by_year`: only projects whose budget is given per year (a table "
                "\"ปี 2566 | ปี 2567 | ปี 2568\" under the budget label) have rows, one per year column, in "
                "year order. No span columns: the JSON gives none per year."),
    Table("budget_stated", "amount the document states for a project", _item(
        "`budget.stated`",
        Column("amount", _F64, "the amount stated there (baht)"),
        Column("place", _S, "where it is stated (the project's own budget text, a summary-table row, the total "
                            "row of its budget table)", values="StatedAmount.place"),
        span="the amount as printed"),
          about="From `budget.stated`: every place that states the project's budget, whether the places agree "
                "or not (compare `amount` across a project's rows to find disagreements); a project with no "
                "stated amount has no rows."),
    Table("gaps", "field label printed with nothing under it", _item(
        "`gaps`",
        Column("field", _S, "the JSON field the label names (`targets`, `indicators`, `objectives`, …)"),
        span="the label"),
          about="From `gaps`: a field's label (e.g. เป้าหมาย, ตัวชี้วัด) printed in the project with nothing "
                "under it before the next label, so the empty list in the JSON is what the document says, not "
                "a miss of the extractor."),
    Table("findings", "quality-check finding", (
        *_DOC,
        Column("finding_index", _I32, "0-based position in the document's findings"),
        Column("rule", _S, "rule id (`indicator-without-target`, …)"),
        Column("severity", _S, "how serious", values="Finding.severity"),
        Column("project_id", _S, "the project concerned, or null"),
        Column("message", _S, "message in Thai"),
        Column("message_en", _S, "message in English"),
        *_span("the problem"))),
    Table("notes", "note from the extractor", (
        *_DOC,
        Column("note_index", _I32, "0-based position in the document's notes"),
        Column("code", _S, "what the note is about (see [SCHEMA.md](SCHEMA.md#note))", values="Note.code"),
        Column("message", _S, "the note, in English"),
        *_span("the part concerned (null for `no_projects`)")),
          about="From the top-level `notes`: what the extractor could not do (documents written before notes "
                "existed have none)."),
)

TABLE_NAMES = tuple(t.name for t in TABLES)
