"""The command line of spec section 5 (solve, brief, validate, default). Never imports Qt.

Every failure a user can cause prints one line on stderr and exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import planner
from planner.analyses import BRIEF_SECONDS, DEFAULT_DRAWS, MAX_DRAWS
from planner.cli.analyse import add_analyse_parser, run_analyse
from planner.cli.arguments import seconds, seconds_or_none, whole_number
from planner.cli.brief_control import add_control_arguments, control_of
from planner.cli.progress import terminal_progress
from planner.cli.spreadsheet import add_spreadsheet_parser, run_spreadsheet
from planner.cli.workspace import add_workspace_parser, run_workspace
from planner.errors import (
    PlannerError,
    ScenarioError,
    print_problem,
    print_result,
)
from planner.files import input_label, output_label, output_path, status_stream
from planner.optimise.solver import SOLVERS
from planner.result.text import render
from planner.rules.objectives import NAMES as OBJECTIVES
from planner.scenario.io import load_scenario

PROG = "force-planner"
BRIEF_ANALYSES = "auto"  # planner.brief.analyses.brief_default, without loading it


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one line and exit 1 (2 means infeasible)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise PlannerError(f"{message} (see '{PROG} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Compose a multinational force.",
        epilog=f"With no command, {PROG} opens the desktop app ({PROG} gui [FILE] too); "
        f"{PROG} --selftest checks that an installation or bundle is whole.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {planner.__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    solve = commands.add_parser("solve", help="find the best plan for a scenario file")
    solve.add_argument("file")
    solve.add_argument("--objective", choices=OBJECTIVES, help="override the file's objective")
    solve.add_argument("--json", action="store_true", help="print the result document")
    solve.add_argument("--time-limit", type=seconds, metavar="S", help="seconds to search")
    solve.add_argument("--solver", choices=SOLVERS, default="highs")
    brief = commands.add_parser("brief", help="solve a scenario file and write the PDF brief")
    brief.add_argument("file")
    brief.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="PDF to write")
    brief.add_argument("--objective", choices=OBJECTIVES, help="override the file's objective")
    add_control_arguments(brief)
    brief.add_argument(
        "--time-limit",
        type=seconds_or_none,
        default=BRIEF_SECONDS,
        metavar="S",
        help=(
            "seconds for the whole brief: the solve takes at most a quarter when analyses "
            "follow, then each analysis an even share of what is left "
            f"(default {BRIEF_SECONDS:g}; 'none' for no limit)"
        ),
    )
    brief.add_argument("--solver", choices=SOLVERS, default="highs")
    brief.add_argument(
        "--analyses",
        default=BRIEF_ANALYSES,
        metavar="LIST",
        help=(
            "analyses to include, comma-separated, 'all' or 'none' (default: auto, every one "
            "but sustainment, which joins when the scenario has periods)"
        ),
    )
    brief.add_argument(
        "--draws",
        type=whole_number(1, MAX_DRAWS, "draws"),
        default=DEFAULT_DRAWS,
        metavar="N",
        help=f"draws of the odds analysis (default {DEFAULT_DRAWS}, seed 0)",
    )
    validate = commands.add_parser(
        "validate", help="check a scenario file and list every problem, one line each"
    )
    validate.add_argument("file")
    validate.add_argument(
        "--json", action="store_true", help="print the verdict and the problems as JSON"
    )
    commands.add_parser("schema", help="print the JSON Schema of scenario files (for editors)")
    default = commands.add_parser(
        "default", help="print a built-in scenario (the newest unless named; --list shows them)"
    )
    default.add_argument("name", nargs="?", help="which built-in scenario (see --list)")
    default.add_argument("--list", action="store_true", help="list the built-in scenarios")
    completion = commands.add_parser(
        "completion", help='print shell completion: eval "$(force-planner completion bash)"'
    )
    completion.add_argument("shell", choices=("bash", "zsh"))
    add_workspace_parser(commands, _Parser)
    add_spreadsheet_parser(commands, _Parser)
    add_analyse_parser(commands)
    return parser


def _solve(args: argparse.Namespace) -> int:
    from planner.solve import solve  # PuLP and HiGHS load only when solving

    scenario = load_scenario(args.file)
    result = solve(scenario, args.objective, args.solver, args.time_limit)
    if args.json:
        print_result(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_result(render(result))
    if result.status == "invalid":
        print_problem(f"{input_label(args.file)}: {result.unmet[0].message}")
    if result.status == "unknown":  # no plan within --time-limit: one line says why
        print_problem(f"{input_label(args.file)}: {result.notes[0]}")
    return result.exit_code


def _brief(args: argparse.Namespace) -> int:
    """Solve, then write the brief; exit 0 whenever it was written, whatever the status."""
    from planner.brief.analyses import Progress, parse_names
    from planner.brief.make import make_brief

    parse_names(args.analyses)  # a misspelt name is refused before any work
    output = output_path(args.output, "the brief", keep=args.file, binary=True)
    scenario = load_scenario(args.file)
    control = control_of(args)
    with terminal_progress() as meter:

        def announce(what: str) -> Progress:
            meter.stage(what)
            return meter

        try:
            made = make_brief(
                scenario,
                output,
                control,
                objective=args.objective,
                analyses=args.analyses,
                time_limit=args.time_limit,
                solver=args.solver,
                draws=args.draws,
                announce=announce,
            )
        except OSError as exc:
            raise PlannerError(
                f"cannot write the brief to {output_label(args.output)}: {exc.strerror or exc}"
            ) from None
    assert made is not None  # only a cancel returns None, and the command line has none
    for line in made.warnings:
        print_problem(f"{output_label(args.output)}: {line}")
    print(
        f"{output_label(args.output)}: {made.pages}-page brief, plan {made.result.status}",
        file=status_stream(args.output),
    )
    return 0


def _validate(args: argparse.Namespace) -> int:
    from planner.scenario.verdict import validation_report

    report = validation_report(args.file)
    if args.json:
        print_result(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    elif report.valid:
        print_result(report.summary())
    else:
        for line in report.lines():
            print_problem(line)
    return 0 if report.valid else 1


def _schema(args: argparse.Namespace) -> int:
    from planner.scenario.json_schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def _default(args: argparse.Namespace) -> int:
    from planner.scenario.library import BUILTIN, NEWEST, builtin

    if args.list:
        width = max(len(b.name) for b in BUILTIN)
        for entry in BUILTIN:
            mark = " (default)" if entry is NEWEST else ""
            print_result(f"{entry.name:<{width}}  as of {entry.as_of}  {entry.title}{mark}")
        return 0
    entry = NEWEST if args.name is None else builtin(args.name)
    sys.stdout.write(entry.text())
    return 0


def _completion(args: argparse.Namespace) -> int:
    from planner.cli.completion import SCRIPTS

    sys.stdout.write(SCRIPTS[args.shell](build_parser(), PROG))
    return 0


COMMANDS = {
    "solve": _solve,
    "brief": _brief,
    "validate": _validate,
    "schema": _schema,
    "default": _default,
    "workspace": run_workspace,
    "spreadsheet": run_spreadsheet,
    "analyse": run_analyse,
    "completion": _completion,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code of spec section 5."""
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise PlannerError(f"choose a command: {', '.join(COMMANDS)} (see '{PROG} --help')")
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a full disk shows here, not in a traceback at exit
        return code
    except ScenarioError as exc:
        print_problem(f"{input_label(getattr(args, 'file', ''))}: {exc}{_more(exc)}")
        return 1
    except PlannerError as exc:
        print_problem(str(exc))
        return 1
    except KeyboardInterrupt:
        print_problem("interrupted")
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error worth a traceback.
        _discard_stdout()
        return 0
    except OSError as exc:
        if not _is_stdout_failure(exc):
            raise
        _discard_stdout()
        print_problem(f"cannot write the output: {exc.strerror or exc}")
        return 1


def _more(exc: ScenarioError) -> str:
    """How many more problems the file has, and where to see them all."""
    more = len(exc.problems) - 1
    if more < 1:
        return ""
    return f" (and {more} more: '{PROG} validate FILE' lists them)"


def _is_stdout_failure(exc: OSError) -> bool:
    """Did writing standard output fail for want of room (a full disk, a file too large)?"""
    import errno

    return exc.errno in (errno.ENOSPC, errno.EFBIG)  # EPIPE: BrokenPipeError, above


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit raises nothing more."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
