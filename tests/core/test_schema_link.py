"""A scenario file may carry a top-level "$schema" link for editors; loading ignores it."""

import json
from pathlib import Path

import pytest

from planner.scenario.validation import ScenarioError, parse_scenario

DEFAULT = Path(__file__).resolve().parents[2] / "resources" / "default_scenario.json"


def test_schema_link_is_accepted_and_ignored():
    data = json.loads(DEFAULT.read_text(encoding="utf-8"))
    plain = parse_scenario(dict(data))
    linked = parse_scenario({"$schema": "https://example.org/scenario.json", **data})
    assert linked == plain


def test_schema_link_must_be_text():
    data = json.loads(DEFAULT.read_text(encoding="utf-8"))
    with pytest.raises(ScenarioError, match=r"\$schema"):
        parse_scenario({"$schema": 3, **data})
