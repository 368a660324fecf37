"""The views beside the grid, in tabs: the timeline first when the scenario has periods.

A scenario over several periods opens on the timeline (troops per period
against the band); "One period" holds the charts of the period the grid
shows; a scenario with areas adds "By area" (troops against capacity) and
"Map". A plain one-period, one-place scenario shows only the charts, and no
tab bar with one tab.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget

from planner.scenario.model import Scenario
from ui.views.timeline_chart import TimelineChart

TIMELINE_TITLE = "Timeline"
PERIOD_TITLE = "One period"
TIMELINE, PERIOD = 0, 1


class ChartTabs(QTabWidget):
    """Timeline, one-period charts and the area views; ``follow`` shows what means something."""

    def __init__(
        self,
        timeline: TimelineChart,
        charts: QWidget,
        area_tabs: tuple[tuple[QWidget, str], ...] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("chartTabs")
        self.timeline = timeline
        self.addTab(timeline, TIMELINE_TITLE)
        self.charts_page = QScrollArea()  # the charts keep their least heights, and scroll
        self.charts_page.setObjectName("chartsScroll")
        self.charts_page.setWidgetResizable(True)
        self.charts_page.setFrameShape(QFrame.Shape.NoFrame)
        self.charts_page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.charts_page.setWidget(charts)
        self.addTab(self.charts_page, PERIOD_TITLE)
        self._area_indexes = tuple(self.addTab(widget, title) for widget, title in area_tabs)
        self._shape: tuple[bool, bool] | None = None

    def follow(self, scenario: Scenario, opened: bool = False) -> None:
        """Offer the timeline over several periods and the area views with areas."""
        several, areas = scenario.periods.several, scenario.has_areas
        if (several, areas) == self._shape and not opened:
            return
        periods_changed = opened or self._shape is None or self._shape[0] != several
        self.setTabVisible(TIMELINE, several)
        for index in self._area_indexes:
            self.setTabVisible(index, areas)
        self.tabBar().setVisible(several or (areas and bool(self._area_indexes)))
        if periods_changed or not self.isTabVisible(self.currentIndex()):
            self.setCurrentIndex(TIMELINE if several else PERIOD)
        self._shape = (several, areas)
