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

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pyqtgraph as pg  # noqa: E402

from ui import numbers  # noqa: E402

__all__ = ["BAR", "BAR_BAD", "FAIR", "LocaleAxis", "pg", "plot_widget"]

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


def plot_widget(title: str, name: str, left: str = "", bottom: str = "") -> pg.PlotWidget:
    """A chart's plot, found by `name` (its objectName), with axis labels `left` and `bottom`."""
    axes = {side: LocaleAxis(side) for side in ("left", "bottom")}
    widget = pg.PlotWidget(title=title, axisItems=axes)
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
