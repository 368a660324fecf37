"""Benchmark: whole-process `force-planner solve --json` against two plain scripts.

The peers are the same model written plainly: with PuLP and its bundled CBC
(`plain_cbc.py`), and with highspy straight to HiGHS (`plain_highs.py`).

Run with `.venv/bin/python benchmarks/run.py` (add --quick for a short pass,
--shape independent for the other scenario maker of benchmarks/generate.py).
For each size (nations x unit types) and objective it generates scenarios,
times the three commands as separate processes in the same run, interleaved, and
prints the median wall seconds of each, the ratio ours / peer, and the
ratio of CPU seconds (user + system, the solver child included), which a
shared machine disturbs less than wall time. Runs that hit the cap are
shown with '>' and count as the cap (their CPU is not known). It also
prints the median in-process solve time of the built-in default scenario,
the figure that matters for live re-solving in the GUI.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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

from generate import SHAPES  # noqa: E402

SIZES = [(8, 6), (14, 10), (24, 16), (40, 24), (80, 40)]
OBJECTIVES = ["min_cost", "fair_share"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(
    command: list[str], cap: float, cwd: Path | None = None
) -> tuple[float, float | None, dict | None]:
    """Wall and CPU seconds of one process (the cap and None if it had to be stopped), its JSON.

    `cwd` is the folder it runs in (a checkout there is imported before the installed one).

    CPU counts the process and the children it waited for (PuLP waits for CBC).
    The JSON is the last line of stdout (HiGHS may print a banner first).
    """
    start, cpu = time.perf_counter(), _children_cpu()
    # Own process group, so a run cut at the cap takes its CBC child with it
    # (an orphaned solver would load the machine for every later run).
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
        cwd=cwd,
    )
    try:
        stdout, _ = process.communicate(timeout=cap)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return cap, None, None
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    try:
        if stdout.lstrip().startswith("{") and stdout.count("\n") > 1:
            return seconds, cpu, json.loads(stdout)  # ours: one indented document
        return seconds, cpu, json.loads(stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        return seconds, cpu, None


PEERS = ("cbc", "highs")
"""The plain scripts ours is measured against: PuLP + CBC, and highspy straight to HiGHS."""


def ours_command(path: Path, cap: float, objective: str | None = None) -> list[str]:
    """`force-planner solve PATH --json --time-limit CAP` as a separate process."""
    command = [sys.executable, "-m", "force_planner.launcher", "solve", str(path), "--json"]
    if objective is not None:
        command += ["--objective", objective]
    return [*command, "--time-limit", str(cap)]


def bench_case(path: Path, objective: str, repeats: int, cap: float) -> dict:
    """Median seconds of ours and of each peer on one scenario file, runs interleaved."""
    commands = {
        "ours": ours_command(path, cap, objective),
        "cbc": [sys.executable, str(HERE / "plain_cbc.py"), str(path), objective],
        "highs": [sys.executable, str(HERE / "plain_highs.py"), str(path), objective],
    }
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float | None]] = {name: [] for name in commands}
    out: dict[str, dict | None] = {name: None for name in commands}
    for _ in range(repeats):  # interleaved, so every command sees the same machine load
        for name, command in commands.items():
            if walls[name] and walls[name][-1] >= cap:  # a run cut at the cap is not repeated
                continue
            seconds, cpu, out[name] = timed(command, cap + 30 if name == "ours" else cap)
            walls[name].append(seconds)
            cpus[name].append(cpu)
    row: dict = {}
    for name in commands:
        row[name] = statistics.median(walls[name])
        row[f"{name}_cpu"] = None if None in cpus[name] else statistics.median(cpus[name])
        row[f"{name}_status"] = out[name] and out[name]["status"]
        row[f"{name}_value"] = out[name] and out[name]["objective_value"]
    return row


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


def compile_sources() -> None:
    """Write the bytecode of planner/ and force_planner/ before timing, as an installed copy has.

    Under PYTHONDONTWRITEBYTECODE (set on this project's machines) an editable
    install recompiles about 90 modules in every process, some 70 ms that a
    wheel or the bundle never pays; the plain scripts' PuLP and highspy come
    compiled from their wheels. Reading bytecode still works with the variable set.
    """
    import compileall

    for package in ("planner", "force_planner"):
        compileall.compile_dir(str(ROOT / package), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one seed, one repeat, 2 sizes")
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cap", type=float, default=30.0, help="seconds before a run is cut")
    parser.add_argument("--shape", choices=SHAPES, default="generate", help="scenario maker")
    parser.add_argument("--objective", choices=OBJECTIVES, help="only this objective")
    parser.add_argument(
        "--no-compile", action="store_true", help="time ours without writing its bytecode first"
    )
    parser.add_argument("--sizes", help="e.g. 8x6,14x10 (default: all five)")
    args = parser.parse_args()
    if not args.no_compile:
        compile_sources()
    sizes = SIZES[:2] if args.quick else SIZES
    if args.sizes:
        sizes = [tuple(int(v) for v in size.split("x")) for size in args.sizes.split(",")]
    seeds, repeats = (1, 1) if args.quick else (args.seeds, args.repeats)

    cost_med, fair_med = default_in_process(5 if args.quick else 21)
    print(
        f"default scenario, in-process solve median: min_cost {cost_med * 1000:.0f} ms, "
        f"fair_share {fair_med * 1000:.0f} ms"
    )
    print(
        f"\nscenarios: benchmarks/generate.py {args.shape}, seeds 0-{seeds - 1}; cap {args.cap:g} s"
    )
    print(
        f"{'size':>7} {'objective':<11} {'ours s':>7} "
        + " ".join(f"{p + ' s':>8} {'ratio':>6} {'cpu':>5}" for p in PEERS)
        + "  statuses ours/"
        + "/".join(PEERS)
        + "  agree"
    )
    make = SHAPES[args.shape]
    objectives = [args.objective] if args.objective else OBJECTIVES
    with tempfile.TemporaryDirectory() as folder:
        for nations, units in sizes:
            for objective in objectives:
                rows = []
                for seed in range(seeds):
                    path = Path(folder) / f"g{nations}x{units}_{seed}.json"
                    path.write_text(json.dumps(make(nations, units, seed, objective)))
                    rows.append(bench_case(path, objective, repeats, args.cap))
                print_row(f"{nations}x{units}", objective, rows, args.cap)
                sys.stdout.flush()


def print_row(size: str, objective: str, rows: list[dict], cap: float) -> None:
    """One line: ours, then per peer its median, ours/peer in wall and CPU seconds; statuses."""
    ours = statistics.median(r["ours"] for r in rows)
    cells = []
    for peer in PEERS:
        wall = statistics.median(r[peer] for r in rows)
        capped = ">" if any(r[peer] >= cap for r in rows) else " "
        cpus = [(r["ours_cpu"], r[f"{peer}_cpu"]) for r in rows]
        cpu = (
            f"{statistics.median(o / p for o, p in cpus):5.2f}"
            if all(o is not None and p for o, p in cpus)
            else f"{'n/a':>5}"
        )
        cells.append(f"{capped}{wall:7.2f} {ours / wall:6.2f} {cpu}")
    statuses = "  ".join(
        "/".join(
            sorted({str(r[f"{name}_status"] if name != "ours" else r["ours_status"]) for r in rows})
        )
        for name in ("ours", *PEERS)
    )
    compared = [
        (r["ours_value"], r[f"{peer}_value"])
        for r in rows
        for peer in PEERS
        if r[f"{peer}_status"] == "Optimal"
        and r["ours_value"] is not None
        and r["ours_status"] == "optimal"
    ]
    agree = (
        "n/a" if not compared else all(abs(o - p) <= 1e-6 * max(1.0, abs(o)) for o, p in compared)
    )
    print(f"{size:>7} {objective:<11} {ours:7.2f} " + " ".join(cells) + f"  {statuses}  {agree}")


if __name__ == "__main__":
    main()
