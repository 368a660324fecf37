"""What a plan means, computed straight from the spec's formulas (sections 2 and 7).

No solver here: the GUI evaluates hand-made plans on every edit, and the
optimiser reports objective values through the same functions, so the number
a planner sees is always the spec's number exactly. Which rules a plan
breaks is asked of the constraint families (:func:`planner.rules.violations`);
objective values of the objectives (:mod:`planner.rules.objectives`).
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.scenario.model import Scenario
from planner.scenario.plan import Plan


@dataclass(frozen=True)
class PlanEvaluation:
    """Troops, participation and unit counts of one plan, period by period.

    Lists are indexed by period - 1. The summaries without a period follow
    spec section 10: a nation's `troops` is its peak D(n,t); `total_troops`
    is the least TOTAL(t) over full periods (the force the operation can
    count on); `unit_counts` the least count of each type over full periods.
    With one period each is simply the period's figure.
    """

    periods: int
    full_from: int
    troops_at: dict[str, list[int]]
    """D(n,t): ground troops of each nation, wherever they stand."""
    in_target_at: dict[str, list[int]]
    """Din(n,t): the same in areas that count toward the target."""
    total_at: list[int]
    """TOTAL(t): in-target troops of the whole force."""
    ground_at: list[int]
    """GROUND(t): ground troops of the whole force, every area."""
    units_at: dict[str, list[int]]
    """Units of each type in the force, summed over nations and areas."""
    nation_units_at: dict[tuple[str, str], list[int]]
    """X(n,u,t): units of one type from one nation, summed over areas."""
    area_units_at: dict[tuple[str, str], list[int]]
    """Units of each deployed type standing in each area: (area, unit) -> per period."""
    area_troops_at: dict[str, list[int]]
    """Troops standing in each area."""
    participating: dict[str, bool]
    """y(n): at least one unit in some period."""

    @property
    def full(self) -> range:
        return range(self.full_from, self.periods + 1)

    @property
    def troops(self) -> dict[str, int]:
        """Each nation's peak ground troops over the horizon."""
        return {code: max(values) for code, values in self.troops_at.items()}

    @property
    def in_target(self) -> dict[str, int]:
        return {code: max(values) for code, values in self.in_target_at.items()}

    @property
    def total_troops(self) -> int:
        return min(self.total_at[t - 1] for t in self.full)

    @property
    def least_period(self) -> int:
        """The full period with the fewest troops in the target (the first of equals): the
        period whose figures add up to `total_troops`, shown when one period must stand
        for the horizon (a nation's peaks come from different periods and do not add up)."""
        return min(self.full, key=lambda t: (self.total_at[t - 1], t))

    @property
    def unit_counts(self) -> dict[str, int]:
        return {uid: min(v[t - 1] for t in self.full) for uid, v in self.units_at.items()}

    @property
    def nations_taking_part(self) -> int:
        return sum(self.participating.values())


def evaluate(scenario: Scenario, plan: Plan) -> PlanEvaluation:
    """D(n,t), Din(n,t), TOTAL(t), GROUND(t), units per type and area, and y(n) of `plan`."""
    count = scenario.periods.count
    personnel = scenario.deployed_personnel
    in_target = {a.id for a in scenario.areas if a.in_target}
    codes = [n.code for n in scenario.nations]
    troops = {c: [0] * count for c in codes}
    inside = {c: [0] * count for c in codes}
    units = {u.id: [0] * count for u in scenario.unit_types}
    area_troops = {a.id: [0] * count for a in scenario.areas}
    nation_units: dict[tuple[str, str], list[int]] = {}
    area_units: dict[tuple[str, str], list[int]] = {}
    used = dict.fromkeys(codes, False)
    for key, number in plan.items():
        if not number:
            continue
        t = key.period - 1
        used[key.nation] = True
        units[key.unit][t] += number
        nation_units.setdefault((key.nation, key.unit), [0] * count)[t] += number
        size = personnel[key.unit]
        if key.area is None or not size:
            continue
        troops[key.nation][t] += size * number
        area_troops[key.area][t] += size * number
        area_units.setdefault((key.area, key.unit), [0] * count)[t] += number
        if key.area in in_target:
            inside[key.nation][t] += size * number
    return PlanEvaluation(
        periods=count,
        full_from=scenario.periods.full_from,
        troops_at=troops,
        in_target_at=inside,
        total_at=[sum(inside[c][t] for c in codes) for t in range(count)],
        ground_at=[sum(troops[c][t] for c in codes) for t in range(count)],
        units_at=units,
        nation_units_at=nation_units,
        area_units_at=area_units,
        area_troops_at=area_troops,
        participating=used,
    )


def fair_shares(scenario: Scenario) -> dict[str, float]:
    """phi(n): each nation's share of the burden by weight; zero for declined nations.

    The spec is silent when every weight is zero; we then split evenly among
    the nations not declined (docs/decisions.md).
    """
    open_nations = [n for n in scenario.nations if n.status != "declined"]
    weight = sum(n.burden_weight for n in open_nations)
    shares = {n.code: 0.0 for n in scenario.nations}
    for n in open_nations:
        shares[n.code] = n.burden_weight / weight if weight > 0 else 1.0 / len(open_nations)
    return shares
