"""`force-planner analyse stability FILE [--plan PLAN.json]`: re-plan with the fewest changes.

With ``--plan`` it re-plans that plan (a result document as `force-planner
solve --json` prints it, or a bare list of `{"nation", "unit_type", "count"}`
items) for the scenario in FILE, moving the fewest units. Without it, each
nation of the optimal plan pulls out late in turn and the re-plan is
compared with a fresh one. ``analyse stable`` is the same command (its old
name).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from planner.analyses.registry import ANALYSES
from planner.cli.arguments import whole_number
from planner.cli.progress import analysis_progress
from planner.errors import (
    PlannerError,
    ScenarioError,
    print_problem,
    print_result,
    printable,
    quoted,
)
from planner.files import input_label
from planner.rules.objectives import NAMES as OBJECTIVES
from planner.rules.objectives import objective_figure
from planner.scenario.io import read_scenario_data
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell, entry_cell


def add_parser(sub: argparse._SubParsersAction) -> None:
    stable = sub.add_parser("stability", aliases=["stable"], help=ANALYSES["stability"].question)
    stable.add_argument("file")
    stable.add_argument(
        "--plan",
        metavar="PLAN.json",
        help="the plan on the table (without it: each nation of the optimal plan pulls out late)",
    )
    stable.add_argument("--objective", choices=OBJECTIVES, help="override the file's objective")
    stable.add_argument(
        "--after",
        type=whole_number(1, None, "periods"),
        metavar="T",
        help="each nation leaves after period T; periods 1..T are under way and stay as planned",
    )
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
    from planner.analyses.stability import analyse_stability, reoptimise_stable

    if args.plan is None:
        with analysis_progress("stability", args.json) as meter:
            analysis = analyse_stability(scenario, args.objective, after=args.after, progress=meter)
        if args.json:
            print_result(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
        else:
            print_result(render_late(analysis))
        return 0
    current = read_plan(args.plan, scenario)
    if args.after is not None and args.after >= scenario.periods.count:
        raise PlannerError(
            f"--after must be a period from 1 to {scenario.periods.count - 1}, not {args.after}"
        )
    plan = reoptimise_stable(scenario, current, args.objective, under_way=args.after or 0)
    if args.json:
        print_result(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_result(render_stable(plan))
    if not plan.has_plan:
        print_problem(f"{input_label(args.file)}: {plan.reason}")
        return 1 if plan.status == "invalid" else 2
    return 0


def render_stable(plan: Any) -> str:
    if not plan.has_plan:
        return f"No stable plan: {plan.reason}"
    lines = [
        f"Stable re-plan ({plan.status}): {plan.moved} units moved; "
        f"{plan.objective} {objective_figure(plan.objective, plan.objective_value, 2)}; "
        f"{plan.total_troops:,} troops",
    ]
    if plan.status == "feasible" and plan.reason:
        lines.append(f"  Not proved: {plan.reason}")
    lines += [f"  {change}" for change in plan.changes] or ["  nothing moves"]
    return "\n".join(lines)


def render_late(analysis: Any) -> str:
    """The late-withdrawal table: who pulls out, units moved by the re-plan and afresh."""
    if not analysis.rows:
        return "No baseline plan: nothing to withdraw."
    lines = []
    if analysis.after is not None:
        from planner.scenario.words import period_label

        when = period_label(analysis.scenario, analysis.after)
        lines.append(f"Each nation leaves after {when}; the periods up to it stay as planned.")
    lines.append(f"{'Nation out':<12}{'moved (fewest)':>16}{'moved (fresh)':>16}")
    for row in analysis.rows:
        fewest = "no plan" if row.moved_stable is None else f"{row.moved_stable:,}"
        fresh = "no plan" if row.moved_fresh is None else f"{row.moved_fresh:,}"
        lines.append(f"{row.nation:<12}{fewest:>16}{fresh:>16}")
    return "\n".join(lines)
