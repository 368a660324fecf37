"""Auto-optimise: re-solve after the planner's edits, once they pause.

Every edit (and undo/redo) restarts a single-shot timer; when it fires the
window's ``start`` callback replaces any running solve by a fresh one. Two
quick edits therefore cost one solve, and the plan follows the planner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ui.document import ScenarioDocument

DEBOUNCE_MS = 400


class AutoOptimiser(QObject):
    """Debounces the document's ``edited`` signal into calls of `start` while enabled."""

    def __init__(
        self,
        document: ScenarioDocument,
        start: Callable[[], None],
        delay_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.enabled = False
        self._start = start
        self.timer = QTimer(self)
        self.timer.setObjectName("autoOptimiseTimer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._fire)
        document.edited.connect(self.schedule)
        document.loaded.connect(self.schedule)

    def set_enabled(self, enabled: bool) -> None:
        """Switching on solves at once (after the same pause); off stops a pending solve."""
        self.enabled = enabled
        if enabled:
            self.schedule()
        else:
            self.timer.stop()

    def schedule(self) -> None:
        if self.enabled:
            self.timer.start()  # restarts the countdown if it was already running

    def _fire(self) -> None:
        if self.enabled:
            self._start()
