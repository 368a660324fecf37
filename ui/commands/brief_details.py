"""The brief's document control in the app: a small dialog before the export starts.

Marking, originator and point of contact are the planner's own and are
remembered between runs; the reference and the version belong to the one
document (the version is filled in from the workspace version the scenario
came from). Each field has an accessible name, and Enter accepts.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from planner.brief.control import (
    DECISION_DAYS,
    DEFAULT_DECISION,
    DEFAULT_MARKING,
    MARKINGS,
    DocumentControl,
)
from planner.cli.arguments import MAX_MARKING as MAX_FIELD
from ui.settings import settings

MARKING_KEY = "brief/marking"
ORIGINATOR_KEY = "brief/originator"
CONTACT_KEY = "brief/contact"


def remembered() -> DocumentControl:
    """The planner's own fields as last used (the default marking the first time)."""
    store = settings()
    return DocumentControl(
        marking=str(store.value(MARKING_KEY) or DEFAULT_MARKING),
        originator=str(store.value(ORIGINATOR_KEY) or ""),
        contact=str(store.value(CONTACT_KEY) or ""),
    ).tidy()


def remember(control: DocumentControl) -> None:
    store = settings()
    store.setValue(MARKING_KEY, control.marking)
    store.setValue(ORIGINATOR_KEY, control.originator)
    store.setValue(CONTACT_KEY, control.contact)


def _line(text: str, name: str, hint: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setMaxLength(MAX_FIELD)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(hint)
    return edit


class BriefDetailsDialog(QDialog):
    """Asks for the document-control fields; :meth:`control` gives them once accepted."""

    def __init__(self, parent: QWidget | None, start: DocumentControl) -> None:
        super().__init__(parent)
        self.setObjectName("briefDetailsDialog")
        self.setWindowTitle("Brief details")
        self.marking = QComboBox()
        self.marking.setEditable(True)
        self.marking.addItems(list(MARKINGS))
        self.marking.setCurrentText(start.marking)
        self.marking.setAccessibleName("Marking")
        self.marking.setToolTip("One of the UK or NATO markings, or your own text")
        line_edit = self.marking.lineEdit()
        if line_edit is not None:
            line_edit.setMaxLength(MAX_FIELD)
        self.originator = _line(start.originator, "Originator", "e.g. J5 Plans, PJHQ")
        self.reference = _line(start.reference, "Reference", "how to cite it")
        self.version = _line(start.version, "Version", "e.g. baseline@3")
        self.contact = _line(start.contact, "Point of contact", "whom to ask")
        self.dated = QDateEdit(QDate.currentDate())
        self.dated.setCalendarPopup(True)
        self.dated.setDisplayFormat("d MMMM yyyy")
        self.dated.setAccessibleName("Date")
        self.decision = _line(start.decision, "Decision requested", DEFAULT_DECISION)
        self.decide_by = QDateEdit(QDate.currentDate().addDays(DECISION_DAYS))
        self.decide_by.setCalendarPopup(True)
        self.decide_by.setDisplayFormat("d MMMM yyyy")
        self.decide_by.setAccessibleName("Decision needed by")
        form = QFormLayout(self)
        form.addRow("&Marking", self.marking)
        form.addRow("&Originator", self.originator)
        form.addRow("&Reference", self.reference)
        form.addRow("&Version", self.version)
        form.addRow("&Date", self.dated)
        form.addRow("Point of &contact", self.contact)
        form.addRow("Decision re&quested", self.decision)
        form.addRow("Decision needed &by", self.decide_by)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("Write brief")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def control(self) -> DocumentControl:
        day, due = self.dated.date(), self.decide_by.date()
        return DocumentControl(
            marking=self.marking.currentText(),
            originator=self.originator.text(),
            reference=self.reference.text(),
            version=self.version.text(),
            dated=date(day.year(), day.month(), day.day()),
            contact=self.contact.text(),
            decision=self.decision.text(),
            decide_by=date(due.year(), due.month(), due.day()),
        ).tidy()
