"""Spec sections 3.1 and 8: nations whose own statements cannot all hold.

Without conditions, hard constraints couple nothing across nations and only
a committed nation is forced to take part, so each nation is checked alone:
can its offers, with at least one unit, meet its floor in every full period
and its ceiling in every period (and its rotation)? Where one period's
reasoning covers the horizon this is pure Python (bitset sums, no solver);
with readiness or rotation a tiny program per nation decides.

Conditions (H5) couple nations: the nations that can take part are found as
a fixed point (:func:`able_to_take_part`), and a committed nation left out
is reported with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.rules import names
from planner.rules.statements import (
    label,
    most_troops,
    reachable_troops,
    simple_time,
)
from planner.scenario import words
from planner.scenario.model import Nation, Scenario


@dataclass(frozen=True)
class Unmet:
    """One constraint that cannot hold, with the best the statements allow."""

    constraint: str
    required: float
    best_reachable: float
    gap: float
    message: str


def _smallest_contribution(scenario: Scenario, nation: Nation) -> int:
    return min(u.personnel for u in scenario.unit_types if u.deployed and nation.offer(u.id))


def own_problem(scenario: Scenario, nation: Nation) -> Unmet | None:
    """Why `nation` cannot take part as it said (H1, H1r, H2, H3 with y = 1), or None."""
    name = names.nation(nation.code)
    who = _subject(nation)
    floor, ceiling = nation.min_troops, nation.max_troops
    if not any(nation.offers.values()):
        return Unmet(name, floor, 0, floor, f"{who} but offers no units at all.")
    if not simple_time(scenario, nation):
        return _problem_in_time(scenario, nation)
    reach, standoff = reachable_troops(scenario, nation, most_troops(scenario, nation))
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
            f"{who} with a floor of {floor:,} troops, but its offers make at most {best:,} "
            f"within its ceiling of {ceiling:,}: {floor - best:,} short.",
        )
    smallest = _smallest_contribution(scenario, nation)
    return Unmet(
        name,
        ceiling,
        smallest,
        smallest - ceiling,
        f"{who}, but its smallest possible contribution ({smallest:,} troops) is above its "
        f"ceiling of {ceiling:,}: {smallest - ceiling:,} over.",
    )


def _problem_in_time(scenario: Scenario, nation: Nation) -> Unmet | None:
    """The same question with readiness and rotation: a tiny program for one nation."""
    floor = nation.min_troops
    best, any_unit = sustained_floor(scenario, nation)
    name = names.nation(nation.code)
    who = _subject(nation)
    if not any_unit:
        return Unmet(name, 1, 0, 1, f"{who}, but it cannot send a single unit within its ceiling.")
    if best >= floor:
        return None
    label_ = scenario.periods.label
    r = scenario.rotation_of(nation)
    how = f"with a rotation of one {label_} in {r}" if r > 1 else "with its units' readiness"
    return Unmet(
        name,
        floor,
        best,
        floor - best,
        f"{who} with a floor of {floor:,} troops in every {label_} from "
        f"{words.period_label(scenario, scenario.periods.full_from)}, but {how} its offers "
        f"keep at most {best:,} there at once: {floor - best:,} short.",
    )


def _subject(nation: Nation) -> str:
    """'France (FR) is committed' (or 'would take part'): how its problem sentence opens."""
    verb = "is committed" if nation.status == "committed" else "would take part"
    return f"{label(nation)} {verb}"


def sustained_floor(scenario: Scenario, nation: Nation) -> tuple[int, bool]:
    """The most troops (up to its floor) the nation can keep in every full period at once,
    under its readiness, rotation and ceiling; and whether it can send any unit at all.

    A tiny program: units of each type per period (areas do not matter to the
    nation's own statements), maximising the least full-period total.
    """
    from planner.linear import Expr, LinearModel
    from planner.optimise.solver import solve_model

    model = LinearModel(f"sustain.{nation.code}")
    periods, r = scenario.periods, scenario.rotation_of(nation)
    per_unit: dict[str, dict[int, int]] = {}
    troops = {t: Expr() for t in periods.all}
    for unit in scenario.unit_types:
        offer = nation.offer(unit.id)
        if offer <= 0:
            continue
        cols = {
            t: model.column(f"x.{unit.id}@{t}", 0, offer, integer=True)
            for t in range(nation.ready(unit.id), periods.count + 1)
        }
        per_unit[unit.id] = cols
        for t, col in cols.items():
            if unit.deployed:
                troops[t].add_term(col, float(unit.personnel))
        for t in range(min(r, periods.count), periods.count + 1):
            window = [cols[s] for s in range(max(1, t - r + 1), t + 1) if s in cols]
            if len(window) > 1:
                model.row(f"rotation.{unit.id}@{t}", Expr(dict.fromkeys(window, 1.0)), upper=offer)
    every = Expr({col: 1.0 for cols in per_unit.values() for col in cols.values()})
    model.row("takes_part", every, lower=1)
    least = model.column("least", 0, nation.min_troops)
    for t in periods.all:
        model.row(f"ceiling@{t}", troops[t], upper=nation.max_troops)
        if t >= periods.full_from:
            model.row(f"least@{t}", troops[t] - Expr.of(least), lower=0)
    model.set_objective(Expr.of(least, -1.0))
    outcome = solve_model(model)
    if not outcome.has_plan or outcome.values is None:
        return 0, False
    return round(outcome.values[least]), True


def able_to_take_part(scenario: Scenario) -> tuple[set[str], dict[str, Unmet]]:
    """Spec section 8: the nations that can take part, and why each other one cannot.

    Start from the nations not declined whose own statements can hold; drop,
    until nothing changes, every nation that requires one outside the set or
    whose `min_partners` exceeds the others left.
    """
    why: dict[str, Unmet] = {}
    able: set[str] = set()
    for nation in scenario.nations:
        if nation.status == "declined":
            continue
        problem = own_problem(scenario, nation)
        if problem is None:
            able.add(nation.code)
        else:
            why[nation.code] = problem
    changed = True
    while changed:
        changed = False
        for nation in scenario.nations:
            if nation.code not in able:
                continue
            reason = _condition_problem(scenario, nation, able, why)
            if reason is not None:
                able.discard(nation.code)
                why[nation.code] = reason
                changed = True
    return able, why


def _condition_problem(
    scenario: Scenario, nation: Nation, able: set[str], why: dict[str, Unmet]
) -> Unmet | None:
    name = names.nation(nation.code)
    for other in nation.requires:
        if other in able:
            continue
        other_nation = scenario.nation(other)
        if other_nation.status == "declined":
            because = "which is declined"
        else:
            because = "which cannot take part"
        return Unmet(
            name, 1, 0, 1, f"{_subject(nation)}, but it requires {other_nation.name}, {because}."
        )
    others = len(able) - 1
    if nation.min_partners > others:
        short = nation.min_partners - others
        return Unmet(
            name,
            nation.min_partners,
            others,
            short,
            f"{_subject(nation)} only with at least {nation.min_partners} other nations, "
            f"but at most {others} others can take part: {short} short.",
        )
    return None


def hard_problems(scenario: Scenario) -> list[Unmet]:
    """Every committed nation that cannot take part (status invalid when any)."""
    able, why = able_to_take_part(scenario)
    return [why[n.code] for n in scenario.nations if n.status == "committed" and n.code not in able]
