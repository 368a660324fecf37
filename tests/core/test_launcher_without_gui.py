"""Without the GUI packages (a plain `pip install`), the app says how to get them and fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BLOCKED = (
    "import sys; sys.modules['PySide6'] = None; "  # as if PySide6 were not installed
    "from force_planner.launcher import main; sys.exit(main(sys.argv[1:]))"
)


@pytest.mark.parametrize("args", [[], ["gui", "resources/scenarios/2025-02-report.json"]])
def test_without_pyside6_the_app_says_how_to_install_it_and_exits_1(args, tmp_path):
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", BLOCKED, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "PySide6" in lines[0] and "pip install 'force-planner[gui]'" in lines[0]
    assert done.stdout == ""  # no default scenario solved in its place


def test_without_a_display_the_app_solves_the_file_named_not_the_default(tmp_path):
    """`gui FILE` where no window can open answers about FILE (it used to solve the default)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env.update(XDG_STATE_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path))
    launch = "from force_planner.launcher import main; import sys; sys.exit(main(sys.argv[1:]))"
    data = json.loads((ROOT / "resources" / "scenarios" / "2025-02-report.json").read_text())
    for nation in data["nations"]:
        if nation["code"] == "FR":
            nation["status"] = "declined"  # no plan without France: unlike the default
    example = tmp_path / "without-france.json"
    example.write_text(json.dumps(data))
    done = subprocess.run(
        [sys.executable, "-c", launch, "gui", str(example)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert "no display was found" in done.stderr and str(example) in done.stderr
    assert done.returncode == 2  # the file's own answer: infeasible, as `solve FILE` gives
