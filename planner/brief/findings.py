"""The decision note's judgements, in words, from computed results only (issue 19, item 1).

The verdict weighs robustness as well as existence: a force that can be
composed but rests on nations whose loss alone breaks it, or on the
backstop's support, is not the same answer as one that survives any single
loss. Every figure comes from the baseline solve, the analyses that were
run, or the plan by the other objective; what was not run is said to be
unknown, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.analyses.verdicts import breaking_nations, either
from planner.brief.analyses import BriefAnalyses
from planner.brief.closest import INCOMPLETE, cannot_be_met
from planner.brief.facts import Facts, band_text
from planner.brief.options import FairerTwin, Option
from planner.rules.objectives import objective_figure, objective_named
from planner.scenario.words import cost, cost_change, nation_name, percent, the, unit_name

WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
LIKELY = 0.5
"""Below this share of draws a force 'is unlikely' in the verdict and the recommendation."""


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def both(names: list[str]) -> str:
    """'France, the United Kingdom and the United States'."""
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


def count_words(count: int, noun: str) -> str:
    """'three nations', '12 nations', 'one nation'."""
    word = WORDS[count] if 0 <= count < len(WORDS) else f"{count:,}"
    return f"{word} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class Robustness:
    """What the analyses say about the baseline plan; None where an analysis was not run."""

    breaking: list[str] | None
    """Names of the nations whose loss alone leaves no plan."""
    backstop_needed: list[str] | None
    """'1 x Long-range air defence battery group' per unit the others cannot cover."""
    backstop_names: str
    backstop_declined: bool
    odds: float | None
    draws: int
    not_run: list[str]
    timed_out: bool = False
    """Some analyses the brief asked for did not finish within its time limit."""
    draws_asked: int = 0
    """Draws the odds analysis was asked for; more than `draws` when it was cut short."""


SUPPORT = "the support it gives"
"""What the backstop supplies where no shortfall is known (its explanation was cut short)."""


def robustness(facts: Facts, analyses: BriefAnalyses | None) -> Robustness:
    scenario = facts.scenario
    found = analyses.results if analyses is not None else {}
    withdrawal, backstop, odds = found.get("withdrawal"), found.get("backstop"), found.get("odds")
    breaking = None
    if withdrawal is not None and withdrawal.feasibility_complete:  # costs may be unsettled
        breaking = [the(nation_name(scenario, code)) for code in breaking_nations(withdrawal)]
    needed, names, declined = None, "", False
    if facts.backstop_out:  # nothing to assess, with or without the analysis
        declined = True
        names = either([the(nation_name(scenario, c)) for c in facts.backstop_codes])
    if backstop is not None and backstop.without_result is not None:
        names = either([the(nation_name(scenario, c)) for c in backstop.backstop.nations])
        declined = backstop.already_out
        if not declined and backstop.without_result.status in ("infeasible", "invalid"):
            needed = [
                f"{u.short} x {unit_name(scenario, u.unit_type)}" for u in backstop.units if u.short
            ] or [SUPPORT]
        elif not declined and backstop.without_feasible:
            needed = []
    share, draws, asked = None, 0, 0
    if odds is not None and odds.share_stands and odds.feasible.value is not None:
        share, draws, asked = odds.feasible.value, odds.draws_done, odds.draws
    not_run = [
        what
        for what, value in (
            ("whether the loss of one nation breaks the force", breaking),
            ("whether the others can do without the backstop", needed if not declined else []),
            ("how likely a force is, given who may take part", share),
        )
        if value is None
    ]
    timed_out = analyses is not None and bool(analyses.unfinished)
    return Robustness(breaking, needed, names, declined, share, draws, not_run, timed_out, asked)


def _draws(robust: Robustness) -> str:
    """'1,000 draws', or 'the first 244 of 1,000 draws (the time limit stopped the rest)'."""
    if robust.draws >= robust.draws_asked:
        return f"{robust.draws:,} draws"
    return (
        f"the first {robust.draws:,} of {robust.draws_asked:,} draws (the time limit "
        "stopped the rest)"
    )


def uncommitted_share(facts: Facts) -> float:
    """Of the troops on the ground, the share from nations that have not committed."""
    if not facts.total:
        return 0.0
    troops = sum(r.troops for r in facts.rows if r.nation.status != "committed")
    return troops / facts.total


OPEN = ("unknown", "cancelled")
"""Statuses with no plan and no proof that none exists: the search did not finish."""


NO_PLAN_FOUND = "No plan found in the time given; none proven impossible."


def not_known(facts: Facts) -> bool:
    """Whether the search stopped (time limit, cancel) before finding a plan or proving none."""
    return not facts.has_plan and facts.result.status in OPEN


def _search_time(facts: Facts) -> str:
    return f"{facts.result.solve_seconds:,.0f} s"


def verdict(facts: Facts, robust: Robustness) -> str:
    """One sentence (two at most) a minister can repeat: can it be done, and how safely."""
    if not_known(facts):
        return (
            f"No plan was found in the {_search_time(facts)} the search was given, so whether "
            "a force meeting every rule can be composed is not yet known."
        )
    if not facts.has_plan:
        return (
            "No force meeting every rule can be composed from the offers as they stand; "
            "what is short follows."
        )
    head = f"A {facts.total:,}-troop force can be composed from {len(facts.sending_troops)} nations"
    if facts.outside_only:  # else the count is the plan's (stand-off support is told apart)
        head += f" with troops on the ground ({len(facts.taking_part)} taking part in all)"
    weak = []
    if robust.breaking:
        weak.append(
            f"losing {either(robust.breaking)} leaves no plan that meets every rule"
            if len(robust.breaking) > 1
            else f"losing {robust.breaking[0]} leaves no plan that meets every rule"
        )
    if robust.backstop_needed:
        weak.append(
            f"without {robust.backstop_names} the others cannot cover "
            f"{' and '.join(robust.backstop_needed)}"
        )
    if robust.odds is not None and robust.odds < LIKELY:
        weak.append(
            f"a force exists in only {percent(robust.odds)} of {_draws(robust)} of who takes part"
        )
    if weak:
        rests = []
        if robust.breaking:
            rests.append(count_words(len(robust.breaking), "nation"))
        if robust.backstop_needed:
            rests.append(f"support from {robust.backstop_names}")
        lead = f"{head}, but it rests on {' and on '.join(rests)}" if rests else f"{head}, but"
        return f"{lead}: {'; '.join(weak)}."
    if robust.not_run:
        return f"{head}. How robust it is was not assessed in this brief."
    return f"{head}, and it survives the loss of any one nation."


BETTER = {"min_cost": "cheaper", "fair_share": "fairer"}
"""What a better plan would be, by objective, in the sentence on a plan not proven best."""


def unproven(facts: Facts) -> str:
    """When a time limit stopped the search with a plan: how much better one might be.

    The room is the solver's proven relative gap times the plan's own value (the gap is
    relative to it), so it is in the objective's unit whatever scale the program uses.
    """
    result = facts.result
    if result.status != "feasible":
        return ""
    entry = objective_named(result.objective)
    better = BETTER.get(result.objective, "better")
    head = (
        f"The plan shown is the best found in {result.solve_seconds:,.0f} s, not proven the "
        f"best: a {better} one may exist"
    )
    value, gap = result.objective_value, result.mip_gap
    if value is None or gap is None or gap < 0:
        return f"{head}; how much {better} is not known."
    most = objective_figure(result.objective, gap * value)
    return f"{head}, by up to {most} {entry.unit} ({percent(gap, 1)})."


def closest_breaks(facts: Facts) -> list[str]:
    """The unit types and rules the closest plan breaks, named once each, in words."""
    from planner.rules import names, violations

    scenario, found = facts.scenario, []
    if facts.has_plan or not facts.result.allocation:
        return []
    for v in violations(scenario, facts.result.allocation):
        if v.hard:
            continue
        family, *rest = names.parts(v.constraint)
        if family == "requirement" and rest:
            what = unit_name(scenario, rest[0])
        elif family == "area" and len(rest) == 3:  # area.<area>.<unit>.min|max
            what = unit_name(scenario, rest[1])
        elif family == "area":
            what = "an area's capacity"
        elif v.constraint.startswith(("target.min", "target.max")):
            what = "the troops the target band needs"
        elif family == "share":
            what = "the share cap"
        elif family == "lock":
            what = "a locked contribution"
        else:
            what = "the rules on nations taking part"
        if what not in found:
            found.append(what)
    return found


def key_findings(facts: Facts, robust: Robustness) -> list[str]:
    """The RAND-style box: the few facts the verdict rests on, each with its unit."""
    scenario, points = facts.scenario, []
    if facts.has_plan:
        top = facts.sending_troops[:3]
        points.append(
            f"{facts.total:,} troops on the ground (target {band_text(scenario)} troops); the "
            "largest contributors: "
            + ", ".join(f"{r.nation.name} {r.troops:,} troops ({percent(r.share, 0)})" for r in top)
            + "."
        )
        proof = unproven(facts)
        if proof:
            points.append(proof)
        loose = uncommitted_share(facts)
        if loose:
            points.append(
                f"{percent(loose, 0)} of those troops come from nations that have not "
                "committed (their status is likely or possible)."
            )
    elif facts.result.explanation():
        points += cannot_be_met(facts)[:2]
        broken = closest_breaks(facts)
        if broken and all(p.startswith(INCOMPLETE) for p in cannot_be_met(facts)):
            points.append(
                "The closest plan found keeps every nation's own statements but falls short "
                f"on {both(broken)} (Annex A lists each shortfall)."
            )
    if robust.breaking is not None and facts.has_plan:
        points.append(
            f"Losing {either(robust.breaking)} alone leaves no plan that meets every rule; any "
            "other single loss "
            "can be covered."
            if robust.breaking
            else "The loss of any one nation can be covered by the others."
        )
    if robust.backstop_declined:
        points.append(
            f"{capital(robust.backstop_names)} is declined here: the plan is already without it."
        )
    elif robust.backstop_needed:
        points.append(
            f"Without {robust.backstop_names} the others cannot cover "
            f"{' and '.join(robust.backstop_needed)}."
        )
    elif robust.backstop_needed == []:
        points.append(f"Without {robust.backstop_names} the others can cover everything.")
    if robust.odds is not None:
        share = "none" if robust.odds == 0 else percent(robust.odds)
        points.append(
            f"Drawing who takes part by their status, a force meeting every rule exists in "
            f"{share} of {_draws(robust)}."
        )
    if robust.not_run:
        points.append("Not assessed in this brief: " + "; ".join(robust.not_run) + ".")
    return points


def option_risk(option: Option, chosen: Option, robust: Robustness) -> str:
    """What an option risks or costs against the recommended one, in one cell."""
    if option.result is None:
        return option.missing
    facts_result = option.result
    if not option.has_plan:
        if facts_result.status in OPEN:
            return NO_PLAN_FOUND
        if option.key == "no_backstop" and robust.backstop_needed == [SUPPORT]:
            return "Without it no plan meets every rule."
        if option.key == "no_backstop" and robust.backstop_needed:
            return f"{' and '.join(robust.backstop_needed)} short: no plan meets every rule."
        if option.key == "middle" and facts_result.status == "infeasible":
            low = facts_result.scenario.target.min_troops
            return f"The offers cannot fill the band to {low:,} troops: no plan meets every rule."
        if option.key == "middle" and facts_result.status == "unknown":
            return "No plan found within the time allowed; none is known to exist or not."
        return "No plan meets every rule."
    parts = []
    if option.key == "chosen":
        if robust.breaking:
            parts.append(f"Breaks if {either(robust.breaking)} pulls out.")
        elif robust.breaking is None:
            parts.append("Loss of one nation not tested.")
    if option.key == "middle":
        parts.append(middle_losses(robust))
    value, base = option.cost, chosen.cost
    if option.key != "chosen" and value is not None and base:
        extra = value - base
        parts.append(f"{cost_change(extra)} troop-equivalents of cost ({extra / base:+.1%}).")
    fair, base_fair = option.off_fair_share, chosen.off_fair_share
    if option.key != "chosen" and fair is not None and base_fair is not None:
        parts.append(f"{fair - base_fair:+,.0f} troops off fair share.")
    if option.key == "middle" and chosen.result is not None and chosen.has_plan:
        parts.append(middle_margin(option, chosen))
    if facts_result.status == "feasible":
        parts.append("Not proved the best such plan (time limit).")
    return " ".join(parts) or "-"


def middle_losses(robust: Robustness) -> str:
    """The loss of one nation at the middle of the band, from A's withdrawal analysis only.

    Raising the band's bottom only removes plans, so a nation whose loss leaves no plan at the
    bottom leaves none at the middle either: exact, and free. A loss A's plan survives may
    still break the middle; that is not checked (no solve is spent on it, see
    docs/decisions.md), and the cell says so.
    """
    if robust.breaking is None:
        return "Loss of one nation not tested."
    if robust.breaking:
        return (
            f"Losing {either(robust.breaking)} breaks it too; the loss of another nation of "
            "this plan was not checked."
        )
    return "The loss of one nation was not checked for this plan."


def _force(option: Option) -> int:
    """Troops on the ground of an option's plan, in the full period with the fewest."""
    assert option.result is not None
    plan = option.result.evaluation
    return plan.total_at[plan.least_period - 1]


def middle_margin(option: Option, chosen: Option) -> str:
    """What the middle of the band buys against A: the troops that can fall away before the
    force leaves the band, against the troops more it asks of the nations."""
    assert chosen.result is not None
    low = chosen.result.scenario.target.min_troops
    force, base = _force(option), _force(chosen)
    return (
        f"{force - base:+,} troops against A: up to {force - low:,} troops can fall away "
        f"before the force leaves the band (A: {base - low:,})."
    )


def twin_where(twin: FairerTwin) -> str:
    """Where the brief shows the fairer plan of least cost: 'plan 1 in Annex B, What fairness
    costs'."""
    return f"plan {twin.number} in Annex B, What fairness costs"


def twin_cell(twin: FairerTwin) -> str:
    """The least-cost option's 'Off fair share' cell, after its own figure."""
    return f"; {twin.phrase()} ({twin_where(twin)})"


def twin_finding(option: Option, twin: FairerTwin) -> str:
    """The key finding: the least-cost plan shown is not the fairest of the cheapest (or, when
    its search stopped short of the least cost, not the cheapest either)."""
    letter = option.title.split(".")[0]
    figures = (
        f"({twin.off_fair_share:,.0f} against {twin.off_fair_share + twin.nearer:,.0f} troops "
        f"off fair share, {twin_where(twin)})"
    )
    if twin.same_cost:
        return (
            f"Option {letter} is one of several plans of least cost: {twin.phrase()} "
            f"{figures}, a fairer plan at no extra cost."
        )
    return f"Option {letter} is not the cheapest plan: {twin.phrase()} {figures}."


def twin_advice(twin: FairerTwin) -> str:
    """The recommendation's sentence when option A is least cost and a fairer twin exists."""
    if twin.same_cost:
        return (
            f" Of the plans of least cost, take the one nearest fair share ({twin_where(twin)}): "
            f"{twin.nearer:,.0f} troops nearer fair share at no extra cost."
        )
    return (
        f" Take the cheaper and fairer plan instead ({twin_where(twin)}): "
        f"{cost(twin.cheaper)} troop-equivalents less and {twin.nearer:,.0f} troops nearer fair "
        "share."
    )


def recommendation(
    facts: Facts, robust: Robustness, chosen: Option, twin: FairerTwin | None = None
) -> str:
    """What to do, with the conditions the analyses found; `twin`: a fairer plan of option
    A's cost that the Pareto analysis found (said after the conditions)."""
    if not_known(facts):
        return (
            "Do not commit to a force yet: make the brief again with more time, so that the "
            "search can find a plan or show that none exists."
        )
    if not facts.has_plan:
        return (
            "Do not commit to a force yet: no plan meets every rule. Seek the contributions "
            "named under 'What cannot be met' (Annex A) before the decision is taken again."
        )
    aim = objective_named(facts.result.objective).label
    text = f"Adopt option A, the plan of {aim}, as the planning basis"
    conditions = []
    if robust.backstop_needed:
        support = (
            SUPPORT
            if robust.backstop_needed == [SUPPORT]
            else f"its {' and '.join(robust.backstop_needed)}"
        )
        conditions.append(f"{robust.backstop_names} confirming {support}")
    if robust.breaking:
        conditions.append(
            f"firm commitments from {either(robust.breaking).replace(' or ', ' and ')}"
        )
    if conditions:
        text += ", conditional on " + " and on ".join(conditions)
    text += "."
    if twin is not None:
        text += twin_advice(twin)
    if robust.odds is not None and robust.odds < LIKELY:
        text += (
            f" Treat the force as unlikely until more nations commit: a force exists in "
            f"{percent(robust.odds)} of draws of who takes part."
        )
    if robust.not_run and robust.timed_out:
        text += (
            " Make the brief again with more time before committing: the tests of how robust "
            "the plan is did not finish within its time limit."
        )
    elif robust.not_run:
        text += " Commission the full brief, which tests how robust the plan is, before committing."
    return text
