"""The workspace: versions, results, round trips, migrations and files we must not touch."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from planner import cli
from planner.errors import PlannerError
from planner.scenario_io import default_scenario, default_scenario_text, scenario_to_dict
from planner.validation import parse_scenario
from planner.workspace import VersionRef, Workspace, WorkspaceError, parse_ref
from planner.workspace import connection as connection_module
from planner.workspace.schema import CURRENT_VERSION, migrate
from tests.cli_support import run
from tests.scenario_factory import scenarios

NAME = "European Reassurance Force for Ukraine - baseline"


def _ceiling(scenario, code, troops):
    nations = tuple(
        dataclasses.replace(n, max_troops=troops) if n.code == code else n for n in scenario.nations
    )
    return dataclasses.replace(scenario, nations=nations)


def _cli(*args: str) -> int:
    return cli.main(list(args))


# -- versions and results ------------------------------------------------------


def test_versions_are_numbered_and_identical_saves_add_nothing(tmp_path):
    ws = Workspace(tmp_path / "w.sqlite")
    base = default_scenario()
    first = ws.save_version("plan", base, "first")
    again = ws.save_version("plan", base, "again")
    second = ws.save_version("plan", _ceiling(base, "FR", 9000), "FR gives less")
    assert (first.number, first.created) == (1, True)
    assert (again.number, again.created) == (1, False)
    assert second.number == 2 and second.changes == "FR ceiling 10,000 -> 9,000"
    history = ws.history("plan")
    assert [(v.number, v.message) for v in history] == [(1, "first"), (2, "FR gives less")]
    assert all(v.author and v.created_at.endswith("Z") for v in history)
    assert ws.version(VersionRef("plan", 1)).scenario == base
    assert ws.version(VersionRef("plan")).info.number == 2


def test_a_typed_plan_is_kept_with_its_version(tmp_path):
    ws = Workspace(tmp_path / "w.sqlite")
    plan = {("FR", "mech_inf_bn"): 3, ("UK", "armd_bn"): 1, ("DE", "arty_bn"): 0}
    info = ws.save_version("plan", default_scenario(), "typed", plan)
    stored = ws.version(VersionRef("plan", info.number))
    assert stored.allocation == {("FR", "mech_inf_bn"): 3, ("UK", "armd_bn"): 1}
    assert info.has_plan and stored.info.has_plan


def test_results_are_linked_to_the_version_and_objective_that_made_them(tmp_path):
    from planner.solve import solve

    ws = Workspace(tmp_path / "w.sqlite")
    base = default_scenario()
    ws.save_version("plan", base, "first")
    ws.save_version("plan", _ceiling(base, "FR", 9000), "second")
    cost = solve(base)
    fair = solve(base, "fair_share")
    ws.add_result(VersionRef("plan", 1), cost)
    ws.add_result(VersionRef("plan", 1), fair)
    kept = ws.results("plan")
    assert [(r.version, r.objective, r.status) for r in kept] == [
        (1, "min_cost", "optimal"),
        (1, "fair_share", "optimal"),
    ]
    assert kept[0].objective_value == pytest.approx(cost.objective_value)
    assert ws.result_document(kept[1].id) == json.loads(json.dumps(fair.to_dict()))
    actions = [(e.action, e.version) for e in ws.audit()]
    assert actions == [("result", 1), ("result", 1), ("save", 2), ("save", 1)]


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "needs a name"), ("a\x07b", "control characters"), ("x" * 201, "at most 200")],
)
def test_bad_names_are_refused_with_a_sentence(tmp_path, text, message):
    with pytest.raises(PlannerError, match=message):
        Workspace(tmp_path / "w.sqlite").save_version(text, default_scenario(), "m")


def test_names_may_hold_at_signs_and_any_script(tmp_path):
    ws = Workspace(tmp_path / "w.sqlite")
    name = "Opération @Kyiv 2 — 東"
    ws.save_version(name, default_scenario(), "é")
    assert parse_ref(f"{name}@1") == VersionRef(name, 1)
    assert parse_ref(name) == VersionRef(name)
    assert ws.version(parse_ref(f"{name}@1")).info.name == name


@pytest.mark.parametrize("text", ["plan@0", "@3", "plan@"])
def test_bad_references_are_refused(text):
    with pytest.raises(PlannerError):
        parse_ref(text)


# -- round trips ---------------------------------------------------------------


def test_import_export_reimport_keeps_every_field_and_solves_the_same(tmp_path):
    original = tmp_path / "default.json"
    original.write_text(default_scenario_text(), encoding="utf-8")
    db, exported = str(tmp_path / "w.sqlite"), tmp_path / "exported.json"
    assert _cli("workspace", "--db", db, "import", str(original)) == 0
    assert _cli("workspace", "--db", db, "export", f"{NAME}@1", "-o", str(exported)) == 0
    assert exported.read_bytes() == original.read_bytes()
    assert _cli("workspace", "--db", db, "import", str(exported)) == 0  # identical: no version
    assert [v.number for v in Workspace(db).history(NAME)] == [1]
    before = run("solve", original, "--json")
    after = run("solve", exported, "--json")
    assert before.returncode == after.returncode == 0
    keep = ("status", "objective_value", "total_troops", "allocation")
    first, second = json.loads(before.stdout), json.loads(after.stdout)
    assert {k: first[k] for k in keep} == {k: second[k] for k in keep}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=scenarios())
def test_any_valid_scenario_round_trips_through_a_workspace(tmp_path_factory, data):
    scenario = parse_scenario(data)
    ws = Workspace(tmp_path_factory.mktemp("ws") / "w.sqlite")
    info = ws.save_version("s", scenario, "")
    back = ws.version(VersionRef("s", info.number))
    assert back.scenario == scenario
    assert scenario_to_dict(back.scenario) == scenario_to_dict(scenario)


# -- migrations ----------------------------------------------------------------


def _v1_workspace(path: Path) -> None:
    """A file as the first Force Planner workspace format left it, filled by hand."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    body = default_scenario_text()
    conn.execute(
        "INSERT INTO scenarios (id, name, created_at) VALUES (1, 'old', '2026-01-02T03:04:05Z')"
    )
    for number, allocation in ((1, None), (2, '[["FR","mech_inf_bn",2]]')):
        conn.execute(
            "INSERT INTO versions (scenario_id, number, created_at, author, message, body, "
            "allocation) VALUES (1, ?, '2026-01-02T03:04:05Z', 'alice', ?, ?, ?)",
            (number, f"v{number}", body, allocation),
        )
    conn.execute(
        "INSERT INTO results (version_id, created_at, author, objective, solver, status, "
        "objective_value, total_troops, document) VALUES "
        "(2, '2026-01-03T00:00:00Z', 'bob', 'min_cost', 'highs', 'optimal', 1.5, 25000, '{}')"
    )
    conn.close()


def test_a_first_format_workspace_is_brought_forward_with_its_history(tmp_path):
    path = tmp_path / "old.sqlite"
    _v1_workspace(path)
    ws = Workspace(path)
    assert [(v.number, v.author, v.message) for v in ws.history("old")] == [
        (1, "alice", "v1"),
        (2, "alice", "v2"),
    ]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        digests = [d for (d,) in conn.execute("SELECT digest FROM versions")]
    assert all(len(d) == 64 for d in digests) and len(set(digests)) == 2
    assert [(e.actor, e.action, e.version) for e in ws.audit()] == [
        ("alice", "save", 2),
        ("alice", "save", 1),
    ]
    assert ws.results("old")[0].author == "bob"
    assert ws.version(VersionRef("old", 2)).allocation == {("FR", "mech_inf_bn"): 2}
    # saving the content of version 2 again is recognised by the back-filled digest
    same = ws.save_version("old", default_scenario(), "", {("FR", "mech_inf_bn"): 2})
    assert (same.number, same.created) == (2, False)
    assert ws.save_version("old", _ceiling(default_scenario(), "FR", 9000), "new").number == 3


def test_a_failing_migration_step_leaves_the_file_at_its_old_version(tmp_path, monkeypatch):
    from planner.workspace import schema

    path = tmp_path / "old.sqlite"
    _v1_workspace(path)

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], broken))
    with pytest.raises(WorkspaceError):
        Workspace(path).scenarios()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {t for (t,) in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables and "audit" not in tables


# -- files we must not touch ---------------------------------------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _newer(path: Path) -> None:
    Workspace(path).save_version("x", default_scenario(), "")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")


def _corrupt_page(path: Path) -> None:
    Workspace(path).save_version("x", default_scenario(), "")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xa5" * (4096 - 100)  # the schema page, after the header
    path.write_bytes(bytes(data))


BAD_FILES = {
    "random bytes": (lambda p: p.write_bytes(b"\x00\x01junk" * 500), "not a Force Planner"),
    "text": (lambda p: p.write_text("name,troops\nFR,10000\n"), "not a Force Planner"),
    "foreign sqlite": (_foreign, "not a Force Planner workspace"),
    "newer format": (_newer, "newer Force Planner"),
    "damaged page": (_corrupt_page, "damaged"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
@pytest.mark.parametrize("command", [["list"], ["history", "x"], ["import", "SCENARIO"]])
def test_bad_workspaces_get_one_line_and_stay_byte_identical(tmp_path, kind, command):
    make, message = BAD_FILES[kind]
    folder = tmp_path / "ws"
    folder.mkdir()
    db = folder / "w.sqlite"
    make(db)
    before = _snapshot(folder)
    scenario = tmp_path / "s.json"
    scenario.write_text(default_scenario_text(), encoding="utf-8")
    args = [str(scenario) if a == "SCENARIO" else a for a in command]
    proc = run("workspace", "--db", db, *args)
    assert proc.returncode == 1, proc.stdout
    assert message in proc.stderr and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr
    assert _snapshot(folder) == before


def test_a_busy_workspace_says_so_and_loses_nothing(tmp_path, monkeypatch, capsys):
    db = tmp_path / "w.sqlite"
    Workspace(db).save_version(NAME, default_scenario(), "first")
    scenario = tmp_path / "s.json"
    scenario.write_text(json.dumps(scenario_to_dict(_ceiling(default_scenario(), "FR", 9000))))
    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        assert _cli("workspace", "--db", str(db), "import", str(scenario)) == 1
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert "another program is writing" in capsys.readouterr().err
    assert _cli("workspace", "--db", str(db), "import", str(scenario)) == 0
    assert [v.number for v in Workspace(db).history(NAME)] == [1, 2]


def test_a_read_only_workspace_can_be_read_but_not_written(tmp_path, monkeypatch, capsys):
    db = tmp_path / "w.sqlite"
    Workspace(db).save_version(NAME, default_scenario(), "first")
    before = db.read_bytes()
    monkeypatch.setattr(connection_module, "_writable", lambda path: False)
    assert _cli("workspace", "--db", str(db), "list") == 0
    assert NAME in capsys.readouterr().out
    scenario = tmp_path / "s.json"
    scenario.write_text(json.dumps(scenario_to_dict(_ceiling(default_scenario(), "FR", 9000))))
    assert _cli("workspace", "--db", str(db), "import", str(scenario)) == 1
    assert "read-only" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_listing_a_workspace_that_does_not_exist_creates_nothing(tmp_path, capsys):
    db = tmp_path / "none.sqlite"
    assert _cli("workspace", "--db", str(db), "list") == 0
    assert "no scenarios yet" in capsys.readouterr().out
    assert not db.exists()
    assert _cli("workspace", "--db", str(db), "history", "x") == 1
    assert "no workspace here yet" in capsys.readouterr().err
