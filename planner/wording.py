"""Constraint names turned into a planner's words, shared by CLI, GUI and brief."""

from __future__ import annotations

from planner import names
from planner.model import Scenario


def _num(value: float) -> str:
    """12,300 for whole numbers, 12,300.5 otherwise."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def percent(value: float, places: int = 1, limit: float | None = None) -> str:
    """`value` (a share) as a percentage whose rounding never hides where it stands.

    More places are shown while rounding would cross `limit` (40.2% never reads
    40% under a 40% cap, 39.96% never 40.0%) or reach 0% or 100% from inside.
    """
    text = f"{value:.{places}%}"
    for shown_places in range(places, 7):
        text = f"{value:.{shown_places}%}"
        shown = round(value * 100, shown_places) / 100
        crosses = limit is not None and (
            (value > limit) != (shown > limit) or (value < limit) != (shown < limit)
        )
        ends = (value > 0 and shown <= 0) or (value < 1 and shown >= 1)
        if not (crosses or ends):
            break
    return text


def limit_percent(share: float) -> str:
    """A stated limit as a percentage with as many places as it has: 40%, 40.5%, 33.33%."""
    for places in range(7):
        if abs(round(share * 100, places) - share * 100) < 1e-9:
            return f"{share:.{places}%}"
    return f"{share:.6%}"


def _nation(scenario: Scenario, code: str) -> str:
    try:
        return scenario.nation(code).name
    except KeyError:
        return code


def _unit(scenario: Scenario, unit_id: str, count: float | None = None) -> str:
    try:
        label = scenario.unit(unit_id).name
    except KeyError:
        label = unit_id
    return label if count is None else f"{_num(count)} x {label}"


def describe_rule(scenario: Scenario, constraint: str) -> str:
    """A short phrase for one soft constraint: 'at least 16 x Mechanised infantry battalion'."""
    family, *rest = names.parts(constraint)
    if constraint == names.TARGET_MIN:
        return f"a force of at least {_num(scenario.target.min_troops)} troops"
    if constraint == names.TARGET_MAX:
        return f"a force of at most {_num(scenario.target.max_troops)} troops"
    if family == "requirement":
        req = scenario.requirements[rest[0]]
        bound = req.min if rest[1] == "min" else req.max
        word = "at least" if rest[1] == "min" else "at most"
        return f"{word} {_unit(scenario, rest[0], bound)}"
    if family == "share":
        return (
            f"{_nation(scenario, rest[0])} carrying at most "
            f"{limit_percent(scenario.rules.max_share)} of the force"
        )
    if constraint == names.MIN_NATIONS:
        return f"at least {scenario.rules.min_nations} nations taking part"
    if family == "lock":
        count = next(
            lk.count for lk in scenario.locks if lk.nation == rest[0] and lk.unit_type == rest[1]
        )
        return f"the lock of {_unit(scenario, rest[1], count)} from {_nation(scenario, rest[0])}"
    if family == "nation":
        return f"{_nation(scenario, rest[0])}'s own floor, ceiling and offers"
    return constraint


def unmet_sentence(
    scenario: Scenario, constraint: str, required: float, best: float, gap: float
) -> str:
    """Why one soft constraint cannot hold even alone, and by how much."""
    family, *rest = names.parts(constraint)
    if constraint == names.TARGET_MIN:
        return (
            f"Target of {_num(required)} troops cannot be reached: at most {_num(best)} "
            f"are on offer, {_num(gap)} short."
        )
    if constraint == names.TARGET_MAX:
        return (
            f"The force cannot stay within {_num(required)} troops: commitments and floors "
            f"already bring at least {_num(best)}, {_num(gap)} over."
        )
    if family == "requirement" and rest[1] == "min":
        return (
            f"{_unit(scenario, rest[0])}: {_num(required)} needed, at most {_num(best)} "
            f"on offer, {_num(gap)} short."
        )
    if family == "requirement":
        return (
            f"{_unit(scenario, rest[0])}: at most {_num(required)} wanted, but "
            f"commitments bring at least {_num(best)}, {_num(gap)} over."
        )
    if family == "share":
        return (
            f"{_nation(scenario, rest[0])} cannot be kept within "
            f"{limit_percent(scenario.rules.max_share)} of the force: at best it carries "
            f"{_num(best)} troops above that share."
        )
    if constraint == names.MIN_NATIONS:
        return (
            f"At least {_num(required)} nations are needed, but at most {_num(best)} "
            f"can take part, {_num(gap)} short."
        )
    if family == "lock":
        return (
            f"The lock of {_unit(scenario, rest[1], required)} from "
            f"{_nation(scenario, rest[0])} cannot hold: the nearest count its statements "
            f"allow is {_num(best)}."
        )
    return f"{constraint}: {_num(required)} required, best reachable {_num(best)}."


def conflict_sentence(scenario: Scenario, conflict: list[str]) -> str:
    """The minimal conflicting set as one sentence."""
    rules = "; ".join(describe_rule(scenario, name) for name in conflict)
    return (
        f"These {len(conflict)} rules cannot all hold together, though dropping any one "
        f"of them lets the rest hold: {rules}."
    )
