"""Run workspace commands on crafted files, each command in its own child process.

Run as `python -m tests.helpers.workspace_fuzz_driver JOBS.json RESULTS.json`. The
driver imports the command line once, then forks one child per command:
a fresh process running `planner.cli.main` as the console script would,
minus the second of imports, so a thousand commands fit in a CI run. The
child gets an address-space limit and its own stdout/stderr files; the
driver kills it at the timeout. Each command works on a fresh copy of its
crafted folder, compared byte for byte before and after.
"""

from __future__ import annotations

import json
import os
import resource
import select
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path

from planner.cli import main as cli


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _child(argv: list[str], out: Path, err: Path, memory: int) -> None:
    """Never returns: runs one command and exits with its code."""
    code = 1
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        for path, fd in ((out, 1), (err, 2)):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), fd)
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # what the interpreter would print for an uncaught exception
        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _wait(pid: int, timeout: float) -> tuple[int | None, int | None, bool]:
    """(exit code, killing signal, timed out) of the child, woken as soon as it ends."""
    handle = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([handle], [], [], timeout)
    finally:
        os.close(handle)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return None, signal.SIGKILL, True
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return None, os.WTERMSIG(status), False
    return os.WEXITSTATUS(status), None, False


def run_job(job: dict, scratch: Path) -> dict:
    work, outputs = scratch / "work", scratch / "outputs"
    for folder in (work, outputs):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(job["template"], work)
    outputs.mkdir()
    fill = {"{db}": str(work / "w.sqlite"), "{out}": str(outputs), "{scenario}": job["scenario"]}
    argv = []
    for arg in job["argv"]:
        for key, value in fill.items():
            arg = arg.replace(key, value)
        argv.append(arg)
    before = snapshot(work)
    out, err = scratch / "stdout", scratch / "stderr"
    sys.stdout.flush()
    sys.stderr.flush()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(argv, out, err, job["memory"])
    code, killed, timed_out = _wait(pid, job["timeout"])
    seconds = time.monotonic() - started
    after = snapshot(work)
    changed = sorted(n for n in set(before) | set(after) if before.get(n) != after.get(n))
    return {
        "id": job["id"],
        "code": code,
        "signal": killed,
        "timed_out": timed_out,
        "seconds": round(seconds, 3),
        "stdout": out.read_text(errors="replace")[:4000],
        "stderr": err.read_text(errors="replace")[:4000],
        "changed": changed,
    }


def _warm_up(folder: Path) -> None:
    """Import what commands import lazily, once, so each child does not pay for it again."""
    import contextlib
    import io

    import planner.solve  # noqa: F401 (imported, not run: a solver's threads must not fork)
    from planner.scenario.diff import diff_scenarios
    from planner.scenario.validation import parse_scenario
    from planner.selftest import SMALL_SCENARIO

    scenario = parse_scenario(SMALL_SCENARIO)
    diff_scenarios(scenario, scenario)
    with contextlib.redirect_stdout(io.StringIO()):
        cli.main(["workspace", "--db", str(folder / "warm.sqlite"), "list"])


def main(jobs_file: str, results_file: str) -> None:
    jobs = json.loads(Path(jobs_file).read_text())
    scratch = Path(results_file).with_suffix(".scratch")
    scratch.mkdir(exist_ok=True)
    _warm_up(scratch)
    results = [run_job(job, scratch) for job in jobs]
    Path(results_file).write_text(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
