"""What the plan on screen is, derived from the document alone, and the words for it.

The grid's header, the explanation panel and the charts' colours describe
the plan on screen. They are computed from :func:`plan_state` on every
change of the document (edit, undo, redo, load, solve), never set once by
whatever happened last, so after an undo they cannot contradict the grid:
"Plan (optimal)" appears only while the plan on screen is exactly the
solver's result for the scenario on screen.
"""

from __future__ import annotations

import dataclasses
from enum import Enum

from planner.result.document import PlanResult
from planner.rules import Violation, violations
from ui.document import ScenarioDocument


class Kind(Enum):
    NONE = "none"  # nothing on screen and no result to explain
    SOLVED = "solved"  # exactly the solver's result for this scenario
    EDITED = "edited"  # counts typed since the plan was put on screen
    RESCOPED = "rescoped"  # the plan as made, but the scenario changed since
    GIVEN = "given"  # a plan from a workspace version or an analysis, not optimised here


ORIGINS = {
    "analysis": "Plan from an analysis, not optimised here",
    "workspace": "Plan kept with the version, not optimised here",
}


@dataclasses.dataclass(frozen=True)
class PlanState:
    """The plan on screen: what kind, the result behind it, and what it breaks."""

    kind: Kind
    result: PlanResult | None = None  # set for SOLVED only
    broken: tuple[Violation, ...] = ()
    source: str = ""

    @property
    def closest(self) -> bool:
        """The closest plan of an infeasible result, unchanged (tinted as not feasible)."""
        return self.result is not None and not self.result.has_plan

    @property
    def feasible(self) -> bool:
        if self.result is not None:
            return self.result.has_plan
        return not self.broken

    @property
    def alarming(self) -> bool:
        """Whether the header should stand out: the plan on screen is not a valid one."""
        return self.closest or bool(self.broken)

    def header(self) -> str:
        """The line above the allocation grid."""
        if self.kind is Kind.NONE:
            return "No plan yet: type counts here, or press Optimise (Ctrl+R)."
        if self.result is not None:
            if self.result.has_plan:
                return (
                    f"Plan ({self.result.status}); "
                    "highlighted cells changed since the previous plan."
                )
            return f"Closest plan — NOT FEASIBLE ({self.result.status}); see the explanation."
        return f"{self._what()}: {self._verdict()}."

    def explanation_heading(self) -> str:
        """The explanation's heading when it lists what the plan breaks (not SOLVED, not NONE)."""
        if not self.broken:
            return f"{self._what()}: the plan shown meets every rule."
        return f"{self._what()}: the plan shown breaks these rules; optimise again (Ctrl+R)."

    def _what(self) -> str:
        if self.kind is Kind.EDITED:
            return "Plan edited by hand"
        if self.kind is Kind.RESCOPED:
            return "Scenario changed since this plan was made"
        return ORIGINS.get(self.source, "Plan not optimised here")

    def _verdict(self) -> str:
        if not self.broken:
            return "it meets every rule; optimise (Ctrl+R) for the best plan"
        count = len(self.broken)
        return (
            f"it breaks {count} rule{'s' if count != 1 else ''} "
            "(red cells and the explanation say which)"
        )


def plan_state(document: ScenarioDocument) -> PlanState:
    """Classify the plan on screen from the document's scenario, allocation and plan origin."""
    if document.shows_result():
        return PlanState(Kind.SOLVED, document.result, source="optimiser")
    allocation = document.allocation
    if not allocation:
        return PlanState(Kind.NONE)
    broken = tuple(violations(document.scenario, allocation))
    made_for = document.plan_scenario
    if made_for is None or allocation != document.made_plan():
        kind = Kind.EDITED
    elif made_for != document.scenario:
        kind = Kind.RESCOPED
    else:
        kind = Kind.GIVEN
    return PlanState(kind, None, broken, document.plan_source)
