"""Word boundaries for joining wrapped lines, with a domain word list.

pythainlp's default dictionary splits planning terms (ตัวชี้วัด → ตัว|ชี้|วัด);
``rules/words.txt`` adds them.  The nlpo3 engine is used when it is installed
(several times faster than newmm); newmm with the same words otherwise.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable



@lru_cache(maxsize=4)
def _segmenter(extra: tuple[str, ...]) -> Callable[[str], list[str]]:
    from pythainlp.corpus import thai_words

    words = sorted(set(thai_words()) | set(extra))
    try:
        from pythainlp.tokenize import nlpo3 as engine
    except ImportError:
        engine = None
    if engine is not None:
        blob = "\n".join(words).encode("utf-8")
        digest = hashlib.sha1(blob).hexdigest()[:16]
        path = Path(tempfile.gettempdir()) / f"thaiplan-words-{digest}.txt"
        if not path.exists():
            _publish(path, blob)
        name = f"thaiplan-{digest}"
        engine.load_dict(str(path), name)
        return lambda text: engine.segment(text, custom_dict=name)
    from pythainlp.tokenize import Trie, word_tokenize

    trie = Trie(words)
    return lambda text: word_tokenize(text, custom_dict=trie, engine="newmm", keep_whitespace=True)


def _publish(path: Path, blob: bytes) -> None:
    """Write the shared word list under ``path`` at once (workers starting together race for it)."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(blob)
    try:
        os.replace(tmp, path)
    except PermissionError:  # Windows: another worker is renaming or reading it this very moment
        tmp.unlink(missing_ok=True)
        if not path.exists():
            raise


def tokenize(text: str, words: tuple[str, ...] = ()) -> list[str]:
    """Thai words of ``text``; ``words`` (``RuleSet.words``) extend the dictionary."""
    return _segmenter(words)(text)


#: A dictionary compound of two words ("ขึ้น" + "ครู") found across a line break
#: reads as one word only when a general corpus (the Thai National Corpus word
#: frequencies shipped with pythainlp) has it at least this many times as often
#: as its two words would stand side by side by chance.  Below: a rare compound,
#: and the line break between two complete phrases is the likelier reading.
COMPOUND_MIN_ASSOCIATION = 1.0


@lru_cache(maxsize=1)
def _corpus_freqs() -> tuple[dict[str, int], int]:
    try:
        from pythainlp.corpus import tnc

        freqs = dict(tnc.word_freqs())
    except Exception:  # the frequency list is optional: without it, trust the dictionary
        return {}, 0
    return freqs, sum(freqs.values())


def _rare_compound(token: str, k: int, a: str, b: str, words: tuple[str, ...]) -> bool:
    """Is ``token`` (crossing the line break ``k`` characters in) a rare compound of the
    word that ends line ``a`` and the word that starts line ``b``, each read on its own?"""
    x, y = token[:k], token[k:]
    if token in words:
        return False  # a domain word is always a word
    ends = [t for t in tokenize(a, words) if t.strip()]
    starts = [t for t in tokenize(b, words) if t.strip()]
    if not ends or not starts or ends[-1] != x or starts[0] != y:
        return False  # a line read on its own ends or starts with a piece of a word
    freqs, total = _corpus_freqs()
    n, nx, ny = freqs.get(token), freqs.get(x), freqs.get(y)
    if not (n and nx and ny):
        return False
    return n * total < COMPOUND_MIN_ASSOCIATION * nx * ny


@lru_cache(maxsize=65536)
def splits_word(left: str, right: str, words: tuple[str, ...] = (), window: int = 12) -> bool:
    """True when joining ``left`` + ``right`` would put the join inside one word.

    A word across the break that is a compound of the two lines' own edge words
    counts only when it is not rare (see :data:`COMPOUND_MIN_ASSOCIATION`):
    "…สูงขึ้น" / "ครูมี…" are two phrases, though the dictionary holds ขึ้นครู.

    >>> from extractor.ruleset import default_rules
    >>> w = default_rules().words
    >>> splits_word("ได้รับการพัฒนาการจัด", "ประสบการณ์", w)
    False
    >>> splits_word("ตามแนวทางการดำเนินงานโรงเรียนขนาด", "ใหญ่", w)
    True
    >>> splits_word("ตัวชี้", "วัดความสำเร็จ", w)
    True
    >>> splits_word("นักเรียนมีผลสัมฤทธิ์ทางการเรียนสูงขึ้น", "ครูมีเครื่องมือวัดผลที่หลากหลาย", w)
    False
    """
    a, b = left[-window:], right[:window]
    if not a or not b:
        return False
    cut = len(a)
    pos = 0
    for token in tokenize(a + b, words):
        if pos < cut < pos + len(token):
            return not _rare_compound(token, cut - pos, a, b, words)
        pos += len(token)
        if pos >= cut:
            return False
    return False
