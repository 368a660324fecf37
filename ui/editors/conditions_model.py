"""Per nation, where it will stand and on what conditions it comes (spec section 6).

Three columns: the areas its caveat accepts (``areas``; every area when it
states none), the nations it requires (``requires``) and how many partners
it needs (``min_partners``). The table writes them in planner words, area
and nation names; the two lists are chosen with checkboxes beside the table
(:mod:`ui.editors.conditions_editor`), which calls ``set_areas`` and
``set_requires``; the partner count is typed in its cell. Every change is
one undoable edit through the core's validation, refused with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from planner.errors import ScenarioError
from planner.scenario.model import Nation, Scenario
from planner.scenario.words import area_name, nation_name
from ui import numbers
from ui.editors.scenario_edit import Mutation, changed, refusal
from ui.editors.scenario_tables import DocumentTableModel, Index

EVERY_AREA = "every area"
NOBODY = "none"


def areas_words(scenario: Scenario, nation: Nation) -> str:
    """'every area', or the accepted areas' names in scenario order."""
    if nation.areas is None:
        return EVERY_AREA
    return "; ".join(area_name(scenario, a) for a in scenario.areas_of(nation))


def requires_words(scenario: Scenario, nation: Nation) -> str:
    return "; ".join(nation_name(scenario, c) for c in nation.requires) or NOBODY


class ConditionsModel(DocumentTableModel):
    """Rows are nations: areas accepted, nations required, partners needed."""

    HEADERS = ("Areas it accepts", "Requires", "Min\npartners")
    AREAS, REQUIRES, MIN_PARTNERS = range(3)

    def _shape_of(self, scenario: Scenario) -> tuple:
        return tuple(n.code for n in scenario.nations)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.scenario.nations)

    def _row_title(self, row: int) -> str:
        return self.scenario.nations[row].code  # as the grid's rows; the name is in the tooltip

    def _row_words(self, row: int) -> str:
        return self.scenario.nations[row].name

    def _editable(self, column: int) -> bool:
        return column == self.MIN_PARTNERS  # the lists are chosen with checkboxes

    def _value(self, row: int, column: int) -> Any:
        nation = self.scenario.nations[row]
        if column == self.AREAS:
            return areas_words(self.scenario, nation)
        if column == self.REQUIRES:
            return requires_words(self.scenario, nation)
        return nation.min_partners

    def _show(self, row: int, column: int, value: Any) -> str:
        return str(value) if column != self.MIN_PARTNERS else numbers.whole(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            row, column = index.row(), index.column()
            shown = self._show(row, column, self._value(row, column))
            return f"{self.scenario.nations[row].name}: {shown}\n{_TIPS[column]}"
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Vertical:
            return self.scenario.nations[section].name
        return super().headerData(section, orientation, role)

    def _edit(self, row: int, column: int, value: Any) -> tuple[str, Mutation, Any]:
        nation = self.scenario.nations[row]
        parsed = numbers.parse_optional_whole(value) or 0

        def mutate(data: dict[str, Any]) -> None:
            if parsed:
                data["nations"][row]["min_partners"] = parsed
            else:
                data["nations"][row].pop("min_partners", None)

        return f"{nation.name}'s minimum of partners", mutate, parsed  # label: names, not codes

    # -- the lists, from the checkboxes --------------------------------------------
    def set_areas(self, row: int, area_ids: Sequence[str] | None) -> bool:
        """The areas nation `row` accepts (None: every area, also those added later)."""
        scenario = self.scenario
        nation = scenario.nations[row]
        ids = None if area_ids is None else [a.id for a in scenario.areas if a.id in area_ids]
        if ids is not None and len(ids) == len(scenario.areas) and ids:
            ids = None  # every area ticked: the caveat says nothing
        words = EVERY_AREA if ids is None else "; ".join(area_name(scenario, a) for a in ids)
        return self._push(row, "areas", ids, f"{nation.name} areas", words or "no area")

    def set_requires(self, row: int, codes: Sequence[str]) -> bool:
        """The nations nation `row` requires, in scenario order."""
        scenario = self.scenario
        nation = scenario.nations[row]
        chosen = [n.code for n in scenario.nations if n.code in codes]
        words = "; ".join(nation_name(scenario, c) for c in chosen) or NOBODY
        return self._push(row, "requires", chosen or None, f"{nation.name} requires", words)

    def _push(self, row: int, key: str, value: Any, label: str, words: str) -> bool:
        def mutate(data: dict[str, Any]) -> None:
            if value is None:
                data["nations"][row].pop(key, None)
            else:
                data["nations"][row][key] = list(value)

        try:
            after = changed(self.scenario, mutate)
        except ScenarioError as exc:
            self.editRejected.emit(refusal(label, exc))
            return False
        if after == self.scenario:
            return True
        text = f"Set {label} to {words}"
        self._document.edit(after, text)
        self.editAccepted.emit(text)
        return True


_TIPS = (
    "Its caveat: the areas its ground units may stand in (tick them beside the table)",
    "It takes part only if each of these nations takes part (tick them beside the table)",
    "It takes part only if at least this many other nations take part; empty or 0: no condition",
)
