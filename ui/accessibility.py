"""Accessible names: what a screen reader says for every input and table of the window.

A field in a form is named by its label ("Draws", "Ceilings ± share"); the
tables, the grid and the inputs outside a form are named here, in planner
words. :func:`unnamed` lists what has no name, for the test that keeps it so.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTextEdit,
    QWidget,
)

NAMES = {
    "nationsTable": "Nations",
    "unitTypesTable": "Unit types",
    "offersGrid": "Offers: units each nation offers, by unit type",
    "requirementsTable": "Requirements by unit type",
    "allocationGrid": "Plan: units by nation and unit type",
    "allocationTroops": "Plan: troops by nation",
    "allocationTotals": "Plan: units of each type against what is needed",
    "allocationTotalTroops": "Plan: troops of the whole force",
    "areaSelector": "Area the plan grid shows",
    "periodSelector": "Period the plan grid shows",
    "explanationList": "Explanation of the plan",
    "workspaceTree": "Workspace: scenarios and their versions",
    "withdrawalTable": "If one nation withdraws",
    "oddsNations": "Odds: how often each nation is needed",
    "oddsRequirements": "Odds: how often each requirement fails",
    "sensitivityTable": "What moves the result",
    "backstopNations": "Troops by nation with and without the backstop",
    "backstopUnits": "Units needed without the backstop",
    "paretoTable": "Plans between the cheapest and the fairest",
    "stabilityTable": "Fewest changes after a late withdrawal",
    "sustainmentTable": "Sustainment by rotation cycle",
}
INPUTS = (
    QAbstractItemView,
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QCheckBox,
    QSlider,
    QPlainTextEdit,
    QTextEdit,
)


def _label_text(label: QWidget | None) -> str:
    if not isinstance(label, QLabel):
        return ""
    return " ".join(label.text().replace("&&", "\0").replace("&", "").replace("\0", "&").split())


def name_widgets(root: QWidget) -> None:
    """Give every input and table under `root` an accessible name, unless it has one."""
    for widget in root.findChildren(QWidget):
        words = NAMES.get(widget.objectName())
        if words and not widget.accessibleName():
            widget.setAccessibleName(words)
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None:
                continue
            target, text = field.widget(), _label_text(label.widget())
            if target is not None and text and not target.accessibleName():
                target.setAccessibleName(text.rstrip(":"))


def unnamed(root: QWidget) -> list[str]:
    """Object names of the inputs and tables under `root` that have no accessible name."""
    return [
        w.objectName()
        for w in root.findChildren(QWidget)
        if isinstance(w, INPUTS)
        and w.objectName()
        and not w.objectName().startswith("qt_")
        and not w.accessibleName()
    ]
