"""Adding a rule is one module plus one registration (issue "One home per rule").

:mod:`tests.toy_family` caps each nation's units of one category; once
registered it is in the program (the optimum respects it), checked on
plans, worded, and named in ``unmet`` and ``conflict`` of the result.
"""

from __future__ import annotations

import dataclasses

import pytest

from planner import rules
from planner.explain.wording import describe_rule
from planner.scenario.io import default_scenario
from planner.scenario.plan import cell
from planner.solve import solve
from tests.helpers.toy_family import CategoryCap


@pytest.fixture
def capped():
    family = CategoryCap("manoeuvre", 4)
    rules.register(family)  # the one registration line
    yield family
    rules.SOFT.remove(family)


def test_the_toy_family_reaches_program_check_words_and_result(capped):
    scenario = default_scenario()
    before = solve(scenario, "min_cost")
    result = solve(scenario, "min_cost")
    assert not any(
        v.constraint.startswith("category.") for v in rules.violations(scenario, result.allocation)
    )
    fr = [u for u in scenario.unit_types if u.category == "manoeuvre"]
    assert fr, "the default scenario has manoeuvre units"
    heavy = {cell(scenario, "FR", fr[0].id): 5}
    broken = [
        v for v in rules.violations(scenario, heavy) if v.constraint == "category.FR.manoeuvre"
    ]
    assert broken and "more than 4" in broken[0].message
    assert (
        describe_rule(scenario, "category.FR.manoeuvre")
        == "France giving at most 4 manoeuvre units"
    )
    assert (
        rules.family_of("category.FR.manoeuvre").select(scenario, "category.FR.manoeuvre").keys[0]
        == "FR"
    )
    assert result.objective_value >= before.objective_value - 1e-6


def _france(scenario, **changes):
    return dataclasses.replace(
        scenario,
        nations=tuple(
            dataclasses.replace(n, **changes) if n.code == "FR" else n for n in scenario.nations
        ),
    )


def test_the_toy_family_is_named_in_unmet_when_a_commitment_breaks_it(capped):
    """France committed with a floor of 8,000 needs two manoeuvre units; the cap allows one."""
    capped.cap = 1
    result = solve(_france(default_scenario(), status="committed", min_troops=8000), "min_cost")
    assert result.status == "infeasible"
    unmet = {u.constraint: u for u in result.unmet}
    assert unmet["category.FR.manoeuvre"].best_reachable == 2
    assert any(
        s.startswith("France cannot keep to 1 manoeuvre units") for s in result.explanation()
    )


def test_the_toy_family_is_named_in_a_conflict(capped):
    """France free to stay out: the cap and the target cannot both hold, each can alone."""
    capped.cap = 1
    result = solve(_france(default_scenario(), min_troops=8000), "min_cost")
    assert result.status == "infeasible"
    assert set(result.conflict) == {"target.min_troops", "category.FR.manoeuvre"}
    assert "France giving at most 1 manoeuvre units" in result.explanation()[0]
