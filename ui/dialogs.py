"""The window's message boxes: a warning about a file it cannot use, and About; never blocking."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

import planner

SOURCE_REPORT = (
    "\u201cEuropean leaders eye troops for Ukraine ceasefire, seek US backing\u201d "
    "(Caliber.Az, citing foreign media): a European reassurance force of about "
    "25,000-30,000 troops, with US stand-off support"
)


def warn(parent: QWidget, title: str, name: str, message: str) -> QMessageBox:
    """A window-modal warning that returns at once (tests find it by `name`)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent)
    box.setObjectName(name)
    box.open()
    return box


TEXT_FIELD_CHARS = 60
"""A name or message field this many characters wide (Qt's own is about 20)."""


def text_dialog(parent: QWidget, title: str, label: str, default: str = "") -> QInputDialog:
    """A one-line question whose field fits a version name or a sentence."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("textQuestion")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(default)
    width = dialog.fontMetrics().averageCharWidth() * TEXT_FIELD_CHARS
    field = dialog.findChild(QLineEdit)
    if field is not None:
        field.setMinimumWidth(width)
    return dialog


def ask_text(parent: QWidget, title: str, label: str, default: str = "") -> str | None:
    """The text typed, or None when cancelled (blocks, as QInputDialog.getText does)."""
    dialog = text_dialog(parent, title, label, default)
    return dialog.textValue() if dialog.exec() else None


def about_text() -> str:
    return (
        f"<h3>Force Planner {planner.__version__}</h3>"
        "<p>Compose a multinational force by hand or with an integer-programming "
        "optimiser, under each nation's stated limits, and see every change charted.</p>"
        f"<p>The built-in default scenario follows the report {SOURCE_REPORT}.</p>"
    )


def show_about(parent: QWidget, title: str) -> QMessageBox:
    """Help > About: the version and the source of the default scenario (tests find aboutBox)."""
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(f"About {title}")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
