"""The open scenario, its file and its undo history: the one object every view watches.

Scenarios are frozen, so an edit is a replacement: each one is pushed as a
:class:`ReplaceScenario` command on the document's ``QUndoStack``, which
makes undo/redo and the dirty marker (``isClean``) free.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.model import Scenario
from planner.scenario_io import default_scenario, dumps_scenario, load_scenario


class ReplaceScenario(QUndoCommand):
    """One edit: the scenario before and after, swapped on undo/redo."""

    def __init__(self, document: ScenarioDocument, after: Scenario, text: str) -> None:
        super().__init__(text)
        self._document = document
        self._before = document.scenario
        self._after = after

    def redo(self) -> None:
        self._document._set(self._after)

    def undo(self) -> None:
        self._document._set(self._before)


class ScenarioDocument(QObject):
    """Holds the current scenario; emits ``changed`` after every edit, undo or load."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, scenario: Scenario | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scenario = scenario if scenario is not None else default_scenario()
        self.path: Path | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")

    def edit(self, after: Scenario, text: str) -> None:
        """Apply an edit through the undo stack (``text`` names it in Undo/Redo menus)."""
        if after != self.scenario:
            self.undo_stack.push(ReplaceScenario(self, after, text))

    def _set(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.changed.emit()

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else self.scenario.name

    def open(self, path: str | Path) -> None:
        """Replace the document by a file (ScenarioError if it cannot be used)."""
        scenario = load_scenario(path)
        self.replace_all(scenario, Path(path))

    def replace_all(self, scenario: Scenario, path: Path | None) -> None:
        """A new document: history cleared, views rebuilt."""
        self.scenario, self.path = scenario, path
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.loaded.emit()
        self.changed.emit()

    def save(self, path: str | Path | None = None) -> None:
        """Write the scenario as JSON (OSError if the disk refuses)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no file name given")
        target.write_text(dumps_scenario(self.scenario), encoding="utf-8")
        self.path = target
        self.undo_stack.setClean()
