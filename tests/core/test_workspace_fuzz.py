"""Crafted workspace files through every workspace command: one line, no hang, nothing lost.

Each crafted file (tests/helpers/workspace_fuzz.py: recursive views, triggers,
foreign and virtual tables, wrong column types, blobs, NULLs, non-JSON,
figures that lie, damaged pages and headers, wrong formats, WAL and journal
leftovers) goes through `list`, `history`, `export`, `diff`,
`export-results`, `solve`, `import`, `log` and `check`, each in its own
process with a 1 GiB address-space limit and a 30 s timeout
(tests/helpers/workspace_fuzz_driver.py). A refusal is exit 1, one line on stderr,
no traceback, and the folder byte-identical.

`FORCE_PLANNER_FUZZ_SCALE` (default 1) makes the run larger: every page
damaged in turn, every bad kind of value in every column, 12 bit flips per
unit of scale, and a 65 MiB value; `FORCE_PLANNER_FUZZ_SEED` changes the
random damage. The report (per class: files tried and handled) is printed
and written to `FORCE_PLANNER_FUZZ_REPORT` when set.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from pathlib import Path

from planner.scenario.io import dumps_scenario
from tests.helpers.workspace_fuzz import COMMANDS, build_bases, cases, small_scenario

ROOT = Path(__file__).resolve().parents[2]
SCALE = int(os.environ.get("FORCE_PLANNER_FUZZ_SCALE", "1"))
SEED = int(os.environ.get("FORCE_PLANNER_FUZZ_SEED", "20261202"))
TIMEOUT = float(os.environ.get("FORCE_PLANNER_FUZZ_TIMEOUT", "30"))
DRIVERS = 2
MEMORY = 2**30
READS = ("list", "history", "diff", "export-results", "log", "check")
UNTOUCHED_BY_READS = ("rollback-mode workspace", "WAL-mode workspace")


def _allowed(case, command: str) -> set[int]:
    """Exit codes this command may give on this file (2: a solve found no feasible plan)."""
    if case.expect == "refused" or (case.check_refuses and command == "check"):
        return {1}
    success = {0, 2} if command == "solve" else {0}
    return success if case.expect == "valid" else success | {1}


def _problems(case, command: str, outcome: dict, scratch_index_may_appear: bool) -> list[str]:
    """What this command did wrong with this file (empty when it behaved).

    `scratch_index_may_appear`: a -wal was left without its -shm, which SQLite
    creates to read the WAL (docs/decisions.md); it holds no data.
    """
    found = []
    code, err = outcome["code"], outcome["stderr"]
    if outcome["timed_out"]:
        return [f"no answer within {TIMEOUT:.0f} s"]
    if outcome["signal"]:
        return [f"killed by signal {outcome['signal']}"]
    if "Traceback" in err:
        found.append("traceback")
    allowed = _allowed(case, command)
    if code not in allowed:
        found.append(f"exit {code}, expected {sorted(allowed)}")
    if code == 1 and (err.count("\n") != 1 or not err.strip()):
        found.append(f"{err.count(chr(10))} lines on stderr")
    if code != 1 and err:
        found.append("stderr on success")
    changed = outcome["changed"]
    if scratch_index_may_appear:
        changed = [n for n in changed if not n.endswith("-shm")]
    if code == 1 and changed:
        found.append(f"refused but changed {changed}")
    if case.name in UNTOUCHED_BY_READS and command in READS and outcome["changed"]:
        found.append(f"a read changed {outcome['changed']}")
    if any(line.startswith("FAKE") for line in outcome["stdout"].splitlines()):
        found.append("a stored line break forged an output line")
    return found


def _run_drivers(jobs: list[dict], folder: Path) -> list[dict]:
    """Run the jobs in DRIVERS driver processes at once (they mostly wait on the disk)."""
    procs, results = [], []
    for index in range(DRIVERS):
        jobs_file, results_file = folder / f"jobs{index}.json", folder / f"results{index}.json"
        jobs_file.write_text(json.dumps(jobs[index::DRIVERS]))
        results.append(results_file)
        command = [sys.executable, "-m", "tests.helpers.workspace_fuzz_driver", str(jobs_file)]
        procs.append(
            subprocess.Popen(
                [*command, str(results_file)],
                cwd=ROOT,
                env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
            )
        )
    for proc in procs:
        assert proc.wait(timeout=TIMEOUT * len(jobs) + 60) == 0
    return [outcome for path in results for outcome in json.loads(path.read_text())]


def test_crafted_workspaces_get_one_line_and_stay_byte_identical(tmp_path):
    bases = build_bases(tmp_path / "bases")
    scenario = tmp_path / "import.json"
    scenario.write_text(dumps_scenario(small_scenario(1500)), encoding="utf-8")
    crafted = cases(bases, SCALE, SEED)
    jobs = []
    scratch_index: set[int] = set()
    for number, case in enumerate(crafted):
        folder = tmp_path / "cases" / f"{number:04d}"
        folder.mkdir(parents=True)
        case.make(folder)
        if (folder / "w.sqlite-wal").exists() and not (folder / "w.sqlite-shm").exists():
            scratch_index.add(number)
        for command, args in COMMANDS.items():
            jobs.append(
                {
                    "id": [number, command],
                    "template": str(folder),
                    "argv": ["workspace", "--db", "{db}", *args],
                    "scenario": str(scenario),
                    "timeout": TIMEOUT,
                    "memory": MEMORY,
                }
            )
    outcomes = _run_drivers(jobs, tmp_path)
    tried: collections.Counter[str] = collections.Counter()
    handled: collections.Counter[str] = collections.Counter()
    failures = []
    by_case = collections.defaultdict(list)
    for outcome in outcomes:
        number, command = outcome["id"]
        by_case[number].append((command, outcome))
    for number, case in enumerate(crafted):
        problems = [
            f"{case.kind} / {case.name} / {command}: {problem}"
            for command, outcome in by_case[number]
            for problem in _problems(case, command, outcome, number in scratch_index)
        ]
        tried[case.kind] += 1
        handled[case.kind] += not problems
        failures += problems
    slowest = max(outcomes, key=lambda o: o["seconds"])
    report = [f"{len(crafted)} crafted files x {len(COMMANDS)} commands (scale {SCALE})"]
    report += [f"  {kind}: {handled[kind]} of {tried[kind]} handled" for kind in tried]
    report.append(f"  slowest command: {slowest['seconds']:.2f} s")
    print("\n".join(report))
    if os.environ.get("FORCE_PLANNER_FUZZ_REPORT"):
        Path(os.environ["FORCE_PLANNER_FUZZ_REPORT"]).write_text("\n".join(report + failures))
    assert len(crafted) >= 100
    assert not failures, "\n".join(failures[:40])
