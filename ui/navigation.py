"""From a constraint name in the explanation to the thing it names on screen.

``nation.FR`` and ``share.FR`` select France's row, ``requirement.<unit>.*``
the unit's column of the allocation grid, ``lock.FR.<unit>`` that cell, and
``target.*`` / ``min_nations`` the field of the target form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel

from planner.rules import names

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def select_constraint(window: MainWindow, constraint: str) -> bool:
    """Show and select what `constraint` names; False if it names nothing on screen."""
    family, *subject = names.parts(constraint)
    scenario = window.document.scenario
    codes = [n.code for n in scenario.nations]
    units = [u.id for u in scenario.unit_types]
    if family in ("nation", "share") and subject and subject[0] in codes:
        row = codes.index(subject[0])
        window.tabs.setCurrentWidget(window.nations_table)
        window.nations_table.selectRow(row)
        window.allocation_grid.selectRow(row)
        return True
    if family == "requirement" and subject and subject[0] in units:
        column = units.index(subject[0])
        window.allocation_grid.selectColumn(column)
        window.allocation_grid.scrollTo(window.allocation_model.index(0, column))
        return True
    if family == "lock" and len(subject) == 2 and subject[0] in codes and subject[1] in units:
        index = window.allocation_model.index(codes.index(subject[0]), units.index(subject[1]))
        grid = window.allocation_grid
        grid.setCurrentIndex(index)
        grid.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        grid.scrollTo(index)
        grid.setFocus()
        return True
    if family in ("target", names.MIN_NATIONS):
        form = window.target_form
        window.tabs.setCurrentWidget(form)
        spin = {
            "min_troops": form.min_troops,
            "max_troops": form.max_troops,
        }.get(subject[0] if subject else "", form.min_nations)
        spin.setFocus()
        spin.selectAll()
        return True
    return False
