"""Every registry entry is complete and reached by the command line, the brief and the GUI.

One name per analysis and per objective: the CLI verb, the brief section, the GUI
view and the JSON `analysis` key are the registry's name.
"""

from __future__ import annotations

import argparse

from planner.analyses.registry import ANALYSES, NAMES
from planner.brief.analyses import SECTIONS
from planner.cli.main import build_parser
from planner.rules.objectives import OBJECTIVES
from planner.scenario.model import ObjectiveId


def _analyse_verbs() -> set[str]:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    analyse = commands.choices["analyse"]
    sub = next(a for a in analyse._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_every_analysis_is_complete_and_reached_by_the_cli_and_the_brief():
    verbs = _analyse_verbs()
    for name, entry in ANALYSES.items():
        assert entry.name == name and entry.title and entry.question
        assert callable(entry.core), name
        assert name in verbs, f"no 'analyse {name}' command"
        assert name in SECTIONS, f"no brief section for {name}"
    assert set(SECTIONS) == set(NAMES)


def test_every_objective_is_registered_with_words_for_people():
    assert set(OBJECTIVES) == {o.value for o in ObjectiveId}
    for name, entry in OBJECTIVES.items():
        assert entry.id == name and entry.label and entry.unit and entry.aim
        assert callable(entry.value) and callable(entry.define)
