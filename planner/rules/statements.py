"""A nation's own statements (H1-H4 and rotation H1r), in one place.

What a nation said it would give: offers (with the period each unit type is
ready from, and the areas its caveat allows), its rotation cycle, floor and
ceiling, and its status. The program's hard rows, the plan check, the hard
check of spec sections 3.1 and 8 (:mod:`planner.explain.hard_check`) and
the fair-share enumeration of troop totals all read them from here.
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.linear import Expr
from planner.rules import names
from planner.rules.base import HardFamily, Violation
from planner.scenario import words
from planner.scenario.evaluate import PlanEvaluation
from planner.scenario.model import Nation, Scenario
from planner.scenario.plan import Plan


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


def offered_troops(scenario: Scenario, nation: Nation) -> int:
    """Deployed troops of every unit the nation offers (ignoring its ceiling)."""
    return sum(u.personnel * nation.offer(u.id) for u in scenario.unit_types if u.deployed)


def most_troops(scenario: Scenario, nation: Nation) -> int:
    """The most deployed troops `nation` can send in one period: its ceiling, or all it offers."""
    return min(nation.max_troops, offered_troops(scenario, nation))


def reachable_troops(scenario: Scenario, nation: Nation, limit: int) -> tuple[int, bool]:
    """Bitset of deployed-troop totals up to `limit` the offers can make in one period; and
    whether a stand-off unit is on offer (so the total 0 still counts as taking part)."""
    offered = [(u, nation.offer(u.id)) for u in scenario.unit_types if nation.offer(u.id)]
    standoff = any(not unit.deployed for unit, _ in offered)
    reach = bitset_sums([(u.personnel, count) for u, count in offered if u.deployed], limit)
    return reach, standoff


def simple_time(scenario: Scenario, nation: Nation) -> bool:
    """Whether the nation's statements are the same in every period (no readiness or
    rotation to couple them), so one period's reasoning covers the horizon."""
    if scenario.periods.count == 1:
        return True
    if scenario.rotation_of(nation) > 1:
        return False
    return all(nation.ready(uid) == 1 for uid in nation.offers)


def label(nation: Nation) -> str:
    """'France (FR)', or the code alone when the nation has no other name."""
    return nation.code if nation.name == nation.code else f"{nation.name} ({nation.code})"


class Statements(HardFamily):
    """H1 offers (and readiness), H1r rotation, H2 taking part, H3 floor and ceiling, H4 status."""

    key = "nation"

    def define(self, program) -> None:  # type: ignore[no-untyped-def]
        scenario, model = program.scenario, program.model
        by_nation_unit: dict[tuple[str, str], dict[int, Expr]] = {}
        for (code, unit, t), expr in program.nation_units_expr.items():
            by_nation_unit.setdefault((code, unit), {})[t] = expr
        for nation in scenario.nations:
            code, y = nation.code, program.y[nation.code]
            if nation.status == "committed":
                model.col_lower[y] = 1.0
            if nation.status == "declined":
                model.col_upper[y] = 0.0
            mine = Expr()
            for unit in scenario.unit_types:
                per_period = by_nation_unit.get((code, unit.id), {})
                offer = nation.offer(unit.id)
                for t, expr in per_period.items():
                    row = expr.copy().add_term(y, -float(offer))
                    model.row(program.name(f"nation.{code}.offer.{unit.id}", t), row, upper=0)
                    mine.add(expr)
                self._rotation(program, nation, unit.id, per_period)
            model.row(f"nation.{code}.takes_part", mine - Expr.of(y), lower=0)
            for t in scenario.periods.all:
                d = program.troops(code, t)
                if d.terms:
                    ceiling = d.copy().add_term(y, -float(nation.max_troops))
                    model.row(program.name(f"nation.{code}.ceiling", t), ceiling, upper=0)
                if nation.min_troops and t >= scenario.periods.full_from:
                    # with no deployed unit on offer this row keeps the nation out
                    floor = d.copy().add_term(y, -float(nation.min_troops))
                    model.row(program.name(f"nation.{code}.floor", t), floor, lower=0)

    @staticmethod
    def _rotation(program, nation: Nation, unit_id: str, per_period: dict[int, Expr]) -> None:  # type: ignore[no-untyped-def]
        """H1r: over any `r` consecutive periods a unit type serves at most its offer."""
        r = program.scenario.rotation_of(nation)
        last = program.scenario.periods.count
        if r <= 1 or last <= 1 or not per_period:
            return
        offer = float(nation.offer(unit_id))
        for t in range(min(r, last), last + 1):
            window = [s for s in range(max(1, t - r + 1), t + 1) if s in per_period]
            if len(window) < 2:
                continue
            expr = Expr.total(per_period[s] for s in window)
            name = f"nation.{nation.code}.rotation.{unit_id}@{t}"
            program.model.row(name, expr, upper=offer)

    def check(self, scenario: Scenario, plan: Plan, ev: PlanEvaluation) -> Iterator[Violation]:
        for nation in scenario.nations:
            yield from _nation_violations(scenario, nation, plan, ev)


def _nation_violations(
    scenario: Scenario, nation: Nation, plan: Plan, ev: PlanEvaluation
) -> Iterator[Violation]:
    code, name = nation.code, names.nation(nation.code)
    who = nation.name
    allowed = set(scenario.areas_of(nation))
    for key, count in plan.items():
        if key.nation != code or not count:
            continue
        if key.period < nation.ready(key.unit) and nation.offer(key.unit):
            yield Violation(
                name,
                f"{who}'s {words.unit_name(scenario, key.unit)} is not ready before "
                f"{words.period_label(scenario, nation.ready(key.unit))}",
                True,
            )
        if key.area is not None and key.area not in allowed:
            permitted = ", ".join(words.area_name(scenario, a) for a in sorted(allowed))
            yield Violation(
                name,
                f"{who}'s units may not stand in {words.area_name(scenario, key.area)} "
                f"(its caveat allows {permitted})",
                True,
            )
    for unit in scenario.unit_types:
        per_period = ev.nation_units_at.get((code, unit.id))
        if per_period is None:
            continue
        offer = nation.offer(unit.id)
        for t, count in enumerate(per_period, start=1):
            if count > offer:
                yield Violation(
                    name,
                    f"{who} gives {words.units(scenario, unit.id, count)}"
                    f"{words.in_period(scenario, t)}, more than its offer of {offer}",
                    True,
                )
        yield from _rotation_violations(scenario, nation, unit.id, per_period)
    taking_part = ev.participating[code]
    if nation.status == "committed" and not taking_part:
        yield Violation(name, f"{who} is committed but contributes no unit", True)
    if nation.status == "declined" and taking_part:
        yield Violation(name, f"{who} has declined but is given units", True)
    for t, troops in enumerate(ev.troops_at[code], start=1):
        when = words.in_period(scenario, t)
        if taking_part and troops < nation.min_troops and t >= ev.full_from:
            yield Violation(
                name,
                f"{who} sends {troops:,} troops{when}, below its floor of {nation.min_troops:,}",
                True,
            )
        if troops > nation.max_troops:
            yield Violation(
                name,
                f"{who} sends {troops:,} troops{when}, above its ceiling of {nation.max_troops:,}",
                True,
            )


def _rotation_violations(
    scenario: Scenario, nation: Nation, unit_id: str, per_period: list[int]
) -> Iterator[Violation]:
    r, last = scenario.rotation_of(nation), len(per_period)
    if r <= 1 or last <= 1:
        return
    offer = nation.offer(unit_id)
    for t in range(min(r, last), last + 1):
        first = max(1, t - r + 1)
        used = sum(per_period[first - 1 : t])
        if used > offer:
            yield Violation(
                names.nation(nation.code),
                f"{nation.name} rotates its {offer} x {words.unit_name(scenario, unit_id)} "
                f"every {r} {scenario.periods.label}s, but "
                f"{words.periods_span(scenario, list(range(first, t + 1)))} use {used}",
                True,
            )
            return
