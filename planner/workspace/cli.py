"""`force-planner workspace ...`: import, list, history, export, diff, solve, results.

Each subcommand opens the workspace for just as long as it needs it. Any
problem with the file (corrupt, locked, read-only, newer) is a
:class:`WorkspaceError` and becomes one line on stderr with exit code 1.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from planner.errors import PlannerError
from planner.files import output_path, write_atomically
from planner.model import OBJECTIVES
from planner.optimise.backends import SOLVERS
from planner.report_text import render
from planner.scenario_io import load_scenario
from planner.workspace.location import default_workspace_path
from planner.workspace.refs import parse_ref
from planner.workspace.results_csv import results_csv
from planner.workspace.store import Workspace

Handler = Callable[[argparse.Namespace], int]


def add_workspace_parser(commands: argparse._SubParsersAction, parser_class: type) -> None:
    """The `workspace` command and its subcommands, `--db` before or after the subcommand."""
    workspace = commands.add_parser(
        "workspace",
        help="keep scenarios, versions and results in a workspace file",
        description=f"Default workspace: {default_workspace_path()} "
        "(set FORCE_PLANNER_WORKSPACE or pass --db to choose another).",
    )
    _db_option(workspace, default=None)
    sub = workspace.add_subparsers(dest="workspace_command", parser_class=parser_class)
    import_ = _command(sub, "import", "add a scenario file as the next version", _import)
    import_.add_argument("file")
    import_.add_argument("--name", help="workspace name (default: the scenario's own name)")
    import_.add_argument("-m", "--message", default="", help="why this version was saved")
    _command(sub, "list", "list the scenarios in the workspace", _list)
    history = _command(sub, "history", "list the versions of one scenario", _history)
    history.add_argument("name")
    export = _command(sub, "export", "write NAME[@VERSION] as a scenario file", _export)
    export.add_argument("ref", metavar="NAME[@VERSION]")
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    diff = _command(sub, "diff", "what changed between two versions", _diff)
    diff.add_argument("before", metavar="NAME@A")
    diff.add_argument("after", metavar="NAME@B")
    solve = _command(sub, "solve", "solve NAME[@VERSION] and keep the result", _solve)
    solve.add_argument("ref", metavar="NAME[@VERSION]")
    solve.add_argument("--objective", choices=OBJECTIVES, help="override the scenario's")
    solve.add_argument("--solver", choices=SOLVERS, default="highs")
    solve.add_argument("--json", action="store_true", help="print the result document")
    results = _command(sub, "export-results", "write the kept results as CSV", _export_results)
    results.add_argument("name")
    results.add_argument("-o", "--output", required=True, metavar="FILE.csv")
    log = _command(sub, "log", "who changed what, newest first", _log)
    log.add_argument("--limit", type=int, default=50, metavar="N")
    _command(sub, "check", "run SQLite's integrity check on the workspace", _check)


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db", default=default, metavar="PATH", help="workspace file (default: see above)"
    )


def _command(
    sub: argparse._SubParsersAction, name: str, help_text: str, handler: Handler
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text)
    _db_option(parser, default=argparse.SUPPRESS)
    parser.set_defaults(workspace_handler=handler)
    return parser


def run_workspace(args: argparse.Namespace) -> int:
    handler: Handler | None = getattr(args, "workspace_handler", None)
    if handler is None:
        raise PlannerError(
            "choose a workspace command: import, list, history, export, diff, solve, "
            "export-results, log, check (see 'force-planner workspace --help')"
        )
    return handler(args)


def _workspace(args: argparse.Namespace) -> Workspace:
    return Workspace(args.db or default_workspace_path())


def _import(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.file)
    name = args.name if args.name is not None else scenario.name
    message = args.message or f"imported from {Path(args.file).name}"
    info = _workspace(args).save_version(name, scenario, message, action="import")
    if info.created:
        print(f"{info.name}@{info.number}: saved ({info.changes})")
    else:
        print(f"{info.name}@{info.number}: unchanged, no new version")
    return 0


def _list(args: argparse.Namespace) -> int:
    workspace = _workspace(args)
    rows = workspace.scenarios()
    if not rows:
        print(f"{workspace.path}: no scenarios yet (import one with 'workspace import FILE')")
        return 0
    width = max(len(r.name) for r in rows)
    print(f"{'scenario':<{width}}  versions  results  last saved (UTC)")
    for row in rows:
        print(f"{row.name:<{width}}  {row.versions:>8}  {row.results:>7}  {row.updated_at}")
    return 0


def _history(args: argparse.Namespace) -> int:
    for info in _workspace(args).history(args.name):
        plan = "  [plan kept]" if info.has_plan else ""
        print(f"@{info.number:<4} {info.created_at}  {info.author}  {info.message}{plan}")
        print(f"      {info.changes}")
    return 0


def _export(args: argparse.Namespace) -> int:
    workspace = _workspace(args)
    ref = parse_ref(args.ref)
    stored = workspace.version(ref)
    output = output_path(args.output, "the scenario")
    try:
        write_atomically(output, stored.body)
    except OSError as exc:
        raise PlannerError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    workspace.log_export(ref, str(output))
    print(f"{stored.info.name}@{stored.info.number} -> {args.output}")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from planner.scenario_diff import diff_scenarios

    workspace = _workspace(args)
    before, after = parse_ref(args.before), parse_ref(args.after)
    old, new = workspace.version(before), workspace.version(after)
    changes = diff_scenarios(old.scenario, new.scenario)
    print(f"{old.info.name}@{old.info.number} -> {new.info.name}@{new.info.number}:")
    for change in changes:
        print(f"  {change.text}")
    if not changes:
        print("  no changes")
    return 0


def _solve(args: argparse.Namespace) -> int:
    from planner.solve import solve

    workspace = _workspace(args)
    stored = workspace.version(parse_ref(args.ref))
    result = solve(stored.scenario, args.objective, args.solver)
    kept = workspace.add_result(parse_ref(f"{stored.info.name}@{stored.info.number}"), result)
    print(
        json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if args.json else render(result)
    )
    if not args.json:
        print(f"kept as result {kept.id} of {kept.name}@{kept.version}")
    return result.exit_code


def _export_results(args: argparse.Namespace) -> int:
    workspace = _workspace(args)
    rows = workspace.results(args.name)
    documents = [workspace.result_document(row.id) for row in rows]
    output = output_path(args.output, "the results")
    try:
        write_atomically(output, results_csv(rows, documents))
    except OSError as exc:
        raise PlannerError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"{len(rows)} results of {args.name!r} -> {args.output}")
    return 0


def _log(args: argparse.Namespace) -> int:
    for entry in _workspace(args).audit(max(1, args.limit)):
        version = "" if entry.version is None else f"@{entry.version}"
        print(f"{entry.at}  {entry.actor:<12} {entry.action:<7} {entry.scenario}{version}")
        print(f"      {entry.detail}")
    return 0


def _check(args: argparse.Namespace) -> int:
    workspace = _workspace(args)
    verdict = workspace.integrity()
    print(f"{workspace.path}: integrity {verdict}")
    return 0 if verdict == "ok" else 1
