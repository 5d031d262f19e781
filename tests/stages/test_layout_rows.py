"""stages/layout_rows: projects named in layout-table rows, with the figures of the row's other cells."""

from __future__ import annotations

from stagekit import cells, doc

# A plan's standards table: the second cell lists the activities; a name wraps so that
# its year stands on a line of its own, in the same cell.
ACTIVITIES = "แผนพัฒนาคุณภาพ\n" + cells(
    ["ด้านที่ ๑ ความร่วมมือกับชุมชน",
     "1. โครงการ ปลูกป่าชายเลนร่วมกับชุมชน 2567\n"
     "2. อบรมอาสาสมัครดูแลผู้สูงอายุ\n"
     "3. โครงการตรวจสุขภาพช่องปากนักเรียน\n"
     "2567"])


def test_a_year_in_the_names_own_cell_is_not_the_rows_budget():
    d = doc(ACTIVITIES)
    assert [(p.number, p.name, p.budget.amount) for p in d.projects] == [
        ("1", "ปลูกป่าชายเลนร่วมกับชุมชน 2567", None),
        ("2", "อบรมอาสาสมัครดูแลผู้สูงอายุ", None),
        ("3", "ตรวจสุขภาพช่องปากนักเรียน 2567", None)]


def test_an_amount_in_another_cell_of_the_row_is_its_budget():
    d = doc("งบประมาณรายโครงการ\n" + cells(["1. โครงการปลูกป่าชายเลนร่วมกับชุมชน", "25,000"],
                                             ["2. โครงการตรวจสุขภาพช่องปากนักเรียน", "12,500"]))
    assert [(p.name, p.budget.amount) for p in d.projects] == [
        ("ปลูกป่าชายเลนร่วมกับชุมชน", 25000), ("ตรวจสุขภาพช่องปากนักเรียน", 12500)]
