"""The numbers a brief states, computed once from a scenario and a result.

Every figure comes from :mod:`planner.scenario.evaluate` (the spec's formulas), so the
brief, the GUI and the command line print the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from planner.result.document import PlanResult
from planner.scenario.evaluate import PlanEvaluation, fair_shares
from planner.scenario.model import Nation, Scenario, UnitType
from planner.scenario.plan import peak_units
from planner.scenario.words import limit_percent, percent

HEADLINE = {
    "optimal": "A force inside the target band exists.",
    "feasible": (
        "A force inside the target band exists; the time limit stopped the search "
        "before the best such force was proven."
    ),
    "infeasible": "No force meets every rule. The closest plan is shown, marked NOT FEASIBLE.",
    "invalid": "No force can be formed: some nations' own statements clash.",
    "unknown": "No plan was found before the time limit.",
    "cancelled": "The solve was cancelled before a plan was found.",
}
SOLVER_WORDS = {"highs": "HiGHS (in process)", "cbc": "CBC (via PuLP)"}


@dataclass(frozen=True)
class NationRow:
    """One nation in the plan: what it sends and how that compares with its fair share."""

    nation: Nation
    troops: int
    participating: bool
    share: float
    fair: float
    ground_units: int
    standoff_units: int
    outside: int = 0
    """Ground troops in areas outside the target (not counted in the band or the share)."""


@dataclass(frozen=True)
class Facts:
    """Everything the sections print, from one scenario and one result.

    Troops by nation are those of one period, `period`: over several periods
    the full period with the fewest troops in the target (the force the
    operation can count on, spec section 10), so that shares add up.
    """

    scenario: Scenario
    result: PlanResult
    plan: PlanEvaluation
    rows: tuple[NationRow, ...]
    period: int = 1

    @property
    def total(self) -> int:
        return self.plan.total_at[self.period - 1]

    @property
    def taking_part(self) -> tuple[NationRow, ...]:
        return tuple(r for r in self.rows if r.participating)

    @property
    def sending_troops(self) -> tuple[NationRow, ...]:
        """Nations with troops on the ground (the ones the band counts)."""
        return tuple(r for r in self.rows if r.troops)

    @property
    def standoff_only(self) -> tuple[NationRow, ...]:
        """Nations taking part with stand-off support only (no troops on the ground)."""
        return tuple(r for r in self.taking_part if not r.troops and not r.outside)

    @property
    def outside_only(self) -> tuple[NationRow, ...]:
        """Nations taking part whose ground troops all stand outside the target's areas."""
        return tuple(r for r in self.taking_part if not r.troops and r.outside)

    @property
    def backstop_out(self) -> bool:
        """Every backstop nation is declined: the plan is already without it (no analysis
        needed to say so; :attr:`BackstopAnalysis.already_out` says the same of its own)."""
        status = {n.code: n.status for n in self.scenario.nations}
        codes = self.backstop_codes
        return bool(codes) and all(status.get(code) == "declined" for code in codes)

    @property
    def backstop_codes(self) -> tuple[str, ...]:
        """The scenario's backstop nations, else those offering stand-off units only."""
        if self.scenario.backstop is not None:
            return self.scenario.backstop.nations
        deployed = {u.id for u in self.ground}
        return tuple(
            n.code
            for n in self.scenario.nations
            if any(n.offers.values()) and not any(n.offer(u) for u in deployed)
        )

    @property
    def cap(self) -> float:
        return self.scenario.rules.max_share

    @property
    def ground(self) -> tuple[UnitType, ...]:
        return tuple(u for u in self.scenario.unit_types if u.deployed)

    @property
    def standoff(self) -> tuple[UnitType, ...]:
        return tuple(u for u in self.scenario.unit_types if not u.deployed)

    @property
    def has_plan(self) -> bool:
        return self.result.has_plan

    def count(self, code: str, unit_id: str) -> int:
        return self.units.get((code, unit_id), 0)

    @cached_property
    def units(self) -> dict[tuple[str, str], int]:
        """Units per nation and type at the busiest period (summed over areas)."""
        return peak_units(self.result.allocation)


def gather(scenario: Scenario, result: PlanResult) -> Facts:
    """Facts of `result` for `scenario`; nations ordered by troops, then stand-off units."""
    plan = result.evaluation
    phi = fair_shares(scenario)
    period = plan.least_period
    total = plan.total_at[period - 1]
    deployed = {u.id: u.deployed for u in scenario.unit_types}
    peaks = peak_units(result.allocation)
    rows = []
    for nation in scenario.nations:
        units = {uid: k for (code, uid), k in peaks.items() if code == nation.code}
        inside = plan.in_target_at[nation.code][period - 1]
        rows.append(
            NationRow(
                nation=nation,
                troops=inside,
                outside=plan.troops_at[nation.code][period - 1] - inside,
                participating=plan.participating[nation.code],
                share=inside / total if total else 0.0,
                fair=phi[nation.code],
                ground_units=sum(k for uid, k in units.items() if deployed[uid]),
                standoff_units=sum(k for uid, k in units.items() if not deployed[uid]),
            )
        )
    order = {n.code: i for i, n in enumerate(scenario.nations)}
    rows.sort(key=lambda r: (-r.troops, -r.standoff_units, order[r.nation.code]))
    return Facts(scenario, result, plan, tuple(rows), period)


def nation_label(nation: Nation) -> str:
    """'France (FR)', or just the code when the name is the code."""
    return nation.code if nation.name == nation.code else f"{nation.name} ({nation.code})"


def band_text(scenario: Scenario) -> str:
    """The target band as '25,000 – 30,000'."""
    return f"{scenario.target.min_troops:,} – {scenario.target.max_troops:,}"


def required_text(low: int, high: int | None) -> str:
    """A requirement as '12 – 20', 'at least 12' or 'none'."""
    if high is None:
        return f"at least {low}" if low else "none"
    return f"{low} – {high}" if low != high else str(low)


def verdict(count: int, low: int, high: int | None) -> str:
    """'met', 'short by 2', 'over by 1' for one requirement."""
    if count < low:
        return f"short by {low - count}"
    if high is not None and count > high:
        return f"over by {count - high}"
    return "met" if low or high is not None else "-"


def nations_phrase(facts: Facts) -> str:
    """'from 13 nations, with troops only outside the target area from 2 more (Poland,
    Romania) and stand-off support only from 1 more (United States)'."""
    text = f"from {len(facts.sending_troops)} nation{'' if len(facts.sending_troops) == 1 else 's'}"
    more = [
        f"{what} from {len(rows)} more ({', '.join(r.nation.name for r in rows)})"
        for what, rows in (
            ("troops only outside the target area", facts.outside_only),
            ("stand-off support only", facts.standoff_only),
        )
        if rows
    ]
    if more:
        text += ", with " + " and ".join(more)
    return text


def risks(facts: Facts) -> list[str]:
    """What makes the plan fragile, read off the plan itself (no extra solves)."""
    scenario, found = facts.scenario, []
    uncommitted = [r for r in facts.taking_part if r.nation.status != "committed" and r.troops]
    if uncommitted and facts.total:
        troops = sum(r.troops for r in uncommitted)
        found.append(
            f"{troops:,} of the {facts.total:,} troops ({percent(troops / facts.total, 0)}) come "
            f"from {len(uncommitted)} nations that have not committed (status likely or possible)."
        )
    cap = facts.cap
    near = [r for r in facts.taking_part if cap < 1 and r.share >= cap - 0.005]
    for row in near:
        where = (
            f"at the {limit_percent(cap)} cap"
            if row.share >= cap
            else f"just under the {limit_percent(cap)} cap"
        )
        found.append(
            f"{row.nation.name} carries {percent(row.share, 1, cap)} of the force, {where}: "
            "any growth must come from other nations."
        )
    if scenario.rules.min_nations and len(facts.taking_part) == scenario.rules.min_nations:
        found.append(
            f"Exactly {scenario.rules.min_nations} nations take part, the fewest allowed: "
            "the withdrawal of any one breaks that rule."
        )
    if facts.total == scenario.target.min_troops:
        found.append(
            f"The force sits at the bottom of the band: any cut takes it below "
            f"{scenario.target.min_troops:,} troops."
        )
    tight = [
        scenario.unit(uid).name
        for uid, req in scenario.requirements.items()
        if req.min and facts.plan.unit_counts[uid] == req.min
    ]
    if tight:
        kinds = f"{len(tight)} unit type{'s are' if len(tight) > 1 else ' is'}"
        found.append(f"{kinds} met only at the minimum: {', '.join(tight)}.")
    return found
