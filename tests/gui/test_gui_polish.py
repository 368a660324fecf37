"""What a user check at 1366x768 scaled 1.5 (a 910x512 window) left: the total's chart
clipped its figure and title, the nations table squeezed the names, the nation chart's
bars had no name where the axis thins its codes, and the sustainment table said bare
cycle numbers and "-"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from planner.analyses.sustainment import CycleLine, SustainmentAnalysis
from planner.scenario.io import load_scenario
from tests.helpers.gui import open_window
from ui.main_window import MainWindow
from ui.views.analyses.table import cell_texts
from ui.views.chart_tabs import PERIOD

PARIS = Path(__file__).resolve().parents[2] / "resources/scenarios/2026-01-paris.json"
SCALED = (910, 512)
"""The free area of a 1366x768 screen at QT_SCALE_FACTOR=1.5, in the window's pixels."""


def scaled_window(qtbot) -> MainWindow:
    window = open_window(qtbot, load_scenario(PARIS))
    window.setMinimumSize(1, 1)
    window.resize(*SCALED)
    window.chart_tabs.setCurrentIndex(PERIOD)
    qtbot.wait(50)
    return window


def test_the_total_chart_shows_its_whole_figure_and_title_at_a_scale_of_1_5(qtbot):
    window = scaled_window(qtbot)
    charts = window.charts
    charts._update_total(window.document.scenario, 25_000)  # a plan of 25,000 troops
    qtbot.wait(50)
    plot = charts.total_plot
    assert plot.shown_title() == "Total troops"
    box = plot.getPlotItem().vb.sceneBoundingRect()
    figure = charts.total_label.sceneBoundingRect()
    assert charts.total_label.textItem.toPlainText() == "25,000"
    assert box.left() <= figure.left() and figure.right() <= box.right(), (figure, box)


def test_the_nations_table_keeps_room_for_the_names_at_a_scale_of_1_5(qtbot):
    window = scaled_window(qtbot)
    table = window.nations_table
    window.tabs.setCurrentWidget(table)
    qtbot.wait(50)
    name = 1
    assert window.nations_model.headerData(name, Qt.Orientation.Horizontal) == "Name"
    assert table.columnWidth(name) >= table.sizeHintForColumn(name)  # "United Kingdom" whole


def test_each_bar_of_the_nation_charts_names_its_nation_under_the_mouse(qtbot):
    window = scaled_window(qtbot)
    charts = window.charts
    nations = window.document.scenario.nations
    for plot in (charts.nation_plot, charts.burden_plot):
        box = plot.getPlotItem().vb
        for i, nation in enumerate(nations):
            plot.scene().sigMouseMoved.emit(box.mapViewToScene(QPointF(i, 1)))
            assert plot.toolTip().startswith(f"{nation.name}: "), (plot.objectName(), i)
        assert charts.code_step(plot) > 1  # the axis cannot name them all at this width
    plot = charts.nation_plot  # a real mouse over the first bar (the loop left the last's)
    first = plot.getPlotItem().vb.mapViewToScene(QPointF(0, 1))
    where = QPointF(plot.mapFromScene(first) + QPoint(1, 0))
    button = Qt.MouseButton.NoButton  # a move event through the view, as a mouse sends it
    at_screen = plot.viewport().mapToGlobal(where)
    move = QMouseEvent(
        QEvent.Type.MouseMove, where, at_screen, button, button, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(plot.viewport(), move)
    assert plot.toolTip().startswith(f"{nations[0].name}: ")


def test_the_sustainment_table_says_cycles_and_forces_in_words(qtbot):
    window = open_window(qtbot, load_scenario(PARIS))
    scenario = window.document.scenario
    low = scenario.target.min_troops
    view = window.analyses_dock.view("sustainment")
    lines = [
        CycleLine(1, low + 500, "optimal", True),
        CycleLine(2, low - 1_000, "feasible", False),
        CycleLine(3, None, "infeasible", False),
        CycleLine(4, None, "unknown", None),
    ]
    view.show_result(SustainmentAnalysis(scenario, "least_cost", low + 500, "optimal", [], lines))
    assert cell_texts(view.table, 0) == [
        "every quarter (no rotation)",
        "one quarter in 2",
        "one quarter in 3",
        "one quarter in 4",
    ]
    assert cell_texts(view.table, 1) == [
        f"{low + 500:,}",
        f"at least {low - 1_000:,}, below the band (1,000 short)",
        "none: no plan keeps the other rules",
        "none found in the time limit",
    ]
