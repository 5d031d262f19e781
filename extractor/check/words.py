"""An amount in digits against the same amount in Thai words (…บาทถ้วน).

The digits are rendered with pythainlp's ``bahttext`` and compared with the
printed words after both are normalised; the words are never parsed by hand.
Normalisation makes the usual equivalent spellings equal: spaces, dashes and
brackets dropped; บาทถ้วน / บาทตรง / บาท at the end are the same; เอ็ด =
หนึ่ง; ยี่สิบ = สองสิบ; a leading หนึ่ง before a place word is optional
(หนึ่งแสน = แสน); digits inside the words ("๑๐๐ ล้านบาทถ้วน") are rendered
with bahttext as well.

>>> normalize_words("(-สามแสนเจ็ดหมื่นห้าพันบาทถ้วน-)") == normalize_words(bahttext(375000))
True
>>> normalize_words("๑๐๐ ล้านบาท") == normalize_words(bahttext(100_000_000))
True
>>> normalize_words("แสนเอ็ดบาทตรง") == normalize_words(bahttext(100_001))
True
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

import regex
from pythainlp.util import bahttext

from ..numbers import parse_number
from .context import Context, baht, short
from .registry import Hit, checker, rule

rule("amount-words-mismatch", "words", "error",
     "จำนวนเงินที่เป็นตัวเลขไม่ตรงกับจำนวนเงินที่เขียนเป็นตัวอักษร (…บาทถ้วน)",
     "An amount in digits disagrees with the same amount written in Thai words (…บาทถ้วน)")

D = r"[0-9๐-๙]"
_NUMBER = D + r"{1,3}(?:," + D + r"{3})+(?:\." + D + r"{1,2})?|" + D + r"+(?:\." + D + r"{1,2})?"
_NUMBER_WORDS = "ศูนย์|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ยี่|เอ็ด|ร้อย|พัน|หมื่น|แสน|ล้าน"
# digits [.-] [บาท] [.-] then ( and/or - then the words, ending บาทถ้วน / บาทตรง / …สตางค์ / บาท.
_PHRASE = regex.compile(
    r"(?<![0-9๐-๙.,])(?P<num>" + _NUMBER + r")(?![0-9๐-๙])"
    r"[ \u00a0]*(?:\.-|\.[ ]*-|-\.)?[ \u00a0]*(?:บาท)?[ \u00a0]*(?:\.-)?[ \u00a0]*"
    r"(?P<open>[(\[]?[ \u00a0]*[-–]?)[ \u00a0]*"
    r"(?P<words>(?:[\p{Thai}0-9,]|[ \u00a0](?=[\p{Thai}0-9])){1,100}?"
    r"(?:บาทถ้วน|บาทตรง|สตางค์|บาท(?=[ \u00a0]*[-–)\]])))"
)
_PLACE = "สิบ|ร้อย|พัน|หมื่น|แสน|ล้าน"
_ALL_NUMBER_WORDS = regex.compile(r"(?:" + _NUMBER_WORDS + r"|" + D + r"|[, \u00a0])+บาท")


def _digits_to_words(m: regex.Match) -> str:
    value = parse_number(m.group(0))
    if value is None:
        return m.group(0)
    return regex.sub(r"บาท(?:ถ้วน)?$", "", bahttext(int(value)))


@lru_cache(maxsize=4096)
def normalize_words(text: str) -> str:
    t = regex.sub(_NUMBER, _digits_to_words, text)
    t = regex.sub(r"[^\p{Thai}]", "", t)
    t = regex.sub(r"(?:บาทถ้วน|บาทตรง|ถ้วน)$", "บาท", t)
    t = t.replace("เอ็ด", "หนึ่ง").replace("ยี่สิบ", "สองสิบ")
    t = regex.sub(r"(?<!สิบ)หนึ่ง(?=" + _PLACE + ")", "", t)  # หนึ่งแสน = แสน (not สิบเอ็ดล้าน)
    t = regex.sub(r"^ศูนย์บาท", "", t)
    return t


def expected_words(value: float | int) -> str:
    return bahttext(value)


@checker("amount-words-mismatch")
def check_words(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    if "บาท" not in text:
        return
    for m in _PHRASE.finditer(text):
        words = m.group("words")
        if not m.group("open").strip() and not regex.match(_NUMBER_WORDS, words):
            continue  # no bracket or dash, and not starting with a number word: not an amount in words
        if not regex.search(r"(?:ถ้วน|ตรง|สตางค์)$", words) and not _ALL_NUMBER_WORDS.fullmatch(words):
            continue  # "... บาท)" without ถ้วน: only when nothing but number words
        value = parse_number(m.group("num"))
        if value is None:
            continue
        if normalize_words(words) == normalize_words(expected_words(value)):
            continue
        start, end = m.start("num"), m.end("words")
        yield Hit("amount-words-mismatch", ctx.project_at(start), ctx.span(start, end),
                  f'{m.group("num")} บาท เขียนเป็นตัวอักษรว่า "{short(words, 70)}" '
                  f'แต่ที่ถูกต้องคือ "{expected_words(value)}"',
                  f'{baht(value)} baht is written in words as "{short(words, 70)}", '
                  f'which should read "{expected_words(value)}"')
