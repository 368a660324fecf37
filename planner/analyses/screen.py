"""Proofs that no plan exists, without a solver, for a set of nations taking part.

Each test relaxes the program of spec section 2, so when it fails no plan
can exist; when it passes nothing is claimed and a solver decides. Numbers
per nation are worked out once per scenario (:class:`Screen`), so a check
costs microseconds, which is what makes thousands of Monte Carlo draws
cheap: most draws that lose a big contributor fail here.

Also here: which withdrawn sets follow from one another. A nation is
*free* when it is not committed and has no locks; adding free nations to
the available ones can only add plans (each may stay out), so a set found
infeasible makes every set that lacks only free nations of it infeasible,
and a feasible set makes every set that adds only free nations feasible.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.explain.hard_check import own_problem
from planner.rules.statements import reachable_troops
from planner.scenario.model import Nation, Scenario
from planner.scenario.words import limit_percent


@dataclass(frozen=True)
class NationReach:
    """What one nation can bring at most, under its own statements alone."""

    can_take_part: bool
    troops: int  # most in-target troops in one period within floor..ceiling (0 if it cannot)
    units: dict[str, int]  # most units of each type: offer, capped by the ceiling for deployed


def _reach(scenario: Scenario, nation: Nation) -> NationReach:
    if nation.status == "declined" or not any(nation.offers.values()):
        return NationReach(False, 0, {})
    if own_problem(scenario, nation) is not None:
        return NationReach(False, 0, {})
    in_target = {a.id for a in scenario.areas if a.in_target}
    if not in_target & set(scenario.areas_of(nation)):  # its caveat keeps it out of the target
        units = {u.id: nation.offer(u.id) for u in scenario.unit_types if nation.offer(u.id)}
        return NationReach(True, 0, units)
    deployed = {u.id: u.personnel for u in scenario.unit_types if u.deployed}
    offered = sum(p * nation.offer(uid) for uid, p in deployed.items())
    reach, standoff = reachable_troops(scenario, nation, min(nation.max_troops, offered))
    if not standoff:
        reach &= ~1  # taking part means at least one unit
    reach >>= nation.min_troops
    if not reach:
        return NationReach(False, 0, {})
    units = {}
    for unit in scenario.unit_types:
        count = nation.offer(unit.id)
        if unit.deployed:
            count = min(count, nation.max_troops // unit.personnel)
        if count:
            units[unit.id] = count
    return NationReach(True, nation.min_troops + reach.bit_length() - 1, units)


class Screen:
    """Cheap necessary conditions for a plan, given who takes part."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.reach = {n.code: _reach(scenario, n) for n in scenario.nations}
        self.conditional = any(n.conditional for n in scenario.nations)
        self.committed = frozenset(n.code for n in scenario.nations if n.status == "committed")
        locked = {lk.nation for lk in scenario.locks}
        self.free = frozenset(
            n.code for n in scenario.nations if n.status != "committed" and n.code not in locked
        )

    def offered_units(self, available: frozenset[str]) -> dict[str, int]:
        """Most units of each required type the available nations could field in one period."""
        able = self.able(available)
        return {
            uid: sum(self.reach[c].units.get(uid, 0) for c in able)
            for uid in self.scenario.requirements
        }

    def able(self, available: frozenset[str]) -> set[str]:
        """The available nations that can take part: own statements, then conditions (H5)."""
        able = {c for c in available if self.reach[c].can_take_part}
        changed = True
        while changed:
            changed = False
            for nation in self.scenario.nations:
                code = nation.code
                if code in able and (
                    any(m not in able for m in nation.requires)
                    or nation.min_partners > len(able) - 1
                ):
                    able.discard(code)
                    changed = True
        return able

    def why_not(self, available: frozenset[str]) -> str | None:
        """A planner's sentence proving no plan exists with only `available`, or None."""
        s = self.scenario
        possible = self.able(available)
        for code in sorted(self.committed & available):
            if code not in possible:
                name = s.nation(code).name
                if not self.reach[code].can_take_part:
                    return f"{name} is committed but cannot meet its own floor and ceiling"
                return f"{name} is committed but its conditions cannot be met"
        able = sorted(possible)
        if len(able) < s.rules.min_nations:
            return f"only {len(able)} nations can take part, fewer than {s.rules.min_nations}"
        caps = [self.reach[c].troops for c in able]
        most = sum(caps)
        if most < s.target.min_troops:
            return (
                f"at most {most:,} troops on offer, "
                f"{s.target.min_troops - most:,} short of {s.target.min_troops:,}"
            )
        if s.rules.max_share < 1 and not _share_can_hold(caps, s.rules.max_share, s.target):
            return (
                f"no force of {s.target.min_troops:,}-{s.target.max_troops:,} troops "
                f"keeps every nation within {limit_percent(s.rules.max_share)} of it"
            )
        offered = self.offered_units(available)
        for uid, req in s.requirements.items():
            if offered[uid] < req.min:
                short = req.min - offered[uid]
                name = s.unit(uid).name
                if not offered[uid]:  # not 'at most 0 x ..., 1 short of 1'
                    return f"no {name} on offer, {req.min} needed"
                return f"at most {offered[uid]} x {name} on offer, {short} short of {req.min}"
        return None


def _share_can_hold(caps: list[int], share: float, target) -> bool:
    """Is there a total T in the band with sum min(cap(n), share*T) >= T?

    The left side minus T is concave in T, so its largest value over the band
    is at an end or at a kink cap(n)/share inside it.
    """
    low, high = target.min_troops, min(target.max_troops, sum(caps))
    if high < low:
        return False
    points = {low, high} | {c / share for c in caps if low < c / share < high}
    return any(sum(min(c, share * t) for c in caps) >= t - 1e-6 * max(1.0, t) for t in points)
