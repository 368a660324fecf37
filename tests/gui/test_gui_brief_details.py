"""Export brief asks for the document control, remembers the planner's own fields, and
suggests a file name from the scenario."""

from __future__ import annotations

import dataclasses
import json

from pypdf import PdfReader
from PySide6.QtWidgets import QLineEdit

from planner.brief.control import DEFAULT_MARKING
from planner.scenario.io import loads_scenario
from tests.helpers.generators import generate
from tests.helpers.gui import open_window
from ui.commands import brief_export
from ui.commands.brief_details import BriefDetailsDialog, remembered


def _small():
    scenario = loads_scenario(json.dumps(generate(6, 5, 0)))
    return dataclasses.replace(scenario, name="Plan B / Kyiv: v2")


def _fill(dialog: BriefDetailsDialog) -> None:
    dialog.marking.setCurrentText("nato restricted")
    dialog.originator.setText("J5 Plans")
    dialog.reference.setText("MNFU/J5/2026/014")
    dialog.contact.setText("Maj A. Smith")


def test_the_export_asks_writes_the_fields_and_remembers_the_planners_own(
    qtbot, tmp_path, monkeypatch
):
    window = open_window(qtbot, _small())
    out = tmp_path / "brief.pdf"
    asked = []

    def save_name(parent, title, start, filters):
        asked.append(start)
        return str(out), filters

    monkeypatch.setattr(brief_export.QFileDialog, "getSaveFileName", save_name)

    def accept(dialog):
        assert dialog.marking.currentText() == DEFAULT_MARKING  # the first time
        _fill(dialog)
        return BriefDetailsDialog.DialogCode.Accepted

    monkeypatch.setattr(BriefDetailsDialog, "exec", accept)
    with qtbot.waitSignal(window.brief.finished, timeout=180_000) as blocker:
        assert window.brief.export_brief()
    assert blocker.args[1], blocker.args[0]
    assert asked == ["Plan B Kyiv v2 - brief.pdf"]  # from the scenario, safe as a file name
    text = " ".join((p.extract_text() or "") for p in PdfReader(out).pages)
    assert "MNFU/J5/2026/014" in text and "NATO RESTRICTED" in text and "J5 Plans" in text
    kept = remembered()
    assert (kept.marking, kept.originator, kept.contact) == (
        "NATO RESTRICTED",
        "J5 Plans",
        "Maj A. Smith",
    )
    assert kept.reference == ""  # the reference belongs to one document


def test_cancelling_the_details_starts_nothing(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, _small())
    out = tmp_path / "brief.pdf"
    monkeypatch.setattr(brief_export.QFileDialog, "getSaveFileName", lambda *a: (str(out), ""))
    monkeypatch.setattr(
        BriefDetailsDialog, "exec", lambda dialog: BriefDetailsDialog.DialogCode.Rejected
    )
    assert not window.brief.export_brief()
    assert not window.brief.busy and not out.exists()


def test_every_field_has_an_accessible_name(qtbot):
    dialog = BriefDetailsDialog(None, remembered())
    qtbot.addWidget(dialog)
    names = {w.accessibleName() for w in dialog.findChildren(QLineEdit) if w.accessibleName()}
    assert {"Originator", "Reference", "Version", "Point of contact"} <= names
    assert dialog.marking.accessibleName() == "Marking"
    assert dialog.dated.accessibleName() == "Date"
    _fill(dialog)
    control = dialog.control()
    assert control.marking == "NATO RESTRICTED" and control.dated is not None


def test_the_decision_requested_and_its_date_come_from_the_dialog(qtbot):
    from datetime import date, timedelta

    from PySide6.QtCore import QDate

    from planner.brief.control import DECISION_DAYS, DocumentControl

    dialog = BriefDetailsDialog(None, DocumentControl())
    qtbot.addWidget(dialog)
    first = dialog.control()
    assert first.decide_by == date.today() + timedelta(days=DECISION_DAYS)  # the default
    assert first.decision == ""  # blank: the note prints the default decision
    dialog.decision.setText("  Agree option B  ")
    dialog.decide_by.setDate(QDate(2026, 12, 24))
    chosen = dialog.control()
    assert chosen.decision == "Agree option B" and chosen.decide_by == date(2026, 12, 24)
    assert chosen.requested() == "Agree option B"
