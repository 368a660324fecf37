"""Brief section: the odds that a force exists when participation is uncertain."""

from __future__ import annotations

from reportlab.platypus import Flowable

from planner.analyses.odds import OddsAnalysis
from planner.analyses.shares import interval_text
from planner.analyses.shares import percent as share_percent
from planner.analyses.verdicts import plan_draws_words
from planner.brief.charts import OddsBar, figure, name_list, odds_chart, troops_histogram
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
    if analysis.plans_cut:
        text = (
            "Every draw was settled; the time limit (or Cancel) stopped the plans worked out "
            "for the force's size, so "
            + (
                "that size comes from fewer sampled draws. "
                if analysis.total is not None
                else "no size is given. "
            )
        )
    elif not analysis.complete:
        text = (
            f"Stopped after {analysis.draws_done:,} of {analysis.draws:,} draws (the time "
            "limit or Cancel); the first draws are a random sample of all, so the shares "
            "below estimate the same odds, within their wider intervals. "
        )
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
        over = plan_draws_words(analysis)
        if total.p10 == total.p90:
            text += (
                f" Where a force exists it has {total.median:,.0f} troops in most draws ({over})."
            )
        else:
            text += (
                f" Where a force exists it has {total.median:,.0f} troops in the middle draw, "
                f"from {total.p10:,.0f} to {total.p90:,.0f} in four draws of five ({over})."
            )
    return text


ODDS_ROWS = 10
"""Requirements drawn in the odds chart, scarcest first (the table lists them all)."""


def odds_bars(scenario: Scenario, analysis: OddsAnalysis) -> list[OddsBar]:
    """The force's share of draws, then how often each requirement's minimum is on offer."""
    done = analysis.draws_done
    names = {u.id: u.name for u in scenario.unit_types}
    bars = [
        OddsBar(
            "A force meeting every rule",
            analysis.feasible.value or 0.0,
            analysis.feasible_draws,
            done,
            headline=True,
        )
    ]
    for r in sorted(analysis.requirements, key=lambda r: r.met_share)[:ODDS_ROWS]:
        label = f"{r.min:,} x {names.get(r.unit_type, r.unit_type)}"
        bars.append(OddsBar(label, r.met_share, r.met.count, done))
    return bars


def odds_read(scenario: Scenario, analysis: OddsAnalysis) -> str:
    """What to read from the odds chart: the force can be no likelier than its scarcest unit."""
    share = analysis.feasible.value or 0.0
    names = {u.id: u.name for u in scenario.unit_types}
    scarce = sorted(analysis.requirements, key=lambda r: r.met_share)
    text = (
        f"the dark bar is the share of draws with a force ({share_percent(share)}); a force "
        "needs every requirement on offer at once, so it is never likelier than the shortest "
        "light bar"
    )
    if scarce:
        low = [names.get(r.unit_type, r.unit_type) for r in scarce[:2] if r.met_share < 1]
        if low:
            text += f". The scarcest are {name_list(low)}: firm offers of these raise the odds most"
    return text + "."


def odds_figures(scenario: Scenario, analysis: OddsAnalysis, width: float) -> list[Flowable]:
    """The odds chart, and the troops of the force over the draws when they vary."""
    if not analysis.draws_done:
        return []
    flow: list[Flowable] = [
        figure(
            f"How often a force exists, of {analysis.draws_done:,} draws of who takes part",
            odds_chart(odds_bars(scenario, analysis), width),
            odds_read(scenario, analysis),
            f"Dark: a force meeting every rule. Light: the minimum of each requirement on offer "
            f"among the nations taking part, the {min(ODDS_ROWS, len(analysis.requirements))} "
            "least often on offer. Figures: "
            "per cent, and draws of all draws.",
        )
    ]
    total = analysis.total
    filled = [n for _, _, n in total.histogram if n] if total is not None else []
    if total is not None and len(filled) > 1:  # one column says no more than the sentence
        flow.append(
            figure(
                f"Troops of the force in the draws where one exists, {plan_draws_words(analysis)}",
                troops_histogram(list(total.histogram), width),
                f"the tallest column is the most common size; in four draws of five the force "
                f"has {total.p10:,.0f} to {total.p90:,.0f} troops on the ground.",
                "Columns: equal slices of the target band, each a per cent of the draws "
                "with a force whose best plan was measured.",
            )
        )
    return flow


def odds_section(scenario: Scenario, analysis: OddsAnalysis, width: float) -> list[Flowable]:
    """The share of draws with a force, its size, and the requirements least often on offer."""
    flow: list[Flowable] = [
        para("Odds of a force, given who may take part", "h2"),
        para(esc(odds_sentence(analysis))),
    ]
    flow += odds_figures(scenario, analysis, width)
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
