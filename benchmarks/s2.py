"""Benchmark: scenario@2 solves against a plain PuLP script of the same model, in one run.

One command per issue:

- ``s2.py periods`` (issue 16): generated scenarios of 18 nations x 17 unit
  types and 40 x 24, each over 3 areas x 8 quarters (rotation of two,
  build-up, readiness, caveats), plus the built-in default scenario over the
  same; the figure is ours *in process* (``solve_seconds``: the solve call,
  building included) against the peer's model build and solve.
- ``s2.py areas`` (issue 15): generated 24 x 16 and 40 x 24 over 4 areas, one
  period; the figure is *whole-process* wall time of every command.

Every run is a separate process (``force-planner solve --json --time-limit
CAP``; ``plain_s2.py`` with PuLP+CBC, and PuLP+HiGHS unless --no-highs), so
one set of runs gives both the in-process and the whole-process figures.
The runs alternate ours, CBC, HiGHS within each repetition and a ratio is
taken per pair, so every pair sees the same machine load; medians are
printed with each command's statuses and proven gaps. A run stopped at the
cap counts as the cap ('>'); a run that did not prove its optimum is not
repeated. Scenarios: ``generate_s2.py`` (seeded), listed with their seeds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_s2 import default_in_time, generated_in_time  # noqa: E402
from run import ours_command, timed  # noqa: E402

OBJECTIVES = ("min_cost", "fair_share")


@dataclass(frozen=True)
class Case:
    label: str
    seed: int
    make: Callable[[str], dict]


def cases(suite: str, quick: bool, seeds_wanted: int = 2) -> list[Case]:
    """The scenarios each suite measures (the first seed only with --quick; the periods
    suite's generated 18 x 17 with seeds 0 to ``seeds_wanted - 1``)."""
    seeds = (0,) if quick else (0, 1)
    if suite == "periods" and not quick:
        seeds = tuple(range(seeds_wanted))
    if suite == "areas":
        out = [
            Case("gen 24x16x4", s, lambda o, s=s: generated_in_time(24, 16, 4, 1, s, o))
            for s in seeds
        ]
        return out + [Case("gen 40x24x4", 0, lambda o: generated_in_time(40, 24, 4, 1, 0, o))]
    out = [
        Case("gen 18x17x3x8", s, lambda o, s=s: generated_in_time(18, 17, 3, 8, s, o))
        for s in seeds
    ]
    out.append(Case("default 18x17x3x8", 0, lambda o: default_in_time(3, 8, 0, o)))
    return out + [Case("gen 40x24x3x8", 0, lambda o: generated_in_time(40, 24, 3, 8, 0, o))]


@dataclass
class Runs:
    """One command's runs on one scenario: seconds (the figure the suite compares), statuses."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float | None] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    gaps: list[float | None] = field(default_factory=list)
    value: float | None = None

    @property
    def proven(self) -> bool:
        return bool(self.statuses) and self.statuses[-1].lower() == "optimal"

    def add(
        self, wall: float, cpu: float | None, out: dict | None, in_process: bool, cap: float
    ) -> None:
        self.cpu.append(cpu)
        if out is None:  # stopped by the benchmark's own cap
            self.seconds.append(cap)
            self.statuses.append("stopped")
            self.gaps.append(None)
            return
        inside = out.get("solve_seconds", out.get("seconds"))
        self.seconds.append(float(inside) if in_process and inside is not None else wall)
        self.statuses.append(str(out["status"]))
        self.gaps.append(out.get("mip_gap", out.get("gap")))
        self.value = out.get("objective_value")

    def cell(self) -> str:
        """Median seconds ('>' not proven), the last run's status, gap and value."""
        capped = " " if self.proven else ">"
        gap = "-" if self.gaps[-1] is None else f"{self.gaps[-1]:.1e}"
        value = "-" if self.value is None else f"{self.value:,.1f}"
        seconds = statistics.median(self.seconds)
        return f"{capped}{seconds:7.2f} {self.statuses[-1]:<10}{gap:>8} {value:>12}"


def measure(path: Path, objective: str, peers: tuple[str, ...], args) -> dict[str, Runs]:  # type: ignore[no-untyped-def]
    """Alternating runs of ours and each peer on one scenario file."""
    commands = {}
    if args.baseline:
        # the same command on another checkout (e.g. `git archive main`), run just before ours
        base = Path(args.baseline).resolve()
        env = ["env", "-C", str(base), f"PYTHONPATH={base}"]
        commands["base"] = [*env, *ours_command(path, args.cap, objective)]
    commands["ours"] = ours_command(path, args.cap, objective)
    for peer in (p for p in peers if p != "base"):
        plain = [sys.executable, str(HERE / "plain_s2.py"), str(path), objective, peer]
        commands[peer] = [*plain, str(args.cap)]
    runs = {name: Runs() for name in commands}
    in_process = args.suite == "periods"
    for repeat in range(args.repeats):
        for name, command in commands.items():
            if repeat and not runs[name].proven:
                continue  # a run the cap stopped is not repeated
            wall, cpu, out = timed(command, args.cap + 30)
            runs[name].add(wall, cpu, out, in_process, args.cap + 30)
    return runs


def ratio(ours: Runs, peer: Runs) -> str:
    """Medians of ours/peer over the pairs run one after the other, of the suite's seconds
    and of whole-process CPU seconds ('<' when the peer did not prove its optimum)."""
    pairs = list(zip(ours.seconds, peer.seconds, strict=False))
    value = statistics.median(o / p for o, p in pairs)
    cpus = [(o, p) for o, p in zip(ours.cpu, peer.cpu, strict=False) if o and p]
    cpu = f"{statistics.median(o / p for o, p in cpus):5.2f}" if cpus else f"{'-':>5}"
    return f"{value:6.2f}{'' if peer.proven else '<'} {cpu}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suite", choices=("periods", "areas"))
    parser.add_argument("--quick", action="store_true", help="first seed of each size only")
    parser.add_argument("--cap", type=float, default=30.0, help="time limit of every run (s)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-highs", action="store_true", help="PuLP+CBC only")
    parser.add_argument("--objective", choices=OBJECTIVES, help="only this objective")
    parser.add_argument(
        "--seeds", type=int, default=2, help="periods suite: seeds of the generated 18 x 17"
    )
    parser.add_argument(
        "--baseline",
        metavar="DIR",
        help="also run ours from the source tree DIR (PYTHONPATH), as 'base', before ours",
    )
    args = parser.parse_args()
    peers = ("cbc",) if args.no_highs else ("cbc", "highs")
    if args.baseline:
        peers = ("base", *peers)
    figure = "in-process" if args.suite == "periods" else "whole-process"
    print(
        f"suite {args.suite}: {figure} seconds, median of up to {args.repeats} runs alternating "
        f"ours/{'/'.join(peers)}; cap {args.cap:g} s per run; '>' not proven optimal "
        "(the cap's seconds count); ratio = median of ours/peer per pair "
        "('<' when the peer did not prove its optimum); cpu = the same of whole-process CPU "
        "seconds (CBC's child included): steadier than wall time on a loaded machine"
    )
    columns = f"{'status':<10}{'gap':>8} {'value':>12}"
    head = f"{'scenario':<19}{'seed':>4} {'objective':<11}{'ours s':>8} {columns}"
    for peer in peers:
        head += f" | {peer + ' s':>8} {columns} {'ratio':>7} {'cpu':>5}"
    print(head + " | agree")
    objectives = [args.objective] if args.objective else list(OBJECTIVES)
    ours_by_size: dict[tuple[str, str], list[Runs]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for case in cases(args.suite, args.quick, args.seeds):
            for objective in objectives:
                path = Path(folder) / f"{case.label.replace(' ', '_')}_{case.seed}_{objective}.json"
                path.write_text(json.dumps(case.make(objective)))
                runs = measure(path, objective, peers, args)
                ours = runs["ours"]
                line = f"{case.label:<19}{case.seed:>4} {objective:<11}" + ours.cell()
                for peer in peers:
                    line += f" | {runs[peer].cell()} {ratio(ours, runs[peer])}"
                print(line + f" | {agreement(runs)}")
                sys.stdout.flush()
                ours_by_size.setdefault((case.label, objective), []).append(ours)
    for (label, objective), found in ours_by_size.items():
        print(summary(label, objective, found))


def summary(label: str, objective: str, found: list[Runs]) -> str:
    """'gen 18x17x3x8 min_cost: ours over 5 seeds, median 1.73 s (1.34-2.33), 5 proven
    optimal': issue 16's figure (a median under 2 s, every seed proven)."""
    seconds = [statistics.median(r.seconds) for r in found]
    proven = sum(r.proven for r in found)
    return (
        f"{label} {objective}: ours over {len(found)} seed{'s' if len(found) > 1 else ''}, "
        f"median {statistics.median(seconds):.2f} s ({min(seconds):.2f}-{max(seconds):.2f}), "
        f"{proven} of {len(found)} proven optimal"
    )


def agreement(runs: dict[str, Runs]) -> str:
    """Whether every proven optimum has the same value (n/a when fewer than two are proven)."""
    values = [r.value for r in runs.values() if r.proven and r.value is not None]
    if len(values) < 2:
        return "n/a"
    low, high = min(values), max(values)
    return "yes" if high - low <= 1e-6 * max(1.0, abs(high)) else f"NO {low:g} vs {high:g}"


if __name__ == "__main__":
    main()
