"""Worker processes of the analyses never outlive a parent that was killed outright."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from planner.analyses.workers import exit_with_parent

GENEROUS = 60.0
"""Seconds to wait for something that should happen at once (a guard against hanging only)."""


def test_exit_with_parent_leaves_once_the_parent_end_is_gone():
    read_end, write_end = os.pipe()
    left: list[int] = []
    done = threading.Event()

    def leave(code: int) -> None:
        left.append(code)
        done.set()

    watcher = exit_with_parent(read_end, leave)
    assert watcher.daemon
    assert left == []  # the parent is still there
    os.close(write_end)  # what the kernel does for a dead parent's sentinel
    assert done.wait(GENEROUS)
    watcher.join(GENEROUS)
    assert left == [0]
    os.close(read_end)


CHILD = textwrap.dedent(
    """
    import os, signal
    from planner.analyses import resolve
    from planner.scenario.io import default_scenario

    def main():
        solvers = resolve._Solvers(default_scenario(), "min_cost", None, 2, None, resolve.Work())
        solvers._start_pool()
        solvers.submit((frozenset(), None)).result()
        print(*solvers.workers.pool._processes, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # no shutdown: the pool is left as it is

    if __name__ == "__main__":
        main()
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (ended, not yet reaped) counts as gone
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_ends_when_its_parent_is_killed(tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    out = tmp_path / "workers.txt"
    with open(out, "w", encoding="utf-8") as sink:  # not a pipe: a live worker would hold it
        run = subprocess.run(
            [sys.executable, str(script)],
            stdout=sink,
            stderr=subprocess.DEVNULL,
            cwd=os.getcwd(),
            env={**os.environ, "PYTHONPATH": os.getcwd()},
            check=False,
        )
    assert run.returncode == -signal.SIGKILL
    workers = [int(pid) for pid in out.read_text(encoding="utf-8").split()]
    assert workers
    waited = time.monotonic()
    while any(_alive(pid) for pid in workers) and time.monotonic() - waited < GENEROUS:
        time.sleep(0.1)
    still = [pid for pid in workers if _alive(pid)]
    for pid in still:  # do not leave them behind when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not still
