"""Word .docx reader: body paragraphs and tables rendered like the .txt corpus.

The extractor is tuned on plain-text renderings of Word files, so this reader
reproduces their conventions:

* one line per paragraph (a line break inside a paragraph starts a new line);
* tables in one of two layouts, chosen once per document
  (``text_builder.use_cell_per_line``):
  - *row per line*: cells of a row joined by TAB, when (nearly) every cell
    holds a single paragraph;
  - *cell per line* otherwise: each cell starts a line with a TAB, its further
    paragraphs follow on untabbed lines, and a blank line ends each row;
* nested tables are flattened into their cell (their cells' paragraphs become
  paragraphs of the outer cell); a horizontally merged cell (gridSpan) is one
  cell, a vertically merged continuation (vMerge) is emitted empty, so merged
  content appears once;
* Word's automatic list numbers are recreated (``docx_numbering``);
* headers, footers, footnotes, comments, deleted and hidden text are ignored;
  empty paragraphs that only carry a section break are layout, not text.

Regions name each body paragraph ("paragraph 12") and table cell
("table 3, row 2, cell 1") so spans can say where they come from.

Only the parts read are unpacked (``_Package``): the main document, and its
numbering and styles when present, parsed with python-docx's XML parser (no
entities, no network, libxml2's depth and text-size limits).  Every other part
is optional, so a file missing one reads as Word reads it.  Cost is bounded by
the zip checks (``zip_guard``), the size of each parsed part and the number of
paragraphs (docs/formats.md).
"""

from __future__ import annotations

import io
import zlib
import zipfile
from dataclasses import dataclass, field
from typing import Any, Iterator

from docx.oxml.ns import qn
from lxml import etree

from ..errors import InputError
from ..blocks import Layout
from ..model import SourceText
from .docx_numbering import Numbering
from .safety import DOCS, limit, too_large, warn
from .text_builder import TextBuilder, emit_table, use_cell_per_line
from .zip_guard import check_member, check_zip

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_R, _T, _TAB, _BR, _CR = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_PPR, _RPR, _TCPR = qn("w:pPr"), qn("w:rPr"), qn("w:tcPr")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_TXBX = qn("w:txbxContent")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
# Inline containers whose runs are part of the visible text.
_INLINE_WRAPPERS = {qn(t) for t in ("w:hyperlink", "w:ins", "w:smartTag", "w:customXml", "w:fldSimple",
                                    "w:moveTo", "w:dir", "w:bdo", "w:sdtContent")}
# Symbol-font characters (w:sym) that carry meaning in forms; others are dropped.
_SYMBOLS = {("symbol", 0xD6): "√", ("wingdings", 0xFC): "✓", ("wingdings", 0xFB): "✗",
            ("wingdings", 0xFE): "☑", ("wingdings", 0xA8): "☐", ("wingdings", 0x6F): "☐",
            ("wingdings 2", 0x50): "✓", ("wingdings 2", 0x52): "☑", ("wingdings 2", 0xA3): "☐"}


@dataclass
class _Para:
    text: str
    label: str
    extra: list[tuple[str, str]] = field(default_factory=list)  # text-box paragraphs (text, label)


@dataclass
class _Table:
    rows: list[list[list[tuple[str, str]]]]  # row -> cell -> lines (text, region label)


def _run_text(r: Any, out: list[str], boxes: list[Any]) -> None:
    rpr = r.find(_RPR)
    vanish = rpr.find(qn("w:vanish")) if rpr is not None else None
    if vanish is not None and vanish.get(qn("w:val")) not in ("0", "false"):
        return  # hidden text
    for el in r:
        tag = el.tag
        if tag == _T:
            out.append(el.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            out.append("-")
        elif tag == qn("w:sym"):
            font = (el.get(qn("w:font")) or "").lower()
            try:
                code = int(el.get(qn("w:char")) or "", 16) & 0xFF
            except ValueError:
                continue
            out.append(_SYMBOLS.get((font, code), ""))
        elif tag in (qn("w:drawing"), qn("w:pict")) or tag.endswith("}AlternateContent"):
            boxes.extend(tb for tb in el.iter(_TXBX)
                         if not any(a.tag == _MC_FALLBACK for a in tb.iterancestors()))


def _inline_text(el: Any, out: list[str], boxes: list[Any]) -> None:
    for child in el:
        tag = child.tag
        if tag == _R:
            _run_text(child, out, boxes)
        elif tag in _INLINE_WRAPPERS:
            _inline_text(child, out, boxes)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                _inline_text(content, out, boxes)
        elif tag == qn("m:oMath") or tag == qn("m:oMathPara"):
            out.append("".join(t.text or "" for t in child.iter(_MATH_T)))
        # w:del, w:moveFrom, w:pPr, bookmarks, comments ... carry no visible text


def _blocks(container: Any) -> Iterator[Any]:
    """Paragraphs and tables of a body or cell, looking through content controls."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)
        elif child.tag == _CUSTOM_XML:
            yield from _blocks(child)


class _Collector:
    """First pass: paragraphs and tables in document order (numbering advances here)."""

    def __init__(self, numbering: Numbering, path: str | None = None) -> None:
        self.numbering = numbering
        self.path = path
        self.n_para = 0
        self.n_table = 0
        self.n_read = 0  # every paragraph read: body, cells, text boxes
        self.max_read = limit("MAX_PARAGRAPHS", MAX_PARAGRAPHS)

    def para_text(self, p: Any) -> tuple[str, list[Any]]:
        self.n_read += 1
        if self.n_read > self.max_read:
            raise too_large(self.path, f"Word document is too large to read safely: more than "
                                       f"{self.max_read:,} paragraphs (set THAIPLAN_MAX_PARAGRAPHS to read more)")
        out: list[str] = [self.numbering.label(p)]
        boxes: list[Any] = []
        _inline_text(p, out, boxes)
        return "".join(out), boxes

    def box_lines(self, boxes: list[Any], label: str) -> list[tuple[str, str]]:
        lines: list[tuple[str, str]] = []
        for box in boxes:
            for block in _blocks(box):
                if block.tag == _P:
                    text, _ = self.para_text(block)
                    lines.extend((line, label) for line in text.split("\n"))
        return lines

    def body(self, body: Any) -> list[_Para | _Table]:
        items: list[_Para | _Table] = []
        for block in _blocks(body):
            if block.tag == _P:
                self.n_para += 1
                text, boxes = self.para_text(block)
                ppr = block.find(_PPR)
                if not text and not boxes and ppr is not None and ppr.find(qn("w:sectPr")) is not None:
                    continue  # section-break carrier
                label = f"paragraph {self.n_para}"
                items.append(_Para(text, label, self.box_lines(boxes, f"text box in {label}")))
            else:
                self.n_table += 1
                items.append(_Table(self.table(block, f"table {self.n_table}")))
        return items

    def table(self, tbl: Any, name: str) -> list[list[list[tuple[str, str]]]]:
        rows = []
        for r, tr in enumerate(tbl.iterchildren(_TR), 1):
            cells = []
            for c, tc in enumerate(tr.iterchildren(_TC), 1):
                label = f"{name}, row {r}, cell {c}"
                tcpr = tc.find(_TCPR)
                vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
                if vmerge is not None and vmerge.get(qn("w:val")) != "restart":
                    cells.append([("", label)])  # continuation of the cell above: emit once
                    continue
                cells.append(self.cell_lines(tc, label))
            rows.append(cells)
        return rows

    def cell_lines(self, tc: Any, label: str) -> list[tuple[str, str]]:
        lines: list[tuple[str, str]] = []
        nested = 0
        for block in _blocks(tc):
            if block.tag == _P:
                text, boxes = self.para_text(block)
                lines.extend((line, label) for line in text.split("\n"))
                lines.extend(self.box_lines(boxes, label))
            else:  # nested table: flatten its cells' lines into this cell
                nested += 1
                for row in self.table(block, f"{label}, nested table {nested}"):
                    for cell in row:
                        lines.extend(cell)
        return lines or [("", label)]


def _emit(items: list[_Para | _Table]) -> TextBuilder:
    cell_per_line = use_cell_per_line([[text for text, _ in cell] for item in items
                                       if isinstance(item, _Table) for row in item.rows for cell in row])
    b = TextBuilder()
    for item in items:
        if isinstance(item, _Para):
            for text in item.text.split("\n"):
                b.paragraph(text, item.label)
            for text, label in item.extra:
                b.paragraph(text, label)
        else:
            emit_table(b, item.rows, cell_per_line)
    return b


#: Paragraphs (body, table cells and text boxes together) a document may have (``THAIPLAN_MAX_PARAGRAPHS``).
MAX_PARAGRAPHS = 500_000
#: Size of one XML part that is parsed (the document, its styles and numbering), unpacked.
MAX_XML_PART_MB = 64

_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_WORD_TYPES = ("wordprocessingml.document.main", "wordprocessingml.template.main",
               "ms-word.document.macroenabled.main", "ms-word.template.macroenabledtemplate.main")
_OTHER_OFFICE = "not a Word document (the package is another Office format, e.g. a spreadsheet or presentation)"


class _Package:
    """The parts of a .docx that the reader needs, read straight from the zip.

    Only the main document and, when present, its styles and numbering are
    parsed; every other part (settings, headers, footers, images, fonts…) is
    optional and never unpacked, so a document missing one reads as Word
    would read it.
    """

    def __init__(self, path: str | None, zf: zipfile.ZipFile) -> None:
        self.path = path
        self.zf = zf
        self.names = set(zf.namelist())

    def xml(self, name: str, what: str) -> Any:
        from docx.oxml.parser import parse_xml

        info = self.zf.getinfo(name)
        max_mb = limit("MAX_XML_PART_MB", MAX_XML_PART_MB)
        if info.file_size > max_mb * 2**20:
            raise too_large(self.path, f"Word document is too large to read safely: its {what} unpacks to "
                                       f"{info.file_size / 2**20:.0f} MB, more than {max_mb} MB "
                                       "(set THAIPLAN_MAX_XML_PART_MB to read more)")
        check_member(self.path, info)
        try:
            return parse_xml(self.read(name, what))
        except etree.XMLSyntaxError as exc:
            raise InputError(self.path, _xml_problem(exc, what)) from None

    def read(self, name: str, what: str) -> bytes:
        try:
            return self.zf.read(name)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
            raise InputError(self.path, f"corrupted or truncated .docx file: its {what} ({name}) cannot be "
                                        "unpacked (the download or copy may be incomplete)") from None

    def rels(self, source: str) -> dict[str, str]:
        """Relationship type (its last word: ``officeDocument``, ``styles``…) -> target part name."""
        folder, _, base = source.rpartition("/")
        rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        if rels_name not in self.names:
            return {}
        try:
            root = etree.fromstring(self.read(rels_name, "relationship list"), _SAFE_PARSER)
        except (etree.XMLSyntaxError, InputError):
            warn(self.path, f"the package's relationship list {rels_name} is damaged; it was ignored")
            return {}
        out: dict[str, str] = {}
        for rel in root.iter(f"{_RELS_NS}Relationship"):
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target or kind in out:
                continue
            out[kind] = _resolve(folder, target)
        return out

    def content_type(self, name: str) -> str | None:
        if "[Content_Types].xml" not in self.names:
            return None
        try:
            root = etree.fromstring(self.read("[Content_Types].xml", "content type list"), _SAFE_PARSER)
        except (etree.XMLSyntaxError, InputError):
            return None
        for el in root.iter(f"{_CT_NS}Override"):
            if (el.get("PartName") or "").lstrip("/") == name:
                return (el.get("ContentType") or "").lower()
        return None

    def main_part(self) -> str:
        main = self.rels("").get("officeDocument")
        if main is None or main not in self.names:
            if "word/document.xml" in self.names:
                return "word/document.xml"
            if main is not None and main.startswith(("xl/", "ppt/")):
                raise InputError(self.path, _OTHER_OFFICE)
            raise InputError(self.path, "corrupted .docx file: the main document part (word/document.xml) "
                                        "is missing")
        ctype = self.content_type(main)
        if not any(t in ctype for t in _WORD_TYPES) if ctype is not None else not main.startswith("word/"):
            raise InputError(self.path, _OTHER_OFFICE)
        return main

    def optional(self, name: str | None, what: str) -> Any | None:
        """An optional part: None when absent; a damaged one is skipped with a warning."""
        if name is None or name not in self.names:
            return None
        try:
            return self.xml(name, what)
        except InputError as exc:
            if "too large" in exc.problem:
                raise
            warn(self.path, f"its {what} part is damaged and was ignored (list numbers may be missing)")
            return None


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a zip member name."""
    if target.startswith("/"):
        parts = target.lstrip("/").split("/")
    else:
        parts = (folder.split("/") if folder else []) + target.split("/")
    out: list[str] = []
    for part in parts:
        if part == "..":
            if out:
                out.pop()
        elif part not in ("", "."):
            out.append(part)
    return "/".join(out)


def _xml_problem(exc: Any, what: str) -> str:
    msg = str(exc)
    where = f" (line {exc.lineno}, column {exc.position[1]})" if getattr(exc, "lineno", None) else ""
    if "Excessive depth" in msg:
        return (f"the Word document is too complex to read safely: its {what} nests elements more than "
                f"256 levels deep{where}; {DOCS}")
    if "huge" in msg.lower() or "Resource limit" in msg or "too long" in msg:
        return (f"the Word document is too large to read safely: its {what} has a single piece of text "
                f"or markup over 10 MB{where}; {DOCS}")
    if "entity" in msg.lower() and "not defined" in msg:
        return f"corrupted .docx file: its {what} uses an undefined XML entity{where}"
    if "encoding" in msg.lower() or "xmlChar" in msg or "Char 0x" in msg:
        return f"corrupted .docx file: its {what} holds bytes or characters that are not valid XML text{where}"
    if "Document is empty" in msg or "Start tag expected" in msg:
        return f"corrupted .docx file: its {what} is empty or not XML"
    return f"corrupted .docx file: the XML of its {what} is damaged{where}"


def read_docx(path: str | None, data: bytes) -> Layout:
    if data[:8] == OLE_MAGIC:  # password-protected .docx or a renamed legacy .doc
        from .doc_reader import read_doc
        return read_doc(path, data)
    if data[:4] != b"PK\x03\x04":
        raise InputError(path, "not a Word .docx file (no zip signature): the file is corrupted "
                               "or has the wrong extension")
    names = check_zip(path, data)
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise InputError(path, "not a Word document: a zip archive without Word parts "
                               "(no word/document.xml)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            package = _Package(path, zf)
            main = package.main_part()
            root = package.xml(main, "main document")
            rels = package.rels(main)
            numbering = Numbering(package.optional(rels.get("numbering"), "numbering"),
                                  package.optional(rels.get("styles"), "styles"))
        body = root.find(qn("w:body"))
        if body is None:
            raise InputError(path, "corrupted .docx file: the main document has no body")
        items = _Collector(numbering, path).body(body)
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise InputError(path, "corrupted or truncated .docx file: a part cannot be unpacked "
                               "(the download or copy may be incomplete)") from None
    except (KeyError, TypeError, AttributeError, IndexError, ValueError, RecursionError):
        raise InputError(path, "corrupted .docx file: its structure is not what Word writes; open it in "
                               "Word or LibreOffice and save it again") from None
    b = _emit(items)
    source = SourceText(text=b.text(), path=path, format="docx", encoding=None, regions=b.regions)
    return Layout(source, b.blocks)
