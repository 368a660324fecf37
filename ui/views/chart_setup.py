"""pyqtgraph set up once for every chart of the window: binding, defaults, axes, colours.

Every module that draws imports ``pg`` from here, so the Qt binding is chosen
(``PYQTGRAPH_QT_LIB`` before pyqtgraph is first imported) and the defaults
(white background, black text, antialiasing) are set before any plot exists.
``plot_widget`` is the one way a chart panel makes a plot: locale tick
labels, no context menu or mouse panning, a faint horizontal grid.
"""

from __future__ import annotations

import math
import os
import re

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pyqtgraph as pg  # noqa: E402

from ui import numbers  # noqa: E402

__all__ = ["BAR", "BAR_BAD", "FAIR", "LocaleAxis", "TitledPlot", "pg", "plot_widget"]

pg.setConfigOptions(background="w", foreground="k", antialias=True)

BAR = "#4a78b5"
BAR_BAD = "#d0453b"
FAIR = "#9a9a9a"


class LocaleAxis(pg.AxisItem):
    """Tick labels written like every other figure in the window (12,500 or 12.500)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        if self.logMode or spacing * scale <= 0:
            return super().tickStrings(values, scale, spacing)
        places = max(0, math.ceil(-math.log10(spacing * scale)))
        return [numbers.decimal(value * scale, places) for value in values]


class TitledPlot(pg.PlotWidget):
    """A plot whose title fits its width: the legend in brackets goes first, then the middle.

    pyqtgraph centres a title wider than the plot and clips both ends
    ("Total troop", "Stand-off (not in troops) in 20"); a narrow plot at
    1366x768 or a scale of 1.5 now shows "Stand-off in 2027-Q1", the whole
    title in the tooltip. The plot stays the width of its view whatever title
    was tried.
    """

    MARGIN = 12

    def __init__(self, title: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)
        item = self.getPlotItem()
        item.layout.removeItem(item.titleLabel)  # over the axis too, not the data area alone
        item.layout.addItem(item.titleLabel, 0, 0, 1, 3)
        self.full_title = ""
        self.setTitle(title)

    def setTitle(self, title: str | None = None, **_: object) -> None:  # noqa: N802 (pyqtgraph)
        self.full_title = title or ""
        self._fit_title()

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if hasattr(self, "full_title"):
            self._fit_title()

    def title_width(self, title: str) -> float:
        """Pixels the whole of `title` takes as this plot's title (the shown one is kept)."""
        label = self.getPlotItem().titleLabel
        label.setText(title)
        wide = float(label.item.boundingRect().width())
        self._fit_title()
        return wide

    def shown_title(self) -> str:
        return self.getPlotItem().titleLabel.text

    def _fit_title(self) -> None:
        """The whole title; else without its (legend); else cut in the middle ("…")."""
        item = self.getPlotItem()
        label = item.titleLabel
        full = self.full_title
        room = max(self.width() - self.MARGIN, 40)
        shown = full
        for candidate in dict.fromkeys((full, _without_legend(full))):
            shown = candidate
            label.setText(candidate)
            if label.item.boundingRect().width() <= room:
                break
        else:  # the period at the end says which quarter: keep both ends
            wide = label.item.boundingRect().width()
            metrics = pg.QtGui.QFontMetricsF(label.item.font())
            scale = wide / max(metrics.horizontalAdvance(shown), 1.0)  # the label's own size
            elide = pg.QtCore.Qt.TextElideMode.ElideMiddle
            shown = metrics.elidedText(shown, elide, room / scale)
        item.setTitle(shown or None)
        self.setToolTip(full if shown != full else "")
        # Each text tried set the label's least width, and a candidate wider than the plot
        # widened the whole plot item past the view, which only sizes it on a resize: the
        # right of the chart (the last quarters) fell outside. Back to the view's size.
        if self.centralWidget is not None:
            self.centralWidget.setGeometry(self.range)


def _without_legend(title: str) -> str:
    """The title without its bracketed legend: "Troops by nation (red: ...) in 2027-Q1"
    -> "Troops by nation in 2027-Q1"."""
    return " ".join(re.sub(r"\s*\([^)]*\)", "", title).split())


def plot_widget(title: str, name: str, left: str = "", bottom: str = "") -> pg.PlotWidget:
    """A chart's plot, found by `name` (its objectName), with axis labels `left` and `bottom`."""
    axes = {side: LocaleAxis(side) for side in ("left", "bottom")}
    widget = TitledPlot(title=title, axisItems=axes)
    widget.setObjectName(name)
    widget.setMenuEnabled(False)
    widget.setMouseEnabled(x=False, y=False)
    widget.hideButtons()
    item = widget.getPlotItem()
    if left:
        item.setLabel("left", left)
    if bottom:
        item.setLabel("bottom", bottom)
    item.showGrid(y=True, alpha=0.2)
    return widget
