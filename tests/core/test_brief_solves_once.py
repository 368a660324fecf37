"""Results flow down: the brief solves the scenario once and hands that result to every analysis.

The decision note's options add solves of their own, each counted here: the
plan by the other objective once, and the plan with the band's bottom raised to
its middle once when the baseline force sits in the lower half of the band
(the option "the bottom of the band against its middle").
"""

from __future__ import annotations

import sys

import planner.analyses.baseline
import planner.analyses.stability
import planner.solve
from planner.brief.options import at_middle, below_middle
from planner.cli.main import main
from planner.scenario.io import default_scenario, default_scenario_text


def test_the_full_brief_of_the_default_scenario_solves_the_baseline_once(tmp_path, monkeypatch):
    real = planner.solve.solve
    baseline = default_scenario()
    middle = at_middle(baseline)
    calls: list[str] = []
    middle_calls: list[str] = []
    first: list = []

    def counted(scenario, objective=None, *args, **kwargs):
        result = real(scenario, objective, *args, **kwargs)
        if scenario == baseline and (objective or scenario.objective) == baseline.objective:
            calls.append(objective or scenario.objective)
            first.append(result)
        if scenario == middle:
            middle_calls.append(objective or scenario.objective)
        return result

    for module in list(sys.modules.values()):
        if getattr(module, "solve", None) is real:
            monkeypatch.setattr(module, "solve", counted)
    scenario = tmp_path / "default.json"
    scenario.write_text(default_scenario_text(), encoding="utf-8")
    out = tmp_path / "brief.pdf"
    assert main(["brief", str(scenario), "-o", str(out), "--draws", "100"]) == 0
    assert out.stat().st_size > 0
    assert calls == ["min_cost"], calls
    # the middle of the band: one solve, by the baseline's objective, only when it is an option
    assert middle_calls == (["min_cost"] if below_middle(first[0]) else []), middle_calls
