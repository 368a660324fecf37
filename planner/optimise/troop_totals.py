"""Which troop totals D(n) each nation can send, exactly, under its own statements.

The fair-share search (:mod:`planner.optimise.fair_search`) needs, for each
nation, the sorted list of every D(n) its offers can make that also meets
its floor, its ceiling and the planner's locks: a plan can only ever use
these values, so bounds built on them are exact. Sums are bitsets over
multiples of the grain (the gcd of the deployed unit sizes), so a ceiling
of 10,000 troops in units of 50 costs a 200-bit integer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import reduce

import numpy as np

from planner.rules.statements import bitset_sums, most_troops
from planner.scenario.model import Nation, Scenario

MAX_STEPS = 20_000_000
"""Largest sum over nations of ceiling / grain we enumerate (about 160 MB of values)."""


@dataclass(frozen=True)
class TroopTotals:
    """Every D(n) one nation can send in a feasible plan, ascending (0 if it may send none)."""

    code: str
    values: np.ndarray


def open_nations(scenario: Scenario) -> list[Nation]:
    """Nations not declined: the ones with a fair share (spec section 2)."""
    return [n for n in scenario.nations if n.status != "declined"]


def troop_grain(scenario: Scenario) -> int:
    """gcd of the deployed unit sizes on offer: every D(n) and TOTAL is a multiple of it.

    0 when no nation offers a deployed unit (then every total is 0).
    """
    sizes = {
        unit.personnel
        for unit in scenario.unit_types
        if unit.deployed
        for nation in open_nations(scenario)
        if nation.offer(unit.id) > 0
    }
    return reduce(math.gcd, sizes, 0)


def enumeration_steps(scenario: Scenario, grain: int) -> int:
    """How many bits the totals of every open nation take: the cost of :func:`troop_totals`."""
    return sum(most_troops(scenario, n) // grain + 1 for n in open_nations(scenario))


def troop_totals(scenario: Scenario, nation: Nation, grain: int) -> TroopTotals:
    """The D(n) values `nation` can send: its offers' sums, locks held, within floor and ceiling.

    0 is included when the nation may send no deployed troops: it may stay
    out (not committed, no unit locked above zero), or it must take part but
    may do so with stand-off units alone (floor 0, nothing deployed locked).
    """
    personnel = {u.id: u.personnel for u in scenario.unit_types}
    deployed = {u.id: u.deployed for u in scenario.unit_types}
    # A lock in one area fixes only part of the type's count: leaving it out keeps every
    # total a plan can have (a superset only weakens the bound, never makes it wrong).
    locked = {
        lk.unit_type: lk.count
        for lk in scenario.locks
        if lk.nation == nation.code and nation.offer(lk.unit_type) > 0 and lk.area is None
    }
    base = sum(personnel[u] * k for u, k in locked.items() if deployed[u]) // grain
    limit = most_troops(scenario, nation) // grain
    reach = bitset_sums(
        [
            (personnel[u] // grain, nation.offer(u))
            for u in nation.offers
            if deployed[u] and u not in locked and nation.offer(u) > 0
        ],
        max(limit - base, -1),
    )
    steps = _bits(reach << base if base <= limit else 0, limit)
    values = steps[steps * grain >= max(nation.min_troops, 1)] * grain
    if _may_send_none(nation, locked, deployed, base):
        values = np.concatenate([[0], values])
    return TroopTotals(nation.code, values.astype(np.int64))


def _may_send_none(
    nation: Nation, locked: dict[str, int], deployed: dict[str, bool], base: int
) -> bool:
    if base > 0:
        return False
    must_take_part = nation.status == "committed" or any(locked.values())
    if not must_take_part:
        return True
    stand_off = any(
        not deployed[u] and k > 0 and locked.get(u, 1) > 0 for u, k in nation.offers.items()
    )
    return nation.min_troops == 0 and stand_off


def _bits(bitset: int, limit: int) -> np.ndarray:
    """Positions of the set bits of `bitset` at or below `limit`, ascending."""
    if limit < 0 or bitset == 0:
        return np.zeros(0, dtype=np.int64)
    bitset &= (1 << (limit + 1)) - 1
    raw = np.frombuffer(bitset.to_bytes((limit + 8) // 8, "little"), dtype=np.uint8)
    return np.flatnonzero(np.unpackbits(raw, bitorder="little")).astype(np.int64)
