"""Benchmark: scenario@2 (areas x periods) solves against plain PuLP scripts of the same model.

Run with `.venv/bin/python benchmarks/s2.py` (--quick for one seed of the
smaller size, --cap S for the time limit of every run, --repeats N). The
scenarios are `benchmarks/generate_s2.py`: the built-in default scenario
(18 nations x 17 unit types) and `generate.py` 40 x 24, each over 3 areas
(two hubs in the target with capacities, one on neighbouring NATO soil) and
8 quarters with a rotation of two, build-up, readiness and caveats.

For each scenario and objective it prints the median seconds of ours in
process (`planner.solve.solve` with the cap as time limit, the figure for
the GUI's live re-solve) and as a whole process (`force-planner solve
--json --time-limit CAP`), and of the two peers as whole processes
(`plain_s2.py`: the independent reference model of tests/helpers/reference in
PuLP, solved by CBC and by HiGHS), with statuses, and ours/peer ratios of
whole-process wall time. Runs stopped at the cap count as the cap ('>').
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate_s2 import default_in_time, generated_in_time  # noqa: E402
from run import ours_command, timed  # noqa: E402

from planner.scenario.validation import parse_scenario  # noqa: E402
from planner.solve import solve  # noqa: E402

OBJECTIVES = ("min_cost", "fair_share")
PEERS = ("cbc", "highs")


def cases(quick: bool) -> list[tuple[str, int, object]]:
    """(label, seed, maker) of every scenario measured."""
    seeds = (0,) if quick else (0, 1, 2)
    out: list[tuple[str, int, object]] = [
        ("default 18x17x3x8", s, lambda obj, s=s: default_in_time(3, 8, s, obj)) for s in seeds
    ]
    if not quick:
        out += [
            ("generated 40x24x3x8", s, lambda obj, s=s: generated_in_time(40, 24, 3, 8, s, obj))
            for s in (0, 1)
        ]
    return out


def in_process(raw: dict, objective: str, cap: float, repeats: int) -> tuple[float, str, float]:
    scenario = parse_scenario(raw)
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = solve(scenario, objective, time_limit=cap)
        times.append(time.perf_counter() - start)
        if result.status != "optimal":
            break  # a run the cap stopped is not repeated
    assert result is not None
    return statistics.median(times), str(result.status), result.objective_value or float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--cap", type=float, default=30.0)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    repeats = 1 if args.quick else args.repeats
    print(f"cap {args.cap:g} s per run; ours in process: median of up to {repeats}")
    print(
        f"{'scenario':<22}{'seed':>4} {'objective':<11}{'in-proc s':>10} {'status':<9}"
        f"{'process s':>10} "
        + " ".join(f"{p + ' s':>9} {'ratio':>6} {'status':<10}" for p in PEERS)
    )
    with tempfile.TemporaryDirectory() as folder:
        for label, seed, make in cases(args.quick):
            for objective in OBJECTIVES:
                raw = make(objective)
                path = Path(folder) / f"s2_{seed}_{objective}.json"
                path.write_text(json.dumps(raw))
                seconds, status, _ = in_process(raw, objective, args.cap, repeats)
                ours_cmd = ours_command(path, args.cap)
                wall, _, ours_out = timed(ours_cmd, args.cap + 30)
                cells = []
                for peer in PEERS:
                    cmd = [
                        sys.executable,
                        str(HERE / "plain_s2.py"),
                        str(path),
                        objective,
                        peer,
                        str(args.cap),
                    ]
                    peer_wall, _, out = timed(cmd, args.cap + 30)
                    capped = ">" if out is None or out["status"] != "Optimal" else " "
                    peer_status = "stopped" if out is None else out["status"]
                    cells.append(
                        f"{capped}{peer_wall:8.2f} {wall / peer_wall:6.2f} {peer_status:<10}"
                    )
                print(
                    f"{label:<22}{seed:>4} {objective:<11}{seconds:10.2f} {status:<9}"
                    f"{wall:10.2f} " + " ".join(cells)
                )
                sys.stdout.flush()


if __name__ == "__main__":
    main()
