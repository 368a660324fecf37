"""The compare dialog: two versions or two results side by side (ui/views/compare_view.py)."""

from __future__ import annotations

import dataclasses as dc

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QTableView

from planner.scenario.io import default_scenario
from planner.solve import solve
from ui.views.compare_view import CompareDialog, CompareSide, show_compare


def lower_fr_ceiling(ceiling: int = 8000):
    base = default_scenario()
    fr = dc.replace(base.nation("FR"), max_troops=ceiling)
    return base, dc.replace(base, nations=tuple(fr if n.code == "FR" else n for n in base.nations))


def table_rows(view: QTableView) -> dict[str, list[str]]:
    model = view.model()
    return {
        model.index(r, 0).data(): [model.index(r, c).data() for c in range(1, 4)]
        for r in range(model.rowCount())
    }


def open_dialog(qtbot, left: CompareSide, right: CompareSide) -> CompareDialog:
    dialog = CompareDialog(left, right)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_two_versions_show_the_ceiling_change(qtbot):
    before, after = lower_fr_ceiling()
    dialog = open_dialog(qtbot, CompareSide("baseline@1", before), CompareSide("baseline@2", after))
    assert dialog.objectName() == "compareDialog"
    changes = dialog.findChild(QListWidget, "compareChanges")
    assert changes is dialog.change_list
    assert dialog.change_lines() == ["FR ceiling 10,000 -> 8,000"]
    assert dialog.change_lines("plan") == []
    table = dialog.findChild(QTableView, "compareTable")
    rows = table_rows(table)
    assert rows["FR"] == ["10,000", "8,000", "-2,000"]
    assert rows["UK"] == ["8,000", "8,000", ""]
    assert list(rows)[-1] == "Total"
    headers = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers[1:3] == ["A: baseline@1", "B: baseline@2"]
    assert dialog.tabs.tabText(0) == "Ceilings by nation"
    assert "no plan" in dialog.summary.text()
    chart = dialog.findChild(type(dialog.chart), "compareChart")
    assert chart is dialog.chart
    heights = dialog.bars_a.opts["height"], dialog.bars_b.opts["height"]
    assert (heights[0][0], heights[1][0]) == (10000, 8000)
    assert len(heights[0]) == len(before.nations)


def test_two_results_show_troops_per_nation(qtbot, tmp_path):
    base = default_scenario()
    cost, fair = solve(base, "min_cost"), solve(base, "fair_share")
    dialog = open_dialog(
        qtbot,
        CompareSide("min_cost", base, result=cost.to_dict()),
        CompareSide("fair_share", base, result=fair.to_dict()),
    )
    assert dialog.change_lines("scenario") == ["no changes"]
    plan_lines = dialog.change_lines("plan")
    assert plan_lines == list(dialog.comparison.lines)
    a, b = cost.evaluation.troops, fair.evaluation.troops
    moved = [code for code in a if a[code] != b[code]]
    assert moved
    rows = table_rows(dialog.table)
    for code in moved:
        delta = b[code] - a[code]
        assert rows[code] == [f"{a[code]:,}", f"{b[code]:,}", f"{delta:+,}"]
        assert f"{code} {a[code]:,} -> {b[code]:,} troops ({delta:+,})" in plan_lines
    total = cost.evaluation.total_troops, fair.evaluation.total_troops
    assert rows["Total"][:2] == [f"{total[0]:,}", f"{total[1]:,}"]
    assert dialog.tabs.tabText(0) == "Troops by nation"
    units = table_rows(dialog.findChild(QTableView, "compareUnitsTable"))
    counts = fair.evaluation.unit_counts
    assert all(units[uid][1] == f"{counts[uid]:,}" for uid in units)
    assert list(dialog.bars_b.opts["height"]) == [b[n.code] for n in base.nations]
    assert "optimal" in dialog.summary.text()
    dialog.grab().save(str(tmp_path / "compare.png"))
    assert (tmp_path / "compare.png").stat().st_size > 10_000


def test_versions_with_kept_plans_and_esc_closes(qtbot):
    before, after = lower_fr_ceiling()
    plan_a = solve(before).allocation
    plan_b = solve(after).allocation
    dialog = show_compare(
        None, CompareSide("v1", before, allocation=plan_a), CompareSide("v2", after, plan_b)
    )
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert dialog.isVisible()
    assert dialog.change_lines("scenario") == ["FR ceiling 10,000 -> 8,000"]
    assert any(line.startswith("FR 10,000 -> 8,000 troops") for line in dialog.change_lines())
    assert table_rows(dialog.table)["FR"] == ["10,000", "8,000", "-2,000"]
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
