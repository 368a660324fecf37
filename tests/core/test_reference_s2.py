"""The independent Part II reference (tests/helpers/reference/) against the spec and against itself.

Three implementations written from force-model.md check one another: the
plan checker, the PuLP program and the exhaustive enumeration. They must
reproduce every answer of spec section 11 and the Part I optima of the
default scenario.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings

from tests.helpers.reference import brute_force as bf
from tests.helpers.reference import checker
from tests.helpers.reference import reference_milp as rm
from tests.helpers.reference.scenario import IMPLICIT_AREA, ScenarioError, read_scenario
from tests.helpers.reference.strategies import HARD_STATUSES, exhaustive_settings, scenarios

EXAMPLES = Path(__file__).parents[1] / "helpers" / "reference" / "examples"
PROPERTY = exhaustive_settings(100)


def raw_example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text())


def example(name: str):
    return read_scenario(raw_example(name))


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


# ------------------------------------------------------------ spec section 11


@pytest.fixture(scope="module")
def worked():
    scn = example("small-space-time.json")
    return scn, {obj: rm.solve_reference(scn, obj) for obj in ("min_cost", "fair_share")}


def test_worked_example_optima(worked):
    scn, answers = worked
    status, value, plan = answers["min_cost"]
    assert (status, value) == ("optimal", 8020.0)
    assert checker.violations(scn, plan) == []
    status, value, plan = answers["fair_share"]
    assert status == "optimal" and close(value, 3307.438016528925)
    assert checker.violations(scn, plan) == []


def test_worked_example_solver_reports_the_recomputed_value(worked):
    scn, answers = worked
    for objective, (_status, value, _plan) in answers.items():
        assert close(rm.solver_objective(scn, objective), value)


def test_germany_counts_toward_fairness_not_the_target(worked):
    """Spec 11: Germany stands only in pl_se, outside the target."""
    scn, answers = worked
    view = checker.result_view(scn, answers["fair_share"][2])
    germany = [n for p in view["periods"] for n in p["nations"] if n["code"] == "DE"]
    assert all(n["in_target"] == 0 for n in germany)
    assert any(n["troops"] > 0 for n in germany)
    for p in view["periods"]:
        outside = sum(n["troops"] - n["in_target"] for n in p["nations"])
        assert p["ground_troops"] - p["total_troops"] == outside


def test_no_us_example_is_infeasible_with_a_two_period_conflict():
    scn = example("small-space-time-no-us.json")
    assert rm.hard_check(scn) == []
    for objective in ("min_cost", "fair_share"):
        assert rm.solve_reference(scn, objective)[0] == "infeasible"
    assert rm.unmet_alone(scn) == []
    pair = {"target.min_troops@2", "target.min_troops@3"}
    assert rm.is_minimal_conflict(scn, pair)
    # "every conflicting set contains one of the two": without both, all the rest hold
    rest = [c for c in checker.soft_constraint_names(scn) if c not in pair]
    assert rm.feasible_with(scn, rest)
    found = rm.find_minimal_conflict(scn)
    assert found is not None and rm.is_minimal_conflict(scn, found) and pair & set(found)


def test_invalid_example_names_the_netherlands():
    scn = example("small-space-time-invalid.json")
    assert rm.hard_check(scn) == [("NL", "requires US")]
    assert rm.solve_reference(scn, "min_cost") == ("invalid", None, None)


# ------------------------------------------------------------ @1 reading (Part I)


@pytest.fixture(scope="module")
def default_raw():
    return raw_example("default_scenario.json")


def test_default_scenario_reads_as_one_area_one_period(default_raw):
    scn = read_scenario(default_raw)
    assert [a.id for a in scn.areas] == [IMPLICIT_AREA] and scn.areas[0].in_target
    assert (scn.periods, scn.full_from, scn.explicit_areas) == (1, 1, False)
    assert all(n.areas == (IMPLICIT_AREA,) and n.rotation == 1 for n in scn.nations)
    assert not any("@" in name for name in checker.soft_constraint_names(scn))


@pytest.mark.parametrize("objective, optimum", [("min_cost", 29880.5), ("fair_share", 9077.12)])
def test_default_scenario_part_one_optima(default_raw, objective, optimum):
    scn = read_scenario(default_raw)
    status, value, plan = rm.solve_reference(scn, objective)
    assert status == "optimal" and round(value, 2) == optimum
    assert checker.violations(scn, plan) == []
    view = checker.result_view(scn, plan)
    assert "periods" not in view and "areas" not in view
    assert all(set(row) == {"nation", "unit_type", "count"} for row in view["allocation"])


def test_default_scenario_as_at2_without_new_fields_solves_the_same(default_raw):
    """Spec Part II: a @2 file that uses none of the new fields behaves as @1."""
    at1 = read_scenario(default_raw)
    at2 = read_scenario(default_raw | {"schema": "force-planner/scenario@2"})
    assert rm.solve_reference(at2, "min_cost")[1] == rm.solve_reference(at1, "min_cost")[1]


# ------------------------------------------------------------ the reader


def test_reader_applies_part_two_defaults():
    scn = read_scenario(
        {
            "schema": "force-planner/scenario@2",
            "target": {"min_troops": 0, "max_troops": 10},
            "areas": [{"id": "a"}, {"id": "b", "in_target": False}],
            "periods": {"count": 3, "rotation": 2},
            "unit_types": [{"id": "u", "personnel": 5}],
            "nations": [{"code": "AB", "max_troops": 9, "offers": {"u": 2}}],
            "locks": [{"nation": "AB", "unit_type": "u", "count": 1}],
        }
    )
    nation = scn.nation("AB")
    assert (scn.full_from, nation.rotation, nation.areas) == (1, 2, ("a", "b"))
    assert (nation.offer("u"), nation.ready_from("u")) == (2, 1)
    assert [a.capacity for a in scn.areas] == [None, None]
    assert (scn.locks[0].area, scn.locks[0].period) == (None, None)
    assert (nation.status, nation.min_troops, nation.cost_per_troop) == ("possible", 0, 1.0)


@pytest.mark.parametrize(
    "change",
    [
        {"colour": "red"},
        {"areas": [{"id": "a"}]},  # a @2 field in a @1 file
        {"nations": [{"code": "AB", "max_troops": 1, "caveat": []}]},
    ],
)
def test_reader_refuses_what_it_does_not_understand(change):
    raw = {
        "schema": "force-planner/scenario@1",
        "target": {"min_troops": 0, "max_troops": 1},
        "unit_types": [],
        "nations": [],
    }
    with pytest.raises(ScenarioError):
        read_scenario(raw | change)


# ------------------------------------------------------------ the checker's names


@pytest.fixture()
def cheapest(worked):
    """An optimal min_cost plan of the worked example, written out (solvers may pick others)."""
    scn, _ = worked
    plan = {
        ("FR", "inf_bn", "ua_kyiv", 1): 1,
        ("NL", "inf_bn", "ua_kyiv", 1): 1,
        ("US", "awacs", None, 1): 1,
        ("FR", "inf_bn", "ua_kyiv", 2): 2,
        ("FR", "log_bn", "ua_kyiv", 2): 1,
        ("NL", "gbad_bty", "ua_kyiv", 2): 1,
        ("UK", "inf_bn", "ua_kyiv", 2): 1,
        ("UK", "log_bn", "ua_kyiv", 2): 1,
        ("FR", "inf_bn", "ua_kyiv", 3): 2,
        ("FR", "gbad_bty", "ua_kyiv", 3): 2,
        ("NL", "inf_bn", "ua_kyiv", 3): 1,
        ("UK", "log_bn", "ua_kyiv", 3): 1,
    }
    assert checker.violations(scn, plan) == []
    assert checker.objective_value(scn, plan, "min_cost") == 8020.0
    return plan


def broken(raw: dict, plan: dict) -> set[str]:
    return set(checker.violations(read_scenario(raw), plan))


def test_caveat_breach_is_the_nations_hard_failure(worked, cheapest):
    scn, _ = worked
    plan = cheapest | {("DE", "log_bn", "ua_west", 2): 1}
    assert checker.violations(scn, plan) == ["nation.DE"]
    assert any("caveat" in r for r in checker.hard_reasons(scn, plan)["DE"])


def test_rotation_binds_over_the_whole_cycle(worked, cheapest):
    """UK rotation 3, three battalions: 2 + 1 + 2 over quarters 1-3 is five in one cycle.

    Any two neighbouring quarters hold three at most, so only the full window sees it.
    """
    scn, _ = worked
    plan = cheapest | {("UK", "inf_bn", "ua_kyiv", 1): 2, ("UK", "inf_bn", "ua_kyiv", 3): 2}
    assert checker.violations(scn, plan) == ["nation.UK"]
    assert all(r.startswith("H1r") for r in checker.hard_reasons(scn, plan)["UK"])


def test_readiness_forbids_early_units(worked, cheapest):
    scn, _ = worked
    plan = cheapest | {("UK", "log_bn", "ua_kyiv", 1): 1}
    assert checker.violations(scn, plan) == ["nation.UK"]


def test_conditions_and_partners(worked, cheapest):
    scn, _ = worked
    without_us = {k: v for k, v in cheapest.items() if k[0] != "US"}
    assert checker.violations(scn, without_us) == ["nation.NL"]
    raw = raw_example("small-space-time.json")
    raw["nations"][3]["min_partners"] = 4  # FR, UK and the US take part: three
    assert broken(raw, cheapest) == {"nation.NL"}


def test_floor_holds_only_in_full_periods(cheapest):
    raw = raw_example("small-space-time.json")
    raw["nations"][0]["min_troops"] = 1000  # FR has 700 in quarter 1, before full_from
    assert broken(raw, cheapest) == set()
    raw["nations"][0]["min_troops"] = 1850  # and 1,800 in quarter 3
    assert broken(raw, cheapest) == {"nation.FR"}


def test_period_qualified_soft_names(worked, cheapest):
    scn, _ = worked
    no_gbad_q2 = {k: v for k, v in cheapest.items() if k != ("NL", "gbad_bty", "ua_kyiv", 2)}
    assert checker.violations(scn, no_gbad_q2) == ["area.ua_kyiv.gbad_bty.min@2"]
    thin_q1 = {k: v for k, v in cheapest.items() if k != ("NL", "inf_bn", "ua_kyiv", 1)}
    assert set(checker.violations(scn, thin_q1)) == {"target.min_troops@1", "share.FR@1"}
    no_log_q2 = {k: v for k, v in cheapest.items() if not (k[1] == "log_bn" and k[3] == 2)}
    assert set(checker.violations(scn, no_log_q2)) == {
        "target.min_troops@2",
        "requirement.log_bn.min@2",
    }
    raw = raw_example("small-space-time.json")
    raw["areas"][1]["capacity_troops"] = 1000
    assert broken(raw, cheapest) == {f"area.ua_kyiv.capacity@{t}" for t in (1, 2, 3)}


def test_lock_names_and_periods(cheapest):
    raw = raw_example("small-space-time.json")
    raw["locks"] = [
        {"nation": "FR", "unit_type": "inf_bn", "count": 2, "area": "ua_kyiv", "period": 1},
        {"nation": "UK", "unit_type": "log_bn", "count": 1},  # binds from ready_from 2
    ]
    scn = read_scenario(raw)
    names = checker.soft_constraint_names(scn)
    assert {"lock.FR.inf_bn.ua_kyiv@1", "lock.UK.log_bn@2", "lock.UK.log_bn@3"} <= set(names)
    assert "lock.UK.log_bn@1" not in names
    assert checker.violations(scn, cheapest) == ["lock.FR.inf_bn.ua_kyiv@1"]


def test_share_rule_is_exact_at_the_cap():
    """63 of 90 troops is exactly a 0.7 share: allowed, though 0.7 * 90 < 63 in floats."""
    raw = {
        "schema": "force-planner/scenario@1",
        "target": {"min_troops": 0, "max_troops": 5000},
        "unit_types": [{"id": "a", "personnel": 63}, {"id": "b", "personnel": 27}],
        "nations": [
            {"code": "AA", "max_troops": 700, "offers": {"a": 1}},
            {"code": "BB", "max_troops": 300, "offers": {"b": 1}},
        ],
        "rules": {"max_share": 0.7},
    }
    assert 0.7 * 90 < 63
    plan = {("AA", "a", IMPLICIT_AREA, 1): 1, ("BB", "b", IMPLICIT_AREA, 1): 1}
    assert broken(raw, plan) == set()
    assert broken(raw, {("AA", "a", IMPLICIT_AREA, 1): 1}) == {"share.AA"}
    status, _value, best = rm.solve_reference(read_scenario(raw), "min_cost")
    assert status == "optimal" and broken(raw, best) == set()


def test_share_cap_has_no_tolerance():
    """71 free troops of AA need 31 of BB's beside them at 0.7 (71/101 is 0.703): two units."""
    raw = {
        "schema": "force-planner/scenario@1",
        "target": {"min_troops": 100, "max_troops": 5000},
        "unit_types": [{"id": "a", "personnel": 71}, {"id": "b", "personnel": 30}],
        "nations": [
            {"code": "AA", "max_troops": 71, "cost_per_troop": 0.0, "offers": {"a": 1}},
            {"code": "BB", "max_troops": 300, "offers": {"b": 5}},
        ],
        "rules": {"max_share": 0.7},
    }
    status, value, plan = rm.solve_reference(read_scenario(raw), "min_cost")
    assert (status, value) == ("optimal", 60.0) and broken(raw, plan) == set()


def test_best_alone_respects_readiness_and_ceilings():
    """Quarter 1 of the worked example at most: FR 2,500 (its ceiling), UK 1,400 (two of
    three battalions under its 2,000; logistics not ready), NL 700, Germany outside."""
    scn = example("small-space-time.json")
    index = checker.soft_constraint_names(scn).index("target.min_troops@1")
    assert rm.build(scn).soft[index].name == "target.min_troops@1"
    assert rm.best_alone(scn, index) == 2500 + 1400 + 700


@pytest.mark.parametrize("status, nearest", [("possible", 0), ("committed", 2)])
def test_lock_best_reachable_ties_to_the_lower_count(status, nearest):
    """With a 200-troop floor and 100-troop units, AA sends 0 or 2: a lock of 1 is unmet.

    0 and 2 are equally near; the lower wins unless AA must take part.
    """
    raw = {
        "schema": "force-planner/scenario@2",
        "target": {"min_troops": 0, "max_troops": 1000},
        "unit_types": [{"id": "inf", "personnel": 100}],
        "nations": [
            {
                "code": "AA",
                "status": status,
                "min_troops": 200,
                "max_troops": 200,
                "offers": {"inf": 2},
            }
        ],
        "locks": [{"nation": "AA", "unit_type": "inf", "count": 1}],
    }
    scn = read_scenario(raw)
    assert rm.unmet_alone(scn) == [rm.Unmet("lock.AA.inf", 1, nearest, 1)]
    enum = bf.enumerate_plans(scn)
    lock = next(s for s in enum.soft if s.name == "lock.AA.inf")
    assert bf.best_alone(enum, lock) == nearest


def conditional(nations: list[dict]) -> dict:
    """A one-unit scenario to try section 8's fixed point on."""
    return {
        "schema": "force-planner/scenario@2",
        "target": {"min_troops": 0, "max_troops": 10000},
        "unit_types": [{"id": "inf", "personnel": 100}],
        "nations": [{"max_troops": 1000, "offers": {"inf": 1}} | n for n in nations],
    }


@pytest.mark.parametrize(
    "nations, expected",
    [
        # a chain: AA needs BB, BB needs CC, CC is declined
        (
            [
                {"code": "AA", "status": "committed", "requires": ["BB"]},
                {"code": "BB", "requires": ["CC"]},
                {"code": "CC", "status": "declined"},
            ],
            [("AA", "requires BB")],
        ),
        # one partner wanted, one able to come: holds
        ([{"code": "AA", "status": "committed", "min_partners": 1}, {"code": "BB"}], []),
        # the only partner cannot send anything under its ceiling
        (
            [
                {"code": "AA", "status": "committed", "min_partners": 1},
                {"code": "BB", "max_troops": 50},
            ],
            [("AA", "partners short 1")],
        ),
        # BB leaves because its own partner rule fails, which then sinks AA's
        (
            [
                {"code": "AA", "status": "committed", "min_partners": 1},
                {"code": "BB", "min_partners": 2},
            ],
            [("AA", "partners short 1")],
        ),
        # a committed nation whose floor its offer cannot reach
        ([{"code": "AA", "status": "committed", "min_troops": 200}], [("AA", "own statements")]),
    ],
)
def test_hard_check_fixed_point(nations, expected):
    scn = read_scenario(conditional(nations))
    assert rm.hard_check(scn) == expected
    assert bf.committed_left_out(bf.enumerate_plans(scn)) == [code for code, _ in expected]


def test_result_view_reports_peaks_and_the_least_full_period(worked, cheapest):
    scn, _ = worked
    view = checker.result_view(scn, cheapest)
    full = [p for p in view["periods"] if p["period"] >= scn.full_from]
    assert view["total_troops"] == min(p["total_troops"] for p in full)
    for nation in view["nations"]:
        peaks = [
            n["troops"]
            for p in view["periods"]
            for n in p["nations"]
            if n["code"] == nation["code"]
        ]
        assert nation["troops"] == max(peaks)
    assert {r["period"] for r in view["requirements"]} == set(scn.full_periods)
    assert len(view["areas"]) == len(scn.areas) * scn.periods
    assert all(row["count"] > 0 and {"area", "period"} <= set(row) for row in view["allocation"])


# ------------------------------------------------------------ the three against one another


def soft_names_of(enum: bf.Enumeration) -> list[str]:
    return list(dict.fromkeys(s.name for s in enum.soft))


@PROPERTY
@given(scenarios())
def test_reference_milp_matches_brute_force(raw):
    scn = read_scenario(raw)
    enum = bf.enumerate_plans(scn)
    truth = bf.brute_optimum(enum)
    names = checker.soft_constraint_names(scn)
    assert soft_names_of(enum) == names
    assert list(dict.fromkeys(r.name for r in rm.build(scn).soft)) == names
    for objective in ("min_cost", "fair_share"):
        status, value, plan = rm.solve_reference(scn, objective)
        assert status == truth.status
        if status == "optimal":
            assert close(value, getattr(truth, objective))
            assert checker.violations(scn, plan) == []


@PROPERTY
@given(scenarios())
def test_enumerated_plans_agree_with_the_checker(raw):
    """Every listed plan meets H1-H3; the checker and the enumeration agree on the rest."""
    scn = read_scenario(raw)
    enum = bf.enumerate_plans(scn)
    cost, fair = enum.cost(), enum.fairness()
    for i in np.unique(np.linspace(0, len(enum.rows) - 1, 25).astype(int)):
        plan = enum.plan(int(i))
        found = checker.violations(scn, plan)
        soft = [s.name for s in enum.soft if not s.holds[i]]
        assert [v for v in found if not v.startswith("nation.")] == list(dict.fromkeys(soft))
        assert any(v.startswith("nation.") for v in found) == (not enum.hard[i])
        assert close(checker.objective_value(scn, plan, "min_cost"), cost[i])
        assert close(checker.objective_value(scn, plan, "fair_share"), fair[i])


@settings(PROPERTY, max_examples=60)
@given(scenarios(budget=5_000, statuses=HARD_STATUSES, conditions_one_in=2))
def test_hard_check_matches_brute_force(raw):
    """Section 8: the nations reported, and why, against every plan listed."""
    scn = read_scenario(raw)
    enum = bf.enumerate_plans(scn)
    found = rm.hard_check(scn)
    assert [code for code, _ in found] == bf.committed_left_out(enum)
    assert bool(found) == (not enum.hard.any())
    members = bf.largest_participation(enum)
    for code, reason in found:
        nation = scn.nation(code)
        assert (reason == "own statements") == (not bf.own_statements_hold(enum, code))
        if reason.startswith("requires "):
            assert reason.split()[1] in set(nation.requires) - members
        if reason.startswith("partners short "):
            assert int(reason.split()[2]) == nation.min_partners - len(members) > 0


@settings(PROPERTY, max_examples=50)
@given(scenarios(budget=5_000, free_one_in=3))
def test_diagnosis_matches_brute_force(raw):
    """Best values alone, unmet alone and minimal conflicts (sections 3, 8) against every plan."""
    scn = read_scenario(raw)
    enum = bf.enumerate_plans(scn)
    if not enum.hard.any():
        return
    rows = rm.build(scn).soft
    assert [r.name for r in rows] == [s.name for s in enum.soft]
    for i, s in enumerate(enum.soft):
        assert close(rm.best_alone(scn, i), bf.best_alone(enum, s)), s.name
    unmet = {u.constraint: u for u in rm.unmet_alone(scn)}
    for s in enum.soft:
        best = bf.best_alone(enum, s)
        if s.holds[enum.hard].any():
            assert s.name not in unmet
        else:
            assert close(unmet[s.name].best_reachable, best)
    if unmet or bf.brute_optimum(enum).status == "optimal":
        return
    group = rm.find_minimal_conflict(scn)
    assert group and not bf.feasible_with(enum, group)
    assert all(bf.feasible_with(enum, [c for c in group if c != d]) for d in group)


@settings(PROPERTY, max_examples=20)
@given(scenarios(budget=5_000))
def test_cbc_backend_matches_brute_force(raw):
    """The reference's second solver: CBC must give the same answers (its bugs are known)."""
    scn = read_scenario(raw)
    truth = bf.brute_optimum(bf.enumerate_plans(scn))
    for objective in ("min_cost", "fair_share"):
        status, value, plan = rm.solve_reference(scn, objective, solver="cbc")
        assert status == truth.status
        if status == "optimal":
            assert close(value, getattr(truth, objective))
            assert checker.violations(scn, plan) == []
