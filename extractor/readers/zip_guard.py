"""Refuse zip bombs before anything is unpacked.

A .docx is a zip archive.  The central directory declares every member's
compressed and uncompressed size; we read only that directory and refuse
archives whose declared total or compression ratio is absurd: the ratio of
every member of 1 MiB or more, and of the archive as a whole (so that many
small members cannot add up to a bomb).  Declared sizes are enough: Python's
``zipfile`` never returns more bytes than a member's declared size (it
truncates and then fails the CRC check), so a member that lies about its
size cannot inflate past the limit either.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError
from .safety import limit

#: Refuse when all members together would unpack to more than this (``THAIPLAN_MAX_UNPACKED_MB``;
#: images count too, so a photo-heavy report may need more).
MAX_UNCOMPRESSED_TOTAL = 200 * 1024 * 1024
#: Refuse a member (or the whole archive) that compresses better than this ratio ...
MAX_RATIO = 100
#: ... when it is at least this big once unpacked (tiny parts compress well legitimately).
#: Real Word and Excel XML parts compress 10-35 times.
RATIO_CHECK_MIN_SIZE = 1024 * 1024
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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(path, f"corrupted or truncated {kind} file: it is not a readable zip archive "
                               "(the download or copy may be incomplete)") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(path, f"refused: the {kind} archive has {len(infos)} members (limit {MAX_MEMBERS}); "
                               "it looks like a zip bomb")
    max_total = limit("MAX_UNPACKED_MB", MAX_UNCOMPRESSED_TOTAL // 2**20) * 2**20
    total = packed = 0
    for info in infos:
        total += info.file_size
        packed += info.compress_size
        if total > max_total:
            declared = sum(i.file_size for i in infos)
            raise InputError(path, f"refused: the {kind} archive would unpack to {declared / 2**20:.0f} MB "
                                   f"(limit {max_total // 2**20} MB; set THAIPLAN_MAX_UNPACKED_MB to allow more); "
                                   "it looks like a zip bomb")
        check_member(path, info, kind)
    if total >= RATIO_CHECK_MIN_SIZE and total / max(packed, 1) > MAX_RATIO:
        raise InputError(path, f"refused: the {kind} archive expands {total / max(packed, 1):.0f}x in all "
                               f"(limit {MAX_RATIO}x); it looks like a zip bomb")
    return [i.filename for i in infos]


def check_member(path: str | None, info: zipfile.ZipInfo, kind: str = "Word .docx") -> None:
    """Refuse a member of 1 MiB or more that expands more than :data:`MAX_RATIO` times."""
    if info.file_size >= RATIO_CHECK_MIN_SIZE:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO:
            raise InputError(path, f"refused: member {info.filename!r} of the {kind} archive expands "
                                   f"{ratio:.0f}x (limit {MAX_RATIO}x); it looks like a zip bomb")
