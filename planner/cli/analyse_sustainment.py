"""`force-planner analyse sustainment FILE`: the largest force kept; where rotation breaks it."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from planner.analyses.registry import ANALYSES
from planner.cli.arguments import seconds, whole_number
from planner.cli.progress import analysis_progress
from planner.errors import print_problem, print_result
from planner.files import input_label
from planner.rules.objectives import NAMES as OBJECTIVES
from planner.scenario.model import Scenario

if TYPE_CHECKING:  # the analysis loads the solver; only when one runs
    from planner.analyses.sustainment import SustainmentAnalysis

_cycles = whole_number(1, 12, "cycles")


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("sustainment", help=ANALYSES["sustainment"].question)
    parser.add_argument("file")
    parser.add_argument("--objective", choices=OBJECTIVES, help="override the file's objective")
    parser.add_argument("--json", action="store_true", help="print the analysis as JSON")
    parser.add_argument(
        "--cycles",
        type=_cycles,
        default=4,
        metavar="N",
        help="rotation cycles to try, one period in 1 .. one in N (default 4)",
    )
    parser.add_argument(
        "--time-limit", type=seconds, metavar="S", help="seconds for each solve (default: none)"
    )
    parser.set_defaults(analysis_handler=run_sustainment)


def run_sustainment(args: argparse.Namespace, scenario: Scenario) -> int:
    from planner.analyses.sustainment import analyse_sustainment
    from planner.cli.analyse import cancel_on_interrupt

    with cancel_on_interrupt() as cancel, analysis_progress("sustainment", args.json) as meter:
        analysis = analyse_sustainment(
            scenario,
            args.objective,
            cycles=args.cycles,
            time_limit=args.time_limit,
            cancel=cancel,
            progress=meter,
        )
    if analysis.reason and not args.json:
        print_problem(f"{input_label(args.file)}: {analysis.reason}")
        return 1
    if args.json:
        print_result(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_result(render_sustainment(analysis))
    if analysis.reason:
        return 1
    if analysis.cancelled:
        print_problem("interrupted: the sweep above is partial")
        return 130
    return 0


def render_sustainment(analysis: SustainmentAnalysis) -> str:
    """The verdict, the troops kept by period and the sweep as aligned plain text."""
    from planner.analyses.verdicts import sustainment_verdict

    lines = [sustainment_verdict(analysis)]
    if analysis.by_period:
        label = analysis.scenario.periods.label
        kept = ", ".join(f"{troops:,}" for troops in analysis.by_period)
        lines += ["", f"Troops in the target by {label} (largest force kept): {kept}"]
    if analysis.cycles:
        label = analysis.scenario.periods.label
        lines += ["", f"{'one ' + label + ' in':<16}{'largest kept':>18}  target band"]
        for line in analysis.cycles:
            most = line.kept_text()
            band = {True: "can be met", False: "cannot be met", None: "undecided (time limit)"}
            lines.append(f"{line.rotation:<16}{most:>18}  {band[line.band_reachable]}")
    return "\n".join(lines)
