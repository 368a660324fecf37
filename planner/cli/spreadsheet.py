"""The `spreadsheet` command: a scenario's nations table out to CSV, XLSX or ODS, and back.

The same exchange as the app's File menu (:mod:`planner.exchange.spreadsheet`),
for scripts and for planners who keep national positions in a spreadsheet
between solves. The table's suffix picks its format.
"""

from __future__ import annotations

import argparse

from planner.cli.arguments import run_subcommand
from planner.errors import PlannerError
from planner.files import input_label, output_label, output_path, status_stream, write_output

FORMATS_TEXT = ".csv, .xlsx or .ods"


def add_spreadsheet_parser(commands: argparse._SubParsersAction, parser_class: type) -> None:
    sheet = commands.add_parser(
        "spreadsheet", help=f"move a scenario's nations table to and from {FORMATS_TEXT}"
    )
    sub = sheet.add_subparsers(dest="spreadsheet_command", parser_class=parser_class)
    out = sub.add_parser(
        "export-nations", help=f"write FILE's nations table to TABLE ({FORMATS_TEXT})"
    )
    out.add_argument("file")
    out.add_argument("-o", "--output", required=True, metavar="TABLE")
    out.set_defaults(spreadsheet_handler=_export_nations)
    into = sub.add_parser(
        "import-nations",
        help="write FILE with its nations replaced by TABLE's as a scenario file",
        description="CSV is read in the encoding, separator and decimal mark it was saved "
        "with (UTF-8, Windows-1252, UTF-16; comma, semicolon, tab).",
    )
    into.add_argument("file")
    into.add_argument("table", help=f"the nations table ({FORMATS_TEXT})")
    into.add_argument("-o", "--output", required=True, metavar="OUT", help="'-': standard output")
    into.set_defaults(spreadsheet_handler=_import_nations)


def run_spreadsheet(args: argparse.Namespace) -> int:
    names = "export-nations, import-nations"
    return run_subcommand(args, "spreadsheet_handler", "spreadsheet", names)


def _export_nations(args: argparse.Namespace) -> int:
    from planner.exchange.spreadsheet import write_nations
    from planner.scenario.io import load_scenario

    if args.output == "-":
        raise PlannerError(f"-o: name a file ending in {FORMATS_TEXT}; its suffix picks the format")
    output = output_path(args.output, "the nations table", keep=args.file)
    scenario = load_scenario(args.file)
    try:
        write_nations(scenario, output)
    except OSError as exc:
        raise PlannerError(
            f"cannot write {output_label(args.output)}: {exc.strerror or exc}"
        ) from None
    print(f"{len(scenario.nations)} nations -> {output_label(args.output)}")
    return 0


def _import_nations(args: argparse.Namespace) -> int:
    from planner.exchange.spreadsheet import read_nations
    from planner.scenario.io import dumps_scenario, load_scenario

    output = output_path(args.output, "the scenario", keep=args.file)
    scenario, notes = read_nations(args.table, load_scenario(args.file))
    try:
        write_output(output, dumps_scenario(scenario))
    except OSError as exc:
        raise PlannerError(
            f"cannot write {output_label(args.output)}: {exc.strerror or exc}"
        ) from None
    said = f" ({'; '.join(notes)})" if notes else ""
    print(
        f"{len(scenario.nations)} nations from {input_label(args.table)} -> "
        f"{output_label(args.output)}{said}",
        file=status_stream(args.output),
    )
    return 0
