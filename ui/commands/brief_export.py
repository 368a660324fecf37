"""File > Export brief: the PDF brief of the scenario as it stands, off the UI thread.

``brief_job`` runs :func:`planner.brief.make.make_brief`, the command line's way (the same
analyses, time limit and pages), as one job for the window's kind of
:class:`ui.workers.worker.Worker` (its own one, so a brief and a solve can run side by
side) and ends in a sentence for the status bar. It takes the plan on screen when that is
the proven optimum of this scenario, and the analyses dock's finished results where they
are exactly what the brief would compute, so a planner who has run them waits only for
the rest. ``BriefCommands`` is the command group the window owns
(``window.brief``): it asks for a file name unless one is given, runs the
job, and says what happened through ``progress`` and ``finished``. While it
runs a progress dialog (not modal: the window stays live) says how far the
brief is and has a Cancel button, which stops it with nothing written.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from planner.analyses import BRIEF_SECONDS
from planner.brief.control import DocumentControl
from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from ui.commands.actions import ActionSpec, Entry
from ui.commands.brief_details import BriefDetailsDialog, remember, remembered
from ui.commands.window_host import BriefHost
from ui.workers.worker import Job, Progress, Worker

if TYPE_CHECKING:
    from planner.brief.make import MadeBrief
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


Outcome = tuple[str, bool, dict[str, object]]
"""A brief job's end: the sentence, whether it was written, its analyses by name (kept for
the next brief of the same scenario)."""


def brief_job(
    scenario: Scenario,
    path: Path,
    control: DocumentControl | None = None,
    plan: PlanResult | None = None,
    ready: Mapping[str, object] | None = None,
    stage: Callable[[str], None] | None = None,
    time_limit: float | None = BRIEF_SECONDS,
) -> Job:
    """The brief as the command line makes it (:func:`planner.brief.make.make_brief`: the
    same analyses, time limit and pages), taking the plan on screen and the analyses dock's
    finished results where they are exactly what it would compute; ends in an
    :data:`Outcome`. `stage` hears each step in words, from the worker thread."""

    def job(cancel: threading.Event, progress: Progress) -> Outcome:
        from planner.brief.make import make_brief

        def announce(what: str) -> Progress:
            if stage is not None:
                stage(what)
            return progress  # the work of this step, for the dialog's bar

        try:
            made = make_brief(
                scenario,
                path,
                control,
                time_limit=time_limit,
                plan=plan,
                ready=ready,
                announce=announce,
                cancel=cancel,
            )
        except OSError as exc:
            why = exc.strerror or exc
            return f"Could not write {path.name}: {why}; choose another folder.", False, {}
        except Exception as exc:  # noqa: BLE001 - reported to the planner, not swallowed
            return f"The brief could not be made: {exc}", False, {}
        if made is None:
            return "Brief export cancelled; nothing was written.", False, {}
        return written_sentence(path, made), True, dict(made.analyses.results)

    return job


def written_sentence(path: Path, made: MadeBrief) -> str:
    """'Brief written to X.pdf: 17 pages, plan optimal; 3 analyses already run were not run
    again. Not finished within ...': one line for the status bar."""
    text = f"Brief written to {path.name}: {made.pages} pages, plan {made.result.status}"
    reused = len(made.analyses.reused)
    if reused:
        were = "analysis already run was" if reused == 1 else "analyses already run were"
        text += f"; {reused} {were} not run again"
    text += "."
    note = made.analyses.unfinished_sentence() or (made.warnings[0] if made.warnings else "")
    return f"{text} {note[:1].upper()}{note[1:]}" if note else text


class BriefCommands(QObject):
    """One export at a time; ``finished(message, written)`` arrives on the GUI thread."""

    started = Signal()
    progress = Signal(str)  # what the export is doing now
    finished = Signal(str, bool)  # message, whether the brief was written
    _stage = Signal(str)  # the step the job starts, emitted from its thread (queued here)

    def __init__(self, host: BriefHost, time_limit: float | None = BRIEF_SECONDS) -> None:
        super().__init__(host.window())
        self.host = host
        self.time_limit = time_limit
        self.stage = ""
        self._scenario: Scenario | None = None  # of the export under way
        self._last: tuple[Scenario | None, dict[str, object]] = (None, {})
        """The scenario of the last brief written and its analyses: a second export of it
        (another marking, another file) runs none of them again."""
        self.worker = Worker(self, "The brief could not be made")
        self._stage.connect(self._on_stage)
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
        """Write the brief of `scenario` to `path` in the background; False if busy. The plan
        on screen and the dock's finished analyses are handed over: the brief takes those
        that are exactly what it would compute (the proven optimum of this scenario, results
        of the same runs) and solves or runs the rest."""
        job = brief_job(
            scenario,
            path,
            control or remembered(),
            plan=self.host.document.result,
            ready={**self._last_brief(scenario), **self.host.finished_analyses()},
            stage=self._stage.emit,
            time_limit=self.time_limit,
        )
        self._scenario = scenario
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

    def _on_stage(self, what: str) -> None:
        """A step starts ('solving', 'analysis 2 of 6: odds of a force, ...'): the dialog
        says so and is busy until the step reports work."""
        self.stage = f"Brief: {what}…"
        dialog = self.dialog
        if dialog is not None and not dialog.wasCanceled():
            dialog.setLabelText(self.stage)
            dialog.setRange(0, 0)
        self.progress.emit(self.stage)

    def _on_progress(self, done: int, total: int) -> None:
        """The work done of the step under way: the dialog's bar."""
        dialog = self.dialog
        if dialog is not None and not dialog.wasCanceled() and total > 0:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))

    def _last_brief(self, scenario: Scenario) -> dict[str, object]:
        """The analyses of the last brief written, when it was of this very scenario."""
        last, results = self._last
        return dict(results) if last == scenario else {}

    def _on_done(self, outcome: Outcome) -> None:
        message, written, results = outcome
        if written and self._scenario is not None:
            self._last = (self._scenario, results)
        self.finished.emit(message, written)
