"""File > Export brief: solve the scenario as it stands and write the PDF brief, off the UI thread.

``brief_job`` runs ``planner.solve.solve`` and ``planner.brief.write_brief``
as one job for the window's kind of :class:`ui.workers.worker.Worker` (its own one,
so a brief and a solve can run side by side) and ends in a sentence for the
status bar. ``BriefCommands`` is the command group the window owns
(``window.brief``): it asks for a file name unless one is given, runs the
job, and says what happened through ``progress`` and ``finished``. While it
runs a progress dialog (not modal: the window stays live) says how far the
brief is and has a Cancel button, which stops it with nothing written.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from planner.brief.control import DocumentControl
from planner.scenario.model import Scenario
from planner.status import Status
from ui.commands.actions import ActionSpec, Entry
from ui.commands.brief_details import BriefDetailsDialog, remember, remembered
from ui.commands.window_host import WindowHost
from ui.workers.worker import Job, Progress, Worker

if TYPE_CHECKING:
    from ui.document import ScenarioDocument as Document

PDF_FILTER = "PDF brief (*.pdf);;All files (*)"
UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def suggested_name(document: Document) -> str:
    """Next to the scenario file, or named after the scenario: "Baseline - brief.pdf"."""
    if document.path is not None:
        return str(Path(document.path).with_suffix(".pdf"))
    stem = " ".join(UNSAFE_IN_NAMES.sub(" ", document.scenario.name).split()).strip(" .")
    stem = stem[:80].strip() or "scenario"
    return f"{stem} - brief.pdf"


SOLVING = (0, 0)
"""The progress a brief job reports while it solves (no analysis counted yet)."""


def brief_job(
    scenario: Scenario,
    path: Path,
    time_limit: float | None,
    control: DocumentControl | None = None,
) -> Job:
    """Solve, run the brief's analyses and write the PDF; ends in (sentence, written)."""

    def job(cancel: threading.Event, progress: Progress) -> tuple[str, bool]:
        from planner.brief import write_brief
        from planner.brief.analyses import BRIEF_DEFAULT, run_analyses
        from planner.solve import solve

        try:
            progress(*SOLVING)
            result = solve(scenario, time_limit=time_limit, cancel=cancel)
            progress(0, len(BRIEF_DEFAULT))
            analyses = run_analyses(
                scenario, None, BRIEF_DEFAULT, result, cancel=cancel, progress=progress
            )
            if result.status == Status.CANCELLED or cancel.is_set():
                return "Brief export cancelled; nothing was written.", False
            pages = write_brief(scenario, result, path, control, analyses=analyses)
        except OSError as exc:
            why = exc.strerror or exc
            return f"Could not write {path.name}: {why}; choose another folder.", False
        except Exception as exc:  # noqa: BLE001 - reported to the planner, not swallowed
            return f"The brief could not be made: {exc}", False
        return f"Brief written to {path.name}: {pages} pages, plan {result.status}.", True

    return job


class BriefCommands(QObject):
    """One export at a time; ``finished(message, written)`` arrives on the GUI thread."""

    started = Signal()
    progress = Signal(str)  # what the export is doing now
    finished = Signal(str, bool)  # message, whether the brief was written

    def __init__(self, host: WindowHost, time_limit: float | None) -> None:
        super().__init__(host.window())
        self.host = host
        self.time_limit = time_limit
        self.worker = Worker(self, "The brief could not be made")
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_done)
        self.worker.failed.connect(lambda message: self.finished.emit(message, False))
        self.dialog: QProgressDialog | None = None
        self.finished.connect(self._close_dialog)

    def menu_entries(self, menu: str) -> list[Entry]:
        """Export brief and its Cancel (enabled while an export runs), after a line in `menu`."""
        return [
            ActionSpec(
                "exportBriefAction",
                "Export &brief…",
                menu,
                self.export_brief,
                ("Ctrl+E",),
                separator=True,
            ),
            ActionSpec(
                "cancelBriefAction", "Cancel brief e&xport", menu, self.cancel, enabled=False
            ),
        ]

    @property
    def busy(self) -> bool:
        return self.worker.busy

    def start(self, scenario: Scenario, path: Path, control: DocumentControl | None = None) -> bool:
        """Solve `scenario` and write its brief to `path` in the background; False if busy."""
        job = brief_job(scenario, path, self.time_limit, control or remembered())
        if not self.worker.start("brief", job):
            return False
        self.started.emit()
        self._open_dialog(path)
        return True

    def _open_dialog(self, path: Path) -> None:
        """How far the export is, with Cancel; the window stays live beside it."""
        self._close_dialog()
        dialog = QProgressDialog(
            f"Solving and writing the brief to {path.name}…", "Cancel", 0, 0, self.host.window()
        )
        dialog.setObjectName("briefProgress")
        dialog.setWindowTitle("Export brief")
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel)
        dialog.setValue(0)
        dialog.show()
        self.dialog = dialog

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        dialog.canceled.disconnect(self.cancel)  # closing it is not a Cancel
        dialog.close()
        dialog.deleteLater()

    def export_brief(
        self, path: str | Path | None = None, control: DocumentControl | None = None
    ) -> bool:
        """Start writing the brief of the scenario as it is now; False if nothing started.

        Without `path` the planner chooses the file and then the document-control
        fields (:mod:`ui.commands.brief_details`); with it, `control` or the
        remembered fields are used as they are.
        """
        if self.busy:
            self.host.show_message("A brief is already being written; wait for it to finish.")
            return False
        document = self.host.document
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self.host.window(), "Export brief", suggested_name(document), PDF_FILTER
            )
            if not path:
                return False
            control = self.ask_details(document)
            if control is None:
                return False
        target = Path(path)
        self.start(document.scenario, target, control)
        self.host.show_message(f"Solving and writing the brief to {target.name}…")
        return True

    def ask_details(self, document: Document) -> DocumentControl | None:
        """The document-control fields from the planner (None if cancelled); remembered."""
        start = remembered()
        if document.origin is not None:
            start = replace(start, version=str(document.origin))
        dialog = BriefDetailsDialog(self.host.window(), start)
        if dialog.exec() != BriefDetailsDialog.DialogCode.Accepted:
            return None
        control = dialog.control()
        remember(control)
        return control

    def cancel(self) -> None:
        """Stop the export at the next solve; nothing is written."""
        self.worker.cancel()
        if self.worker.busy:  # the dialog hides itself on Cancel; the status bar says the rest
            self.progress.emit("Brief: cancelling; nothing will be written…")

    def shutdown(self, wait_ms: int = 30_000) -> None:
        """Cancel a running export and wait for its thread, so nothing outlives the window."""
        self.worker.shutdown(wait_ms)
        self._close_dialog()

    def _on_progress(self, done: int, total: int) -> None:
        if (done, total) == SOLVING:
            text = "Brief: solving…"
        else:
            text = f"Brief: analyses {done} of {total} done…"
        dialog = self.dialog
        if dialog is not None and not dialog.wasCanceled():
            dialog.setLabelText(text)
            dialog.setRange(0, max(0, total))  # 0 of 0: busy while it solves
            dialog.setValue(min(done, total))
        self.progress.emit(text)

    def _on_done(self, outcome: tuple[str, bool]) -> None:
        message, written = outcome
        self.finished.emit(message, written)
