"""Annex A's opening: the plan in brief with its key figures (the decision note is page 1)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from planner.brief import charts
from planner.brief.closest import CLOSEST_HEADING, cannot_be_met, closest_points
from planner.brief.facts import HEADLINE, Facts, band_text, nations_phrase, risks
from planner.brief.prose import bullets, para, suffix, units_phrase
from planner.brief.tagging import TableTags
from planner.brief.text import INK, esc, fonts, num, styles
from planner.rules.objectives import objective_amount, objective_figure, objective_named
from planner.scenario.model import ObjectiveId
from planner.scenario.words import limit_percent, percent, period_label

ANNEX_PLAN = "Annex A: the plan"
STATUS_WORDS = {
    "optimal": "the best plan, proved best",
    "feasible": "a plan; the time limit stopped the search before it was proved best",
    "infeasible": "no plan meets every rule",
    "invalid": "no plan: some nations' own statements clash",
    "unknown": "no plan found before the time limit",
    "cancelled": "cancelled before a plan was found",
}
"""A plan's status in words for the key figures (the JSON keeps the status names)."""


def ties_sentence(facts: Facts) -> str:
    """What the objective left free and how it was settled (issue 19, item 6)."""
    result = facts.result
    entry = objective_named(result.objective)
    if not facts.has_plan or entry.id != ObjectiveId.FAIR_SHARE:
        return ""
    if result.tie_break is not None:
        settle = objective_named(result.tie_break).label
        return (
            f"The {entry.label} weighs only each nation's troops on the ground. Which units "
            f"make up those troops, and the stand-off support, were then settled by "
            f"{settle} among the equally fair plans: they are a choice of {settle}, "
            "not a finding about who should give them."
        )
    return (
        f"The {entry.label} weighs only each nation's troops on the ground: which units make "
        "them up, and the stand-off support, are one of many equally fair choices, not a "
        "finding about who should give them."
    )


STANDOFF_SHOWN = 10
"""Stand-off contributors named in the bottom line; the backstop nations always are."""


def standoff_line(facts: Facts) -> str:
    """Who gives stand-off support, the backstop nations with their units by type."""
    support = sorted(
        (r for r in facts.taking_part if r.standoff_units), key=lambda r: -r.standoff_units
    )
    if not support:
        return ""
    backstop = set(facts.backstop_codes)
    shown = [r for i, r in enumerate(support) if i < STANDOFF_SHOWN or r.nation.code in backstop]
    parts = []
    for r in shown:
        text = units_phrase(r.nation.name, r.standoff_units)
        if r.nation.code in backstop:
            kinds = [
                f"{facts.count(r.nation.code, u.id)} x {u.name}"
                for u in facts.standoff
                if facts.count(r.nation.code, u.id)
            ]
            text += f" (backstop: {', '.join(kinds)})"
        parts.append(text)
    rest = [r for r in support if r not in shown]
    if rest:
        units = sum(r.standoff_units for r in rest)
        parts.append(
            f"and {len(rest)} more nations with {units} units (all in Units by nation and type)"
        )
    total = sum(r.standoff_units for r in support)
    return (
        f"Stand-off support from outside the theatre (not counted in troops): {total} units "
        f"from {len(support)} nations: " + ", ".join(parts) + "."
    )


def _status_note(facts: Facts) -> str:
    if facts.has_plan:
        return ""
    return " (closest plan shown, NOT FEASIBLE)" if facts.result.allocation else " (no plan)"


def key_figures(facts: Facts, width: float) -> Table:
    """Status, size, band, nations, largest share, objective and solve as a two-column table."""
    scenario, result = facts.scenario, facts.result
    largest = max(facts.rows, key=lambda r: r.share, default=None)
    taking, only = len(facts.taking_part), len(facts.standoff_only)
    outside = len(facts.outside_only)
    rows = [
        ["Plan", STATUS_WORDS.get(result.status, result.status) + _status_note(facts)],
        ["Troops on the ground", f"{num(facts.total)}"],
        ["Target band", band_text(scenario)],
        [
            "Nations taking part",
            Paragraph(
                f"{taking} ({len(facts.sending_troops)} with troops on the ground"
                + (f", {outside} with troops only outside the target area" if outside else "")
                + (f", {only} with stand-off support only" if only else "")
                + f"; at least {scenario.rules.min_nations} required)",
                styles()["key"],
            ),
        ],
    ]
    if largest is not None and facts.total:
        rows.append(
            [
                "Largest share",
                Paragraph(
                    f"{percent(largest.share, 1, facts.cap)}, {esc(largest.nation.name)} "
                    f"(cap {limit_percent(facts.cap)})",
                    styles()["key"],
                ),
            ]
        )
    value = result.objective_value
    if value is not None:
        figure = objective_figure(result.objective, value)
        rows.append(["Chosen for", objective_amount(result.objective, figure)])
    table = Table(
        rows,
        colWidths=[width * 0.3, width * 0.45],
        hAlign="LEFT",
        renderCB=TableTags(header_cols=(0,)),  # each row a measure and its figure
    )
    f = fonts()
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, -1), f.bold, 8.5, 11),
                ("FONT", (1, 0), (1, -1), f.regular, 8.5, 11),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, INK),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def over_time_points(facts: Facts) -> list[str]:
    """Over several periods or areas: which period the figures are for, and what stands outside."""
    scenario, plan, points = facts.scenario, facts.plan, []
    if scenario.periods.count > 1:
        label = scenario.periods.label
        when = period_label(scenario, facts.period)
        by_period = []
        for t in range(1, scenario.periods.count + 1):
            low = scenario.target.minimum(t, scenario.periods.full_from)
            floor = (
                ""
                if t >= scenario.periods.full_from or low is None
                else f" (build-up, at least {low:,})"
            )
            by_period.append(f"{period_label(scenario, t)} {plan.total_at[t - 1]:,}{floor}")
        points.append(
            f"Troops by nation are for {when}, the {label} of full capability with the fewest "
            f"troops in the target. In the target by {label}: {'; '.join(by_period)}."
        )
    outside = [r for r in facts.rows if r.outside]
    if outside:
        listed = ", ".join(f"{r.nation.name} {r.outside:,}" for r in outside)
        points.append(f"Outside the target area, not counted in the band or the shares: {listed}.")
    return points


def bottom_line(facts: Facts, width: float, notes: list[str] | None = None) -> list[Flowable]:
    """Does a force in the band exist, its size, nations, largest contributors, risks.

    How fragile it is stands in the decision note (and in full in Annex B), not here again.
    `notes`: what the reader must know about the document itself.
    """
    scenario, result = facts.scenario, facts.result
    flow: list[Flowable] = [
        para(ANNEX_PLAN, "h1"),
        para(esc(HEADLINE[result.status]), "verdict"),
    ]
    points = []
    if facts.has_plan or facts.result.allocation:
        lead = "The force" if facts.has_plan else "The closest plan"
        points.append(
            f"{lead}: {facts.total:,} troops on the ground (target band {band_text(scenario)}) "
            f"{nations_phrase(facts)}."
        )
        top = facts.sending_troops[:3]
        if top:
            points.append(
                "Largest contributors: "
                + ", ".join(
                    f"{r.nation.name} {r.troops:,} ({percent(r.share, 0, facts.cap)})" for r in top
                )
                + "."
            )
        points += over_time_points(facts)
        support = standoff_line(facts)
        if support:
            points.append(support)
        ties = ties_sentence(facts)
        if ties:
            points.append(ties)
    flow += bullets(points)
    if not facts.has_plan:
        sentences = cannot_be_met(facts)
        if sentences:
            flow += [para("<b>What cannot be met</b>")] + bullets(sentences)
        broken = closest_points(facts)
        if broken:
            flow += [para(f"<b>{esc(CLOSEST_HEADING)}</b>")] + bullets(broken)
    found = risks(facts) if facts.has_plan else []
    if found:
        flow += [para("<b>Main risks</b>")] + bullets(found)
    if notes:
        flow += [para("<b>Note</b>")] + bullets(notes)
    flow += [Spacer(1, 3 * mm), key_figures(facts, width), Spacer(1, 5 * mm)]
    low, high = scenario.target.min_troops, scenario.target.max_troops
    flow.append(
        charts.figure(
            "Troops on the ground against the target band" + suffix(facts),
            charts.total_chart(facts.total, low, high, width),
            charts.total_read(facts.total, low, high, facts.has_plan),
            "Hatched: the target band. Filled: troops on the ground.",
        )
    )
    return flow
