"""Benchmark: whole-process fair_share solves of two checkouts against plain PuLP+CBC.

``.venv/bin/python -m benchmarks.compare_code --old /tmp/base --shape independent``
times `force-planner solve --json` run from this checkout ("new") and from
another checkout of the project ("old", e.g. ``git worktree add /tmp/base main``)
with the same interpreter, and `benchmarks/plain_cbc.py`, interleaved in every
repeat (old, new, cbc), on scenarios of `benchmarks/generate.py`. A process
imports the project from its working directory, so each runs in its checkout.
Prints per scenario the median wall seconds, new / old, old / cbc and new / cbc,
the statuses, and whether the optimal values agree. Runs cut at the cap count as
the cap and are not repeated.
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import SHAPES  # noqa: E402
from run import ours_command, timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="the other checkout's folder")
    parser.add_argument("--shape", choices=SHAPES, default="independent")
    parser.add_argument("--sizes", default="8x6,14x10,24x16,40x24,80x40")
    parser.add_argument("--seeds", default="1,2,3", help="e.g. 0,1,2,3")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cap", type=float, default=30.0, help="seconds before a run is cut")
    parser.add_argument("--objective", default="fair_share")
    args = parser.parse_args()
    old = Path(args.old).resolve()
    for root in (ROOT, old):  # bytecode written first, as an installed copy has it
        for package in ("planner", "force_planner"):
            compileall.compile_dir(str(root / package), quiet=1)
    sizes = [tuple(int(v) for v in size.split("x")) for size in args.sizes.split(",")]
    seeds = [int(s) for s in args.seeds.split(",")]
    print(f"shape {args.shape}, {args.objective}, seeds {args.seeds}, cap {args.cap:g} s, ")
    print(f"old = {old}, new = {ROOT}")
    print(
        f"{'size':>6} {'seed':>4} {'old s':>7} {'new s':>7} {'cbc s':>7} "
        f"{'new/old':>7} {'old/cbc':>7} {'new/cbc':>7}  statuses old/new/cbc  agree"
    )
    make = SHAPES[args.shape]
    with tempfile.TemporaryDirectory() as folder:
        for nations, units in sizes:
            for seed in seeds:
                path = Path(folder) / f"{args.shape}{nations}x{units}_{seed}.json"
                path.write_text(json.dumps(make(nations, units, seed, args.objective)))
                ours = ours_command(path, args.cap, args.objective)
                commands = {
                    "old": (ours, old),
                    "new": (ours, ROOT),
                    "cbc": (
                        [sys.executable, str(HERE / "plain_cbc.py"), str(path), args.objective],
                        ROOT,
                    ),
                }
                walls: dict[str, list[float]] = {name: [] for name in commands}
                out: dict[str, dict | None] = dict.fromkeys(commands)
                for _ in range(args.repeats):
                    for name, (command, cwd) in commands.items():
                        if walls[name] and walls[name][-1] >= args.cap:
                            continue
                        cap = args.cap + 30 if name != "cbc" else args.cap
                        seconds, _cpu, out[name] = timed(command, cap, cwd)
                        walls[name].append(min(seconds, cap))
                med = {name: statistics.median(walls[name]) for name in commands}
                mark = {n: ">" if walls[n][-1] >= args.cap else " " for n in commands}
                status = {n: (out[n] or {}).get("status") for n in commands}
                value = {n: (out[n] or {}).get("objective_value") for n in commands}
                proven = [
                    v
                    for n, v in value.items()
                    if v is not None and status[n] in ("optimal", "Optimal")
                ]
                agree = (
                    "n/a"
                    if len(proven) < 2
                    else all(abs(v - proven[0]) <= 1e-6 * max(1.0, abs(v)) for v in proven)
                )
                print(
                    f"{nations}x{units:<3} {seed:>4} "
                    + " ".join(f"{mark[n]}{med[n]:6.2f}" for n in commands)
                    + f" {med['new'] / med['old']:7.2f} {med['old'] / med['cbc']:7.2f}"
                    f" {med['new'] / med['cbc']:7.2f}  "
                    + "/".join(str(status[n]) for n in commands)
                    + f"  {agree}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
