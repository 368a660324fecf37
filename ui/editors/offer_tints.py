"""How the grid tints an offer by its state in the period shown, and the legend that says so.

One place for the brushes, so the grid's cells and the legend above it
(:mod:`ui.editors.slice_bar`) cannot drift apart. The states come from
:mod:`planner.scenario.offer_state`; deployed and free cells keep the grid's
own colours (the count says enough).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from planner.scenario.offer_state import NOT_READY, RESTING

RESTING_TINT = QColor("#c9dcf5")  # blue: no unit deployed, some resting (rotation)
NOT_READY_TINT = QColor("#8a8a8a")  # grey hatching: the offer is not ready yet
STATE_TINTS = {
    RESTING: QBrush(RESTING_TINT),
    NOT_READY: QBrush(NOT_READY_TINT, Qt.BrushStyle.BDiagPattern),
}
LEGEND = (
    f'<span style="background:{RESTING_TINT.name()}">&nbsp;&nbsp;&nbsp;</span> resting '
    f'&nbsp;<span style="color:{NOT_READY_TINT.name()}">&#9638;</span> not ready'
)
"""Rich text for beside the period selector (a hatched square stands for the hatching)."""
LEGEND_TIP = (
    "Blue: none of the offer deployed in this period, some resting after serving (rotation).\n"
    "Hatched: the offer is not ready yet in this period.\n"
    "Hover a cell for its offer: deployed, resting and free units."
)
