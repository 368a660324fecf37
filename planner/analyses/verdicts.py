"""One-sentence findings of the analyses, shared by the GUI views and the PDF brief."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from planner.wording import limit_percent, percent

if TYPE_CHECKING:  # the analyses load the solver; a sentence does not need it
    from planner.analyses.backstop import BackstopAnalysis
    from planner.analyses.odds import OddsAnalysis
    from planner.analyses.pareto import ParetoAnalysis
    from planner.analyses.sensitivity import SensitivityAnalysis
    from planner.analyses.withdrawal import WithdrawalAnalysis


def either(names: list[str]) -> str:
    """'France', 'France or Germany', 'France, Germany or Spain'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def breaking_nations(analysis: WithdrawalAnalysis) -> list[str]:
    """Codes of the nations whose withdrawal alone leaves no feasible plan (proven)."""
    return [row.nation for row in analysis.rows if row.status in ("infeasible", "invalid")]


def undecided_nations(analysis: WithdrawalAnalysis) -> list[str]:
    """Codes whose row a time limit or cancel left without an answer either way."""
    return [
        row.nation
        for row in analysis.rows
        if not row.feasible and row.status not in ("infeasible", "invalid")
    ]


def withdrawal_verdict(analysis: WithdrawalAnalysis, full_names: bool = False) -> str:
    """Whose loss breaks the force, over the nations of the baseline plan."""
    if not analysis.baseline.has_plan:
        return f"No baseline plan ({analysis.baseline.status}): nothing to withdraw from."
    label = _namer(analysis, full_names)
    breaking = [label(code) for code in breaking_nations(analysis)]
    checked = len(analysis.rows)
    scope = f"each of the {checked} nations of the plan"
    if not analysis.complete:
        scope = f"{checked} of the {len(analysis.baseline.nations_used)} nations (cancelled)"
    undecided = [label(code) for code in undecided_nations(analysis)]
    open_note = f"; not settled before the time limit: {', '.join(undecided)}" if undecided else ""
    if not breaking:
        if undecided:
            return f"Withdrawing {scope} in turn: no loss proven to break the force{open_note}."
        return f"Withdrawing {scope} in turn: the force survives the loss of any one of them."
    remark = (
        ""
        if len(breaking) + len(undecided) == checked
        else "; any other single loss can be covered"
    )
    return (
        f"Withdrawing {scope} in turn: losing {either(breaking)} breaks the force{remark}"
        f"{open_note}."
    )


def odds_verdict(analysis: OddsAnalysis) -> str:
    """How often a force exists when participation is drawn by status."""
    share = analysis.feasible_share
    if share is None:
        return "No draws settled (cancelled)."
    chances = ", ".join(f"{status} {percent(p, 0)}" for status, p in analysis.probabilities.items())
    text = (
        f"A force meeting every rule exists in {percent(share)} of {analysis.draws_done:,} draws "
        f"of who takes part ({chances}; seed {analysis.seed})"
    )
    if analysis.total is not None:
        t = analysis.total
        text += f"; its size: median {t.median:,.0f}, 10-90% {t.p10:,.0f}-{t.p90:,.0f} troops"
    if not analysis.complete:
        text += f"; cancelled after {analysis.draws_done:,} of {analysis.draws:,} draws"
    return text + "."


def sensitivity_verdict(analysis: SensitivityAnalysis) -> str:
    """Which changes break the force, and which move the objective most."""
    if analysis.baseline_value is None:
        return f"No baseline plan ({analysis.baseline_status}): nothing to vary."
    base, ranked = analysis.baseline_value, analysis.ranked()
    text = (
        f"{len(ranked)} factors varied (ceilings ±{limit_percent(analysis.step)}, requirement "
        f"minimums ±{analysis.units}) around {analysis.objective} {base:,.1f}"
    )
    breaking = [f.title for f in ranked if f.breaks]
    if breaking:
        text += f"; no plan when changing {either(breaking)}"
    movers = [f for f in ranked if not f.breaks][:3]
    if movers:
        text += "; largest changes (lowered / raised): " + ", ".join(
            f"{f.title} ({f.change_text(base)})" for f in movers
        )
    return text + ("; cancelled, partial." if analysis.cancelled else ".")


def pareto_verdict(analysis: ParetoAnalysis) -> str:
    """What the fairest plan costs over the cheapest, and what it buys."""
    if not analysis.points:
        reason = (analysis.reason or analysis.status).rstrip(".")
        return f"No trade-off to show. {reason[:1].upper()}{reason[1:]}."
    cheapest, fairest = analysis.points[0], analysis.points[-1]
    if len(analysis.points) == 1:
        return "The cheapest plan is also the fairest: there is nothing to trade."
    extra = fairest.cost - cheapest.cost
    fairer = cheapest.deviation - fairest.deviation
    return (
        f"The fairest plan costs {extra:,.1f} more than the cheapest "
        f"({extra / cheapest.cost:.1%}) and brings the deviation from fair shares down by "
        f"{fairer:,.0f} troops ({cheapest.deviation:,.0f} to {fairest.deviation:,.0f}); "
        f"{len(analysis.points)} non-dominated plans from one to the other."
    )


def backstop_verdict(analysis: BackstopAnalysis) -> str:
    """Can the others cover the backstop's support themselves, and what is missing."""
    scenario = analysis.scenario
    nation_names = {n.code: n.name for n in scenario.nations}
    unit_names = {u.id: u.name for u in scenario.unit_types}
    who = ", ".join(nation_names.get(c, c) for c in analysis.backstop.nations) or "nobody"
    inferred = " (inferred: nations offering only stand-off support)" if analysis.inferred else ""
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
    if analysis.without_result is None:
        return (lead or f"Backstop of {who}{inferred}") + ": cancelled before the case without it."
    if analysis.without_feasible:
        if lead:
            return f"{lead}; under the requirements without it a force meets every rule."
        cost = analysis.without_result.objective_value or 0.0
        extra = cost - (analysis.with_result.objective_value or 0.0)
        return (
            f"Without {who}{inferred} the others can cover everything themselves: "
            f"{analysis.objective} {cost:,.1f} ({extra:+,.1f})."
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
    names = {n.code: n.name for n in analysis.scenario.nations}
    return lambda code: names.get(code, code)
