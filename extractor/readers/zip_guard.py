"""Refuse zip bombs before anything is unpacked.

A .docx is a zip archive.  The central directory declares every member's
compressed and uncompressed size; we read only that directory and refuse
archives whose declared total or compression ratio is absurd.  Declared sizes
are enough: Python's ``zipfile`` never returns more bytes than a member's
declared size (it truncates and then fails the CRC check), so a member that
lies about its size cannot inflate past the limit either.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError

#: Refuse when all members together would unpack to more than this.
MAX_UNCOMPRESSED_TOTAL = 200 * 1024 * 1024
#: Refuse a member that compresses better than this ratio ...
MAX_RATIO = 100
#: ... when it is at least this big once unpacked (tiny parts compress well legitimately).
RATIO_CHECK_MIN_SIZE = 10 * 1024 * 1024
#: Refuse archives with more members than any real Word file has.
MAX_MEMBERS = 10_000


def check_zip(path: str | None, data: bytes, kind: str = "Word .docx") -> list[str]:
    """Check the central directory of the zip archive ``data`` without unpacking it;
    return the member names.

    Raises :class:`InputError` for a corrupt/truncated archive or a zip bomb.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(path, f"corrupted or truncated {kind} file (not a readable zip archive: {exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(path, f"refused: the {kind} archive has {len(infos)} members (limit {MAX_MEMBERS}); "
                               "it looks like a zip bomb")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_TOTAL:
        raise InputError(path, f"refused: the {kind} archive would unpack to {total / 2**20:.0f} MB "
                               f"(limit {MAX_UNCOMPRESSED_TOTAL // 2**20} MB); it looks like a zip bomb")
    for info in infos:
        if info.file_size >= RATIO_CHECK_MIN_SIZE:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise InputError(path, f"refused: member {info.filename!r} of the {kind} archive expands "
                                       f"{ratio:.0f}x (limit {MAX_RATIO}x); it looks like a zip bomb")
    return [i.filename for i in infos]
