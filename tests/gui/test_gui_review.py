"""What a planner's check of the window found (1366x768, and scaled 1.5): each a defect fixed.

The window never larger than the screen's free area lives in test_gui_window.py;
here the timeline's legend, which covered the band's maximum and the tallest bars.
"""

from __future__ import annotations

import pytest

from planner.scenario.library import newest_scenario
from tests.helpers.gui import open_window


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
