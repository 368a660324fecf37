"""The window's command line (``force-planner gui [FILE] ...``), without Qt.

Kept apart from :mod:`ui.app` so that ``force-planner gui --help`` answers
where PySide6 is missing or no display exists.
"""

from __future__ import annotations

import argparse


def gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="force-planner gui", description="Open the Force Planner window."
    )
    parser.add_argument("file", nargs="?", help="scenario JSON (default: built-in scenario)")
    parser.add_argument(
        "--optimize", "--optimise", action="store_true", help="optimise once the window is open"
    )
    parser.add_argument(
        "--screenshot", metavar="OUT.png", help="save a picture of the window and exit"
    )
    return parser


def parse_args(args: list[str]) -> argparse.Namespace:
    return gui_parser().parse_args(args)
