"""Alike areas merged, then split back (planner/optimise/aggregate.py).

On random tiny scenarios whose areas all count alike, the solve (merged
first) has the brute-force optimum, both objectives. The merged program is
a relaxation: its optimum is never above the brute-force optimum of the
scenario, and a plan split back breaks no rule by the independent checker
and keeps the merged plan's value (so, split, the merged optimum is the
scenario's). Plus the merge's own arithmetic on a hand-made scenario, and a
split a capacity forbids.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hypothesis import HealthCheck, assume, event, given, settings

from planner.optimise import aggregate
from planner.rules.objectives import objective_value
from planner.scenario.io import loads_scenario
from planner.scenario.plan import Cell
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from tests.helpers.reference import brute_force as bf
from tests.helpers.reference import checker
from tests.helpers.reference.scenario import read_scenario
from tests.helpers.reference.strategies import exhaustive_settings, scenarios

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

OBJECTIVES = ("min_cost", "fair_share")


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def as_reference(plan) -> dict:  # type: ignore[no-untyped-def]
    return {(c.nation, c.unit, c.area, c.period): v for c, v in plan.items() if v}


def _alike(raw: dict) -> dict:
    """`raw` with every area in the target, so that its areas merge (locks naming an area
    kept: merged they are floors, split they hold again)."""
    out = json.loads(json.dumps(raw))
    for area in out["areas"]:
        area["in_target"] = True
    return out


ALIKE = scenarios(budget=20_000).filter(lambda raw: len(raw.get("areas") or []) >= 2).map(_alike)


@settings(exhaustive_settings(80), suppress_health_check=list(HealthCheck))
@given(raw=ALIKE)
def test_merged_optimum_bounds_and_split_plans_are_plans(raw):
    scenario = parse_scenario(raw)
    merged = aggregate.merge(scenario)
    assume(merged is not None)
    assert merged is not None
    ref = read_scenario(raw)
    answer = bf.brute_optimum(bf.enumerate_plans(ref))
    for objective in OBJECTIVES:
        whole = solve(scenario, objective, explain=False)  # least cost: merged, then split
        assert (str(whole.status) == "optimal") == (answer.status == "optimal"), objective
        if answer.status == "optimal":
            want = answer.min_cost if objective == "min_cost" else answer.fair_share
            assert close(whole.objective_value, want), (objective, whole.objective_value, want)
            assert checker.violations(ref, as_reference(whole.allocation)) == []
        result = solve(merged.scenario, objective, explain=False)
        if answer.status == "optimal":
            want = answer.min_cost if objective == "min_cost" else answer.fair_share
            if str(result.status) == "optimal":
                # a relaxation: never above the scenario's own optimum
                assert result.objective_value <= want + 1e-6 * max(1.0, abs(want)), objective
        if not result.allocation or str(result.status) not in ("optimal", "feasible"):
            continue
        plan = aggregate.split(merged, dict(result.allocation), None)
        event(f"{objective}: split {'made' if plan is not None else 'refused'}")
        if plan is None:
            continue
        assert checker.violations(ref, as_reference(plan)) == [], objective
        value = objective_value(scenario, plan, objective)
        assert close(value, objective_value(merged.scenario, result.allocation, objective))


def _two_hubs() -> dict:
    unit = {"personnel": 100, "category": "manoeuvre", "deployed": True}
    return {
        "schema": "force-planner/scenario@2",
        "name": "two hubs",
        "target": {"min_troops": 300, "max_troops": 600},
        "areas": [
            {"id": "h1", "name": "Hub 1", "in_target": True, "capacity_troops": 200},
            {"id": "h2", "name": "Hub 2", "in_target": True, "capacity_troops": 300},
            {"id": "out", "name": "Outside", "in_target": False},
        ],
        "periods": {"count": 2, "label": "quarter", "first": "2027-Q1", "rotation": 1},
        "unit_types": [dict(unit, id="inf", name="Infantry")],
        "nations": [
            {
                "code": "AA",
                "name": "Aland",
                "status": "possible",
                "min_troops": 0,
                "max_troops": 1000,
                "cost_per_troop": 1.0,
                "burden_weight": 1.0,
                "offers": {"inf": 6},
            },
            {
                "code": "BB",
                "name": "Beland",
                "status": "possible",
                "min_troops": 0,
                "max_troops": 1000,
                "cost_per_troop": 1.0,
                "burden_weight": 1.0,
                "offers": {"inf": 6},
                "areas": ["h2", "out"],
            },
        ],
        "requirements": {},
        "area_requirements": {"h1": {"inf": {"min": 1, "max": 2}}, "h2": {"inf": {"min": 1}}},
        "rules": {"max_share": 1.0, "min_nations": 0},
        "locks": [],
        "objective": "min_cost",
    }


def test_merge_sums_capacities_and_minimums_and_keeps_caveats():
    merged = aggregate.merge(loads_scenario(json.dumps(_two_hubs())))
    assert merged is not None
    assert merged.groups == {"h1": ("h1", "h2"), "out": ("out",)}
    hub = merged.scenario.area("h1")
    assert hub.in_target and hub.capacity_troops == 500
    need = merged.scenario.area_requirements["h1"]["inf"]
    assert (need.min, need.max) == (2, None)  # h2 has no maximum: the group has none
    beland = merged.scenario.nation("BB")
    assert beland.areas == ("h1", "out")


def test_a_lock_in_an_area_is_a_floor_merged_and_holds_split():
    raw = _two_hubs()
    raw["locks"] = [
        {"nation": "AA", "unit_type": "inf", "count": 1, "area": "h2", "period": 2},
        {"nation": "BB", "unit_type": "inf", "count": 2},
    ]
    scenario = loads_scenario(json.dumps(raw))
    merged = aggregate.merge(scenario)
    assert merged is not None
    # the lock without an area stays; the one in h2 is a floor on the merged hub
    assert [(lk.nation, lk.area) for lk in merged.scenario.locks] == [("BB", None)]
    assert merged.floors == {Cell("AA", "inf", "h1", 2): 1}
    assert merged.fixed == {Cell("AA", "inf", "h2", 2): 1}
    plan = {Cell("AA", "inf", "h1", t): 2 for t in (1, 2)}
    plan |= {Cell("BB", "inf", "h1", t): 2 for t in (1, 2)}
    split = aggregate.split(merged, plan, None)
    assert split is not None
    assert split.get(Cell("AA", "inf", "h2", 2), 0) == 1  # the lock holds
    assert split.get(Cell("AA", "inf", "h1", 2), 0) == 1
    none_there = {Cell("BB", "inf", "h1", t): 3 for t in (1, 2)}  # no AA in period 2
    assert aggregate.split(merged, none_there, None) is None
    result = solve(scenario, explain=False)
    assert str(result.status) == "optimal"
    assert result.allocation.get(Cell("AA", "inf", "h2", 2), 0) == 1


def test_no_merge_with_areas_all_apart():
    raw = _two_hubs()
    raw["areas"] = raw["areas"][1:]
    raw["area_requirements"] = {"h2": {"inf": {"min": 1}}}
    raw["nations"][1]["areas"] = ["h2"]
    assert aggregate.merge(loads_scenario(json.dumps(raw))) is None


def test_split_keeps_capacity_caveats_and_area_requirements():
    scenario = loads_scenario(json.dumps(_two_hubs()))
    merged = aggregate.merge(scenario)
    assert merged is not None
    plan = {Cell("AA", "inf", "h1", t): 2 for t in (1, 2)}
    plan |= {Cell("BB", "inf", "h1", t): 3 for t in (1, 2)}
    split = aggregate.split(merged, plan, None)
    assert split is not None
    for t in (1, 2):
        assert split.get(Cell("BB", "inf", "h1", t), 0) == 0  # its caveat: h2 only
        in_h1 = sum(k for c, k in split.items() if c.area == "h1" and c.period == t)
        in_h2 = sum(k for c, k in split.items() if c.area == "h2" and c.period == t)
        assert (in_h1, in_h2) == (2, 3)  # h1 holds 200 troops, at most 2 units
    too_many = {Cell("BB", "inf", "h1", t): 5 for t in (1, 2)}  # 500 troops, h2 holds 300
    assert aggregate.split(merged, too_many, None) is None


def test_solve_over_periods_finds_the_same_optimum_merged(monkeypatch):
    """The built-in default scenario over 3 areas x 8 quarters (benchmarks/generate_s2.py):
    merged and split, the plan is optimal, breaks no rule, and has the value the full
    program alone proves."""
    from generate_s2 import default_in_time

    import planner.solve as solving
    from planner.rules import violations

    scenario = loads_scenario(json.dumps(default_in_time(3, 8, 0, "min_cost")))
    merged = solve(scenario, "min_cost")
    assert str(merged.status) == "optimal"
    assert violations(scenario, merged.allocation) == []
    monkeypatch.setattr(solving, "_merges", lambda *args: False)
    alone = solve(scenario, "min_cost")
    assert str(alone.status) == "optimal"
    assert close(merged.objective_value, alone.objective_value)
