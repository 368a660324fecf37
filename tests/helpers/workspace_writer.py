"""A writer process for the kill-during-save test: saves versions until it is killed.

Run as `python -m tests.helpers.workspace_writer DB`; after each committed save it
prints the version number and flushes, so the killer knows what must survive.
"""

from __future__ import annotations

import dataclasses
import sys

from planner.scenario.io import default_scenario
from planner.scenario.plan import cell
from planner.workspace import Workspace


def main(db: str) -> None:
    workspace = Workspace(db)
    base = default_scenario()
    step = 0
    while True:
        step += 1
        nations = tuple(
            dataclasses.replace(n, max_troops=n.max_troops + step) if n.code == "FR" else n
            for n in base.nations
        )
        plan = {cell(base, "FR", "mech_inf_bn"): step % 5}
        info = workspace.save_version(
            "killed", dataclasses.replace(base, nations=nations), f"save {step}", plan
        )
        print(info.number, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
