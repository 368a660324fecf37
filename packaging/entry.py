"""PyInstaller's entry script: the same `force-planner` command as the installed one."""

import sys

from force_planner.launcher import main

if __name__ == "__main__":
    sys.exit(main())
