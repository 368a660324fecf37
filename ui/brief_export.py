"""File > Export brief: solve the scenario as it stands and write the PDF brief, off the UI thread.

``BriefExporter`` runs ``planner.solve.solve`` and ``planner.brief.write_brief``
in one job on a private ``QThreadPool`` and reports a sentence for the status
bar. ``BriefCommands`` is the window's mixin (like ``FileCommands``): it asks
for a file name unless one is given, and shows what happened.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog

from planner.scenario.model import Scenario
from planner.status import Status

PDF_FILTER = "PDF brief (*.pdf);;All files (*)"


class _Signals(QObject):
    done = Signal(str, bool)  # message, whether the brief was written
    progress = Signal(str)  # what the export is doing now


class _BriefTask(QRunnable):
    def __init__(
        self,
        scenario: Scenario,
        path: Path,
        time_limit: float | None,
        cancel: threading.Event,
        signals: _Signals,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._scenario, self._path, self._time_limit = scenario, path, time_limit
        self._cancel, self._signals = cancel, signals

    def run(self) -> None:
        from planner.brief import write_brief
        from planner.brief.analyses import BRIEF_DEFAULT, run_analyses
        from planner.solve import solve

        def analysed(done: int, total: int) -> None:
            self._signals.progress.emit(f"Brief: analyses {done} of {total} done…")

        try:
            self._signals.progress.emit("Brief: solving…")
            result = solve(self._scenario, time_limit=self._time_limit, cancel=self._cancel)
            self._signals.progress.emit(f"Brief: analyses 0 of {len(BRIEF_DEFAULT)} done…")
            analyses = run_analyses(
                self._scenario,
                None,
                BRIEF_DEFAULT,
                result,
                cancel=self._cancel,
                progress=analysed,
            )
            if result.status == Status.CANCELLED or self._cancel.is_set():
                self._signals.done.emit("Brief export cancelled; nothing was written.", False)
                return
            pages = write_brief(self._scenario, result, self._path, analyses=analyses)
        except OSError as exc:
            self._signals.done.emit(
                f"Could not write {self._path.name}: {exc.strerror or exc}; choose another folder.",
                False,
            )
        except Exception as exc:  # noqa: BLE001 - reported to the planner, not swallowed
            self._signals.done.emit(f"The brief could not be made: {exc}", False)
        else:
            self._signals.done.emit(
                f"Brief written to {self._path.name}: {pages} pages, plan {result.status}.", True
            )


class BriefExporter(QObject):
    """One export at a time; ``finished(message, written)`` arrives on the GUI thread."""

    started = Signal()
    progress = Signal(str)
    finished = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.progress.connect(self.progress)
        self._cancel: threading.Event | None = None

    @property
    def busy(self) -> bool:
        return self._cancel is not None

    def start(self, scenario: Scenario, path: Path, time_limit: float | None = None) -> bool:
        """Solve `scenario` and write its brief to `path` in the background; False if busy."""
        if self.busy:
            return False
        self._cancel = threading.Event()
        self._pool.start(_BriefTask(scenario, path, time_limit, self._cancel, self._signals))
        self.started.emit()
        return True

    def cancel(self) -> None:
        """Stop the export at the next solve; nothing is written."""
        if self._cancel is not None:
            self._cancel.set()

    def shutdown(self, wait_ms: int = 30_000) -> None:
        """Cancel a running export and wait for its thread, so nothing outlives the window."""
        if self._cancel is not None:
            self._cancel.set()
        self._pool.waitForDone(wait_ms)

    def _on_done(self, message: str, written: bool) -> None:
        self._cancel = None
        self.finished.emit(message, written)


class BriefCommands:
    """File > Export brief… for :class:`ui.main_window.MainWindow`; expects ``document``,
    ``worker``, ``brief_exporter`` and ``show_message``."""

    def export_brief(self, path: str | Path | None = None) -> bool:
        """Start writing the brief of the scenario as it is now; False if nothing started."""
        if self.brief_exporter.busy:
            self.show_message("A brief is already being written; wait for it to finish.")
            return False
        if not path:
            start = ""
            if self.document.path is not None:
                start = str(Path(self.document.path).with_suffix(".pdf"))
            path, _ = QFileDialog.getSaveFileName(self, "Export brief", start, PDF_FILTER)
            if not path:
                return False
        target = Path(path)
        self.brief_exporter.start(self.document.scenario, target, self.worker.time_limit)
        self.show_message(f"Solving and writing the brief to {target.name}…")
        return True
