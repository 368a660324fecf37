"""Benchmark: the withdrawal and odds analyses against a naive loop of solve() calls.

Run with `.venv/bin/python -m benchmarks.analyses` (add --quick for a short
pass). On the built-in default scenario, in one process and the same run:

- withdrawal: `analyse_withdrawal` (baseline included) against the naive
  loop `solve(baseline)` then `solve(withdrawn)` for each nation of the
  baseline plan (an infeasible row's solve also explains why, as `solve`
  always does). Seconds per row = whole analysis / rows.
- odds: `analyse_odds` with --draws draws (with optimal totals, min_cost
  and fair_share; also feasibility only) against the naive loop that calls
  `solve(withdrawn)` for each draw, with no cache. The naive loop is timed
  once, on --naive-draws of the same draws evenly spaced (it is slow);
  seconds per draw.

Each figure of ours is the median of --repeats runs; the ratio is ours /
naive per row or per draw. Withdrawal values are checked against the naive
loop's here; tests/core/test_analyses.py checks the rest.
"""

from __future__ import annotations

import argparse
import statistics
import sys
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
    print(f"{'variant':<28} {'total s':>8} {'ms/draw':>8} {'ratio':>7}  feasible share, work")
    for label, kwargs in (
        ("min_cost, workers 1", {"workers": 1}),
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
            f"{label:<28} {ours:8.2f} {per * 1000:8.2f} {per / per_naive:7.3f}  "
            f"{a.feasible_share:.4f}, {a.distinct_sets} sets: {a.work.screened} screened, "
            f"{a.work.inferred} inferred, {a.work.solves} solved in {a.work.workers} process(es)"
        )
        sys.stdout.flush()
    print(
        f"naive sample feasible share {sum(feasible) / len(feasible):.4f}; "
        "the ratio of every variant is against the naive min_cost loop"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 draws, one repeat")
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--naive-draws", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    draws, naive_draws, repeats = args.draws, args.naive_draws, args.repeats
    if args.quick:
        draws, naive_draws, repeats = 300, 10, 1
    scenario = default_scenario()
    solve(scenario)  # warm imports and the HiGHS banner
    bench_withdrawal(scenario, repeats)
    bench_odds(scenario, draws, naive_draws, repeats, args.seed)


if __name__ == "__main__":
    main()
