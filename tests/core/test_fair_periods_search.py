"""fair_share over periods: the search over held ground forces (planner/optimise/fair_periods.py).

From the least-cost and the dearest plan of a tiny random scenario over several periods,
:func:`search` with its probes forced on (the LP bound counted as weak whatever it is)
returns a plan that meets every rule (planner.rules.violations and the independent
checker), is worth no more than the start it was given and no less than the brute-force
optimum, and leaves the program as it was. The probes' ground forces lie between the
start's and the fairest.
"""

from __future__ import annotations

import contextlib
import math
import sys
from collections.abc import Iterator
from pathlib import Path

from hypothesis import assume, event, given

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate_s2 import generated_in_time  # noqa: E402

from planner.optimise import fair_periods
from planner.optimise.program import build_hard_program, enforce, soft_rows
from planner.optimise.solver import HighsSession
from planner.optimise.troop_totals import troop_grain
from planner.rules import violations
from planner.rules.objectives import objective_value, set_objective
from planner.scenario.evaluate import evaluate
from planner.scenario.validation import parse_scenario
from tests.helpers.reference import brute_force as bf
from tests.helpers.reference import checker
from tests.helpers.reference.scenario import read_scenario
from tests.helpers.reference.strategies import exhaustive_settings
from tests.helpers.several_periods import SEVERAL, as_reference, dearest_plan, least_cost_program


@contextlib.contextmanager
def _probes_always() -> Iterator[list[list[int]]]:
    """Within the block every LP bound counts as weak and a probe may be short; yields the
    ground forces the probes held (in order)."""
    held: list[list[int]] = []
    weak, least, search = fair_periods.WEAK, fair_periods.PROBE_LEAST, fair_periods.held_search

    def spy(program, ground, start, limit, cancel=None):  # type: ignore[no-untyped-def]
        held.append(list(ground))
        return search(program, ground, start, limit, cancel)

    fair_periods.WEAK, fair_periods.PROBE_LEAST = math.inf, 0.0
    fair_periods.held_search = spy  # type: ignore[assignment]
    try:
        yield held
    finally:
        fair_periods.WEAK, fair_periods.PROBE_LEAST = weak, least
        fair_periods.held_search = search  # type: ignore[assignment]


def _starts(scenario):  # type: ignore[no-untyped-def]
    """The least-cost plan and the dearest HiGHS finds (a larger ground force): plans of
    the program with every rule enforced, or none when the scenario has no plan."""
    program = least_cost_program(scenario)
    cheapest = HighsSession(program.model).run(10)
    found = [cheapest, dearest_plan(program)]
    return [program.allocation(o.values) for o in found if o.has_plan and o.values is not None]


@exhaustive_settings(150)
@given(raw=SEVERAL)
def test_the_search_keeps_every_rule_and_is_never_worse_than_its_start(raw):
    scenario = parse_scenario(raw)
    starts = _starts(scenario)
    assume(starts)
    ref = read_scenario(raw)
    answer = bf.brute_optimum(bf.enumerate_plans(ref))
    aim = fair_periods.fair_ground(scenario)
    grain = troop_grain(scenario)
    for plan in starts:
        assert violations(scenario, plan) == []
        program = build_hard_program(scenario)
        enforce(program, soft_rows(program))
        set_objective(program, "fair_share")
        rows = len(program.model.row_names)
        bounds = (list(program.model.col_lower), list(program.model.col_upper))
        with _probes_always() as held:
            found = fair_periods.search(program, plan, 5.0, None, 10.0)
        assert len(program.model.row_names) == rows
        assert (program.model.col_lower, program.model.col_upper) == bounds
        assert violations(scenario, found) == []
        assert checker.violations(ref, as_reference(found)) == []
        worth = objective_value(scenario, found, "fair_share")
        assert worth <= objective_value(scenario, plan, "fair_share") + 1e-6
        assert worth >= answer.fair_share - 1e-6 * max(1.0, answer.fair_share)
        ground = evaluate(scenario, plan).ground_at
        moved = [probe for probe in held if probe != ground]
        event("probes away from the start" if moved else "no probe away from the start")
        for probe in held:  # the probes, and the polish at the best plan's own ground force
            for t, g in enumerate(probe):
                low, high = sorted((ground[t], aim[t] if aim else ground[t]))
                assert low - grain <= g <= high + grain, (t, probe, ground, aim)


def test_toward_moves_part_of_the_way_on_the_grain():
    assert fair_periods.toward([100, 200], [300, 200], 0.5, 50) == [200, 200]
    assert fair_periods.toward([100, 200], [300, 100], 0.25, 50) == [150, 200]
    assert fair_periods.toward([100], [300], 0.0, 50) == [100]
    assert fair_periods.toward([100], [300], 1.0, 50) == [300]


def test_the_fairest_ground_force_lies_in_the_band():
    scenario = parse_scenario(generated_in_time(18, 17, 3, 8, 0, "fair_share"))
    aim = fair_periods.fair_ground(scenario)
    assert len(aim) == scenario.periods.count
    full_from = scenario.periods.full_from
    for t, g in enumerate(aim, start=1):
        assert (scenario.target.minimum(t, full_from) or 0) <= g <= scenario.target.max_troops
