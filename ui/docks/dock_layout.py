"""Where the docks sit: tabbed together under the grid and charts, at a share of the height.

The workspace and the analyses share one place at the bottom of the window
(tabs), so opening one never narrows the grid (a dock at the left pushed
the Troops column off-screen) and opening both never leaves two rows of
grid. A dock that opens, or is restored, taller than ``MAX_SHARE`` of the
window is brought back to ``SHARE``. The arrangement is remembered with the
window's state (``LAYOUT_VERSION``: a state saved by an older arrangement
is not restored over this one).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QTabWidget, QWidget

SHARE = 0.27
"""Of the window's height, for a dock as it opens: at 1366x768 the grid keeps 5 rows or more."""
MAX_SHARE = 0.5
LAYOUT_VERSION = 2
"""0 (Qt's default, saved until 2026-12): the workspace at the left; 2: both below, tabbed."""


def share_bottom(window: QMainWindow, docks: Sequence[QDockWidget]) -> None:
    """Put `docks` tabbed together at the bottom; each opens at a share of the height."""
    window.setDockOptions(
        QMainWindow.DockOption.AnimatedDocks
        | QMainWindow.DockOption.AllowTabbedDocks
        | QMainWindow.DockOption.AllowNestedDocks
    )
    window.setTabPosition(Qt.DockWidgetArea.BottomDockWidgetArea, QTabWidget.TabPosition.North)
    first = docks[0]
    for dock in docks:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.visibilityChanged.connect(lambda shown, d=dock: _shown(window, d, shown))
    for dock in docks[1:]:
        window.tabifyDockWidget(first, dock)


def _shown(window: QMainWindow, dock: QDockWidget, shown: bool) -> None:
    if shown:
        fit_dock(window, dock)


def fit_dock(window: QMainWindow, dock: QDockWidget) -> None:
    """A dock taller than MAX_SHARE of the window (or never sized) comes back to SHARE."""
    if dock.isFloating() or window.dockWidgetArea(dock) not in (
        Qt.DockWidgetArea.BottomDockWidgetArea,
        Qt.DockWidgetArea.TopDockWidgetArea,
    ):
        return
    height = window.height()
    if dock.property("sized") and dock.height() <= height * MAX_SHARE:
        return
    dock.setProperty("sized", True)
    window.resizeDocks([dock], [int(height * SHARE)], Qt.Orientation.Vertical)


def scrolling(body: QWidget) -> QScrollArea:
    """`body` in a scroll area: a dock may be made shorter than its content's minimum."""
    area = QScrollArea()
    area.setObjectName(f"{body.objectName() or 'dock'}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(body)
    return area
