"""Measure a PDF's streams before pdfium opens it, so that no bomb reaches pdfium.

pdfium inflates every stream it needs in full and parses a page's content
(and every form drawn on it, once per drawing) when the page is loaded, in
native code that cannot be stopped half-way: a 7 KB file can inflate to
gigabytes, and forms drawing forms ten times each, six deep, make a million
form objects out of 2 KB.  So the file's bytes are scanned here first, with
bounded work:

* every ``n g obj`` is found in the raw bytes (objects inside object streams
  too, once those are inflated); a stream's filters (Flate, LZW, RunLength,
  ASCII85, ASCIIHex, in any chain) are undone with a *bounded* decoder that
  stops one byte past the limit, so measuring a bomb costs no more than the
  limit;
* image streams are not inflated (pdfium does not decode images to read
  text), unless a page uses one as its content;
* every page's content is measured as pdfium would parse it: its content
  streams plus each form it draws, as often as it draws it (names resolved
  through the ``/XObject`` resources; where a name is ambiguous the largest
  candidate counts), and the document's total weighs each page by how often
  the page tree uses it.

Encrypted files are decrypted with pdfminer.six's security handlers (empty
user password; a file that needs a password is refused by pdfium later).
What cannot be measured (a filter we do not know, a stream that cannot be
decrypted) is left to pdfium and to the per-page limits of the reader.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Optional

from .safety import limit, too_large

MB = 1 << 20
#: Any one stream (other than an image), inflated.
MAX_STREAM_MB = 64
#: All streams together (images excepted), inflated.
MAX_INFLATED_MB = 512
#: One page's content, inflated, with every form counted as often as it is drawn.
MAX_PAGE_CONTENT_MB = 8
#: Forms drawn on one page (nested ones included).
MAX_PAGE_FORMS = 10_000
#: All pages' content together (a page used twice counts twice).
MAX_CONTENT_MB = 512
#: Objects in the file (object streams included).
MAX_OBJECTS = 500_000
#: pdfium stops nesting forms around this depth; deeper drawings are not counted.
_FORM_DEPTH = 64
_HUGE = 1 << 62

_WS = rb"[ \t\r\n\f\0]"
_HEAD_TAIL = re.compile(rb"(?<![0-9])(\d{1,10})" + _WS + rb"{1,4}(\d{1,5})" + _WS + rb"{1,4}\Z")
_REF = re.compile(rb"(\d{1,10})" + _WS + rb"+(\d{1,5})" + _WS + rb"+R(?![A-Za-z0-9])")
_FILTER = re.compile(rb"/Filter" + _WS + rb"*(?:(/[^\s/\[\]<>()%]+)|\[([^\]]*)\]|(\d{1,10}" + _WS +
                     rb"+\d{1,5}" + _WS + rb"+R))")
_NAME = re.compile(rb"/([^\s/\[\]<>(){}%]*)")
_LENGTH = re.compile(rb"/Length" + _WS + rb"+(\d{1,12})(?![0-9])(?!" + _WS + rb"+\d{1,5}" + _WS + rb"+R)")
_CONTENTS = re.compile(rb"/Contents" + _WS + rb"*(\[[^\]]*\]|\d{1,10}" + _WS + rb"+\d{1,5}" + _WS + rb"+R)")
_KIDS = re.compile(rb"/Kids" + _WS + rb"*(\[[^\]]*\]|\d{1,10}" + _WS + rb"+\d{1,5}" + _WS + rb"+R)")
_XOBJECT = re.compile(rb"/XObject" + _WS + rb"*(<<(?:[^<>]|<[^<>]*>)*>>|\d{1,10}" + _WS + rb"+\d{1,5}" + _WS + rb"+R)")
_RESOURCES_REF = re.compile(rb"/Resources" + _WS + rb"*(\d{1,10})" + _WS + rb"+\d{1,5}" + _WS + rb"+R")
_NAMED_REF = re.compile(rb"/([^\s/\[\]<>(){}%]+)" + _WS + rb"*(\d{1,10})" + _WS + rb"+\d{1,5}" + _WS + rb"+R")
_DO = re.compile(rb"/([^\s/\[\]<>(){}%]+)" + _WS + rb"*Do(?![^\s/\[\]<>(){}%])")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_IMAGE = re.compile(rb"/Subtype" + _WS + rb"*/Image\b")
_FORM = re.compile(rb"/Subtype" + _WS + rb"*/Form\b")
_OBJSTM = re.compile(rb"/Type" + _WS + rb"*/ObjStm\b")
_XREF = re.compile(rb"/Type" + _WS + rb"*/XRef\b")
_FIRST = re.compile(rb"/First" + _WS + rb"+(\d{1,12})")

_ALIASES = {b"Fl": b"FlateDecode", b"LZW": b"LZWDecode", b"RL": b"RunLengthDecode",
            b"A85": b"ASCII85Decode", b"AHx": b"ASCIIHexDecode"}


class _Finder:
    """Occurrences of ``needle`` at or after a position that only moves forward: each
    byte is searched once (objects without ``endobj`` cannot make the scan quadratic)."""

    def __init__(self, data: bytes, needle: bytes) -> None:
        self.data, self.needle = data, needle
        self.last = -1  # a found position, or len(data) for none
        self.since = 0  # ... that is the first at or after this position

    def at(self, pos: int) -> int:
        if not (self.since <= pos <= self.last):
            found = self.data.find(self.needle, pos)
            self.last = len(self.data) if found < 0 else found
            self.since = pos
        return self.last


class _Over(Exception):
    """A bounded decoder went past its limit."""


@dataclass
class _Stream:
    num: int
    gen: int
    head: bytes  # the stream dictionary
    start: int  # data offsets in the file
    end: int
    size: int = 0  # inflated size (raw size when not inflated)
    dos: Counter[bytes] = field(default_factory=Counter)  # forms/images drawn: name -> times


def _norm(name: bytes) -> bytes:
    return _HEX.sub(lambda m: bytes([int(m.group(1), 16)]), name) if b"#" in name else name


class _Limits:
    def __init__(self) -> None:
        self.stream = limit("MAX_PDF_STREAM_MB", MAX_STREAM_MB) * MB
        self.inflated = limit("MAX_PDF_INFLATED_MB", MAX_INFLATED_MB) * MB
        self.page = limit("MAX_PDF_PAGE_CONTENT_MB", MAX_PAGE_CONTENT_MB) * MB
        self.forms = limit("MAX_PDF_PAGE_FORMS", MAX_PAGE_FORMS)
        self.content = limit("MAX_PDF_CONTENT_MB", MAX_CONTENT_MB) * MB
        self.objects = limit("MAX_PDF_OBJECTS", MAX_OBJECTS)


def check_pdf(path: str | None, data: bytes, images: bool = False) -> None:
    """Raise :class:`InputError` when reading ``data`` would cost more than the limits allow;
    with ``images``, also when rendering its pages (for OCR) would: image streams are then
    measured like the others."""
    _Scan(path, data, _Limits(), images).run()


class _Scan:
    def __init__(self, path: str | None, data: bytes, lim: _Limits, images: bool = False) -> None:
        self.path = path
        self.images = images
        self.data = data
        self.lim = lim
        self.bodies: dict[int, bytes] = {}  # non-stream objects (the last definition)
        self.all_bodies: list[tuple[int, bytes]] = []  # every definition, in file order
        self.streams: list[_Stream] = []
        self.by_num: dict[int, list[_Stream]] = {}
        self.count = 0
        self.total = 0
        self.decipher: Optional[Callable[[int, int, bytes, dict], bytes]] = None
        self.keywords = _Finder(data, b"stream")

    def refuse(self, what: str) -> None:
        raise too_large(self.path, f"PDF is too large to read safely: {what}")

    # ------------------------------------------------------------ pass 1: objects

    def run(self) -> None:
        self.find_objects()
        if b"/Encrypt" in self.data:
            self.decipher = _decipher(self.data)
        unpacked = set()
        for s in self.streams:
            if _OBJSTM.search(s.head):
                self.unpack_objstm(s)
                unpacked.add(id(s))
        contents = self.content_refs()
        for s in self.streams:
            if id(s) in unpacked:
                self.total += s.size
                continue
            if _IMAGE.search(s.head) and s.num not in contents and not self.images:
                s.size = 0  # not decoded by pdfium to read text
                continue
            drawn = s.num in contents or bool(_FORM.search(s.head))
            out = self.inflate(s, keep=drawn)
            if drawn and out:
                s.dos = Counter(_norm(m.group(1)) for m in _DO.finditer(out))
            self.total += s.size
            if self.total > self.lim.inflated:
                self.refuse(f"its compressed streams inflate to more than {self.lim.inflated // MB} MB "
                            "in all (set THAIPLAN_MAX_PDF_INFLATED_MB to read more)")
        self.check_pages()

    def next_header(self, pos: int, end: int | None = None) -> tuple[int, int, int, int] | None:
        """The next ``n g obj`` from ``pos``: (where it starts, n, g, where its body starts)."""
        data = self.data
        k = data.find(b"obj", pos) if end is None else data.find(b"obj", pos, end)
        while k >= 0:
            if not data[k + 3:k + 4].isalnum():
                m = _HEAD_TAIL.search(data, max(pos, k - 32), k)
                if m is not None:
                    return m.start(), int(m.group(1)), int(m.group(2)), k + 3
            k = data.find(b"obj", k + 3) if end is None else data.find(b"obj", k + 3, end)
        return None

    def find_objects(self) -> None:
        """Every ``n g obj`` in the file, stream data included (an object can hide in a
        stream's bytes and still be reached through the cross-reference table)."""
        data, pos = self.data, 0
        endobj, endstream = _Finder(data, b"endobj"), _Finder(data, b"endstream")
        ahead = None  # a header already found while ending the previous object
        while True:
            head_at = ahead if ahead is not None and ahead[0] >= pos else self.next_header(pos)
            ahead = None
            if head_at is None:
                return
            self.count += 1
            if self.count > self.lim.objects:
                self.refuse(f"more than {self.lim.objects:,} objects (set THAIPLAN_MAX_PDF_OBJECTS to read more)")
            _, num, gen, start = head_at
            end = endobj.at(start)
            kw = self.stream_keyword(start, end)
            nxt = self.next_header(start, kw[0] if kw else end)  # an object without endobj
            if nxt is not None:
                kw, end, ahead = None, nxt[0], nxt
            if kw is None:
                self.bodies[num] = data[start:end]
                self.all_bodies.append((num, self.bodies[num]))
                pos = end
                continue
            head, dstart = data[start:kw[0]], kw[1]
            dend = -1
            length = _LENGTH.search(head)
            if length is not None:
                guess = dstart + int(length.group(1))
                if guess <= len(data) and data[guess:guess + 32].lstrip(b" \t\r\n\f\0").startswith(b"endstream"):
                    dend = guess
            if dend < 0:
                dend = endstream.at(dstart)
            s = _Stream(num, gen, head, dstart, dend, dend - dstart)
            self.streams.append(s)
            self.by_num.setdefault(num, []).append(s)
            pos = dstart

    def stream_keyword(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the ``stream`` keyword after the object's dictionary is, and where its data starts."""
        data = self.data
        k = self.keywords.at(start)
        while k < end:
            eol = data[k + 6:k + 8]
            if eol[:1] in (b"\n", b"\r") and data[max(start, k - 256):k].rstrip(b" \t\r\n\f\0").endswith(b">>"):
                return k, k + 6 + (2 if eol == b"\r\n" else 1)
            k = self.keywords.at(k + 6)
        return None

    def unpack_objstm(self, s: _Stream) -> None:
        out = self.inflate(s, keep=True)
        first = _FIRST.search(s.head)
        if not out or first is None:
            return
        start = int(first.group(1))
        nums = [int(x) for x in re.findall(rb"\d+", out[:start])]
        pairs = list(zip(nums[0::2], nums[1::2]))
        self.count += len(pairs)
        if self.count > self.lim.objects:
            self.refuse(f"more than {self.lim.objects:,} objects (set THAIPLAN_MAX_PDF_OBJECTS to read more)")
        for k, (num, off) in enumerate(pairs):
            end = pairs[k + 1][1] if k + 1 < len(pairs) else len(out) - start
            if num not in self.bodies:
                self.bodies[num] = out[start + off:start + max(off, end)]
                self.all_bodies.append((num, self.bodies[num]))

    # ------------------------------------------------------------ decoding

    def filters(self, head: bytes) -> list[bytes]:
        m = _FILTER.search(head)
        if m is None:
            return []
        if m.group(1):
            text = m.group(1)
        elif m.group(2) is not None:
            text = m.group(2)
        else:  # an indirect filter (array or name)
            ref = _REF.match(m.group(3))
            text = self.bodies.get(int(ref.group(1)), b"") if ref else b""
        return [_ALIASES.get(x, x) for x in _NAME.findall(text)]

    def inflate(self, s: _Stream, keep: bool) -> bytes | None:
        """Undo the stream's filters within the per-stream limit; set ``s.size``.
        Returns the decoded bytes when ``keep`` (else None, to spare memory)."""
        chain = self.filters(s.head)
        if not chain or chain[0] not in _DECODERS:
            if not keep:
                return None
        buf = self.data[s.start:s.end]
        if self.decipher is not None and not _XREF.search(s.head):
            try:
                buf = self.decipher(s.num, s.gen, buf, {})
            except Exception:  # an undecryptable stream: pdfium will not read it either
                s.size = len(buf)
                return None
        cap = self.lim.stream
        for name in chain:
            decoder = _DECODERS.get(name)
            if decoder is None:
                break  # an image codec (DCT, JBIG2...) or Crypt: pdfium stops here too for text
            try:
                buf = decoder(buf, cap)
            except _Over:
                self.refuse(f"one of its compressed streams inflates to more than {cap // MB} MB "
                            "(set THAIPLAN_MAX_PDF_STREAM_MB to read more)")
        s.size = len(buf)
        return buf if keep else None

    # ------------------------------------------------------------ pages

    def refs(self, text: bytes) -> list[int]:
        """Object numbers of an array or of a reference (to an array object, resolved once)."""
        text = text.strip()
        if text.startswith(b"["):
            return [int(m.group(1)) for m in _REF.finditer(text)]
        m = _REF.match(text)
        if m is None:
            return []
        num = int(m.group(1))
        body = self.bodies.get(num)
        if body is not None and body.lstrip().startswith(b"["):
            return [int(r.group(1)) for r in _REF.finditer(body)]
        return [num]

    def heads(self) -> list[tuple[int | None, bytes]]:
        """Every dictionary text: non-stream objects and stream dictionaries."""
        return [*self.all_bodies, *((s.num, s.head) for s in self.streams)]

    def content_refs(self) -> set[int]:
        out: set[int] = set()
        for _, text in self.heads():
            if b"/Contents" in text:
                for m in _CONTENTS.finditer(text):
                    out.update(self.refs(m.group(1)))
        return out

    def names_in(self, text: bytes) -> dict[bytes, set[int]]:
        """XObject name -> objects, from the ``/XObject`` dictionaries in ``text`` (and in
        its ``/Resources`` when that is a reference)."""
        names: dict[bytes, set[int]] = {}
        texts = [text]
        res = _RESOURCES_REF.search(text)
        if res is not None:
            texts.append(self.bodies.get(int(res.group(1)), b""))
        for t in texts:
            if b"/XObject" not in t:
                continue
            for m in _XOBJECT.finditer(t):
                value = m.group(1)
                if not value.startswith(b"<<"):
                    ref = _REF.match(value)
                    value = self.bodies.get(int(ref.group(1)), b"") if ref else b""
                for pair in _NAMED_REF.finditer(value):
                    names.setdefault(_norm(pair.group(1)), set()).add(int(pair.group(2)))
        return names

    def check_pages(self) -> None:
        everywhere: dict[bytes, set[int]] = {}  # for a drawing without resources of its own
        for _, text in self.heads():
            for name, objs in self.names_in(text).items():
                everywhere.setdefault(name, set()).update(objs)
        forms = {s.num: self.names_in(s.head) or everywhere for s in self.streams if _FORM.search(s.head)}
        memo: dict[int, tuple[int, int]] = {}
        stack: set[int] = set()

        def cost(num: int, names: dict[bytes, set[int]]) -> tuple[int, int]:
            """(content bytes, forms drawn) of drawing stream ``num`` once, nested forms
            included, its names resolved in ``names``; a form's own names when it is one."""
            if num in memo:
                return memo[num]
            if num in forms:
                if num in stack or len(stack) >= _FORM_DEPTH:
                    return 0, 0  # a form drawing itself, or deeper than pdfium goes
                names = forms[num]
                stack.add(num)
            size = n_forms = 0
            for s in self.by_num.get(num, []):
                own, k = s.size, 0
                for name, times in s.dos.items():
                    best = (0, 0)
                    for t in names.get(name, ()):
                        if t in forms:
                            sub = cost(t, names)
                            best = (max(best[0], sub[0]), max(best[1], sub[1] + 1))
                    own, k = min(_HUGE, own + times * best[0]), min(_HUGE, k + times * best[1])
                size, n_forms = max(size, own), max(n_forms, k)
            if num in forms:
                stack.discard(num)
                memo[num] = (size, n_forms)
            return size, n_forms

        pages: dict[int, tuple[int, int]] = {}  # page object -> (content bytes, forms)
        for num, text in self.heads():
            if num is None or b"/Contents" not in text or b"/Kids" in text:
                continue
            names = self.names_in(text) or everywhere
            size = n_forms = 0
            for m in _CONTENTS.finditer(text):
                for ref in self.refs(m.group(1)):
                    c = cost(ref, names)
                    size, n_forms = min(_HUGE, size + c[0]), min(_HUGE, n_forms + c[1])
            if size > self.lim.page:
                self.refuse(f"a page's content (its drawing instructions, with the forms it draws) inflates to "
                            f"more than {self.lim.page // MB} MB (set THAIPLAN_MAX_PDF_PAGE_CONTENT_MB to read more)")
            if n_forms > self.lim.forms:
                self.refuse(f"a page draws more than {self.lim.forms:,} forms (reusable drawings) "
                            "(set THAIPLAN_MAX_PDF_PAGE_FORMS to read more)")
            pages[num] = (size, n_forms)
        total = 0
        for num, times in self.page_uses(pages).items():
            total = min(_HUGE, total + times * pages[num][0])
        if total > self.lim.content:
            self.refuse(f"its pages' content inflates to more than {self.lim.content // MB} MB in all "
                        "(set THAIPLAN_MAX_PDF_CONTENT_MB to read more)")

    def page_uses(self, pages: dict[int, tuple[int, int]]) -> dict[int, int]:
        """How many times the page tree uses each page object (a DAG: a node may be a kid twice)."""
        kids: dict[int, list[int]] = {}
        for num, text in self.heads():
            if num is not None and b"/Kids" in text:
                for m in _KIDS.finditer(text):
                    kids.setdefault(num, []).extend(self.refs(m.group(1)))
        children = {k for ks in kids.values() for k in ks}
        roots = [n for n in kids if n not in children] or list(kids)[:1]
        uses: Counter[int] = Counter()
        memo: dict[int, Counter[int]] = {}

        def leaves(node: int, stack: set[int]) -> Counter[int]:
            if node in memo:
                return memo[node]
            out: Counter[int] = Counter()
            if node not in kids:
                if node in pages:
                    out[node] = 1
            else:
                stack.add(node)
                for k in kids[node]:
                    if k in stack or len(stack) > 256:
                        continue
                    for leaf, times in leaves(k, stack).items():
                        out[leaf] = min(_HUGE, out[leaf] + times)
                stack.discard(node)
            memo[node] = out
            return out

        for r in roots:
            uses.update(leaves(r, set()))
        for num in pages:  # a page outside any tree still counts once
            uses.setdefault(num, 1)
        return uses


# ---------------------------------------------------------------- bounded decoders

def _flate(buf: bytes, cap: int) -> bytes:
    for wbits in (zlib.MAX_WBITS | 32, -zlib.MAX_WBITS):  # zlib or gzip header; then raw deflate
        d = zlib.decompressobj(wbits)
        out: list[bytes] = []
        n = 0
        pending = buf
        try:
            while pending:
                chunk, pending = pending[:1 << 16], pending[1 << 16:]
                while chunk:
                    piece = d.decompress(chunk, cap + 1 - n)
                    out.append(piece)
                    n += len(piece)
                    if n > cap:
                        raise _Over
                    chunk = d.unconsumed_tail
                if d.eof:
                    break
        except zlib.error:
            if n == 0:
                continue  # try the next header kind
        return b"".join(out)
    return b""


def _lzw(buf: bytes, cap: int) -> bytes:
    """LZW as in PDF (early change 1), bounded: its output grows quadratically with the codes."""
    out = bytearray()
    table: list[bytes] = [bytes([i]) for i in range(256)] + [b"", b""]
    bits, prev = 9, b""
    acc = nacc = 0
    for byte in buf:
        acc = (acc << 8) | byte
        nacc += 8
        while nacc >= bits:
            nacc -= bits
            code = (acc >> nacc) & ((1 << bits) - 1)
            acc &= (1 << nacc) - 1
            if code == 256:
                del table[258:]
                bits, prev = 9, b""
                continue
            if code == 257:
                return bytes(out)
            if code < len(table):
                entry = table[code]
                if prev and len(table) < 4096:
                    table.append(prev + entry[:1])
            elif prev and code == len(table) and len(table) < 4096:
                entry = prev + prev[:1]
                table.append(entry)
            else:
                return bytes(out)  # corrupt
            out += entry
            if len(out) > cap:
                raise _Over
            prev = entry
            size = len(table) + 1  # early change
            bits = 9 if size < 512 else 10 if size < 1024 else 11 if size < 2048 else 12
    return bytes(out)


def _run_length(buf: bytes, cap: int) -> bytes:
    out = bytearray()
    i, n = 0, len(buf)
    while i < n:
        b = buf[i]
        if b == 128:
            break
        if b < 128:
            out += buf[i + 1:i + 2 + b]
            i += 2 + b
        else:
            if i + 1 < n:
                out += buf[i + 1:i + 2] * (257 - b)
            i += 2
        if len(out) > cap:
            raise _Over
    return bytes(out)


def _ascii85(buf: bytes, cap: int) -> bytes:
    from pdfminer.ascii85 import ascii85decode

    try:
        return ascii85decode(buf)
    except Exception:
        return b""


def _asciihex(buf: bytes, cap: int) -> bytes:
    from pdfminer.ascii85 import asciihexdecode

    try:
        return asciihexdecode(buf)
    except Exception:
        return b""


_DECODERS: dict[bytes, Callable[[bytes, int], bytes]] = {
    b"FlateDecode": _flate, b"LZWDecode": _lzw, b"RunLengthDecode": _run_length,
    b"ASCII85Decode": _ascii85, b"ASCIIHexDecode": _asciihex,
}


def _decipher(data: bytes) -> Optional[Callable[[int, int, bytes, dict], bytes]]:
    """pdfminer.six's decryption for the file's security handler (empty user password), or None."""
    import logging

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    log = logging.getLogger("pdfminer")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        return doc.decipher  # type: ignore[no-any-return]
    except Exception:
        return None
    finally:
        log.setLevel(level)
