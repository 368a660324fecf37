"""Workspace timings with 1,000 versions of the default scenario, medians printed.

    .venv/bin/python benchmarks/workspace.py [--versions N] [--repeats N]

Builds a temporary workspace holding N versions of the default scenario (each
one a small edit: France's ceiling moves by one troop, every tenth version
keeps a typed plan), then times, over repeats:

- listing the scenarios, and the history of all N versions (in process);
- opening a random old version and the latest (read, re-validated);
- saving one more version (the change summary against the previous one
  included), and the same save again (recognised as unchanged);
- whole-process `force-planner workspace list` and `history` (Python
  start-up included), against `force-planner validate` of one file as the
  floor any command pays;
- with `--gui` (offscreen Qt): the workspace browser's refresh, expanding the
  scenario (all N versions into the tree) and opening a version into the
  main window (document, grid and charts redrawn).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planner.scenario.io import default_scenario, default_scenario_text  # noqa: E402
from planner.workspace import VersionRef, Workspace  # noqa: E402

NAME = "baseline"


def _edit(scenario, step: int):
    nations = tuple(
        dataclasses.replace(n, max_troops=10_000 + step) if n.code == "FR" else n
        for n in scenario.nations
    )
    return dataclasses.replace(scenario, nations=nations)


def build(path: Path, versions: int) -> float:
    """Fill the workspace; returns the seconds it took (one transaction per save)."""
    workspace, base = Workspace(path), default_scenario()
    start = time.perf_counter()
    for step in range(versions):
        plan = {("FR", "mech_inf_bn"): step % 5 + 1} if step % 10 == 0 else None
        workspace.save_version(NAME, _edit(base, step), f"edit {step}", plan)
    return time.perf_counter() - start


def median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def command(*args: str) -> Callable[[], object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = [sys.executable, "-m", "force_planner", *args]
    return lambda: subprocess.run(run, cwd=ROOT, env=env, capture_output=True, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--versions", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--gui", action="store_true", help="also time the workspace browser")
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory(prefix="fp-workspace-bench-") as folder:
        db = Path(folder) / "w.sqlite"
        seconds = build(db, args.versions)
        scenario_file = Path(folder) / "s.json"
        scenario_file.write_text(default_scenario_text(), encoding="utf-8")
        workspace = Workspace(db)
        size = db.stat().st_size / 2**20
        print(
            f"workspace: {args.versions:,} versions, {size:.1f} MiB, built in {seconds:.1f} s "
            f"({seconds / args.versions * 1000:.1f} ms per save)"
        )
        step = [args.versions]

        def save_new() -> None:
            step[0] += 1
            workspace.save_version(NAME, _edit(default_scenario(), step[0]), "bench")

        def save_same() -> None:
            workspace.save_version(NAME, _edit(default_scenario(), step[0]), "bench")

        rows = [
            ("list scenarios (in process)", lambda: workspace.scenarios()),
            (f"history of {args.versions:,} versions", lambda: workspace.history(NAME)),
            (
                "open a random old version",
                lambda: workspace.version(VersionRef(NAME, rng.randint(1, args.versions))),
            ),
            ("open the latest version", lambda: workspace.version(VersionRef(NAME))),
            ("save a new version", save_new),
            ("save unchanged (no new version)", save_same),
        ]
        print(f"{'in process':<44}{'median ms':>10}")
        for label, action in rows:
            print(f"{label:<44}{median_ms(action, args.repeats):>10.1f}")
        processes = max(3, args.repeats // 3)
        print(f"{'whole process (Python start-up included)':<44}{'median ms':>10}")
        floor = median_ms(command("validate", str(scenario_file)), processes)
        for label, action in (
            ("force-planner validate FILE (the floor)", None),
            ("force-planner workspace list", command("workspace", "--db", str(db), "list")),
            (
                "force-planner workspace history NAME",
                command("workspace", "--db", str(db), "history", NAME),
            ),
        ):
            value = floor if action is None else median_ms(action, processes)
            print(f"{label:<44}{value:>10.1f}")
        if args.gui:
            gui_rows(db, args.versions, args.repeats, rng)


def gui_rows(db: Path, versions: int, repeats: int, rng: random.Random) -> None:
    """The browser dock and opening a version in the window, offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["FORCE_PLANNER_WORKSPACE"] = str(db)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ui.main_window import MainWindow

    window = MainWindow(remember=False)
    window.show()
    dock = window.workspace_dock
    dock.show()
    app.processEvents()

    def expand() -> None:
        dock.refresh()
        dock.tree.topLevelItem(0).setExpanded(True)
        app.processEvents()

    def open_random() -> None:
        window.workspace.open_version(NAME, rng.randint(1, versions))
        app.processEvents()

    print(f"{'GUI (offscreen)':<44}{'median ms':>10}")
    for label, action in (
        ("browser refresh (scenario list)", lambda: (dock.refresh(), app.processEvents())),
        (f"refresh + expand {versions:,} versions", expand),
        ("open a random version in the window", open_random),
    ):
        print(f"{label:<44}{median_ms(action, repeats):>10.1f}")
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
