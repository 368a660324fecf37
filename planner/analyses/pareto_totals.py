"""The point of one deviation bound found total by total, where the force totals are coarse.

The point of a bound e is the cheapest plan with deviation <= e, then the fairest
plan as cheap. On the plain program HiGHS takes seconds to prove either, and
longer the tighter e is (a generated 40 x 24 scenario: 14 s and 39 s for its
first two points). With TOTAL held at one total and each nation's chord cut of
its deviation there (:meth:`planner.analyses.pareto._Front.hold_total`, the rows
the fairest end uses) the same proofs took 1.0 s and 5.2 s, because each
nation's deviation LP is then its hull. So the totals are taken in ascending
order, each held in turn with the best cost so far as a cap, and the sweep ends
at the first total from which the LP relaxation of the plain program with
TOTAL >= that total costs more than the best plan: no plan there can be as
cheap. Totals whose fair_share bound exceeds e hold no plan within e, and a
total whose held LP costs more than the best plan is passed over unsolved.

Every row added is valid for every plan of its total, every total a plan can
have is a candidate (:func:`planner.optimise.fair_search.candidates`), and the
totals are discarded only by lower bounds, so the point is the same as on the
plain program. Where costs grow slowly with the total against the LP's gap,
many totals stay open (the default scenario's 10-troop grain left 7 to 15 per
point, no faster than the plain program): then after :data:`MOST_HELD` held
solves the sweep gives up and the caller solves the plain program.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from planner.optimise import fair_bound

if TYPE_CHECKING:
    from planner.analyses.pareto import ParetoPoint, _Front

MOST_HELD = 1
"""Most held-total solves for one point; past them the plain program is solved instead.

Measured (docs/decisions.md, pareto-speed): on the generated 40 x 24 scenario the LP of
TOTAL >= the next total discards every other total after the first held solve; on the
default scenario (10-troop steps) 7 to 15 totals stay open, and sweeping them (up to 8
held solves per point) made the front slower than the plain program (38 runs, not 16)."""

LP_MARGIN = 1e-5
"""Relative margin by which an LP bound must exceed the best cost to discard totals
(above the solver's LP tolerances, below the least cost step of a unit)."""


def cheapest_by_totals(
    front: _Front, bound: float, floor: float | None
) -> tuple[str, ParetoPoint | None] | None:
    """The point of deviation bound `bound` (as ``front.lexicographic("cost", None, bound,
    floor)``), or None when the sweep would need more than :data:`MOST_HELD` held solves,
    a solve was stopped, or the totals cannot be listed: then the plain program decides."""
    totals = front.candidates()
    if totals is None:
        return None
    limit = bound + 1e-6 * max(1.0, abs(bound))
    found = _cheapest_per_total(
        front, totals, np.sort(totals.totals[totals.bounds <= limit]), bound, floor
    )
    if found is None:
        return None
    if not found:
        return "infeasible", None
    least = min(p.cost for p in found.values())
    ties = [t for t, p in found.items() if p.cost <= least + 1e-6 * max(1.0, abs(least))]
    return _fairest_of(front, totals, ties, least, bound)


def _cheapest_per_total(
    front: _Front,
    totals,
    viable: np.ndarray,
    bound: float,
    floor: float | None,  # type: ignore[no-untyped-def]
) -> dict[int, ParetoPoint] | None:
    """The cheapest plan within `bound` at each total not discarded (none where a total has
    no plan as cheap as the best), or None when the sweep gives up."""
    found: dict[int, ParetoPoint] = {}
    best: float | None = None
    held = 0
    for value in viable:
        total = int(value)
        if best is not None:
            margin = LP_MARGIN * max(1.0, abs(best))
            if front.relaxed_cost(bound, total, held=False) > best + margin:
                break  # no plan from this total up is as cheap as the best
            if front.relaxed_cost(bound, total, held=True) > best + margin:
                continue
        if held == MOST_HELD:
            return None
        held += 1
        status, point = _held(
            front, totals, total, lambda cap=best: front.best("cost", cap, bound, floor)
        )
        if status == "optimal" and point is not None:
            found[total] = point
            best = point.cost if best is None else min(best, point.cost)
        elif status != "infeasible":
            return None
    return found


def _fairest_of(
    front: _Front,
    totals,
    ties: list[int],
    cost: float,
    bound: float,  # type: ignore[no-untyped-def]
) -> tuple[str, ParetoPoint | None] | None:
    """The fairest plan costing `cost` at most over the totals `ties` (each holds one)."""
    best: ParetoPoint | None = None
    for total in ties:
        status, point = _held(
            front, totals, total, lambda: front.best("deviation", cost, bound, cost)
        )
        if status != "optimal" or point is None:
            return None
        if best is None or point.deviation < best.deviation:
            best = point
    return "optimal", best


def _held(front: _Front, totals, total: int, run) -> tuple[str, ParetoPoint | None]:  # type: ignore[no-untyped-def]
    """`run` (a solve) with TOTAL held at `total` and its chord cuts; its status and plan."""
    front.hold_total(total, fair_bound.window(totals.sets, totals.phi, totals.max_share, total))
    try:
        status = run()
        point = front.point(proved=True) if status == "optimal" else None
    finally:
        front.hold_total(None)
    return status, point
