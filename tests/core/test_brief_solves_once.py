"""Results flow down: the brief solves the scenario once and hands that result to every analysis."""

from __future__ import annotations

import sys

import planner.analyses.baseline
import planner.analyses.stability
import planner.solve
from planner.cli.main import main
from planner.scenario.io import default_scenario, default_scenario_text


def test_the_full_brief_of_the_default_scenario_solves_the_baseline_once(tmp_path, monkeypatch):
    real = planner.solve.solve
    baseline = default_scenario()
    calls: list[str] = []

    def counted(scenario, objective=None, *args, **kwargs):
        if scenario == baseline and (objective or scenario.objective) == baseline.objective:
            calls.append(objective or scenario.objective)
        return real(scenario, objective, *args, **kwargs)

    for module in list(sys.modules.values()):
        if getattr(module, "solve", None) is real:
            monkeypatch.setattr(module, "solve", counted)
    scenario = tmp_path / "default.json"
    scenario.write_text(default_scenario_text(), encoding="utf-8")
    out = tmp_path / "brief.pdf"
    assert main(["brief", str(scenario), "-o", str(out), "--draws", "100"]) == 0
    assert out.stat().st_size > 0
    assert calls == ["min_cost"], calls
