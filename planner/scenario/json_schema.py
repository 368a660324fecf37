"""The JSON Schema of scenario files, generated from the one declaration of the format.

Editors (VS Code, JetBrains, any tool that reads JSON Schema) use it to
complete field names and flag wrong types while a planner types a file; a
``"$schema"`` key in the file links to it. It says everything about the
*shape* of a file (:mod:`planner.scenario.format`). Rules across fields, such
as an id used twice or a lock above its offer, need the whole file and are
checked only by ``force-planner validate``; the schema's description says so.

The package ships the generated text (``resources/scenario.schema.json``) and a
test keeps it identical to what this module generates.
"""

from __future__ import annotations

import json
from typing import Any

from planner.scenario.format import SCENARIO
from planner.scenario.model import SCENARIO_SCHEMA, SCENARIO_SCHEMA_2

SCHEMA_FILE = "scenario.schema.json"
"""Its name in the ``resources`` package."""


def scenario_schema() -> dict[str, Any]:
    """One JSON Schema (draft 2020-12) for scenario@1 and scenario@2 files."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Force Planner scenario",
        "description": (
            f"A scenario file, {SCENARIO_SCHEMA} or {SCENARIO_SCHEMA_2} (spec sections 1 and 6). "
            "Generated from planner/scenario/format.py by `force-planner schema`. It checks the "
            "shape of a file; rules across fields (ids used twice, a minimum above its maximum, "
            "a lock above its offer, references to unit types, areas and nations the file "
            "defines) are checked by `force-planner validate`."
        ),
        "type": "object",
        "required": ["schema"],
        "if": {"properties": {"schema": {"const": SCENARIO_SCHEMA_2}}},
        "then": {"$ref": "#/$defs/scenario@2"},
        "else": {"$ref": "#/$defs/scenario@1"},
        "$defs": {"scenario@1": SCENARIO.schema(1), "scenario@2": SCENARIO.schema(2)},
    }


def schema_text() -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
