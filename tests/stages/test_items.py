"""stages/items: the items of a part (numbered, bulleted, ticked, one per paragraph),
wrapped lines, kind sub-headings, group headings, unticked boxes, trailing remarks."""

from __future__ import annotations

import pytest

from extractor.stages.items import items_of, kind_heading
from stagekit import RULES, project_form, section


def items(text, field, **kw):
    """[(text, text as printed, kind, tick, number)] of the section's parts of ``field``."""
    out = []
    for part in section(text).all(field):
        for it in items_of(part, RULES, **kw):
            out.append((it.text.text, text[it.text.start:it.text.end], it.kind,
                        it.tick.value if it.tick else None, it.number))
    return out


def form(*lines):
    return project_form(*lines, "งบประมาณ 1,000 บาท")


def test_numbered_items_with_wrapped_lines():
    text = form("วัตถุประสงค์",
                "๑. เพื่อพัฒนาครูให้มีความรู้ความเข้าใจ",
                "ในการจัดการเรียนรู้เชิงรุก",
                "๒. เพื่อส่งเสริมการอ่าน")
    assert items(text, "objectives") == [
        ("เพื่อพัฒนาครูให้มีความรู้ความเข้าใจในการจัดการเรียนรู้เชิงรุก",
         "เพื่อพัฒนาครูให้มีความรู้ความเข้าใจ\nในการจัดการเรียนรู้เชิงรุก", None, None, "1"),
        ("เพื่อส่งเสริมการอ่าน", "เพื่อส่งเสริมการอ่าน", None, None, "2"),
    ]


def test_unnumbered_items_one_per_paragraph():
    text = form("วัตถุประสงค์",
                "เพื่อพัฒนาครูให้มีความรู้",
                "เพื่อส่งเสริมการอ่านของนักเรียน",
                "เพื่อยกระดับผลสัมฤทธิ์ทางการเรียนของ",   # ends with a word that cannot end a phrase
                "นักเรียนทุกระดับชั้น")
    assert items(text, "objectives") == [
        ("เพื่อพัฒนาครูให้มีความรู้", "เพื่อพัฒนาครูให้มีความรู้", None, None, None),
        ("เพื่อส่งเสริมการอ่านของนักเรียน", "เพื่อส่งเสริมการอ่านของนักเรียน", None, None, None),
        ("เพื่อยกระดับผลสัมฤทธิ์ทางการเรียนของนักเรียนทุกระดับชั้น",
         "เพื่อยกระดับผลสัมฤทธิ์ทางการเรียนของ\nนักเรียนทุกระดับชั้น", None, None, None),
    ]


def test_unnumbered_items_ending_with_khuen_and_starting_with_khru():
    text = form("ผลที่คาดว่าจะได้รับ",
                "นักเรียนมีผลสัมฤทธิ์ทางการเรียนสูงขึ้น",
                "ครูมีเครื่องมือวัดผลที่หลากหลาย")
    assert [t for t, *_ in items(text, "expected_results")] == \
        ["นักเรียนมีผลสัมฤทธิ์ทางการเรียนสูงขึ้น", "ครูมีเครื่องมือวัดผลที่หลากหลาย"]


def test_unnumbered_item_wrapped_inside_a_compound_is_joined():
    text = form("ผลที่คาดว่าจะได้รับ",
                "โรงเรียนขนาด",                       # ขนาดใหญ่ cut in two by the line break
                "ใหญ่มีระบบดูแลช่วยเหลือนักเรียน",
                "ครูมีเครื่องมือวัดผลที่หลากหลาย")
    assert [t for t, *_ in items(text, "expected_results")] == \
        ["โรงเรียนขนาดใหญ่มีระบบดูแลช่วยเหลือนักเรียน", "ครูมีเครื่องมือวัดผลที่หลากหลาย"]


def test_kind_sub_headings_give_kinds():
    text = form("เป้าหมาย",
                "เชิงปริมาณ",
                "- ครูจำนวน ๕๐ คน",
                "- โรงเรียน ๑๒ แห่ง",
                "เชิงคุณภาพ",
                "- ครูร้อยละ ๘๐ มีทักษะเพิ่มขึ้น")
    assert items(text, "targets") == [
        ("ครูจำนวน ๕๐ คน", "ครูจำนวน ๕๐ คน", "output", None, None),
        ("โรงเรียน ๑๒ แห่ง", "โรงเรียน ๑๒ แห่ง", "output", None, None),
        ("ครูร้อยละ ๘๐ มีทักษะเพิ่มขึ้น", "ครูร้อยละ ๘๐ มีทักษะเพิ่มขึ้น", "outcome", None, None),
    ]


def test_numbered_kind_sub_headings_and_inline_kind_values():
    text = form("เป้าหมาย",
                "๓.๑ เชิงผลผลิต (Output)",
                "๑) ครู ๕๐ คน",
                "๓.๒ เชิงผลลัพธ์ (Outcome)",
                "๑) ครูร้อยละ ๘๐ นำความรู้ไปใช้")
    assert [(t, k) for t, _, k, _, _ in items(text, "targets")] == [
        ("ครู ๕๐ คน", "output"), ("ครูร้อยละ ๘๐ นำความรู้ไปใช้", "outcome")]
    text = form("เป้าหมาย",
                "เชิงปริมาณ : ครูผู้สอน ๕๐ คน",
                "เชิงคุณภาพ : ครูมีทักษะการสอนเพิ่มขึ้น")
    assert items(text, "targets") == [
        ("ครูผู้สอน ๕๐ คน", "ครูผู้สอน ๕๐ คน", "output", None, None),
        ("ครูมีทักษะการสอนเพิ่มขึ้น", "ครูมีทักษะการสอนเพิ่มขึ้น", "outcome", None, None),
    ]


def test_kind_labels_as_part_headings():
    text = form("เป้าหมายเชิงปริมาณ", "- ครู ๕๐ คน", "เป้าหมายเชิงคุณภาพ", "- ครูมีทักษะเพิ่มขึ้น")
    assert [(t, k) for t, _, k, _, _ in items(text, "targets")] == [
        ("ครู ๕๐ คน", "output"), ("ครูมีทักษะเพิ่มขึ้น", "outcome")]


def test_kind_heading():
    assert kind_heading("ตัวชี้วัดเชิงปริมาณ", RULES) == ("output", len("ตัวชี้วัดเชิงปริมาณ"))
    assert kind_heading("เชิงคุณภาพ : ครูมีทักษะ", RULES) == ("outcome", len("เชิงคุณภาพ : "))
    assert kind_heading("ผลลัพธ์การเรียนรู้ของนักเรียนสูงขึ้น", RULES) is None  # a sentence, not a sub-heading


def test_group_headings_are_skipped():
    text = form("กิจกรรม",
                "๔.๑ กิจกรรมอบรมเชิงปฏิบัติการ",
                "๔.๑.๑ ประชุมชี้แจง",
                "๔.๑.๒ อบรมครูแกนนำ",
                "๔.๒ นิเทศติดตามผล")
    assert items(text, "activities") == [
        ("ประชุมชี้แจง", "ประชุมชี้แจง", None, None, "4.1.1"),
        ("อบรมครูแกนนำ", "อบรมครูแกนนำ", None, None, "4.1.2"),
        ("นิเทศติดตามผล", "นิเทศติดตามผล", None, None, "4.2"),
    ]


def test_unticked_items_are_dropped():
    text = form("วัตถุประสงค์",
                "☑ เพื่อพัฒนาครู",
                "☐ เพื่อพัฒนาผู้บริหาร",
                "\uF0FE เพื่อพัฒนานักเรียน",
                "\uF0A8 เพื่อพัฒนาชุมชน")
    assert items(text, "objectives") == [
        ("เพื่อพัฒนาครู", "เพื่อพัฒนาครู", None, "checked", None),
        ("เพื่อพัฒนานักเรียน", "เพื่อพัฒนานักเรียน", None, "checked", None),
    ]
    kept = items(text, "objectives", keep_unticked=True)
    assert [(t, tick) for t, _, _, tick, _ in kept] == [
        ("เพื่อพัฒนาครู", "checked"), ("เพื่อพัฒนาผู้บริหาร", "unchecked"),
        ("เพื่อพัฒนานักเรียน", "checked"), ("เพื่อพัฒนาชุมชน", "unchecked")]


def test_trailing_remark_is_dropped():
    text = form("ตัวชี้วัด",
                "๑. ร้อยละของครูที่ผ่านการอบรม (ตัวชี้วัด KPI ที่ 3.2)",
                "๒. จำนวนโรงเรียนที่เข้าร่วม (หมายเหตุ นับซ้ำ)",
                "๓. ครูได้รับการพัฒนา (รุ่นที่ 1)")   # no remark word: kept
    assert items(text, "indicators") == [
        ("ร้อยละของครูที่ผ่านการอบรม", "ร้อยละของครูที่ผ่านการอบรม", None, None, "1"),
        ("จำนวนโรงเรียนที่เข้าร่วม", "จำนวนโรงเรียนที่เข้าร่วม", None, None, "2"),
        ("ครูได้รับการพัฒนา (รุ่นที่ 1)", "ครูได้รับการพัฒนา (รุ่นที่ 1)", None, None, "3"),
    ]


def test_bare_numbers_that_continue_the_count_start_items():
    text = form("กิจกรรม",
                "1 ก่อสร้างถนนคอนกรีตเสริมเหล็ก ยาว",
                "100 ม. หนา 0.15 ม.",
                "2 ติดตั้งไฟฟ้าส่องสว่าง")
    assert [(t, n) for t, _, _, _, n in items(text, "activities")] == [
        ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก ยาว 100 ม. หนา 0.15 ม.", "1"),
        ("ติดตั้งไฟฟ้าส่องสว่าง", "2")]


def test_inline_value_is_the_first_item():
    text = form("วัตถุประสงค์ : เพื่อพัฒนาครูด้านดิจิทัล")
    assert items(text, "objectives") == [
        ("เพื่อพัฒนาครูด้านดิจิทัล", "เพื่อพัฒนาครูด้านดิจิทัล", None, None, None)]


def test_wrapped_line_starting_with_a_figure_continues_the_item():
    text = form("กิจกรรม",
                "1. ก่อสร้างถนนคอนกรีตเสริมเหล็ก กว้าง 4 ม. ยาว",
                "100 ม. หนา 0.15 ม.",
                "2. ติดตั้งไฟฟ้าส่องสว่าง")
    assert [(t, n) for t, _, _, _, n in items(text, "activities")] == [
        ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก กว้าง 4 ม. ยาว 100 ม. หนา 0.15 ม.", "1"),
        ("ติดตั้งไฟฟ้าส่องสว่าง", "2")]
