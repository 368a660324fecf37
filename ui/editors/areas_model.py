"""The Areas editor's table: one row per area (scenario@2, spec section 6).

Name, whether its troops count toward the target (a checkbox), its capacity
(blank: no limit) and its position (latitude and longitude, for the map).
Adding, removing and renaming are edits like any other: the scenario's JSON
data changes, the core validates it (:mod:`ui.editors.scenario_edit`) and the
document pushes it on the undo stack. Removing an area takes what names it
with it (:mod:`ui.editors.area_removal`), in the same undoable step.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from planner.errors import ScenarioError
from planner.scenario.model import IMPLICIT_AREA, SCENARIO_SCHEMA_2, Scenario
from ui import numbers
from ui.editors.area_removal import removal
from ui.editors.scenario_edit import Mutation, changed, refusal, text
from ui.editors.scenario_tables import DocumentTableModel, Index

NEW_AREA = "New area"
_COORDINATE = re.compile(r"[-+−]?\d+(?:[.,]\d+)?")
"""A number in a typed position: "50.45, 30.52", "50,45; 30,52", "50.45 30.52"."""


def checked(value: Any) -> bool:
    """A checkbox's new state as a view or a test hands it to ``setData``."""
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    if isinstance(value, int) and not isinstance(value, bool):
        return value == Qt.CheckState.Checked.value
    return bool(value)


def parse_position(value: Any) -> dict[str, float] | None:
    """A typed "latitude, longitude" (blank: no position); ValueError if not two numbers."""
    typed = str(value).strip()
    if not typed:
        return None
    found = _COORDINATE.findall(typed)
    if len(found) != 2 or _COORDINATE.sub("", typed).strip(" ,;/°NSEW") != "":
        raise ValueError(
            f"'{typed}' is not a position (write latitude and longitude, like "
            f"{show_position(50.45, 30.52)}; blank for none)"
        )
    lat, lon = (_coordinate(number) for number in found)
    return {"lat": lat, "lon": lon}


def _coordinate(typed: str) -> float | int:
    """A typed coordinate; whole degrees stay whole, as a file writes them ("95 is above 90")."""
    value = numbers.parse_number(typed.replace("−", "-"))
    return int(value) if value.is_integer() else value


def show_position(lat: float, lon: float) -> str:
    """'50.45, 30.52' (or '50,45; 30,52' where a comma is the decimal point)."""
    between = "; " if numbers.locale().decimalPoint() == "," else ", "
    return f"{numbers.exact(lat)}{between}{numbers.exact(lon)}"


def new_area_id(scenario: Scenario) -> str:
    """A free id for an added area: area_2, area_3, ..."""
    taken = {a.id for a in scenario.areas}
    number = len(scenario.areas) + 1
    while f"area_{number}" in taken:
        number += 1
    return f"area_{number}"


def new_area_name(scenario: Scenario) -> str:
    """'New area', or 'New area 2', ... if taken."""
    taken = {a.name for a in scenario.areas}
    name, number = NEW_AREA, 1
    while name in taken:
        number += 1
        name = f"{NEW_AREA} {number}"
    return name


class AreasModel(DocumentTableModel):
    """Rows are areas; name, counts toward the target, capacity and position."""

    HEADERS = ("Name", "Counts toward\nthe target", "Capacity\n(troops)", "Position\n(lat, lon)")
    NAME, IN_TARGET, CAPACITY, POSITION = range(4)

    def _shape_of(self, scenario: Scenario) -> tuple:
        return tuple(a.id for a in scenario.areas)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.scenario.areas)

    def _row_title(self, row: int) -> str:
        return self.scenario.areas[row].name

    def _value(self, row: int, column: int) -> Any:
        area = self.scenario.areas[row]
        return (area.name, area.in_target, area.capacity_troops, area.position)[column]

    def _show(self, row: int, column: int, value: Any) -> str:
        if column == self.IN_TARGET:
            return "counts" if value else "does not count"
        if column == self.CAPACITY:
            return "no limit" if value is None else numbers.whole(value)
        if column == self.POSITION:
            if value is None or isinstance(value, str):  # a typed position, already written
                return value or ""
            return show_position(value.lat, value.lon)
        return str(value)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.IN_TARGET:
            return (base & ~Qt.ItemFlag.ItemIsEditable) | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        area = self.scenario.areas[index.row()]
        if column == self.IN_TARGET and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if area.in_target else Qt.CheckState.Unchecked
        if column == self.IN_TARGET and role == Qt.ItemDataRole.DisplayRole:
            return ""  # the checkbox says it (and keeps the column narrow)
        if role == Qt.ItemDataRole.EditRole and column == self.CAPACITY:
            return numbers.edit_text(area.capacity_troops)  # text, so "no limit" can be typed
        if role == Qt.ItemDataRole.EditRole and column == self.POSITION:
            return self._show(index.row(), column, area.position)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{area.name}\n{_TIPS[column]}" if column == self.NAME else _TIPS[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.CAPACITY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)

    def _edit(self, row: int, column: int, value: Any) -> tuple[str, Mutation, Any]:
        name = self.scenario.areas[row].name
        parsed: Any
        if column == self.NAME:
            parsed, key = text(value), "name"
        elif column == self.IN_TARGET:
            parsed, key = checked(value), "in_target"
        elif column == self.CAPACITY:
            parsed, key = numbers.parse_optional_whole(value), "capacity_troops"
        else:
            parsed, key = parse_position(value), "position"

        def mutate(data: dict[str, Any]) -> None:
            entry = data["areas"][row]
            if parsed is None:
                entry.pop(key, None)
            else:
                entry[key] = parsed

        shown = parsed
        if column == self.POSITION and parsed is not None:
            shown = show_position(parsed["lat"], parsed["lon"])  # what "Set ... to" says
        return f"{name} {' '.join(self.headers[column].lower().split())}", mutate, shown

    # -- adding and removing -------------------------------------------------------
    def add_area(self) -> int | None:
        """Add an area (in the target, no limit, no position); its row, None if refused."""
        scenario = self.scenario
        name = new_area_name(scenario)
        entry = {"id": new_area_id(scenario), "name": name, "in_target": True}

        def mutate(data: dict[str, Any]) -> None:
            if "areas" not in data:  # the implicit theatre becomes a named area beside it
                theatre = IMPLICIT_AREA
                data["areas"] = [{"id": theatre.id, "name": theatre.name, "in_target": True}]
                data["schema"] = SCENARIO_SCHEMA_2  # areas are a scenario@2 field
            data["areas"].append(entry)

        try:
            after = changed(scenario, mutate)
        except ScenarioError as exc:
            self.editRejected.emit(refusal(f"Adding {name}", exc))
            return None
        words = f"Add area {name}"
        self._document.edit(after, words)
        self.editAccepted.emit(words)
        return len(after.areas) - 1

    def remove_area(self, row: int) -> bool:
        """Remove one area and whatever names it (caveats, area requirements, locks, plan)."""
        scenario = self.scenario
        if not 0 <= row < len(scenario.areas):
            return False
        name = scenario.areas[row].name
        try:
            plan = removal(scenario, self._document.allocation, scenario.areas[row].id)
            after = changed(scenario, plan.mutate)
        except (ValueError, ScenarioError) as exc:
            self.editRejected.emit(_removal_refusal(name, exc))
            return False
        words = plan.sentence(f"Remove area {name}")
        self._document.edit(after, words, plan.cells)
        self.editAccepted.emit(words)
        return True


def _removal_refusal(name: str, exc: Exception) -> str:
    reason = numbers.localised(exc.problem) if isinstance(exc, ScenarioError) else str(exc)
    return f"{name} was not removed: {reason}."


_TIPS = (
    "The area's name, as plans, charts and the map say it",
    "Checked: its troops count toward the target and the share cap",
    "The most troops that can stand there; leave empty for no limit",
    "Latitude and longitude, for the map only (e.g. 50.45, 30.52); empty: not on the map",
)
