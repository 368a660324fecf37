"""The charts beside the grid, in tabs: the timeline first when the scenario has periods.

A scenario over several periods opens on the timeline (troops per period
against the band); "One period" holds the charts of the period the grid
shows. A one-period scenario has no timeline, and no tab bar with one tab.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from planner.scenario.model import Scenario
from ui.views.timeline_chart import TimelineChart

TIMELINE_TITLE = "Timeline"
PERIOD_TITLE = "One period"


class ChartTabs(QTabWidget):
    """Timeline and the one-period charts; ``follow`` shows the timeline when it means something."""

    def __init__(self, timeline: TimelineChart, charts: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chartTabs")
        self.timeline = timeline
        self.addTab(timeline, TIMELINE_TITLE)
        self.addTab(charts, PERIOD_TITLE)
        self._several: bool | None = None

    def follow(self, scenario: Scenario, opened: bool = False) -> None:
        """Offer the timeline only over several periods; select it when they appear or on open."""
        several = scenario.periods.several
        if several != self._several or opened:
            self.setTabVisible(0, several)
            self.tabBar().setVisible(several)
            self.setCurrentIndex(0 if several else 1)
        self._several = several
