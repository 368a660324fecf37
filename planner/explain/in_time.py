"""Explanations over a horizon: one sentence per rule and run of periods, and why in time.

A scenario of eight quarters that falls 3,600 troops short in six of them
should read "3,600 short in 2027-Q1 to 2028-Q2", not six sentences; and when
the offers would reach the target in any one period but rotation cannot keep
them there, say so: "with one quarter deployed and two resting, France can
keep at most 2 of its 8 Mechanised infantry battalions deployed at once".
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.explain.hard_check import Unmet
from planner.explain.wording import describe_rule
from planner.rules import Violation
from planner.rules.names import at, split
from planner.rules.statements import most_troops
from planner.scenario.model import Scenario
from planner.scenario.words import number, period_label, periods_span, plural, unit_name

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight")


def _runs(periods: list[int]) -> list[list[int]]:
    """Consecutive runs: [1, 2, 3, 6] -> [[1, 2, 3], [6]]."""
    runs: list[list[int]] = []
    for t in sorted(periods):
        if runs and t == runs[-1][-1] + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def grouped_sentences(scenario: Scenario, unmet: Sequence[Unmet]) -> list[str]:
    """The unmet rules' sentences, one per rule and run of periods with the same figures."""
    if not scenario.periods.several:
        return [u.message for u in unmet]
    groups: dict[tuple[str, float, float, float], dict[int, Unmet]] = {}
    order: list[tuple[str, float, float, float] | Unmet] = []
    for item in unmet:
        parts, period = split(item.constraint)
        if period is None:
            order.append(item)
            continue
        key = (".".join(parts), item.required, item.best_reachable, item.gap)
        if key not in groups:
            groups[key] = {}
            order.append(key)
        groups[key][period] = item
    out: list[str] = []
    for entry in order:
        if isinstance(entry, Unmet):
            out.append(entry.message)
            continue
        by_period = groups[entry]
        for run in _runs(list(by_period)):
            text = by_period[run[0]].message
            if len(run) > 1:
                once = f" in {period_label(scenario, run[0])}"
                text = text.replace(once, f" in {periods_span(scenario, run)}", 1)
            out.append(text)
        if entry[0] == "target.min_troops":
            clause = rotation_clause(scenario, entry[1])
            if clause:
                out.append(clause)
    return out


def rotation_clause(scenario: Scenario, required: float) -> str | None:
    """Why a target that one period's offers reach cannot be kept: rotation, nation by nation.

    None when rotation is not what limits it (the offers fall short even in one period).
    """
    in_target = {a.id for a in scenario.areas if a.in_target}
    reach = sum(
        most_troops(scenario, n)
        for n in scenario.nations
        if n.status != "declined" and in_target & set(scenario.areas_of(n))
    )
    if reach < required:
        return None
    limited = []
    for nation in scenario.nations:
        r = scenario.rotation_of(nation)
        if nation.status == "declined" or r <= 1:
            continue
        for unit in scenario.unit_types:
            k = nation.offer(unit.id)
            if unit.deployed and k >= 2 and k // r < k:
                lost = (k - k // r) * unit.personnel
                limited.append((lost, nation.name, unit.id, k, k // r, r))
    if not limited:
        return None
    limited.sort(key=lambda item: -item[0])
    label = scenario.periods.label
    parts = []
    for _, who, uid, k, kept, r in limited[:3]:
        resting = NUMBER_WORDS[r - 1] if r - 1 < len(NUMBER_WORDS) else number(r - 1)
        what = f"{k} {plural(unit_name(scenario, uid), k)}"
        keeps = (
            f"can keep at most {kept} of its {what} deployed at once"
            if kept
            else f"cannot keep any of its {what} deployed in every {label}"
        )
        parts.append(f"with one {label} deployed and {resting} resting, {who} {keeps}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def closest_note(scenario: Scenario, broken: Sequence[Violation]) -> str:
    """What the closest plan breaks, each rule once with the periods it breaks in."""
    periods: dict[str, list[int]] = {}
    for violation in broken:
        parts, period = split(violation.constraint)
        base = ".".join(parts)
        periods.setdefault(base, [])
        if period is not None:
            periods[base].append(period)
    items = []
    for base, when in periods.items():
        phrase = describe_rule(scenario, at(base, when[0]) if when else base)
        if when:
            phrase = phrase.replace(f" in {period_label(scenario, when[0])}", "")
            phrase += f" ({periods_span(scenario, when)})"
        items.append(phrase)
    listed = "; ".join(items)
    return (
        "The plan shown is the closest one: it keeps every nation's own statements but "
        f"breaks {len(items)} rule{'s' if len(items) != 1 else ''}: {listed}."
    )
