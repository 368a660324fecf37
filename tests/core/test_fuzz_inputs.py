"""A thousand hostile scenario files through every command that reads one.

The files are mutants of the default scenario (tests/helpers/hostile_scenarios.py):
wrong types at every field, huge numbers, deep nesting, surrogates, escapes
and newlines in values and keys, truncated JSON, binary, UTF-16/32, BOMs,
broken structure, non-standard JSON, flipped bytes. Each goes through
validate, solve, brief, every analysis and workspace import, and must give
exit 1 with one printable line on stderr (or, when the mutation kept the
scenario valid, a result's exit code), no traceback, and leave the file
byte-identical. The bulk runs in process in one child (tests/helpers/fuzz_runner.py)
under memory and CPU limits and a per-call alarm; a sample runs as real
processes to check the real stderr and exit code.

A larger run: ``FORCE_PLANNER_FUZZ=20000 FORCE_PLANNER_FUZZ_FULL=10 pytest
tests/core/test_fuzz_inputs.py`` (README, Tests).
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.helpers import cli_support
from tests.helpers.fuzz_runner import commands, write_plan
from tests.helpers.hostile_scenarios import mutants

ROOT = Path(__file__).resolve().parents[2]
COUNT = int(os.environ.get("FORCE_PLANNER_FUZZ", "1000"))
FULL = int(os.environ.get("FORCE_PLANNER_FUZZ_FULL", "1"))
MEMORY = 4 * 2**30  # address space of the child: far above the ~150 MiB it uses
# Wide margins (a loaded 2-core machine): ~2 minutes alone for 1,000 files.
CPU_SECONDS = 600 + 3 * COUNT
WALL_SECONDS = 1200 + 6 * COUNT
SAMPLE_PER_CLASS = 2

# What a valid mutant may exit with: 0 a plan, 1 a nation's own rules clash,
# 2 infeasible, 3 no plan before the time limit (spec section 5).
VALID_EXITS = {
    "validate": {0},
    "solve": {0, 1, 2, 3},
    "brief": {0},
    "workspace import": {0},
}
ANALYSIS_EXITS = {0, 1, 2}


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("fuzz")
    out = work / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "tests.helpers.fuzz_runner", str(COUNT), str(FULL),
         str(work / "files"), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=WALL_SECONDS,
        preexec_fn=_limits,
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
    )  # fmt: skip
    assert proc.returncode == 0 and out.exists(), proc.stderr[-3000:]
    return json.loads(out.read_text())


COUNT_LINE = re.compile(r": (\d+) problems$|: stopped after (\d+) problems; ")


def _refusal(command: str, lines: list[str]) -> bool:
    """One line; `validate` lists every problem, one line each, then how many there were."""
    if len(lines) == 1:
        return True
    if command != "validate" or len(lines) < 3:
        return False
    counted = COUNT_LINE.search(lines[-1])
    return counted is not None and int(counted[1] or counted[2]) == len(lines) - 1


def _problems(record: dict) -> list[str]:
    found = []
    for command, run in record["runs"].items():
        lines = run["stderr"].splitlines()
        where = f"{record['class']} {record['mutation']!r} / {command}"
        if run["escaped"]:
            found.append(f"{where}: escaped main: {run['escaped'][-600:]}")
            continue
        if "Traceback" in run["stderr"]:
            found.append(f"{where}: traceback on stderr")
        if not all(line.isprintable() for line in lines):
            found.append(f"{where}: unescaped text on stderr: {run['stderr'][:200]!r}")
        if record["valid"]:
            allowed = VALID_EXITS.get(command, ANALYSIS_EXITS)
            if run["exit"] not in allowed or len(lines) > 1:
                found.append(f"{where}: exit {run['exit']}, stderr {run['stderr'][:300]!r}")
        elif run["exit"] != 1 or not _refusal(command, lines):
            found.append(f"{where}: exit {run['exit']}, stderr {run['stderr'][:300]!r}")
    if not record["unchanged"]:
        found.append(f"{record['class']} {record['mutation']!r}: the input file changed")
    return found


def summary(report: dict) -> str:
    """Per class: files tried, refused with one line, valid (and through every command)."""
    tried, refused, valid, full = Counter(), Counter(), Counter(), Counter()
    runs = 0
    for record in report["records"]:
        tried[record["class"]] += 1
        valid[record["class"]] += record["valid"]
        refused[record["class"]] += not record["valid"]
        full[record["class"]] += record["valid"] and record["full"]
        runs += len(record["runs"])
    lines = [f"{'class':<14}{'files':>7}{'refused':>9}{'valid':>7}{'valid, all commands':>21}"]
    lines += [
        f"{cls:<14}{tried[cls]:>7}{refused[cls]:>9}{valid[cls]:>7}{full[cls]:>21}"
        for cls in sorted(tried)
    ]
    lines.append(
        f"{sum(tried.values())} files, {runs} command runs, peak {report['peak_kib'] // 1024} MiB"
    )
    return "\n".join(lines)


def test_every_hostile_file_gets_exit_1_and_one_line_or_a_result(report):
    records = report["records"]
    assert len(records) == COUNT
    assert len({r["class"] for r in records}) == 11
    problems = [p for record in records for p in _problems(record)]
    assert not problems, f"{len(problems)} problems, first ones:\n" + "\n".join(problems[:10])
    print("\n" + summary(report))


def test_invalid_files_went_through_every_command(report):
    runs = Counter()
    for record in report["records"]:
        if not record["valid"]:
            runs.update(record["runs"].keys())
    invalid = sum(not r["valid"] for r in report["records"])
    assert invalid >= COUNT // 2  # the mutations mostly break the scenario
    assert set(runs.values()) == {invalid} and len(runs) == 10


def test_a_sample_in_real_processes_gives_the_same_exit_and_one_line(report, tmp_path):
    """Real stderr and exit codes: SAMPLE_PER_CLASS files of each class, two commands each."""
    everything = mutants(COUNT)
    by_class = defaultdict(list)
    for record in report["records"]:
        if len(by_class[record["class"]]) < SAMPLE_PER_CLASS:
            by_class[record["class"]].append(record)
    write_plan(tmp_path)
    jobs = []
    for i, record in enumerate(r for group in by_class.values() for r in group):
        path = tmp_path / f"{record['number']}.json"
        path.write_bytes(everything[record["number"]].data)
        other = sorted(c for c in record["runs"] if c != "validate")[i % (len(record["runs"]) - 1)]
        jobs += [(record, "validate", path), (record, other, path)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        procs = list(pool.map(lambda job: _real(job[1], job[2], tmp_path), jobs))
    for (record, command, path), proc in zip(jobs, procs, strict=True):
        where = f"{record['class']} {record['mutation']!r} / {command}"
        assert proc.returncode == record["runs"][command]["exit"], f"{where}: {proc.stderr}"
        assert "Traceback" not in proc.stderr, where
        if proc.returncode == 1:
            assert _refusal(command, proc.stderr.splitlines()), f"{where}: {proc.stderr!r}"
        assert path.read_bytes() == everything[record["number"]].data, where


def _real(command: str, path: Path, folder: Path) -> subprocess.CompletedProcess:
    return cli_support.run(*commands(path, folder, 0)[command], timeout=600, limits=_limits)
