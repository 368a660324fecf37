"""Benchmark: the fair_share bound over periods from blocks against the solve's own bound.

For each scenario of ``benchmarks.s2 periods`` (generated 18 x 17 x 3 x 8 seeds, the
built-in default over 3 areas x 8 quarters, optionally generated 40 x 24 x 3 x 8 seed 0),
in this process: ``solve(..., "fair_share", time_limit=CAP)`` (the plan's value, status,
HiGHS's best_bound and gap), then :func:`planner.optimise.fair_time_bound.lower_bound`
(the new bound and its wall and CPU seconds), and the gap with the tighter of the two
bounds, ``(value - max(old, new)) / value``.

    .venv/bin/python -m benchmarks.fair_time_bound --cap 30 --seeds 5 [--big]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_s2 import default_in_time, generated_in_time  # noqa: E402

from planner.optimise.fair_time_bound import lower_bound  # noqa: E402
from planner.rules.objectives import objective_value  # noqa: E402
from planner.scenario.io import loads_scenario  # noqa: E402
from planner.solve import solve  # noqa: E402


def gap(value: float | None, bound: float) -> str:
    """(value - bound) / value, as printed; '-' without a plan."""
    return "       -" if not value else f"{(value - bound) / value:8.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=float, default=30.0, help="time limit of each solve (s)")
    parser.add_argument("--seeds", type=int, default=5, help="generated 18 x 17 seeds 0..N-1")
    parser.add_argument("--big", action="store_true", help="also generated 40 x 24 seed 0")
    args = parser.parse_args()
    cases = [
        (f"gen 18x17x3x8 seed {s}", lambda s=s: generated_in_time(18, 17, 3, 8, s, "fair_share"))
        for s in range(args.seeds)
    ]
    cases.append(("default 18x17x3x8", lambda: default_in_time(3, 8, 0, "fair_share")))
    if args.big:
        cases.append(
            ("gen 40x24x3x8 seed 0", lambda: generated_in_time(40, 24, 3, 8, 0, "fair_share"))
        )
    print(f"load {os.getloadavg()[0]:.2f}, cap {args.cap:g} s")
    header = (
        f"{'scenario':22} {'status':9} {'value':>11} {'old bound':>11} {'old gap':>8} "
        f"{'new bound':>11} {'new gap':>8} {'bound s':>8} {'cpu s':>6} {'solve s':>8}"
    )
    print(header)
    for label, make in cases:
        scenario = loads_scenario(json.dumps(make()))
        begin = time.perf_counter()
        result = solve(scenario, "fair_share", time_limit=args.cap, explain=False)
        solve_s = time.perf_counter() - begin
        value = (
            objective_value(scenario, result.allocation, "fair_share")
            if result.allocation
            else None
        )
        begin, cpu = time.perf_counter(), time.process_time()
        new = lower_bound(scenario)
        bound_s, bound_cpu = time.perf_counter() - begin, time.process_time() - cpu
        old = result.best_bound if result.best_bound is not None else 0.0
        best = max(old, new or 0.0)

        print(
            f"{label:22} {result.status!s:9} {value or 0:11,.1f} {old:11,.1f} {gap(value, old)} "
            f"{new or 0:11,.1f} {gap(value, best)} {bound_s:8.2f} {bound_cpu:6.2f} {solve_s:8.2f}",
            flush=True,
        )
    print(f"load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
