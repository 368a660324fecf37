"""The scenario file format (spec sections 1 and 6), declared once as a tree of nodes.

Validation walks this tree (:mod:`planner.scenario.validation`) and the JSON
Schema is generated from it (:mod:`planner.scenario.json_schema`). Rules that
need the rest of the file (ids used twice, a minimum above its maximum, a lock
above its offer) live in :mod:`planner.scenario.consistency`.

Implementation limits (docs/decisions.md): far beyond any real force, small
enough that every sum stays exact in a double.
"""

from __future__ import annotations

import re

from planner.scenario.model import OBJECTIVES, SCENARIO_SCHEMA, SCENARIO_SCHEMA_2, STATUSES
from planner.scenario.shape import (
    MAX_ITEMS,
    Choice,
    Either,
    Field,
    Flag,
    Integer,
    ListOf,
    MapOf,
    Number,
    Obj,
    Ref,
    Slug,
    Text,
)

MAX_TROOPS = 100_000_000
MAX_UNITS = 1_000_000
MAX_PERSONNEL = 100_000
MAX_NUMBER = 1e15
MAX_TEXT = 20_000
MAX_NAME = 200
MAX_PERIODS = 60
MAX_ROTATION = 12
MAX_SOURCE_TEXT = 4_000
MAX_SOURCE_ENTRIES = 2_000

UNIT_ID = re.compile(r"[a-z0-9_]{1,40}")
NATION_CODE = re.compile(r"[A-Z]{2,3}")
REFERENCE_ID = re.compile(r"[a-z0-9][a-z0-9_.-]{0,79}")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
A_VALID_ID = "a valid id (1-40 of a-z, 0-9, _)"

NATION_BASIS_FIELDS = (
    "status",
    "min_troops",
    "max_troops",
    "offers",
    "areas",
    "requires",
    "min_partners",
    "rotation",
    "cost_per_troop",
    "burden_weight",
)

# -- provenance: where the figures come from (docs/decisions.md, "Sources and assumptions")

BASIS = ListOf(
    Ref("basis", REFERENCE_ID, "a reference or assumption of this file"),
    non_empty="name at least one reference or assumption id",
)
"""The ids of the references and assumptions behind a figure."""


def _basis() -> Field:
    return Field("basis", BASIS, help="ids of the references and assumptions behind this figure")


REFERENCE = Obj(
    (
        Field("id", Slug(REFERENCE_ID, "an id of a-z, 0-9, '.', '_', '-'"), required=True),
        Field("outlet", Text(MAX_SOURCE_TEXT, non_empty=True), required=True),
        Field("title", Text(MAX_SOURCE_TEXT)),
        Field("date", Slug(DATE, "a date like 2026-01-06"), required=True),
        Field("url", Text(MAX_SOURCE_TEXT), help="shown to the reader, never fetched"),
    ),
    title="A dated public report",
)
ASSUMPTION = Obj(
    (
        Field("id", Slug(REFERENCE_ID, "an id of a-z, 0-9, '.', '_', '-'"), required=True),
        Field("text", Text(MAX_SOURCE_TEXT, non_empty=True), required=True),
        Field("reason", Text(MAX_SOURCE_TEXT)),
    ),
    title="A figure the planner assumed, and why no source gives it",
)

# -- the model

UNIT_TYPE = Obj(
    (
        Field("id", Slug(UNIT_ID, A_VALID_ID), required=True),
        Field("name", Text(MAX_NAME), help="defaults to the id"),
        Field("personnel", Integer(1, MAX_PERSONNEL), required=True),
        Field("category", Text(MAX_NAME), default=""),
        Field("deployed", Flag(), default=True, help="false: stand-off support (S7)"),
    ),
    title="A kind of unit",
)
OFFER = Either(
    Integer(0, MAX_UNITS),
    Obj(
        (
            Field("count", Integer(0, MAX_UNITS), required=True),
            Field("ready_from", Integer(1, MAX_PERIODS), help="first period it can serve in"),
        )
    ),
)
NATION = Obj(
    (
        Field("code", Slug(NATION_CODE, "a nation code (2-3 upper-case letters)"), required=True),
        Field("name", Text(MAX_NAME), help="defaults to the code"),
        Field("status", Choice(STATUSES), default="possible"),
        Field("min_troops", Integer(0, MAX_TROOPS), default=0),
        Field("max_troops", Integer(0, MAX_TROOPS), required=True),
        Field("cost_per_troop", Number(0, MAX_NUMBER), default=1.0),
        Field("burden_weight", Number(0, MAX_NUMBER), default=0),
        Field("offers", MapOf("unit", UNIT_ID, OFFER), default={}),
        Field("notes", Text(MAX_TEXT), default=""),
        Field("sources", ListOf(Text(MAX_TEXT)), default=[]),
        Field(
            "areas",
            ListOf(
                Ref("area", UNIT_ID, "an area of this scenario"),
                non_empty="name at least one area (leave it out for every area)",
                distinct="an area appears more than once",
            ),
            since=2,
            help="its caveat: the areas its deployed units may stand in",
        ),
        Field(
            "requires",
            ListOf(
                Ref("nation", NATION_CODE, "a nation of this scenario", malformed="a nation code"),
                distinct="a nation appears more than once",
            ),
            since=2,
            default=[],
        ),
        Field("min_partners", Integer(0, MAX_ITEMS), since=2, default=0),
        Field("rotation", Integer(1, MAX_ROTATION), since=2, nullable=True),
        Field(
            "basis",
            Obj(tuple(Field(name, BASIS) for name in NATION_BASIS_FIELDS)),
            help="per field, the references and assumptions behind it",
        ),
    ),
    title="A nation and what it offers",
)
REQUIREMENT_FIELDS = (
    Field("min", Integer(0, MAX_UNITS), default=0),
    Field("max", Integer(0, MAX_UNITS), nullable=True),
)
REQUIREMENT = Obj((*REQUIREMENT_FIELDS, _basis()))
BACKSTOP_REQUIREMENT = Obj(REQUIREMENT_FIELDS)
TARGET = Obj(
    (
        Field("min_troops", Integer(0, MAX_TROOPS), required=True),
        Field("max_troops", Integer(0, MAX_TROOPS), required=True),
        Field(
            "build_up",
            ListOf(
                Obj(
                    (
                        Field("period", Integer(1, MAX_PERIODS), required=True),
                        Field("min_troops", Integer(0, MAX_TROOPS), required=True),
                    )
                )
            ),
            since=2,
        ),
        _basis(),
    ),
    title="The band of deployed troops",
)
RULES = Obj(
    (
        Field("max_share", Number(0, 1, low_open=True), default=1.0),
        Field("min_nations", Integer(0, MAX_ITEMS), default=0),
    )
)
LOCK = Obj(
    (
        Field("nation", Ref("nation", NATION_CODE, "a nation of this scenario"), required=True),
        Field("unit_type", Ref("unit", UNIT_ID, "a unit type of this scenario"), required=True),
        Field("count", Integer(0, MAX_UNITS), required=True),
        Field("area", Ref("area", UNIT_ID, "an area of this scenario"), since=2, nullable=True),
        Field("period", Integer(1, MAX_PERIODS), since=2, nullable=True),
    ),
    title="Units of one nation fixed by the planner",
)
BACKSTOP = Obj(
    (
        Field(
            "nations",
            ListOf(
                Ref("nation", NATION_CODE, "a nation of this scenario"),
                non_empty="name at least one nation",
                distinct="a nation appears more than once",
            ),
            required=True,
        ),
        Field("requirements", MapOf("unit", UNIT_ID, BACKSTOP_REQUIREMENT), default={}),
        Field("notes", Text(MAX_TEXT), default=""),
    ),
    title="What the force needs if these nations stay out",
)
PERIODS = Obj(
    (
        Field("count", Integer(1, MAX_PERIODS), default=1),
        Field("label", Text(MAX_NAME), default="period"),
        Field("first", Text(MAX_NAME), default="1"),
        Field("rotation", Integer(1, MAX_ROTATION), default=1),
        Field("full_from", Integer(1, MAX_PERIODS), default=1),
        _basis(),
    ),
    title="The horizon",
)
POSITION = Obj(
    (
        Field("lat", Number(-90, 90), required=True),
        Field("lon", Number(-180, 180), required=True),
    )
)
AREA = Obj(
    (
        Field("id", Slug(UNIT_ID, A_VALID_ID), required=True),
        Field("name", Text(MAX_NAME), help="defaults to the id"),
        Field("in_target", Flag(), default=True),
        Field("capacity_troops", Integer(0, MAX_TROOPS), nullable=True),
        Field("position", POSITION),
        _basis(),
    ),
    title="Where troops stand",
)


def _schema_words(values: tuple[str, ...]) -> str:
    return f"{values[0]!r} or {values[1]!r}"


SCENARIO = Obj(
    (
        Field("$schema", Text(MAX_TEXT), help="a link to this JSON Schema, for editors; ignored"),
        Field(
            "schema",
            Choice(
                (SCENARIO_SCHEMA, SCENARIO_SCHEMA_2),
                describe=_schema_words,
                by_version={1: (SCENARIO_SCHEMA,), 2: (SCENARIO_SCHEMA_2,)},
            ),
            required=True,
        ),
        Field("name", Text(MAX_NAME), required=True),
        Field("description", Text(MAX_TEXT), default=""),
        Field("periods", PERIODS, since=2, default={}),
        Field(
            "areas",
            ListOf(AREA, non_empty="name at least one area (leave it out for one theatre)"),
            since=2,
        ),
        Field("target", TARGET, required=True),
        Field("unit_types", ListOf(UNIT_TYPE), required=True),
        Field("nations", ListOf(NATION), required=True),
        Field("requirements", MapOf("unit", UNIT_ID, REQUIREMENT), default={}),
        Field(
            "area_requirements",
            MapOf("area", UNIT_ID, MapOf("unit", UNIT_ID, REQUIREMENT)),
            since=2,
            default={},
        ),
        Field("rules", RULES, default={}),
        Field("locks", ListOf(LOCK), default=[]),
        Field("objective", Choice(OBJECTIVES), default="min_cost"),
        Field("backstop", BACKSTOP),
        Field("references", ListOf(REFERENCE, most=MAX_SOURCE_ENTRIES), default=[]),
        Field("assumptions", ListOf(ASSUMPTION, most=MAX_SOURCE_ENTRIES), default=[]),
    ),
    title="A Force Planner scenario",
)
