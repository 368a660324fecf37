"""Item delegates: a combo box for a nation's status, a plain text editor for numbers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from planner.scenario.model import STATUSES
from ui import numbers

Index = QModelIndex | QPersistentModelIndex
NUMBER_EDITOR = "numberEditor"


class StatusDelegate(QStyledItemDelegate):
    """Edits `status` with the four values the spec allows; the choice commits at once."""

    def createEditor(  # noqa: N802 (Qt API)
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("statusEditor")
        combo.addItems(list(STATUSES))
        combo.activated.connect(lambda _: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class NumberDelegate(QStyledItemDelegate):
    """Numbers are typed as text and handed to the model exactly as typed.

    Qt's own editors for numbers are spin boxes, which drop a group separator
    they cannot place ("10,5" becomes 105 under en_US); with a line edit the
    model reads the text through :mod:`ui.numbers` and refuses, with a reason,
    what the locale does not read as a number. Other cells edit as usual.
    """

    def createEditor(  # noqa: N802 (Qt API)
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        if not _is_number(index.data(Qt.ItemDataRole.EditRole)):
            return super().createEditor(parent, option, index)
        editor = QLineEdit(parent)
        editor.setObjectName(NUMBER_EDITOR)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if editor.objectName() != NUMBER_EDITOR:
            super().setEditorData(editor, index)
            return
        assert isinstance(editor, QLineEdit)
        editor.setText(numbers.edit_text(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        if editor.objectName() != NUMBER_EDITOR:
            super().setModelData(editor, model, index)
            return
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
