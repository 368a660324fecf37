"""The `force-planner` entry point: the GUI with no arguments, else the command line.

``force-planner --selftest`` checks that an installation is whole.
Kept free of Qt imports so that `solve`, `validate` and `default` run on
machines where PySide6 cannot be loaded; the GUI is imported only when asked for.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Sequence

GUI_COMMANDS = ("gui",)
GUI_PACKAGES = ("PySide6", "pyqtgraph")  # the `gui` extra of pyproject.toml


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a bundled worker process of an analysis runs its job here
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        return _gui([], reopen_last=True)
    if args[0] in GUI_COMMANDS:
        return _gui(args[1:])
    if args[0] == "--selftest":  # is this installation or bundle whole? (ui/selftest.py)
        from ui.selftest import main as selftest

        return selftest()
    from planner.cli.main import main as cli_main

    return cli_main(args)


def _gui(args: list[str], reopen_last: bool = False) -> int:
    from ui.display import has_display

    if "-h" in args or "--help" in args:  # help needs neither a display nor Qt
        from ui.arguments import gui_parser

        gui_parser().print_help()
        return 0

    missing = _missing_gui_packages()
    if missing:
        print(
            f"force-planner: the desktop app needs {missing} (not installed): "
            "pip install 'force-planner[gui]'; the command line works without it "
            "(force-planner solve FILE).",
            file=sys.stderr,
        )
        return 1
    if not has_display():
        if "--screenshot" in args:  # nothing to show on screen anyway
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        else:
            return _fallback(
                "no display was found (set DISPLAY, or QT_QPA_PLATFORM=offscreen)", args
            )
    try:
        from ui.app import run_app
    except ImportError as exc:  # installed, but a system library Qt needs is missing
        print(
            f"force-planner: the desktop app cannot be loaded ({exc}); "
            "bash scripts/setup.sh installs the libraries Qt needs.",
            file=sys.stderr,
        )
        return 1
    return run_app(args, reopen_last=reopen_last)


def _missing_gui_packages() -> str:
    """The GUI packages not installed here ("" when all are); nothing is imported."""
    missing = [name for name in GUI_PACKAGES if importlib.util.find_spec(name) is None]
    return " and ".join(missing)


def _fallback(reason: str, args: list[str]) -> int:
    """Where no window can open, still answer the planner's question: the file named, solved.

    Without a file that is the built-in scenario the window would have opened on.
    """
    from ui.arguments import gui_parser

    known, _ = gui_parser().parse_known_args(args)
    if known.file:
        from planner.cli.main import main as cli_main

        print(f"force-planner: {reason}; showing {known.file} solved instead.", file=sys.stderr)
        return cli_main(["solve", known.file])
    print(f"force-planner: {reason}; showing the solved default scenario instead.", file=sys.stderr)
    from planner.result.text import render
    from planner.scenario.io import default_scenario
    from planner.solve import solve

    print(render(solve(default_scenario())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
