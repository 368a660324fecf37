"""The withdrawal and odds analyses against direct re-solves, brute force and enumeration.

Every plan an analysis calls feasible is checked with the independent
spec checker on the withdrawn scenario, built here by hand from the JSON
(nation declined, its locks dropped), not with the code under test.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import math
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.analyses.odds import analyse_odds, draw_absences, probabilities_with, summarise
from planner.analyses.resolve import resolve
from planner.analyses.screen import Screen
from planner.analyses.withdrawal import analyse_withdrawal
from planner.result.document import PlanResult
from planner.rules import violations
from planner.rules.objectives import objective_value
from planner.scenario.io import default_scenario, scenario_to_dict
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from tests.helpers.brute_force import analyse
from tests.helpers.cli_support import run
from tests.helpers.scenario_factory import SCHEMA, scenarios
from tests.helpers.spec_checker import check_plan

TOL = 1e-6
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def close(a: float, b: float) -> bool:
    return abs(a - b) <= TOL * max(1.0, abs(b))


def withdrawn_dict(data: dict[str, Any], codes) -> dict[str, Any]:
    """The withdrawn scenario as JSON, by hand: declined, locks dropped."""
    out = copy.deepcopy(data)
    for nation in out["nations"]:
        if nation["code"] in codes:
            nation["status"] = "declined"
    out["locks"] = [lk for lk in out.get("locks", []) if lk["nation"] not in codes]
    return out


def withdrawn_by_hand(scenario, codes):
    """The same with dataclasses.replace on the parsed scenario."""
    nations = tuple(
        dataclasses.replace(n, status="declined") if n.code in codes else n
        for n in scenario.nations
    )
    locks = tuple(lk for lk in scenario.locks if lk.nation not in codes)
    return dataclasses.replace(scenario, nations=nations, locks=locks)


def plan_problems(data: dict, codes, objective: str, allocation) -> list[str]:
    """The spec checker's complaints about `allocation` on the withdrawn scenario."""
    scenario_json = withdrawn_dict(data, codes)
    scenario = parse_scenario(copy.deepcopy(scenario_json))
    document = PlanResult(scenario, "optimal", objective, allocation=dict(allocation)).to_dict()
    return check_plan(scenario_json, json.loads(json.dumps(document)), feasible=True)


# ------------------------------------------------------------------ withdrawal


@pytest.mark.parametrize("objective", ["min_cost", "fair_share"])
def test_withdrawal_rows_match_direct_resolves_on_the_default(objective):
    scenario = default_scenario()
    data = scenario_to_dict(scenario)
    analysis = analyse_withdrawal(scenario, objective, workers=1)
    baseline = solve(scenario, objective)
    assert analysis.baseline.status == "optimal"
    assert close(analysis.baseline.objective_value, baseline.objective_value)
    used = [c for c, taking_part in baseline.evaluation.participating.items() if taking_part]
    assert [row.nation for row in analysis.rows] == used
    for row in analysis.rows:
        direct = solve(withdrawn_by_hand(scenario, {row.nation}), objective)
        assert row.feasible == direct.has_plan, row
        if row.feasible:
            assert close(row.objective_value, direct.objective_value), row
            assert not plan_problems(data, {row.nation}, objective, row.allocation)
            assert row.total_troops == sum(
                u.personnel * k
                for (c, uid, *_), k in row.allocation.items()
                for u in scenario.unit_types
                if u.id == uid and u.deployed
            )
            assert row.changes, "a withdrawn nation of the plan always changes something"
        else:
            assert row.objective_value is None and row.total_troops is None
        assert set(row.to_dict()) >= {"nation", "feasible", "objective_value", "total_troops"}


def test_a_withdrawal_whose_start_is_worth_the_baseline_needs_no_solve():
    """By min_cost no withdrawal beats the baseline: Norway's row starts from the baseline
    with its units handed over, worth exactly that, so it is settled without a solve."""
    scenario = default_scenario()
    analysis = analyse_withdrawal(scenario, workers=1)
    norway = next(row for row in analysis.rows if row.nation == "NO")
    assert norway.status == "optimal"
    assert norway.objective_value == analysis.baseline.objective_value
    solved = len(analysis.rows) - analysis.work.screened
    assert analysis.work.solves == solved - 1  # every other row with a plan took its solve


@pytest.mark.parametrize("status", ["possible", "committed"])
def test_the_floor_settles_only_sets_that_lack_free_nations_alone(status):
    """A committed (or locked) nation's withdrawal drops its floor and locks: it may beat the
    baseline, so its start is never taken as optimal on the floor's word (here a floor no
    plan misses: only the rule decides)."""
    from planner.analyses.withdrawal import handed_over_to_anyone

    nations = tuple(
        dataclasses.replace(n, status=status) if n.code == "NO" else n
        for n in default_scenario().nations
    )
    scenario = dataclasses.replace(default_scenario(), nations=nations)
    base = solve(scenario).allocation
    norway = frozenset({"NO"})
    start = handed_over_to_anyone(scenario, base, norway)
    assert start is not None
    answers, work = resolve(
        scenario, "min_cost", [norway], workers=1, hint=lambda _: start, floor=1e18
    )
    assert (
        answers[norway].solved == (status == "committed") and work.solves == answers[norway].solved
    )


@SETTINGS
@given(scenario=scenarios(), objective=st.sampled_from(["min_cost", "fair_share"]))
def test_withdrawal_rows_match_brute_force(scenario, objective):
    parsed = parse_scenario(copy.deepcopy(scenario))
    analysis = analyse_withdrawal(parsed, objective, workers=1)
    bf = analyse(scenario)
    base = bf.optimum(objective) if bf.hard_feasible else None
    assert analysis.baseline.has_plan == (base is not None)
    if base is None:
        assert analysis.rows == []
        return
    assert close(analysis.baseline.objective_value, base)
    for row in analysis.rows:
        expected = analyse(withdrawn_dict(scenario, {row.nation})).optimum(objective)
        assert row.feasible == (expected is not None), (row, json.dumps(scenario))
        direct = solve(withdrawn_by_hand(parsed, {row.nation}), objective)
        assert row.feasible == direct.has_plan
        if row.feasible:
            assert close(row.objective_value, direct.objective_value)
            assert close(row.objective_value, expected), (row, json.dumps(scenario))
            assert not plan_problems(scenario, {row.nation}, objective, row.allocation)


def test_withdrawal_without_a_baseline_plan_has_no_rows():
    scenario = default_scenario()
    impossible = dataclasses.replace(
        scenario, target=dataclasses.replace(scenario.target, min_troops=90000, max_troops=90000)
    )
    analysis = analyse_withdrawal(impossible)
    assert analysis.baseline.status == "infeasible" and analysis.rows == []
    assert analysis.to_dict()["baseline"]["objective_value"] is None


def test_withdrawal_reports_progress_and_stops_on_cancel():
    scenario = default_scenario()
    calls: list[tuple[int, int]] = []
    analysis = analyse_withdrawal(scenario, workers=1, progress=lambda d, t: calls.append((d, t)))
    work = analysis.work
    assert work.sets == len(analysis.rows) and work.screened > 0
    # the baseline, each row the feasibility pass had to solve, then each row a solver settled
    units = 1 + analysis.feasibility_units + work.sets - work.screened
    assert calls[-1] == (units, units) and {t for _, t in calls} == {units}
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    cancel = threading.Event()
    cancel.set()
    stopped = analyse_withdrawal(scenario, cancel=cancel)
    assert not stopped.complete and stopped.rows == []


# ------------------------------------------------------------------ every set, exhaustively


@settings(SETTINGS, max_examples=150)
@given(
    scenario=scenarios(max_nations=4, max_units=2, max_offer=2),
    objective=st.sampled_from([None, "min_cost", "fair_share"]),
)
def test_resolve_answers_every_withdrawn_set_like_brute_force(scenario, objective):
    """Screening and inference included: every subset of nations withdrawn at once."""
    parsed = parse_scenario(copy.deepcopy(scenario))
    codes = [n.code for n in parsed.nations if n.status != "declined"]
    sets = [frozenset(c) for k in range(len(codes) + 1) for c in itertools.combinations(codes, k)]
    answers, _ = resolve(parsed, objective, sets, workers=1)
    assert set(answers) == set(sets)
    for absent in sets:
        answer = answers[absent]
        bf = analyse(withdrawn_dict(scenario, absent))
        best = bf.optimum(objective or "min_cost") if bf.hard_feasible else None
        assert answer.has_plan == (best is not None), (sorted(absent), answer, json.dumps(scenario))
        if answer.has_plan:
            assert not plan_problems(scenario, absent, objective or "min_cost", answer.allocation)
            if objective is not None:
                assert close(answer.objective_value, best), (sorted(absent), json.dumps(scenario))


# ------------------------------------------------------------------ odds


def small_odds_scenario() -> dict[str, Any]:
    """Four nations of every status; a plan needs at least two of FR, DE, PL."""
    unit = {"id": "inf_bn", "name": "Infantry battalion", "personnel": 500}
    return {
        "schema": SCHEMA,
        "name": "odds test",
        "target": {"min_troops": 1000, "max_troops": 2000},
        "unit_types": [unit],
        "nations": [
            {"code": "FR", "status": "committed", "max_troops": 1000, "offers": {"inf_bn": 2}},
            {"code": "DE", "status": "likely", "max_troops": 1000, "offers": {"inf_bn": 2}},
            {"code": "PL", "status": "possible", "max_troops": 1000, "offers": {"inf_bn": 2}},
            {"code": "NL", "status": "declined", "max_troops": 1000, "offers": {"inf_bn": 2}},
        ],
        "rules": {"max_share": 0.5},
        "objective": "min_cost",
    }


def exact_feasible_share(data: dict, probabilities: dict[str, float]) -> float:
    """Sum over who takes part of P(that set) x [a plan exists], by brute force."""
    nations = [n for n in data["nations"] if n.get("status", "possible") != "declined"]
    total = 0.0
    for present in itertools.product([True, False], repeat=len(nations)):
        weight = 1.0
        for nation, here in zip(nations, present, strict=True):
            p = probabilities[nation.get("status", "possible")]
            weight *= p if here else 1 - p
        absent = {n["code"] for n, here in zip(nations, present, strict=True) if not here}
        bf = analyse(withdrawn_dict(data, absent))
        total += weight * (bf.hard_feasible and bf.feasible)
    return total


def test_odds_feasible_share_matches_exact_enumeration():
    data = small_odds_scenario()
    p = probabilities_with({"committed": 0.9, "likely": 0.7, "possible": 0.5})
    exact = exact_feasible_share(data, p)
    draws = 4000
    analysis = analyse_odds(parse_scenario(data), draws=draws, seed=7, probabilities=p, workers=1)
    spread = math.sqrt(exact * (1 - exact) / draws)
    assert abs(analysis.feasible_share - exact) <= 4 * spread + 1e-9, (
        analysis.feasible_share,
        exact,
    )


@SETTINGS
@given(
    scenario=scenarios(max_nations=4, max_units=2, max_offer=2),
    objective=st.sampled_from(["min_cost", "fair_share"]),
    seed=st.integers(0, 2**32),
    plan_draws=st.sampled_from([None, 1, 3, 10]),
)
def test_odds_match_a_direct_solve_of_every_draw(scenario, objective, seed, plan_draws):
    """Feasibility over every draw; the optimal values over the first `plan_draws` feasible ones."""
    parsed = parse_scenario(copy.deepcopy(scenario))
    p = probabilities_with({"likely": 0.6, "possible": 0.3, "committed": 0.9})
    analysis = analyse_odds(
        parsed, objective, draws=60, seed=seed, probabilities=p, plan_draws=plan_draws, workers=1
    )
    optimum: dict[frozenset[str], float | None] = {}
    feasible = []
    for absent in draw_absences(parsed, p, 60, seed):
        if absent not in optimum:
            bf = analyse(withdrawn_dict(scenario, absent))
            optimum[absent] = bf.optimum(objective) if bf.hard_feasible else None
        if optimum[absent] is not None:
            feasible.append(optimum[absent])
    values = feasible if plan_draws is None else feasible[:plan_draws]
    assert analysis.feasible_draws == len(feasible), json.dumps(scenario)
    assert analysis.feasible_draws + analysis.infeasible_draws == 60
    assert analysis.plan_draws == len(values) == analysis.to_dict()["plan_draws"]
    assert analysis.sampled == (len(values) < len(feasible))
    if values:
        assert close(analysis.objective_value.min, min(values))
        assert close(analysis.objective_value.max, max(values))
        assert close(analysis.objective_value.mean, sum(values) / len(values))
        assert analysis.total.count == len(values)
    else:
        assert analysis.total is None


def test_odds_plan_draws_all_is_the_one_pass_analysis():
    """`plan_draws` None: every draw answered with the objective in one pass (the figures
    before the sample), and the plans' figures over every feasible draw."""
    scenario = default_scenario()
    p = probabilities_with()
    analysis = analyse_odds(scenario, draws=200, seed=2, plan_draws=None, workers=1)
    absences = draw_absences(scenario, p, 200, 2)
    answers, _ = resolve(scenario, scenario.objective, absences, workers=1)
    one_pass = summarise(scenario, scenario.objective, 200, 2, p, absences, answers)
    document = analysis.to_dict()
    assert document == {**one_pass.to_dict(), "plan_draws_asked": "all"}
    assert document["plan_draws"] == analysis.feasible_draws == analysis.total.count > 0
    assert not analysis.sampled
    for nation in analysis.nations:
        assert nation.used is not None and nation.used.trials == analysis.feasible_draws


def test_odds_sample_is_the_first_feasible_draws_each_solved_plainly():
    """The sample's figures equal those of plain solves of exactly those draws."""
    scenario = default_scenario()
    p = probabilities_with()
    k = 6
    analysis = analyse_odds(scenario, draws=200, seed=3, plan_draws=k, workers=1)
    screen = Screen(scenario)
    everyone = frozenset(n.code for n in scenario.nations)
    plain: dict[frozenset[str], PlanResult | None] = {}
    sample = []
    for absent in draw_absences(scenario, p, 200, 3):  # plain solves, in draw order
        if absent not in plain:
            ruled_out = screen.why_not(everyone - absent) is not None
            plain[absent] = None if ruled_out else solve(withdrawn_by_hand(scenario, absent))
        result = plain[absent]
        if result is not None and result.has_plan:
            sample.append(absent)
            if len(sample) == k:
                break
    assert len(sample) == k and analysis.feasible_draws > k
    values = [plain[a].objective_value for a in sample]
    assert analysis.plan_draws == k and analysis.sampled
    assert close(analysis.objective_value.min, min(values))
    assert close(analysis.objective_value.max, max(values))
    assert close(analysis.objective_value.mean, sum(values) / k)
    assert analysis.total.count == k
    for absent in set(sample):  # every plan measured meets the spec on its own draw
        plan = analysis.plan_answers[absent].allocation
        withdrawn = withdrawn_by_hand(scenario, absent)
        assert not violations(withdrawn, plan)
        assert close(
            objective_value(withdrawn, plan, scenario.objective), plain[absent].objective_value
        )
    used = {
        code: sum(
            any(
                count
                for key, count in analysis.plan_answers[a].allocation.items()
                if key.nation == code
            )
            for a in sample
        )
        for code in (n.code for n in scenario.nations)
    }
    for nation in analysis.nations:
        assert nation.used.count == used[nation.code] and nation.used.trials == k
    document = analysis.to_dict()
    assert document["plan_draws"] == k and document["plan_draws_asked"] == k
    # feasibility is over every draw, as with every plan solved
    every = analyse_odds(scenario, draws=200, seed=3, plan_draws=None, workers=1).to_dict()
    for key in ("feasible_share", "feasible_share_ci", "feasible_draws", "requirements"):
        assert document[key] == every[key]
    assert [n["available_share_ci"] for n in document["nations"]] == [
        n["available_share_ci"] for n in every["nations"]
    ]


def test_odds_same_seed_same_json_and_other_seed_other_draws():
    scenario = default_scenario()
    first = analyse_odds(scenario, draws=200, seed=11, workers=1).to_dict()
    again = analyse_odds(scenario, draws=200, seed=11, workers=1).to_dict()
    assert json.dumps(first) == json.dumps(again)
    assert draw_absences(scenario, probabilities_with(), 50, 11) != draw_absences(
        scenario, probabilities_with(), 50, 12
    )


def test_odds_numbers_do_not_depend_on_worker_processes():
    scenario = default_scenario()
    alone = analyse_odds(scenario, draws=150, seed=5, workers=1)
    shared = analyse_odds(scenario, draws=150, seed=5, workers=2)
    assert shared.work.workers == 2
    assert json.dumps(alone.to_dict()) == json.dumps(shared.to_dict())


@pytest.mark.parametrize("impossible", [False, True])
def test_odds_with_every_nation_certain_is_the_baseline(impossible):
    scenario = default_scenario()
    if impossible:
        scenario = dataclasses.replace(
            scenario,
            target=dataclasses.replace(scenario.target, min_troops=40000, max_troops=40000),
        )
    p = {"committed": 1.0, "likely": 1.0, "possible": 1.0}
    analysis = analyse_odds(scenario, draws=50, seed=1, probabilities=p, workers=1)
    assert analysis.distinct_sets == 1
    assert analysis.feasible_share == (1.0 if solve(scenario).has_plan else 0.0)
    assert analysis.feasible_share == (0.0 if impossible else 1.0)


def test_odds_with_nothing_uncertain_reduces_to_the_committed_nations():
    data = small_odds_scenario()
    scenario = parse_scenario(copy.deepcopy(data))
    p = {"likely": 0.0, "possible": 0.0}
    analysis = analyse_odds(scenario, draws=30, seed=3, probabilities=p, workers=1)
    committed_only = solve(withdrawn_by_hand(scenario, {"DE", "PL", "NL"}))
    assert analysis.distinct_sets == 1
    assert analysis.feasible_share == (1.0 if committed_only.has_plan else 0.0) == 0.0
    data["nations"][0]["max_troops"] = 2000  # FR alone can now do it... but not within 50%
    data["rules"]["max_share"] = 1.0
    alone = analyse_odds(parse_scenario(data), draws=30, seed=3, probabilities=p, workers=1)
    assert alone.feasible_share == 1.0
    assert alone.total.min == alone.total.max == 1000


def test_odds_coverage_counts_what_the_available_nations_offer():
    data = small_odds_scenario()
    data["requirements"] = {"inf_bn": {"min": 4, "max": None}}
    scenario = parse_scenario(data)
    p = {"committed": 1.0, "likely": 0.5, "possible": 0.0}
    analysis = analyse_odds(scenario, draws=400, seed=2, probabilities=p, workers=1)
    (req,) = analysis.requirements
    with_de = next(n for n in analysis.nations if n.code == "DE").available_share
    assert req.met_share == with_de  # FR's 2 alone fall short of 4; FR and DE make it
    assert close(req.mean_ratio, (4 * with_de + 2 * (1 - with_de)) / 4)
    assert analysis.feasible_share == with_de


@pytest.mark.parametrize(
    "bad", [{"likely": 1.5}, {"possible": -0.1}, {"committed": float("nan")}, {"declined": 0.5}]
)
def test_odds_refuses_probabilities_outside_0_to_1(bad):
    with pytest.raises(ValueError):
        analyse_odds(default_scenario(), draws=5, probabilities=bad)


def test_odds_cancel_and_progress():
    scenario = default_scenario()
    calls: list[tuple[int, int]] = []
    done = analyse_odds(
        scenario, draws=100, seed=4, workers=1, progress=lambda d, t: calls.append((d, t))
    )
    units = done.work.sets - done.work.screened  # work: the sets a solver had to settle
    assert calls[-1] == (units, units) and done.complete
    cancel = threading.Event()
    cancel.set()
    stopped = analyse_odds(scenario, draws=100, seed=4, cancel=cancel)
    assert not stopped.complete and stopped.draws_done < 100


# ------------------------------------------------------------------ command line


def write(tmp_path: Path, data: dict, name: str = "s.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def test_cli_withdrawal_json(tmp_path):
    path = write(tmp_path, scenario_to_dict(default_scenario()))
    proc = run("analyse", "withdrawal", path, "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["baseline"]["status"] == "optimal"
    assert isinstance(doc["baseline"]["objective_value"], float | int)
    for row in doc["withdrawal"]:
        assert isinstance(row["nation"], str) and isinstance(row["feasible"], bool)
        if row["feasible"]:
            assert isinstance(row["objective_value"], float | int)
            assert isinstance(row["total_troops"], int)
        else:
            assert row["objective_value"] is None and row["total_troops"] is None
    text = run("analyse", "withdrawal", path)
    assert text.returncode == 0 and "Withdrawn" in text.stdout


def test_cli_withdrawal_without_baseline_plan_exits_2(tmp_path):
    data = small_odds_scenario()
    data["target"] = {"min_troops": 50000, "max_troops": 60000}
    proc = run("analyse", "withdrawal", write(tmp_path, data), "--json")
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["withdrawal"] == []
    assert len(proc.stderr.strip().splitlines()) == 1 and "baseline" in proc.stderr


def test_cli_odds_json_is_reproducible(tmp_path):
    path = write(tmp_path, small_odds_scenario())
    args = ("analyse", "odds", path, "--draws", "300", "--seed", "9", "--json", "--p-likely", "0.6")
    first, second = run(*args), run(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    doc = json.loads(first.stdout)
    assert doc["probabilities"] == {"committed": 1.0, "likely": 0.6, "possible": 0.4}
    assert doc["draws"] == 300 and 0 <= doc["feasible_share"] <= 1
    assert {"total", "requirements", "nations", "seed"} <= set(doc)
    assert doc["plan_draws_asked"] == 10 and doc["plan_draws"] == doc["total"]["count"] <= 10
    every = json.loads(run(*args, "--plan-draws", "all").stdout)
    assert every["plan_draws_asked"] == "all"
    assert every["plan_draws"] == every["feasible_draws"] == every["total"]["count"]
    three = json.loads(run(*args, "--plan-draws", "3").stdout)
    assert three["plan_draws"] == min(3, three["feasible_draws"])
    assert three["feasible_share"] == every["feasible_share"] == doc["feasible_share"]
    text = run("analyse", "odds", path, "--draws", "50")
    assert text.returncode == 0 and "A plan meets every rule" in text.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("--draws", "0"),
        ("--draws", "many"),
        ("--draws", "2000000"),
        ("--p-likely", "1.5"),
        ("--p-possible", "-0.2"),
        ("--p-committed", "nan"),
        ("--seed", "x"),
        ("--workers", "0"),
        ("--plan-draws", "0"),
        ("--plan-draws", "some"),
    ],
)
def test_cli_odds_bad_options_exit_1_with_one_line(tmp_path, args):
    path = write(tmp_path, small_odds_scenario())
    proc = run("analyse", "odds", path, *args)
    assert proc.returncode == 1, proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


@pytest.mark.parametrize("what", ["missing", "invalid", "no analysis"])
def test_cli_analyse_bad_input_exits_1(tmp_path, what):
    if what == "missing":
        proc = run("analyse", "withdrawal", tmp_path / "nope.json")
    elif what == "invalid":
        data = small_odds_scenario()
        data["nations"][0]["max_troops"] = -5
        proc = run("analyse", "odds", write(tmp_path, data))
    else:
        proc = run("analyse")
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_answers_settled_without_a_solver_agree_with_direct_solves():
    """On the default scenario's draws: screened and inferred sets, checked one by one."""
    scenario = default_scenario()
    data = scenario_to_dict(scenario)
    sets = draw_absences(scenario, probabilities_with(), 400, 21)
    fewest_absent_first = sorted(set(sets), key=lambda a: (len(a), sorted(a)))  # most inference
    answers, work = resolve(scenario, "min_cost", fewest_absent_first, workers=1)
    assert work.inferred > 0 and work.screened > 0
    unsolved = [a for a, answer in answers.items() if not answer.solved]
    checked = 0
    for absent in sorted(unsolved, key=sorted)[:: max(1, len(unsolved) // 40)]:
        answer = answers[absent]
        direct = solve(withdrawn_by_hand(scenario, absent), "min_cost")
        assert answer.has_plan == direct.has_plan, sorted(absent)
        if answer.has_plan:
            assert close(answer.objective_value, direct.objective_value)
            assert not plan_problems(data, absent, "min_cost", answer.allocation)
        checked += 1
    inferred_plans = [a for a in unsolved if answers[a].has_plan]
    for absent in inferred_plans:
        direct = solve(withdrawn_by_hand(scenario, absent), "min_cost")
        assert close(answers[absent].objective_value, direct.objective_value), sorted(absent)
        assert not plan_problems(data, absent, "min_cost", answers[absent].allocation)
    assert checked and inferred_plans


def test_fair_share_plans_are_not_carried_to_sets_with_other_fair_shares():
    """Withdrawing C (unused, weight 2) changes every phi, so S's optimum is not T's.

    With C: phi = 1/4, 1/4, 1/2 and the best plan is A 100 + B 300 (value 400).
    Without C: phi = 1/2, 1/2 and A 300 + B 300 has value 0.
    """
    unit = {"id": "inf_coy", "name": "Infantry company", "personnel": 100}
    data = {
        "schema": SCHEMA,
        "name": "carry test",
        "target": {"min_troops": 300, "max_troops": 600},
        "unit_types": [unit, {"id": "inf_bn", "name": "Battalion", "personnel": 300}],
        "nations": [
            {"code": "AA", "max_troops": 300, "burden_weight": 1, "offers": {"inf_coy": 3}},
            {"code": "BB", "max_troops": 300, "burden_weight": 1, "offers": {"inf_bn": 1}},
            {"code": "CC", "max_troops": 0, "burden_weight": 2, "offers": {"inf_coy": 1}},
        ],
        "objective": "fair_share",
    }
    scenario = parse_scenario(data)
    answers, _ = resolve(scenario, "fair_share", [frozenset(), frozenset({"CC"})], workers=1)
    assert close(answers[frozenset()].objective_value, 400)
    assert close(answers[frozenset({"CC"})].objective_value, 0)
    cost, _ = resolve(scenario, "min_cost", [frozenset(), frozenset({"CC"})], workers=1)
    assert not cost[frozenset({"CC"})].solved  # min_cost: the plan carries over
    assert close(cost[frozenset({"CC"})].objective_value, cost[frozenset()].objective_value)


def test_a_unit_no_one_left_offers_is_said_plainly_not_as_at_most_zero():
    """Without the United States nobody offers the AWACS-type orbit: 'no ... on offer, 1
    needed', where the Paris brief read 'at most 0 x ..., 1 short of 1'."""
    base = default_scenario()
    nations = [
        n if n.code == "US" else dataclasses.replace(n, offers={**n.offers, "aew_orbit": 0})
        for n in base.nations
    ]
    scenario = dataclasses.replace(base, nations=tuple(nations))
    others = frozenset(n.code for n in scenario.nations if n.code != "US")
    reason = Screen(scenario).why_not(others)
    name = scenario.unit("aew_orbit").name
    assert reason == f"no {name} on offer, {scenario.requirements['aew_orbit'].min} needed"


def test_a_withdrawal_row_without_a_reason_reads_in_planner_words():
    from planner.analyses.withdrawal import WithdrawalRow
    from planner.brief.analysis_withdrawal import _what_changes

    row = WithdrawalRow(status="infeasible", nation="FR", objective_value=None, total_troops=None)
    assert _what_changes(row) == "no plan meets every rule"
    undecided = dataclasses.replace(row, status="unknown")
    assert _what_changes(undecided) == "not settled in the time"
