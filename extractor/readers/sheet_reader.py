"""Spreadsheet reader: Excel .xlsx (openpyxl) and legacy .xls (xlrd), one table per sheet.

Thai plan documents kept in Excel are forms laid out on the cell grid: a title
block, a header of merged cells, then one item per row (or per group of rows).
The rendering keeps that grid so the table stages see what a person sees:

* every visible sheet, in workbook order, starts with a paragraph holding the
  sheet's name (region ``"sheet NAME"``); hidden and very hidden sheets and
  sheets without any non-blank cell are skipped;
* the sheet's *used range* (from the first to the last row and column holding
  a non-blank cell; leading and trailing empty rows/columns are dropped) is
  ONE :class:`~extractor.blocks.Table`, written row per line
  (``emit_table(..., cell_per_line=False)``: the cells of a row joined by
  TAB).  One table per sheet rather than splitting at blank rows: where a
  sheet's "tables" begin and end is a layout question for the later stages,
  and a split made here could not be undone;
* empty rows inside the used range are kept as empty table rows (empty lines):
  in these forms a blank row is what separates one item from the next;
* a merged range is one cell: its top-left cell carries the text, the range's
  size becomes ``row_span``/``col_span`` (clipped to the used range), and the
  other cells of the range are omitted, so merged content appears once;
* each non-blank cell is a single paragraph with region
  ``"sheet NAME, cell A1"``; a line break or TAB inside a cell becomes a space
  (a paragraph never contains a newline, and TAB separates cells).  Cells
  holding only whitespace count as empty.  Hidden rows and columns are kept.

Cell text is the value roughly as Excel displays it, kept simple on purpose
(:func:`display_number`): strings as they are; booleans ``TRUE``/``FALSE``;
dates as ISO ``yyyy-mm-dd`` (``yyyy-mm-dd HH:MM:SS`` when there is a time of
day); error values as their code (``#DIV/0!``); formulas as their cached
value (a formula never calculated by Excel is empty).  Numbers: with a
"General" format, integers without ``.0`` and other floats as the shortest
repr at Excel's 15-digit precision; with a number format of digit placeholders
only its thousands separator (``#,##0`` -> ``200,000``), its decimal places
(``0.00``) and a percent sign are honoured; currency symbols, literal text,
colours, scaling and conditions in formats are ignored.

Cost is bounded: an .xlsx is checked for zip bombs (``zip_guard.check_zip``)
and streamed (openpyxl read-only mode; merged ranges are read from the sheet
XML directly since read-only worksheets do not expose them), and a workbook
whose visible sheets' used ranges hold more than :data:`MAX_CELLS` cells in
total is refused.  Anything unreadable raises :class:`InputError` with a
one-line message.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterator
from xml.etree.ElementTree import ParseError, iterparse

from ..blocks import Layout
from ..errors import InputError
from ..model import SourceText
from .text_builder import CellSpec, TextBuilder, emit_table
from .zip_guard import check_zip

#: Refuse workbooks whose visible sheets' used ranges hold more cells than this in total.
MAX_CELLS = 200_000
#: Excel's last row: rows numbered beyond it (only a damaged file has them) are not read.
EXCEL_MAX_ROWS = 1_048_576

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_PPT_STREAM = "PowerPoint Document".encode("utf-16-le")
_SAVE_AS = "open it in Excel or LibreOffice and save it as .xlsx"
# str.splitlines() separators and TAB: none may appear inside a paragraph.
_BREAKS = re.compile(r"\r\n|[\r\n\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass
class _Sheet:
    """A sheet as read: non-blank cells and merged ranges, 0-based, inclusive ranges."""

    name: str
    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1


class _Budget:
    """Counts cells across the workbook and refuses it past :data:`MAX_CELLS`."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.used = 0

    def refuse(self, sheet: str, detail: str) -> InputError:
        return InputError(self.path, f"refused: sheet {sheet!r} makes the workbook too big ({detail}; "
                                     f"limit {MAX_CELLS:,} cells in total); split the workbook or "
                                     "delete unused rows and columns")

    def check_count(self, sheet: _Sheet) -> None:
        if self.used + len(sheet.cells) > MAX_CELLS:
            raise self.refuse(sheet.name, f"more than {MAX_CELLS - self.used:,} non-empty cells")

    def add_area(self, sheet: str, area: int) -> None:
        self.used += area
        if self.used > MAX_CELLS:
            raise self.refuse(sheet, f"its used range has {area:,} cells")


# ------------------------------------------------------------------ cell text

def cell_text(s: str) -> str:
    """A string cell's text on one line.

    >>> cell_text("a\\nb\\tc")
    'a b c'
    """
    return _BREAKS.sub(" ", s)


def _format_section(fmt: str | None) -> str:
    """The positive-number section of a number format, without literals and brackets."""
    if not fmt:
        return ""
    fmt = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", fmt)
    return fmt.split(";")[0]


def display_number(value: float | int, fmt: str | None = None) -> str:
    """A number roughly as Excel shows it with number format ``fmt``.

    >>> display_number(200000.0, "#,##0"), display_number(3.0), display_number(2.5, "General")
    ('200,000', '3', '2.5')
    >>> display_number(1234.5, "#,##0.00"), display_number(0.125, "0.0%"), display_number(0.1 + 0.2)
    ('1,234.50', '12.5%', '0.3')
    >>> display_number(1234.5678, "0.00"), display_number(-1500, "#,##0;(#,##0)"), display_number(2.5, "0")
    ('1234.57', '-1,500', '3')
    """
    section = _format_section(fmt)
    if not re.search(r"[0#?]", section):  # General, text or date-like formats
        return _general(value)
    if "%" in section:
        value = value * 100
    point = section.find(".")
    decimals = section[point + 1:] if point >= 0 else ""
    required = len(re.findall(r"0", decimals.split("E")[0].split("e")[0]))
    optional = len(re.findall(r"[#?]", decimals.split("E")[0].split("e")[0]))
    if "e" in section.lower():  # scientific formats: not worth imitating
        return _general(value)
    grouped = bool(re.search(r"[0#?],[0#?]", section))
    # Excel rounds half away from zero (Python's format() rounds half to even).
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-(required + optional)), ROUND_HALF_UP)
    text = f"{rounded:{',' if grouped else ''}f}"
    if optional and "." in text:
        text = text.rstrip("0")
        if len(text.split(".")[1]) < required:
            text += "0" * (required - len(text.split(".")[1]))
        text = text.rstrip(".")
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # no "-0"
    return text + ("%" if "%" in section else "")


def _general(value: float | int) -> str:
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return "#NUM!"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(f"{value:.15g}"))  # Excel keeps 15 significant digits


def display_datetime(value: dt.datetime | dt.date | dt.time) -> str:
    """Dates as ISO ``yyyy-mm-dd``, with the time of day when there is one.

    >>> display_datetime(dt.datetime(2013, 10, 1)), display_datetime(dt.datetime(2013, 10, 1, 8, 30))
    ('2013-10-01', '2013-10-01 08:30:00')
    """
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dt.time):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def _display(value: Any, fmt: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return display_number(value, fmt)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return display_datetime(value)
    if isinstance(value, dt.timedelta):
        return str(value)
    return cell_text(str(value))


# ------------------------------------------------------------------ layout

def _column_letter(col: int) -> str:
    """0-based column -> Excel letters.

    >>> _column_letter(0), _column_letter(27), _column_letter(16383)
    ('A', 'AB', 'XFD')
    """
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _emit_sheet(b: TextBuilder, sheet: _Sheet, budget: _Budget, path: str | None) -> None:
    cells = sheet.cells
    if not cells:
        return
    r_min = min(r for r, _ in cells)
    r_max = max(r for r, _ in cells)
    c_min = min(c for _, c in cells)
    c_max = max(c for _, c in cells)
    area = (r_max - r_min + 1) * (c_max - c_min + 1)
    budget.add_area(sheet.name, area)

    spans: dict[tuple[int, int], tuple[int, int]] = {}  # top-left -> (row_span, col_span)
    covered: set[tuple[int, int]] = set()
    merged_area = 0
    for r0, c0, r1, c1 in sheet.merges:
        r0c, c0c, r1c, c1c = max(r0, r_min), max(c0, c_min), min(r1, r_max), min(c1, c_max)
        if r0c > r1c or c0c > c1c:
            continue
        merged_area += (r1c - r0c + 1) * (c1c - c0c + 1)
        if merged_area > area:  # merged ranges never overlap in a sound file
            raise InputError(path, f"corrupted workbook: overlapping merged cells in sheet {sheet.name!r}; "
                                   f"{_SAVE_AS} again")
        if (r0, c0) in cells:
            spans[(r0, c0)] = (r1c - r0 + 1, c1c - c0 + 1)
        for r in range(r0c, r1c + 1):
            for c in range(c0c, c1c + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))

    rows: list[list[CellSpec]] = [[] for _ in range(r_max - r_min + 1)]
    for (r, c) in sorted(cells):
        if (r, c) in covered:
            continue
        row_span, col_span = spans.get((r, c), (1, 1))
        label = f"sheet {sheet.name}, cell {_column_letter(c)}{r + 1}"
        rows[r - r_min].append(CellSpec([(cells[(r, c)], label)], col=c - c_min,
                                        col_span=col_span, row_span=row_span))
    b.paragraph(sheet.name, f"sheet {sheet.name}")
    emit_table(b, rows, cell_per_line=False)


def _put(sheet: _Sheet, budget: _Budget, r: int, c: int, text: str) -> None:
    if text.strip():
        sheet.cells[(r, c)] = text
        if len(sheet.cells) % 1024 == 0:
            budget.check_count(sheet)


# ------------------------------------------------------------------ .xlsx

def _a1(ref: str) -> tuple[int, int] | None:
    m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})", ref.strip())
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def _merges_xlsx(zf: zipfile.ZipFile, part: str) -> list[tuple[int, int, int, int]]:
    """The ``<mergeCell ref="A1:C2"/>`` ranges of a worksheet part (streamed)."""
    merges: list[tuple[int, int, int, int]] = []
    with zf.open(part.lstrip("/")) as src:
        for _, el in iterparse(src):
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "mergeCell":
                first, _, last = (el.get("ref") or "").partition(":")
                a, z = _a1(first), _a1(last or first)
                if a and z:
                    merges.append((min(a[0], z[0]), min(a[1], z[1]), max(a[0], z[0]), max(a[1], z[1])))
            if tag in ("c", "row", "mergeCell"):
                el.clear()
    return merges


def _sheets_xlsx(path: str | None, data: bytes, budget: _Budget) -> Iterator[_Sheet]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for ws in wb.worksheets:
                if getattr(ws, "sheet_state", "visible") != "visible":
                    continue
                sheet = _Sheet(ws.title)
                ws.reset_dimensions()  # the stored dimension may be wrong; read what is there
                # Bounded by Excel's last row: openpyxl yields an empty row for every missing one,
                # so a row numbered 10**40 would otherwise never end.
                for row in ws.iter_rows(max_row=EXCEL_MAX_ROWS):
                    for cell in row:
                        value = getattr(cell, "value", None)
                        if value is None:
                            continue
                        text = _display(value, getattr(cell, "number_format", None))
                        _put(sheet, budget, cell.row - 1, cell.column - 1, text)
                budget.check_count(sheet)
                part = getattr(ws, "_worksheet_path", None)
                if sheet.cells and part:
                    sheet.merges = _merges_xlsx(zf, part)
                yield sheet
    finally:
        wb.close()


def _check_xlsx_package(path: str | None, data: bytes) -> None:
    names = set(check_zip(path, data, "Excel .xlsx"))
    if "xl/workbook.xml" in names:
        return
    if "xl/workbook.bin" in names:
        raise InputError(path, f"binary Excel workbook (.xlsb) is not supported: {_SAVE_AS}")
    if "word/document.xml" in names:
        raise InputError(path, "not a spreadsheet: this is a Word document (rename it to .docx)")
    if "ppt/presentation.xml" in names:
        raise InputError(path, "not a spreadsheet: this is a PowerPoint presentation, which is not supported")
    if "content.xml" in names and "mimetype" in names:
        raise InputError(path, f"OpenDocument file (.ods/.odt) is not supported: {_SAVE_AS}")
    raise InputError(path, "not an Excel workbook: a zip archive without Excel parts (no xl/workbook.xml)")


# ------------------------------------------------------------------ .xls

def _sheets_xls(path: str | None, data: bytes, budget: _Budget) -> Iterator[_Sheet]:
    import xlrd
    from xlrd.biffh import XL_CELL_BOOLEAN, XL_CELL_DATE, XL_CELL_ERROR, XL_CELL_NUMBER, XL_CELL_TEXT
    from xlrd.biffh import error_text_from_code

    log = io.StringIO()  # xlrd writes warnings to a log file (stdout by default)
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, ragged_rows=True, logfile=log)
    except NotImplementedError:  # formatting_info is not available for some (old BIFF) files
        book = xlrd.open_workbook(file_contents=data, ragged_rows=True, logfile=log)
    formats: dict[int, str] = {}
    for i, xf in enumerate(book.xf_list):
        fmt = book.format_map.get(xf.format_key)
        formats[i] = fmt.format_str if fmt is not None else ""
    for ws in book.sheets():
        if ws.visibility:  # 1 hidden, 2 very hidden
            continue
        sheet = _Sheet(ws.name)
        for r in range(ws.nrows):
            for c in range(ws.row_len(r)):
                cell = ws.cell(r, c)
                kind, value = cell.ctype, cell.value
                if kind == XL_CELL_TEXT:
                    text = cell_text(value)
                elif kind == XL_CELL_NUMBER:
                    text = display_number(value, formats.get(cell.xf_index))
                elif kind == XL_CELL_DATE:
                    text = _xls_date(value, book.datemode, formats.get(cell.xf_index))
                elif kind == XL_CELL_BOOLEAN:
                    text = "TRUE" if value else "FALSE"
                elif kind == XL_CELL_ERROR:
                    text = error_text_from_code.get(value, "#ERROR!")
                else:
                    continue
                _put(sheet, budget, r, c, text)
        budget.check_count(sheet)
        sheet.merges = [(rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in ws.merged_cells
                        if rhi > rlo and chi > clo]
        yield sheet


def _xls_date(value: float, datemode: int, fmt: str | None) -> str:
    from xlrd.xldate import XLDateError, xldate_as_datetime

    try:
        when = xldate_as_datetime(value, datemode)
    except (XLDateError, ValueError, OverflowError):
        return display_number(value, fmt)
    if 0 <= value < 1:  # a time of day only
        return display_datetime(when.time())
    return display_datetime(when)


def _check_xls(path: str | None, data: bytes) -> None:
    """Recognise files named .xls that are something else (raises); return for a BIFF file."""
    if data[:8] == OLE_MAGIC:  # Word/PowerPoint files are recognised from xlrd's error
        if _ENCRYPTED_OOXML in data:
            raise _encrypted(path)
        return
    head = data[:512].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower()
    if head.startswith((b"<", b"\x3c\x00")):
        raise InputError(path, "not a real Excel file: an HTML/XML page saved with the .xls extension; "
                               f"{_SAVE_AS}")
    if len(data) < 4 or data[0] != 0x09 or data[1] not in (0x00, 0x02, 0x04, 0x08):  # BIFF2-5 BOF record
        raise InputError(path, "not an Excel file (no .xls or .xlsx signature): the file is corrupted "
                               "or has the wrong extension")


def _encrypted(path: str | None) -> InputError:
    return InputError(path, "password-protected Excel workbook: remove the password (save an unprotected "
                            "copy as .xlsx) and retry")


def _xls_error(path: str | None, data: bytes, exc: BaseException) -> InputError:
    msg = _short(exc)
    if "encrypted" in msg.lower():
        return _encrypted(path)
    if "find workbook in OLE2" in msg:
        if _WORD_STREAM in data:
            return InputError(path, "not a spreadsheet: this is a Word .doc document (rename it to .doc)")
        if _PPT_STREAM in data:
            return InputError(path, "not a spreadsheet: this is a PowerPoint presentation")
        return InputError(path, "not an Excel file: an Office (OLE) file without a workbook stream")
    return InputError(path, f"corrupted or unsupported .xls file ({msg}); {_SAVE_AS}")


# ------------------------------------------------------------------ entry point

def read_sheet(path: str | None, data: bytes, kind: str) -> Layout:
    """Read an .xlsx (``kind="xlsx"``) or .xls (``kind="xls"``) workbook into a Layout.

    The content decides when it contradicts the name: an .xls that is really
    an .xlsx (zip) is read as .xlsx and vice versa.
    """
    if data[:4] == b"PK\x03\x04":
        kind = "xlsx"
    elif data[:8] == OLE_MAGIC:
        if _ENCRYPTED_OOXML in data:
            raise _encrypted(path)
        kind = "xls"
    elif kind == "xlsx":
        raise InputError(path, "not an Excel .xlsx file (no zip signature): the file is corrupted "
                               "or has the wrong extension")
    budget = _Budget(path)
    b = TextBuilder()
    if kind == "xlsx":
        _check_xlsx_package(path, data)
        _read_all(path, b, budget, lambda: _sheets_xlsx(path, data, budget), _xlsx_error)
    else:
        _check_xls(path, data)
        _read_all(path, b, budget, lambda: _sheets_xls(path, data, budget),
                  lambda p, exc: _xls_error(p, data, exc))
    if not b.blocks:
        raise InputError(path, "the workbook has no visible sheet with any content")
    source = SourceText(text=b.text(), path=path, format=kind, encoding=None, regions=b.regions)
    return Layout(source, b.blocks)


def _read_all(path: str | None, b: TextBuilder, budget: _Budget, sheets: Any, on_error: Any) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions etc.
            for sheet in sheets():
                _emit_sheet(b, sheet, budget, path)
    except InputError:
        raise
    except MemoryError:
        raise InputError(path, "refused: the workbook is too big to read in memory") from None
    except Exception as exc:  # xlrd/openpyxl/XML/zip errors of every kind
        raise on_error(path, exc) from None


def _xlsx_error(path: str | None, exc: BaseException) -> InputError:
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ParseError)):
        return InputError(path, f"corrupted or truncated .xlsx file ({_short(exc)}); {_SAVE_AS} again")
    return InputError(path, f"corrupted .xlsx file ({_short(exc)}); {_SAVE_AS} again")


def _short(exc: BaseException) -> str:
    msg = " ".join(str(exc).split()) or type(exc).__name__
    return msg if len(msg) <= 160 else msg[:157] + "..."
