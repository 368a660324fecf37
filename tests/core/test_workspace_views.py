"""The workspace's read-only SQL views: plans as rows, for sqlite3 and Datasette users.

Every view is queried with plain sqlite3 (as an analyst would) and must give
exactly what the store API gives for the same workspace: several versions,
scenario@1 and @2 (one declared area, several areas and periods, stand-off
units), plans typed by hand and plans of kept results, a result with no plan.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest

from planner.scenario.io import default_scenario_text, loads_scenario
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell, all_cells
from planner.selftest import SMALL_SCENARIO
from planner.solve import solve
from planner.workspace import VersionRef, Workspace, WorkspaceError
from planner.workspace.schema import CURRENT_VERSION, VIEWS, content_digest, migrate
from tests.helpers.cli_support import ROOT, run

EXAMPLES = ROOT / "tests" / "helpers" / "reference" / "examples"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _one_area_two_periods() -> Scenario:
    """A scenario@2 with one declared area (its plan rows omit the area) and two periods."""
    data = copy.deepcopy(SMALL_SCENARIO)
    data["schema"] = "force-planner/scenario@2"
    data["name"] = "One area, two periods"
    data["areas"] = [{"id": "east", "name": "Eastern flank", "in_target": True}]
    data["periods"] = {"count": 2}
    data["unit_types"].append(
        {"id": "isr", "name": "ISR aircraft", "personnel": 40, "deployed": False}
    )
    data["nations"][0]["offers"] = {"inf_bn": 3, "log_coy": {"count": 2, "ready_from": 2}, "isr": 1}
    return loads_scenario(json.dumps(data))


def _typed_plan(scenario: Scenario, every: int) -> dict[Cell, int]:
    """A plan as a planner types it: some cells of every kind, counts from 1 to 3."""
    cells = list(all_cells(scenario))
    return {c: 1 + i % 3 for i, c in enumerate(cells) if i % every == 0}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Workspace:
    ws = Workspace(tmp_path_factory.mktemp("views") / "w.sqlite")
    default = loads_scenario(default_scenario_text())
    ws.save_version("Baseline", default, "as shipped")
    ws.add_result(VersionRef("Baseline", 1), solve(default))
    solved = solve(default, objective="fair_share")
    ws.save_version("Baseline", default, "fair plan", dict(solved.allocation), result=solved)
    report = loads_scenario(_text(ROOT / "resources" / "scenarios" / "2025-02-report.json"))
    ws.save_version("Report", report, "typed", _typed_plan(report, 7))
    paris = loads_scenario(_text(ROOT / "resources" / "scenarios" / "2026-01-paris.json"))
    ws.save_version("Paris", paris, "typed", _typed_plan(paris, 11))
    ws.save_version("Paris", paris, "no plan")
    space = loads_scenario(_text(EXAMPLES / "small-space-time.json"))
    result = solve(space)
    ws.save_version("Space", space, "solved", dict(result.allocation), result=result)
    invalid = loads_scenario(_text(EXAMPLES / "small-space-time-invalid.json"))
    ws.save_version("Space", invalid, "no way")
    ws.add_result(VersionRef("Space", 2), solve(invalid))
    small = _one_area_two_periods()
    ws.save_version("East", small, "typed", _typed_plan(small, 1))
    ws.add_result(VersionRef("East", 1), solve(small))
    return ws


def _query(path: Path, sql: str) -> list[tuple]:
    """Rows as a planner's sqlite3 gives them (a read-only connection, like Datasette's)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _versions(ws: Workspace):
    for info in ws.scenarios():
        for version in ws.history(info.name):
            yield ws.version(VersionRef(info.name, version.number))


def _cell_columns(scenario: Scenario, key: Cell, units: int) -> tuple:
    unit = scenario.unit(key.unit)
    in_target = None
    if unit.deployed:
        in_target = int(next(a for a in scenario.areas if a.id == key.area).in_target)
    personnel = units * unit.personnel
    return (
        key.nation,
        key.unit,
        key.area,
        key.period,
        units,
        int(unit.deployed),
        in_target,
        personnel,
        personnel if unit.deployed else 0,
    )


def test_the_workspace_format_has_every_view(workspace):
    found = _query(workspace.path, "SELECT name FROM sqlite_master WHERE type = 'view'")
    assert sorted(n for (n,) in found) == sorted(VIEWS)
    assert _query(workspace.path, "PRAGMA user_version") == [(CURRENT_VERSION,)]


def test_version_list_is_the_history_of_every_scenario(workspace):
    rows = _query(
        workspace.path,
        "SELECT scenario, version, saved_at, author, message, changes, has_plan, schema, "
        "title, objective, min_troops, max_troops, nations, areas, periods, results "
        "FROM version_list ORDER BY scenario, version",
    )
    expected = []
    for stored in _versions(workspace):
        info, scenario = stored.info, stored.scenario
        kept = [r for r in workspace.results(info.name) if r.version == info.number]
        schema = json.loads(stored.body)["schema"]
        expected.append(
            (info.name, info.number, info.created_at, info.author, info.message, info.changes)
            + (int(info.has_plan), schema, scenario.name, scenario.objective)
            + (scenario.target.min_troops, scenario.target.max_troops, len(scenario.nations))
            + (len(scenario.areas), scenario.periods.count, len(kept))
        )
    assert rows == sorted(expected)
    assert {r[7] for r in rows} == {"force-planner/scenario@1", "force-planner/scenario@2"}


def test_nation_rows_and_offer_rows_are_each_versions_nations(workspace):
    nations = _query(
        workspace.path,
        "SELECT scenario, version, position, nation, name, status, min_troops, max_troops, "
        "cost_per_troop, burden_weight, areas, requires, min_partners, rotation, notes "
        "FROM nation_rows ORDER BY scenario, version, position",
    )
    offers = _query(
        workspace.path,
        "SELECT scenario, version, nation, unit_type, units, ready_from FROM offer_rows",
    )
    want_nations, want_offers = [], []
    for stored in _versions(workspace):
        where = (stored.info.name, stored.info.number)
        for position, n in enumerate(stored.scenario.nations, 1):
            areas = None if n.areas is None else json.dumps(list(n.areas), separators=(",", ":"))
            want_nations.append(
                where
                + (position, n.code, n.name, n.status, n.min_troops, n.max_troops)
                + (n.cost_per_troop, n.burden_weight, areas)
                + (json.dumps(list(n.requires), separators=(",", ":")), n.min_partners)
                + (n.rotation, n.notes)
            )
            want_offers += [
                (*where, n.code, unit, count, n.ready(unit)) for unit, count in n.offers.items()
            ]
    assert nations == sorted(want_nations)
    assert sorted(offers) == sorted(want_offers)
    assert any(ready > 1 for *_, ready in offers)  # an offer ready from a later period


def test_allocation_rows_are_every_kept_plan_cell_by_cell(workspace):
    rows = _query(
        workspace.path,
        "SELECT scenario, version, nation, unit_type, area, period, units, deployed, "
        "in_target, personnel, troops FROM allocation_rows",
    )
    expected = []
    for stored in _versions(workspace):
        for key, units in (stored.allocation or {}).items():
            expected.append(
                (stored.info.name, stored.info.number) + _cell_columns(stored.scenario, key, units)
            )
    assert sorted(rows, key=repr) == sorted(expected, key=repr)
    kinds = {(r[0], r[4] is None, r[5]) for r in rows}
    assert ("East", False, 2) in kinds and ("East", True, 1) in kinds  # @2 rows of both forms
    assert ("Baseline", False, 1) in kinds and ("Report", True, 1) in kinds  # @1, stand-off
    assert {r[4] for r in rows if r[0] == "East"} == {"east", None}
    assert {r[4] for r in rows if r[0] == "Baseline"} == {"theatre", None}
    assert {r[8] for r in rows} == {1, 0, None}  # areas in and outside the target, stand-off


def test_result_rows_are_every_kept_result(workspace):
    rows = _query(
        workspace.path,
        "SELECT result, scenario, version, kept_at, author, objective, solver, status, "
        "objective_value, total_troops, nations_taking_part, unmet, solve_seconds, mip_gap "
        "FROM result_rows ORDER BY result",
    )
    expected = []
    for info in workspace.scenarios():
        for kept in workspace.kept_results(info.name):
            row, result, document = kept.info, kept.result, kept.document
            expected.append(
                (row.id, row.name, row.version, row.created_at, row.author, row.objective)
                + (row.solver, row.status, row.objective_value, row.total_troops)
                + (sum(1 for n in document["nations"] if n["participating"]), len(result.unmet))
                + (document["solve_seconds"], document.get("mip_gap"))
            )
    assert rows == sorted(expected)
    assert {"optimal", "invalid"} <= {r[7] for r in rows}


def test_result_allocation_rows_are_every_kept_results_plan(workspace):
    rows = _query(
        workspace.path,
        "SELECT result, scenario, version, nation, unit_type, area, period, units, deployed, "
        "in_target, personnel, troops FROM result_allocation_rows",
    )
    expected = []
    for info in workspace.scenarios():
        for kept in workspace.kept_results(info.name):
            for key, units in kept.result.allocation.items():
                head = (kept.info.id, kept.info.name, kept.info.version)
                expected.append(head + _cell_columns(kept.result.scenario, key, units))
    assert sorted(rows, key=repr) == sorted(expected, key=repr)
    assert {r[1] for r in rows} == {"Baseline", "Space", "East"}
    # the troops of a kept result's plan are its document's nations' troops (one period)
    totals = _query(
        workspace.path,
        "SELECT a.nation, sum(a.troops) FROM result_allocation_rows a JOIN result_rows r "
        "ON r.result = a.result WHERE r.scenario = 'Baseline' AND r.version = 1 "
        "GROUP BY a.nation",
    )
    document = workspace.result_document(1)
    assert dict(totals) == {
        n["code"]: n["troops"] for n in document["nations"] if n["participating"]
    }


def test_the_views_cannot_be_written(workspace, tmp_path):
    copy_path = tmp_path / "copy.sqlite"
    copy_path.write_bytes(workspace.path.read_bytes())
    conn = sqlite3.connect(copy_path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="cannot modify"):
            conn.execute("DELETE FROM allocation_rows")
    finally:
        conn.close()


# -- older workspaces ----------------------------------------------------------


def _format_2_workspace(path: Path, body: str) -> None:
    """A file as the previous format left it (no views), filled by hand."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=2)
    conn.execute("INSERT INTO scenarios VALUES (1, 'Old', '2026-01-01T00:00:00Z')")
    for number, plan in ((1, None), (2, '[["FR","mech_inf_bn",2]]')):
        conn.execute(
            "INSERT INTO versions (scenario_id, number, created_at, author, message, body, "
            "allocation, digest, changes) VALUES (1, ?, '2026-01-01T00:00:00Z', 'alice', 'old', "
            "?, ?, ?, 'first version')",
            (number, body, plan, content_digest(body, plan)),
        )
    conn.close()


def test_an_older_workspace_gains_the_views_on_its_first_save_and_not_before(tmp_path):
    path = tmp_path / "old.sqlite"
    body = default_scenario_text()
    _format_2_workspace(path, body)
    before = path.read_bytes()
    ws = Workspace(path)
    assert [v.number for v in ws.history("Old")] == [1, 2]
    assert ws.version(VersionRef("Old", 2)).allocation  # read from an upgraded copy in memory
    assert path.read_bytes() == before  # reading never writes
    assert _query(path, "SELECT count(*) FROM sqlite_master WHERE type = 'view'") == [(0,)]
    ws.save_version("Old", loads_scenario(body), "again")  # a different content: version 3
    assert _query(path, "PRAGMA user_version") == [(CURRENT_VERSION,)]
    rows = _query(path, "SELECT version, nation, unit_type, area, units FROM allocation_rows")
    assert rows == [(2, "FR", "mech_inf_bn", "theatre", 2)]
    assert _query(path, "SELECT version, has_plan FROM version_list ORDER BY version") == [
        (1, 0),
        (2, 1),
        (3, 0),
    ]


def test_an_upgrade_runs_no_trigger_added_after_the_file_was_looked_at(tmp_path, monkeypatch):
    """Another program adds a trigger between our look and our write: the upgrade's own
    statements (format 2 rewrites every version) must not fire it."""
    from planner.workspace import connection

    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    conn.execute("INSERT INTO scenarios VALUES (1, 'Old', '2026-01-01T00:00:00Z')")
    conn.execute(
        "INSERT INTO versions (scenario_id, number, created_at, author, message, body) "
        "VALUES (1, 1, '2026-01-01T00:00:00Z', 'alice', 'old', ?)",
        (default_scenario_text(),),
    )
    conn.close()
    real = connection.inspect

    def look_then_tamper(where: Path, wait: float):
        state = real(where, wait)
        tamper = sqlite3.connect(where, isolation_level=None)
        tamper.execute(
            "CREATE TRIGGER sneaky AFTER UPDATE ON versions BEGIN "
            "SELECT RAISE(ABORT, 'the trigger ran'); END"
        )
        tamper.close()
        return state

    monkeypatch.setattr(connection, "inspect", look_then_tamper)
    with pytest.raises(WorkspaceError) as refused:
        Workspace(path).save_version("New", loads_scenario(default_scenario_text()), "x")
    assert "an unknown trigger 'sneaky'" in str(refused.value)
    assert "the trigger ran" not in str(refused.value)
    assert _query(path, "PRAGMA user_version") == [(1,)]


def test_export_after_the_upgrade_is_the_stored_scenario_byte_for_byte(tmp_path):
    path = tmp_path / "old.sqlite"
    body = default_scenario_text()
    _format_2_workspace(path, body)
    Workspace(path).ensure()  # the upgrade to the format with views
    assert _query(path, "PRAGMA user_version") == [(CURRENT_VERSION,)]
    out = tmp_path / "e.json"
    done = run("workspace", "--db", str(path), "export", "Old@2", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == body
    checked = run("workspace", "--db", str(path), "check")
    assert checked.returncode == 0, checked.stderr


# -- tampered views ------------------------------------------------------------

ALTERED = "SELECT 'FR' AS nation, 99 AS units"
TAMPERING = {
    "redefined": (
        ["DROP VIEW allocation_rows", f"CREATE VIEW allocation_rows AS {ALTERED}"],
        "the view 'allocation_rows' is defined differently",
    ),
    "dropped": (["DROP VIEW result_rows"], "the view 'result_rows' is missing"),
    "a table in its place": (
        ["DROP VIEW nation_rows", "CREATE TABLE nation_rows (nation TEXT)"],
        "a table 'nation_rows' where a view belongs",
    ),
    "a trigger on it": (
        [
            "CREATE TRIGGER sneaky INSTEAD OF DELETE ON allocation_rows BEGIN "
            "UPDATE versions SET body = '{}'; END"
        ],
        "an unknown trigger 'sneaky'",
    ),
    "an older format number on them": (
        ["PRAGMA user_version = 2"],
        "an unknown view 'allocation_rows'",
    ),
    "a view that never ends": (
        [
            "DROP VIEW version_list",
            "CREATE VIEW version_list AS WITH RECURSIVE r(n) AS "
            "(SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r",
        ],
        "the view 'version_list' is defined differently",
    ),
}


@pytest.mark.parametrize("how", sorted(TAMPERING))
def test_a_tampered_view_is_refused_with_one_line_and_left_unchanged(workspace, tmp_path, how):
    statements, words = TAMPERING[how]
    path = tmp_path / "w.sqlite"
    path.write_bytes(workspace.path.read_bytes())
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    for statement in statements:
        conn.execute(statement)
    conn.close()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    for call in (
        lambda ws: ws.scenarios(),
        lambda ws: ws.save_version("Baseline", loads_scenario(default_scenario_text()), "x"),
    ):
        with pytest.raises(WorkspaceError) as refused:
            call(Workspace(path))
        message = str(refused.value)
        assert "\n" not in message and words in message, message
        assert "changed outside Force Planner" in message
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    done = run("workspace", "--db", str(path), "list")
    assert done.returncode == 1 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and words in done.stderr
