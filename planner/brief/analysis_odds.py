"""Brief section: the odds that a force exists when participation is uncertain."""

from __future__ import annotations

from reportlab.platypus import Flowable

from planner.analyses.odds import OddsAnalysis
from planner.analyses.shares import interval_text
from planner.analyses.shares import percent as share_percent
from planner.brief.prose import para
from planner.brief.tables import cell, grid, head
from planner.brief.text import esc
from planner.scenario.model import Scenario
from planner.scenario.words import percent


def chances(analysis: OddsAnalysis) -> str:
    """'committed nations always take part, likely ones 80% of the time, possible ones 40%'."""
    parts = []
    for status, p in analysis.probabilities.items():
        said = "always" if p >= 1 else ("never" if p <= 0 else f"{p:.0%} of the time")
        parts.append(f"{status} nations {said}")
    return ", ".join(parts)


def odds_sentence(analysis: OddsAnalysis) -> str:
    """How often a force exists, its interval and its size, in words (no seed, no 'p10')."""
    share = analysis.feasible
    if share.value is None:
        return "No draws were settled (cancelled)."
    text = ""
    if not analysis.complete:
        text = f"Partial (cancelled): {analysis.draws_done:,} of {analysis.draws:,} draws. "
    interval = interval_text(share)
    text += (
        f"A force meeting every rule exists in {share_percent(share.value)} of "
        f"{analysis.draws_done:,} draws of who takes part"
        + (f" (95% interval {interval})" if interval and interval != "exact" else "")
        + f"; in each draw {chances(analysis)} take part."
    )
    if analysis.unknown_draws:
        text += f" {analysis.unknown_draws:,} draws were undecided at the time limit."
    total = analysis.total
    if total is not None:
        if total.p10 == total.p90:
            text += f" Where a force exists it has {total.median:,.0f} troops in most draws."
        else:
            text += (
                f" Where a force exists it has {total.median:,.0f} troops in the middle draw, "
                f"from {total.p10:,.0f} to {total.p90:,.0f} in four draws of five."
            )
    return text


def odds_section(scenario: Scenario, analysis: OddsAnalysis, width: float) -> list[Flowable]:
    """The share of draws with a force, its size, and the requirements least often on offer."""
    flow: list[Flowable] = [
        para("Odds of a force, given who may take part", "h2"),
        para(esc(odds_sentence(analysis))),
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
