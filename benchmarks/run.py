"""Benchmark: whole-process `force-planner solve --json` against a plain PuLP+CBC script.

Run with `.venv/bin/python benchmarks/run.py` (add --quick for a short pass).
For each size (nations x unit types) and objective it generates scenarios,
times both commands as separate processes in the same run, and prints the
median seconds of each and their ratio (ours / plain; below 0.5 is the goal).
Runs that hit the cap are shown with '>' and count as the cap. It also
prints the median in-process solve time of the built-in default scenario,
the figure that matters for live re-solving in the GUI.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402

SIZES = [(8, 6), (24, 16), (40, 24), (80, 40)]
OBJECTIVES = ["min_cost", "fair_share"]


def timed(command: list[str], cap: float) -> tuple[float, dict | None]:
    """Wall seconds of one process (the cap if it had to be stopped) and its JSON output."""
    start = time.perf_counter()
    # Own process group, so a run cut at the cap takes its CBC child with it
    # (an orphaned solver would load the machine for every later run).
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, _ = process.communicate(timeout=cap)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return cap, None
    seconds = time.perf_counter() - start
    try:
        return seconds, json.loads(stdout)
    except json.JSONDecodeError:
        return seconds, None


def bench_case(path: Path, objective: str, repeats: int, cap: float) -> dict:
    """Median seconds of ours and the plain script on one scenario file."""
    ours_cmd = [
        sys.executable,
        "-m",
        "force_planner.launcher",
        "solve",
        str(path),
        "--json",
        "--objective",
        objective,
        "--time-limit",
        str(cap),
    ]
    plain_cmd = [sys.executable, str(HERE / "plain_cbc.py"), str(path), objective]
    ours, plain, ours_out, plain_out = [], [], None, None
    for _ in range(repeats):  # interleaved, so both see the same machine load
        if not ours or ours_out is None or ours_out["status"] == "optimal":
            seconds, ours_out = timed(ours_cmd, cap + 30)
            ours.append(seconds)
        if not plain or plain[-1] < cap:  # a run cut at the cap is not repeated
            seconds, plain_out = timed(plain_cmd, cap)
            plain.append(seconds)
    return {
        "ours": statistics.median(ours),
        "plain": statistics.median(plain),
        "ours_status": ours_out and ours_out["status"],
        "ours_value": ours_out and ours_out["objective_value"],
        "plain_status": plain_out and plain_out["status"],
        "plain_value": plain_out and plain_out["objective_value"],
    }


def default_in_process(repeats: int) -> tuple[float, float]:
    """Median in-process solve seconds of the default scenario, both objectives."""
    from planner.scenario.io import default_scenario
    from planner.solve import solve

    scenario = default_scenario()
    solve(scenario)  # warm imports and the HiGHS banner
    medians = []
    for objective in OBJECTIVES:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            solve(scenario, objective)
            times.append(time.perf_counter() - start)
        medians.append(statistics.median(times))
    return medians[0], medians[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one seed, one repeat, 2 sizes")
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cap", type=float, default=30.0, help="seconds before a run is cut")
    args = parser.parse_args()
    sizes = SIZES[:2] if args.quick else SIZES
    seeds, repeats = (1, 1) if args.quick else (args.seeds, args.repeats)

    cost_med, fair_med = default_in_process(5 if args.quick else 21)
    print(
        f"default scenario, in-process solve median: min_cost {cost_med * 1000:.0f} ms, "
        f"fair_share {fair_med * 1000:.0f} ms"
    )
    print(
        f"\n{'size':>7} {'objective':<11} {'ours s':>8} {'plain s':>8} {'ratio':>6}  "
        f"{'ours status':<12} {'plain status':<12} agree (where plain finished)"
    )
    with tempfile.TemporaryDirectory() as folder:
        for nations, units in sizes:
            for objective in OBJECTIVES:
                rows = []
                for seed in range(seeds):
                    path = Path(folder) / f"g{nations}x{units}_{seed}.json"
                    path.write_text(json.dumps(generate(nations, units, seed, objective)))
                    rows.append(bench_case(path, objective, repeats, args.cap))
                print_row(f"{nations}x{units}", objective, rows, args.cap)
                sys.stdout.flush()


def print_row(size: str, objective: str, rows: list[dict], cap: float) -> None:
    ours = statistics.median(r["ours"] for r in rows)
    plain = statistics.median(r["plain"] for r in rows)
    capped = ">" if any(r["plain"] >= cap for r in rows) else " "
    compared = [r for r in rows if r["plain_status"] == "Optimal" and r["ours_value"] is not None]
    agree = (
        "n/a"
        if not compared
        else all(
            abs(r["ours_value"] - r["plain_value"]) <= 1e-6 * max(1.0, abs(r["ours_value"]))
            for r in compared
        )
    )
    statuses = lambda key: "/".join(sorted({str(r[key]) for r in rows}))  # noqa: E731
    print(
        f"{size:>7} {objective:<11} {ours:8.2f} {capped}{plain:7.2f} {ours / plain:6.2f}  "
        f"{statuses('ours_status'):<12} {statuses('plain_status'):<12} {agree}"
    )


if __name__ == "__main__":
    main()
