"""Brief section: the odds that a force exists when participation is uncertain."""

from __future__ import annotations

from reportlab.platypus import Flowable

from planner.analyses.odds import OddsAnalysis
from planner.analyses.verdicts import odds_verdict
from planner.brief.prose import para
from planner.brief.tables import cell, grid, head
from planner.brief.text import esc
from planner.scenario.model import Scenario
from planner.scenario.words import percent


def odds_section(scenario: Scenario, analysis: OddsAnalysis, width: float) -> list[Flowable]:
    """The share of draws with a force, its size, and the requirements least often on offer."""
    flow: list[Flowable] = [
        para("Odds of a force, given who may take part", "h2"),
        para(esc(odds_verdict(analysis))),
    ]
    if analysis.requirements:
        rows: list[list[object]] = [
            [
                head("Unit type"),
                head("Required (min)", right=True),
                head("Min on offer in", right=True),
                head("Mean offered / min", right=True),
            ]
        ]
        names = {u.id: u.name for u in scenario.unit_types}
        ordered = sorted(analysis.requirements, key=lambda r: r.met_share)
        for r in ordered:
            rows.append(
                [
                    cell(names.get(r.unit_type, r.unit_type), bold=r.met_share < 0.5),
                    f"{r.min:,}",
                    f"{percent(r.met_share, 0)} of draws",
                    "" if r.mean_ratio is None else f"{r.mean_ratio:.2f}",
                ]
            )
        widths = [0.46, 0.16, 0.2, 0.18]
        flow.append(grid(rows, [w * width for w in widths], numeric=(1, 2, 3)))
    flow.append(
        para(
            "Each draw decides nation by nation whether it takes part, with the probability "
            "of its status; declined nations never do. Requirements: how often the nations "
            "taking part offer at least the minimum, scarcest first.",
            "caption",
        )
    )
    return flow
