"""What a planner's check of the window found (1366x768, and scaled 1.5): each a defect fixed.

The window never larger than the screen's free area lives in test_gui_window.py;
here the timeline's legend, which covered the band's maximum and the tallest bars.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from planner.scenario.io import default_scenario, dumps_scenario
from planner.scenario.library import newest_scenario
from tests.helpers.gui import open_window
from ui.views.chart_setup import TitledPlot, pg
from ui.views.chart_tabs import PERIOD


def legend_bottom(window) -> float:
    """The troops figure at the bottom edge of the timeline's legend of nations."""
    timeline = window.timeline
    view = timeline.plot.getPlotItem().vb
    return view.mapSceneToView(timeline.legend.sceneBoundingRect().bottomLeft()).y()


@pytest.mark.parametrize(
    "size",
    [(1366, 728), (960, 600), (800, 600)],
    ids=["1366x768 laptop", "the readable minimum", "1366x768 scaled 1.5, offscreen's width"],
)
def test_the_timeline_legend_stays_above_the_band_maximum(qtbot, size):
    scenario = newest_scenario()  # the Paris scenario: eight quarters, 24 nations
    assert scenario.periods.several and len(scenario.nations) > 20  # four rows of names
    window = open_window(qtbot, scenario)
    window.resize(*size)
    window.chart_tabs.setCurrentWidget(window.timeline)
    qtbot.wait(50)
    assert window.chart_tabs.currentWidget() is window.timeline
    top = max([*window.timeline.totals, scenario.target.max_troops])
    qtbot.waitUntil(lambda: legend_bottom(window) > top, timeout=2000)
    window.resize(size[0], size[1] + 150)  # a taller plot: less headroom, still clear
    qtbot.waitUntil(lambda: legend_bottom(window) > top, timeout=2000)
    low, high = window.timeline.plot.getPlotItem().vb.viewRange()[1]
    assert low == 0 and high < 3 * top  # the bars keep most of the height


@pytest.mark.parametrize("size", [(1366, 728), (800, 600)], ids=["1366x768 laptop", "narrow"])
def test_every_chart_stays_inside_its_view_when_its_title_is_shortened(qtbot, size):
    window = open_window(qtbot, newest_scenario())
    window.resize(1600, 960)  # wide enough for every whole title
    qtbot.wait(30)
    window.resize(*size)  # the titles are shortened after the view has sized the plot
    for tab in range(window.chart_tabs.count()):
        window.chart_tabs.setCurrentIndex(tab)
        qtbot.wait(30)
    window.chart_tabs.setCurrentWidget(window.timeline)
    qtbot.wait(30)
    plots = [p for p in window.findChildren(TitledPlot) if p.isVisibleTo(window)]
    assert window.timeline.plot in plots
    assert any(p.shown_title() != p.full_title for p in plots) or size[0] > 1000
    for plot in plots:
        item = plot.getPlotItem().geometry()
        assert item.width() <= plot.width() + 1, (plot.objectName(), item.width(), plot.width())
    # the last quarter's tick is inside the timeline's view
    timeline = window.timeline.plot
    view = timeline.getPlotItem().vb
    last = view.mapViewToScene(pg.QtCore.QPointF(newest_scenario().periods.count, 0))
    assert timeline.mapFromScene(last).x() < timeline.width()


def troops_header_fits(window) -> bool:
    grid = window.allocation_grid
    column = grid.frozen_column()
    wanted = grid.horizontalHeader().sectionSizeFromContents(column).width()
    return grid.columnWidth(column) >= wanted and grid.frozen.columnWidth(column) >= wanted


def test_the_troops_column_shows_its_whole_title_before_any_plan(qtbot, tmp_path):
    scenario = newest_scenario()  # over several periods: "Peak troops"
    window = open_window(qtbot, scenario)
    grid = window.allocation_grid
    title = window.allocation_model.headerData(grid.frozen_column(), Qt.Orientation.Horizontal)
    assert title == "Peak troops"
    assert not window.document.allocation
    assert troops_header_fits(window)  # was cut to "ak troo" until the first solve
    path = tmp_path / "again.json"
    path.write_text(dumps_scenario(scenario), encoding="utf-8")
    grid.setColumnWidth(grid.frozen_column(), 30)  # narrowed, then a file is opened
    assert window.files.open_file(path)
    assert window.document.path == path and troops_header_fits(window)


def period_labels(window) -> list[str]:
    levels = window.timeline.plot.getAxis("bottom")._tickLevels
    return [text for level in levels for _, text in level if text]


@pytest.mark.parametrize("size", [(1366, 728), (800, 600)], ids=["1366x768 laptop", "narrow"])
def test_the_timeline_period_labels_never_run_together(qtbot, size):
    scenario = newest_scenario()  # eight quarters
    window = open_window(qtbot, scenario)
    window.resize(*size)
    window.chart_tabs.setCurrentWidget(window.timeline)
    qtbot.wait(50)
    timeline = window.timeline
    labels = period_labels(window)
    assert labels and labels[0] == "2026-Q3"
    axis = timeline.plot.getAxis("bottom")
    metrics = QFontMetricsF(axis.style.get("tickFont") or timeline.plot.font())
    view = timeline.plot.getPlotItem().vb
    shown = [t for t, text in axis._tickLevels[0] if text]
    xs = [view.mapViewToScene(pg.QtCore.QPointF(t, 0)).x() for t in shown]
    widest = max(metrics.horizontalAdvance(text) for text in labels)
    assert len(xs) == 1 or min(b - a for a, b in pairwise(xs)) > widest  # apart, centred
    if size[0] > 1000:  # a laptop's plot has room for every quarter
        assert len(shown) == scenario.periods.count


@pytest.mark.parametrize(
    "scenario", [default_scenario, newest_scenario], ids=["one period", "eight quarters"]
)
def test_the_unit_names_of_the_coverage_charts_never_overlap(qtbot, scenario):
    chosen = scenario()
    window = open_window(qtbot, chosen)
    window.resize(800, 600)  # about the charts' height at 1366x768 scaled 1.5
    window.chart_tabs.setCurrentIndex(PERIOD)
    qtbot.wait(50)
    charts = window.charts
    line = QFontMetricsF(charts.font()).height()
    ground = [u for u in chosen.unit_types if u.deployed]
    for plot, rows in ((charts.coverage_plot, len(ground)), (charts.standoff_plot, 0)):
        rows = rows or len(chosen.unit_types) - len(ground)
        view = plot.getPlotItem().vb
        assert view.height() / rows >= line, (plot.objectName(), view.height(), rows)
    page = window.chart_tabs.charts_page
    assert page.verticalScrollBar().maximum() > 0  # the rest is a scroll away, not squeezed


@pytest.mark.parametrize("size", [(1366, 728), (800, 600)], ids=["1366x768 laptop", "narrow"])
def test_the_nations_codes_under_the_bar_charts_never_run_together(qtbot, size):
    chosen = default_scenario()  # one period: the charts are what the window shows
    window = open_window(qtbot, chosen)
    window.resize(*size)
    qtbot.wait(50)
    for plot in (window.charts.nation_plot, window.charts.burden_plot):
        axis = plot.getAxis("bottom")
        shown = [(i, code) for i, code in axis._tickLevels[0] if code]
        assert shown and shown[0][1] == chosen.nations[0].code
        metrics = QFontMetricsF(axis.style.get("tickFont") or plot.font())
        widest = max(metrics.horizontalAdvance(code) for _, code in shown)
        view = plot.getPlotItem().vb
        xs = [view.mapViewToScene(pg.QtCore.QPointF(i, 0)).x() for i, _ in shown]
        assert min(b - a for a, b in pairwise(xs)) > widest, plot.objectName()
        if size[0] > 1000 and plot is window.charts.burden_plot:  # full width: every code
            assert len(shown) == len(chosen.nations)
