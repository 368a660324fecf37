"""Planner words for the things a scenario names: numbers, nations, units, areas, periods.

Sentences in the command line, the GUI and the brief all come through here,
so "Mechanised infantry battalion" and "2027-Q1" read the same everywhere
and no id reaches a person where a name exists.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from planner.scenario.model import Scenario


def number(value: float) -> str:
    """12,300 for whole numbers, 12,300.5 otherwise."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


COST_NOISE = 1e-9
"""How far (relative to the cost) a float sum may sit from the multiple of 0.5 it stands for."""


def cost(value: float) -> str:
    """A cost (troop-equivalents) as people read it: the one rule for costs everywhere.

    A multiple of 0.5 is shown exactly as it is: ``29,880`` or ``29,880.5`` (what
    ``solve --json`` says). Any other cost is rounded half up (away from zero) to one
    decimal, and that decimal is always shown: ``1,234.3``, ``1,234.0``; so a whole
    figure always means an exact one. Float noise of a sum (``172.49999999999997``) is
    read as the multiple of 0.5 it stands for.
    """
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    halves = round(value * 2)
    if abs(value * 2 - halves) <= COST_NOISE * max(1.0, abs(value)):
        return f"{halves // 2:,}" if halves % 2 == 0 else f"{halves / 2:,.1f}"
    shown = Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{abs(shown) if shown == 0 else shown:,.1f}"


def cost_change(value: float) -> str:
    """A difference of costs by :func:`cost`'s rule, signed: ``+200.5``, ``-1,250``, ``+0``."""
    text = cost(abs(value))
    return ("-" if value < 0 and text.strip("0.,") else "+") + text


THE = ("United ", "Netherlands", "Czech Republic", "Philippines", "Baltic")
"""Names read with 'the' in running prose: 'the United Kingdom', 'the Netherlands'."""


def the(name: str) -> str:
    """'the United States', 'France': a nation's name as it reads inside a sentence."""
    return f"the {name}" if name.startswith(THE) else name


def nation_name(scenario: Scenario, code: str) -> str:
    try:
        return scenario.nation(code).name
    except KeyError:
        return code


def unit_name(scenario: Scenario, unit_id: str) -> str:
    try:
        return scenario.unit(unit_id).name
    except KeyError:
        return unit_id


def plural(name: str, count: float) -> str:
    """'Infantry battalions' for several; names already plural or with a bracket kept."""
    if count == 1 or name.endswith(("s", ")")) or not name[-1:].isalpha():
        return name
    return name + "s"


def units(scenario: Scenario, unit_id: str, count: float) -> str:
    """'3 x Mechanised infantry battalion'."""
    return f"{number(count)} x {unit_name(scenario, unit_id)}"


def area_name(scenario: Scenario, area_id: str | None) -> str:
    if area_id is None:
        return "stand-off"
    try:
        return scenario.area(area_id).name
    except KeyError:
        return area_id


_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_NUMBER = re.compile(r"\d{1,6}")


def period_label(scenario: Scenario, period: int) -> str:
    """How a person names period `period` (1-based): counts on from `periods.first`.

    ``2026-Q3`` counts in quarters, ``2027-01`` in months, a number in ones;
    any other first label reads "<label> <t>" (spec: labels are for display).
    """
    periods = scenario.periods
    first, step = periods.first, period - 1
    if m := _QUARTER.fullmatch(first):
        quarters = int(m[1]) * 4 + int(m[2]) - 1 + step
        return f"{quarters // 4}-Q{quarters % 4 + 1}"
    if (m := _MONTH.fullmatch(first)) and 1 <= int(m[2]) <= 12:
        months = int(m[1]) * 12 + int(m[2]) - 1 + step
        return f"{months // 12}-{months % 12 + 1:02d}"
    if _NUMBER.fullmatch(first):
        return f"{periods.label} {int(first) + step}"
    return f"{periods.label} {period}" if step or not first else first


def periods_span(scenario: Scenario, periods: list[int]) -> str:
    """'2027-Q1 to 2028-Q2', '2027-Q1', or '2027-Q1, 2027-Q3 and 2028-Q1' for gaps."""
    ordered = sorted(set(periods))
    if not ordered:
        return ""
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{period_label(scenario, ordered[0])} to {period_label(scenario, ordered[-1])}"
    labels = [period_label(scenario, t) for t in ordered]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def in_period(scenario: Scenario, period: int | None) -> str:
    """' in 2027-Q1' for a per-period rule of a scenario with several periods, else ''."""
    if period is None or not scenario.periods.several:
        return ""
    return f" in {period_label(scenario, period)}"


def percent(value: float, places: int = 1, limit: float | None = None) -> str:
    """`value` (a share) as a percentage whose rounding never hides where it stands.

    More places are shown while rounding would cross `limit` (40.2% never reads
    40% under a 40% cap, 39.96% never 40.0%) or reach 0% or 100% from inside.
    Halves round up, as a reader checking the sum by hand does: 3,250 of 10,000 is 33%, as
    1,750 of 10,000 is 18% (Python's own rounding gave 32% and 18%).
    """
    text = _half_up(value, places)[0]
    for shown_places in range(places, 7):
        text, shown = _half_up(value, shown_places)
        crosses = limit is not None and (
            (value > limit) != (shown > limit) or (value < limit) != (shown < limit)
        )
        ends = (value > 0 and shown <= 0) or (value < 1 and shown >= 1)
        if not (crosses or ends):
            break
    return text


def _half_up(value: float, places: int) -> tuple[str, float]:
    """`value` as a percentage with `places` decimals, halves away from zero (on the
    shortest decimal that reads back as `value`), and the share that text stands for."""
    if not math.isfinite(value):
        return f"{value:.{places}%}", value
    shown = (Decimal(repr(value)) * 100).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{shown:.{places}f}%", float(shown) / 100


def limit_percent(share: float) -> str:
    """A stated limit as a percentage with as many places as it has: 40%, 40.5%, 33.33%."""
    for places in range(7):
        if abs(round(share * 100, places) - share * 100) < 1e-9:
            return f"{share:.{places}%}"
    return f"{share:.6%}"


FIELD_WORDS = {  # a field id followed by its figure, as validation quotes it, in planner words
    "target.min_troops": "the target's minimum",
    "target.max_troops": "the target's maximum",
    "min_troops": "the floor",
    "max_troops": "the ceiling",
    "max": "the maximum",
    "min": "the minimum",
}
_FIELD_FIGURE = re.compile(
    r"\b(" + "|".join(re.escape(f) for f in FIELD_WORDS) + r") (-?\d+(?:\.\d+)?)\b"
)


def field_words(problem: str) -> str:
    """'99999 is above max_troops 10000' as a person reads it: 'above the ceiling of 10,000'.

    Files' messages keep the JSON path (a file is fixed there); the window's
    status line names the field as its column or form does.
    """
    return _FIELD_FIGURE.sub(lambda m: f"{FIELD_WORDS[m[1]]} of {number(float(m[2]))}", problem)


def id_words(scenario: Scenario, problem: str) -> str:
    """`problem` with the scenario's unit-type and area ids (and "FR's") written as names.

    "5 is above FR's offer of 2 armd_bn" becomes "... France's offer of 2 Armoured
    (tank) battalion": the window's status line speaks as its tables do; files'
    messages keep the ids, and JSON paths inside a message are left alone.
    """
    names = {u.id: u.name for u in scenario.unit_types}
    names.update({a.id: a.name for a in scenario.areas if a.id not in names})
    if not names:
        return problem
    pattern = re.compile(
        r"(?<![\w.\[])("
        + "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
        + r")(?![\w\]])"
    )
    named = pattern.sub(lambda m: names[m[1]], problem)
    codes = "|".join(re.escape(n.code) for n in scenario.nations)
    if not codes:
        return named
    nations = {n.code: n.name for n in scenario.nations}
    return re.sub(rf"\b({codes})'s\b", lambda m: f"{nations[m[1]]}'s", named)  # "FR's offer"
