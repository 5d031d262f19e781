"""Legacy Word files (.doc, Word 97-2003; also RTF saved as .doc): convert, then read as .docx.

The old binary format is not parsed here.  When LibreOffice is installed
(``soffice`` on PATH) the file is converted with
``soffice --headless --convert-to docx`` in a private temporary directory
and read by the .docx reader; otherwise the user is told how to convert it.
A password-protected .docx is also an OLE file; it is recognised and refused.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from ..blocks import Layout
from .programs import find_program

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Seconds LibreOffice may take to convert one file.
CONVERT_TIMEOUT = 120
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
HOW_TO_CONVERT = ("open it in Word or LibreOffice and save it as .docx "
                  "(or run `soffice --headless --convert-to docx FILE`)")


def find_soffice() -> str | None:
    return find_program("soffice", "libreoffice")


def read_doc(path: str | None, data: bytes) -> Layout:
    from .docx_reader import read_docx

    if data[:4] == b"PK\x03\x04":  # a .docx named .doc
        return read_docx(path, data)
    is_ole, is_rtf = data[:8] == OLE_MAGIC, data[:5] == b"{\\rtf"
    if is_ole and _ENCRYPTED_OOXML in data:
        raise InputError(path, "password-protected Word document: remove the password "
                               "(save an unprotected copy as .docx) and retry")
    if not (is_ole or is_rtf):
        raise InputError(path, "not a Word document (neither .docx, .doc nor RTF): the file is "
                               "corrupted or has the wrong extension")
    kind = "RTF" if is_rtf else "legacy Word 97-2003 .doc"
    soffice = find_soffice()
    if soffice is None:
        raise InputError(path, f"{kind} format is not supported: {HOW_TO_CONVERT}, "
                               "or install LibreOffice so thaiplan can convert it itself")
    converted = _convert(path, data, soffice, ".rtf" if is_rtf else ".doc", kind)
    layout = read_docx(path, converted)
    layout.source.format = "doc"
    return layout


def _convert(path: str | None, data: bytes, soffice: str, suffix: str, kind: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="thaiplan-doc-") as tmp:
        work = Path(tmp)
        source = work / f"input{suffix}"
        source.write_bytes(data)
        outdir = work / "out"
        # A private profile: a running LibreOffice (or a locked default profile)
        # would otherwise swallow the request.
        profile = (work / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", str(outdir), str(source)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False,
                                  env={**os.environ, "HOME": str(work)})
        except subprocess.TimeoutExpired:
            raise InputError(path, f"LibreOffice did not convert the {kind} file within "
                                   f"{CONVERT_TIMEOUT} s; {HOW_TO_CONVERT}") from None
        except OSError as exc:
            raise InputError(path, f"LibreOffice could not be started ({exc.strerror or exc}); "
                                   f"{HOW_TO_CONVERT}") from None
        result = outdir / "input.docx"
        if proc.returncode != 0 or not result.is_file():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            reason = detail[-1][:160] if detail else f"exit code {proc.returncode}"
            raise InputError(path, f"LibreOffice could not convert the {kind} file ({reason}); "
                                   f"{HOW_TO_CONVERT}")
        return result.read_bytes()
