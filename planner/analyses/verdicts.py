"""One-sentence findings of the analyses, shared by the GUI views and the PDF brief."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from planner.rules.objectives import objective_change, objective_figure, objective_label
from planner.scenario.words import cost, limit_percent, plural, the
from planner.status import Status

if TYPE_CHECKING:  # the analyses load the solver; a sentence does not need it
    from planner.analyses.backstop import BackstopAnalysis
    from planner.analyses.odds import OddsAnalysis
    from planner.analyses.pareto import ParetoAnalysis
    from planner.analyses.sensitivity import Factor, SensitivityAnalysis, Variant
    from planner.analyses.sustainment import SustainmentAnalysis
    from planner.analyses.withdrawal import WithdrawalAnalysis, WithdrawalRow


def either(names: list[str]) -> str:
    """'France', 'France or Germany', 'France, Germany or Spain'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def breaking_nations(analysis: WithdrawalAnalysis) -> list[str]:
    """Codes of the nations whose withdrawal alone leaves no plan (proved, not a time limit)."""
    return [row.nation for row in analysis.rows if row.breaks]


def withdrawal_answer(row: WithdrawalRow) -> str:
    """'yes', 'yes (limit)' (a plan, not proved best), 'NO', or 'undecided' (time limit).

    A row whose cost was not settled in the time is 'yes': a plan remains."""
    if row.undecided:
        return "undecided"
    if not row.cost_settled:
        return "yes"
    if row.status == "feasible":
        return "yes (limit)"
    return "yes" if row.feasible else "NO"


def withdrawal_reason(row: WithdrawalRow) -> str:
    """Why a row has no plan, in planner words."""
    if row.undecided:
        return "the time limit ended the solve before a plan was found or ruled out"
    return row.reason or "no plan meets every rule"


def withdrawal_verdict(analysis: WithdrawalAnalysis, full_names: bool = False) -> str:
    """Whose loss breaks the force, over the nations of the baseline plan checked so far."""
    if not analysis.baseline.has_plan:
        if analysis.baseline.status == "cancelled":
            return "Cancelled before the baseline plan was found: no nation withdrawn."
        if analysis.baseline.status == "unknown":
            return "No baseline plan within the time limit: nothing to withdraw from."
        return f"No baseline plan ({analysis.baseline.status}): nothing to withdraw from."
    label = _namer(analysis, full_names)
    breaking = [label(code) for code in breaking_nations(analysis)]
    undecided = [label(row.nation) for row in analysis.rows if row.undecided]
    checked = len(analysis.rows)
    covered = checked - len(breaking) - len(undecided)
    planned = analysis.baseline.nations_used
    whole = analysis.feasibility_complete
    scope = f"each of the {checked} nations of the plan"
    if analysis.unchecked:
        missing = [label(c) for c in analysis.unchecked]
        scope = (
            f"{checked} of the {len(planned)} nations of the plan (cancelled; "
            f"not checked: {either(missing)})"
        )
    if not breaking and not undecided:
        them = "any one of them" if not analysis.unchecked else "any one of those checked"
        survives = f"Withdrawing {scope} in turn: the force survives the loss of {them}."
        return survives + _costs(analysis, label)
    text = f"Withdrawing {scope} in turn: "
    if breaking:
        text += f"losing {either(breaking)} breaks the force"
        if covered:
            text += (
                "; any other single loss can be covered"
                if whole
                else f"; the loss of each of the other {covered} checked can be covered"
            )
    else:
        text += f"the loss of each of the {covered} decided can be covered"
    if undecided:
        text += f"; the time limit left the loss of {either(undecided)} undecided"
    return text + "." + _costs(analysis, label)


def _costs(analysis: WithdrawalAnalysis, label: Callable[[str], str]) -> str:
    """' The cost without France or Spain was not settled in the time.' (or nothing)."""
    unsettled = [label(code) for code in analysis.cost_unsettled]
    if not unsettled:
        return ""
    return f" The cost without {either(unsettled)} was not settled in the time."


def odds_verdict(analysis: OddsAnalysis) -> str:
    """How often a force exists when participation is drawn by status, with its interval."""
    from planner.analyses.shares import interval_text, percent

    share = analysis.feasible
    if share.value is None:
        return "No draws settled (cancelled)."
    chances = ", ".join(f"{status} {p:.0%}" for status, p in analysis.probabilities.items())
    text = ""
    if analysis.plans_cut:
        text = "Partial (cancelled): every draw settled, the size from fewer sampled draws. "
    elif not analysis.complete:
        text = (
            f"Partial (cancelled): {analysis.draws_done:,} of {analysis.draws:,} draws, the "
            "first in draw order, a random sample. "
        )
    text += (
        f"A force meeting every rule exists in {percent(share.value)} of "
        f"{analysis.draws_done:,} draws (95% CI {interval_text(share)}) of who takes part "
        f"({chances}; draws repeat with series {analysis.seed})"
    )
    if analysis.unknown_draws:
        text += f"; {analysis.unknown_draws:,} draws undecided (time limit), inside the interval"
    if analysis.total is not None:
        t = analysis.total
        text += (
            f"; its size {plan_draws_words(analysis)}: median {t.median:,.0f}, "
            f"10-90% {t.p10:,.0f}-{t.p90:,.0f} troops"
        )
    return text + "."


def plan_draws_words(analysis: OddsAnalysis) -> str:
    """Over which draws the optimal plans' figures were taken: 'from 10 sampled feasible draws'.

    'from all 70 feasible draws' when none was left out.
    """
    n = analysis.plan_draws
    draw = "draw" if n == 1 else "draws"
    if not analysis.sampled:
        return f"from all {n:,} feasible {draw}" if n != 1 else "from the one feasible draw"
    return f"from {n:,} sampled feasible {draw}"


def variant_text(variant: Variant, objective: str = "") -> str:
    """A variant's objective as shown: the value, 'NO PLAN', or 'undecided' (time limit).

    A plan a time limit stopped before it was proved best is marked '(limit)'.
    """
    if variant.undecided:
        return "undecided"
    if not variant.feasible:
        return "NO PLAN"
    limit = " (limit)" if variant.status == "feasible" else ""
    return f"{objective_figure(objective, variant.objective_value or 0.0, 1)}{limit}"


def swing_text(factor: Factor, baseline: float, objective: str = "") -> str:
    """'breaks', 'undecided' or the swing."""
    if factor.breaks:
        return "breaks"
    if factor.undecided:
        return "undecided"
    return objective_figure(objective, factor.swing(baseline), 1)


def sensitivity_verdict(analysis: SensitivityAnalysis) -> str:
    """Which changes break the force, and which move the objective most."""
    if analysis.baseline_value is None:
        if analysis.baseline_status == "cancelled":
            return "Cancelled before the baseline plan was found: nothing varied."
        return f"No baseline plan ({analysis.baseline_status}): nothing to vary."
    base, ranked = analysis.baseline_value, analysis.ranked()
    count = f"{len(ranked)}"
    if analysis.cancelled:
        count = f"Partial (cancelled): {len(ranked)} of {analysis.planned}"
    text = (
        f"{count} factors varied (ceilings ±{limit_percent(analysis.step)}, requirement "
        f"minimums ±{analysis.units}) around {objective_label(analysis.objective)} "
        f"{objective_figure(analysis.objective, base, 1)}"
    )
    breaking = [f.title for f in ranked if f.breaks]
    if breaking:
        text += f"; no plan when changing {either(breaking)}"
    movers = [f for f in ranked if not f.breaks and not f.undecided][:3]
    if movers:
        text += "; largest changes (lowered / raised): " + ", ".join(
            f"{f.title} ({f.change_text(base, analysis.objective)})" for f in movers
        )
    undecided = [f.title for f in ranked if f.undecided]
    if undecided:
        text += f"; the time limit left {either(undecided)} undecided"
    return text + "."


def pareto_verdict(analysis: ParetoAnalysis) -> str:
    """What the fairest plan costs over the cheapest, and what it buys, with units (the app's
    summary and the brief's)."""
    if not analysis.points:
        reason = (analysis.reason or analysis.status).rstrip(".")
        return f"No trade-off to show. {reason[:1].upper()}{reason[1:]}."
    cheapest, fairest = analysis.points[0], analysis.points[-1]
    notes = ""
    if analysis.cancelled:
        notes += (
            f" Partial (cancelled): {len(analysis.points)} of the {analysis.requested} "
            "plans asked for; the two ends are in."
        )
    if analysis.unproved:
        notes += (
            f" {analysis.unproved} of them may not be the fairest for their cost "
            "(a time limit stopped the search)."
        )
    if len(analysis.points) == 1:
        return "The cheapest plan is also the fairest: there is nothing to trade." + notes
    extra = fairest.cost - cheapest.cost
    fairer = cheapest.deviation - fairest.deviation
    relative = f" ({extra / cheapest.cost:+.1%})" if cheapest.cost else ""
    return (
        f"The fairest plan costs {cost(extra)} troop-equivalents more than the cheapest"
        f"{relative} and brings the troops off fair share down by {fairer:,.0f} "
        f"({cheapest.deviation:,.0f} to {fairest.deviation:,.0f} troops); "
        f"{len(analysis.points)} plans from one to the other, each cheaper or fairer than "
        "every other." + notes
    )


def backstop_verdict(analysis: BackstopAnalysis) -> str:
    """Can the others cover the backstop's support themselves, and what is missing."""
    scenario = analysis.scenario
    nation_names = {n.code: n.name for n in scenario.nations}
    unit_names = {u.id: u.name for u in scenario.unit_types}
    who = ", ".join(nation_names.get(c, c) for c in analysis.backstop.nations) or "nobody"
    inferred = " (inferred: nations offering only stand-off support)" if analysis.inferred else ""
    with_status = analysis.with_result.status
    if with_status == "cancelled":
        return f"Backstop of {who}{inferred}: cancelled before the plan with it was found."
    if with_status == "unknown":
        return f"Backstop of {who}{inferred}: no plan with it within the time limit."
    if analysis.already_out:
        lead = f"{who} is declined in this scenario{inferred}: the plan above is already without it"
    elif not analysis.with_result.has_plan:
        given = [
            f"{u.from_backstop} x {unit_names.get(u.unit_type, u.unit_type)}"
            for u in analysis.units
            if u.from_backstop
        ]
        lead = f"No plan meets every rule even with {who}{inferred}" + (
            f" (the closest plan takes {', '.join(given)} from it)" if given else ""
        )
    else:
        lead = ""
    without = analysis.without_result
    if without is None or without.status == "cancelled":
        return (lead or f"Backstop of {who}{inferred}") + (
            ": cancelled before the case without it was solved."
        )
    if without.status == "unknown":
        return (
            f"Without {who}{inferred}: the time limit ended the solve before a plan was "
            "found or ruled out."
        )
    if analysis.without_feasible:
        if lead:
            return f"{lead}; under the requirements without it a force meets every rule."
        value = without.objective_value or 0.0
        extra = value - (analysis.with_result.objective_value or 0.0)
        unproved = "feasible" in (with_status, without.status)
        limit = "; a time limit stopped a solve before its plan was proved best" if unproved else ""
        return (
            f"Without {who}{inferred} the others can cover everything themselves: "
            f"{analysis.objective} {objective_figure(analysis.objective, value, 1)} "
            f"({objective_change(analysis.objective, extra, 1)}){limit}."
        )
    short = [
        f"{u.short} x {unit_names.get(u.unit_type, u.unit_type)}" for u in analysis.units if u.short
    ]
    gap = f": {', '.join(short)} short" if short else ""
    if lead:
        return f"{lead}; under the requirements without it no plan meets every rule either{gap}."
    return f"Without {who}{inferred} no plan meets every rule{gap}."


def _namer(analysis: WithdrawalAnalysis, full_names: bool) -> Callable[[str], str]:
    if not full_names:
        return lambda code: code
    names = {n.code: the(n.name) for n in analysis.scenario.nations}  # mid-sentence, every use
    return lambda code: names.get(code, code)


def sustainment_verdict(analysis: SustainmentAnalysis) -> str:
    """How large a force the offers keep, and the rotation cycle at which the band breaks."""
    scenario = analysis.scenario
    if analysis.reason:
        return f"No sustainment to measure: {analysis.reason}"
    if analysis.largest is None:
        return "No plan keeps the scenario's other rules, so no force can be sustained."
    label = scenario.periods.label
    low = scenario.target.min_troops
    full = len(scenario.periods.full)
    proven = analysis.largest_status == Status.OPTIMAL
    kept = (
        f"The offers keep {'at most' if proven else 'at least'} {analysis.largest:,} troops in "
        f"every {label} of full capability ({full} {plural(label, full)})"
        + ("" if proven else ", perhaps more: the time limit ran out before the most was proven")
    )
    if analysis.largest >= low:
        kept += f", at or above the target of {low:,}"
    else:
        kept += f", {low - analysis.largest:,} short of the target of {low:,}"
    breaks = analysis.breaks_at
    sweep = ""
    if analysis.cycles:
        over = (
            f" (tried over {analysis.horizon} {plural(label, analysis.horizon)}, "
            "as the scenario has only one)"
            if analysis.stretched
            else ""
        )
        if breaks is None:
            sweep = (
                f"; the target band can still be met with every unit serving one {label} "
                f"in {analysis.cycles[-1].rotation}{over}"
            )
        else:
            sweep = (
                f"; the target band can no longer be met once every unit serves one {label} "
                f"in {breaks}{over}"
            )
    partial = " (cancelled: the sweep is partial)" if analysis.cancelled else ""
    return kept + sweep + partial + "."
