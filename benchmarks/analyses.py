"""Benchmark: the analyses in solve-equivalents, and against a naive loop of solve() calls.

`.venv/bin/python -m benchmarks.analyses --targets` prints issue 18's table
in one run: per analysis, its in-process wall time on the built-in default
scenario divided by one baseline `solve()` (median of --repeats runs each,
timed alternately so load hits both alike) and the solves it made; the full
brief against the quick one; then each analysis as a whole process
(`force-planner analyse ...`) on a generated 40 x 24 scenario (seed --seed),
stopped at --process-limit seconds. On a shared machine keep --repeats
small and read the ratios, not the seconds: load inflates both sides of a
ratio alike only when they alternate, as here.

Without --targets (add --quick for a short pass), on the default scenario,
in one process and the same run:

- withdrawal: `analyse_withdrawal` (baseline included) against the naive
  loop `solve(baseline)` then `solve(withdrawn)` for each nation of the
  baseline plan (an infeasible row's solve also explains why, as `solve`
  always does). Seconds per row = whole analysis / rows.
- odds: `analyse_odds` with --draws draws (with optimal totals of the
  default sample of feasible draws, and of all of them; min_cost and
  fair_share; also feasibility only) against the naive loop that calls
  `solve(withdrawn)` for each draw, with no cache. The naive loop is timed
  once, on --naive-draws of the same draws evenly spaced (it is slow);
  seconds per draw.

Each figure of ours is the median of --repeats runs; the ratio is ours /
naive per row or per draw. Withdrawal values are checked against the naive
loop's here; tests/core/test_analyses.py checks the rest.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import TypeVar

from planner.analyses.odds import analyse_odds, draw_absences, probabilities_with
from planner.analyses.participation import withdrawn
from planner.analyses.withdrawal import analyse_withdrawal
from planner.scenario.io import default_scenario
from planner.scenario.model import Scenario
from planner.solve import solve

T = TypeVar("T")


def median_seconds(run: Callable[[], T], repeats: int) -> tuple[float, T]:
    """Median wall seconds of `run` over `repeats` calls, and its last answer."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def naive_withdrawal(scenario: Scenario, objective: str) -> list[tuple[str, float | None]]:
    base = solve(scenario, objective)
    used = [code for code, taking_part in base.evaluation.participating.items() if taking_part]
    rows = []
    for code in used:
        result = solve(withdrawn(scenario, [code]), objective)
        rows.append((code, result.objective_value if result.has_plan else None))
    return rows


def naive_odds(scenario: Scenario, draws: int, sample: int, seed: int) -> list[bool]:
    """solve() for every `draws // sample`-th draw: a random sample of the same draws."""
    every = max(1, draws // sample)
    absences = draw_absences(scenario, probabilities_with(), draws, seed)[::every][:sample]
    return [solve(withdrawn(scenario, absent)).has_plan for absent in absences]


def bench_withdrawal(scenario: Scenario, repeats: int) -> None:
    print(f"{'withdrawal':<28} {'rows':>5} {'ours s/row':>11} {'naive s/row':>12} {'ratio':>6}")
    for objective in ("min_cost", "fair_share"):
        for workers in (1, None):
            ours, analysis = median_seconds(
                lambda o=objective, w=workers: analyse_withdrawal(scenario, o, workers=w), repeats
            )
            naive, rows = median_seconds(lambda o=objective: naive_withdrawal(scenario, o), repeats)
            got = [(r.nation, r.objective_value) for r in analysis.rows]
            same = len(got) == len(rows) and all(
                a == c and ((v is None) == (w is None)) and (v is None or abs(v - w) < 1e-6)
                for (a, v), (c, w) in zip(got, rows, strict=True)
            )
            n = len(rows)
            label = f"{objective}, workers {workers or 'auto'}"
            print(
                f"{label:<28} {n:>5} {ours / n:11.3f} {naive / n:12.3f} {ours / naive:6.2f}"
                f"{'' if same else '  VALUES DIFFER'}"
            )
            sys.stdout.flush()


def bench_odds(scenario: Scenario, draws: int, naive_draws: int, repeats: int, seed: int) -> None:
    naive, feasible = median_seconds(lambda: naive_odds(scenario, draws, naive_draws, seed), 1)
    per_naive = naive / len(feasible)
    print(
        f"\nodds, {draws:,} draws (naive loop: every {max(1, draws // naive_draws)}th draw, "
        f"{len(feasible)} draws, {sum(feasible)} feasible, {per_naive * 1000:.0f} ms per draw)"
    )
    print(f"{'variant':<30} {'total s':>8} {'ms/draw':>8} {'ratio':>7}  feasible share, work")
    for label, kwargs in (
        ("min_cost, workers 1", {"workers": 1}),
        ("min_cost, all plans, workers 1", {"workers": 1, "plan_draws": None}),
        ("min_cost, workers 2", {"workers": 2}),
        ("min_cost, workers auto", {"workers": None}),
        ("fair_share, workers 1", {"workers": 1, "objective": "fair_share"}),
        ("feasibility only, workers 1", {"workers": 1, "feasibility_only": True}),
    ):
        ours, analysis = median_seconds(
            lambda k=kwargs: analyse_odds(scenario, draws=draws, seed=seed, **k), repeats
        )
        a, per = analysis, ours / draws
        print(
            f"{label:<30} {ours:8.2f} {per * 1000:8.2f} {per / per_naive:7.3f}  "
            f"{a.feasible_share:.4f}, {a.distinct_sets} sets: {a.work.screened} screened, "
            f"{a.work.inferred} inferred, {a.work.solves} solved in {a.work.workers} process(es)"
        )
        sys.stdout.flush()
    print(
        f"naive sample feasible share {sum(feasible) / len(feasible):.4f}; "
        "the ratio of every variant is against the naive min_cost loop"
    )


TARGETS = {"withdrawal": 3, "odds": 10, "sensitivity": 8, "pareto": 8, "stability": 8}
"""Issue 18's ceilings, in solve-equivalents on the default scenario (stability's: issue 19,
the full brief at most twice the quick one)."""
OPTIONS: dict[str, dict] = {"odds": {"draws": 1000}, "pareto": {"points": 8}}


def _solves(result: object) -> str:
    """The solves an analysis reports (work counters), or '?' when it keeps none."""
    work = getattr(result, "work", None)
    if work is not None:
        return str(work.solves)
    count = getattr(result, "solves", None)
    return "?" if count is None else str(count)


def bench_targets(
    repeats: int, seed: int, process_limit: float, only: list[str] | None = None
) -> None:
    """Solve-equivalents per analysis (alternating with the baseline solve), then 40 x 24.

    `only` names the analyses to measure (all of TARGETS when None); the brief
    comparison runs only when every analysis is measured or "brief" is named.
    """
    from planner.analyses.registry import ANALYSES

    scenario = default_scenario()
    names = [name for name in TARGETS if only is None or name in only]
    print("solve-equivalents on the default scenario (analysis / one baseline solve, medians)")
    print(f"{'analysis':<12} {'seconds':>8} {'solve s':>8} {'ratio':>6} {'target':>6} solves")
    for name in names:
        target = TARGETS[name]
        ours, base = [], []
        result = None
        for _ in range(repeats):  # alternate: load on the shared machine hits both alike
            start = time.perf_counter()
            solve(scenario)
            base.append(time.perf_counter() - start)
            start = time.perf_counter()
            result = ANALYSES[name].run(scenario, None, **OPTIONS.get(name, {}))
            ours.append(time.perf_counter() - start)
        a, b = statistics.median(ours), statistics.median(base)
        print(f"{name:<12} {a:8.2f} {b:8.3f} {a / b:6.1f} {target:>6} {_solves(result)}")
        sys.stdout.flush()
    if only is None or "brief" in only:
        quick, turn, side = _briefs(scenario, repeats)
        print(
            f"{'brief':<12} quick {quick:.2f} s; full, analyses one after another {turn:.2f} s "
            f"= {turn / quick:.1f}; full, two processes at once {side:.2f} s = {side / quick:.1f} "
            "(target 2)"
        )
    if process_limit > 0:
        _whole_process(seed, process_limit, names)


def _cpu(who: int) -> float:
    import resource

    used = resource.getrusage(who)
    return used.ru_utime + used.ru_stime


def _briefs(scenario: Scenario, repeats: int) -> tuple[float, float, float]:
    """Median seconds of the quick brief (no analyses), the full one with its analyses one
    after another (``workers=1``) and the full one with this process and one worker at once
    (``workers=2``; the command line's choice when a core is free), alternating. Prints the
    CPU seconds of the analyses of each full brief, per process: on a loaded machine the wall
    time of two processes is what the load leaves; on free cores, their larger share."""
    import resource

    from planner.brief import render_brief
    from planner.brief.analyses import brief_default, run_analyses

    quick: list[float] = []
    turn: list[float] = []
    side: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        render_brief(scenario, solve(scenario))
        quick.append(time.perf_counter() - start)
        cpu = []
        for workers, times in ((1, turn), (2, side)):
            start = time.perf_counter()
            result = solve(scenario)
            here, there = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
            done = run_analyses(scenario, None, brief_default(scenario), result, workers=workers)
            here, there = _cpu(resource.RUSAGE_SELF) - here, _cpu(resource.RUSAGE_CHILDREN) - there
            cpu.append(f"{here:.2f} s here + {there:.2f} s in workers")
            render_brief(scenario, result, analyses=done)
            times.append(time.perf_counter() - start)
        print(f"  analyses' CPU: one after another {cpu[0]}; two at once {cpu[1]}")
    return statistics.median(quick), statistics.median(turn), statistics.median(side)


def _whole_process(seed: int, limit: float, names: list[str]) -> None:
    from benchmarks.generate import generate

    print(f"\nwhole process on generated 40 x 24 (benchmarks/generate.py 40 24 {seed})")
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/g40x24.json"
        with open(path, "w", encoding="utf-8") as out:
            json.dump(generate(40, 24, seed), out)
        for name in names:
            command = [sys.executable, "-m", "force_planner", "analyse", name, path, "--json"]
            start = time.perf_counter()
            try:
                subprocess.run(command, capture_output=True, timeout=limit, check=False)
                took = f"{time.perf_counter() - start:6.1f} s"
            except subprocess.TimeoutExpired:
                took = f"no result in {limit:g} s"
            print(f"{name:<12} {took}")
            sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 draws, one repeat")
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--naive-draws", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--targets", action="store_true", help="issue 18's table only")
    parser.add_argument(
        "--process-limit", type=float, default=60.0, help="0 skips the whole-process 40 x 24 runs"
    )
    parser.add_argument(
        "--only", nargs="+", choices=[*TARGETS, "brief"], help="with --targets: these rows only"
    )
    args = parser.parse_args()
    if args.targets:
        solve(default_scenario())  # warm imports and the HiGHS banner
        bench_targets(args.repeats, args.seed, args.process_limit, args.only)
        return
    draws, naive_draws, repeats = args.draws, args.naive_draws, args.repeats
    if args.quick:
        draws, naive_draws, repeats = 300, 10, 1
    scenario = default_scenario()
    solve(scenario)  # warm imports and the HiGHS banner
    bench_withdrawal(scenario, repeats)
    bench_odds(scenario, draws, naive_draws, repeats, args.seed)


if __name__ == "__main__":
    main()
