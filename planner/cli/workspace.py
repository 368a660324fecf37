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
from typing import TYPE_CHECKING

from planner.cli.arguments import run_subcommand
from planner.errors import PlannerError
from planner.files import output_label, output_path, status_stream, write_output
from planner.optimise.solver import SOLVERS
from planner.result.text import render
from planner.rules.objectives import NAMES as OBJECTIVES
from planner.scenario.io import load_scenario
from planner.workspace.location import default_workspace_path
from planner.workspace.refs import parse_ref
from planner.workspace.values import MAX_INTEGER

if TYPE_CHECKING:
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
    log.add_argument("--limit", type=_limit, default=50, metavar="N", help="entries (default 50)")
    _command(sub, "check", "run SQLite's integrity check on the workspace", _check)


def _limit(text: str) -> int:
    """A count of entries: a whole number from 1 (a huge one means all of them)."""
    digits = text.strip().lstrip("0")
    if not (digits.isascii() and digits.isdigit()):
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number from 1")
    return int(digits) if len(digits) < len(str(MAX_INTEGER)) else MAX_INTEGER


def _shown(text: str) -> str:
    """Stored text on one line: a control character cannot forge lines of the output."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


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
    names = "import, list, history, export, diff, solve, export-results, log, check"
    return run_subcommand(args, "workspace_handler", "workspace", names)


def _workspace(args: argparse.Namespace) -> Workspace:
    from planner.workspace.store import Workspace

    if args.db is not None and not args.db.strip():
        raise PlannerError("--db: give the workspace file's name")
    return Workspace(args.db if args.db is not None else default_workspace_path())


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
    names = [_shown(r.name) for r in rows]
    width = max(len(name) for name in names)
    print(f"{'scenario':<{width}}  versions  results  last saved (UTC)")
    for name, row in zip(names, rows, strict=True):
        updated = _shown(row.updated_at)
        print(f"{name:<{width}}  {row.versions:>8}  {row.results:>7}  {updated}")
    return 0


def _history(args: argparse.Namespace) -> int:
    for info in _workspace(args).history(args.name):
        plan = "  [plan kept]" if info.has_plan else ""
        who = f"{_shown(info.created_at)}  {_shown(info.author)}  {_shown(info.message)}"
        print(f"@{info.number:<4} {who}{plan}")
        print(f"      {_shown(info.changes)}")
    return 0


def _export(args: argparse.Namespace) -> int:
    output = output_path(args.output, "the scenario")

    def write(body: str) -> None:
        try:
            write_output(output, body)
        except OSError as exc:
            raise PlannerError(
                f"cannot write {output_label(args.output)}: {exc.strerror or exc}"
            ) from None

    info, logged = _workspace(args).export(parse_ref(args.ref), write, str(output))
    note = "" if logged else " (the workspace is read-only: this export is not in its log)"
    print(
        f"{_shown(info.name)}@{info.number} -> {output_label(args.output)}{note}",
        file=status_stream(args.output),
    )
    return 0


def _diff(args: argparse.Namespace) -> int:
    from planner.scenario.diff import diff_scenarios

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
    kept = _workspace(args).kept_results(args.name)
    output = output_path(args.output, "the results")
    from planner.workspace.results_csv import results_csv

    text = results_csv([k.info for k in kept], [k.document for k in kept])
    try:
        write_output(output, text)
    except OSError as exc:
        raise PlannerError(
            f"cannot write {output_label(args.output)}: {exc.strerror or exc}"
        ) from None
    print(
        f"{len(kept)} results of {_shown(args.name)!r} -> {output_label(args.output)}",
        file=status_stream(args.output),
    )
    return 0


def _log(args: argparse.Namespace) -> int:
    for entry in _workspace(args).audit(args.limit):
        version = "" if entry.version is None else f"@{entry.version}"
        actor, action = _shown(entry.actor), _shown(entry.action)
        print(f"{_shown(entry.at)}  {actor:<12} {action:<7} {_shown(entry.scenario)}{version}")
        print(f"      {_shown(entry.detail)}")
    return 0


def _check(args: argparse.Namespace) -> int:
    workspace = _workspace(args)
    versions, results = workspace.check()
    print(f"{workspace.path}: integrity ok; {versions} versions and {results} results read back")
    return 0
