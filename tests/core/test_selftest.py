"""``force-planner --selftest``: passes on a whole installation, names what is missing.

The frozen bundle runs the same command in packaging/test_bundle.sh.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pulp

from planner.scenario.validation import parse_scenario
from planner.selftest import SMALL_OPTIMUM, SMALL_SCENARIO, core_checks
from planner.solve import solve

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ("default scenario", "HiGHS solve", "CBC solve", "PDF brief", "workspace", "main window")


def test_selftest_passes_through_the_command_line(tmp_path):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", HOME=str(tmp_path))
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DISPLAY", None)  # the self-test must pick offscreen by itself
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run(
        [sys.executable, "-m", "force_planner", "--selftest"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, f"stdout: {proc.stdout}\nstderr: {proc.stderr[-3000:]}"
    lines = proc.stdout.splitlines()
    for name in CHECKS:
        assert any(line.startswith("ok") and f" {name}: " in line for line in lines), name
    assert "offscreen" in proc.stdout
    assert "self-test passed, 6 checks" in lines[-1]


def test_missing_cbc_binary_is_named(monkeypatch, tmp_path):
    missing = str(tmp_path / "solverdir" / "cbc")
    monkeypatch.setattr(pulp.PULP_CBC_CMD, "pulp_cbc_path", missing)
    checks = {c.name: c for c in core_checks()}
    assert not checks["CBC solve"].ok
    assert "CBC solver binary not found" in checks["CBC solve"].detail
    assert missing in checks["CBC solve"].detail
    assert checks["CBC solve"].line().startswith("FAIL")
    assert all(c.ok for name, c in checks.items() if name != "CBC solve")


def test_small_scenario_optimum_is_the_same_on_both_solvers():
    scenario = parse_scenario(SMALL_SCENARIO)
    for solver in ("highs", "cbc"):
        result = solve(scenario, solver=solver)
        assert result.status == "optimal"
        assert abs(result.objective_value - SMALL_OPTIMUM) < 1e-6
