"""The desktop window driven as a planner would: load, edit, undo, optimise, cancel, explain.

Runs offscreen (QT_QPA_PLATFORM=offscreen) with pytest-qt's ``qtbot``.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from planner.scenario.evaluate import evaluate, fair_shares
from planner.scenario.io import default_scenario
from planner.scenario.model import Target
from planner.scenario.plan import Cell, cell
from planner.scenario.validation import parse_scenario
from ui.editors.allocation_model import CHANGED, NOT_FEASIBLE
from ui.editors.nations_model import COLUMNS
from ui.main_window import MINIMUM_SIZE, MainWindow, fitted_size, minimum_size

ROOT = Path(__file__).resolve().parents[2]
SOLVE_MS = 60_000
CEILING = [c.field for c in COLUMNS].index("max_troops")
FLOOR = [c.field for c in COLUMNS].index("min_troops")
STATUS = [c.field for c in COLUMNS].index("status")


from tests.helpers.generators import tightened  # noqa: E402
from tests.helpers.gui import (  # noqa: E402
    open_window,
    optimise,
)


@pytest.fixture
def window(qtbot) -> MainWindow:
    return open_window(qtbot)


def slow_scenario():
    """A generated fair-share scenario whose requirements the search cannot settle in 20 s."""
    return parse_scenario(tightened(40, 24, 0, "requirements"))


def grid_counts(window: MainWindow) -> dict[Cell, int]:
    """The plan the grid shows, by the plan cell each grid cell stands for."""
    model, scenario = window.allocation_model, window.document.scenario
    counts = {}
    for row, nation in enumerate(scenario.nations):
        for column, unit in enumerate(scenario.unit_types):
            value = model.data(model.index(row, column), Qt.ItemDataRole.EditRole)
            if value:
                counts[cell(scenario, nation.code, unit.id)] = value
    return counts


def row_of(window: MainWindow, code: str) -> int:
    return [n.code for n in window.document.scenario.nations].index(code)


# -- loading and editing -------------------------------------------------------------


def test_default_scenario_opens_in_a_window_that_fits_the_screen(window):
    scenario = default_scenario()
    assert window.objectName() == "mainWindow"
    free = QGuiApplication.primaryScreen().availableGeometry()
    expected = fitted_size(free)
    assert (window.width(), window.height()) == expected
    # never larger than the free area, even one below the readable minimum (offscreen: 800 wide)
    assert expected[0] <= free.width() and expected[1] <= free.height()
    assert window.minimumWidth() <= free.width() and window.minimumHeight() <= free.height()
    table = window.findChild(type(window.nations_table), "nationsTable")
    assert table.model().rowCount() == len(scenario.nations)
    model = table.model()
    assert model.data(model.index(0, 0)) == scenario.nations[0].code
    assert model.data(model.index(0, CEILING)) == f"{scenario.nations[0].max_troops:,}"
    tip = model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert scenario.nations[0].notes[:30] in tip and "Source:" in tip
    assert window.allocation_model.rowCount() == len(scenario.nations)
    assert not window.isWindowModified()


def test_models_pass_qt_model_tester(window, qtmodeltester):
    qtmodeltester.check(window.nations_model)
    qtmodeltester.check(window.allocation_model)
    for model in (window.unit_types_model, window.offers_model, window.requirements_model):
        qtmodeltester.check(model)


def test_edit_ceiling_then_undo_and_redo_with_shortcuts(qtbot, window):
    model, row = window.nations_model, row_of(window, "FR")
    before = window.document.scenario
    assert model.setData(model.index(row, CEILING), 9000)
    assert window.document.scenario.nation("FR").max_troops == 9000
    assert window.isWindowModified()
    # the chart's ceiling marker followed the edit at once
    assert window.charts.ceilings.getData()[1][row] == 9000

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.scenario == before
    assert window.charts.ceilings.getData()[1][row] == before.nation("FR").max_troops
    assert not window.isWindowModified()

    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_Z, redo)
    assert window.document.scenario.nation("FR").max_troops == 9000


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        (CEILING, -5, "below 0"),
        (CEILING, "lots", "not a whole number"),
        (FLOOR, 20_000, "France's floor"),
        (STATUS, "maybe", "France's status"),
    ],
)
def test_bad_values_are_refused_with_the_reason_in_the_status_bar(window, column, value, reason):
    model, row = window.nations_model, row_of(window, "FR")
    before = window.document.scenario
    assert not model.setData(model.index(row, column), value)
    assert window.document.scenario == before
    assert window.document.undo_stack.count() == 0
    message = window.statusBar().currentMessage()
    assert reason in message and "not changed" in message


# -- optimising ----------------------------------------------------------------------


def test_optimise_fills_the_grid_and_charts_with_the_plan(qtbot, window):
    result = optimise(qtbot, window)
    assert result.status == "optimal"
    scenario, plan = result.scenario, result.evaluation
    assert grid_counts(window) == result.allocation
    heights = list(window.charts.nation_bars.opts["height"])
    assert heights == [plan.troops[n.code] for n in scenario.nations]
    assert list(window.charts.total_bar.opts["height"]) == [plan.total_troops]
    shares = window.charts.share_bars.opts["height"]
    assert shares == pytest.approx(
        [100 * plan.troops[n.code] / plan.total_troops for n in scenario.nations]
    )
    fair = fair_shares(scenario)
    assert window.charts.fair_bars.opts["height"] == pytest.approx(
        [100 * fair[n.code] for n in scenario.nations]
    )
    ground = [u.id for u in scenario.unit_types if u.deployed]
    standoff = [u.id for u in scenario.unit_types if not u.deployed]
    assert list(window.charts.coverage["bars"].opts["width"]) == [
        plan.unit_counts[u] for u in ground
    ]
    assert list(window.charts.standoff["bars"].opts["width"]) == [
        plan.unit_counts[u] for u in standoff
    ]
    assert "Optimal" in window.solve_label.text() and " s" in window.solve_label.text()
    assert not window.progress.isVisible()
    heading = window.explanation.heading.text()
    assert heading.startswith("Plan optimal")
    # the objective's value with its unit, in planner words (not "least cost = 29,880.5")
    from ui import numbers

    assert (
        f"least cost: {numbers.cost(result.objective_value)} troop-equivalents of cost." in heading
    )


def test_second_plan_highlights_changed_cells(qtbot, window):
    first = optimise(qtbot, window).allocation
    model, row = window.nations_model, row_of(window, "FR")
    assert model.setData(model.index(row, CEILING), 6000)
    # the plan on screen now breaks FR's new ceiling: the panel says so before any solve
    assert any("France" in s and "ceiling" in s for s in window.explanation.sentences())
    second = optimise(qtbot, window).allocation
    assert second != first
    grid = window.allocation_model
    scenario = window.document.scenario
    for r, nation in enumerate(scenario.nations):
        for c, unit in enumerate(scenario.unit_types):
            key = cell(scenario, nation.code, unit.id)
            brush = grid.data(grid.index(r, c), Qt.ItemDataRole.BackgroundRole)
            changed = first.get(key, 0) != second.get(key, 0)
            assert (brush is not None and brush.color() == CHANGED) == changed, key
    assert evaluate(scenario, second).troops["FR"] <= 6000


def test_ctrl_r_optimises(qtbot, window):
    window.activateWindow()
    with qtbot.waitSignal(window.worker.finished, timeout=SOLVE_MS) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args[0].status == "optimal"


def test_cancel_stops_a_long_solve_and_the_window_stays_responsive(qtbot):
    window = open_window(qtbot, slow_scenario())
    qtbot.wait(300)  # let the first paint of 60 nations' charts finish before timing
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    window.menu_actions["optimiseAction"].trigger()
    assert window.worker.busy and window.menu_actions["cancelAction"].isEnabled()
    assert not window.menu_actions["optimiseAction"].isEnabled() and window.progress.isVisible()
    qtbot.wait(4000)  # HiGHS runs; the GUI thread keeps ticking
    with qtbot.waitSignal(window.worker.finished, timeout=60_000) as blocker:
        pressed = time.perf_counter()
        window.menu_actions["cancelAction"].trigger()
    latency = time.perf_counter() - pressed
    timer.stop()
    assert blocker.args[0].status == "cancelled"
    # Not speed targets (benchmarks hold those), so wide for a busy 2-core machine:
    # HiGHS sees a Cancel at its next interrupt check, which during root cuts can
    # be seconds away (the search would otherwise run for minutes); and a solve
    # holding the GUI thread would stall it for the whole 4 s, so 2.5 s
    # separates "blocked" from a loaded scheduler.
    assert latency < 30.0
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 20 and max(gaps) < 2.5, f"GUI stalled {max(gaps):.3f} s"
    assert "Cancelled" in window.solve_label.text()
    assert window.menu_actions["optimiseAction"].isEnabled() and not window.progress.isVisible()
    assert grid_counts(window) == {}


# -- explaining a failure ------------------------------------------------------------


def test_infeasible_scenario_shows_explanation_and_closest_plan(qtbot):
    base = default_scenario()
    scenario = dataclasses.replace(base, target=Target(1_000_000, 1_000_000))
    window = open_window(qtbot, scenario)
    result = optimise(qtbot, window)
    assert result.status == "infeasible"
    sentences = window.explanation.sentences()
    assert sentences == result.explanation()
    assert any("1,000,000" in s and "short" in s for s in sentences)
    assert "NOT FEASIBLE" in window.plan_label.text()
    assert result.allocation and grid_counts(window) == result.allocation
    grid = window.allocation_model
    brush = grid.data(grid.index(0, 0), Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == NOT_FEASIBLE
    assert "Infeasible" in window.solve_label.text()


@pytest.mark.parametrize(
    "free, size",
    [
        (QRect(0, 0, 1366, 728), (1366, 728)),  # a laptop with a taskbar
        (QRect(0, 0, 1280, 690), (1280, 690)),  # 1920x1080 at a scale factor of 1.5
        (QRect(0, 0, 2560, 1400), (1600, 960)),  # a large screen keeps the default
        (QRect(0, 0, 1100, 700), (1100, 700)),  # above the readable minimum
        (QRect(0, 0, 910, 512), (910, 512)),  # 1366x768 at 1.5: fits, smaller than the minimum
        (None, (1600, 960)),
    ],
)
def test_the_window_is_sized_to_the_free_screen(free, size):
    assert fitted_size(free) == size


@pytest.mark.parametrize(
    "free, least",
    [
        (QRect(0, 0, 1366, 728), MINIMUM_SIZE),
        (QRect(0, 0, 910, 512), (910, 512)),  # 1366x768 at a scale factor of 1.5
        (None, MINIMUM_SIZE),
    ],
)
def test_the_minimum_size_never_exceeds_the_free_screen(free, least):
    assert minimum_size(free) == least
