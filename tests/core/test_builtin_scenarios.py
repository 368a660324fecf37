"""The built-in scenarios: each loads, every figure has a basis, each solves or says why not.

Issue "The real case": every nation's statements, ceiling and offers, every
requirement and area requirement, the target, the periods and the areas
carry a basis of dated references or labelled assumptions; a basis names
only ids the file defines (validation refuses others).
"""

from __future__ import annotations

import json

import pytest

from planner.errors import ScenarioError
from planner.scenario.io import loads_scenario, scenario_to_dict
from planner.scenario.library import BUILTIN, NEWEST, builtin
from planner.solve import solve
from tests.helpers.cli_support import run

SOURCED = [b for b in BUILTIN if b.name != "2025-02-original"]


def _bases(raw, path=""):
    """Every `basis` field of a raw document by where it stands."""
    found = {}
    if isinstance(raw, dict):
        for key, value in raw.items():
            if key == "basis":
                found[path] = value
            else:
                found.update(_bases(value, f"{path}/{key}"))
    elif isinstance(raw, list):
        for i, value in enumerate(raw):
            found.update(_bases(value, f"{path}/{i}"))
    return found


def test_the_newest_is_the_default_and_names_are_unique():
    assert NEWEST is BUILTIN[0]
    assert [b.as_of for b in BUILTIN] == sorted((b.as_of for b in BUILTIN), reverse=True)
    assert len({b.name for b in BUILTIN}) == len(BUILTIN)


@pytest.mark.parametrize("entry", SOURCED, ids=lambda b: b.name)
def test_every_figure_has_a_basis(entry):
    scenario = entry.scenario()
    prov = scenario.provenance
    assert prov is not None and prov.references and prov.assumptions
    for nation in scenario.nations:
        for field in ("status", "max_troops", "offers"):
            assert prov.basis_of(f"nation.{nation.code}.{field}"), (nation.code, field)
    for uid in scenario.requirements:
        assert prov.basis_of(f"requirement.{uid}"), uid
    for area_id, needs in scenario.area_requirements.items():
        for uid in needs:
            assert prov.basis_of(f"area_requirement.{area_id}.{uid}"), (area_id, uid)
    assert prov.basis_of("target")
    if scenario.has_areas:
        assert all(prov.basis_of(f"area.{a.id}") for a in scenario.areas)
    if scenario.periods.count > 1:
        assert prov.basis_of("periods")
    for reference in prov.references:
        assert reference.outlet and reference.date
    for assumption in prov.assumptions:
        assert assumption.text and assumption.reason, assumption.id


@pytest.mark.parametrize("entry", BUILTIN, ids=lambda b: b.name)
def test_saving_keeps_every_basis_where_it_stood(entry):
    raw = json.loads(entry.text())
    again = scenario_to_dict(loads_scenario(entry.text()))
    assert _bases(again) == _bases(raw)
    assert loads_scenario(json.dumps(again)) == entry.scenario()


@pytest.mark.parametrize("entry", BUILTIN, ids=lambda b: b.name)
def test_each_solves_or_says_why_not(entry):
    # Generous: this checks that each scenario solves or says why, not how fast (the 2026
    # default takes 13-16 cpu s, and a busy 2-core machine can double that).
    result = solve(entry.scenario(), time_limit=180)
    if result.status == "infeasible":
        assert result.explanation()
    else:
        assert result.status in ("optimal", "feasible"), result.status
        assert result.allocation


def test_a_basis_naming_nothing_is_refused_with_its_place():
    raw = json.loads(builtin("2025-02-report").text())
    raw["nations"][0]["basis"]["status"] = ["no-such-source"]
    with pytest.raises(ScenarioError) as caught:
        loads_scenario(json.dumps(raw))
    assert "nations[0].basis.status[0]" in str(caught.value)
    raw = json.loads(builtin("2025-02-report").text())
    raw["references"][0]["date"] = "last week"
    with pytest.raises(ScenarioError, match=r"references\[0\]\.date"):
        loads_scenario(json.dumps(raw))


def test_cli_lists_and_prints_the_built_in_scenarios():
    listed = run("default", "--list")
    assert listed.returncode == 0
    lines = listed.stdout.strip().splitlines()
    assert [line.split()[0] for line in lines] == [b.name for b in BUILTIN]
    assert "(default)" in lines[0]
    assert run("default").stdout == NEWEST.text()
    assert run("default", "2025-02-original").stdout == builtin("2025-02-original").text()
    wrong = run("default", "2024-nothing")
    assert wrong.returncode == 1 and len(wrong.stderr.strip().splitlines()) == 1
    assert "2026-01-paris" in wrong.stderr
