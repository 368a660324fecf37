"""Where a scenario's figures come from: dated references, assumptions, each figure's basis.

The project's extension of the scenario format (docs/decisions.md, "Sources
and assumptions"): top-level ``references`` (an outlet's dated report) and
``assumptions`` (what the planner assumed, and why no source), and a
``basis`` list of their ids on the target, the periods, each area,
requirement and area requirement, and per field on each nation. None of it
changes a solve; it is read, checked (every id named exists), kept through
saving, and printed by the brief. The solver's model never sees it: the
basis is gathered from the checked data and put back on save. Its shape is
declared with the rest of the format (planner/scenario/format.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reference:
    """A dated public report: the outlet that published it (not an aggregator's copy)."""

    id: str
    outlet: str
    title: str
    date: str
    url: str = ""
    """Shown to the reader, never fetched: the product works offline."""


@dataclass(frozen=True)
class Assumption:
    """A figure the planner assumed, and why no source gives it."""

    id: str
    text: str
    reason: str = ""


@dataclass(frozen=True)
class Provenance:
    references: tuple[Reference, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    basis: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Basis ids by what they back: ``target``, ``periods``, ``area.<id>``,
    ``requirement.<unit>``, ``area_requirement.<area>.<unit>``, ``nation.<CODE>.<field>``."""

    def basis_of(self, key: str) -> tuple[str, ...]:
        return self.basis.get(key, ())

    def reference(self, ref_id: str) -> Reference | None:
        return next((r for r in self.references if r.id == ref_id), None)

    def assumption(self, ref_id: str) -> Assumption | None:
        return next((a for a in self.assumptions if a.id == ref_id), None)

    def assumptions_behind(self, keys: list[str]) -> list[Assumption]:
        """The assumptions the figures named by `keys` rest on, each once, in file order."""
        wanted = {i for key in keys for i in self.basis_of(key)}
        return [a for a in self.assumptions if a.id in wanted]


def provenance_of(data: dict[str, Any]) -> Provenance | None:
    """The provenance of checked scenario data (format and rules passed), or None without any.

    Its shape is part of the scenario format (:mod:`planner.scenario.format`),
    and that every id named exists is a rule (:mod:`planner.scenario.consistency`);
    here it is only gathered up.
    """
    basis: dict[str, tuple[str, ...]] = {}
    for name in ("target", "periods"):
        if "basis" in data.get(name, {}):
            basis[name] = tuple(data[name]["basis"])
    for area in data.get("areas", []):
        if "basis" in area:
            basis[f"area.{area['id']}"] = tuple(area["basis"])
    for uid, req in data["requirements"].items():
        if "basis" in req:
            basis[f"requirement.{uid}"] = tuple(req["basis"])
    for area_id, needs in data["area_requirements"].items():
        for uid, req in needs.items():
            if "basis" in req:
                basis[f"area_requirement.{area_id}.{uid}"] = tuple(req["basis"])
    for nation in data["nations"]:
        for fld, ids in nation.get("basis", {}).items():
            basis[f"nation.{nation['code']}.{fld}"] = tuple(ids)
    if not basis and not data["references"] and not data["assumptions"]:
        return None
    references = tuple(
        Reference(r["id"], r["outlet"], r.get("title", ""), r["date"], r.get("url", ""))
        for r in data["references"]
    )
    assumptions = tuple(
        Assumption(a["id"], a["text"], a.get("reason", "")) for a in data["assumptions"]
    )
    return Provenance(references, assumptions, basis)


def join_provenance(out: dict[str, Any], provenance: Provenance | None) -> dict[str, Any]:
    """Put `provenance` back into a scenario document `out` (in place); returns `out`."""
    if provenance is None:
        return out
    if provenance.references:
        out["references"] = [
            {k: v for k, v in vars(r).items() if v or k in ("id", "outlet", "date")}
            for r in provenance.references
        ]
    if provenance.assumptions:
        out["assumptions"] = [
            {k: v for k, v in vars(a).items() if v or k in ("id", "text")}
            for a in provenance.assumptions
        ]
    nation_basis: dict[str, dict[str, list[str]]] = {}
    for key, ids in provenance.basis.items():
        kind, _, rest = key.partition(".")
        if kind in ("target", "periods") and kind in out:
            out[kind]["basis"] = list(ids)
        elif kind == "area":
            for area in out.get("areas", []):
                if area["id"] == rest:
                    area["basis"] = list(ids)
        elif kind == "requirement" and rest in out.get("requirements", {}):
            out["requirements"][rest]["basis"] = list(ids)
        elif kind == "area_requirement":
            area_id, _, uid = rest.partition(".")
            need = out.get("area_requirements", {}).get(area_id, {}).get(uid)
            if need is not None:
                need["basis"] = list(ids)
        elif kind == "nation":
            code, _, fld = rest.partition(".")
            nation_basis.setdefault(code, {})[fld] = list(ids)
    for nation in out.get("nations", []):
        if nation["code"] in nation_basis:
            nation["basis"] = nation_basis[nation["code"]]
    return out
