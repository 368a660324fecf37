"""Nodes that check one part of a scenario file and describe themselves as JSON Schema.

The scenario format is declared once, as a tree of these nodes
(:mod:`planner.scenario.format`). Walking the tree over a file checks it and
collects every problem; asking the tree for its schema gives the JSON Schema
that editors and other tools read (:mod:`planner.scenario.json_schema`). So
the two can never disagree about the shape of a file.

A problem is *shape* when the JSON Schema says the same (a wrong type, a
number out of range, an unknown field); it is a *rule* when it needs the rest
of the file (an unknown unit type in an offer, a minimum above its maximum).
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.errors import invalid_character, quoted

PLAIN_KEY = re.compile(r"[A-Za-z0-9_]{1,40}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (``nations[3].max_troops``) and what."""

    path: str
    message: str
    shape: bool = True
    """True when the JSON Schema finds it too; False for a rule across fields."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class TooManyProblems(Exception):
    """The walk stops once it holds as many problems as anyone will read."""


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()
"""What a node gives back for a value it refused (its problem is already noted)."""


@dataclass
class Walk:
    """One pass over a file: its schema version, the ids it defines, the problems found."""

    version: int | None
    """1 or 2 from the file's ``schema`` field; None when that is not valid."""
    ids: Mapping[str, Collection[str]] = field(default_factory=dict)
    """What references may name, by kind (``unit``, ``area``, ``nation``)."""
    limit: int = 100
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: str, message: str, shape: bool = True) -> None:
        self.problems.append(Problem(path, message, shape))
        if len(self.problems) >= self.limit:
            raise TooManyProblems

    def refuse(self, path: str, message: str, shape: bool = True) -> Any:
        """Note the problem and give back :data:`INVALID` for the refused value."""
        self.add(path, message, shape)
        return INVALID


def show(value: Any) -> str:
    """A short rendering of a bad value for a message (text quoted and escaped)."""
    if isinstance(value, str):
        return quoted(value)
    text = json_name(value)
    return text if len(text) <= 60 else text[:57] + "..."


def json_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return str(value)


def child(path: str, key: str) -> str:
    """`path.key`, or `path[key]` quoted when the key is not a plain name."""
    if PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{quoted(key)}]"


def whole_pattern(pattern: re.Pattern[str]) -> str:
    """`pattern` as a JSON Schema pattern that, like ``fullmatch``, allows no trailing newline."""
    return f"^(?:{pattern.pattern})$(?!\\n)"


class Node:
    """A part of the format: checks a value in place and says what it allows as JSON Schema."""

    def check(self, value: Any, path: str, walk: Walk) -> Any:
        raise NotImplementedError

    def schema(self, version: int) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Integer(Node):
    """A whole number in [low, high]; integral floats such as 700.0 count (as in JSON Schema)."""

    low: int
    high: int

    def check(self, value: Any, path: str, walk: Walk) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return walk.refuse(path, f"expected an integer, got {show(value)}")
        if isinstance(value, float):
            if not math.isfinite(value) or value != int(value):
                return walk.refuse(path, f"expected an integer, got {show(value)}")
            value = int(value)
        if value < self.low:
            return walk.refuse(path, f"{value} is below {self.low}")
        if value > self.high:
            return walk.refuse(path, f"{value} is above the limit of {self.high:,}")
        return value

    def schema(self, version: int) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


@dataclass(frozen=True)
class Number(Node):
    """A finite number in [low, high], or (low, high] when `low_open`."""

    low: float
    high: float
    low_open: bool = False

    def check(self, value: Any, path: str, walk: Walk) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return walk.refuse(path, f"expected a number, got {show(value)}")
        if not math.isfinite(value):
            return walk.refuse(path, f"{show(value)} is not a finite number")
        if value < self.low or (self.low_open and value == self.low):
            below = "not above" if self.low_open else "below"
            return walk.refuse(path, f"{value} is {below} {self.low:g}")
        if value > self.high:
            return walk.refuse(path, f"{value} is above {self.high:g}")
        return float(value)

    def schema(self, version: int) -> dict[str, Any]:
        bound = "exclusiveMinimum" if self.low_open else "minimum"
        return {"type": "number", bound: self.low, "maximum": self.high}


@dataclass(frozen=True)
class Text(Node):
    """Text of at most `limit` characters, `non_empty` if it must say something."""

    limit: int
    non_empty: bool = False

    def check(self, value: Any, path: str, walk: Walk) -> Any:
        if not isinstance(value, str):
            return walk.refuse(path, f"expected text, got {show(value)}")
        if len(value) > self.limit:
            message = f"text of {len(value):,} characters is longer than {self.limit:,}"
            return walk.refuse(path, message)
        if self.non_empty and not value.strip():
            return walk.refuse(path, "is empty; it must say something")
        bad = invalid_character(value)
        if bad:  # a lone surrogate: JSON Schema patterns cannot say this portably
            return walk.refuse(path, f"contains an invalid character ({bad})", shape=False)
        return value

    def schema(self, version: int) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "maxLength": self.limit}
        if self.non_empty:
            out["pattern"] = "\\S"
        return out


@dataclass(frozen=True)
class Flag(Node):
    def check(self, value: Any, path: str, walk: Walk) -> Any:
        if not isinstance(value, bool):
            return walk.refuse(path, f"expected true or false, got {show(value)}")
        return value

    def schema(self, version: int) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Slug(Node):
    """Text matching `pattern` in full, e.g. a unit id or a nation code."""

    pattern: re.Pattern[str]
    what: str

    def check(self, value: Any, path: str, walk: Walk) -> Any:
        if not isinstance(value, str) or not self.pattern.fullmatch(value):
            return walk.refuse(path, f"{show(value)} is not {self.what}")
        return value

    def schema(self, version: int) -> dict[str, Any]:
        return {"type": "string", "pattern": whole_pattern(self.pattern)}


@dataclass(frozen=True)
class Choice(Node):
    """One of a few fixed words; `by_version` narrows them per schema version."""

    values: tuple[str, ...]
    describe: Callable[[tuple[str, ...]], str] = lambda values: f"one of {', '.join(values)}"
    by_version: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def check(self, value: Any, path: str, walk: Walk) -> Any:
        if not isinstance(value, str) or value not in self.values:
            return walk.refuse(path, f"{show(value)} is not {self.describe(self.values)}")
        return value

    def schema(self, version: int) -> dict[str, Any]:
        allowed = self.by_version.get(version, self.values)
        return {"const": allowed[0]} if len(allowed) == 1 else {"enum": list(allowed)}


@dataclass(frozen=True)
class Ref(Node):
    """The id of something the file defines elsewhere (a unit type, an area, a nation)."""

    kind: str
    pattern: re.Pattern[str]
    what: str
    """How the message names it: "a nation of this scenario"."""
    malformed: str = ""
    """The message's ending when the value cannot be an id at all (default: `what`)."""

    def check(self, value: Any, path: str, walk: Walk) -> Any:
        if not isinstance(value, str) or not self.pattern.fullmatch(value):
            return walk.refuse(path, f"{show(value)} is not {self.malformed or self.what}")
        if value not in walk.ids.get(self.kind, ()):
            return walk.refuse(path, f"{show(value)} is not {self.what}", shape=False)
        return value

    def schema(self, version: int) -> dict[str, Any]:
        return {"type": "string", "pattern": whole_pattern(self.pattern)}


MAX_ITEMS = 10_000


@dataclass(frozen=True)
class ListOf(Node):
    """A list of `item`; `non_empty` and `distinct` carry the message to show."""

    item: Node
    non_empty: str = ""
    distinct: str = ""
    most: int = MAX_ITEMS

    def check(self, value: Any, path: str, walk: Walk) -> Any:
        if not isinstance(value, list):
            return walk.refuse(path, f"expected a list, got {show(value)}")
        if len(value) > self.most:
            return walk.refuse(path, f"{len(value):,} entries is more than {self.most:,}")
        if self.non_empty and not value:
            return walk.refuse(path, self.non_empty)
        out = [self.item.check(v, f"{path}[{i}]", walk) for i, v in enumerate(value)]
        if self.distinct:
            texts = [v for v in value if isinstance(v, str)]
            if len(set(texts)) != len(texts):
                walk.add(path, self.distinct)
                return INVALID
        return out

    def schema(self, version: int) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "array",
            "items": self.item.schema(version),
            "maxItems": self.most,
        }
        if self.non_empty:
            out["minItems"] = 1
        if self.distinct:
            out["uniqueItems"] = True
        return out


_NO_DEFAULT: Any = object()


@dataclass(frozen=True)
class Field:
    """A named field of an object: its node, the first schema version it exists in, its default."""

    name: str
    node: Node
    since: int = 1
    default: Any = _NO_DEFAULT
    required: bool = False
    nullable: bool = False
    """null means the same as leaving the field out."""
    help: str = ""


NEEDS_V2 = 'needs "schema": "force-planner/scenario@2"'


@dataclass(frozen=True)
class Obj(Node):
    """An object with named fields and nothing else."""

    fields: tuple[Field, ...]
    title: str = ""

    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def check(self, value: Any, path: str, walk: Walk) -> Any:
        if not isinstance(value, dict):
            return walk.refuse(path or "scenario", f"expected an object, got {show(value)}")
        known = {f.name: f for f in self.fields}
        allowed = ", ".join(sorted(known))
        for key in value:
            if key not in known:
                walk.add(child(path, key), f"unknown field (allowed: {allowed})")
        for f in sorted((f for f in self.fields if f.required), key=lambda f: f.name):
            if f.name not in value:
                walk.add(f"{path}.{f.name}" if path else f.name, "is required")
        out: dict[str, Any] = {}
        for f in self.fields:
            where = f"{path}.{f.name}" if path else f.name
            if f.name not in value or (f.nullable and value[f.name] is None):
                if f.default is not _NO_DEFAULT:  # nested defaults filled in too
                    out[f.name] = f.node.check(copy.deepcopy(f.default), where, walk)
                continue
            if f.since > 1 and walk.version == 1:
                walk.add(where, NEEDS_V2)
                continue
            checked = f.node.check(value[f.name], where, walk)
            if checked is not INVALID:
                out[f.name] = checked
        return out

    def schema(self, version: int) -> dict[str, Any]:
        present = [f for f in self.fields if f.since <= version]
        properties = {}
        for f in present:
            spec = dict(f.node.schema(version))
            if f.nullable:
                spec = {"anyOf": [spec, {"type": "null"}]}
            if f.default is not _NO_DEFAULT:
                spec["default"] = f.default
            if f.help:
                spec["description"] = f.help
            properties[f.name] = spec
        out: dict[str, Any] = {"type": "object"}
        if self.title:
            out["title"] = self.title
        out["properties"] = properties
        required = sorted(f.name for f in present if f.required)
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out


@dataclass(frozen=True)
class MapOf(Node):
    """An object keyed by ids the file defines (unit types, areas), each holding `value`."""

    kind: str
    key_pattern: re.Pattern[str]
    value: Node

    def check(self, value: Any, path: str, walk: Walk) -> Any:
        if not isinstance(value, dict):
            return walk.refuse(path, f"expected an object, got {show(value)}")
        ids = walk.ids.get(self.kind, ())
        allowed = ", ".join(sorted(ids))
        out = {}
        for key, item in value.items():
            if key not in ids:
                shape = not self.key_pattern.fullmatch(key)
                walk.add(child(path, key), f"unknown field (allowed: {allowed})", shape=shape)
                if not shape:  # the schema still checks what such a key holds
                    self.value.check(item, f"{path}.{key}", walk)
                continue
            checked = self.value.check(item, f"{path}.{key}", walk)
            if checked is not INVALID:
                out[key] = checked
        return out

    def schema(self, version: int) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": {"pattern": whole_pattern(self.key_pattern)},
            "additionalProperties": self.value.schema(version),
        }


@dataclass(frozen=True)
class Either(Node):
    """A short form or, from `since` on, a long form (an offer: a count, or {count, ready_from})."""

    short: Node
    long: Obj
    since: int = 2

    def check(self, value: Any, path: str, walk: Walk) -> Any:
        if not isinstance(value, dict):
            return self.short.check(value, path, walk)
        if walk.version == 1:
            return walk.refuse(path, NEEDS_V2)
        return self.long.check(value, path, walk)

    def schema(self, version: int) -> dict[str, Any]:
        if version < self.since:
            return self.short.schema(version)
        return {"anyOf": [self.short.schema(version), self.long.schema(version)]}
