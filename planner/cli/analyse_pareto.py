"""`force-planner analyse pareto FILE`: the trade-off between cost and fairness."""

from __future__ import annotations

import argparse
import json
from typing import Any

from planner.analyses import DEFAULT_POINTS
from planner.analyses.registry import ANALYSES
from planner.cli.arguments import seconds, whole_number
from planner.cli.progress import analysis_progress
from planner.errors import print_problem, print_result
from planner.files import input_label
from planner.scenario.model import Scenario
from planner.scenario.words import cost

_points = whole_number(2, 50, "points")
_workers = whole_number(1, 64, "workers")


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("pareto", help=ANALYSES["pareto"].question)
    parser.add_argument("file")
    parser.add_argument(
        "--points",
        type=_points,
        default=DEFAULT_POINTS,
        metavar="N",
        help=f"how many points to try along the front (default {DEFAULT_POINTS})",
    )
    parser.add_argument(
        "--time-limit",
        type=seconds,
        metavar="S",
        help="seconds for each solve; a point it stops is shown as not proved (default: none)",
    )
    parser.add_argument(
        "--workers",
        type=_workers,
        metavar="N",
        help="processes to solve the points between the two ends in (default: two when it pays)",
    )
    parser.add_argument("--json", action="store_true", help="print the front as JSON")
    parser.set_defaults(analysis_handler=run_pareto)


def run_pareto(args: argparse.Namespace, scenario: Scenario) -> int:
    from planner.analyses.pareto import analyse_pareto

    with analysis_progress("pareto", args.json) as meter:
        analysis = analyse_pareto(
            scenario,
            points=args.points,
            time_limit=args.time_limit,
            workers=args.workers,
            progress=meter,
        )
    if args.json:
        print_result(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_result(render_pareto(analysis))
    if not analysis.points:
        print_problem(
            f"{input_label(args.file)}: no plan ({analysis.status}); "
            "run 'force-planner solve' to see why",
        )
        return 1 if analysis.status == "invalid" else 2
    return 0


def render_pareto(analysis: Any) -> str:
    if not analysis.points:
        return f"No front: {analysis.reason or analysis.status}."
    lines = [
        f"Cost against fairness: {len(analysis.points)} non-dominated plans",
        f"{'min_cost':>12}{'fair_share':>14}{'troops':>9}",
    ]
    for p in analysis.points:
        mark = "" if p.proved else "  not proved (time limit)"
        lines.append(f"{cost(p.cost):>12}{p.deviation:>14,.2f}{p.total_troops:>9,}{mark}")
    if analysis.cancelled:
        lines.append(
            f"PARTIAL: cancelled with {len(analysis.points)} of the {analysis.requested} "
            "points asked for."
        )
    return "\n".join(lines)
