"""The tables of the periods editor: build-up minimums, rotation by nation, offers ready from.

Each is a :class:`DocumentTableModel` (one validated, undoable edit per typed
value, refused with the core's reason). Every edit here writes a scenario@2
field, so it also moves the file to scenario@2 (:func:`on_v2`; undo takes it
back; ``docs/decisions.md``, "Periods in the app").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from planner.scenario import words
from planner.scenario.model import SCENARIO_SCHEMA_2, Scenario
from ui import numbers
from ui.editors.scenario_edit import Mutation
from ui.editors.scenario_tables import DocumentTableModel, Index, OffersModel

FROM_START = "from the start"


def on_v2(mutate: Mutation) -> Mutation:
    """`mutate`, on data that says scenario@2 and has a `periods` section to edit."""

    def wrapped(data: dict[str, Any]) -> None:
        data["schema"] = SCENARIO_SCHEMA_2
        data.setdefault("periods", {})
        mutate(data)

    return wrapped


def parse_period(scenario: Scenario, value: Any) -> int | None:
    """A period typed as its number (3) or its label (2027-Q1); None when left empty."""
    typed = str(value).strip()
    if not typed:
        return None
    for t in scenario.periods.all:
        if words.period_label(scenario, t).casefold() == typed.casefold():
            return t
    try:
        return numbers.parse_whole(typed)
    except ValueError:
        last = words.period_label(scenario, scenario.periods.count)
        raise ValueError(
            f"{typed!r} is not a period of this scenario (type 1 to "
            f"{scenario.periods.count}, or a label such as {last})"
        ) from None


class BuildUpModel(DocumentTableModel):
    """One row per period before full capability: the force it must reach then, if any."""

    HEADERS = ("At least (troops)",)

    def _shape_of(self, scenario: Scenario) -> tuple:
        return (scenario.periods.full_from,)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.scenario.periods.full_from - 1

    def _row_title(self, row: int) -> str:
        return words.period_label(self.scenario, row + 1)

    def _value(self, row: int, column: int) -> Any:
        found = [b.min_troops for b in self.scenario.target.build_up if b.period == row + 1]
        return found[0] if found else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return "Troops in the target by then; leave empty for no minimum in that period"
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            return numbers.edit_text(self._value(index.row(), index.column()))
        return super().data(index, role)

    def _edit(self, row: int, column: int, value: Any) -> tuple[str, Mutation, Any]:
        period, parsed = row + 1, numbers.parse_optional_whole(value)

        def mutate(data: dict[str, Any]) -> None:
            steps = [s for s in data["target"].get("build_up", []) if s["period"] != period]
            if parsed is not None:
                steps.append({"period": period, "min_troops": parsed})
            data["target"]["build_up"] = sorted(steps, key=lambda s: s["period"])

        return f"build-up minimum in {self._row_title(row)}", on_v2(mutate), parsed


class RotationModel(DocumentTableModel):
    """Each nation's rotation cycle; empty follows the scenario's default."""

    HEADERS = ("One period on operations in",)

    def _shape_of(self, scenario: Scenario) -> tuple:
        return tuple(n.code for n in scenario.nations)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.scenario.nations)

    def _row_title(self, row: int) -> str:
        return self.scenario.nations[row].name

    def _value(self, row: int, column: int) -> Any:
        return self.scenario.nations[row].rotation

    def _show(self, row: int, column: int, value: Any) -> str:
        """'3 quarters', or '3 quarters (default)' for a nation that follows the scenario."""
        if value is None:
            return f"{self._cycle(self.scenario.periods.rotation)} (default)"
        return self._cycle(value)

    def _cycle(self, count: int) -> str:
        return f"{numbers.whole(count)} {words.plural(self.scenario.periods.label, count)}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            nation = self.scenario.nations[index.row()]
            cycle = self.scenario.rotation_of(nation)
            label = self.scenario.periods.label
            said = (
                f"{nation.name}: a unit serves one {label} in {cycle}, then rests"
                if cycle > 1
                else f"{nation.name}: no rotation (units may serve every {label})"
            )
            return f"{said}; leave empty for the scenario's default"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid():
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)

    def _edit(self, row: int, column: int, value: Any) -> tuple[str, Mutation, Any]:
        parsed = numbers.parse_optional_whole(value)

        def mutate(data: dict[str, Any]) -> None:
            nation = data["nations"][row]
            if parsed is None:
                nation.pop("rotation", None)
            else:
                nation["rotation"] = parsed

        label = f"{self._row_title(row)}'s rotation"
        return label, on_v2(mutate), parsed


class ReadinessModel(OffersModel):
    """The first period each offer can serve in: the offers grid's cells, offered ones only."""

    def _value(self, row: int, column: int) -> Any:
        nation = self.scenario.nations[row]
        unit = self.scenario.unit_types[column].id
        return nation.ready(unit) if nation.offer(unit) else None

    def _show(self, row: int, column: int, value: Any) -> str:
        """'ready from 2027-Q2' or 'ready from the start', for the edit's text (see `data`)."""
        if value is None:
            return ""
        return f"ready {FROM_START if value == 1 else _from(self.scenario, value)}"

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self._value(index.row(), index.column()) is None:
            return base & ~Qt.ItemFlag.ItemIsEditable  # nothing offered: nothing to be ready
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self._tooltip(index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole) and index.isValid():
            value = self._value(index.row(), index.column())
            return "" if value in (None, 1) else words.period_label(self.scenario, value)
        return super().data(index, role)

    def _tooltip(self, row: int, column: int) -> str:
        nation, unit = self.scenario.nations[row], self.scenario.unit_types[column]
        ready = self._value(row, column)
        if ready is None:
            return f"{nation.name} offers no {unit.name}"
        when = FROM_START if ready == 1 else f"{_from(self.scenario, ready)} (not before)"
        offered = words.units(self.scenario, unit.id, nation.offer(unit.id))
        return f"{nation.name}, {offered}: ready {when}; type a period, empty for the start"

    def _edit(self, row: int, column: int, value: Any) -> tuple[str, Mutation, Any]:
        unit = self.scenario.unit_types[column].id
        parsed = parse_period(self.scenario, value) or 1

        def mutate(data: dict[str, Any]) -> None:
            offers = data["nations"][row]["offers"]
            count = offers[unit]["count"] if isinstance(offers[unit], dict) else offers[unit]
            offers[unit] = count if parsed == 1 else {"count": count, "ready_from": parsed}

        return f"{self.cell_words(row, column)}: readiness", on_v2(mutate), parsed


def _from(scenario: Scenario, period: int) -> str:
    return f"from {words.period_label(scenario, period)}"
