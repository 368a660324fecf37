"""`force-planner analyse stable FILE --plan PLAN.json`: re-plan with the fewest changes.

PLAN.json is a result document as `force-planner solve --json` prints it (its
`allocation` list is the plan on the table); a bare list of
`{"nation", "unit_type", "count"}` items is accepted too.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from planner.errors import (
    PlannerError,
    ScenarioError,
    print_problem,
    print_result,
    printable,
    quoted,
)
from planner.rules.objectives import NAMES as OBJECTIVES
from planner.scenario.io import read_scenario_data
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell, entry_cell


def add_parser(sub: argparse._SubParsersAction) -> None:
    stable = sub.add_parser(
        "stable", help="re-optimise moving the fewest units from a plan (then the objective)"
    )
    stable.add_argument("file")
    stable.add_argument("--plan", required=True, metavar="PLAN.json", help="the plan on the table")
    stable.add_argument("--objective", choices=OBJECTIVES, help="override the file's objective")
    stable.add_argument("--json", action="store_true", help="print the result as JSON")
    stable.set_defaults(analysis_handler=run_stable)


def read_plan(path: str, scenario: Scenario) -> dict[Cell, int]:
    """The allocation of a result document, checked against the scenario's names."""
    try:
        data = read_scenario_data(path)
    except ScenarioError as exc:
        raise PlannerError(f"{path}: {exc.problem}") from None
    items: Any = data.get("allocation") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise PlannerError(f"{path}: no 'allocation' list (give a 'solve --json' result)")
    plan: dict[Cell, int] = {}
    for i, item in enumerate(items):
        where = f"{path}: allocation[{i}]"
        if not isinstance(item, dict):
            raise PlannerError(f"{where}: expected an object with nation, unit_type, count")
        count = item.get("count")
        try:
            key = entry_cell(scenario, item)
        except ValueError as exc:
            raise PlannerError(f"{where}.{printable(str(exc))}") from None
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise PlannerError(f"{where}.count: {quoted(count)} is not a whole number >= 0")
        plan[key] = plan.get(key, 0) + count
    return plan


def run_stable(args: argparse.Namespace, scenario: Scenario) -> int:
    from planner.analyses.stable_plan import reoptimise_stable

    current = read_plan(args.plan, scenario)
    plan = reoptimise_stable(scenario, current, args.objective)
    if args.json:
        print_result(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_result(render_stable(plan))
    if not plan.has_plan:
        print_problem(f"{args.file}: {plan.reason}")
        return 1 if plan.status == "invalid" else 2
    return 0


def render_stable(plan: Any) -> str:
    if not plan.has_plan:
        return f"No stable plan: {plan.reason}"
    lines = [
        f"Stable re-plan ({plan.status}): {plan.moved} units moved; "
        f"{plan.objective} {plan.objective_value:,.2f}; {plan.total_troops:,} troops",
    ]
    if plan.status == "feasible" and plan.reason:
        lines.append(f"  Not proved: {plan.reason}")
    lines += [f"  {change}" for change in plan.changes] or ["  nothing moves"]
    return "\n".join(lines)
