"""The constraint families agree with themselves: rows, checks, names and words.

For every registered soft family, on random plans of random scenarios: a
row of the program is broken exactly when the family's check reports its
name, the name finds its family again, and the family words and selects it.
This is what keeps one home per rule honest: a family whose row and check
disagree fails here, whichever module it lives in.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from planner import rules
from planner.optimise.program import build_hard_program, soft_rows
from planner.scenario.io import load_scenario
from planner.scenario.plan import Cell
from planner.scenario.validation import parse_scenario
from tests.helpers.scenario_factory import scenarios

EXAMPLES = "/work/shared/spec/examples"


def _random_plan(scenario, program, rng: random.Random) -> dict[Cell, int]:
    """Counts within each cell's offer (so rows and checks are compared, not bounds)."""
    plan = {}
    for key in program.x:
        offer = scenario.nation(key.nation).offer(key.unit)
        count = rng.choice([0, 0, rng.randint(0, offer)])
        if count:
            plan[key] = count
    return plan


def _agree(scenario, seed: int) -> None:
    program = build_hard_program(scenario)
    rows = soft_rows(program)
    rng = random.Random(seed)
    for _ in range(8):
        plan = _random_plan(scenario, program, rng)
        values = program.column_values(plan)
        broken_rows = {r.name for r in rows if r.gap(r.expr.value(values)) > 1e-6}
        reported = {v.constraint for v in rules.violations(scenario, plan) if not v.hard}
        assert broken_rows == reported, (plan, broken_rows ^ reported)
        for row in rows:
            family = rules.family_of(row.name)
            assert family.key == row.family
            assert family.describe(scenario, row.name)
            assert family.unmet(scenario, row.name, row.bound, 0, 1)
            assert family.select(scenario, row.name).kind


@settings(max_examples=60, deadline=None)
@given(data=scenarios(), seed=st.integers(0, 10_000))
def test_rows_and_checks_agree_on_random_plans(data, seed):
    _agree(parse_scenario(data), seed)


def test_rows_and_checks_agree_on_the_worked_examples():
    for name in ("small-space-time", "small-space-time-no-us"):
        scenario = load_scenario(f"{EXAMPLES}/{name}.json")
        for seed in range(20):
            _agree(scenario, seed)


def test_every_family_is_complete():
    for family in rules.SOFT:
        assert family.key and isinstance(family.rank, int)
        for method in ("rows", "check", "describe", "unmet", "select"):
            assert getattr(type(family), method) is not getattr(rules.SoftFamily, method)
    ranks = [f.rank for f in rules.SOFT]
    assert len(set(ranks)) == len(ranks), "conflict ranks must order families strictly"
