"""Every input and table of the window has an accessible name, in planner words."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QWidget

from tests.helpers.gui import open_window
from ui.accessibility import INPUTS, unnamed


def test_every_input_and_table_has_an_accessible_name(qtbot):
    window = open_window(qtbot)
    assert unnamed(window) == []
    named = [
        w for w in window.findChildren(QWidget) if isinstance(w, INPUTS) and w.accessibleName()
    ]
    assert len(named) >= 30
    for widget in named:  # words, not ids: no underscores, no camelCase
        name = widget.accessibleName()
        assert "_" not in name and not re.search(r"[a-z][A-Z]", name), name
    assert window.allocation_grid.accessibleName() == "Plan: units by nation and unit type"
    assert window.findChild(QWidget, "oddsDraws").accessibleName() == "Draws"
