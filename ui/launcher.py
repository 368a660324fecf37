"""The `force-planner` entry point: the GUI with no arguments, else the command line.

Kept free of Qt imports so that `solve`, `validate` and `default` run on
machines where PySide6 cannot be loaded; the GUI is imported only when asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

GUI_COMMANDS = ("gui",)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in GUI_COMMANDS:
        return _gui(args[1:])
    from planner.cli import main as cli_main

    return cli_main(args)


def _gui(args: list[str]) -> int:
    try:
        from ui.app import run_app
    except ImportError as exc:
        # Until (or where) the desktop app is unavailable, show the solved default plan.
        print(
            f"force-planner: the desktop application is unavailable ({exc}); "
            "showing the solved default scenario instead.",
            file=sys.stderr,
        )
        from planner.cli import main as cli_main

        return _print_default_plan(cli_main)
    return run_app(args)


def _print_default_plan(cli_main) -> int:
    import tempfile
    from pathlib import Path

    from planner.scenario_io import default_scenario_text

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "default_scenario.json"
        path.write_text(default_scenario_text(), encoding="utf-8")
        return cli_main(["solve", str(path)])


if __name__ == "__main__":
    sys.exit(main())
