"""Sustainment: the largest force kept and the rotation sweep, against exhaustive enumeration.

The figures are judged by the independent reference (tests/helpers/reference/): every
plan of a tiny scenario is listed, and the largest force is the best least
in-target total over full periods among the plans that keep every rule but
the target's minimums.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given

from planner.analyses.sustainment import analyse_sustainment, largest_force, with_rotation
from planner.analyses.verdicts import sustainment_verdict
from planner.brief.analyses import brief_default, parse_names
from planner.errors import PlannerError
from planner.scenario.io import scenario_to_dict
from planner.scenario.validation import parse_scenario
from planner.status import Status
from tests.helpers.cli_support import run
from tests.helpers.reference import brute_force as bf
from tests.helpers.reference.scenario import read_scenario
from tests.helpers.reference.strategies import exhaustive_settings, scenarios

EXAMPLES = Path(__file__).parents[1] / "helpers" / "reference" / "examples"
PROPERTY = exhaustive_settings(60)


def brute_largest(raw: dict) -> int | None:
    """Best least TOTAL over full periods among plans keeping every rule but the minimums."""
    scn = read_scenario(raw)
    e = bf.enumerate_plans(scn)
    ok = e.hard.copy()
    for s in e.soft:
        if not s.name.startswith("target.min_troops"):
            ok &= s.holds
    if not ok.any():
        return None
    totals = [sum(e.col(e.lay.Din[n.code, t]) for n in scn.nations) for t in scn.full_periods]
    least = np.minimum.reduce(totals) if len(totals) > 1 else totals[0]
    return int(np.asarray(least)[ok].max())


def brute_band(raw: dict) -> bool:
    return bf.brute_optimum(bf.enumerate_plans(read_scenario(raw))).status == "optimal"


@PROPERTY
@given(raw=scenarios())
def test_largest_force_is_the_best_of_every_plan(raw):
    scenario = parse_scenario(raw)
    status, largest, totals = largest_force(scenario)
    expected = (
        brute_largest(raw)
        if bf.brute_optimum(bf.enumerate_plans(read_scenario(raw))).status != "invalid"
        else None
    )
    if expected is None:
        assert largest is None and status in (Status.INFEASIBLE, Status.INVALID)
    else:
        assert status == Status.OPTIMAL and largest == expected
        assert min(totals[t - 1] for t in scenario.periods.full) == largest


@PROPERTY
@given(raw=scenarios())
def test_each_cycle_of_the_sweep_matches_enumeration(raw):
    scenario = parse_scenario(raw)
    if scenario.periods.count == 1:  # the sweep stretches one period; covered below
        return
    for rotation in (1, 2):
        variant = with_rotation(scenario, rotation)
        variant_raw = scenario_to_dict(variant)
        analysis_line = analyse_sustainment(variant, cycles=1)
        if analysis_line.reason:
            continue
        assert analysis_line.largest == brute_largest(variant_raw)
        sweep = analyse_sustainment(scenario, cycles=rotation)
        assert_monotone(sweep)
        line = sweep.cycles[-1]
        assert line.rotation == rotation
        assert line.band_reachable is brute_band(variant_raw)
        assert line.largest == brute_largest(variant_raw)


def test_worked_example_keeps_the_band_with_the_us_and_not_without():
    """Spec section 11: a plan with the US, none without (the minimums); the sweep is monotone."""
    scenario = parse_scenario(json.loads((EXAMPLES / "small-space-time.json").read_text()))
    analysis = analyse_sustainment(scenario, cycles=4)
    assert analysis.largest is not None and analysis.largest >= scenario.target.min_troops
    assert [c.rotation for c in analysis.cycles] == [1, 2, 3, 4]
    assert_monotone(analysis)

    raw = json.loads((EXAMPLES / "small-space-time-no-us.json").read_text())
    scenario = parse_scenario(raw)
    analysis = analyse_sustainment(scenario, cycles=3)
    assert analysis.largest is not None and analysis.largest < scenario.target.min_troops
    assert_monotone(analysis)
    short = scenario.target.min_troops - analysis.largest
    assert f"{short:,} short of the target" in sustainment_verdict(analysis)


def assert_monotone(analysis) -> None:
    """A longer cycle only restricts (H1r over a longer window): never a larger force."""
    kept = [c.largest if c.largest is not None else -1 for c in analysis.cycles]
    assert kept == sorted(kept, reverse=True)
    reachable = [c.band_reachable for c in analysis.cycles]
    if False in reachable:
        assert all(r is False for r in reachable[reachable.index(False) :])


def test_one_period_scenario_is_swept_over_a_stretched_horizon_and_says_so():
    from planner.scenario.io import default_scenario

    analysis = analyse_sustainment(default_scenario(), cycles=2)
    assert analysis.stretched and analysis.horizon == 4
    assert "as the scenario has only one" in sustainment_verdict(analysis)


def test_cycles_out_of_range_are_refused():
    from planner.scenario.io import default_scenario

    with pytest.raises(PlannerError, match="cycles"):
        analyse_sustainment(default_scenario(), cycles=0)


def test_the_brief_carries_sustainment_by_default_only_when_there_are_periods():
    from planner.scenario.io import default_scenario, load_scenario

    assert "sustainment" not in brief_default(default_scenario())
    assert "sustainment" in brief_default(load_scenario(EXAMPLES / "small-space-time.json"))
    assert "sustainment" in parse_names("all")
    assert parse_names("auto", default_scenario()) == brief_default(default_scenario())


def test_cli_prints_the_figures_of_the_analysis_and_one_line_for_an_invalid_file():
    done = run("analyse", "sustainment", str(EXAMPLES / "small-space-time.json"), "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["analysis"] == "sustainment"
    analysis = analyse_sustainment(
        parse_scenario(json.loads((EXAMPLES / "small-space-time.json").read_text()))
    )
    assert document["largest_force"] == analysis.largest and document["complete"]
    assert [c["rotation"] for c in document["cycles"]] == [1, 2, 3, 4]

    done = run("analyse", "sustainment", str(EXAMPLES / "small-space-time-invalid.json"))
    assert done.returncode == 1 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "requires" in done.stderr


def test_a_force_not_proven_the_largest_is_said_to_be_at_least_that():
    """Under a time limit the plan found is a floor, not 'at most' (seen on the 2026 default)."""
    import dataclasses

    from planner.cli.analyse_sustainment import render_sustainment

    scenario = parse_scenario(json.loads((EXAMPLES / "small-space-time.json").read_text()))
    analysis = analyse_sustainment(scenario, cycles=2)
    assert analysis.largest_status == Status.OPTIMAL
    assert "keep at most" in sustainment_verdict(analysis)
    analysis.largest_status = str(Status.FEASIBLE)
    analysis.cycles[0] = dataclasses.replace(analysis.cycles[0], status=str(Status.FEASIBLE))
    said = sustainment_verdict(analysis)
    assert f"keep at least {analysis.largest:,}" in said and "time limit ran out" in said
    table = render_sustainment(analysis).splitlines()[-2:]
    assert "at least" in table[0] and "at least" not in table[1]


def _counting_solves(monkeypatch, unknown_when_started: bool = False) -> list[str]:
    """Record each solve of the analysis ("largest" or "band"); optionally make every started
    solve end as a time limit would before it found a plan."""
    from planner.analyses import sustainment
    from planner.optimise.solver import SolveOutcome

    real = sustainment.solve_model
    seen: list[str] = []

    def solve_model(model, solver, time_limit, cancel, start=None):
        seen.append("largest" if "sustainment.least" in model.col_names else "band")
        if unknown_when_started and start is not None:
            return SolveOutcome(Status.UNKNOWN, 0.0)
        return real(model, solver, time_limit, cancel, start)

    monkeypatch.setattr(sustainment, "solve_model", solve_model)
    return seen


def test_a_shorter_cycle_keeps_at_least_the_force_of_a_longer_one_when_its_solve_stops(
    monkeypatch,
):
    """A plan that keeps a cycle keeps every shorter one: a shorter cycle's solve that the time
    limit stops before it finds a plan still reports that plan, as 'at least' (seen on the
    2026 default: one quarter in 1 'at least 15,140' under one in 3 'at least 15,320')."""
    scenario = parse_scenario(json.loads((EXAMPLES / "small-space-time.json").read_text()))
    proven = analyse_sustainment(scenario, cycles=2)
    from planner.analyses import sustainment

    monkeypatch.setattr(sustainment.aggregate, "merge", lambda scenario: None)  # no merged try
    _counting_solves(monkeypatch, unknown_when_started=True)
    stopped = analyse_sustainment(scenario, cycles=2)
    assert stopped.largest == proven.largest is not None
    assert [c.largest for c in stopped.cycles] == [proven.largest, proven.largest]
    assert [c.status for c in stopped.cycles] == [Status.FEASIBLE, Status.FEASIBLE]
    assert_monotone(stopped)
    assert all(c.kept_text().startswith("at least") for c in stopped.cycles)


def test_the_sweep_solves_neither_the_scenarios_own_cycle_nor_a_band_known_to_hold_twice(
    monkeypatch,
):
    raw = json.loads((EXAMPLES / "small-space-time.json").read_text())
    for nation in raw["nations"]:
        nation.pop("rotation", None)  # every nation on the scenario's cycle of 2
    scenario = parse_scenario(raw)
    seen = _counting_solves(monkeypatch)
    analysis = analyse_sustainment(scenario, cycles=2)
    assert [c.band_reachable for c in analysis.cycles] == [True, True]
    # own (also the line of cycle 2) and the band at 2 (so at 1 too); then cycle 1's force
    assert seen == ["largest", "band", "largest"]
    assert analysis.cycles[1].largest == analysis.largest


def test_the_merged_areas_give_the_same_figures_as_the_program_with_every_area(monkeypatch):
    """Alike areas merged (a relaxation with the same in-target totals) then split back: the
    same largest force and sweep as the full program, every plan meeting every rule."""
    from planner.analyses import sustainment
    from planner.rules import violations

    scenario = parse_scenario(json.loads((EXAMPLES / "small-space-time.json").read_text()))
    assert sustainment.aggregate.merge(scenario) is not None  # the merged path is taken
    merged = analyse_sustainment(scenario, cycles=3)
    kept = sustainment._largest(scenario, None, None)
    assert kept.plan is not None
    assert not [v for v in violations(scenario, kept.plan) if v.hard]
    monkeypatch.setattr(sustainment.aggregate, "merge", lambda scenario: None)
    plain = analyse_sustainment(scenario, cycles=3)
    assert merged.largest == plain.largest and merged.largest_status == Status.OPTIMAL
    assert [c.to_dict() for c in merged.cycles] == [c.to_dict() for c in plain.cycles]
