"""What happens on an error nobody caught: the log, the autosave, one dialog.

``sys.excepthook`` (errors in the GUI thread, a slot that raised) and
``threading.excepthook`` (any other thread) write the traceback to the log
(:mod:`ui.log_file`), write the autosave now so the unsaved work survives
even if the process dies next, and tell the planner once, in one dialog,
where the log is. A worker thread's error reaches the dialog through a
queued signal: widgets are only touched on the GUI thread.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.log_file import log, log_path, start_log

Tell = Callable[[str], object]


class CrashHandler(QObject):
    """Installed once for the app; `tell` shows the dialog (tests replace it)."""

    crashed = Signal(str)

    def __init__(self, window: QWidget, save_work: Callable[[], object]) -> None:
        super().__init__(window)
        self.window = window
        self.save_work = save_work
        self.log = start_log()
        self.told = False
        self.tell: Tell = self._dialog
        self.crashed.connect(self._on_crashed)  # queued from other threads
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> CrashHandler:
        sys.excepthook = self.on_exception
        threading.excepthook = self.on_thread_exception
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def on_exception(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous[0](kind, error, trace)
            return
        text = "".join(traceback.format_exception(kind, error, trace))
        log().error("Unexpected error:\n%s", text)
        self.crashed.emit(f"{kind.__name__}: {error}")

    def on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        self.on_exception(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def _on_crashed(self, summary: str) -> None:
        try:
            self.save_work()
        except Exception as exc:  # noqa: BLE001 (the report must still reach the planner)
            log().error("The autosave after the error failed too: %s", exc)
        if self.told:  # one dialog a session; the log has every error
            return
        self.told = True
        self.tell(self.message(summary))

    def message(self, summary: str) -> str:
        where = str(self.log or log_path())
        kept = "Your unsaved work was written to the autosave; if the app closes, it is offered"
        return (
            f"Force Planner hit an error it did not expect ({summary}).\n\n"
            f"{kept} back at the next start.\n\n"
            f"The details are in the log file:\n{where}\n"
            "Please send that file with what you were doing. Saving your work now is wise."
        )

    def _dialog(self, text: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected error", text, parent=self.window)
        box.setObjectName("crashDialog")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copy the path
        box.open()  # not exec(): the event loop keeps running
        return box
