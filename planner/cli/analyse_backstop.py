"""`force-planner analyse backstop FILE`: the force with and without its stand-off backstop."""

from __future__ import annotations

import argparse
import json
from typing import Any

from planner.analyses.registry import ANALYSES
from planner.cli.progress import analysis_progress
from planner.errors import print_problem, print_result
from planner.files import input_label
from planner.rules.objectives import NAMES as OBJECTIVES
from planner.scenario.model import Scenario


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("backstop", help=ANALYSES["backstop"].question)
    parser.add_argument("file")
    parser.add_argument("--objective", choices=OBJECTIVES, help="override the file's objective")
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    parser.set_defaults(analysis_handler=run_backstop)


def run_backstop(args: argparse.Namespace, scenario: Scenario) -> int:
    from planner.analyses.backstop import analyse_backstop

    with analysis_progress("backstop", args.json) as meter:
        analysis = analyse_backstop(scenario, args.objective, progress=meter)
    if args.json:
        print_result(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_result(render_backstop(analysis))
    if not analysis.with_result.has_plan:
        print_problem(
            f"{input_label(args.file)}: no plan even with the backstop "
            f"({analysis.with_result.status}); run 'force-planner solve' to see why",
        )
        return 1 if analysis.with_result.status == "invalid" else 2
    return 0


def render_backstop(analysis: Any) -> str:
    from planner.analyses.verdicts import backstop_verdict

    lines = [backstop_verdict(analysis), ""]
    lines.append(
        f"{'unit type':<16}{'with':>6}{'from backstop':>15}{'needed without':>16}"
        f"{'without':>9}{'short':>7}"
    )
    for u in analysis.units:
        lines.append(
            f"{u.unit_type:<16}{u.with_count:>6}{u.from_backstop:>15}"
            f"{u.required_without:>16}{u.without_count:>9}{u.short or '':>7}"
        )
    if analysis.nations:
        lines += ["", "What each nation adds without the backstop:"]
        for n in analysis.nations:
            units = ", ".join(f"{k} {v:+d}" for k, v in n.units_added.items())
            troops = n.troops_without - n.troops_with
            lines.append(f"  {n.nation}: troops {troops:+,}" + (f"; {units}" if units else ""))
    return "\n".join(lines)
