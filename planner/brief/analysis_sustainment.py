"""Brief section: how long the force lasts, the largest force kept and the rotation sweep."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from planner.analyses.sustainment import SustainmentAnalysis, cycle_words
from planner.analyses.verdicts import sustainment_verdict
from planner.brief.prose import para
from planner.brief.tables import cell, grid, head
from planner.brief.text import esc
from planner.scenario.model import Scenario
from planner.scenario.words import period_label

BAND = {True: "can be met", False: "cannot be met", None: "undecided (time limit)"}


def sustainment_section(
    scenario: Scenario, analysis: SustainmentAnalysis, width: float
) -> list[Flowable]:
    flow: list[Flowable] = [
        para("How long it lasts", "h2"),
        para(esc(sustainment_verdict(analysis))),
    ]
    if len(analysis.by_period) > 1:
        kept = "; ".join(
            f"{period_label(scenario, t)} {troops:,}"
            for t, troops in enumerate(analysis.by_period, start=1)
            if t in scenario.periods.full
        )
        flow.append(para(esc(f"Troops in the target when the most is kept: {kept}.")))
    if not analysis.cycles:
        return [KeepTogether(flow)]
    label = scenario.periods.label
    rows: list[list[object]] = [
        [
            head("Each unit serves"),
            head("Largest force kept", right=True),
            head("Target band"),
        ]
    ]
    low = scenario.target.min_troops
    for line in analysis.cycles:
        rows.append(
            [
                cell(cycle_words(label, line.rotation), bold=line.band_reachable is False),
                line.kept_words(low),
                BAND[line.band_reachable],
            ]
        )
    flow.append(grid(rows, [w * width for w in (0.4, 0.25, 0.35)], numeric=(1,)))
    # a few lines and a table of a few rows: on one page (the Paris brief left its last row
    # alone on a page of its own)
    return [KeepTogether(flow)]
