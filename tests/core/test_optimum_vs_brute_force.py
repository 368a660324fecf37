"""The solver against exhaustive enumeration, on hand-made and random small scenarios.

For every scenario: status ``optimal`` exactly when brute force finds a
feasible plan, with the same objective value; every plan passes the
independent checker; infeasible results report exactly the soft constraints
that cannot hold alone (with the brute-force best value and gap) or else a
minimal conflicting set, plus a closest plan that keeps every hard
constraint; ``invalid`` results name exactly the committed nations that
cannot meet their own statements.

The hand-made cases also pin the brute force itself to numbers worked out by
hand, so a bug there cannot hide a bug in the solver.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.helpers.brute_force import BruteForce, analyse
from tests.helpers.scenario_factory import SCHEMA, scenarios
from tests.helpers.spec_checker import check_plan, model_of, soft_constraint_names

TOL = 1e-6


def close(a: float, b: float) -> bool:
    return abs(a - b) <= TOL * max(1.0, abs(b))


def solve_dict(scenario: dict[str, Any], objective: str | None = None, **kwargs) -> dict:
    """Validate and solve through the public API; the result as its JSON document."""
    from planner.scenario.validation import parse_scenario
    from planner.solve import solve

    result = solve(parse_scenario(copy.deepcopy(scenario)), objective=objective, **kwargs)
    return json.loads(json.dumps(result.to_dict(), allow_nan=False))


def _numbers_match(item: dict, required, best, gap) -> bool:
    try:
        return (
            close(item["required"], required)
            and close(item["best_reachable"], best)
            and close(item["gap"], gap)
        )
    except (KeyError, TypeError):
        return False


def problems_against_brute_force(
    scenario: dict, result: dict, bf: BruteForce, objective: str | None = None
) -> list[str]:
    """Everything in `result` that disagrees with the spec or the brute force."""
    out: list[str] = []
    want_objective = objective or scenario.get("objective", "min_cost")
    if result.get("objective") != want_objective:
        out.append(f"objective {result.get('objective')!r}, expected {want_objective!r}")
    status = result.get("status")
    unmet = result.get("unmet") or []
    names = [item.get("constraint") for item in unmet]
    conflict = result.get("conflict")
    if conflict is None:
        out.append("conflict key missing")
        conflict = []
    if len(set(names)) != len(names):
        out.append(f"unmet lists a constraint twice: {names}")

    if not bf.hard_feasible:
        if status != "invalid":
            out.append(f"status {status!r}, expected 'invalid' (hard constraints fail)")
        if result.get("allocation") != []:
            out.append(f"invalid result has a non-empty allocation {result.get('allocation')}")
        expected = {f"nation.{code}" for code in bf.failures}
        if set(names) != expected:
            out.append(f"unmet {sorted(map(str, names))}, expected exactly {sorted(expected)}")
        for item in unmet:
            failure = bf.failures.get(str(item.get("constraint", ""))[len("nation.") :])
            if (
                failure
                and failure.mode == "floor"
                and not _numbers_match(item, failure.required, failure.best_reachable, failure.gap)
            ):
                out.append(
                    f"{item} should be required {failure.required}, best_reachable "
                    f"{failure.best_reachable}, gap {failure.gap}"
                )
        if conflict:
            out.append(f"invalid result with a conflict {conflict}")
        return out

    if bf.feasible:
        best = bf.optimum(want_objective)
        if status != "optimal":
            out.append(f"status {status!r}, brute force finds feasible plans (optimum {best})")
            return out
        value = result.get("objective_value")
        if not isinstance(value, int | float) or not close(value, best):
            out.append(f"objective_value {value!r} but the brute-force optimum is {best}")
        out += check_plan(scenario, result, feasible=True)
        if unmet or conflict:
            out.append(f"optimal result with unmet {unmet} / conflict {conflict}")
        return out

    # Hard constraints hold, soft ones cannot all hold: infeasible.
    if status != "infeasible":
        out.append(f"status {status!r}, brute force finds no feasible plan")
        return out
    out += [f"closest plan: {p}" for p in check_plan(scenario, result, feasible=False)]
    expected = bf.individually_unmet()
    if set(names) != set(expected):
        out.append(f"unmet {sorted(map(str, names))}, expected exactly {sorted(expected)}")
    for item in unmet:
        b = bf.best.get(str(item.get("constraint")))
        if b and not _numbers_match(item, b.required, b.best_reachable, b.gap):
            out.append(
                f"{item}: expected required {b.required}, best_reachable "
                f"{b.best_reachable}, gap {b.gap}"
            )
    if expected:
        if conflict:
            out.append(f"conflict {conflict} reported although unmet is non-empty")
    elif not conflict:
        out.append("infeasible, every soft constraint holds alone, but no conflict reported")
    else:
        ok, why = bf.is_minimal_conflict(list(conflict))
        if not ok:
            out.append(f"conflict {conflict} is not a minimal conflicting set: {why}")
    return out


def assert_agrees(scenario: dict, objective: str | None = None) -> tuple[dict, BruteForce]:
    bf = analyse(scenario)
    result = solve_dict(scenario, objective)
    problems = problems_against_brute_force(scenario, result, bf, objective)
    assert not problems, (
        "\n".join(problems)
        + f"\nobjective override: {objective!r}\nscenario: {json.dumps(scenario)}"
        + f"\nresult: {json.dumps(result)}"
    )
    return result, bf


# --------------------------------------------------------------------------- hand-made

INF = {"id": "mech_inf_bn", "name": "Mech inf", "personnel": 700}
AIR = {"id": "isr_sqn", "name": "ISR", "personnel": 100, "deployed": False}
BN5 = {"id": "bn", "name": "Battalion", "personnel": 500}


def make(units, nations, target=(0, 100000), **extra) -> dict[str, Any]:
    scenario = {
        "schema": SCHEMA,
        "name": "hand-made",
        "target": {"min_troops": target[0], "max_troops": target[1]},
        "unit_types": units,
        "nations": nations,
    }
    scenario.update(extra)
    return scenario


def nation(code, max_troops, offers, **kw) -> dict[str, Any]:
    return {"code": code, "name": code, "max_troops": max_troops, "offers": offers, **kw}


def unmet_by_name(result: dict) -> dict[str, dict]:
    return {item["constraint"]: item for item in result["unmet"]}


def test_min_cost_uses_cheaper_nation_and_costs_stand_off_units():
    scenario = make(
        [INF, AIR],
        [
            nation("FR", 3000, {"mech_inf_bn": 3}, status="committed"),
            nation("DE", 3000, {"mech_inf_bn": 2, "isr_sqn": 1}, cost_per_troop=0.5),
        ],
        target=(1400, 2100),
        requirements={"isr_sqn": {"min": 1, "max": None}},
    )
    # FR must send a battalion (700); DE sends one (350) and the ISR squadron (50).
    bf = analyse(scenario)
    assert bf.optimum("min_cost") == pytest.approx(1100)
    result, _ = assert_agrees(scenario)
    assert result["objective_value"] == pytest.approx(1100)
    assert result["total_troops"] == 1400


def test_stand_off_units_do_not_count_towards_troops():
    air = {"id": "isr_sqn", "name": "ISR", "personnel": 200, "deployed": False}
    scenario = make(
        [BN5, air],
        [nation("PL", 5000, {"bn": 2, "isr_sqn": 2}, status="committed", cost_per_troop=2.0)],
        target=(1000, 1000),
        requirements={"isr_sqn": {"min": 1, "max": None}},
    )
    assert analyse(scenario).optimum("min_cost") == pytest.approx(2 * (1000 + 200))
    result, _ = assert_agrees(scenario)
    assert result["total_troops"] == 1000
    assert result["nations"][0]["troops"] == 1000


def test_fair_share_equal_shares_when_weights_are_zero_and_declined_excluded():
    scenario = make(
        [BN5],
        [
            nation("FR", 5000, {"bn": 3}, status="committed"),
            nation("DE", 5000, {"bn": 1}),
            nation("PL", 5000, {"bn": 3}, status="declined", burden_weight=5.0),
        ],
        target=(1500, 1500),
        objective="fair_share",
    )
    # phi = 1/2 for FR and DE (zero weights, PL declined). FR 2 + DE 1: 250 + 250.
    assert analyse(scenario).optimum("fair_share") == pytest.approx(500)
    result, _ = assert_agrees(scenario)
    assert result["objective_value"] == pytest.approx(500)


def test_fair_share_nation_staying_out_counts_its_whole_share():
    scenario = make(
        [BN5, AIR],
        [
            nation("FR", 5000, {"bn": 2}, status="committed", burden_weight=1.0),
            nation("DE", 400, {"isr_sqn": 1}, burden_weight=1.0),
        ],
        target=(1000, 2000),
        objective="fair_share",
    )
    # DE can never deploy troops: |1000 - 500| + |0 - 500| = 1000 at best.
    assert analyse(scenario).optimum("fair_share") == pytest.approx(1000)
    assert_agrees(scenario)
    assert_agrees(scenario, "min_cost")


def test_unreachable_target_reports_best_and_gap():
    scenario = make(
        [INF],
        [
            nation("FR", 5000, {"mech_inf_bn": 3}, status="committed"),
            nation("DE", 1400, {"mech_inf_bn": 2}),
        ],
        target=(6000, 7000),
    )
    result, bf = assert_agrees(scenario)
    assert bf.individually_unmet() == ["target.min_troops"]
    item = unmet_by_name(result)["target.min_troops"]
    assert (item["required"], item["best_reachable"], item["gap"]) == (6000, 3500, 2500)
    assert result["conflict"] == []


def test_conflict_between_target_ceiling_and_requirement():
    scenario = make(
        [INF],
        [nation("FR", 5000, {"mech_inf_bn": 2})],
        target=(0, 700),
        requirements={"mech_inf_bn": {"min": 2, "max": None}},
    )
    result, bf = assert_agrees(scenario)
    assert bf.individually_unmet() == []
    assert result["unmet"] == []
    assert sorted(result["conflict"]) == ["requirement.mech_inf_bn.min", "target.max_troops"]


def test_invalid_committed_nations_that_cannot_meet_their_statements():
    scenario = make(
        [INF],
        [
            nation("FR", 2000, {"mech_inf_bn": 1}, status="committed", min_troops=1000),
            nation("DE", 100, {}, status="committed"),
            nation("PL", 500, {"mech_inf_bn": 1}, status="committed"),
            nation("NL", 5000, {"mech_inf_bn": 1}, status="committed"),
            nation("ES", 1000, {"mech_inf_bn": 1}, min_troops=1000),
        ],
    )
    bf = analyse(scenario)
    assert {c: f.mode for c, f in bf.failures.items()} == {
        "FR": "floor",
        "DE": "no_offers",
        "PL": "ceiling",
    }
    result, _ = assert_agrees(scenario)
    assert result["status"] == "invalid"
    fr = unmet_by_name(result)["nation.FR"]
    assert (fr["required"], fr["best_reachable"], fr["gap"]) == (1000, 700, 300)


def test_lock_nearest_reachable_count_ties_go_lower():
    scenario = make(
        [INF],
        [
            nation("FR", 1400, {"mech_inf_bn": 3}, min_troops=1400),  # 0 or 2 battalions
            nation("DE", 1400, {"mech_inf_bn": 3}, status="committed"),
        ],  # 1 or 2
        locks=[
            {"nation": "FR", "unit_type": "mech_inf_bn", "count": 1},
            {"nation": "DE", "unit_type": "mech_inf_bn", "count": 3},
        ],
    )
    result, _ = assert_agrees(scenario)
    unmet = unmet_by_name(result)
    fr, de = unmet["lock.FR.mech_inf_bn"], unmet["lock.DE.mech_inf_bn"]
    assert (fr["required"], fr["best_reachable"], fr["gap"]) == (1, 0, 1)
    assert (de["required"], de["best_reachable"], de["gap"]) == (3, 2, 1)


def test_share_rule_unmet_in_troops():
    scenario = make(
        [INF],
        [
            nation("FR", 1400, {"mech_inf_bn": 3}, status="committed", min_troops=1400),
            nation("DE", 700, {"mech_inf_bn": 1}),
        ],
        rules={"max_share": 0.5},
    )
    # Best: DE joins, 1400 - 0.5 * 2100 = 350 troops over the cap.
    result, bf = assert_agrees(scenario)
    assert bf.individually_unmet() == ["share.FR"]
    item = unmet_by_name(result)["share.FR"]
    assert (item["required"], item["best_reachable"], item["gap"]) == (0, 350, 350)


def test_min_nations_requirement_max_and_target_max_unmet():
    scenario = make(
        [INF],
        [
            nation("FR", 5000, {"mech_inf_bn": 3}, status="committed", min_troops=2000),
            nation("DE", 5000, {"mech_inf_bn": 3}, status="declined"),
        ],
        target=(0, 1500),
        requirements={"mech_inf_bn": {"min": 0, "max": 1}},
        rules={"min_nations": 2},
    )
    result, _ = assert_agrees(scenario)
    unmet = unmet_by_name(result)
    assert set(unmet) == {"target.max_troops", "requirement.mech_inf_bn.max", "min_nations"}
    assert [unmet["target.max_troops"][k] for k in ("required", "best_reachable", "gap")] == [
        1500,
        2100,
        600,
    ]
    assert [
        unmet["requirement.mech_inf_bn.max"][k] for k in ("required", "best_reachable", "gap")
    ] == [1, 3, 2]
    assert [unmet["min_nations"][k] for k in ("required", "best_reachable", "gap")] == [2, 1, 1]


def test_max_share_one_has_no_share_constraints():
    scenario = make(
        [INF],
        [nation("FR", 5000, {"mech_inf_bn": 3}, status="committed")],
        rules={"max_share": 1.0},
    )
    assert not any(n.startswith("share.") for n in soft_constraint_names(model_of(scenario)))
    result, _ = assert_agrees(scenario)
    assert result["status"] == "optimal"


def test_locks_honoured_and_open_requirement_max():
    scenario = make(
        [INF, AIR],
        [
            nation("FR", 5000, {"mech_inf_bn": 3, "isr_sqn": 2}, status="likely"),
            nation("DE", 5000, {"mech_inf_bn": 3}, cost_per_troop=0.5),
        ],
        target=(1400, 3500),
        requirements={"mech_inf_bn": {"min": 2, "max": None}},
        locks=[
            {"nation": "FR", "unit_type": "isr_sqn", "count": 2},
            {"nation": "DE", "unit_type": "mech_inf_bn", "count": 1},
        ],
        rules={"max_share": 0.75, "min_nations": 2},
    )
    result, _ = assert_agrees(scenario)
    alloc = {(a["nation"], a["unit_type"]): a["count"] for a in result["allocation"]}  # JSON
    assert alloc[("FR", "isr_sqn")] == 2 and alloc[("DE", "mech_inf_bn")] == 1
    assert_agrees(scenario, "fair_share")


def test_all_declined_fair_share_is_zero_and_target_unreachable():
    scenario = make(
        [INF],
        [
            nation("FR", 5000, {"mech_inf_bn": 3}, status="declined", burden_weight=2.0),
            nation("DE", 5000, {"mech_inf_bn": 3}, status="declined"),
        ],
        target=(0, 5000),
        objective="fair_share",
    )
    result, _ = assert_agrees(scenario)
    assert result["status"] == "optimal" and result["objective_value"] == pytest.approx(0)
    assert result["allocation"] == [] and result["total_troops"] == 0
    scenario["target"]["min_troops"] = 700
    result, _ = assert_agrees(scenario)
    item = unmet_by_name(result)["target.min_troops"]
    assert (item["required"], item["best_reachable"], item["gap"]) == (700, 0, 700)


def test_requirement_nobody_offers():
    scenario = make(
        [INF, AIR],
        [nation("FR", 5000, {"mech_inf_bn": 3}, status="committed")],
        requirements={"isr_sqn": {"min": 2, "max": 5}, "mech_inf_bn": {"min": 0, "max": None}},
    )
    result, _ = assert_agrees(scenario)
    assert [i["constraint"] for i in result["unmet"]] == ["requirement.isr_sqn.min"]
    item = result["unmet"][0]
    assert (item["required"], item["best_reachable"], item["gap"]) == (2, 0, 2)
    counts = {r["unit_type"]: (r["count"], r["min"], r["max"]) for r in result["requirements"]}
    assert counts["isr_sqn"] == (0, 2, 5) and counts["mech_inf_bn"][1:] == (0, None)


def test_objective_override_beats_scenario_objective():
    scenario = make(
        [BN5],
        [
            nation("FR", 5000, {"bn": 3}, cost_per_troop=1.0, burden_weight=1.0),
            nation("DE", 5000, {"bn": 3}, cost_per_troop=3.0, burden_weight=1.0),
        ],
        target=(1000, 1000),
        objective="min_cost",
    )
    cost, _ = assert_agrees(scenario)  # FR sends both battalions
    fair, _ = assert_agrees(scenario, "fair_share")  # one each
    assert cost["objective"] == "min_cost" and cost["objective_value"] == pytest.approx(1000)
    assert fair["objective"] == "fair_share" and fair["objective_value"] == pytest.approx(0)
    assert {a["nation"] for a in fair["allocation"]} == {"FR", "DE"}


# ------------------------------------------------------------------ checker self-tests


def test_checker_catches_broken_plans():
    """The checker must not pass everything: feed it hand-broken results."""
    scenario = make(
        [INF],
        [
            nation("FR", 1400, {"mech_inf_bn": 2}, status="committed"),
            nation("DE", 1400, {"mech_inf_bn": 2}, status="declined"),
        ],
        target=(1400, 2100),
    )
    good = {
        "schema": "force-planner/result@1",
        "status": "optimal",
        "objective": "min_cost",
        "objective_value": 1400.0,
        "total_troops": 1400,
        "nations": [
            {"code": "FR", "participating": True, "troops": 1400},
            {"code": "DE", "participating": False, "troops": 0},
        ],
        "allocation": [{"nation": "FR", "unit_type": "mech_inf_bn", "count": 2}],
        "requirements": [],
        "unmet": [],
        "conflict": [],
        "solve_seconds": 0.0,
    }
    assert check_plan(scenario, good, feasible=True) == []
    bad_value = dict(good, objective_value=1300.0)
    assert check_plan(scenario, bad_value, feasible=True)
    over_offer = copy.deepcopy(good)
    over_offer["allocation"][0]["count"] = 3
    assert check_plan(scenario, over_offer, feasible=False)
    declined = copy.deepcopy(good)
    declined["allocation"].append({"nation": "DE", "unit_type": "mech_inf_bn", "count": 1})
    assert any("H4" in p for p in check_plan(scenario, declined, feasible=False))
    short = copy.deepcopy(good)
    short["allocation"][0]["count"] = 1
    assert check_plan(scenario, short, feasible=False)  # reported numbers now wrong
    missing = dict(good)
    del missing["solve_seconds"]
    assert check_plan(scenario, missing, feasible=True)


# --------------------------------------------------------------------------- random


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenario=scenarios(), objective=st.sampled_from([None, "min_cost", "fair_share"]))
def test_random_scenarios_agree_with_brute_force(scenario, objective):
    _, bf = assert_agrees(scenario, objective)
    event(outcome(bf))


def outcome(bf: BruteForce) -> str:
    if not bf.hard_feasible:
        return "invalid"
    if bf.feasible:
        return "feasible"
    return "infeasible, unmet" if bf.individually_unmet() else "infeasible, conflict"


@settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    scenario=scenarios(max_nations=4, max_units=2, max_offer=2),
    objective=st.sampled_from([None, "min_cost", "fair_share"]),
)
def test_random_four_nation_scenarios_agree_with_brute_force(scenario, objective):
    _, bf = assert_agrees(scenario, objective)
    event(outcome(bf))


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenario=scenarios(kind="planted"), objective=st.sampled_from(["min_cost", "fair_share"]))
def test_cbc_optimum_agrees_with_brute_force(scenario, objective):
    bf = analyse(scenario)
    result = solve_dict(scenario, objective, solver="cbc")
    assert result.get("solver", "cbc") == "cbc"
    problems = problems_against_brute_force(scenario, result, bf, objective)
    assert not problems, "\n".join(problems) + f"\nscenario: {json.dumps(scenario)}"


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenario=scenarios(kind="planted"))
def test_generous_time_limit_changes_nothing(scenario):
    bf = analyse(scenario)
    result = solve_dict(scenario, None, time_limit=30)
    problems = problems_against_brute_force(scenario, result, bf)
    assert not problems, "\n".join(problems) + f"\nscenario: {json.dumps(scenario)}"
