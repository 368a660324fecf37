"""Short file work beside the window: the worker thread reads or writes, a modal progress
dialog keeps the window painted and answering, and the caller gets the result back.

Spreadsheets can take seconds at their size limits (an XLSX of 10,000 rows
takes five); done on the GUI thread the window would freeze. The dialog
appears only when the work takes longer than :data:`SHOW_AFTER_MS`, and
blocks edits to the document until the work is done, so the result always
applies to the scenario it was made from.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from planner.errors import PlannerError
from ui.workers.worker import Progress, Worker

T = TypeVar("T")
SHOW_AFTER_MS = 400


class Cancelled(Exception):
    """The planner pressed Cancel; nothing was changed."""


def run_beside(
    parent: QWidget, worker: Worker, label: str, work: Callable[[], T], cancellable: bool = True
) -> T:
    """`work()` on `worker`'s thread; its PlannerError is raised here, Cancelled on Cancel.

    A cancelled read is abandoned (its late answer is dropped); a write has no
    Cancel, because an atomic write is either whole or not there.
    """

    def job(cancel: threading.Event, progress: Progress) -> tuple[str, Any]:
        try:
            return "done", work()
        except PlannerError as exc:
            return "refused", exc

    if not worker.start("spreadsheet", job):
        raise PlannerError("a spreadsheet is still being read or written; wait for it to finish")
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def finished(result: object) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(message: str) -> None:
        outcome["failed"] = message
        loop.quit()

    def cancelled() -> None:
        outcome["cancelled"] = True
        worker.cancel()
        loop.quit()

    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setObjectName("spreadsheetProgress")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setValue(0)  # starts its clock: it shows itself once SHOW_AFTER_MS have passed
    if not cancellable:
        dialog.setCancelButton(cast(QPushButton, None))
    worker.finished.connect(finished)
    worker.failed.connect(failed)
    dialog.canceled.connect(cancelled)
    try:
        if worker.busy:
            loop.exec()
    finally:
        dialog.canceled.disconnect(cancelled)
        worker.finished.disconnect(finished)
        worker.failed.disconnect(failed)
        dialog.close()
        dialog.deleteLater()
    if outcome.get("cancelled"):
        raise Cancelled
    if "failed" in outcome:
        raise PlannerError(outcome["failed"])
    kind, value = outcome["result"]
    if kind == "refused":
        raise value
    return cast(T, value)
