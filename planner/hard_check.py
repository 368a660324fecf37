"""Spec section 3.1: nations whose own statements cannot all hold.

Hard constraints couple nothing across nations, and only a committed nation
is forced to take part, so each committed nation is checked alone: which
troop totals can its offers make with at least one unit, and does any lie
between its floor and ceiling? Pure Python, no solver: bitset sums.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner import names
from planner.model import Nation, Scenario


@dataclass(frozen=True)
class Unmet:
    """One constraint that cannot hold, with the best the statements allow."""

    constraint: str
    required: float
    best_reachable: float
    gap: float
    message: str


def reachable_troops(scenario: Scenario, nation: Nation, limit: int) -> tuple[int, bool]:
    """Bitset of deployed-troop totals up to `limit` the offers can make; and
    whether a stand-off unit is on offer (so the total 0 still counts as taking part)."""
    offered = [(u, nation.offer(u.id)) for u in scenario.unit_types if nation.offer(u.id)]
    standoff = any(not unit.deployed for unit, _ in offered)
    reach = bitset_sums([(u.personnel, count) for u, count in offered if u.deployed], limit)
    return reach, standoff


def bitset_sums(items: list[tuple[int, int]], limit: int) -> int:
    """Bitset of every sum of up to `count` copies of each `size`, cut at `limit` (0 if < 0).

    Copies go in doubling chunks (1, 2, 4, ...), so a count of 1,000 costs ten shifts.
    """
    if limit < 0:
        return 0
    mask = (1 << (limit + 1)) - 1
    reach = 1
    for size, count in items:
        chunk = 1
        while count > 0 and reach != mask:
            take = min(chunk, count)
            reach |= (reach << (size * take)) & mask
            count -= take
            chunk *= 2
    return reach


def _smallest_contribution(scenario: Scenario, nation: Nation) -> int:
    return min(u.personnel for u in scenario.unit_types if u.deployed and nation.offer(u.id))


def check_nation(scenario: Scenario, nation: Nation) -> Unmet | None:
    """Why this committed nation cannot take part as it said, or None if it can."""
    name = names.nation(nation.code)
    label = nation.code if nation.name == nation.code else f"{nation.name} ({nation.code})"
    floor, ceiling = nation.min_troops, nation.max_troops
    if not any(nation.offers.values()):
        return Unmet(name, floor, 0, floor, f"{label} is committed but offers no units at all.")
    offered = sum(u.personnel * nation.offer(u.id) for u in scenario.unit_types if u.deployed)
    reach, standoff = reachable_troops(scenario, nation, min(ceiling, offered))
    if not standoff:
        reach &= ~1  # without a stand-off unit, taking part means at least one deployed unit
    if reach >> floor:
        return None  # some total in [floor, ceiling] can be made
    if reach:
        best = reach.bit_length() - 1
        return Unmet(
            name,
            floor,
            best,
            floor - best,
            f"{label} is committed with a floor of {floor:,} troops, but its offers "
            f"make at most {best:,} within its ceiling of {ceiling:,}: "
            f"{floor - best:,} short.",
        )
    smallest = _smallest_contribution(scenario, nation)
    return Unmet(
        name,
        ceiling,
        smallest,
        smallest - ceiling,
        f"{label} is committed, but its smallest possible contribution "
        f"({smallest:,} troops) is above its ceiling of {ceiling:,}: "
        f"{smallest - ceiling:,} over.",
    )


def hard_problems(scenario: Scenario) -> list[Unmet]:
    """Every committed nation that cannot meet its own floor, ceiling and offers."""
    found = []
    for nation in scenario.nations:
        if nation.status == "committed":
            problem = check_nation(scenario, nation)
            if problem is not None:
                found.append(problem)
    return found
