"""Numbers as Thai documents print them: digits (Thai, Arabic or mixed), amounts
in baht, percentages, comparators, and amounts in Thai words.  The words
(percent, baht, comparators, unit words) come from ``rules/values.toml``.

>>> from extractor.ruleset import default_rules
>>> r = default_rules()
>>> parse_number("๒๕๖2"), parse_number("1,0๐๐")
(2562, 1000)
>>> find_amount("จำนวนทั้งสิ้น ๑๕๐,๐๐๐ .- บาท", r).value
150000
>>> parse_target("อย่างน้อยร้อยละ 20", r)
(20, 'percent', '>=')
>>> parse_target("ไม่น้อยกว่า 1 คน รวมทั้งสิ้น 24 คน", r)
(1, 'คน', '>=')
>>> parse_target("อย่างน้อย 5 โรงเรียนต่อคน", r)
(5, 'โรงเรียนต่อคน', '>=')
>>> parse_target("- ๑๐๒ โรงเรียน", r)
(102, 'โรงเรียน', '=')
>>> parse_target("สถานศึกษาในระบบ 24 โรงเรียน สถานศึกษานอกระบบ 25 โรงเรียน", r)
(None, 'โรงเรียน', None)
>>> parse_target("สำนักงานเขตพื้นที่การศึกษา เขต ๒ และโรงเรียนในสังกัด ๑๐๒ โรงเรียน", r)
(102, 'โรงเรียน', '=')
>>> words_to_amount("สามแสนเจ็ดหมื่นห้าพันบาทถ้วน", r)
375000
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from .ruleset import RuleSet
from .textutil import collapse_spaces, thai_to_arabic
from .vocab import fold

D = r"[0-9๐-๙]"
# Every pattern over digits is linear in the length of a digit run: a number starts
# only where a run starts (the look-behinds), and runs are taken whole (possessive
# ``++`` where giving digits back could never make a match), so a 40 KB run of
# digits is read once, not once from every digit.
# Not inside another number ("1,2", "3.5"); after form leaders ("จำนวน.....28,372") it is one.
_NOT_INSIDE = r"(?<![0-9๐-๙,])(?<![0-9๐-๙]\.)"
NUMBER_RE = regex.compile(
    _NOT_INSIDE + D + r"{1,3}(?:," + D + r"{3})+(?:\." + D + r"++)?+(?![0-9๐-๙])"
    r"|" + _NOT_INSIDE + D + r"++(?:\." + D + r"++)?+(?![0-9๐-๙])"
)
LEADERS_RE = regex.compile(r"(?:\.\s?){2,}(?!\d)|…+|_{2,}")

# Numbers are carried exactly into the JSON: an int where whole, a float only where
# the printed decimal has at most 15 significant digits (a double then prints back as
# exactly that decimal), and nothing beyond 2**53 (where JSON readers that use doubles,
# and the float64 columns of the exports, stop being exact).  Those are properties of
# IEEE doubles, not judgements about documents, so they live here, not in the rules.
MAX_EXACT = 2 ** 53
_SIGNIFICANT = 15
_PLAIN = regex.compile(r"([0-9]++)(?:\.([0-9]++))?+")


def parse_number(text: str) -> int | float | None:
    """A printed number (commas, Thai digits) as int when whole, else float; None when
    it is not a plain number or cannot be carried exactly (see ``MAX_EXACT``).

    >>> parse_number("1,250.50"), parse_number("๐.๔๐"), parse_number("9" * 30), parse_number("inf")
    (1250.5, 0.4, None, None)
    """
    return exact_number(*_digits(thai_to_arabic(text).replace(",", "").strip()))


def _digits(raw: str) -> tuple[str, str] | tuple[None, None]:
    """(whole digits without leading zeros, fraction digits without trailing zeros)."""
    m = _PLAIN.fullmatch(raw)
    if not m:
        return None, None
    return m.group(1).lstrip("0"), (m.group(2) or "").rstrip("0")


def exact_number(whole: str | None, frac: str | None = "") -> int | float | None:
    """The number of a decimal given as its whole and fraction digits, exactly, or None."""
    if whole is None or frac is None or len(whole) > len(str(MAX_EXACT)):
        return None  # never int() or float() a run of digits of any length
    if not frac:
        value = int(whole or "0")
        return value if value <= MAX_EXACT else None
    significant = len(whole) + len(frac) if whole else len(frac.lstrip("0"))
    if significant > _SIGNIFICANT:
        return None
    return float(f"{whole or '0'}.{frac}")


def magnitude_above(text: str, limit: int | float) -> bool:
    """Is the printed number ``text`` (commas, Thai digits) larger than ``limit``?  Exact for
    a number of any length (compared by its digits, never converted whole)."""
    whole, frac = _digits(thai_to_arabic(text).replace(",", "").strip())
    if whole is None:
        return False
    cap = Decimal(limit)
    if len(whole) > len(str(int(cap))):
        return True
    return Decimal(f"{whole or '0'}.{frac or '0'}") > cap


@dataclass(frozen=True)
class Found:
    value: int | float
    start: int  # offsets within the searched string
    end: int


def numbers_in(text: str) -> list[Found]:
    out = []
    for m in NUMBER_RE.finditer(text):
        value = parse_number(m.group(0))
        if value is not None:
            out.append(Found(value, m.start(), m.end()))
    return out


@lru_cache(maxsize=4)
def _value_patterns(rules: RuleSet) -> tuple[regex.Pattern, regex.Pattern, tuple[tuple[str, str], ...]]:
    v = rules["values"]
    baht = "|".join(regex.escape(w) for w in v["baht_words"])
    amount_tail = regex.compile(r"\s*(?:\.-|\.\s+-|\s*\.-|-)?\s*(?:" + baht + r")|\s*\.-")
    pct = "|".join(regex.escape(w) for w in sorted(v["percent_words"], key=len, reverse=True))
    word_pct = [w for w in v["percent_words"] if regex.search(r"\p{L}", w)]
    pre = "|".join(regex.escape(w) for w in word_pct)
    # A number before a percent word starts where its run of digits starts (no match is
    # tried from inside a run) and takes the run whole: linear in the run's length.
    num = r"(" + D + r"++(?:\." + D + r"++)?+)"
    percent = regex.compile(r"(?:" + pre + r")\s*+(?:[\u0E01-\u0E4F]{1,3}\s*+)?" + num
                            + r"|(?<![0-9๐-๙])" + num + r"\s*+(?:" + pct + ")")
    comps = tuple(sorted(((w, op) for op, words in v["comparators"].items() for w in words),
                         key=lambda x: -len(x[0])))
    return amount_tail, percent, comps


def find_amount(text: str, rules: RuleSet) -> Found | None:
    """The first amount of money in ``text``: a number followed by บาท/.-, or a
    number with thousands separators.  Leaders between number and unit are ignored."""
    amount_tail, _, _ = _value_patterns(rules)
    candidates = numbers_in(text)
    for f in candidates:
        tail = LEADERS_RE.sub(" ", text[f.end:f.end + 40])
        if amount_tail.match(tail):
            return _sane(f, rules)
    for f in candidates:
        if "," in text[f.start:f.end]:
            return _sane(f, rules)
    return None


def _sane(f: Found, rules: RuleSet) -> Found | None:
    return f if 0 <= f.value <= rules["values"]["max_amount"] else None


def amount_of_text(text: str, rules: RuleSet) -> int | float | None:
    """A cell or value that is one amount ("100,000", "30,000.-", "30,000-.", "๕,๐๐๐ บาท"), else None.

    >>> from extractor.ruleset import default_rules
    >>> [amount_of_text(t, default_rules()) for t in ("30,000.-", "300,000-.", "๕,๐๐๐ บาท", "30 คน")]
    [30000, 300000, 5000, None]
    """
    t = collapse_spaces(LEADERS_RE.sub(" ", text))
    m = _cell_amount(rules).fullmatch(t)
    if not m:
        return None
    value = parse_number(m.group(1))
    return value if value is not None and 0 <= value <= rules["values"]["max_amount"] else None


@lru_cache(maxsize=4)
def _cell_amount(rules: RuleSet) -> regex.Pattern:
    baht = "|".join(regex.escape(w) for w in rules["values"]["baht_words"])
    return regex.compile(r"(" + D + r"{1,3}(?:," + D + r"{3})*+(?:\." + D + r"++)?+(?![0-9๐-๙,])|" + D + r"++(?:\."
                         + D + r"++)?+)\s*+(?:\.-|\.\s*+-|-\.?)?\s*+(?:" + baht + r")?\s*+(?:\.-)?")


def is_dash(text: str) -> bool:
    return collapse_spaces(text) in {"-", "–", "—", "0", "๐", "-.-"}


def find_percent(text: str, rules: RuleSet) -> Found | None:
    _, percent, _ = _value_patterns(rules)
    m = percent.search(text)
    if not m:
        return None
    g = 1 if m.group(1) else 2
    value = parse_number(m.group(g))
    return Found(value, m.start(), m.end()) if value is not None else None


def comparator_of(text: str, rules: RuleSet) -> str:
    _, _, comps = _value_patterns(rules)
    for word, op in comps:
        if word in text:
            return op
    return "="


_UNIT_RE = regex.compile(r"\s*([\p{Thai}A-Za-z/]+)")


def parse_target(text: str, rules: RuleSet) -> tuple[int | float | None, str | None, str | None]:
    """(value, unit, comparator) of a target value as printed.

    A percentage wins; otherwise the first number and the word after it.  Two
    numbers with the same unit and no total word between them are two
    categories: no single value.
    """
    t = collapse_spaces(LEADERS_RE.sub(" ", text))
    pct = find_percent(t, rules)
    if pct is not None:
        return pct.value, "percent", comparator_of(t, rules)
    nums = [f for f in numbers_in(t) if not _is_year(t, f, rules) and not _is_ordinal(t, f, rules)]
    if not nums:
        return None, None, None
    # The count is the first number with a unit word after it ("เขต ๒ และ … ๑๐๒ โรงเรียน").
    units = set(rules["values"]["units"])
    counted = [f for f in nums if unit_after(t, f, rules) in units]
    if counted and counted[0] is not nums[0]:
        nums = nums[nums.index(counted[0]):]
    first = nums[0]
    unit = unit_after(t, first, rules)
    baht = rules["values"]["baht_words"]
    if unit is None and "," in t[first.start:first.end] or unit in baht:
        unit = "baht"
    if len(nums) > 1 and unit:
        units = {unit_after(t, f, rules) for f in nums}
        between = t[first.end:nums[1].start]
        joins = [w for w in rules["values"]["total_words"] + rules["values"]["rate_words"]]
        if units == {unit} and not any(w in between for w in joins):
            return None, unit, None
    return first.value, unit, comparator_of(t, rules)


def _is_year(text: str, f: Found, rules: RuleSet) -> bool:
    if 2400 <= f.value <= 2700 and float(f.value).is_integer():
        return True
    end = f.start  # the text before the number, without the spaces before it (not copied)
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return any(text.endswith(w, 0, end) for w in rules["document"]["year_words"] + rules["document"]["fiscal_year_words"])


def _is_ordinal(text: str, f: Found, rules: RuleSet) -> bool:
    """A number that is part of a name ("… เขต 2", "ปีที่ 6"), not a value.

    >>> from extractor.ruleset import default_rules
    >>> parse_target("ผลการสอบ O-NET ของ สพป. ยโสธร เขต 2 สูงขึ้น", default_rules())
    (None, None, None)
    """
    before = fold(text[max(0, f.start - 12):f.start])
    return any(before.endswith(w) for w, _ in rules.words_of("values", "ordinal_words"))


def unit_after(text: str, f: Found, rules: RuleSet) -> str | None:
    """The unit word printed after a number: a known unit of ``values.units`` at
    the start of the word, else the word as printed (without a trailing stop word)."""
    m = _UNIT_RE.match(text, f.end)
    if not m:
        return None
    word = m.group(1)
    for stop in rules["values"]["unit_stops"]:
        if word.endswith(stop) and len(word) > len(stop):
            word = word[: -len(stop)]
    return word or None


def words_to_amount(text: str, rules: RuleSet) -> int | float | None:
    """An amount written only in Thai words ("…บาทถ้วน"), or None (pythainlp's thaiword_to_num).
    Exact (baht and satang added as decimals); an amount above ``values.max_amount`` is
    not believed: None (see :func:`words_amount_too_large`)."""
    value = _words_value(text, rules)
    if value is None or value > Decimal(rules["values"]["max_amount"]):
        return None
    return _from_decimal(value)


def words_amount_too_large(text: str, rules: RuleSet) -> bool:
    """Does ``text`` hold only an amount in Thai words, one above ``values.max_amount``?"""
    value = _words_value(text, rules)
    return value is not None and value > Decimal(rules["values"]["max_amount"])


def _words_value(text: str, rules: RuleSet) -> Decimal | None:
    from pythainlp.util import thaiword_to_num

    bt = rules["values"]["baht_text"]
    t = regex.sub(r"[\s\-–().]", "", text)
    for word in sorted(bt["whole"], key=len, reverse=True):
        t = t.replace(word, "")
    baht_word = rules["values"]["baht_words"][0]
    baht, _, satang = t.partition(baht_word)
    try:
        value = Decimal(thaiword_to_num(baht)) if baht else Decimal(0)
        if satang:
            for word in bt["satang"]:
                satang = satang.replace(word, "")
            value += Decimal(thaiword_to_num(satang)) / 100
    except (ValueError, KeyError, IndexError, TypeError, ArithmeticError):
        return None
    return value if value.is_finite() and value >= 0 else None


def _from_decimal(value: Decimal) -> int | float | None:
    """A Decimal as :func:`exact_number` carries it (int where whole, exact float, or None)."""
    if value == value.to_integral_value():
        return exact_number(str(int(value)).lstrip("0"))
    whole, _, frac = f"{value:f}".partition(".")
    return exact_number(whole.lstrip("0"), frac.rstrip("0"))


def too_large_amounts(text: str, rules: RuleSet) -> list[tuple[int, int]]:
    """(start, end) of every amount of money printed in ``text`` that is larger than
    ``values.max_amount`` (a misread or absurd number): digits that :func:`find_amount`
    would take for an amount (followed by a baht word or ".-", or grouped by thousands)
    but for their size.  Linear in the length of ``text``."""
    amount_tail, _, _ = _value_patterns(rules)
    cap = rules["values"]["max_amount"]
    cap_digits = len(str(int(cap)))
    out = []
    for m in NUMBER_RE.finditer(text):
        printed = m.group(0)
        whole = printed.split(".", 1)[0]
        if len(whole) - whole.count(",") < cap_digits or not magnitude_above(printed, cap):
            continue  # fewer digits than the cap has: smaller than it
        if "," in printed or amount_tail.match(LEADERS_RE.sub(" ", text[m.end():m.end() + 40])):
            out.append((m.start(), m.end()))
    return out


def words_match(amount: int | float, words: str, rules: RuleSet) -> bool:
    """Does the Thai-words amount say the same as the digits?  (pythainlp's bahttext)"""
    from pythainlp.util import bahttext

    bt = rules["values"]["baht_text"]

    def norm(s: str) -> str:
        s = regex.sub(r"[\s\-–().]", "", s)
        for a, b in bt["same"].items():
            s = s.replace(a, b)
        return s

    printed = norm(words)
    digits = norm(bahttext(amount))
    return digits == printed or any(digits.replace(w, "") == printed for w in bt["whole"])
