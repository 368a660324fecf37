"""Page 1 of the brief: the decision note (issue 19, item 1).

Laid out as a UK MOD submission (issue, recommendation, decision requested
and by when), a NATO decision sheet (options side by side with what each
costs and risks) and a RAND key-findings box (the verdict and the facts it
rests on). At most two pages; everything else follows as annexes.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from planner import __version__
from planner.brief.analyses import BriefAnalyses
from planner.brief.contents import contents
from planner.brief.control import DocumentControl
from planner.brief.facts import Facts, band_text
from planner.brief.findings import (
    NO_PLAN_FOUND,
    OPEN,
    Robustness,
    capital,
    key_findings,
    not_known,
    option_risk,
    recommendation,
    robustness,
    twin_cell,
    twin_finding,
    verdict,
)
from planner.brief.options import (
    FairerTwin,
    Option,
    band_middle,
    below_middle,
    fairer_twin,
    least_cost,
    other_objective,
)
from planner.brief.prose import bullets, para
from planner.brief.tagging import TableTags
from planner.brief.text import GREY, HEADER_FILL, INK, esc, styles
from planner.rules.objectives import objective_named
from planner.scenario.words import cost, percent

HEADING = "Decision note"
OPTIONS_CAPTION = (
    "Cost in troop-equivalents: each unit's personnel weighted by its nation's cost index. "
    "Off fair share: troops above or below each nation's share by burden weight, summed over "
    "nations."
)


def _ties(found: list[Option]) -> str:
    fair = [o for o in found if o.has_plan and o.result is not None and o.result.tie_break]
    if not fair:
        return ""
    return (
        " The fairest share weighs troops only; its units and stand-off support are the "
        "cheapest among the equally fair plans."
    )


def _when(facts: Facts) -> str:
    if facts.scenario.periods.count < 2:
        return ""
    label = facts.scenario.periods.label
    return f" Troops are for the {label} of full capability with the fewest in the target."


def options(facts: Facts, analyses: BriefAnalyses | None) -> list[Option]:
    """A: the brief's plan; B: by the other objective; C: without the backstop (if any);
    then the middle of the band, when A sits in its lower half (D, or C without a backstop)."""
    result = facts.result
    ran = analyses is not None and bool(analyses.results)
    other_label = capital(objective_named(other_objective(result.objective)).label)
    chosen = Option("chosen", f"A. {capital(objective_named(result.objective).label)}", result)
    if analyses is not None and analyses.other is not None:
        other = Option("other", f"B. {other_label}", analyses.other)
    else:
        why = "No plan to compare." if not facts.has_plan else _unassessed(analyses)
        other = Option("other", f"B. {other_label}", None, why)
    found = [chosen, other]
    backstop = analyses.get("backstop") if analyses is not None else None
    if backstop is not None and backstop.without_result is not None:
        title = "C. Without the backstop"
        if backstop.already_out:
            found.append(Option("no_backstop", title, None, "The same as A: declined here."))
        else:
            found.append(Option("no_backstop", title, backstop.without_result))
    elif facts.backstop_codes:
        if facts.backstop_out:
            why = "The same as A: declined here."  # needs no analysis to say
        elif analyses is not None and "backstop" in analyses.unfinished:
            why = "Not assessed (time limit)."
        elif ran:
            why = "Not assessed (not run)."
        else:
            why = _unassessed(analyses)
        found.append(Option("no_backstop", "C. Without the backstop", None, why))
    if below_middle(result):  # the bottom of the band against its middle
        letter = chr(ord("A") + len(found))
        title = f"{letter}. Middle of the band ({band_middle(facts.scenario):,} troops or more)"
        if analyses is not None and analyses.middle is not None:
            found.append(Option("middle", title, analyses.middle))
        else:
            found.append(Option("middle", title, None, _unassessed(analyses)))
    return found


def least_cost_twin(
    found: list[Option], analyses: BriefAnalyses | None
) -> tuple[Option, FairerTwin] | None:
    """The least-cost option (A or B) and the fairer plan of its cost the Pareto analysis
    found, when the analysis ran and found one; else None (and page 1 is as before)."""
    pareto = analyses.get("pareto") if analyses is not None else None
    option = least_cost(found)
    twin = fairer_twin(option, pareto)
    return (option, twin) if option is not None and twin is not None else None


def _unassessed(analyses: BriefAnalyses | None) -> str:
    """Why an option has no plan to show: a quick brief asks for none; a full brief's time
    limit left none for it (its analyses ran, finished or not)."""
    asked = analyses is not None and bool(analyses.results or analyses.unfinished)
    return "Not assessed (time limit)." if asked else "Not assessed (quick brief)."


def _figures(
    option: Option, chosen: Option, robust: Robustness, twin: FairerTwin | None = None
) -> list[str]:
    """One column of the options table, in the order of :data:`ROWS`; `twin`: a fairer plan
    of this option's cost (said in its 'Off fair share' cell)."""
    result = option.result
    if result is None or not option.has_plan:
        if result is None:
            blank = option.missing
        elif result.status in OPEN:
            blank = NO_PLAN_FOUND
        else:
            blank = "No plan meets every rule."
        return [blank, "-", "-", "-", "-", option_risk(option, chosen, robust) if result else "-"]
    plan = result.evaluation
    total = plan.total_at[plan.least_period - 1]
    inside = {code: t[plan.least_period - 1] for code, t in plan.in_target_at.items()}
    top = max(inside, key=lambda code: inside[code])
    name = next(n.name for n in result.scenario.nations if n.code == top)
    sending = sum(1 for troops in inside.values() if troops)
    outside = sum(  # taking part with troops outside the target's areas only
        1
        for code, troops in plan.troops_at.items()
        if plan.participating[code] and not inside[code] and troops[plan.least_period - 1]
    )
    taking = sum(1 for part in plan.participating.values() if part)
    fair = "-"
    if option.off_fair_share is not None:
        fair = f"{option.off_fair_share:,.0f} troops" + (twin_cell(twin) if twin else "")
    return [
        f"{total:,} troops",
        f"{sending} nations" + (f" ({taking} taking part)" if outside else ""),
        f"{percent(inside[top] / total, 1) if total else '-'} ({name})",
        f"{cost(option.cost)} troop-equivalents" if option.cost is not None else "-",
        fair,
        option_risk(option, chosen, robust),
    ]


ROWS = (
    "Troops on the ground",
    "Nations with troops",
    "Largest share",
    "Cost",
    "Off fair share",
    "Costs and risks against A",
)


def options_table(
    found: list[Option],
    robust: Robustness,
    width: float,
    twin: tuple[Option, FairerTwin] | None = None,
) -> Table:
    s = styles()
    columns = [
        _figures(option, found[0], robust, twin[1] if twin and twin[0] is option else None)
        for option in found
    ]
    head = [Paragraph("<b>Option</b>", s["cell"])] + [
        Paragraph(f"<b>{esc(o.title)}</b>", s["cell"]) for o in found
    ]
    rows = [head] + [
        [Paragraph(f"<b>{esc(label)}</b>", s["cell"])]
        + [Paragraph(esc(column[i]), s["cell"]) for column in columns]
        for i, label in enumerate(ROWS)
    ]
    first = width * 0.2
    rest = (width - first) / len(found)
    return Table(
        rows,
        colWidths=[first] + [rest] * len(found),
        renderCB=TableTags(header_rows=1, header_cols=(0,)),  # options across, measures down
        style=TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GREY),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        ),
    )


def _header(facts: Facts, control: DocumentControl, generated: datetime, width: float) -> Table:
    """The submission's head: reference, date, originator, contact, decision needed by."""
    s = styles()
    cells = [(label, value) for label, value in control.rows(generated) if label != "Marking"] + [
        ("Decision needed by", control.by_when(generated)),
        ("Marking", control.marking),
        ("Prepared with", f"Force Planner {__version__}"),
    ]
    rows = [
        [
            Paragraph(f"<b>{a}</b>", s["small"]),
            Paragraph(esc(b), s["small"]),
            Paragraph(f"<b>{c}</b>", s["small"]),
            Paragraph(esc(d), s["small"]),
        ]
        for (a, b), (c, d) in zip(cells[::2], cells[1::2], strict=True)
    ]
    return Table(
        rows,
        colWidths=[width * 0.16, width * 0.32, width * 0.22, width * 0.30],
        renderCB=TableTags(header_rows=0, header_cols=(0, 2)),  # label, value, label, value
        style=TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GREY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        ),
    )


def _box(flow: list[Flowable], width: float) -> Table:
    return Table(
        [[flow]],
        colWidths=[width],
        renderCB=TableTags("Div"),  # a box around paragraphs, not a table of data
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, INK),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )


def issue(facts: Facts) -> str:
    scenario = facts.scenario
    offering = sum(1 for n in scenario.nations if n.status != "declined" and any(n.offers.values()))
    return (
        f"Whether the offers of {offering} nations can compose a force of "
        f"{band_text(scenario)} troops on the ground that meets every requirement, how robust "
        "that force would be, and which plan to adopt."
    )


def decision_note(
    facts: Facts,
    control: DocumentControl,
    generated: datetime,
    width: float,
    analyses: BriefAnalyses | None,
    missing: list[str],
) -> list[Flowable]:
    """Page 1 (and at most 2): issue, verdict, options, recommendation, decision and date."""
    robust = robustness(facts, analyses)
    found = options(facts, analyses)
    twin = least_cost_twin(found, analyses)
    requested = control.requested(facts.has_plan, known=not not_known(facts))
    findings: list[Flowable] = [para(f"<b>{esc(verdict(facts, robust))}</b>", "verdict")]
    points = key_findings(facts, robust)
    if twin is not None:
        points.insert(1, twin_finding(*twin))  # after the force itself
    findings += bullets(points)
    advice = twin[1] if twin is not None and twin[0] is found[0] else None
    flow: list[Flowable] = [
        para(f"{HEADING}: {esc(facts.scenario.name)}", "h1"),
        _header(facts, control, generated, width),
        Spacer(1, 3 * mm),
        para("<b>Issue.</b> " + issue(facts)),
        para("<b>Key findings</b>", "h3"),
        _box(findings, width),
        para("<b>Options</b>", "h3"),
        options_table(found, robust, width, twin),
        para(esc(OPTIONS_CAPTION + _when(facts) + _ties(found)), "caption"),
        para("<b>Recommendation.</b> " + esc(recommendation(facts, robust, found[0], advice))),
        para(f"<b>Decision requested.</b> {esc(requested)}"),
        para(f"<b>Decision needed by.</b> {esc(control.by_when(generated))}."),
        para("<b>Contents</b> (each annex from a new page)", "h3"),
        # above the list, not below it: a line after a full page's list spilled onto a
        # page of its own (the Paris quick brief's page 2 held only this line)
        *(para(esc(line) + ".", "small") for line in missing),
        contents(),
    ]
    return flow
