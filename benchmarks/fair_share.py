"""Benchmark: the fair_share search against the plain program, in process, both on HiGHS.

Run with `.venv/bin/python benchmarks/fair_share.py` (--quick for a short
pass, --cap S for the time limit of each solve). For each size and each way
of tightening the generated scenario (`generate.tightened`) it solves with
`planner.solve.solve` (the search over force totals) and with the plain
program (`objectives.fair_share` handed straight to HiGHS), prints the
median seconds, the statuses and, for a run cut at the cap, its gap. This is
where the search's bound is reached (untightened) and where it is not
(requirements, scarce types, locks), so it shows what the search costs too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import TIGHTENINGS, tightened  # noqa: E402

from planner.optimise.program import build_hard_program, enforce, soft_rows  # noqa: E402
from planner.optimise.solver import solve_model  # noqa: E402
from planner.rules.objectives import objective_value, set_objective  # noqa: E402
from planner.scenario.validation import parse_scenario  # noqa: E402
from planner.solve import solve  # noqa: E402
from tests.helpers.generators import requirement_heavy  # noqa: E402

SIZES = [(8, 6), (24, 16), (40, 24), (80, 40)]


REQUIREMENT_HEAVY_SIZES = [(40, 24), (80, 40)]

Run = tuple[float, str, float | None, float | None, float | None]
"""Seconds, status, objective value, gap and bound of one solve."""


def ours(scenario, cap: float) -> Run:
    start = time.perf_counter()
    result = solve(scenario, "fair_share", time_limit=cap, explain=False)
    value = result.objective_value if result.has_plan else None
    return time.perf_counter() - start, result.status, value, result.mip_gap, result.best_bound


def plain(scenario, cap: float) -> Run:
    start = time.perf_counter()
    program = build_hard_program(scenario)
    enforce(program, soft_rows(program))
    set_objective(program, "fair_share")
    outcome = solve_model(program.model, "highs", cap)
    value = None
    if outcome.has_plan and outcome.values is not None:
        plan = program.allocation(outcome.values)
        value = objective_value(scenario, plan, "fair_share")
    return time.perf_counter() - start, outcome.status, value, outcome.mip_gap, outcome.best_bound


def describe(runs: list[Run]) -> str:
    seconds = statistics.median(r[0] for r in runs)
    statuses = "/".join(sorted({r[1] for r in runs}))
    gaps = [r[3] for r in runs if r[1] == "feasible" and r[3] is not None]
    gap = f" gap {max(gaps):.0%}" if gaps else ""
    return f"{seconds:7.2f} s {statuses:<18}{gap:<9}"


def one_run(run: Run) -> str:
    """Status, value, bound, gap and seconds of one solve, as the table prints them."""
    seconds, status, value, gap, bound = run
    shown = "-" if value is None else f"{value:,.1f}"
    proven = "-" if bound is None else f"{bound:,.1f}"
    gap_text = "-" if gap is None else f"{gap:.1e}"
    return f"{status:<10} {shown:>12} {proven:>12} {gap_text:>8} {seconds:7.2f} s"


def requirement_heavy_table(seeds: int, cap: float, sizes=REQUIREMENT_HEAVY_SIZES) -> None:
    """Issue 18 item 4: ours against HiGHS on the plain program, same cap, alternating.

    Seeds alternate which solver goes first, so load drifting over the run
    falls on both alike.
    """
    print(f"requirement-heavy fair_share, each solve capped at {cap:g} s, order alternating")
    head = f"{'status':<10} {'value':>12} {'bound':>12} {'gap':>8} {'time':>9}"
    print(f"{'size':>6} {'seed':>4} | ours {head} | HiGHS {head} | ratio")
    for nations, units in sizes:
        for seed in range(seeds):
            scenario = parse_scenario(requirement_heavy(nations, units, seed))
            if seed % 2 == 0:
                mine, theirs = ours(scenario, cap), plain(scenario, cap)
            else:
                theirs, mine = plain(scenario, cap), ours(scenario, cap)
            ratio = mine[0] / theirs[0]
            print(
                f"{nations}x{units:<3} {seed:>4} | ours {one_run(mine)} | HiGHS {one_run(theirs)}"
                f" | {ratio:.2f}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="two sizes, one seed")
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--cap", type=float, default=30.0)
    parser.add_argument(
        "--requirement-heavy",
        action="store_true",
        help="issue 18's requirement-heavy table (40x24, 80x40) against HiGHS instead",
    )
    args = parser.parse_args()
    if args.requirement_heavy:
        requirement_heavy_table(args.seeds, args.cap)
        return
    sizes = SIZES[:2] if args.quick else SIZES
    seeds = 1 if args.quick else args.seeds
    print(f"median of {seeds} seed(s) per row, each solve capped at {args.cap:g} s")
    print(f"{'size':>6} {'tightened':<13} {'search':<36} {'plain':<36} agree")
    for nations, units in sizes:
        for how in TIGHTENINGS:
            mine, theirs = [], []
            for seed in range(seeds):
                scenario = parse_scenario(tightened(nations, units, seed, how))
                mine.append(ours(scenario, args.cap))
                theirs.append(plain(scenario, args.cap))
            agree = all(
                m[2] is None
                or t[2] is None
                or m[1] != "optimal"
                or t[1] != "optimal"
                or abs(m[2] - t[2]) <= 1e-6 * max(1.0, m[2])
                for m, t in zip(mine, theirs, strict=True)
            )
            print(
                f"{nations}x{units:<3} {how:<13} {describe(mine)} {describe(theirs)} {agree}",
                flush=True,
            )


if __name__ == "__main__":
    main()
