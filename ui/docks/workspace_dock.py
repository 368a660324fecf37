"""The workspace browser: scenarios, their versions and kept results, in a dock.

It only shows and selects; opening, saving and comparing are the window's
commands (``ui.commands.workspace_commands``), reached through the dock's signals.
Versions load when a scenario is expanded, so a workspace of thousands of
versions opens as fast as one of ten.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.workspace import ResultInfo, VersionInfo, Workspace, WorkspaceError
from ui import numbers
from ui.words import objective_figure, objective_label

ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Scenario / version", "Saved (UTC)", "By", "Message / changes")
PLACEHOLDER = "loading…"


class WorkspaceDock(QDockWidget):
    """Tree of the workspace; emits what the planner asked for."""

    openRequested = Signal(str, int)  # scenario name, version number
    compareRequested = Signal()
    saveRequested = Signal()
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Workspace", parent)
        self.setObjectName("workspaceDock")
        self.workspace: Workspace | None = None
        self.path_label = QLabel()
        self.path_label.setObjectName("workspacePath")
        self.path_label.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("workspaceProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        self.tree = QTreeWidget()
        self.tree.setObjectName("workspaceTree")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.itemExpanded.connect(self._fill_versions)
        self.tree.itemActivated.connect(lambda *_: self.open_selected())
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.open_button = self._button("&Open", "workspaceOpen", self.open_selected)
        self.compare_button = self._button("Co&mpare", "workspaceCompare", self.compareRequested)
        self.save_button = self._button("&Save…", "workspaceSave", self.saveRequested)
        self.save_button.setToolTip("Save what is on screen as a new version (Ctrl+Alt+S)")
        self.refresh_button = self._button("Refresh", "workspaceRefresh", self.reload)
        self.refresh_button.setShortcut(QKeySequence("F5"))
        buttons = QHBoxLayout()
        for button in (self.open_button, self.compare_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.refresh_button)
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.path_label)
        box.addWidget(self.problem)
        box.addWidget(self.tree)
        box.addLayout(buttons)
        self.setWidget(body)
        self.toggleViewAction().triggered.connect(lambda shown: shown and self.reload())
        self._update_buttons()

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # -- filling -------------------------------------------------------------------
    def show_workspace(self, workspace: Workspace) -> bool:
        self.workspace = workspace
        self.path_label.setText(f"File: {workspace.path}")
        self.path_label.setToolTip(str(workspace.path))
        return self.refresh()

    def reload(self) -> bool:
        """Refresh on the planner's request: a problem is also reported (a dialog)."""
        ok = self.refresh()
        if not ok and self.problem.text():
            self.failed.emit(self.problem.text())
        return ok

    def refresh(self) -> bool:
        """Re-read the scenario list, keeping expanded ones expanded; False on failure.

        A failure shows in the dock only; :meth:`reload` also reports it.
        """
        if self.workspace is None:
            return False
        expanded = {top.data(0, ROLE)[1] for top in self._scenario_items() if top.isExpanded()}
        current = self.tree.currentItem()
        keep = current.data(0, ROLE) if current is not None else None
        try:
            rows = self.workspace.scenarios()
        except WorkspaceError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            self.tree.clear()
            return False
        self.problem.setText("")
        self.problem.hide()
        self.tree.clear()
        for info in rows:
            item = QTreeWidgetItem(
                [
                    info.name,
                    info.updated_at.replace("T", " ").rstrip("Z"),
                    "",
                    f"{_count(info.versions, 'version')}, {_count(info.results, 'result')}",
                ]
            )
            item.setData(0, ROLE, ("scenario", info.name))
            item.addChild(QTreeWidgetItem([PLACEHOLDER]))
            self.tree.addTopLevelItem(item)
            if info.name in expanded:
                item.setExpanded(True)
        if not rows:
            empty = QTreeWidgetItem(["(empty: save a version to start, Ctrl+Alt+S)"])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tree.addTopLevelItem(empty)
        self.tree.resizeColumnToContents(0)
        if keep and keep[0] in ("scenario", "version"):
            self.select(keep[1], keep[2] if keep[0] == "version" else None)
        self._update_buttons()
        return True

    def _fill_versions(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, ROLE)
        first = item.child(0)
        if not data or data[0] != "scenario" or first is None or first.text(0) != PLACEHOLDER:
            return
        name = data[1]
        try:
            versions = self.workspace.history(name) if self.workspace else []
            results = self.workspace.results(name) if self.workspace else []
        except WorkspaceError as exc:
            self._report(str(exc))
            return
        item.takeChildren()
        by_version: dict[int, list[ResultInfo]] = {}
        for result in results:
            by_version.setdefault(result.version, []).append(result)
        for version in reversed(versions):  # newest first
            child = _version_item(version)
            for result in by_version.get(version.number, []):
                child.addChild(_result_item(result))
            item.addChild(child)

    def _report(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        self.failed.emit(message)

    # -- selection -----------------------------------------------------------------
    def selected(self) -> list[tuple]:
        """The data of the selected versions and results: ("version", name, n) / ("result", ...)."""
        return [
            item.data(0, ROLE)
            for item in self.tree.selectedItems()
            if item.data(0, ROLE) and item.data(0, ROLE)[0] in ("version", "result")
        ]

    def _scenario_items(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]

    def select(self, name: str, number: int | None = None) -> QTreeWidgetItem | None:
        """Select a scenario (expanded) or one of its versions; the item, or None."""
        for top in self._scenario_items():
            if top.data(0, ROLE) != ("scenario", name):
                continue
            top.setExpanded(True)
            target = top
            for child in _children(top):
                if number is not None and child.data(0, ROLE) == ("version", name, number):
                    target = child
            # explicit: the default follows the keyboard modifiers held at the moment
            self.tree.setCurrentItem(target, 0, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            return target
        return None

    def open_selected(self) -> bool:
        versions = [d for d in self.selected() if d[0] == "version"]
        if len(versions) != 1:
            return False
        self.openRequested.emit(versions[0][1], versions[0][2])
        return True

    def _update_buttons(self) -> None:
        chosen = self.selected()
        kinds = {d[0] for d in chosen}
        self.open_button.setEnabled(len(chosen) == 1 and kinds == {"version"})
        self.compare_button.setEnabled(len(kinds) == 1 and len(chosen) in (1, 2))
        self.compare_button.setToolTip(
            "Two versions or two results side by side; one version against the plan on screen"
        )


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    children = (item.child(j) for j in range(item.childCount()))
    return [child for child in children if child is not None]


def _count(number: int, noun: str) -> str:
    return f"{numbers.whole(number)} {noun}" + ("" if number == 1 else "s")


def _version_item(version: VersionInfo) -> QTreeWidgetItem:
    changes = numbers.localised(version.changes)
    note = version.message or changes
    if version.message and version.changes and version.changes != "first version":
        note = f"{version.message} — {changes}"
    label = f"@{version.number}" + ("  [plan kept]" if version.has_plan else "")
    item = QTreeWidgetItem(
        [label, version.created_at.replace("T", " ").rstrip("Z"), version.author, note]
    )
    item.setToolTip(3, changes)
    item.setData(0, ROLE, ("version", version.name, version.number))
    return item


def _result_item(result: ResultInfo) -> QTreeWidgetItem:
    value = (
        ""
        if result.objective_value is None
        else f" {objective_figure(result.objective, result.objective_value)}"
    )
    total = "" if result.total_troops is None else f", {numbers.whole(result.total_troops)} troops"
    text = f"result {result.id}: {objective_label(result.objective)} {result.status}{value}{total}"
    item = QTreeWidgetItem(
        [text, result.created_at.replace("T", " ").rstrip("Z"), result.author, result.solver]
    )
    item.setData(0, ROLE, ("result", result.id, result.name, result.version))
    return item
