"""What the closest plan breaks, in the same figures as the brief's tables.

"What cannot be met" (the result's explanation) says how far each rule is
out of reach *at best*: "armour: 3 needed, at most 2 on offer, 1 short".
The closest plan shown may fall further short on that rule, and break
others that could hold alone, because it is the plan that breaks the rules
least in total. So the bottom line also lists every rule the plan shown
breaks, with its own counts, as the coverage and contribution pages do.
"""

from __future__ import annotations

from planner.brief.facts import Facts
from planner.rules import names, violations
from planner.scenario.words import limit_percent, percent

INCOMPLETE = "The explanation is incomplete"  # planner.solve's note when a limit stopped it
CLOSEST_NOTE = "The plan shown is the closest one"  # planner.solve's note on the closest plan
HOW_CLOSEST = (
    "a troop short or over counts 1, a unit short or over its personnel, a missing "
    "nation 1,000; among the plans that break the rules least, the best for the plan's aim"
)


def broken_rules(facts: Facts) -> list[str]:
    """One sentence per soft rule the plan shown breaks, with its figures."""
    scenario = facts.scenario
    found = [v for v in violations(scenario, facts.result.allocation) if not v.hard]
    if scenario.periods.count > 1 or len(scenario.areas) > 1:  # the family's words name both
        return [v.message[:1].upper() + v.message[1:] + "." for v in found]
    return [_sentence(facts, v.constraint) for v in found]


def cannot_be_met(facts: Facts) -> list[str]:
    """The result's explanation without its note on the closest plan, which this replaces."""
    return [s for s in facts.result.explanation() if not s.startswith(CLOSEST_NOTE)]


def closest_points(facts: Facts) -> list[str]:
    """What the closest plan breaks, then why it holds fewer troops than on offer."""
    if not facts.result.allocation or facts.has_plan:
        return []
    note = total_note(facts)
    return broken_rules(facts) + ([note] if note else [])


CLOSEST_HEADING = "What the closest plan breaks (it keeps every nation's own statements)"


def total_note(facts: Facts) -> str | None:
    """Why the closest plan holds fewer troops than are on offer, when it does."""
    reach = next(
        (u.best_reachable for u in facts.result.unmet if u.constraint == names.TARGET_MIN), None
    )
    if reach is None or facts.total >= reach:
        return None
    lead = f"The closest plan holds {facts.total:,} troops although {reach:,.0f} are on offer"
    if any(note.startswith(INCOMPLETE) for note in facts.result.notes):
        return f"{lead}: it is the least-breaking plan found before the search was stopped."
    return (
        f"{lead}: it is the plan that breaks the rules least in total ({HOW_CLOSEST}), "
        f"and every plan sending all {reach:,.0f} breaks them at least as much."
    )


def _sentence(facts: Facts, constraint: str) -> str:
    scenario, plan, total = facts.scenario, facts.plan, facts.total
    family, *rest = names.parts(constraint)
    target = scenario.target
    if constraint == names.TARGET_MIN:
        return (
            f"Troops on the ground: {total:,}, {target.min_troops - total:,} short of the "
            f"{target.min_troops:,} the band needs."
        )
    if constraint == names.TARGET_MAX:
        return (
            f"Troops on the ground: {total:,}, {total - target.max_troops:,} over the band's "
            f"{target.max_troops:,}."
        )
    if family == "requirement":
        unit, req = scenario.unit(rest[0]), scenario.requirements[rest[0]]
        count = plan.unit_counts[unit.id]
        if rest[1] == "min":
            short = req.min - count
            return f"{unit.name}: {count} in the plan, {req.min} needed, short by {short}."
        return (
            f"{unit.name}: {count} in the plan, at most {req.max} wanted, "
            f"over by {count - (req.max or 0)}."
        )
    if family == "share":
        cap, troops = scenario.rules.max_share, plan.troops[rest[0]]
        share = troops / total if total else 0.0
        return (
            f"{scenario.nation(rest[0]).name} carries {percent(share, 1, cap)} of the force "
            f"({troops:,} of {total:,} troops), above the {limit_percent(cap)} cap."
        )
    if constraint == names.MIN_NATIONS:
        return (
            f"{plan.nations_taking_part} nations take part, {scenario.rules.min_nations} required."
        )
    if family == "lock":
        lock = next(lk for lk in scenario.locks if (lk.nation, lk.unit_type) == tuple(rest))
        count = facts.count(lock.nation, lock.unit_type)
        return (
            f"{scenario.unit(lock.unit_type).name} from {scenario.nation(lock.nation).name}: "
            f"{count} in the plan, locked at {lock.count}."
        )
    return f"{constraint} is broken."
