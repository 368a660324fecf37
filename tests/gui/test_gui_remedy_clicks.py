"""A shortfall's remedy lines lead to the cell that would close it: a declined nation's status."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from planner.rules.remedy import declined_named
from planner.scenario.io import default_scenario
from planner.solve import solve
from tests.helpers.gui import open_window


def _declined(scenario, *codes):
    nations = tuple(
        dataclasses.replace(n, status="declined") if n.code in codes else n
        for n in scenario.nations
    )
    return dataclasses.replace(scenario, nations=nations)


def test_the_core_reads_back_the_nations_its_remedy_clause_names():
    scenario = _declined(default_scenario(), "UK", "US")
    result = solve(scenario)
    sentences = result.explanation()
    named = {n.code for s in sentences for n in declined_named(scenario, s)}
    assert "UK" in named  # 'Declined, but offering: United Kingdom (up to 8,000 troops), ...'
    assert declined_named(scenario, "Target met.") == ()


def test_clicking_a_remedy_line_opens_the_declined_nations_status(qtbot):
    scenario = _declined(default_scenario(), "UK", "US")
    window = open_window(qtbot, scenario)
    window.show_kept_result(solve(scenario), "")
    items = window.explanation.list
    lines = [items.item(i) for i in range(items.count())]
    ask = next(i for i in lines if i.text().strip().startswith("Ask United Kingdom"))
    assert ask.data(Qt.ItemDataRole.UserRole) == "nation.UK"
    items.scrollToItem(ask)
    rect = items.visualItemRect(ask)
    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget() is window.nations_table
    here = window.nations_table.currentIndex()
    header = window.nations_table.model().headerData(here.column(), Qt.Orientation.Horizontal)
    code_column = 0
    assert here.siblingAtColumn(code_column).data() == "UK" and header == "Status"


def test_a_kept_plan_widens_the_grid_to_its_counts(qtbot):
    """A plan from the workspace shows its troops whole, as a solve does (not '9,9…')."""
    scenario = _declined(default_scenario(), "UK", "US")
    window = open_window(qtbot, scenario)
    grid = window.allocation_grid
    troops = grid.frozen_column()
    # Columns are fitted when a file opens (to "Troops"), so squeeze it first: the kept
    # plan's counts must widen it again, whatever width it had before.
    grid.setColumnWidth(troops, 12)
    window.show_kept_result(solve(scenario), "")
    assert grid.columnWidth(troops) >= grid.sizeHintForColumn(troops) > 12


def test_the_totals_under_the_grid_are_not_elided(qtbot):
    """The total troops (21,840) need a wider column than any nation's (9,950)."""
    scenario = _declined(default_scenario(), "UK", "US")
    window = open_window(qtbot, scenario)
    window.show_kept_result(solve(scenario), "")
    grid, totals = window.allocation_grid, window.totals_grid
    for column in range(totals.model().columnCount()):
        assert grid.columnWidth(column) >= totals.sizeHintForColumn(column), column
        assert totals.columnWidth(column) == grid.columnWidth(column), column
