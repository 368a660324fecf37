"""Many cell edits as one: a paste, a fill or a clear is one undo step and one validation.

Each table model turns one cell's new value into a :class:`PlannedEdit` (what
it changes in the scenario's JSON data and in the plan's cells) without
validating it. :func:`apply_edits` applies them all and validates once; only
when that fails does it look for the cells to blame, one at a time, so the
planner is told which cells were refused and why while the rest go in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.errors import ScenarioError
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell
from ui import numbers
from ui.document import ScenarioDocument
from ui.editors.scenario_edit import Mutation, changed

REFUSALS_SHOWN = 3
"""How many refused cells the status line names before it says 'and N more'."""


@dataclass(frozen=True)
class PlannedEdit:
    """One cell's change, not yet validated: `where` names the cell in planner words."""

    where: str
    mutate: Mutation | None = None
    cells: dict[Cell, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Refused:
    where: str
    reason: str


@dataclass
class Outcome:
    """What became of a batch: cells changed, cells refused (with why), cells skipped."""

    applied: int = 0
    refused: list[Refused] = field(default_factory=list)
    read_only: int = 0
    outside: int = 0  # beyond the table's edge (a paste larger than the room left)
    kept: int = 0  # Delete on a required field (a name): nothing to clear it to

    def add_refusal(self, where: str, exc: Exception) -> None:
        self.refused.append(Refused(where, reason(exc)))

    def summary(self, verb: str) -> str:
        """One status line: "Pasted 6 cells; 2 cells not pasted: Poland, Ceiling: ...; ..."."""
        parts = [
            f"{verb.capitalize()} {cells(self.applied)}" if self.applied else f"Nothing {verb}"
        ]
        if self.refused:
            named = "; ".join(f"{r.where}: {r.reason}" for r in self.refused[:REFUSALS_SHOWN])
            more = len(self.refused) - REFUSALS_SHOWN
            tail = f"; and {more} more" if more > 0 else ""
            parts.append(f"{cells(len(self.refused))} not {verb}: {named}{tail}")
        if self.read_only:
            parts.append(f"{cells(self.read_only)} read-only, skipped")
        if self.kept:
            parts.append(f"{cells(self.kept)} kept (a name or personnel is required)")
        if self.outside:
            parts.append(f"{cells(self.outside)} beyond the table's edge, left out")
        return "; ".join(parts) + "."


def cells(count: int) -> str:
    return f"{numbers.whole(count)} cell{'s' if count != 1 else ''}"


def reason(exc: Exception) -> str:
    """Why a cell was refused, in the window's words (the core's figures localised)."""
    if isinstance(exc, ScenarioError):
        return numbers.localised(exc.problem)
    return str(exc)


def _combined(mutations: Sequence[Mutation]) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        for one in mutations:
            one(data)

    return mutate


def _validated(scenario: Scenario, edits: Sequence[PlannedEdit]) -> Scenario:
    """`scenario` with every edit's mutation applied, validated once (ScenarioError if not)."""
    mutations = [e.mutate for e in edits if e.mutate is not None]
    return changed(scenario, _combined(mutations)) if mutations else scenario


def apply_edits(
    document: ScenarioDocument, edits: Sequence[PlannedEdit], text: str, outcome: Outcome
) -> Outcome:
    """Push `edits` on the undo stack as one step named `text`; refused ones go in `outcome`.

    The whole batch is validated once. If the core refuses it, the edits are
    tried one by one (twice, so a maximum raised before its minimum in the
    same paste still goes in) to name the cells that break a rule.
    """
    scenario = document.scenario
    try:
        after, kept = _validated(scenario, edits), list(edits)
    except ScenarioError:
        after, kept = scenario, []
        waiting = list(edits)
        for _ in range(2):
            blamed: list[tuple[PlannedEdit, ScenarioError]] = []
            for edit in waiting:
                try:
                    after = _validated(scenario, [*kept, edit])
                except ScenarioError as refused:
                    blamed.append((edit, refused))
                else:
                    kept.append(edit)
            waiting = [edit for edit, _ in blamed]
            if not blamed or len(blamed) == len(edits):
                break
        for edit, exc in blamed:
            outcome.add_refusal(edit.where, exc)
    moved: dict[Cell, int] = {}
    for edit in kept:
        moved.update(edit.cells)
    before = (document.scenario, dict(document.allocation))
    document.edit(after, text, moved)
    changed_cells = before != (document.scenario, document.allocation)
    outcome.applied += len(kept) if changed_cells else 0
    return outcome
