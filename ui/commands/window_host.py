"""What the window's command groups may ask of the window, as small Protocols.

Each command group (files, workspace, spreadsheets, recovery, brief) is a
class that receives its host instead of being mixed into ``MainWindow``:
the Protocol names exactly what it uses, so mypy checks both sides and a
test can hand a group a stand-in. ``window()`` is ``QWidget.window()``:
the widget the group's dialogs belong to.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget

from planner.result.document import PlanResult
from ui.document import ScenarioDocument


class WindowHost(Protocol):
    """The document on screen, the parent of dialogs, and the status bar."""

    @property
    def document(self) -> ScenarioDocument: ...

    def window(self) -> QWidget: ...

    def show_message(self, text: str) -> None: ...


class FileHost(WindowHost, Protocol):
    """Files also retitle the window and save workspace work as a version."""

    def update_title(self) -> None: ...

    def save_version(self) -> bool: ...


class WorkspaceHost(WindowHost, Protocol):
    """The workspace also asks before losing changes and shows a kept result."""

    def update_title(self) -> None: ...

    def confirm_discard(self) -> bool: ...

    def show_kept_result(self, result: PlanResult, note: str) -> None: ...


class BriefHost(WindowHost, Protocol):
    """The brief also takes the analyses the dock has finished on the scenario on screen."""

    def finished_analyses(self) -> dict[str, object]: ...
