"""The workspace: versions, results, round trips, migrations and files we must not touch."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from planner.cli import main as cli
from planner.errors import PlannerError
from planner.scenario.io import (
    default_scenario,
    default_scenario_text,
    dumps_scenario,
    scenario_to_dict,
)
from planner.scenario.plan import cell
from planner.scenario.validation import parse_scenario
from planner.workspace import VersionRef, Workspace, WorkspaceError, parse_ref
from planner.workspace import connection as connection_module
from planner.workspace.schema import CURRENT_VERSION, migrate
from tests.helpers.cli_support import run
from tests.helpers.scenario_factory import scenarios
from tests.helpers.workspace_fuzz import COMMANDS

NAME = "European Reassurance Force for Ukraine - baseline"

DEFAULT = default_scenario()


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
    plan = {
        cell(DEFAULT, "FR", "mech_inf_bn"): 3,
        cell(DEFAULT, "UK", "armd_bn"): 1,
        cell(DEFAULT, "DE", "arty_bn"): 0,
    }
    info = ws.save_version("plan", default_scenario(), "typed", plan)
    stored = ws.version(VersionRef("plan", info.number))
    assert stored.allocation == {
        cell(DEFAULT, "FR", "mech_inf_bn"): 3,
        cell(DEFAULT, "UK", "armd_bn"): 1,
    }
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
        "(2, '2026-01-03T00:00:00Z', 'bob', 'min_cost', 'highs', 'optimal', 1.5, 25000, ?)",
        (
            json.dumps(
                {
                    "status": "optimal",
                    "objective": "min_cost",
                    "objective_value": 1.5,
                    "total_troops": 25000,
                }
            ),
        ),
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
    assert [(e.actor, e.action, e.version) for e in ws.audit()] == [
        ("alice", "save", 2),
        ("alice", "save", 1),
    ]
    assert ws.results("old")[0].author == "bob"
    assert ws.version(VersionRef("old", 2)).allocation == {cell(DEFAULT, "FR", "mech_inf_bn"): 2}
    with sqlite3.connect(path) as conn:  # read, not upgraded: reading never writes
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    # saving the content of version 2 again is recognised by the back-filled digest
    same = ws.save_version("old", default_scenario(), "", {cell(DEFAULT, "FR", "mech_inf_bn"): 2})
    assert (same.number, same.created) == (2, False)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        digests = [d for (d,) in conn.execute("SELECT digest FROM versions")]
    assert all(len(d) == 64 for d in digests) and len(set(digests)) == 2
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
    for args in (["export", "x@1", "-o", str(tmp_path / "x.json")], ["solve", "x"]):
        assert _cli("workspace", "--db", str(db), *args) == 1
        assert "no workspace here yet" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# -- a workspace file is untrusted input (hostile schema, values, damage) --------


@pytest.fixture(scope="module")
def fuzz_bases(tmp_path_factory):
    from tests.helpers.workspace_fuzz import build_bases

    return build_bases(tmp_path_factory.mktemp("bases"))


def _crafted(tmp_path: Path, base: Path, make) -> tuple[Path, dict[str, bytes]]:
    folder = tmp_path / "ws"
    folder.mkdir()
    db = folder / "w.sqlite"
    db.write_bytes(base.read_bytes())
    make(db)
    return db, _snapshot(folder)


def _args(tmp_path: Path, command: str) -> list[str]:
    from tests.helpers.workspace_fuzz import small_scenario

    scenario = tmp_path / "s.json"
    if not scenario.exists():
        scenario.write_text(dumps_scenario(small_scenario(1500)), encoding="utf-8")
    (tmp_path / "out").mkdir(exist_ok=True)
    return [
        a.replace("{out}", str(tmp_path / "out")).replace("{scenario}", str(scenario))
        for a in COMMANDS[command]
    ]


def _refused(proc, message: str) -> None:
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert message in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
    assert "Traceback" not in proc.stderr


ENDLESS_VIEWS = [
    ("scenarios", command)
    for command in ("list", "history", "export", "solve", "export-results", "import", "log")
] + [("audit", "log"), ("audit", "import")]


@pytest.mark.parametrize(("table", "command"), ENDLESS_VIEWS)
def test_an_endless_view_in_place_of_a_table_is_refused_not_run(
    tmp_path, fuzz_bases, table, command
):
    from tests.helpers.workspace_fuzz import recursive_view, run_sql

    db, before = _crafted(
        tmp_path, fuzz_bases["rollback"], lambda p: run_sql(p, *recursive_view(table))
    )
    proc = run("workspace", "--db", db, *_args(tmp_path, command), timeout=60)
    _refused(proc, f"a view {table!r} where a table belongs")
    assert _snapshot(db.parent) == before


def test_a_trigger_that_would_blank_every_version_is_refused_before_import(tmp_path, fuzz_bases):
    from tests.helpers.workspace_fuzz import run_sql

    trigger = (
        "CREATE TRIGGER t AFTER INSERT ON versions BEGIN "
        "DELETE FROM results; UPDATE versions SET body = '{}'; END"
    )
    db, before = _crafted(tmp_path, fuzz_bases["rollback"], lambda p: run_sql(p, trigger))
    proc = run("workspace", "--db", db, *_args(tmp_path, "import"))
    _refused(proc, "an unknown trigger 't'")
    assert _snapshot(db.parent) == before
    with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as conn:
        assert all(len(b) > 100 for (b,) in conn.execute("SELECT body FROM versions"))


BAD_STORED_VALUES = {
    "a blob for a name": ("scenarios", "name", "x'00ff'", "binary data"),
    "NULL for an author": ("versions", "author", "NULL", "NULL value in versions.author"),
    "non-JSON for a kept plan": ("versions", "allocation", "'[[1,'", "fingerprint"),
    "text for a version number": ("versions", "number", "'two'", "text where a whole number"),
    "text for a result value": ("results", "objective_value", "'lots'", "text where a number"),
    "a blob for a result document": ("results", "document", "x'00'", "binary data"),
}


@pytest.mark.parametrize("value", list(BAD_STORED_VALUES))
@pytest.mark.parametrize("command", ["list", "export", "solve", "export-results", "import"])
def test_stored_values_of_the_wrong_kind_get_one_line(tmp_path, fuzz_bases, capsys, value, command):
    """In process (the fuzz test runs them all as separate processes): no traceback, no change."""
    from tests.helpers.workspace_fuzz import raw_value

    table, column, sql, _ = BAD_STORED_VALUES[value]
    db, before = _crafted(
        tmp_path, fuzz_bases["rollback"], lambda p: raw_value(p, table, column, sql)
    )
    code = _cli("workspace", "--db", str(db), *_args(tmp_path, command))
    err = capsys.readouterr().err
    if code != 0:  # a command that never reads the damaged value may succeed
        assert code == 1 and err.count("\n") == 1 and "left unchanged" in err, err
        assert _snapshot(db.parent) == before
    assert _cli("workspace", "--db", str(db), "check") == 1
    assert BAD_STORED_VALUES[value][3] in capsys.readouterr().err or value.startswith("non-JSON")


def test_a_result_whose_figures_do_not_match_its_plan_is_never_shown(tmp_path, fuzz_bases, capsys):
    from tests.helpers.workspace_fuzz import run_sql, set_document

    def lie(text: str) -> str:
        document = json.loads(text)
        document["total_troops"] += 1000
        return json.dumps(document)

    def tamper(path: Path) -> None:  # the row and its document agree; the plan does not
        set_document(path, lie)
        run_sql(path, "UPDATE results SET total_troops = total_troops + 1000 WHERE id = 1")

    db, before = _crafted(tmp_path, fuzz_bases["rollback"], tamper)
    out = tmp_path / "r.csv"
    assert _cli("workspace", "--db", str(db), "export-results", "S", "-o", str(out)) == 1
    assert "do not match its own plan" in capsys.readouterr().err
    assert not out.exists() and _snapshot(db.parent) == before


def _damage_second_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xa5" * 4096
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_damaged_second_page_is_found_before_anything_is_written(tmp_path, fuzz_bases, command):
    db, before = _crafted(tmp_path, fuzz_bases["rollback"], _damage_second_page)
    proc = run("workspace", "--db", db, *_args(tmp_path, command))
    _refused(proc, "the file is damaged")
    assert _snapshot(db.parent) == before  # not even the journal-mode bytes or the counter


def test_reading_a_rollback_mode_workspace_does_not_switch_it_to_wal(tmp_path, fuzz_bases):
    db, before = _crafted(tmp_path, fuzz_bases["rollback"], lambda p: None)
    for command in ("list", "history", "diff", "log", "check"):
        proc = run("workspace", "--db", db, *_args(tmp_path, command))
        assert proc.returncode == 0, proc.stderr
        assert _snapshot(db.parent) == before, command


def test_an_older_workspace_is_read_without_being_upgraded(tmp_path, fuzz_bases, capsys):
    db, before = _crafted(tmp_path, fuzz_bases["v1"], lambda p: None)
    assert _cli("workspace", "--db", str(db), "history", "S") == 0
    assert "@2" in capsys.readouterr().out and _snapshot(db.parent) == before
    assert _cli("workspace", "--db", str(db), "export", "S@9", "-o", str(tmp_path / "x")) == 1
    assert _snapshot(db.parent) == before  # a failed write does not upgrade it either
    assert _cli("workspace", "--db", str(db), *_args(tmp_path, "import")) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION


# -- arguments -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["export", "S@²", "-o", "OUT"], 1, "no scenario named 'S@²'"),
        (["export", "S@99999999999999999999999", "-o", "OUT"], 1, "version number that large"),
        (["export", "S@" + "9" * 5000, "-o", "OUT"], 1, "version number that large"),
        (["diff", "S@1", "S@9223372036854775807"], 1, "has no version 9223372036854775807"),
        (["log", "--limit", "99999999999999999999999"], 0, ""),
        (["log", "--limit", "0"], 1, "not a whole number from 1"),
        (["log", "--limit", "²"], 1, "not a whole number from 1"),
        (["history", "\udcff"], 1, "not valid text"),
        (["import", "SCENARIO", "--name", "a\udcff"], 1, "not valid text"),
    ],
)
def test_odd_arguments_get_one_line(tmp_path, fuzz_bases, capsys, args, code, says):
    db, _ = _crafted(tmp_path, fuzz_bases["rollback"], lambda p: None)
    scenario = tmp_path / "s.json"
    scenario.write_text(default_scenario_text(), encoding="utf-8")
    out = str(tmp_path / "o.json")
    args = [a.replace("OUT", out).replace("SCENARIO", str(scenario)) for a in args]
    assert _cli("workspace", "--db", str(db), *args) == code
    captured = capsys.readouterr()
    if code:
        assert says in captured.err and captured.err.count("\n") == 1, captured.err
    else:
        assert captured.err == "" and captured.out.count("\n") == 2 * 4  # every entry


def test_huge_arguments_through_the_real_command_line(tmp_path, fuzz_bases):
    db, _ = _crafted(tmp_path, fuzz_bases["rollback"], lambda p: None)
    for args in (
        ["export", "S@²", "-o", str(tmp_path / "o")],
        ["export", "S@99999999999999999999999", "-o", str(tmp_path / "o")],
    ):
        proc = run("workspace", "--db", db, *args)
        assert proc.returncode == 1 and proc.stderr.count("\n") == 1, proc.stderr
        assert "Traceback" not in proc.stderr
    proc = run("workspace", "--db", db, "log", "--limit", "99999999999999999999999")
    assert proc.returncode == 0 and proc.stderr == "" and proc.stdout.count("\n") == 2 * 4


def test_an_empty_db_argument_is_not_the_default_workspace(capsys):
    assert _cli("workspace", "--db", "", "list") == 1
    assert "--db" in capsys.readouterr().err


def test_damage_after_a_good_read_is_still_found(tmp_path, fuzz_bases):
    """The page check is skipped only for a file unchanged since it passed (connection.py)."""
    db, _ = _crafted(tmp_path, fuzz_bases["rollback"], lambda p: None)
    workspace = Workspace(db)
    assert [s.name for s in workspace.scenarios()] == ["S"]
    _damage_second_page(db)
    before = _snapshot(db.parent)
    with pytest.raises(WorkspaceError, match="damaged"):
        workspace.scenarios()
    assert _snapshot(db.parent) == before


def test_a_result_row_listing_other_figures_than_its_document_is_refused(tmp_path, fuzz_bases):
    """The browser lists results from their rows: those figures must be the document's."""
    from tests.helpers.workspace_fuzz import run_sql

    db, before = _crafted(
        tmp_path,
        fuzz_bases["rollback"],
        lambda p: run_sql(p, "UPDATE results SET objective_value = objective_value / 2"),
    )
    with pytest.raises(WorkspaceError, match="differ from its own document"):
        Workspace(db).results("S")
    assert _snapshot(db.parent) == before
