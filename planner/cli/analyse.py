"""`force-planner analyse withdrawal|odds FILE`: the analyses on the command line.

Exit codes: 0 when the analysis ran (some rows or draws may have no plan);
1 for invalid input (one line on stderr, as every command); 2 when the
withdrawal analysis has no baseline plan to withdraw nations from; 130
when Ctrl-C stopped an odds run, which then prints its partial figures
(the first draws, a random sample, with their intervals).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from planner.analyses import DEFAULT_DRAWS, DEFAULT_PLAN_DRAWS, DEFAULT_PROBABILITIES, MAX_DRAWS
from planner.analyses.registry import ANALYSES
from planner.analyses.verdicts import withdrawal_answer, withdrawal_reason
from planner.cli import analyse_backstop as backstop_cli
from planner.cli import analyse_pareto as pareto_cli
from planner.cli import analyse_sensitivity as sensitivity_cli
from planner.cli import analyse_stability as stability_cli
from planner.cli import analyse_sustainment as sustainment_cli
from planner.cli.arguments import fraction, seconds, seed, whole_number
from planner.cli.progress import analysis_progress
from planner.errors import PlannerError, print_problem, print_result
from planner.files import input_label
from planner.rules.objectives import NAMES as OBJECTIVES
from planner.rules.objectives import objective_figure
from planner.scenario.io import load_scenario
from planner.scenario.model import Scenario

if TYPE_CHECKING:  # the analyses load PuLP; only when one runs
    from planner.analyses.odds import OddsAnalysis
    from planner.analyses.withdrawal import WithdrawalAnalysis

PROG = "force-planner"
INTERRUPTED = 130
"""Exit code of a run stopped by Ctrl-C (128 + SIGINT), as the top-level command uses."""


_probability = fraction("a probability", open_low=False, open_high=False)
_draws = whole_number(1, MAX_DRAWS, "draws")
_workers = whole_number(1, 64, "workers")
_plan_count = whole_number(1, MAX_DRAWS, "plan draws")


def _plan_draws(text: str) -> int | None:
    """`--plan-draws N|all`: None for all."""
    if text.strip().lower() == "all":
        return None
    try:
        return _plan_count(text)
    except argparse.ArgumentTypeError as error:
        raise argparse.ArgumentTypeError(f"{error}, or all") from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("--objective", choices=OBJECTIVES, help="override the file's objective")
    parser.add_argument("--json", action="store_true", help="print the analysis as JSON")
    parser.add_argument(
        "--time-limit", type=seconds, metavar="S", help="seconds for each solve (default: none)"
    )
    parser.add_argument(
        "--workers",
        type=_workers,
        metavar="N",
        help="processes to solve in (default: two when it pays, else one)",
    )


def add_analyse_parser(commands: argparse._SubParsersAction) -> None:
    """The `analyse` command with its `withdrawal` and `odds` subcommands."""
    analyse = commands.add_parser("analyse", help="what-if analyses of a scenario file")
    parser_class = type(analyse)  # the caller's parser class: one-line usage errors
    sub = analyse.add_subparsers(dest="analysis", parser_class=parser_class)
    withdrawal = sub.add_parser("withdrawal", help=ANALYSES["withdrawal"].question)
    _common(withdrawal)
    odds = sub.add_parser("odds", help=ANALYSES["odds"].question)
    _common(odds)
    odds.add_argument(
        "--draws", type=_draws, default=DEFAULT_DRAWS, metavar="N", help=f"default {DEFAULT_DRAWS}"
    )
    odds.add_argument("--seed", type=seed, default=0, metavar="S", help="0 to 2**64-1 (default 0)")
    odds.add_argument(
        "--plan-draws",
        type=_plan_draws,
        default=DEFAULT_PLAN_DRAWS,
        metavar="N|all",
        help="feasible draws (the first in draw order) whose optimal plan gives the troops, "
        f"objective and nations used (default {DEFAULT_PLAN_DRAWS}; all: every feasible draw)",
    )
    for status, default in DEFAULT_PROBABILITIES.items():
        odds.add_argument(
            f"--p-{status}",
            type=_probability,
            metavar="P",
            help=f"chance a {status} nation takes part (default {default})",
        )
    stability_cli.add_parser(sub)
    sensitivity_cli.add_parser(sub)
    pareto_cli.add_parser(sub)
    backstop_cli.add_parser(sub)
    sustainment_cli.add_parser(sub)
    odds.add_argument(
        "--feasibility-only",
        action="store_true",
        help="only whether a plan exists in each draw (faster; no totals)",
    )


def run_analyse(args: argparse.Namespace) -> int:
    """Run the chosen analysis; the exit code of the module docstring."""
    if args.analysis is None:
        raise PlannerError(
            f"choose an analysis: {', '.join(ANALYSES)} (see '{PROG} analyse --help')"
        )
    scenario = load_scenario(args.file)
    handler = getattr(args, "analysis_handler", None)
    if handler is not None:  # analyses that register their own parser (stability_cli, ...)
        return int(handler(args, scenario))
    if args.analysis == "withdrawal":
        return _withdrawal(args, scenario)
    return _odds(args, scenario)


def _withdrawal(args: argparse.Namespace, scenario: Scenario) -> int:
    from planner.analyses.withdrawal import analyse_withdrawal

    with analysis_progress("withdrawal", args.json) as meter:
        analysis = analyse_withdrawal(
            scenario,
            args.objective,
            time_limit=args.time_limit,
            workers=args.workers,
            progress=meter,
        )
    if args.json:
        print_result(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_result(render_withdrawal(analysis))
    if not analysis.baseline.has_plan:
        print_problem(
            f"{input_label(args.file)}: the baseline has no plan ({analysis.baseline.status}), "
            "so there is nothing to withdraw from; run 'force-planner solve' to see why",
        )
        return 2
    return 0


def _odds(args: argparse.Namespace, scenario: Scenario) -> int:
    from planner.analyses.odds import analyse_odds

    probabilities = {s: getattr(args, f"p_{s}") for s in DEFAULT_PROBABILITIES}
    with cancel_on_interrupt() as cancel, analysis_progress("odds", args.json) as meter:
        analysis = analyse_odds(
            scenario,
            args.objective,
            draws=args.draws,
            seed=args.seed,
            probabilities=probabilities,
            feasibility_only=args.feasibility_only,
            plan_draws=args.plan_draws,
            time_limit=args.time_limit,
            workers=args.workers,
            cancel=cancel,
            progress=meter,
        )
    if args.json:
        print_result(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_result(render_odds(analysis))
    if analysis.plans_cut:
        print_problem(
            "interrupted: every draw is settled, but the troops and nations used are "
            f"{plan_draws_text(analysis)} only"
        )
        return INTERRUPTED
    if not analysis.complete:
        print_problem(
            f"interrupted: the figures above are partial, from the first "
            f"{analysis.draws_done:,} of {analysis.draws:,} draws"
        )
        return INTERRUPTED
    return 0


@contextlib.contextmanager
def cancel_on_interrupt() -> Iterator[threading.Event]:
    """Ctrl-C once stops the analysis with what is settled; a second Ctrl-C stops at once."""
    cancel = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield cancel  # only the main thread may handle signals
        return

    def stop(signum: int, frame: object) -> None:
        cancel.set()
        signal.signal(signal.SIGINT, previous)

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield cancel
    finally:
        signal.signal(signal.SIGINT, previous)


def _value(value: float | None, objective: str) -> str:
    return "-" if value is None else objective_figure(objective, value, 1)


def render_withdrawal(analysis: WithdrawalAnalysis) -> str:
    """The withdrawal table as aligned plain text."""
    base = analysis.baseline
    lines = [f"Scenario: {analysis.scenario.name}", f"Objective: {analysis.objective}"]
    if not base.has_plan:
        lines.append(f"Baseline: {base.status} - no plan, so no withdrawal to analyse.")
        lines += [f"  {sentence}" for sentence in base.result.explanation()]
        return "\n".join(lines)
    lines.append(
        f"Baseline: {base.status}, objective {_value(base.objective_value, analysis.objective)}, "
        f"{base.total_troops:,} troops, {len(base.nations_used)} nations"
    )
    lines.append("")
    lines.append(f"{'Withdrawn':<10} {'Plan':<11} {'Objective':>12} {'Troops':>8}  What changes")
    for row in analysis.rows:
        troops = "-" if row.total_troops is None else f"{row.total_troops:,}"
        what = (
            "; ".join(row.changes[:4])
            if row.feasible and row.cost_settled
            else withdrawal_reason(row)
        )
        if row.feasible and len(row.changes) > 4:
            what += f"; {len(row.changes) - 4} more"
        plan, value = withdrawal_answer(row), _value(row.objective_value, analysis.objective)
        lines.append(f"{row.nation:<10} {plan:<11} {value:>12} {troops:>8}  {what}")
    if analysis.unchecked:
        lines.append(
            f"PARTIAL: cancelled after {len(analysis.rows)} of {len(base.nations_used)} nations; "
            f"not checked: {', '.join(analysis.unchecked)}."
        )
    if analysis.cost_unsettled:
        lines.append(
            "PARTIAL: a plan remains, its cost not settled in the time, without: "
            f"{', '.join(analysis.cost_unsettled)}."
        )
    return "\n".join(lines)


def plan_draws_text(analysis: OddsAnalysis) -> str:
    """Over which draws the optimal plans' figures were taken, in words."""
    from planner.analyses.verdicts import plan_draws_words

    return plan_draws_words(analysis)


def render_odds(analysis: OddsAnalysis) -> str:
    """The odds summary as aligned plain text; every share with its 95% interval."""
    from planner.analyses.shares import interval_text, percent, share_text

    p = analysis.probabilities
    lines = [f"Scenario: {analysis.scenario.name}"]
    if analysis.plans_cut:
        lines.append(
            "PARTIAL (cancelled): every draw is settled; the troops and nations used are "
            f"{plan_draws_text(analysis)} only."
        )
    elif not analysis.complete:
        lines += [
            f"PARTIAL: {analysis.draws_done:,} of {analysis.draws:,} draws (cancelled): the first "
            f"{analysis.draws_done:,} in draw order,",
            f"a random sample of the {analysis.draws:,}; every figure below is an estimate "
            "over them, with its 95% interval.",
        ]
    lines += [
        f"Draws: {analysis.draws_done:,} of {analysis.draws:,}, seed {analysis.seed}; "
        f"chance of taking part: committed {p['committed']:g}, likely {p['likely']:g}, "
        f"possible {p['possible']:g}",
        f"A plan meets every rule in {analysis.feasible_draws:,} of {analysis.draws_done:,} "
        f"draws: {share_text(analysis.feasible)}"
        + (
            f"; {analysis.unknown_draws:,} undecided (time limit), inside the interval"
            if analysis.unknown_draws
            else ""
        ),
    ]
    total = analysis.total
    if total is not None:
        lines.append(
            f"Troops of the optimal plan ({analysis.objective}) when one exists, "
            f"{plan_draws_text(analysis)}: "
            f"min {total.min:,.0f}, p10 {total.p10:,.0f}, median {total.median:,.0f}, "
            f"p90 {total.p90:,.0f}, max {total.max:,.0f}"
        )
    lines += [
        "",
        f"{'Requirement':<16} {'min':>5} {'met on offer':>13} {'95% CI':>12} {'offered/min':>12}",
    ]
    for req in analysis.requirements:
        ratio = "-" if req.mean_ratio is None else f"{req.mean_ratio:.2f}"
        lines.append(
            f"{req.unit_type:<16} {req.min:>5} {percent(req.met.value):>13} "
            f"{interval_text(req.met):>12} {ratio:>12}"
        )
    lines += [
        "",
        f"{'Nation':<7} {'status':<10} {'p':>5} {'available':>10} {'95% CI':>12} "
        f"{'used':>7} {'95% CI':>12}",
    ]
    for nation in analysis.nations:
        used = nation.used
        lines.append(
            f"{nation.code:<7} {nation.status:<10} {nation.probability:>5.2f} "
            f"{percent(nation.available.value):>10} {interval_text(nation.available):>12} "
            f"{percent(None if used is None else used.value):>7} "
            f"{'' if used is None else interval_text(used):>12}"
        )
    if analysis.objective is None:
        lines.append("available: of the draws")
    else:
        lines.append(
            f"available: of the draws; used: {plan_draws_text(analysis)}, "
            "a unit in the optimal plan"
        )
    work = analysis.work
    lines.append("")
    again = (
        f", {analysis.plan_sets:,} of them again for the sampled optimal plans"
        if analysis.plan_sets
        else ""
    )
    lines.append(
        f"Work: {work.sets - analysis.plan_sets:,} different sets of nations in the "
        f"{analysis.draws:,} draws{again}: "
        f"{work.screened:,} ruled out without a solver, {work.inferred:,} from other answers, "
        f"{work.solves:,} solved ({work.workers} process{'es' if work.workers > 1 else ''}); "
        f"{analysis.seconds:.1f} s"
    )
    if not analysis.complete and not analysis.plans_cut:
        lines.append(
            f"Stopped before every draw was settled: {analysis.draws_done:,} of "
            f"{analysis.draws:,} draws."
        )
    return "\n".join(lines)
