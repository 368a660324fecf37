"""Where an in-process solve over periods spends its time: wall and CPU per phase.

``python -m benchmarks.s2_phases [--seeds 0-4] [--big] [--objective min_cost] [--repeats N]``
solves each generated scenario@2 (``generate_s2.py`` 18 x 17 x 3 x 8 seeds given; with
``--big`` also 40 x 24 x 3 x 8 seed 0) with :func:`planner.solve.solve` in this process, the
phases of :mod:`planner.solve` wrapped by timers (nothing else changed), and prints one line
per phase call: its wall and CPU seconds, and what it returned (a status, a bound, a node
count). CPU is the process's (HiGHS runs one thread), so it moves less than wall on a loaded
machine. ``--source DIR`` imports ``planner`` from another checkout (e.g. ``git archive
main`` unpacked in DIR) to trace the old code the same way. ``--pairs DIR`` traces nothing:
per scenario and repeat it solves on DIR's planner (base), then on this one (ours), each in
its own process, and prints both medians of ``solve_seconds`` (and CPU), the median ratio of
the pairs, statuses and values, and the median over the 18 x 17 seeds (``--paris`` adds the
2026-01 Paris scenario).
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _seeds(text: str) -> list[int]:
    if "-" in text:
        low, high = text.split("-")
        return list(range(int(low), int(high) + 1))
    return [int(s) for s in text.split(",")]


class Trace:
    """The phase calls of one solve, in order: (name, wall, cpu, note)."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float, str]] = []
        self.depth = 0

    def wrap(self, module, name: str, label: str, note=None) -> None:  # type: ignore[no-untyped-def]
        inner = getattr(module, name)
        if getattr(inner, "_traced", False):
            inner = inner.__wrapped__

        @functools.wraps(inner)
        def traced(*args, **kwargs):  # type: ignore[no-untyped-def]
            wall, cpu = time.perf_counter(), time.process_time()
            self.depth += 1
            index = len(self.rows)
            self.rows.append((label, 0.0, 0.0, ""))
            try:
                out = inner(*args, **kwargs)
            finally:
                self.depth -= 1
            said = "" if note is None else note(out)
            indent = "  " * self.depth
            self.rows[index] = (
                indent + label,
                time.perf_counter() - wall,
                time.process_time() - cpu,
                said,
            )
            return out

        traced._traced = True  # type: ignore[attr-defined]
        setattr(module, name, traced)


def _outcome_note(out) -> str:  # type: ignore[no-untyped-def]
    outcome = out[0] if isinstance(out, tuple) else out
    status = getattr(outcome, "status", None)
    if status is None:
        return ""
    bound = getattr(outcome, "best_bound", None)
    text = str(status.value if hasattr(status, "value") else status)
    return text if bound is None else f"{text} bound {bound:,.2f}"


def install(trace: Trace) -> None:
    """Wrap the phases :mod:`planner.solve` calls (its own names: the wrappers see each call)."""
    import planner.solve as s
    from planner.optimise import aggregate

    trace.wrap(s, "hard_problems", "hard_problems")
    trace.wrap(aggregate, "merge", "merge")
    trace.wrap(aggregate, "split", "split", lambda out: "no split" if out is None else "split")
    trace.wrap(s, "_program_plan", "program_plan", _outcome_note)
    trace.wrap(s, "build_hard_program", "build")
    trace.wrap(s, "_first_plan", "first_plan")
    trace.wrap(
        s,
        "_periodic_start",
        "periodic_start",
        lambda out: f"nodes {out[1]}" + ("" if out[0] is not None else " no plan"),
    )
    trace.wrap(
        s, "_block_bound", "block_bound", lambda b: "none" if b is None else f"bound {b:,.2f}"
    )
    trace.wrap(s, "_by_windows", "windows")
    if hasattr(s, "_root_proof"):
        trace.wrap(
            s,
            "_root_proof",
            "root_proof",
            lambda p: "proven" if p.proven is not None else f"bound {p.bound}",
        )
    trace.wrap(s, "solve_model", "solve_model", _outcome_note)
    trace.wrap(s, "_settle_ties", "settle_ties")
    trace.wrap(s, "diagnose", "diagnose")


def scenario_of(nations: int, units: int, seed: int, objective: str):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(HERE))
    from generate_s2 import generated_in_time

    from planner.scenario.validation import parse_scenario

    return parse_scenario(generated_in_time(nations, units, 3, 8, seed, objective))


def _one(nations: int, units: int, seed: int, objective: str, limit: float) -> None:
    """One solve, untraced, as one JSON line (the --pairs mode's child process)."""
    import json

    from planner.solve import solve

    scenario = scenario_of(nations, units, seed, objective) if nations else paris_scenario()
    cpu = time.process_time()
    result = solve(scenario, objective, time_limit=limit)
    print(
        json.dumps(
            {
                "seconds": result.solve_seconds,
                "cpu": time.process_time() - cpu,
                "status": result.status.value,
                "value": result.objective_value,
            }
        )
    )


def _pairs(args) -> None:  # type: ignore[no-untyped-def]
    """Alternating base/ours solves in child processes (see --pairs)."""
    import json
    import subprocess

    base = str(Path(args.pairs).resolve())
    sizes = [] if args.only_big else [(18, 17, s) for s in _seeds(args.seeds)]
    if args.big or args.only_big:
        sizes.append((40, 24, 0))
    if args.paris:
        sizes.append((0, 0, 0))
    load = os.getloadavg()
    print(f"pairs: base {base} vs ours {HERE.parent}; {args.repeats} repeats; load {load}")
    medians: dict[str, tuple[float, float]] = {}
    for nations, units, seed in sizes:
        label = f"{nations}x{units}x3x8 seed {seed}" if nations else "paris 2026-01"
        got: dict[str, list[dict]] = {"base": [], "ours": []}
        for _ in range(args.repeats):
            for name in ("base", "ours"):
                command = [sys.executable, str(Path(__file__).resolve()), "--one"]
                command += [str(nations), str(units), str(seed), "--objective", args.objective]
                command += ["--time-limit", str(args.time_limit)]
                if name == "base":
                    command += ["--source", base]
                env = dict(os.environ, PYTHONPATH=base if name == "base" else str(HERE.parent))
                done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
                got[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
        b = [r["seconds"] for r in got["base"]]
        o = [r["seconds"] for r in got["ours"]]
        ratio = statistics.median(x / y for x, y in zip(o, b, strict=True))
        medians[label] = (statistics.median(b), statistics.median(o))
        statuses = {r["status"] for r in got["base"] + got["ours"]}
        values = {round(r["value"], 4) for r in got["base"] + got["ours"] if r["value"] is not None}
        cpu_b = statistics.median(r["cpu"] for r in got["base"])
        cpu_o = statistics.median(r["cpu"] for r in got["ours"])
        print(
            f"{label:<22} base {statistics.median(b):5.2f} s (cpu {cpu_b:5.2f})  ours "
            f"{statistics.median(o):5.2f} s (cpu {cpu_o:5.2f})  ratio {ratio:4.2f}  "
            f"{sorted(statuses)} values {sorted(values)}  base {[round(x, 2) for x in b]} "
            f"ours {[round(x, 2) for x in o]}  load {os.getloadavg()[0]:.2f}",
            flush=True,
        )
    small = [v for k, v in medians.items() if k.startswith("18x17")]
    if small:
        print(
            f"median over the 18x17 seeds: base {statistics.median(b for b, _ in small):.2f} s, "
            f"ours {statistics.median(o for _, o in small):.2f} s"
        )


def paris_scenario():  # type: ignore[no-untyped-def]
    from planner.scenario.io import load_scenario

    return load_scenario(HERE.parent / "resources" / "scenarios" / "2026-01-paris.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-4")
    parser.add_argument("--big", action="store_true", help="also 40 x 24 x 3 x 8 seed 0")
    parser.add_argument("--only-big", action="store_true")
    parser.add_argument("--paris", action="store_true", help="also the 2026-01 Paris scenario")
    parser.add_argument("--objective", default="min_cost")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--source", help="import planner from this directory instead")
    parser.add_argument(
        "--pairs",
        metavar="DIR",
        help="no trace: alternate a solve on DIR's planner (base) and on this one (ours), "
        "each in its own process, per scenario and repeat; print both and their ratio",
    )
    parser.add_argument(
        "--one", nargs=3, type=int, metavar=("N", "U", "SEED"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.source:
        sys.path.insert(0, str(Path(args.source).resolve()))
    if args.one:
        _one(*args.one, args.objective, args.time_limit)
        return
    if args.pairs:
        _pairs(args)
        return
    import planner
    from planner.solve import solve

    print(f"planner from {Path(planner.__file__).parent}; load {os.getloadavg()}")
    sizes = [] if args.only_big else [(18, 17, s) for s in _seeds(args.seeds)]
    if args.big or args.only_big:
        sizes.append((40, 24, 0))
    if args.paris:
        sizes.append((0, 0, 0))
    totals: dict[str, list[float]] = {}
    for nations, units, seed in sizes:
        scenario = (
            scenario_of(nations, units, seed, args.objective) if nations else paris_scenario()
        )
        for repeat in range(args.repeats):
            trace = Trace()
            install(trace)
            wall, cpu = time.perf_counter(), time.process_time()
            result = solve(scenario, args.objective, time_limit=args.time_limit)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            label = f"{nations}x{units}x3x8 seed {seed}" if nations else "paris 2026-01"
            totals.setdefault(label, []).append(result.solve_seconds)
            print(
                f"\n{label} run {repeat + 1}: {result.status.value} "
                f"value {result.objective_value:,.2f} solve_seconds {result.solve_seconds:.2f} "
                f"wall {wall:.2f} cpu {cpu:.2f} load {os.getloadavg()[0]:.2f}"
            )
            for name, w, c, note in trace.rows:
                print(f"  {name:<34} wall {w:6.2f}  cpu {c:6.2f}  {note}")
    print("\nsolve_seconds medians:")
    for label, values in totals.items():
        print(f"  {label:<24} {statistics.median(values):6.2f}  {values}")
    small = [statistics.median(v) for k, v in totals.items() if k.startswith("18x17")]
    if small:
        print(f"  median over 18x17 seeds: {statistics.median(small):.2f}")


if __name__ == "__main__":
    main()
