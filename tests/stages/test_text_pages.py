"""readers/text_pages: the running lines (page footers, page numbers) of a plain-text file
that keeps its pages (form feeds), as text copied out of a PDF does."""

from __future__ import annotations

from extractor.blocks import Para
from stagekit import doc, layout

FOOTER = "รายงานผลการดำเนินงานประจำปี 2567 วิทยาลัยตัวอย่าง"


def _page(n: int, lines: list[str]) -> str:
    return "\n".join(lines + [FOOTER, "", str(n), ""])


PAGES = [
    ["รายงานผลการดำเนินงานประจำปี 2567", "บทที่ 1 บทนำ", "สถานศึกษาจัดการเรียนการสอนหลายสาขาวิชา"],
    ["ชื่อโครงการ  พัฒนาครูด้านการจัดการเรียนรู้", "วัตถุประสงค์",
     "1. เพื่อพัฒนาครูด้านการจัดการเรียนรู้เชิงรุก", "2. เพื่อพัฒนาสื่อการเรียนรู้ดิจิทัล"],
    ["งบประมาณ 20,000 บาท", "ผู้รับผิดชอบ งานพัฒนาบุคลากร"],
    ["ภาคผนวก", FOOTER + " เป็นเอกสารเผยแพร่", "คำสั่งแต่งตั้งคณะทำงาน"],
]


def _paras(text: str) -> list[str]:
    return [b.text.replace("\f", "") for b in layout(text).blocks if isinstance(b, Para)]


def test_the_footer_and_number_of_every_page_are_left_out():
    text = "\f".join(_page(n, lines) for n, lines in enumerate(PAGES, 1))
    paras = _paras(text)
    assert FOOTER not in paras and not any(p.strip().isdigit() for p in paras)
    assert paras == [line for lines in PAGES for line in lines]   # the pages' own lines, all kept
    (p,) = doc(text).projects
    assert [o.text for o in p.objectives] == ["เพื่อพัฒนาครูด้านการจัดการเรียนรู้เชิงรุก",
                                              "เพื่อพัฒนาสื่อการเรียนรู้ดิจิทัล"]


def test_a_text_of_two_pages_is_left_as_it_is():
    text = "\f".join(_page(n, lines) for n, lines in enumerate(PAGES[1:3], 1))
    assert FOOTER in _paras(text)


def test_the_paragraph_after_a_page_break_stands_after_a_blank_line():
    # The next page's first line follows the page number with no blank line between.
    text = "\n\f".join("\n".join(lines + [FOOTER, str(n)]) for n, lines in enumerate(PAGES, 1))
    paras = [b for b in layout(text).blocks if isinstance(b, Para)]
    firsts = [lines[0] for lines in PAGES[1:]]
    assert [p.blank_before for p in paras if p.text.replace("\f", "") in firsts] == [1, 1, 1]


def test_a_line_holding_several_pages_is_no_running_line():
    """Form feeds inside one line (no newline at all): nothing is dropped, and each page's
    text is looked at once (keying every page on the whole line cost minutes and gigabytes)."""
    from extractor.readers.text_pages import running_line_starts

    text = "\f".join(f"{line} {FOOTER}" for lines in PAGES for line in lines)
    assert running_line_starts(text) == set()
    assert "".join(_paras(text)) == text.replace("\f", "")
