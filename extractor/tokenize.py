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
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(blob)
            os.replace(tmp, path)
        name = f"thaiplan-{digest}"
        engine.load_dict(str(path), name)
        return lambda text: engine.segment(text, custom_dict=name)
    from pythainlp.tokenize import Trie, word_tokenize

    trie = Trie(words)
    return lambda text: word_tokenize(text, custom_dict=trie, engine="newmm", keep_whitespace=True)


def tokenize(text: str, words: tuple[str, ...] = ()) -> list[str]:
    """Thai words of ``text``; ``words`` (``RuleSet.words``) extend the dictionary."""
    return _segmenter(words)(text)


@lru_cache(maxsize=65536)
def splits_word(left: str, right: str, words: tuple[str, ...] = (), window: int = 12) -> bool:
    """True when joining ``left`` + ``right`` would put the join inside one word.

    >>> from extractor.ruleset import default_rules
    >>> w = default_rules().words
    >>> splits_word("ได้รับการพัฒนาการจัด", "ประสบการณ์", w)
    False
    >>> splits_word("ตามแนวทางการดำเนินงานโรงเรียนขนาด", "ใหญ่", w)
    True
    >>> splits_word("ตัวชี้", "วัดความสำเร็จ", w)
    True
    """
    a, b = left[-window:], right[:window]
    if not a or not b:
        return False
    cut = len(a)
    pos = 0
    for token in tokenize(a + b, words):
        if pos < cut < pos + len(token):
            return True
        pos += len(token)
        if pos >= cut:
            return False
    return False
