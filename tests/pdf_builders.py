"""Small real PDFs built byte by byte for the reader tests (no PDF-writing dependency)."""

from __future__ import annotations

import hashlib
import struct


def build_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF from object bodies (object k+1 = objects[k]) with a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


PAGE_TREE = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]


def text_pdf(content: bytes = b"BT /F1 24 Tf 72 720 Td (Hello plan 2566) Tj ET",
             encrypt=None) -> bytes:
    """One page of Helvetica text; ``encrypt(objnum, data)`` encrypts the content stream."""
    body = encrypt(4, content) if encrypt else content
    return build_pdf(PAGE_TREE + [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(body),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ])


def image_only_pdf() -> bytes:
    """A 'scanned' page: one grey image, no text at all."""
    pixels = bytes(range(0, 256, 16)) * 16  # 16x16 grey ramp
    return build_pdf(PAGE_TREE + [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        stream(b"q 400 0 0 400 100 200 cm /Im1 Do Q"),
        stream(pixels, b"/Type /XObject /Subtype /Image /Width 16 /Height 16 "
                        b"/ColorSpace /DeviceGray /BitsPerComponent 8"),
    ])


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_pdf(user_password: bytes, owner_password: bytes = b"owner") -> bytes:
    """A really encrypted PDF: standard security handler, revision 2, 40-bit RC4."""
    def pad(pw: bytes) -> bytes:
        return (pw + _PAD)[:32]

    doc_id = hashlib.md5(b"thaiplan test").digest()
    perms = -44
    o_entry = _rc4(hashlib.md5(pad(owner_password)).digest()[:5], pad(user_password))
    key = hashlib.md5(pad(user_password) + o_entry + struct.pack("<i", perms) + doc_id).digest()[:5]
    u_entry = _rc4(key, _PAD)

    def encrypt(num: int, data: bytes) -> bytes:
        obj_key = hashlib.md5(key + struct.pack("<i", num)[:3] + b"\0\0").digest()[:10]
        return _rc4(obj_key, data)

    pdf = text_pdf(encrypt=encrypt)
    # Add the /Encrypt dictionary as a direct object in the trailer.
    enc = (b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >> /ID [<%s> <%s>]"
           % (o_entry.hex().encode(), u_entry.hex().encode(), perms, doc_id.hex().encode(), doc_id.hex().encode()))
    return pdf.replace(b"/Root 1 0 R ", b"/Root 1 0 R " + enc + b" ")


def rotated_text_pdf(page_rotate: int, text_matrix: bytes) -> bytes:
    """Two lines of text drawn with ``text_matrix`` on a page with /Rotate ``page_rotate``."""
    return build_pdf(PAGE_TREE + [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Rotate %d /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>" % page_rotate,
        stream(b"BT /F1 12 Tf " + text_matrix + b" Tm (First line of text here) Tj 0 -14 Td (second line) Tj ET"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])
