"""Cost at scale (issue 9): generated documents of many numbered projects, and long
runs of digits.  Merging the mentions of a project once compared every project with
every other (1000 projects 25 s, a long archive 32 minutes) and a percentage was looked
for from every digit of a run (40 KB of digits 159 s); both are now near-linear, which
the 1000 → 2000 ratio shows (about 2 when linear, about 4 when quadratic).

    python benchmarks/bench_scale.py            # 1000 and 2000 projects, 40 KB digits
    python benchmarks/bench_scale.py 4000       # also 4000 projects

Shapes of the generated plans (names drawn from 50 school-plan words, so that many
names look alike, the hard case for the name index):

* ``list``      one numbered line per project ("1234. โครงการ… งบประมาณ 5,000 บาท");
* ``sections``  a detail section per project (objective, budget);
* ``table``     a summary table (number, name, budget) and a detail section per
                project: every row merged into its section;
* ``toc``       a table of contents naming every project, then the sections.
"""

from __future__ import annotations

import random
import sys
import time

WORDS = ["พัฒนา", "ส่งเสริม", "การอ่าน", "คุณภาพ", "ครู", "นักเรียน", "ผู้ปกครอง", "ชุมชน", "ห้องสมุด", "คอมพิวเตอร์",
         "วิทยาศาสตร์", "คณิตศาสตร์", "ภาษาอังกฤษ", "ดนตรี", "กีฬา", "สุขภาพ", "อาหารกลางวัน", "ลูกเสือ", "ศิลปะ",
         "เกษตร", "สิ่งแวดล้อม", "ประชาธิปไตย", "คุณธรรม", "จริยธรรม", "เทคโนโลยี", "นวัตกรรม", "หลักสูตร", "ประเมิน",
         "นิเทศ", "ติดตาม", "อาคาร", "สถานที่", "ปรับปรุง", "ซ่อมแซม", "จัดซื้อ", "วัสดุ", "ครุภัณฑ์", "อบรม", "สัมมนา",
         "ทัศนศึกษา", "แข่งขัน", "ทักษะ", "วิชาการ", "ปฐมวัย", "ประถม", "มัธยม", "อาชีพ", "ความปลอดภัย", "ประกัน"]
TITLE = ["แผนปฏิบัติการ ประจำปีงบประมาณ 2567", ""]


def _names(n: int, rng: random.Random) -> list[str]:
    seen: set[str] = set()
    out = []
    while len(out) < n:
        name = "".join(rng.sample(WORDS, 4))
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _sections(names: list[str], amounts: list[int], rng: random.Random) -> list[str]:
    lines = []
    for k, (name, amount) in enumerate(zip(names, amounts), 1):
        lines += [f"{k}. โครงการ{name}", "วัตถุประสงค์", f"1. เพื่อ{''.join(rng.sample(WORDS, 3))}",
                  "งบประมาณ", f"จำนวนทั้งสิ้น {amount:,} บาท", ""]
    return lines


def plan(shape: str, n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    names = _names(n, rng)
    amounts = [rng.randrange(1, 900) * 1000 for _ in names]
    lines = list(TITLE)
    if shape == "list":
        lines += [f"{k}. โครงการ{nm} งบประมาณ {a:,} บาท" for k, (nm, a) in enumerate(zip(names, amounts), 1)]
    elif shape == "sections":
        lines += _sections(names, amounts, rng)
    elif shape == "table":
        rows = [["ที่", "โครงการ", "งบประมาณ"]] + [[str(k), nm, f"{a:,}"]
                                                 for k, (nm, a) in enumerate(zip(names, amounts), 1)]
        for row in rows:  # a cell-per-line table: a TAB line per cell, a blank line per row
            lines += ["\t" + cell for cell in row] + [""]
        lines += _sections(names, amounts, rng)
    elif shape == "toc":
        lines += ["สารบัญ"] + [f"โครงการ{nm} ..... {k}" for k, nm in enumerate(names, 1)] + [""]
        lines += _sections(names, amounts, rng)
    else:
        raise ValueError(shape)
    return "\n".join(lines) + "\n"


def timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t0, out


def projects(sizes: list[int]) -> None:
    from extractor import extract
    from extractor.check import run_checks

    print(f"{'shape':9} {'projects':>8} {'chars':>9} {'extract s':>10} {'checks s':>9} {'found':>6}")
    for shape in ("list", "sections", "table", "toc"):
        times = []
        for n in sizes:
            text = plan(shape, n)
            took, doc = timed(lambda t: extract(text=t), text)
            checked, _ = timed(run_checks, doc)
            times.append(took)
            print(f"{shape:9} {n:8d} {len(text):9d} {took:10.2f} {checked:9.2f} {len(doc.projects):6d}")
        if len(sizes) > 1:
            print(f"{'':9} extract time ×{times[-1] / times[-2]:.1f} for ×{sizes[-1] / sizes[-2]:.0f} projects")


def digits(size: int = 40_000) -> None:
    from extractor import extract
    from extractor.check import run_checks
    from extractor.numbers import find_percent, parse_target
    from extractor.ruleset import default_rules

    rules = default_rules()
    run = "1" * size
    for label, fn in (("find_percent", lambda: find_percent(run, rules)),
                      ("parse_target", lambda: parse_target("ร้อยละ " + run, rules))):
        took, _ = timed(fn)
        print(f"{size // 1000} KB digit run: {label} {took:.3f} s")
    text = ("แผนปฏิบัติการ ประจำปีงบประมาณ 2567\n\n1. โครงการพัฒนาครูสู่ความเป็นเลิศ\nวัตถุประสงค์\n1. เพื่อพัฒนาครู\n"
            f"ตัวชี้วัด\n1. {run}\nค่าเป้าหมาย\nร้อยละ {run}\nงบประมาณ\nจำนวนทั้งสิ้น {run} บาท\n")
    took, doc = timed(lambda: extract(text=text))
    checked, _ = timed(run_checks, doc)
    print(f"{size // 1000} KB digit run in an indicator, its target and its budget: extract {took:.2f} s, "
          f"checks {checked:.2f} s (159 s before)")


def main() -> None:
    from extractor import extract

    extract(text=plan("list", 3))  # warm up: dictionaries, rules
    sizes = [1000, 2000] + [int(a) for a in sys.argv[1:]]
    projects(sizes)
    digits()


if __name__ == "__main__":
    main()
