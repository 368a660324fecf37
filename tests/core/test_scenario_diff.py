"""Scenario diffs in planner words, and two plans compared (planner.scenario.diff, result_compare).

Sentences are checked one field at a time on hand edits of the default
scenario; a hypothesis property checks that the diff is empty exactly when
the saved files are equal; plan comparisons are checked against
planner.scenario.evaluate on two real solves.
"""

from __future__ import annotations

import dataclasses as dc
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.result.compare import (
    CompareSide,
    ceiling_rows,
    compare_plans,
    offer_rows,
    plan_from_allocation,
    plan_from_result,
)
from planner.scenario.diff import Change, diff_scenarios, summarise
from planner.scenario.evaluate import evaluate
from planner.scenario.io import default_scenario, scenario_to_dict
from planner.scenario.model import Lock, Nation, Requirement, Rules, Scenario, Target, UnitType
from planner.scenario.plan import cell
from planner.solve import solve

BASE = default_scenario()


def with_nation(scenario: Scenario, code: str, **changes: object) -> Scenario:
    nations = tuple(dc.replace(n, **changes) if n.code == code else n for n in scenario.nations)
    return dc.replace(scenario, nations=nations)


def with_unit(scenario: Scenario, uid: str, **changes: object) -> Scenario:
    units = tuple(dc.replace(u, **changes) if u.id == uid else u for u in scenario.unit_types)
    return dc.replace(scenario, unit_types=units)


def texts(before: Scenario, after: Scenario) -> list[str]:
    return [c.text for c in diff_scenarios(before, after)]


FR = BASE.nation("FR")
LOCKED = dc.replace(BASE, locks=(Lock("FR", "mech_inf_bn", 6), Lock("UK", "armd_bn", 1)))
NEW_UNIT = UnitType("recce_bn", "Reconnaissance battalion", 500, "manoeuvre", True)

CASES: list[tuple[str, Scenario, Scenario, list[str]]] = [
    ("name", BASE, dc.replace(BASE, name="Plan B"), [f'name "{BASE.name}" -> "Plan B"']),
    ("description", BASE, dc.replace(BASE, description="short"), ["description changed"]),
    ("description added", dc.replace(BASE, description=""), BASE, ["description added"]),
    (
        "target",
        BASE,
        dc.replace(BASE, target=Target(24000, 30000)),
        ["target 25,000-30,000 -> 24,000-30,000 troops"],
    ),
    ("max share", BASE, dc.replace(BASE, rules=Rules(0.35, 8)), ["max share 40% -> 35%"]),
    ("odd share", BASE, dc.replace(BASE, rules=Rules(0.375, 8)), ["max share 40% -> 37.5%"]),
    ("min nations", BASE, dc.replace(BASE, rules=Rules(0.4, 6)), ["min nations 8 -> 6"]),
    (
        "objective",
        BASE,
        dc.replace(BASE, objective="fair_share"),
        ["objective min_cost -> fair_share"],
    ),
    (
        "unit added",
        BASE,
        dc.replace(BASE, unit_types=(*BASE.unit_types, NEW_UNIT)),
        ["unit type recce_bn added (Reconnaissance battalion, 500 personnel, manoeuvre, deployed)"],
    ),
    (
        "unit removed with its offers",
        BASE,
        dc.replace(
            BASE,
            unit_types=BASE.unit_types[:-1],
            nations=tuple(
                dc.replace(n, offers={u: k for u, k in n.offers.items() if u != "aar_det"})
                for n in BASE.nations
            ),
        ),
        ["unit type aar_det removed"],
    ),
    (
        "unit name",
        BASE,
        with_unit(BASE, "armd_bn", name="Tank battalion"),
        [f'armd_bn name "{BASE.unit("armd_bn").name}" -> "Tank battalion"'],
    ),
    (
        "personnel",
        BASE,
        with_unit(BASE, "mech_inf_bn", personnel=650),
        [f"mech_inf_bn personnel {BASE.unit('mech_inf_bn').personnel:,} -> 650"],
    ),
    (
        "category",
        BASE,
        with_unit(BASE, "mech_inf_bn", category=""),
        [f"mech_inf_bn category {BASE.unit('mech_inf_bn').category} -> (none)"],
    ),
    (
        "deployed",
        BASE,
        with_unit(BASE, "uav_sqn", deployed=True),
        ["uav_sqn stand-off -> deployed"],
    ),
    (
        "unit order",
        BASE,
        dc.replace(BASE, unit_types=BASE.unit_types[::-1]),
        ["unit type order changed"],
    ),
    (
        "nation added",
        BASE,
        dc.replace(BASE, nations=(*BASE.nations, Nation("GR", "Greece", 0, "declined"))),
        ["nation GR added (declined, ceiling 0)"],
    ),
    (
        "nation added with floor",
        BASE,
        dc.replace(BASE, nations=(*BASE.nations, Nation("GR", "Greece", 2500, "likely", 500))),
        ["nation GR added (likely, floor 500, ceiling 2,500)"],
    ),
    (
        "nation removed",
        BASE,
        dc.replace(BASE, nations=tuple(n for n in BASE.nations if n.code != "PL")),
        ["nation PL removed"],
    ),
    (
        "nation order",
        BASE,
        dc.replace(BASE, nations=(BASE.nations[1], BASE.nations[0], *BASE.nations[2:])),
        ["nation order changed"],
    ),
    ("nation name", BASE, with_nation(BASE, "FR", name="Fr"), ['FR name "France" -> "Fr"']),
    ("status", BASE, with_nation(BASE, "DE", status="likely"), ["DE status possible -> likely"]),
    ("floor", BASE, with_nation(BASE, "FR", min_troops=2000), ["FR floor 0 -> 2,000"]),
    (
        "ceiling",
        with_nation(BASE, "FR", max_troops=8000),
        BASE,
        ["FR ceiling 8,000 -> 10,000"],
    ),
    ("cost", BASE, with_nation(BASE, "FR", cost_per_troop=1.25), ["FR cost per troop 1 -> 1.25"]),
    (
        "burden",
        BASE,
        with_nation(BASE, "FR", burden_weight=3200.5),
        ["FR burden weight 3,170 -> 3,200.5"],
    ),
    (
        "offer",
        BASE,
        with_nation(BASE, "FR", offers={**FR.offers, "mech_inf_bn": 10}),
        ["FR offers mech_inf_bn 8 -> 10"],
    ),
    (
        "new offer",
        BASE,
        with_nation(BASE, "FR", offers={**FR.offers, "inf_coy": 3}),
        ["FR offers inf_coy none -> 3"],
    ),
    (
        "offer withdrawn",
        BASE,
        with_nation(BASE, "FR", offers={u: k for u, k in FR.offers.items() if u != "armd_bn"}),
        ["FR offers armd_bn 2 -> none"],
    ),
    ("notes", BASE, with_nation(BASE, "FR", notes="shorter"), ["FR notes changed"]),
    ("notes removed", BASE, with_nation(BASE, "FR", notes=""), ["FR notes removed"]),
    (
        "sources",
        BASE,
        with_nation(BASE, "FR", sources=(*FR.sources[1:], "new", "newer")),
        ["FR sources: 2 added, 1 removed"],
    ),
    (
        "sources order",
        BASE,
        with_nation(BASE, "FR", sources=FR.sources[::-1]),
        ["FR sources reordered"],
    ),
    (
        "requirement",
        BASE,
        dc.replace(BASE, requirements={**BASE.requirements, "mech_inf_bn": Requirement(14, 20)}),
        ["requirement mech_inf_bn 12-20 -> 14-20 units"],
    ),
    (
        "requirement open",
        BASE,
        dc.replace(BASE, requirements={**BASE.requirements, "mech_inf_bn": Requirement(12)}),
        ["requirement mech_inf_bn 12-20 -> at least 12 units"],
    ),
    (
        "requirement added",
        BASE,
        dc.replace(BASE, requirements={**BASE.requirements, "inf_coy": Requirement(2, 4)}),
        ["requirement inf_coy added (2-4 units)"],
    ),
    (
        "requirement removed",
        BASE,
        dc.replace(
            BASE, requirements={k: v for k, v in BASE.requirements.items() if k != "sof_tg"}
        ),
        ["requirement sof_tg removed"],
    ),
    (
        "lock removed",
        LOCKED,
        dc.replace(LOCKED, locks=LOCKED.locks[1:]),
        ["lock FR mech_inf_bn 6 removed"],
    ),
    ("lock added", BASE, dc.replace(BASE, locks=LOCKED.locks[:1]), ["lock FR mech_inf_bn 6 added"]),
    (
        "lock count",
        LOCKED,
        dc.replace(LOCKED, locks=(Lock("FR", "mech_inf_bn", 4), LOCKED.locks[1])),
        ["lock FR mech_inf_bn 6 -> 4"],
    ),
    ("lock order", LOCKED, dc.replace(LOCKED, locks=LOCKED.locks[::-1]), ["lock order changed"]),
]


@pytest.mark.parametrize(
    ("before", "after", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_field_gives_its_sentence(before, after, expected):
    assert texts(before, after) == expected
    changes = diff_scenarios(before, after)
    assert summarise(changes) == "; ".join(expected)
    assert all(isinstance(c, Change) and str(c) == c.text for c in changes)


def test_identical_scenarios_give_no_changes():
    assert diff_scenarios(BASE, default_scenario()) == []
    assert summarise([]) == "no changes"


def test_order_is_scenario_units_nations_requirements_locks():
    after = dc.replace(
        with_nation(with_nation(BASE, "UK", max_troops=9000), "DE", status="likely"),
        name="v2",
        unit_types=(*BASE.unit_types, NEW_UNIT),
        requirements={**BASE.requirements, "inf_coy": Requirement(1)},
        locks=(Lock("FR", "mech_inf_bn", 6),),
        target=Target(24000, 30000),
    )
    assert texts(BASE, after) == [
        f'name "{BASE.name}" -> "v2"',
        "target 25,000-30,000 -> 24,000-30,000 troops",
        "unit type recce_bn added (Reconnaissance battalion, 500 personnel, manoeuvre, deployed)",
        "UK ceiling 8,000 -> 9,000",
        "DE status possible -> likely",
        "requirement inf_coy added (at least 1 units)",
        "lock FR mech_inf_bn 6 added",
    ]
    kinds = [(c.section, c.kind) for c in diff_scenarios(BASE, after)]
    assert kinds[2] == ("unit_type", "added")
    assert kinds[3] == ("nation", "changed")


def test_changes_keep_raw_values():
    (change,) = diff_scenarios(with_nation(BASE, "FR", max_troops=8000), BASE)
    assert (change.section, change.subject, change.field) == ("nation", "FR", "max_troops")
    assert (change.before, change.after) == (8000, 10000)


# -- the property: no changes exactly when the saved files are equal -----------------

Edit = Callable[[Scenario], Scenario]
CODES = [n.code for n in BASE.nations]
UNITS = [u.id for u in BASE.unit_types]


def _nation_edit(draw: st.DrawFn) -> Edit:
    code = draw(st.sampled_from(CODES))
    nation = BASE.nation(code)
    field, value = draw(
        st.one_of(
            st.tuples(st.just("status"), st.sampled_from(["committed", "likely", "possible"])),
            st.tuples(st.just("min_troops"), st.sampled_from([0, 500, nation.min_troops])),
            st.tuples(st.just("max_troops"), st.sampled_from([0, 8000, nation.max_troops])),
            st.tuples(st.just("cost_per_troop"), st.sampled_from([1.0, 1.05, 2])),
            st.tuples(st.just("burden_weight"), st.sampled_from([0.0, nation.burden_weight])),
            st.tuples(st.just("notes"), st.sampled_from(["", "x", nation.notes])),
            st.tuples(
                st.just("sources"),
                st.sampled_from([(), nation.sources, nation.sources[::-1], ("a", "a")]),
            ),
            st.tuples(
                st.just("offers"),
                st.dictionaries(st.sampled_from(UNITS[:4]), st.integers(0, 3), max_size=3).map(
                    lambda extra, n=nation: {**n.offers, **extra}
                ),
            ),
        )
    )
    return lambda s: with_nation(s, code, **{field: value})


def _unit_edit(draw: st.DrawFn) -> Edit:
    uid = draw(st.sampled_from(UNITS))
    field, value = draw(
        st.one_of(
            st.tuples(st.just("personnel"), st.sampled_from([100, 700])),
            st.tuples(st.just("category"), st.sampled_from(["", "manoeuvre"])),
            st.tuples(st.just("deployed"), st.booleans()),
            st.tuples(st.just("name"), st.sampled_from(["X", BASE.unit(uid).name])),
        )
    )
    return lambda s: with_unit(s, uid, **{field: value})


def _structure_edit(draw: st.DrawFn) -> Edit:
    """Whole-scenario edits: add, remove or reorder nations, units, requirements, locks."""
    i, j = draw(st.integers(0, 16)), draw(st.integers(0, 16))
    uid = draw(st.sampled_from(UNITS))
    lock = Lock(draw(st.sampled_from(CODES[:3])), uid, draw(st.integers(0, 2)))
    req = draw(st.sampled_from([None, Requirement(0), Requirement(1, 4), Requirement(12, 20)]))
    draw_name = draw(st.sampled_from(["", BASE.name, "other"]))
    draw_share = draw(st.sampled_from([0.4, 0.35, 1.0]))
    draw_objective = draw(st.sampled_from(["min_cost", "fair_share"]))
    edits: dict[str, Edit] = {
        "swap nations": lambda s: dc.replace(s, nations=_swap(s.nations, i, j)),
        "swap units": lambda s: dc.replace(s, unit_types=_swap(s.unit_types, i, j)),
        "drop nation": lambda s: dc.replace(s, nations=s.nations[:i] + s.nations[i + 1 :]),
        "drop unit": lambda s: dc.replace(s, unit_types=s.unit_types[:i] + s.unit_types[i + 1 :]),
        "add nation": lambda s: dc.replace(s, nations=(*s.nations, Nation("ZZ", "Z", 0))),
        "add unit": lambda s: dc.replace(s, unit_types=(*s.unit_types, NEW_UNIT)),
        "set requirement": lambda s: _set_requirement(s, uid, req),
        "add lock": lambda s: _add_lock(s, lock),
        "drop lock": lambda s: dc.replace(s, locks=s.locks[1:]),
        "swap locks": lambda s: dc.replace(s, locks=s.locks[::-1]),
        "name": lambda s: dc.replace(s, name=draw_name),
        "description": lambda s: dc.replace(s, description=draw_name),
        "target": lambda s: dc.replace(s, target=Target(min(i, j) * 2000, max(i, j) * 2000)),
        "rules": lambda s: dc.replace(s, rules=Rules(draw_share, i)),
        "objective": lambda s: dc.replace(s, objective=draw_objective),
    }
    return edits[draw(st.sampled_from(sorted(edits)))]


def _swap(items: tuple, i: int, j: int) -> tuple:
    items = list(items)
    i, j = i % len(items), j % len(items)
    items[i], items[j] = items[j], items[i]
    return tuple(items)


def _set_requirement(scenario: Scenario, uid: str, req: Requirement | None) -> Scenario:
    reqs = {k: v for k, v in scenario.requirements.items() if k != uid}
    if req is not None:
        reqs[uid] = req
    return dc.replace(scenario, requirements=reqs)


def _add_lock(scenario: Scenario, lock: Lock) -> Scenario:
    kept = tuple(
        lk for lk in scenario.locks if (lk.nation, lk.unit_type) != (lock.nation, lock.unit_type)
    )
    return dc.replace(scenario, locks=(*kept, lock))


@st.composite
def edited(draw: st.DrawFn) -> Scenario:
    scenario = dc.replace(BASE, locks=LOCKED.locks)
    kinds = [_nation_edit, _unit_edit, _structure_edit]
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(kinds))
        scenario = kind(draw)(scenario)
    return scenario


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited(), edited())
def test_no_changes_exactly_when_the_files_are_equal(a, b):
    same = scenario_to_dict(a) == scenario_to_dict(b)
    assert (diff_scenarios(a, b) == []) == same
    assert (diff_scenarios(b, a) == []) == same
    assert all(c.text for c in diff_scenarios(a, b))


@settings(max_examples=80, deadline=None)
@given(edited())
def test_an_edit_of_the_default_is_seen(b):
    a = dc.replace(BASE, locks=LOCKED.locks)
    changes = diff_scenarios(a, b)
    assert (changes == []) == (scenario_to_dict(a) == scenario_to_dict(b))
    assert summarise(changes) == ("; ".join(c.text for c in changes) or "no changes")


# -- comparing two plans -------------------------------------------------------------


@pytest.fixture(scope="module")
def two_solves():
    cost, fair = solve(BASE, "min_cost"), solve(BASE, "fair_share")
    assert cost.status == fair.status == "optimal"
    return cost, fair


@pytest.mark.parametrize("with_scenario", [True, False])
def test_result_comparison_matches_evaluate(two_solves, with_scenario):
    cost, fair = two_solves
    scenario = BASE if with_scenario else None
    left = plan_from_result("min_cost", cost.to_dict(), scenario)
    right = plan_from_result("fair_share", fair.to_dict(), scenario)
    result = compare_plans(left, right)
    a, b = evaluate(BASE, cost.allocation), evaluate(BASE, fair.allocation)
    assert [r.name for r in result.nations] == [n.code for n in BASE.nations]
    for row in result.nations:
        assert (row.a, row.b, row.delta) == (
            a.troops[row.name],
            b.troops[row.name],
            b.troops[row.name] - a.troops[row.name],
        )
    for row in result.units:
        assert (row.a, row.b) == (a.unit_counts[row.name], b.unit_counts[row.name])
    assert {r.name for r in result.units if r.a or r.b} == {
        u for u in a.unit_counts if a.unit_counts[u] or b.unit_counts[u]
    }
    assert (result.total.a, result.total.b) == (a.total_troops, b.total_troops)
    assert (result.objective_value.a, result.objective_value.b) == (
        cost.objective_value,
        fair.objective_value,
    )
    assert (left.status, right.status) == ("optimal", "optimal")
    assert not result.values_comparable
    moved = [r for r in result.nations if r.delta]
    assert moved, "min_cost and fair_share plans should differ"
    for row in moved:
        line = f"{row.name} {row.a:,} -> {row.b:,} troops ({row.delta:+,})"
        assert line in result.lines
    assert result.lines[0].startswith("objective min_cost (")
    assert len(result.lines) == 1 + len(moved) + sum(1 for r in result.units if r.delta) + bool(
        result.total.delta
    )


def test_sides_from_allocation_and_from_result_agree(two_solves):
    cost, fair = two_solves
    by_allocation = compare_plans(
        plan_from_allocation("A", BASE, cost.allocation, "optimal", "min_cost"),
        plan_from_allocation("B", BASE, fair.allocation, "optimal", "fair_share"),
    )
    by_result = compare_plans(
        CompareSide("A", BASE, result=cost.to_dict()).plan(),
        CompareSide("B", BASE, allocation=fair.allocation).plan(),
    )
    assert by_allocation.nations == by_result.nations
    assert by_allocation.total == by_result.total
    assert CompareSide("C", BASE).plan() is None


def test_same_plan_twice_has_no_lines(two_solves):
    cost, _ = two_solves
    plan = plan_from_result("A", cost.to_dict(), BASE)
    result = compare_plans(plan, dc.replace(plan, label="B"))
    assert result.lines == ()
    assert all(r.delta == 0 for r in (*result.nations, *result.units, result.total))


def test_hand_plan_value_change_is_a_signed_line():
    allocation = {cell(BASE, "FR", "mech_inf_bn"): 8}
    more = {cell(BASE, "FR", "mech_inf_bn"): 8, cell(BASE, "UK", "mech_inf_bn"): 2}
    result = compare_plans(
        plan_from_allocation("A", BASE, allocation), plan_from_allocation("B", BASE, more)
    )
    personnel = BASE.unit("mech_inf_bn").personnel
    uk_cost = 2 * personnel * BASE.nation("UK").cost_per_troop
    assert result.values_comparable
    assert result.lines[0].startswith("objective value ")
    assert f"UK 0 -> {2 * personnel:,} troops (+{2 * personnel:,})" in result.lines
    assert result.objective_value.delta == pytest.approx(uk_cost)
    assert "mech_inf_bn 8 -> 10 units (+2)" in result.lines


def test_ceiling_and_offer_rows_without_plans():
    after = with_nation(BASE, "FR", max_troops=8000, offers={**FR.offers, "mech_inf_bn": 10})
    rows = {r.name: r for r in ceiling_rows(BASE, after)}
    assert (rows["FR"].a, rows["FR"].b, rows["FR"].delta) == (10000, 8000, -2000)
    assert rows["total"].delta == -2000
    offers = {r.name: r for r in offer_rows(BASE, after)}
    assert offers["mech_inf_bn"].delta == 2
    assert sum(r.delta for r in offers.values()) == 2
