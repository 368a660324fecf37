"""The front of the brief: cover page and bottom line up front with its key figures."""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from planner import __version__
from planner.brief import charts
from planner.brief.analyses import BriefAnalyses
from planner.brief.closest import CLOSEST_HEADING, cannot_be_met, closest_points
from planner.brief.control import DocumentControl
from planner.brief.facts import HEADLINE, Facts, band_text, nations_phrase, risks
from planner.brief.prose import bullets, para, suffix, units_phrase
from planner.brief.text import GREY, INK, esc, fonts, num, styles
from planner.scenario.words import limit_percent, percent, period_label

ANNEX_PLAN = "Annex A: the plan"
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


def control_table(control: DocumentControl, generated: datetime, width: float) -> Table:
    """Reference, version, date, originator, point of contact and marking, as a registry reads."""
    s = styles()
    rows = [
        [Paragraph(f"<b>{label}</b>", s["small"]), Paragraph(esc(value), s["small"])]
        for label, value in control.rows(generated)
    ]
    return Table(
        rows,
        colWidths=[width * 0.22, width * 0.58],
        style=TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GREY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        ),
    )


def cover(
    facts: Facts,
    control: DocumentControl,
    generated: datetime,
    width: float,
    analyses: BriefAnalyses | None = None,
) -> list[Flowable]:
    """Title page: marking, scenario, document control, the one-line verdict and what follows."""
    s, scenario, result = styles(), facts.scenario, facts.result
    lines = [Paragraph(esc(HEADLINE[result.status]), s["verdict"])]
    if result.allocation:
        lead = "The force" if facts.has_plan else "The closest plan"
        lines.append(
            Paragraph(
                esc(
                    f"{lead}: {facts.total:,} troops on the ground {nations_phrase(facts)}; "
                    f"target band {band_text(scenario)}."
                ),
                s["body"],
            )
        )
    box = Table(
        [[lines]],
        colWidths=[width * 0.8],
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, INK),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ]
        ),
    )
    flow: list[Flowable] = [
        Spacer(1, 18 * mm),
        Paragraph(esc(control.marking), s["subtitle"]),
        Spacer(1, 8 * mm),
        Paragraph("Force composition: decision brief", s["title"]),
        Paragraph(esc(scenario.name), s["subtitle"]),
        Spacer(1, 4 * mm),
        Paragraph(
            esc(f"Generated {generated.day} {generated:%B %Y, %H:%M %Z}".strip(", ")), s["center"]
        ),
        Spacer(1, 6 * mm),
        control_table(control, generated, width),
        Spacer(1, 8 * mm),
        box,
        Spacer(1, 8 * mm),
    ]
    if scenario.description:
        flow += [para("<b>Scenario</b>"), para(esc(scenario.description))]
    contents = ["Bottom line up front"]
    if result.unmet or result.conflict:
        contents.append("Why no plan meets every rule")
    contents += [
        "Contributions by nation",
        "Units by nation and type",
        "Requirement coverage and stand-off support",
    ]
    if analyses is not None and (analyses.results or analyses.unfinished):
        contents.append("How fragile is the force")
    contents += ["Assumptions and sources", "Notes on this document"]
    flow += [Spacer(1, 4 * mm), para("<b>Contents</b>")] + bullets(contents)
    flow += [
        Spacer(1, 6 * mm),
        para(f"Prepared with Force Planner {__version__}.", "caption"),
        PageBreak(),
    ]
    return flow


def _status_note(facts: Facts) -> str:
    if facts.has_plan:
        return ""
    return " (closest plan shown, NOT FEASIBLE)" if facts.result.allocation else " (no plan)"


def key_figures(facts: Facts, width: float) -> Table:
    """Status, size, band, nations, largest share, objective and solve as a two-column table."""
    scenario, result = facts.scenario, facts.result
    largest = max(facts.rows, key=lambda r: r.share, default=None)
    taking, only = len(facts.taking_part), len(facts.standoff_only)
    rows = [
        ["Status", result.status + _status_note(facts)],
        ["Troops on the ground", f"{num(facts.total)}"],
        ["Target band", band_text(scenario)],
        [
            "Nations taking part",
            Paragraph(
                f"{taking} ({len(facts.sending_troops)} with troops on the ground"
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
        rows.append([f"Objective ({result.objective})", f"{value:,.2f}"])
    table = Table(rows, colWidths=[width * 0.3, width * 0.45], hAlign="LEFT")
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


def bottom_line(
    facts: Facts,
    width: float,
    fragility: list[str] | None = None,
    notes: list[str] | None = None,
) -> list[Flowable]:
    """Does a force in the band exist, its size, nations, largest contributors, risks.

    `fragility`: the analyses' findings (whose loss breaks the force, the odds);
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
    if fragility:
        flow += [para("<b>How fragile it is</b>")] + bullets(fragility)
    if notes:
        flow += [para("<b>Note</b>")] + bullets(notes)
    flow += [Spacer(1, 3 * mm), key_figures(facts, width), Spacer(1, 5 * mm)]
    chart = charts.total_chart(
        facts.total, scenario.target.min_troops, scenario.target.max_troops, width
    )
    flow += [
        KeepTogether(
            [
                para("Troops on the ground against the target band" + suffix(facts), "h3"),
                chart,
                para("Hatched: the target band. Filled: troops on the ground.", "caption"),
            ]
        )
    ]
    return flow
