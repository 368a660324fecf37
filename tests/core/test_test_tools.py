"""The test tools themselves: factory output is valid, planted scenarios are feasible.

If these fail, the failure is in tests/, not in planner/.
"""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings

from tests.helpers.brute_force import analyse
from tests.helpers.scenario_factory import scenarios
from tests.helpers.spec_checker import model_of, plan_of, soft_satisfied

FAST = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FAST
@given(scenario=scenarios())
def test_factory_scenarios_pass_validation(scenario):
    from planner.scenario.validation import parse_scenario

    parsed = parse_scenario(copy.deepcopy(scenario))
    assert len(parsed.nations) == len(scenario["nations"])


@FAST
@given(scenario=scenarios(kind="planted"))
def test_planted_scenarios_are_feasible_by_brute_force(scenario):
    bf = analyse(scenario)
    assert bf.hard_feasible and bf.feasible
    assert bf.individually_unmet() == []
    for objective in ("min_cost", "fair_share"):
        assert bf.optimum(objective) >= -1e-9


@FAST
@given(scenario=scenarios())
def test_brute_force_rows_agree_with_checker(scenario):
    """Vectorised masks and the plain-Python checker give the same verdicts."""
    bf = analyse(scenario)
    if not bf.hard_feasible:
        return
    model = model_of(scenario)
    for row in range(0, bf.rows, max(1, bf.rows // 25)):
        x = {
            (n.code, u.id): int(bf.x[row, i, j])
            for i, n in enumerate(model.nations)
            for j, u in enumerate(model.units)
            if bf.x[row, i, j]
        }
        ok = soft_satisfied(model, plan_of(model, x))
        assert ok == {name: bool(mask[row]) for name, mask in bf.masks.items()}
