"""`python -m force_planner`: the same as the `force-planner` command."""

import sys

from force_planner.launcher import main

sys.exit(main())
