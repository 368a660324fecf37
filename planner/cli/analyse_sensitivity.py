"""`force-planner analyse sensitivity FILE`: which ceilings and requirements move the result."""

from __future__ import annotations

import argparse
import json
from typing import Any

from planner.analyses import DEFAULT_STEP, DEFAULT_UNITS
from planner.analyses.registry import ANALYSES
from planner.cli.arguments import fraction, whole_number
from planner.cli.progress import analysis_progress
from planner.errors import print_problem, print_result
from planner.files import input_label
from planner.rules.objectives import NAMES as OBJECTIVES
from planner.scenario.model import Scenario

_share = fraction("a share such as 0.2", open_low=True, open_high=True)
_units = whole_number(1, 1000, "units")


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("sensitivity", help=ANALYSES["sensitivity"].question)
    parser.add_argument("file")
    parser.add_argument("--objective", choices=OBJECTIVES, help="override the file's objective")
    parser.add_argument(
        "--step",
        type=_share,
        default=DEFAULT_STEP,
        metavar="SHARE",
        help=f"ceilings lowered and raised by this share (default {DEFAULT_STEP})",
    )
    parser.add_argument(
        "--units",
        type=_units,
        default=DEFAULT_UNITS,
        metavar="N",
        help=f"requirement minimums lowered and raised by N units (default {DEFAULT_UNITS})",
    )
    parser.add_argument("--json", action="store_true", help="print the analysis as JSON")
    parser.set_defaults(analysis_handler=run_sensitivity)


def run_sensitivity(args: argparse.Namespace, scenario: Scenario) -> int:
    from planner.analyses.sensitivity import analyse_sensitivity

    with analysis_progress("sensitivity", args.json) as meter:
        analysis = analyse_sensitivity(
            scenario, args.objective, step=args.step, units=args.units, progress=meter
        )
    if args.json:
        print_result(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_result(render_sensitivity(analysis))
    if analysis.baseline_value is None:
        print_problem(
            f"{input_label(args.file)}: the baseline has no plan ({analysis.baseline_status}); "
            "run 'force-planner solve' to see why",
        )
        return 2
    return 0


def render_sensitivity(analysis: Any) -> str:
    from planner.analyses.verdicts import sensitivity_verdict, swing_text, variant_text
    from planner.rules.objectives import objective_figure

    if analysis.baseline_value is None:
        return sensitivity_verdict(analysis)
    base, objective = analysis.baseline_value, analysis.objective
    lines = [
        f"Sensitivity of {objective} (baseline {objective_figure(objective, base, 1)}); "
        f"ceilings ±{analysis.step:.0%}, requirement minimums ±{analysis.units}",
        f"{'factor':<22}{'low':>9}{'value':>12}{'high':>9}{'value':>12}{'swing':>10}",
    ]
    for f in analysis.ranked():
        lines.append(
            f"{f.label:<22}{f.low.setting:>9,}{variant_text(f.low, objective):>12}"
            f"{f.high.setting:>9,}{variant_text(f.high, objective):>12}"
            f"{swing_text(f, base, objective):>10}"
        )
    resting = analysis.moving_assumptions()
    if resting:
        lines.append("Factors that move the result and rest on planning assumptions:")
        lines += [f"  {title}: {', '.join(ids)}" for title, ids in resting.items()]
    if analysis.cancelled:
        done, planned = len(analysis.factors), analysis.planned
        lines.append(f"PARTIAL: cancelled after {done} of {planned} factors.")
    return "\n".join(lines)
