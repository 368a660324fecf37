"""Feed hostile scenario files through every command that reads one, in one process.

Run by tests/core/test_fuzz_inputs.py as a child process with resource limits (so a
hang or a memory blow-up ends the child, not the test run):

    python -m tests.helpers.fuzz_runner COUNT FULL WORKDIR REPORT.json

Each mutant (tests/helpers/hostile_scenarios.py) goes through `planner.cli.main` in
process, as `force-planner` would run it, with stdout and stderr captured.
An invalid mutant goes through every command; a valid one (the mutation
happened to keep the scenario valid) through validate, solve, odds and
workspace import (and brief, for hostile text), and the first FULL valid ones
through every command (the other analyses re-solve many times: seconds each). The report holds one
record per run; the test judges them.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import resource
import signal
import sys
import time
import traceback
from pathlib import Path

from planner.cli import main as cli
from tests.helpers.hostile_scenarios import mutants

LIMIT = "10"  # seconds for each solve of a valid mutant
PER_CALL = 300  # seconds before a run counts as hung (the slowest takes ~20 s loaded)


class Hung(BaseException):
    """Raised by the alarm in a run that takes too long; no handler in planner catches it."""


def _alarm(signum: int, frame: object) -> None:
    raise Hung(f"no answer after {PER_CALL} s")


def commands(file: Path, work: Path, number: int) -> dict[str, list[str]]:
    """Every command that reads a scenario file, with options that keep it quick."""
    f = str(file)
    return {
        "validate": ["validate", f],
        "solve": ["solve", f, "--time-limit", LIMIT],
        "analyse odds": ["analyse", "odds", f, "--draws", "4", "--feasibility-only"],
        "workspace import": ["workspace", "--db", str(work / "fuzz.sqlite"), "import", f],
        "brief": ["brief", f, "-o", str(work / f"{number}.pdf"), "--analyses", "none",
                  "--time-limit", LIMIT],
        "analyse withdrawal": ["analyse", "withdrawal", f, "--time-limit", LIMIT],
        "analyse sensitivity": ["analyse", "sensitivity", f],
        "analyse backstop": ["analyse", "backstop", f],
        "analyse pareto": ["analyse", "pareto", f, "--points", "2"],
        "analyse stable": ["analyse", "stable", f, "--plan", str(work / "plan.json")],
    }  # fmt: skip


QUICK = ("validate", "solve", "analyse odds", "workspace import")
RENDERED = ("hostile_text", "hostile_key")  # valid ones of these also go into a PDF brief


def run_main(argv: list[str]) -> dict:
    """One in-process run: exit code, stderr, and any exception that escaped main."""
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    escaped = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        signal.alarm(PER_CALL)
        try:
            code = cli.main(argv)
        except BaseException as exc:
            code, escaped = None, "".join(traceback.format_exception(exc))[-2000:]
        finally:
            signal.alarm(0)
    return {
        "exit": code,
        "stderr": err.getvalue()[-2000:],
        "escaped": escaped,
        "seconds": round(time.perf_counter() - started, 3),
    }


def write_plan(work: Path) -> None:
    """The plan on the table for `analyse stable`: the default scenario's, as solve --json."""
    from planner.scenario.io import default_scenario
    from planner.solve import solve

    (work / "plan.json").write_text(json.dumps(solve(default_scenario()).to_dict()))


def main(count: int, full: int, work: Path, report: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGALRM, _alarm)
    parser = cli.build_parser()  # argparse takes ~15 ms to build; main's own use is per process
    cli.build_parser = lambda: parser
    write_plan(work)
    records = []
    full_left = full
    for number, mutant in enumerate(mutants(count)):
        file = work / f"{number:05d}.json"
        file.write_bytes(mutant.data)
        before = hashlib.sha256(mutant.data).hexdigest()
        runs = {}
        todo = commands(file, work, number)
        first = run_main(todo.pop("validate"))
        runs["validate"] = first
        valid = first["exit"] == 0
        if valid and full_left <= 0:
            quick = QUICK + (("brief",) if mutant.cls in RENDERED else ())
            todo = {k: v for k, v in todo.items() if k in quick}
        elif valid:
            full_left -= 1
        for name, argv in todo.items():
            runs[name] = run_main(argv)
        records.append(
            {
                "number": number,
                "class": mutant.cls,
                "mutation": mutant.name[:200],
                "valid": valid,
                "full": not valid or len(runs) == len(commands(file, work, number)),
                "unchanged": hashlib.sha256(file.read_bytes()).hexdigest() == before,
                "runs": runs,
            }
        )
        file.unlink()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    report.write_text(json.dumps({"peak_kib": peak, "records": records}))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
