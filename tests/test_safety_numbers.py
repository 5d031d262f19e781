"""Safety of numbers and of scale (issue 9): bounded cost, no wrong output.

Every input is generated here (seeded ``random.Random``):

* amounts are exact (int baht, satang as printed), absurd ones are refused with a
  note and a finding, and no output ever holds a non-finite number;
* every number/percent pattern is linear on long digit runs (and finds what the
  patterns before it found: compared with them on random short strings);
* merging mentions of projects compares only candidates (the same matches as
  comparing every pair: compared on random names), so thousands of projects
  cost seconds;
* item numbers of four digits and more are read, years and amounts are not.
"""

from __future__ import annotations

import json
import math
import random
import time
from decimal import Decimal

import pytest
import regex
from rapidfuzz import fuzz

from extractor import extract
from extractor.check import run_checks
from extractor.check.naming import _earlier_best, same_name
from extractor.jsonio import NotJSONError, dumps
from extractor.model import Indicator, TargetValue
from extractor.numbers import (D, NUMBER_RE, amount_of_text, find_amount, find_percent, magnitude_above, numbers_in,
                               parse_number, parse_target, too_large_amounts, words_amount_too_large, words_to_amount)
from extractor.ruleset import default_rules
from extractor.schema import problems
from extractor.stages import indicators as ind
from extractor.stages.marks import mark_of
from extractor.stages.mentions import _NUMBER
from extractor.stages.names import _PAREN_TAIL, NameIndex, assign, name_key, name_score

RULES = default_rules()
MAX_AMOUNT = RULES["values"]["max_amount"]
THAI = "กขคงจฉชซดตถทนบปผพฟมยรลวสหอะาิีึืุูเแโใไ่้๊๋็์ัำ"


def _numbers(data) -> list:
    """Every number in a JSON-like value."""
    if isinstance(data, dict):
        return [x for v in data.values() for x in _numbers(v)]
    if isinstance(data, list):
        return [x for v in data for x in _numbers(v)]
    return [data] if isinstance(data, (int, float)) and not isinstance(data, bool) else []


def _project(budget_line: str, extra: str = "") -> str:
    return ("แผนปฏิบัติการ ประจำปีงบประมาณ 2567\n\n1. โครงการพัฒนาครูสู่ความเป็นเลิศ\nวัตถุประสงค์\n"
            f"1. เพื่อพัฒนาครู\n{extra}งบประมาณ\n{budget_line}\n")


# ================================================================ 1. exact amounts

def test_whole_numbers_are_exact_ints_up_to_2_53():
    rng = random.Random(1)
    for _ in range(2000):
        value = rng.randrange(0, 2 ** 53 + 1)
        assert parse_number(f"{value:,}") == value and type(parse_number(str(value))) is int
    assert parse_number(str(2 ** 53)) == 2 ** 53
    assert parse_number(str(2 ** 53 + 1)) is None  # not exact for double readers: no number
    assert parse_number("๑" * 16) == int("1" * 16)


def test_decimals_print_back_exactly_as_printed():
    """A float only where its shortest repr is the printed decimal: JSON carries it exactly."""
    rng = random.Random(2)
    for _ in range(3000):
        whole = rng.randrange(0, 10 ** rng.randint(1, 13))
        frac = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 2)))
        printed = f"{whole:,}.{frac}"
        value = parse_number(printed)
        exact = Decimal(printed.replace(",", ""))
        if exact == exact.to_integral_value():
            assert value == int(exact) and type(value) is int
        else:
            assert type(value) is float and Decimal(json.dumps(value)) == exact
    assert parse_number("1." + "1" * 15) is None  # 16 significant digits: not exact as a double


@pytest.mark.parametrize("text", ["1" * 310, "9" * 400, "1" * 5000, "inf", "nan", "1e5", "-5", "1" * 200 + ".5", ""],
                         ids=["310-digits", "400-nines", "5000-digits", "inf", "nan", "1e5", "-5", "200-digits.5", "empty"])
def test_no_number_that_is_not_exact(text):
    assert parse_number(text) is None


def test_long_digit_runs_are_never_amounts():
    for n in (17, 310, 400, 5000):  # 17 digits and more: above 2**53
        run = "1" * n
        assert find_amount(f"จำนวนทั้งสิ้น {run} บาท", RULES) is None
        assert amount_of_text(run, RULES) is None and amount_of_text(f"{run}.- บาท", RULES) is None
        assert numbers_in(run) == []
        assert parse_target(f"ร้อยละ {run}", RULES)[0] is None
    assert find_amount(f"จำนวน {'1' * 16} บาท", RULES) is None  # a number, but above values.max_amount


def test_the_largest_believed_amount_and_one_baht_more():
    top = f"{MAX_AMOUNT:,}"
    assert find_amount(f"จำนวน {top} บาท", RULES).value == MAX_AMOUNT
    assert amount_of_text(top, RULES) == MAX_AMOUNT
    more = f"{MAX_AMOUNT + 1:,}"
    assert find_amount(f"จำนวน {more} บาท", RULES) is None and amount_of_text(more, RULES) is None
    assert magnitude_above(more, MAX_AMOUNT) and not magnitude_above(top, MAX_AMOUNT)
    assert magnitude_above("1" * 5000, MAX_AMOUNT) and not magnitude_above("0" * 5000 + "1", MAX_AMOUNT)


def test_words_amounts_are_exact_and_bounded():
    assert words_to_amount("สามแสนเจ็ดหมื่นห้าพันบาทห้าสิบสตางค์", RULES) == 375000.5
    assert words_to_amount("หนึ่งร้อยบาทยี่สิบห้าสตางค์", RULES) == 100.25
    huge = "หนึ่ง" + "ล้าน" * 60 + "บาทถ้วน"  # 10**360 baht
    assert words_to_amount(huge, RULES) is None and words_amount_too_large(huge, RULES)
    assert not words_amount_too_large("หนึ่งแสนบาทถ้วน", RULES)
    # 10**4320: beyond Python's int-to-text limit, which would crash the JSON writer
    assert words_to_amount("หนึ่ง" + "ล้าน" * 720 + "บาทถ้วน", RULES) is None


@pytest.mark.parametrize("budget, printed", [
    (f"จำนวนทั้งสิ้น {'1' * 320} บาท", "1" * 320),
    (f"จำนวนทั้งสิ้น {MAX_AMOUNT * 5:,}.50 บาท", f"{MAX_AMOUNT * 5:,}.50"),
    ("หนึ่ง" + "ล้าน" * 60 + "บาทถ้วน", "หนึ่ง" + "ล้าน" * 60 + "บาทถ้วน"),
], ids=["320-digits", "5-trillion", "words-10^360"])
def test_an_absurd_amount_is_not_read_but_noted(budget, printed):
    doc = extract(text=_project(budget))
    (p,) = doc.projects
    assert p.budget.amount is None
    notes = [n for n in doc.notes if n.code == "amount_too_large"]
    assert len(notes) == 1 and printed in doc.source.text[notes[0].span.start:notes[0].span.end]
    findings = [f for f in run_checks(doc, rules=RULES) if f.rule == "amount-too-large"]
    assert len(findings) == 1 and findings[0].project_id == p.id and "1,000,000,000,000" in findings[0].message
    data = doc.to_dict()
    assert problems(data) == []
    text = dumps(data)
    assert "Infinity" not in text and "NaN" not in text
    assert all(math.isfinite(x) for x in _numbers(json.loads(text)))


def test_too_large_amounts_are_found_in_linear_time():
    text = ("มี 1,000,000,000,000,000 คน " + "1" * 40_000 + " บาท และ 12,345 บาท " + "1" * 40_000 + " คน\n") * 3
    start = time.perf_counter()
    found = too_large_amounts(text, RULES)
    assert time.perf_counter() - start < 2
    assert len(found) == 6 and all(text[a:b].startswith("1") for a, b in found)


def test_satang_amounts_reach_the_json_exactly():
    rng = random.Random(3)
    for _ in range(20):
        baht, satang = rng.randrange(1, 10 ** 9), rng.randrange(1, 100)
        printed = f"{baht:,}.{satang:02d}"
        doc = extract(text=_project(f"จำนวนทั้งสิ้น {printed} บาท"))
        value = json.loads(dumps(doc.to_dict()))["projects"][0]["budget"]["amount"]
        assert Decimal(str(value)) == Decimal(printed.replace(",", ""))


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 10 ** 5000],
                         ids=["inf", "-inf", "nan", "10^5000"])
def test_the_writer_refuses_what_json_cannot_carry(value):
    for compact in (False, True):
        with pytest.raises(NotJSONError, match="cannot write the output as JSON"):
            dumps({"projects": [{"budget": {"amount": value}}]}, compact=compact)
    assert issubclass(NotJSONError, ValueError)


# ================================================================ 2. linear patterns

RUNS = {
    "plain": "1" * 40_000,
    "thai": "๑" * 40_000,
    "percent-end": "1" * 40_000 + "%",
    "decimal": "1" * 20_000 + "." + "2" * 20_000,
    "commas": "1" + ",234" * 10_000,
    "commas-broken": "1" + ",234" * 10_000 + "5",
    "dots": "1." * 20_000,
    "ร้อยละ": "ร้อยละ " + "1" * 40_000,
    "leaders": "." * 40_000 + "5",
}


@pytest.mark.parametrize("run", list(RUNS.values()), ids=list(RUNS))
def test_number_patterns_are_linear_on_a_40kb_run(run):
    """Each took from one to several minutes when a percentage was looked for from every digit."""
    for fn in (lambda t: find_percent(t, RULES), lambda t: parse_target(t, RULES), numbers_in,
               lambda t: find_amount(t, RULES), lambda t: amount_of_text(t, RULES), lambda t: mark_of(t, RULES),
               lambda t: too_large_amounts(t, RULES), lambda t: _NUMBER.match(t)):
        start = time.perf_counter()
        fn(run)
        assert time.perf_counter() - start < 2


def test_a_40kb_digit_run_in_a_document():
    run = "1" * 40_000
    text = _project("จำนวนทั้งสิ้น 10,000 บาท", f"ตัวชี้วัด\n1. {run}\nค่าเป้าหมาย\nร้อยละ {run}\n")
    start = time.perf_counter()
    doc = extract(text=text)
    run_checks(doc, rules=RULES)
    assert time.perf_counter() - start < 10  # 159 s before
    assert doc.projects[0].budget.amount == 10000


def _old_patterns():
    """The patterns as they were before they were made linear (the reference)."""
    v = RULES["values"]
    pct = "|".join(regex.escape(w) for w in sorted(v["percent_words"], key=len, reverse=True))
    pre = "|".join(regex.escape(w) for w in v["percent_words"] if regex.search(r"\p{L}", w))
    percent = regex.compile(r"(?:" + pre + r")\s*(?:[\u0E01-\u0E4F]{1,3}\s*)?(" + D + r"+(?:\." + D + r"+)?)|(" + D
                            + r"+(?:\." + D + r"+)?)\s*(?:" + pct + ")")
    inside = r"(?<![0-9๐-๙,])(?<![0-9๐-๙]\.)"
    number = regex.compile(inside + D + r"{1,3}(?:," + D + r"{3})+(?:\." + D + r"+)?(?![0-9๐-๙])"
                           r"|" + inside + D + r"+(?:\." + D + r"+)?(?![0-9๐-๙])")
    baht = "|".join(regex.escape(w) for w in v["baht_words"])
    cell = regex.compile(r"(" + D + r"{1,3}(?:," + D + r"{3})*(?:\." + D + r"+)?|" + D + r"+(?:\." + D + r"+)?)"
                         r"\s*(?:\.-|\.\s*-|-\.?)?\s*(?:" + baht + r")?\s*(?:\.-)?")
    paren = regex.compile(r"\s*\([^()]*\)\s*$")
    return percent, number, cell, paren


def test_linear_patterns_find_what_the_old_ones_found():
    from extractor.numbers import _cell_amount, _value_patterns

    old_percent, old_number, old_cell, old_paren = _old_patterns()
    new_percent = _value_patterns(RULES)[1]
    rng = random.Random(4)
    pieces = ["1", "2", "0", "๑", "๒", ",", ".", " ", "%", "ร้อยละ", "ละ", "บาท", "-", ".-", "ก", "(", ")", "x"]
    for _ in range(20_000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        a, b = old_percent.search(t), new_percent.search(t)
        assert (a and (a.span(), a.group(1), a.group(2))) == (b and (b.span(), b.group(1), b.group(2))), t
        assert [m.span() for m in old_number.finditer(t)] == [m.span() for m in NUMBER_RE.finditer(t)], t
        a, b = old_cell.fullmatch(t), _cell_amount(RULES).fullmatch(t)
        assert (a and a.group(1)) == (b and b.group(1)), t
        assert old_paren.sub("", t) == _PAREN_TAIL.sub("", t), t


# ================================================================ 3. merging without all pairs

def _old_name_score(a: str, b: str, whole: bool = False) -> float:
    """name_score as it was (every pair scored from scratch): the reference."""
    ka, kb = name_key(a, RULES), name_key(b, RULES)
    if not ka or not kb:
        return 0.0
    score = fuzz.ratio(ka, kb)
    short, long_ = sorted((ka, kb), key=len)
    if not whole and len(short) >= 12 and len(short) / len(long_) >= 0.45:
        score = max(score, fuzz.partial_ratio(short, long_) * 0.97)
    for x, y in ((a, b), (b, a)):
        stripped = regex.sub(r"\s*\([^()]*\)\s*$", "", x)
        if stripped != x:
            score = max(score, fuzz.ratio(name_key(stripped, RULES), name_key(y, RULES)))
    return score


def _names(rng: random.Random, n: int, alphabet: str = THAI + " ") -> list[str]:
    """Names with many near-misses: edits, cuts, "(…)" tails and project words on a few bases."""
    bases = ["".join(rng.choice(alphabet[:rng.randint(4, len(alphabet))]) for _ in range(rng.randint(1, 45)))
             for _ in range(n // 3 + 1)]
    out = []
    for _ in range(n):
        b = list(rng.choice(bases))
        for _ in range(rng.randint(0, 8)):
            op, pos = rng.random(), rng.randint(0, len(b))
            if op < 0.4 and b:
                b.pop(min(pos, len(b) - 1))
            elif op < 0.8:
                b.insert(pos, rng.choice(alphabet))
            else:
                b = b[:pos] if rng.random() < 0.5 else b[pos:]
        name = "".join(b)
        if rng.random() < 0.2:
            name += " (" + rng.choice(bases)[:10] + ")"
        if rng.random() < 0.2:
            name = "โครงการ" + name
        out.append(name)
    return out


@pytest.mark.parametrize("seed", range(6))
def test_the_name_index_finds_every_pair_that_scores(seed):
    rng = random.Random(seed)
    left, right = _names(rng, 50), _names(rng, 50)
    index = NameIndex(left, RULES)
    for threshold in (45, 50, 80, 85, 92, 100):
        for whole in (False, True):
            for q in right:
                every = [(s, i) for i, name in enumerate(left) if (s := _old_name_score(name, q, whole)) >= threshold]
                assert index.matches(q, threshold, whole) == every
    assert name_score(left[0], right[0], RULES) == _old_name_score(left[0], right[0])


def test_scores_of_zero_count_where_the_threshold_allows_them():
    """A section without a name still takes the row between its neighbours' rows by the
    bonus of its amount (stages.assemble._match_by_order): a score of 0 is a score."""
    index = NameIndex(["", "พัฒนาครู"], RULES)
    assert index.among("", -5, [1, 0], query_first=True) == [(0.0, 1), (0.0, 0)]
    assert index.matches("", 0) == [(0.0, 0), (0.0, 1)] and index.matches("", 1) == []
    assert index.matches("พัฒนาครู", 0) == [(0.0, 0), (100.0, 1)]


@pytest.mark.parametrize("seed", range(6))
def test_assign_is_the_all_pairs_assignment(seed):
    """Best pair first, as when every pair was scored and sorted; with names repeated on
    both sides (scored once per distinct name) and with a pair filter."""
    rng = random.Random(seed)
    left, right = _names(rng, 50), _names(rng, 50)
    left += [rng.choice(left) for _ in range(30)]
    right += [rng.choice(left) for _ in range(30)]
    rng.shuffle(left)
    rng.shuffle(right)

    def allowed(i: int, j: int) -> bool:
        return (i * 7 + j * 3) % 5 != 0

    for threshold, only in ((80, None), (92, None), (45, allowed), (80, allowed)):
        pairs = sorted((-s, j, i) for j, r in enumerate(right) for i, name in enumerate(left)
                       if (only is None or only(i, j)) and (s := _old_name_score(name, r)) >= threshold)
        want: dict[int, int] = {}
        for _, j, i in pairs:
            if j not in want and i not in want.values():
                want[j] = i
        assert assign(left, right, threshold, RULES, only) == want


def test_a_name_repeated_a_thousand_times_costs_one_name():
    rows = [["ที่", "โครงการ", "งบประมาณ"]] + [[str(k), "ซ่อมแซมถนนคอนกรีตเสริมเหล็กภายในหมู่บ้าน", "10,000"]
                                             for k in range(1, 1001)]
    lines = ["แผนปฏิบัติการ ประจำปีงบประมาณ 2567", ""]
    for row in rows:
        lines += ["\t" + cell for cell in row] + [""]
    for k in range(1, 1001):
        lines += [f"{k}. โครงการซ่อมแซมถนนคอนกรีตเสริมเหล็กภายในหมู่บ้าน", "วัตถุประสงค์", "1. เพื่อความปลอดภัย",
                  "งบประมาณ", "จำนวนทั้งสิ้น 10,000 บาท", ""]
    start = time.perf_counter()
    doc = extract(text="\n".join(lines) + "\n")
    assert time.perf_counter() - start < 10
    assert len(doc.projects) == 1  # one name, one amount: one project (the sections say it 1000 times)


def _old_merge(listed, tabled):
    """indicators.merge and dedupe as they were (every pair): the reference."""
    threshold, kind_threshold = RULES.tune("same_indicator"), RULES.tune("same_indicator_kind")
    out, used, leftovers = list(listed), set(), []
    for t in tabled:
        best, best_i = 0.0, -1
        for i, x in enumerate(out):
            if i not in used and (score := ind.similar(x.text, t.text, RULES)) > best:
                best, best_i = score, i
        if best >= threshold:
            used.add(best_i)
            if out[best_i].target is None and t.target is not None:
                out[best_i].target = t.target
            if out[best_i].kind is None:
                out[best_i].kind = t.kind
        else:
            leftovers.append(t)
    for t in leftovers:
        cands = [(ind.similar(x.text, t.text, RULES), i) for i, x in enumerate(out)
                 if i not in used and t.kind and x.kind == t.kind]
        best = max(cands, default=(0.0, -1))
        if best[0] >= kind_threshold and sum(1 for c in cands if c[0] >= kind_threshold) == 1:
            used.add(best[1])
            if out[best[1]].target is None:
                out[best[1]].target = t.target
        else:
            out.append(t)
            used.add(len(out) - 1)
    kept = []
    for x in out:
        dup = next((o for o in kept if ind.similar(o.text, x.text, RULES) >= RULES.tune("duplicate_indicator")), None)
        if dup is None:
            kept.append(x)
        elif dup.target is None and x.target is not None:
            dup.target = x.target
    return kept


def _indicators(rng: random.Random, names: list[str]) -> list[Indicator]:
    out = []
    for k, text in enumerate(names):
        target = TargetValue(f"ร้อยละ {k}", k, "percent", "=") if rng.random() < 0.5 else None
        out.append(Indicator(text, rng.choice([None, "quantitative", "qualitative"]), None, target))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("seed", range(4))
def test_indicator_merging_is_the_all_pairs_merging(seed):
    def as_rows(xs):
        return [(x.text, x.kind, x.target.text if x.target else None) for x in xs]

    rng = random.Random(seed)
    words = ["ร้อยละ ๘๐ ของ", "นักเรียน", "ครู", "ผ่านเกณฑ์", "การประเมิน", "มีผลสัมฤทธิ์", "สูงขึ้น", "ทักษะ", "การอ่าน"]
    texts = ["".join(rng.sample(words, rng.randint(2, 5))) for _ in range(40)] + _names(rng, 40)
    listed, tabled = _indicators(rng, rng.sample(texts, 40)), _indicators(rng, rng.sample(texts, 40))
    want = as_rows(_old_merge([Indicator(x.text, x.kind, None, x.target) for x in listed],
                              [Indicator(x.text, x.kind, None, x.target) for x in tabled]))
    assert as_rows(ind.dedupe(ind.merge(listed, tabled, RULES), RULES)) == want


@pytest.mark.parametrize("seed", range(4))
def test_duplicate_names_are_the_best_earlier_pair(seed):
    rng = random.Random(seed)
    words = ("โครงการ",)
    names = [n + (f" หมู่ที่ {rng.randint(1, 3)}" if rng.random() < 0.3 else "")
             for n in _names(rng, 120, THAI[:12] + " ")]
    pids = [rng.choice([None, "p1", "p2", "p3"]) for _ in names]
    for with_pids in (None, pids):
        got = list(_earlier_best(names, words, 92, with_pids))
        for j, b in enumerate(names):
            scored = [(same_name(a, b, words, 92), i) for i, a in enumerate(names[:j])
                      if with_pids is None or pids[i] is None or pids[j] is None or pids[i] == pids[j]]
            scored = [(s, i) for s, i in scored if s]
            best = max(scored, key=lambda x: (x[0], -x[1]), default=None)
            assert got[j] == (best and (best[1], best[0]))


WORDS = ["พัฒนา", "ส่งเสริม", "การอ่าน", "คุณภาพ", "ครู", "นักเรียน", "ผู้ปกครอง", "ชุมชน", "ห้องสมุด", "คอมพิวเตอร์",
         "วิทยาศาสตร์", "คณิตศาสตร์", "ภาษาอังกฤษ", "ดนตรี", "กีฬา", "สุขภาพ", "อาหารกลางวัน", "ลูกเสือ", "ศิลปะ",
         "เกษตร", "สิ่งแวดล้อม", "ประชาธิปไตย", "คุณธรรม", "จริยธรรม", "เทคโนโลยี", "นวัตกรรม", "หลักสูตร", "ประเมิน",
         "นิเทศ", "ติดตาม", "อาคาร", "สถานที่", "ปรับปรุง", "ซ่อมแซม", "จัดซื้อ", "วัสดุ", "ครุภัณฑ์", "อบรม", "สัมมนา",
         "ทัศนศึกษา", "แข่งขัน", "ทักษะ", "วิชาการ", "ปฐมวัย", "ประถม", "มัธยม", "อาชีพ", "ความปลอดภัย", "ประกัน"]


def plan(n: int, seed: int = 1) -> str:
    """A plan of n numbered projects: a summary table (number, name, budget) and then a
    detail section per project, each to be merged with its row."""
    rng = random.Random(seed)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        name = "".join(rng.sample(WORDS, 5))
        if name not in seen:
            seen.add(name)
            names.append(name)
    amounts = [rng.randrange(1, 900) * 1000 for _ in names]
    rows = [["ที่", "โครงการ", "งบประมาณ"]] + [[str(k), nm, f"{a:,}"] for k, (nm, a) in enumerate(zip(names, amounts), 1)]
    lines = ["แผนปฏิบัติการ ประจำปีงบประมาณ 2567", ""]
    for row in rows:
        lines += ["\t" + cell for cell in row] + [""]
    for k, (nm, a) in enumerate(zip(names, amounts), 1):
        lines += [f"{k}. โครงการ{nm}", "วัตถุประสงค์", f"1. เพื่อ{''.join(rng.sample(WORDS, 3))}",
                  "งบประมาณ", f"จำนวนทั้งสิ้น {a:,} บาท", ""]
    return "\n".join(lines) + "\n"


def test_a_thousand_projects_merge_in_seconds():
    """Every row merged into its section; 25 s when every pair was compared."""
    text = plan(1000)
    start = time.perf_counter()
    doc = extract(text=text)
    took = time.perf_counter() - start
    assert len(doc.projects) == 1000
    assert [p.number for p in doc.projects] == [str(k) for k in range(1, 1001)]
    assert all([s.place for s in p.budget.stated] == ["detail", "summary"] for p in doc.projects)
    assert took < 10, f"{took:.1f} s: merging compares every pair again?"
    start = time.perf_counter()
    run_checks(doc, rules=RULES)
    assert time.perf_counter() - start < 10


# ================================================================ 4. item numbers from 1000 on

@pytest.mark.parametrize("text, number", [
    ("1000. โครงการพัฒนาครู", "1000"),
    ("๑๐๐๐. โครงการพัฒนาครู", "1000"),
    ("1234) จัดซื้อวัสดุ", "1234"),
    ("2000.โครงการอ่านออกเขียนได้", "2000"),
    ("99999. โครงการ", "99999"),
    ("2566 เป็นปีที่สามของแผน", None),   # a year
    ("๒๕๖๗ เป็นปีที่สามของแผน", None),
    ("1000.50 บาท", None),               # amounts
    ("1000.- บาท", None),
    ("1,000 บาท", None),
    ("1234567. โครงการ", None),          # too long for an item number
    ("0000. โครงการ", None),
])
def test_item_numbers_of_four_digits_and_more(text, number):
    assert mark_of(text, RULES).number == number


def test_a_numbered_word_of_four_digits():
    m = _NUMBER.match(" 1000 พัฒนาครู")
    assert m and m.group(1) == "1000"


def test_two_thousand_numbered_projects_are_all_read():
    rng = random.Random(5)
    lines = ["แผนปฏิบัติการ ประจำปีงบประมาณ 2567", ""]
    for k in range(1, 2001):
        lines.append(f"{k}. โครงการ{''.join(rng.sample(WORDS, 4))} งบประมาณ {rng.randrange(1, 900) * 1000:,} บาท")
    doc = extract(text="\n".join(lines) + "\n")
    assert [p.number for p in doc.projects] == [str(k) for k in range(1, 2001)]  # 995 before
