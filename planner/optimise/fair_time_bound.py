"""A lower bound of fair_share over periods from blocks of periods (an experiment).

Not called by :func:`planner.solve.solve`: measured on the generated 18 x 17 x 3 x 8
scenarios and the default over 3 areas x 8 quarters it is too weak to prove any of
them (docs/decisions.md, "fair_share over periods: a bound from blocks of periods").
It is kept, with its proof and a brute-force test, as the measured base for a
stronger bound.

The objective is ``sum over t, n of |D(n,t) - phi(n) GROUND(t)|``. Cut the horizon
into blocks of consecutive periods. For one block B of L periods write
``S(n) = sum over t in B of D(n,t)`` and ``H = sum over t in B of GROUND(t)``.

1. **The triangle inequality**: ``sum over t in B of |D(n,t) - phi(n) GROUND(t)| >=
   |S(n) - phi(n) H|``, and ``sum over n of S(n) = H`` (GROUND sums every nation's
   D; a declined nation has D = 0 and phi = 0).
2. **What S(n) can be** (a superset of its values over the plans of the scenario):
   a deployed unit type u offered k times, ready from rho, serves in the m periods of
   B from rho on, a run of consecutive periods. ``ceil(m / r)`` rotation windows of
   the spec (H1r, the row of the window's last period; r the nation's cycle) cover
   that run, each allows at most k units, so the units of u summed over B are an
   integer from 0 to ``k * ceil(m / r)``: S(n) is a sum of that many copies of
   personnel(u) over u. No deployed cell exists when the nation's caveat leaves no
   area. D(n,t) <= max_troops (H3) gives S(n) <= L * max_troops. In the f full
   periods of B, D(n,t) >= min_troops when the nation takes part (H3); it takes part
   or not over the whole horizon (y, H2), so S(n) = 0 or S(n) >= f * min_troops,
   and S(n) = 0 is possible only when it may stay out (not committed) or
   ``f * min_troops = 0``. Locks, caveats, capacities, requirements, shares and
   conditions only remove plans: leaving them out keeps a superset.
3. **H**: every GROUND(t) >= TOTAL(t) >= S1's minimum of period t (a plan meets
   every rule), and H is a multiple of the grain (the gcd of the deployed unit sizes
   on offer, :func:`~planner.optimise.troop_totals.troop_grain`).

So ``P_B(H)``, the least sum over n of the convex hull of ``|S - phi(n) H|`` over
those S with ``sum S = H`` (:func:`planner.optimise.fair_bound.lower_bounds`, the
one-period force-total bound with no share cap), bounds the block's deviation
from below whenever its ground forces sum to H. For a single period ``P_t(G)``
is the same with L = 1. A plan of the block with ground forces G(t) also has
deviation >= ``sum over t of P_t(G(t))`` >= ``C_B(H)``, the min-plus convolution
of the single-period curves at H. So the block's deviation is at least
``min over H of max(P_B(H), C_B(H))``; the objective, a sum over periods of
non-negative terms, is at least the sum of that over the blocks of any partition
of the horizon into consecutive blocks, and so at least the largest such sum,
which a dynamic programme over block ends finds (blocks of at most
:data:`MAX_BLOCK` rotation cycles).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from planner.optimise import fair_bound
from planner.optimise.troop_totals import TroopTotals, open_nations, troop_grain
from planner.rules.statements import bitset_sums
from planner.scenario.evaluate import fair_shares
from planner.scenario.model import Nation, Scenario

MAX_BLOCK = 2
"""Longest block, in rotation cycles of the longest cycle (at least two periods)."""

SAFETY = 1e-7
"""Relative margin taken off the bound: float noise of the hull sums never overstates it."""

Curve = tuple[int, np.ndarray]
"""(first, values): values[k] bounds the block's deviation at H = (first + k) * grain."""


def block_sums(
    scenario: Scenario, nation: Nation, block: tuple[int, ...], grain: int
) -> np.ndarray:
    """Every S(n) over `block` of a superset of the plans (module docstring, step 2),
    ascending, 0 included when possible."""
    rotation = scenario.rotation_of(nation)
    first, last = block[0], block[-1]
    sizes, offered = [], 0
    if scenario.areas_of(nation):
        for unit in scenario.unit_types:
            count = nation.offer(unit.id)
            if not (unit.deployed and unit.personnel and count):
                continue
            serving = last - max(first, nation.ready(unit.id)) + 1
            if serving <= 0:
                continue
            copies = count * math.ceil(serving / rotation)
            sizes.append((unit.personnel // grain, copies))
            offered += unit.personnel * copies
    top = min(nation.max_troops * len(block), offered) // grain
    reach = bitset_sums(sizes, top)
    steps = np.array([d for d in range(top + 1) if reach >> d & 1], dtype=np.int64)
    values = steps * grain
    full = sum(1 for t in block if t >= scenario.periods.full_from)
    floor = nation.min_troops * full
    out = values[values >= max(floor, 1)]
    if nation.status != "committed" or floor == 0:
        out = np.concatenate([np.zeros(1, dtype=np.int64), out])
    return out


def block_curve(scenario: Scenario, block: tuple[int, ...], phi: np.ndarray, grain: int) -> Curve:
    """P_B(H) on every H the block's ground forces may sum to (module docstring)."""
    sets = [
        TroopTotals(n.code, block_sums(scenario, n, block, grain)) for n in open_nations(scenario)
    ]
    full_from = scenario.periods.full_from
    low = sum(scenario.target.minimum(t, full_from) or 0 for t in block)
    high = sum(int(s.values[-1]) for s in sets if len(s.values))
    first = math.ceil(low / grain)
    totals = np.arange(first, max(first, high // grain + 1)) * grain
    if not len(totals):
        return first, np.full(1, np.inf)
    return first, fair_bound.lower_bounds_over(sets, phi, 1.0, totals)


def min_plus(a: Curve, b: Curve) -> Curve:
    """(a * b)(H) = min over G + G' = H of a(G) + b(G')."""
    (fa, va), (fb, vb) = a, b
    out = np.full(len(va) + len(vb) - 1, np.inf)
    for j in np.flatnonzero(np.isfinite(vb)):
        window = out[j : j + len(va)]
        np.minimum(window, va + vb[j], out=window)
    return fa + fb, out


def _least_of_larger(a: Curve, b: Curve) -> float:
    """min over H of max(a(H), b(H)); inf where they share no H (no plan)."""
    (fa, va), (fb, vb) = a, b
    low, high = max(fa, fb), min(fa + len(va), fb + len(vb))
    if high <= low:
        return math.inf
    return float(np.maximum(va[low - fa : high - fa], vb[low - fb : high - fb]).min())


def lower_bound(scenario: Scenario, between: Callable[[], None] = lambda: None) -> float | None:
    """A proven lower bound of fair_share over the scenario's plans (module docstring);
    None with one period or no deployed unit on offer; inf when no plan exists.
    `between` runs between blocks (a deadline check may raise there)."""
    periods = scenario.periods.count
    grain = troop_grain(scenario)
    if periods < 2 or grain == 0:
        return None
    shares = fair_shares(scenario)
    phi = np.array([shares[n.code] for n in open_nations(scenario)])
    cycle = max([1, *(scenario.rotation_of(n) for n in scenario.nations)])
    longest = min(periods, max(2, MAX_BLOCK * cycle))
    single = {t: block_curve(scenario, (t,), phi, grain) for t in range(1, periods + 1)}
    value: dict[tuple[int, int], float] = {}
    for start in range(1, periods + 1):
        joined = single[start]
        for end in range(start, min(periods, start + longest - 1) + 1):
            between()
            if end == start:
                value[start, end] = float(np.min(joined[1]))
                continue
            joined = min_plus(joined, single[end])
            whole = block_curve(scenario, tuple(range(start, end + 1)), phi, grain)
            value[start, end] = _least_of_larger(whole, joined)
    best = [0.0] + [-math.inf] * periods
    for end in range(1, periods + 1):
        for start in range(max(1, end - longest + 1), end + 1):
            best[end] = max(best[end], best[start - 1] + value[start, end])
    bound = best[periods]
    if not math.isfinite(bound):
        return bound
    return max(0.0, bound - SAFETY * max(1.0, abs(bound)) - 1e-6)
