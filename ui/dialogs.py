"""The one warning dialog the window shows for a file it cannot use: never blocking."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def warn(parent: QWidget, title: str, name: str, message: str) -> QMessageBox:
    """A window-modal warning that returns at once (tests find it by `name`)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent)
    box.setObjectName(name)
    box.open()
    return box
