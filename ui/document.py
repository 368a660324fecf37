"""The open scenario, the plan on screen, the file and the undo history.

Scenarios are frozen, so an edit is a replacement. Every edit a planner makes
(a scenario field, a typed count, a lock) is one :class:`Edit` command on the
document's ``QUndoStack``: it swaps the scenario and/or some allocation
cells, which makes undo/redo and the dirty marker (``isClean``) free. A
solver's plan replaces the allocation outside the history (``set_plan``):
it is a result, not an edit, and undoing a typed count only restores that cell.

The document also remembers where the plan it shows came from (the solver
result, the scenario it was made for, or a workspace version or analysis),
so every text about the plan can be derived from the document alone
(:mod:`ui.plan_state`) instead of being set once and going stale.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.files import write_atomically
from planner.result.document import PlanResult
from planner.scenario.io import default_scenario, dumps_scenario, load_scenario
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell, Plan, clean
from planner.workspace.refs import VersionRef
from ui.plan_cells import lock_cell, refit

__all__ = ["Cell", "Edit", "ScenarioDocument"]


class Edit(QUndoCommand):
    """One edit: the scenario and the allocation cells before and after.

    An edit that moves cells (a unit type made stand-off loses its area) keeps
    every cell before and after, so undo puts each count back where it was.
    """

    def __init__(
        self,
        document: ScenarioDocument,
        after: Scenario,
        cells: dict[Cell, int],
        text: str,
    ) -> None:
        super().__init__(text)
        self._document = document
        self._before = document.scenario
        self._after = after
        before = document.allocation
        fitted = refit(after, before)
        if fitted != before:
            fitted.update(cells)
            touched = set(before) | set(fitted)
        else:
            fitted, touched = dict(cells), set(cells)
        self._cells_before = {key: before.get(key, 0) for key in touched}
        self._cells_after = {key: fitted.get(key, 0) for key in touched}
        self._done = False

    def redo(self) -> None:
        self._document._apply(self._after, self._cells_after)
        if self._done:  # not the push itself, whose editor says what it did
            self._document.replayed.emit(f"Redone: {self.text()}")
        self._done = True

    def undo(self) -> None:
        self._document._apply(self._before, self._cells_before)
        self._document.replayed.emit(f"Undone: {self.text()}")


class ScenarioDocument(QObject):
    """Holds the scenario and the plan shown.

    ``changed`` follows every edit, undo, load and new plan; ``edited`` only
    the planner's own edits (and their undo/redo), which is what auto-optimise
    reacts to; ``replayed`` names an edit that undo or redo just took back or
    made again (so no message about it stays as if it were current).
    """

    changed = Signal()
    edited = Signal()
    loaded = Signal()
    replayed = Signal(str)

    def __init__(self, scenario: Scenario | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scenario = scenario if scenario is not None else default_scenario()
        self.allocation: dict[Cell, int] = {}
        self.plan: dict[Cell, int] = {}  # the last plan put on screen, before hand edits
        self.plan_scenario: Scenario | None = None  # the scenario that plan was made for
        self.plan_source = ""  # "optimiser", "analysis" or "workspace"
        self.result: PlanResult | None = None  # the solver result behind `plan`, if any
        self.path: Path | None = None
        self.origin: VersionRef | None = None  # the workspace version this came from
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")

    def edit(self, after: Scenario, text: str, cells: dict[Cell, int] | None = None) -> None:
        """Apply an edit through the undo stack (``text`` names it in Undo/Redo menus)."""
        cells = {k: v for k, v in (cells or {}).items() if self.allocation.get(k, 0) != v}
        if after != self.scenario or cells:
            self.undo_stack.push(Edit(self, after, cells, text))

    def set_count(self, cell: Cell, count: int, text: str) -> None:
        """A typed count, undoable."""
        self.edit(self.scenario, text, {cell: count})

    def set_plan(
        self,
        allocation: Plan,
        result: PlanResult | None = None,
        source: str = "optimiser",
    ) -> None:
        """A plan (a solver's `result`, or one from `source`) replaces the allocation shown.

        Not an undoable edit: it is a result, and undo takes back edits only.
        """
        self.allocation = clean(refit(self.scenario, allocation))  # made before an edit
        self._made(result.scenario if result is not None else self.scenario, result, source)
        self.changed.emit()

    def _made(self, scenario: Scenario | None, result: PlanResult | None, source: str) -> None:
        """The allocation on screen now is a plan made for `scenario` (None: no plan)."""
        self.plan = dict(self.allocation)
        self.plan_scenario, self.result, self.plan_source = scenario, result, source

    def _apply(self, scenario: Scenario, cells: dict[Cell, int]) -> None:
        self.scenario = scenario
        for key, count in cells.items():
            if count:
                self.allocation[key] = count
            else:
                self.allocation.pop(key, None)
        self.changed.emit()
        self.edited.emit()

    def shows_result(self) -> bool:
        """True when the plan on screen is exactly the solver's result for this scenario."""
        result = self.result
        return (
            result is not None
            and result.scenario == self.scenario
            and self.allocation == clean(result.allocation)
        )

    def made_plan(self) -> dict[Cell, int]:
        """The last plan put on screen, its cells fitted to the scenario as it is now."""
        return refit(self.scenario, self.plan)

    def unkept_counts(self) -> list[Cell]:
        """Typed counts a scenario file will not keep: changed from the plan and not locked.

        A scenario file holds locks, not allocations (spec section 1), so these
        are lost on closing unless locked first; the window says so on save.
        """
        locked = {lock_cell(self.scenario, lk): lk.count for lk in self.scenario.locks}
        plan = self.made_plan()
        cells = set(self.allocation) | set(plan)
        return sorted(
            (
                cell
                for cell in cells
                if self.allocation.get(cell, 0) != plan.get(cell, 0)
                and locked.get(cell) != self.allocation.get(cell, 0)
            ),
            key=lambda c: (c.nation, c.unit, c.area or "", c.period),
        )

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        if self.origin is not None:
            return str(self.origin)
        return self.path.name if self.path else self.scenario.name

    def open(self, path: str | Path) -> None:
        """Replace the document by a file (ScenarioError if it cannot be used)."""
        scenario = load_scenario(path)
        self.replace_all(scenario, Path(path))

    def replace_all(
        self,
        scenario: Scenario,
        path: Path | None,
        origin: VersionRef | None = None,
        allocation: Plan | None = None,
    ) -> None:
        """A new document: history cleared, views rebuilt; `allocation` is a kept plan."""
        self.scenario, self.path, self.origin = scenario, path, origin
        self.allocation = clean(allocation or {})
        self._made(scenario if self.allocation else None, None, "workspace")
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.loaded.emit()
        self.changed.emit()

    def save(self, path: str | Path | None = None) -> None:
        """Write the scenario as JSON (OSError if the disk refuses)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no file name given")
        write_atomically(target, dumps_scenario(self.scenario))
        self.path, self.origin = target, None
        self.undo_stack.setClean()

    def saved_as_version(self, origin: VersionRef) -> None:
        """The document now is that workspace version (Ctrl+S saves the next one)."""
        self.path, self.origin = None, origin
        if self.shows_result():
            self.plan = dict(self.allocation)
        else:  # the kept plan is no longer an unsaved edit, but the version's own
            self._made(self.scenario if self.allocation else None, None, "workspace")
        self.undo_stack.setClean()
        self.changed.emit()
