"""Where each offered unit stands in one period: deployed, resting, free or not yet ready.

The allocation grid shows one period at a time; a planner reading it asks
why a nation sends 1 of its 3 battalions. Under rotation H1r (spec section
7) a unit that served in one of the last `r - 1` periods is resting, and
an offer is not yet ready before its `ready_from`. This module derives
that from the plan and the scenario alone (no solver, no Qt), so the grid's
tint and tooltip and the tests read the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.scenario import words
from planner.scenario.evaluate import PlanEvaluation
from planner.scenario.model import Scenario

DEPLOYED = "deployed"
RESTING = "resting"
NOT_READY = "not yet ready"
FREE = "free"
NO_OFFER = "no offer"


@dataclass(frozen=True)
class OfferState:
    """One nation's offer of one unit type in one period, as counts of units."""

    offer: int
    deployed: int
    resting: int
    ready_from: int
    rotation: int

    @property
    def free(self) -> int:
        """Units neither deployed nor resting (never below 0, even on a plan that breaks H1r)."""
        return max(0, self.offer - self.deployed - self.resting)

    @property
    def kind(self) -> str:
        """The state the grid tints by: the one that explains the cell's count."""
        if not self.offer:
            return NO_OFFER
        if self.ready_from > 0:
            return NOT_READY
        if self.deployed:
            return DEPLOYED
        if self.resting:
            return RESTING
        return FREE


def offer_state(
    scenario: Scenario, ev: PlanEvaluation, code: str, unit: str, period: int
) -> OfferState:
    """The state of `code`'s offer of `unit` in `period` (1-based) under the plan `ev`.

    `ready_from` in the result is the period the offer becomes ready when it is
    still ahead, else 0. Resting units are those that served in the `r - 1`
    periods before (H1r counts X(n,u,s) over s = t-r+1..t).
    """
    nation = scenario.nation(code)
    rotation = scenario.rotation_of(nation)
    served = ev.nation_units_at.get((code, unit), [0] * scenario.periods.count)
    first = nation.ready(unit)
    earlier = served[max(0, period - rotation) : period - 1]
    return OfferState(
        offer=nation.offer(unit),
        deployed=served[period - 1],
        resting=sum(earlier),
        ready_from=first if period < first else 0,
        rotation=rotation,
    )


def rotation_words(scenario: Scenario, rotation: int) -> str:
    """'one quarter on operations in 3' (rotation 1: 'no rotation')."""
    if rotation <= 1:
        return "no rotation"
    return f"one {scenario.periods.label} on operations in {rotation}"


def state_words(scenario: Scenario, state: OfferState) -> str:
    """One line for a tooltip: '2 deployed, 1 resting (one quarter on operations in 3), 0 free'."""
    whole = words.number
    if not state.offer:
        return "No offer"
    if state.ready_from:
        return f"Not yet ready: ready from {words.period_label(scenario, state.ready_from)}"
    parts = [f"{whole(state.deployed)} deployed"]
    if state.rotation > 1:
        parts.append(f"{whole(state.resting)} resting ({rotation_words(scenario, state.rotation)})")
    parts.append(f"{whole(state.free)} free")
    return ", ".join(parts)
