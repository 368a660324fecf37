"""The main window: scenario editors, allocation grid, charts and explanation around one document.

The window wires views to the :class:`ScenarioDocument` and a
:class:`ui.workers.worker.Worker`; it computes nothing itself (numbers come from
``planner.scenario.evaluate`` and ``planner.solve``). It is composed of
parts: the command groups (``files``, ``workspace``, ``sheets``,
``recovery``, ``brief``) each receive the window as the small Protocol of
:mod:`ui.commands.window_host` they need, and the menus are one table
(:mod:`ui.commands.actions`). The scenario editors sit in tabs above the allocation
grid so everything fits at 1366x768; the docks share one tabbed place below.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QRect, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan
from planner.status import Status
from ui import numbers, settings
from ui.accessibility import name_widgets
from ui.commands.actions import ActionSpec, Entry, MenuSpec, build_menus
from ui.commands.brief_export import BriefCommands
from ui.commands.edit_commands import EditCommands
from ui.commands.file_commands import APP_TITLE, FileCommands
from ui.commands.fixed_buttons import fix_widths
from ui.commands.navigation import select_constraint
from ui.commands.panes import PaneCycle
from ui.commands.recovery_commands import RecoveryCommands
from ui.commands.row_commands import NATION, REQUIREMENT, UNIT, EditTable
from ui.commands.spreadsheet_commands import SpreadsheetCommands
from ui.commands.table_exit import TableExit
from ui.commands.workspace_commands import WorkspaceCommands
from ui.dialogs import show_about
from ui.docks.analyses_dock import AnalysesDock
from ui.docks.dock_layout import LAYOUT_VERSION, share_bottom
from ui.docks.workspace_dock import WorkspaceDock
from ui.document import ScenarioDocument
from ui.editors.allocation_model import AllocationModel
from ui.editors.areas_editor import AreasEditor
from ui.editors.conditions_editor import ConditionsEditor
from ui.editors.delegates import NumberDelegate, StatusDelegate
from ui.editors.editor_tabs import EditorTabs
from ui.editors.grid_frozen import FooterTable, FrozenColumnTable
from ui.editors.grid_slice import Slice
from ui.editors.grid_totals import TotalsModel
from ui.editors.nations_model import COLUMNS, NationsModel
from ui.editors.periods_editor import PeriodsEditor
from ui.editors.row_filter import NationRows, nation_filter, sortable
from ui.editors.scenario_tables import OffersModel, RequirementsModel, UnitTypesModel
from ui.editors.slice_bar import SliceBar
from ui.editors.target_form import TargetForm
from ui.plan_state import PlanState, plan_state
from ui.views.analyses.backstop import BackstopView
from ui.views.analyses.base import AnalysisView
from ui.views.analyses.odds import OddsView
from ui.views.analyses.pareto import ParetoView
from ui.views.analyses.sensitivity import SensitivityView
from ui.views.analyses.stability import StabilityView
from ui.views.analyses.sustainment import SustainmentView
from ui.views.analyses.withdrawal import WithdrawalView
from ui.views.area_views import AreaViews
from ui.views.chart_tabs import ChartTabs
from ui.views.charts import ChartsPanel
from ui.views.explanation_panel import ExplanationPanel
from ui.views.timeline_chart import TimelineChart
from ui.workers.auto_optimise import AutoOptimiser
from ui.workers.autosave import Autosaver
from ui.workers.solve_job import SOLVE_ERROR, WINDOW_TIME_LIMIT, solve_job
from ui.workers.worker import Worker

DEFAULT_SIZE = (1600, 960)
MINIMUM_SIZE = (960, 600)
"""Below this the grid and the charts stop being readable; a 1366x768 laptop fits.

A smaller free area (1366x768 at a scale factor of 1.5 is 910x512) lowers it
to that area: a window larger than the screen hides its totals, status and
buttons, which is worse than a cramped one (``minimum_size``)."""


EDITORS_SHARE = 0.38
"""Of the left column's height, what the editors above the grid get when the window opens."""


def minimum_size(available: QRect | None) -> tuple[int, int]:
    """MINIMUM_SIZE, lowered to the screen's free area when that is smaller."""
    if available is None or available.isEmpty():
        return MINIMUM_SIZE
    return min(MINIMUM_SIZE[0], available.width()), min(MINIMUM_SIZE[1], available.height())


def fitted_size(available: QRect | None) -> tuple[int, int]:
    """DEFAULT_SIZE, shrunk to the screen's free area (a laptop, a scale factor of 1.5)."""
    if available is None or available.isEmpty():
        return DEFAULT_SIZE
    least = minimum_size(available)
    width = max(least[0], min(DEFAULT_SIZE[0], available.width()))
    height = max(least[1], min(DEFAULT_SIZE[1], available.height()))
    return width, height


MESSAGE_MS = 8000
TOOLBAR = (
    "openAction",
    "saveAction",
    None,
    "undoAction",
    "redoAction",
    None,
    "optimiseAction",
    "cancelAction",
    "autoOptimiseAction",
)
"""The toolbar's actions by name (None: a separator)."""


class MainWindow(QMainWindow):
    """One scenario, edited, optimised and charted."""

    def __init__(
        self,
        scenario: Scenario | None = None,
        path: Path | None = None,
        remember: bool = True,
    ) -> None:
        """`remember` False: neither restore nor save layout and files (screenshots, benches)."""
        super().__init__()
        self.setObjectName("mainWindow")
        screen = QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else None
        self.setMinimumSize(*minimum_size(free))
        self.resize(*fitted_size(free))
        self.remember = remember
        self.document = ScenarioDocument(scenario, self)
        self.document.path = path
        self.time_limit = WINDOW_TIME_LIMIT  # of solves from the window (the brief has its own)
        self.worker = Worker(self, SOLVE_ERROR)
        self.auto = AutoOptimiser(self.document, self._auto_solve, parent=self)
        self.autosaver = Autosaver(self.document, self._origin, parent=self) if remember else None
        self._busy_text = ""  # what the solver is doing, while it runs
        self._solve_note = ""  # how the last solve ended, until the document changes
        self.solves_started = 0
        self._keep_next_result = False
        self._shared_out = False  # the editors' share of the height, set at the first show
        self._build_views()
        self.edits = EditCommands(self, self._edit_tables(), self.nation_filter.clear)
        self.files = FileCommands(self, remember)
        self.workspace = WorkspaceCommands(self, self.workspace_dock, remember)
        self.sheets = SpreadsheetCommands(self)
        self.recovery = RecoveryCommands(self, self.autosaver)
        self.brief = BriefCommands(self)
        self.panes = PaneCycle(self._panes)
        self._build_actions()
        self._build_status_bar()
        name_widgets(self)  # what a screen reader says for each input and table
        self.table_exit = TableExit(self)  # Ctrl+Tab out of a table; Tab stays cell by cell
        self._connect()
        self._fit_after_change = False
        self._on_loaded()
        self._on_changed()
        self.workspace_dock.hide()  # View > Workspace (Ctrl+Shift+W) or a save shows it
        self.workspace.refresh(report=False)  # a broken workspace is said when it is used
        if remember:
            self._restore_layout()
            if path is not None:
                settings.add_recent(path)

    # -- construction ------------------------------------------------------------
    def _build_views(self) -> None:
        self.nations_model = NationsModel(self.document)
        self.nations_rows = NationRows(self.document, self.nations_model)  # sorted, filtered
        self.nations_table = self._table("nationsTable", self.nations_rows)
        sortable(self.nations_table)
        header = self.nations_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)  # the names keep their width: narrow, the table scrolls
        self.status_delegate = StatusDelegate(self.nations_table)
        status_column = [c.field for c in COLUMNS].index("status")
        self.nations_table.setItemDelegateForColumn(status_column, self.status_delegate)
        self.unit_types_model = UnitTypesModel(self.document)
        self.unit_types_table = self._table("unitTypesTable", self.unit_types_model)
        self.unit_types_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.offers_model = OffersModel(self.document)
        self.offers_rows = NationRows(self.document, self.offers_model)
        self.offers_grid = self._table("offersGrid", self.offers_rows)
        sortable(self.offers_grid)
        self.offers_grid.horizontalHeader().setDefaultSectionSize(44)
        self.requirements_model = RequirementsModel(self.document)
        self.requirements_table = self._table("requirementsTable", self.requirements_model)
        self.target_form = TargetForm(self.document)
        self.areas_editor = AreasEditor(self.document, self._table)
        self.conditions_editor = ConditionsEditor(self.document, self._table)
        self.periods_editor = PeriodsEditor(self.document)
        self.tabs = EditorTabs()
        self.tabs.setObjectName("scenarioTabs")
        for widget, title in (
            (self.nations_table, "&Nations"),
            (self.unit_types_table, "&Unit types"),
            (self.offers_grid, "O&ffers"),
            (self.requirements_table, "Re&quirements"),
            (self.areas_editor, "&Areas"),
            (self.conditions_editor, "Con&ditions"),
            (self.target_form, "&Target && rules"),
            (self.periods_editor, "Peri&ods"),
        ):
            self.tabs.addTab(widget, title)
        self.nation_filter = nation_filter((self.nations_rows, self.offers_rows))
        self.tabs.setCornerWidget(self.nation_filter, Qt.Corner.TopRightCorner)
        self.allocation_model = AllocationModel(self.document, self)
        self.allocation_grid = FrozenColumnTable()  # each nation's troops beside its name
        self._table("allocationGrid", self.allocation_model, self.allocation_grid)
        self.allocation_grid.frozen.setObjectName("allocationTroops")
        self.totals_model = TotalsModel(self.document, self.allocation_model)
        self.totals_grid = FooterTable(self.allocation_grid)  # units of each type vs needs
        self._table("allocationTotals", self.totals_model, self.totals_grid)
        self.totals_grid.frozen.setObjectName("allocationTotalTroops")
        self.allocation_grid.horizontalHeader().setDefaultSectionSize(44)
        self.allocation_grid.horizontalHeader().setMinimumSectionSize(30)
        self.allocation_grid.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.plan_label = QLabel()
        self.plan_label.setObjectName("planStatusLabel")
        self.slice_bar = SliceBar()  # which area and period the grid shows (scenario@2)
        self.grid_note = QLabel()  # why the grid is read-only, while it shows sums
        self.grid_note.setObjectName("gridNote")
        self.grid_note.setWordWrap(True)  # never widens the grid's side of the window
        self.grid_note.setStyleSheet("color: #555;")
        self.grid_note.hide()
        self.charts = ChartsPanel()
        self.area_views = AreaViews()
        self.timeline = TimelineChart()  # first, and shown, over several periods
        self.chart_tabs = ChartTabs(
            self.timeline,
            self.charts,
            ((self.area_views.chart.plot, "By area"), (self.area_views.map_pane, "Map")),
        )
        self.explanation = ExplanationPanel()

        self.edit_message = QLabel()
        self.edit_message.setObjectName("editMessage")
        self.edit_message.setWordWrap(True)
        self.edit_message.setStyleSheet("color: #b00020;")
        self.edit_message.hide()
        editors = QWidget()
        editors_box = QVBoxLayout(editors)
        editors_box.setContentsMargins(0, 0, 0, 0)
        editors_box.addWidget(self.tabs)
        editors_box.addWidget(self.edit_message)

        grid_box = QWidget()
        box = QVBoxLayout(grid_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.plan_label)
        box.addWidget(self.slice_bar)
        box.addWidget(self.grid_note)
        table_box = QVBoxLayout()
        table_box.setSpacing(0)  # the totals read as the grid's last rows
        table_box.addWidget(self.allocation_grid)
        table_box.addWidget(self.totals_grid)
        box.addLayout(table_box)
        left = self._splitter(Qt.Orientation.Vertical, editors, grid_box, [380, 520])
        self._editors_split = left  # shared out again at the first show (showEvent)
        left.setStretchFactor(0, 1)  # the grid keeps its rows; the editors give way
        left.setStretchFactor(1, 0)
        right = self._splitter(
            Qt.Orientation.Vertical, self.chart_tabs, self.explanation, [790, 110]
        )
        right.setStretchFactor(0, 1)  # a dock opening below takes from the charts, not the text
        right.setStretchFactor(1, 0)
        main = self._splitter(Qt.Orientation.Horizontal, left, right, [720, 880])
        main.setStretchFactor(0, 9)  # a dock opening beside them takes from both sides
        main.setStretchFactor(1, 11)
        self.setCentralWidget(main)
        self.workspace_dock = WorkspaceDock(self)
        self.analyses_dock = AnalysesDock(
            lambda: self.document.scenario, self, baseline=lambda: self.document.result
        )
        views = (
            WithdrawalView(),
            OddsView(),
            SensitivityView(),
            BackstopView(),
            ParetoView(),
            StabilityView(lambda: self.document.allocation),
            SustainmentView(),
        )
        for view in views:
            self.analyses_dock.add_view(view)
        share_bottom(self, [self.analyses_dock, self.workspace_dock])
        self.analyses_dock.hide()  # View > Analyses (Ctrl+Shift+A) or Plan > Analyses

    @staticmethod
    def _table(name: str, model: QAbstractItemModel, view: QTableView | None = None) -> QTableView:
        view = view if view is not None else QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setItemDelegate(NumberDelegate(view))  # numbers typed the locale's way
        view.setAlternatingRowColors(True)
        view.verticalHeader().setDefaultSectionSize(22)
        return view

    @staticmethod
    def _splitter(
        orientation: Qt.Orientation, first: QWidget, second: QWidget, sizes: list[int]
    ) -> QSplitter:
        splitter = QSplitter(orientation)
        splitter.setObjectName(f"{first.objectName() or 'left'}Splitter")
        splitter.addWidget(first)
        splitter.addWidget(second)
        splitter.setSizes(sizes)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _edit_tables(self) -> list[EditTable]:
        """The tables the Edit menu works on, with the words its undo texts use."""
        name = [c.field for c in COLUMNS].index("name")
        return [
            EditTable(self.nations_table, "the nations", NATION, name),
            EditTable(self.unit_types_table, "the unit types", UNIT, 0),
            EditTable(self.offers_grid, "the offers", NATION),
            EditTable(self.requirements_table, "the requirements", REQUIREMENT),
            EditTable(self.allocation_grid, "the plan", NATION),
        ]

    def _build_actions(self) -> None:
        self.menu_actions, self.menus = build_menus(self, self._menu_table(), TOOLBAR)
        self.edits.install(self.menu_actions)
        toolbar = self.findChild(QToolBar, "mainToolbar")
        undo_redo = [self.menu_actions["undoAction"], self.menu_actions["redoAction"]]
        assert toolbar is not None  # build_menus made it from TOOLBAR
        self.toolbar_buttons = fix_widths(toolbar, undo_redo)  # edits never shift the toolbar
        self.analysis_actions = [
            self.menu_actions[_analysis_action(v)] for v in self.analyses_dock.views()
        ]
        self.files.fill_recent_menu()

    def _menu_table(self) -> list[Entry]:
        """Every menu and action of the window, in menu bar order."""
        std = QKeySequence.StandardKey
        stack = self.document.undo_stack
        analyses_view = self.analyses_dock.toggleViewAction()
        workspace_view = self.workspace_dock.toggleViewAction()
        return [
            MenuSpec("fileMenu", "&File"),
            *self.files.menu_entries("fileMenu"),
            *self.workspace.menu_entries("fileMenu"),
            *self.brief.menu_entries("fileMenu"),
            *self.sheets.menu_entries("fileMenu"),
            ActionSpec("quitAction", "&Quit", "fileMenu", self.close, (std.Quit,), separator=True),
            MenuSpec("editMenu", "&Edit"),
            ActionSpec(
                "undoAction",
                "&Undo",
                "editMenu",
                shortcuts=("Ctrl+Z",),
                action=stack.createUndoAction(self, "&Undo"),
            ),
            ActionSpec(
                "redoAction",
                "&Redo",
                "editMenu",
                shortcuts=("Ctrl+Shift+Z", "Ctrl+Y"),
                action=stack.createRedoAction(self, "&Redo"),
            ),
            *self.edits.menu_entries("editMenu"),
            ActionSpec(
                "lockAction",
                "&Lock / unlock cell",
                "editMenu",
                self.toggle_lock,
                ("Ctrl+L",),
                separator=True,
                widget=self.allocation_grid,
            ),
            MenuSpec("planMenu", "&Plan"),
            ActionSpec("optimiseAction", "&Optimise", "planMenu", self.optimise, ("Ctrl+R",)),
            ActionSpec(
                "cancelAction",
                "&Cancel solve",
                "planMenu",
                self.worker.cancel,
                ("Esc",),
                enabled=False,
            ),
            ActionSpec(
                "autoOptimiseAction",
                "&Auto-optimise",
                "planMenu",
                self.auto.set_enabled,
                ("Ctrl+Shift+R",),
                tooltip="Re-solve by itself a moment after each edit",
                checkable=True,
            ),
            MenuSpec("analysesMenu", "&Analyses", "planMenu"),
            *(
                ActionSpec(
                    _analysis_action(view),
                    f"&{number} {view.title}…",  # Alt+P, A, then the number
                    "analysesMenu",
                    lambda v=view: self.run_analysis(v),
                )
                for number, view in enumerate(self.analyses_dock.views(), start=1)
            ),
            MenuSpec("viewMenu", "&View"),
            ActionSpec(
                "workspaceViewAction",
                workspace_view.text(),
                "viewMenu",
                shortcuts=("Ctrl+Shift+W",),
                action=workspace_view,
            ),
            ActionSpec(
                "analysesViewAction",
                analyses_view.text(),
                "viewMenu",
                shortcuts=("Ctrl+Shift+A",),
                action=analyses_view,
            ),
            *self.panes.menu_entries("viewMenu"),
            MenuSpec("helpMenu", "&Help"),
            ActionSpec("aboutAction", "&About Force Planner", "helpMenu", self.about),
        ]

    def _panes(self) -> list[QWidget]:
        """Where F6 goes, in reading order: the editor shown, the grid, the explanation,
        then the open docks (their widgets are skipped while hidden)."""
        editor = self.tabs.currentWidget()
        found = editor.findChild(QAbstractItemView) if editor is not None else None
        first = found if found is not None else editor
        panes = [first, self.allocation_grid, self.explanation.list]
        panes.append(self.workspace_dock.widget())
        panes.append(self.analyses_dock.tabs.currentWidget())
        return [p for p in panes if p is not None]

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.progress = QProgressBar()
        self.progress.setObjectName("solveProgress")
        self.progress.setRange(0, 0)  # busy indicator: the solver reports no fraction
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.solve_label = QLabel("Not optimised yet")
        self.solve_label.setObjectName("solveStatusLabel")
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.solve_label)

    def _connect(self) -> None:
        self.document.changed.connect(self._on_changed)
        self.document.loaded.connect(self._on_loaded)
        self.document.undo_stack.cleanChanged.connect(self.update_title)
        for model in (
            self.nations_model,
            self.allocation_model,
            self.unit_types_model,
            self.offers_model,
            self.requirements_model,
            self.target_form,
            self.areas_editor.model,
            self.areas_editor.requirements_model,
            self.conditions_editor.model,
            self.periods_editor,
        ):
            model.editRejected.connect(self.show_refusal)
        for model in (self.areas_editor.model, self.conditions_editor.model):
            model.editAccepted.connect(self.show_message)  # a removal says what went with it
        self.document.edited.connect(self.edit_message.hide)
        self.document.loaded.connect(self.edit_message.hide)
        self.document.replayed.connect(self.show_message)  # not the undone edit's own message
        self.allocation_model.editAccepted.connect(self._hint_after_typing)
        self.slice_bar.changed.connect(self._on_slice_chosen)
        self.explanation.list.itemClicked.connect(self._on_explanation_clicked)
        self.worker.started.connect(self._count_solve)
        self.worker.finished.connect(self._on_solved)
        self.worker.failed.connect(self._on_failed)
        self.brief.started.connect(self._on_brief_started)
        self.brief.progress.connect(self.statusBar().showMessage)
        self.brief.finished.connect(self._on_brief_written)
        self.workspace_dock.openRequested.connect(self.workspace.open_version)
        self.workspace_dock.saveRequested.connect(self.workspace.save_to_workspace)
        self.workspace_dock.compareRequested.connect(self.workspace.compare_selected)
        self.workspace_dock.failed.connect(self.workspace.show_workspace_error)
        self.document.changed.connect(self.analyses_dock.scenario_changed)
        for view in self.analyses_dock.views():
            view.planRequested.connect(self.show_analysis_plan)
        if self.autosaver is not None:
            self.autosaver.failed.connect(self.show_message)

    @property
    def result(self) -> PlanResult | None:
        """The last solver result put on screen (None after a load or an analysis plan)."""
        return self.document.result

    # -- user commands -------------------------------------------------------------
    def finished_analyses(self) -> dict[str, object]:
        """The analyses dock's results that ran to the end on the scenario on screen."""
        return self.analyses_dock.finished()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    def confirm_discard(self) -> bool:
        """True when nothing unsaved would be lost (see ``FileCommands.confirm_discard``)."""
        return self.files.confirm_discard()

    def save_version(self) -> bool:
        """The next workspace version of the work on screen (see ``WorkspaceCommands``)."""
        return self.workspace.save_version()

    def show_kept_result(self, result: PlanResult, note: str) -> None:
        """A result kept in the workspace back on screen as the solver left it."""
        self._put_plan(result.allocation, result)
        self._solve_note = note
        self._update_solve_label()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if not self.confirm_discard():
            event.ignore()
            return
        self.auto.set_enabled(False)
        self.worker.shutdown()
        self.brief.shutdown()
        self.sheets.shutdown()
        self.analyses_dock.shutdown()
        if self.remember:
            settings.save_layout(self.saveGeometry(), self.saveState(LAYOUT_VERSION))
        if self.autosaver is not None:
            self.autosaver.discard()  # closed on purpose: nothing to recover
        event.accept()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        """At the first show, the editors get their share of the height the window really has.

        The splitter's first sizes are for a 900 px column; shrunk to a laptop screen, the
        editors (which give way first, so a dock takes from them and not from the grid)
        would keep only their least height.
        """
        super().showEvent(event)
        if not self._shared_out:
            self._shared_out = True
            height = sum(self._editors_split.sizes())
            editors = round(EDITORS_SHARE * height)
            self._editors_split.setSizes([editors, height - editors])

    def _restore_layout(self) -> None:
        """The last run's size, place and docks; never larger than this screen's free area."""
        geometry, state = settings.layout()
        if geometry is not None:
            self.restoreGeometry(geometry)
            self._keep_on_screen()
        if state is not None:
            self.restoreState(state, LAYOUT_VERSION)  # False for an older arrangement

    def _keep_on_screen(self) -> None:
        """A layout saved on a larger screen (or at a smaller scale) is fitted to this one."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
        self.setMinimumSize(*minimum_size(available))
        if self.isMaximized() or available.contains(self.frameGeometry()):
            return
        self.resize(*fitted_size(available))
        self.move(available.topLeft())

    def show_refusal(self, text: str) -> None:
        """A refused edit: the reason stays under the editors until the next good edit."""
        self.edit_message.setText(text)
        self.edit_message.show()
        self.show_message(text)

    def optimise(self) -> None:
        """Solve the scenario as it stands now, in the background (locks included)."""
        if not self.worker.start("solve", solve_job(self.document.scenario, self.time_limit)):
            return
        self._keep_next_result = True
        self._set_busy(True, "Optimising…")

    def _auto_solve(self) -> None:
        """Auto-optimise: replace any running solve by one of the scenario as it is now."""
        self.worker.restart("solve", solve_job(self.document.scenario, self.time_limit))
        self._keep_next_result = False  # auto re-solves of edits are not worth keeping
        self._set_busy(True, "Auto-optimising…")

    def _count_solve(self) -> None:
        self.solves_started += 1

    def toggle_lock(self) -> bool:
        """Lock the grid's current cell at its count, or unlock it (Ctrl+L)."""
        index = self.allocation_grid.currentIndex()
        if not index.isValid():
            self.show_message("Select a cell of the allocation grid, then lock it (Ctrl+L).")
            return False
        return self.allocation_model.toggle_lock(index.row(), index.column())

    def select_constraint(self, constraint: str) -> bool:
        """Select the nation, unit, cell or rule a constraint name points at."""
        return select_constraint(self, constraint)

    def _on_explanation_clicked(self, item: QListWidgetItem) -> None:
        constraint = item.data(Qt.ItemDataRole.UserRole)
        if constraint:
            self.select_constraint(str(constraint))

    def _hint_after_typing(self, text: str) -> None:
        if self.auto.enabled and "(locked)" not in text and text.startswith("Set "):
            self.show_message(f"{text}; auto-optimise may change it: lock it (Ctrl+L) to keep it.")
        else:
            self.show_message(text)

    def about(self) -> QMessageBox:
        """Help > About, shown without blocking (so nothing waits on it)."""
        return show_about(self, APP_TITLE)

    # -- reactions -----------------------------------------------------------------
    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.progress.setVisible(busy)
        self.menu_actions["optimiseAction"].setEnabled(not busy)
        self.menu_actions["cancelAction"].setEnabled(busy)
        self._busy_text = text if busy else ""
        self._update_solve_label()

    def _end_solve(self, note: str = "") -> None:
        """The solver stopped; `note` says how, if the plan on screen does not (until a change)."""
        self._solve_note = note
        self._set_busy(False)

    def _on_solved(self, result: PlanResult) -> None:
        seconds = numbers.seconds(result.solve_seconds)
        if result.status == Status.CANCELLED:
            self._end_solve(f"Cancelled after {seconds}")
            self.show_message("Solve cancelled; the plan shown is unchanged.")
            return
        if self._shape(result.scenario) != self._shape(self.document.scenario):
            self._end_solve("Plan dropped")
            self.show_message("The scenario changed shape during the solve; optimise again.")
            return
        self._end_solve()
        self._put_plan(result.allocation, result)
        if self._keep_next_result and self.workspace.keep_result(result):
            self.show_message(f"Result kept in the workspace with {self.document.origin}.")
        self._keep_next_result = False

    def run_analysis(self, view: AnalysisView) -> bool:
        """Plan > Analyses > X: show the dock on that tab and run it on the screen's scenario."""
        self.analyses_dock.show()  # at a share of the height (ui/docks/dock_layout.py)
        self.analyses_dock.raise_()
        return self.analyses_dock.run(view)

    def show_analysis_plan(self, allocation: Plan) -> None:
        """An analysis offered a plan (a Pareto point, a stable re-plan): put it on screen."""
        self._put_plan(dict(allocation), source="analysis")
        self.show_message("Plan from the analysis is on screen; Optimise (Ctrl+R) to re-check it.")

    def _put_plan(
        self, allocation: Plan, result: PlanResult | None = None, source: str = "optimiser"
    ) -> None:
        """Any plan onto the grid, its columns widened to the new counts (else "9,9…")."""
        self.allocation_model.begin_plan()
        self.document.set_plan(allocation, result, source)  # every view follows via `changed`
        self._fit_grid_columns()

    def _fit_grid_columns(self) -> None:
        """Columns as wide as the plan's counts and the totals under them, neither elided."""
        self.allocation_grid.resizeColumnsToContents()
        self.totals_grid.widen_above()

    def _origin(self) -> tuple[str | None, str | None]:
        """Where the work on screen came from, for the autosave."""
        path, origin = self.document.path, self.document.origin
        return (str(path) if path else None, str(origin) if origin else None)

    @staticmethod
    def _shape(scenario: Scenario) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return tuple(n.code for n in scenario.nations), tuple(u.id for u in scenario.unit_types)

    def _on_brief_started(self) -> None:
        self.menu_actions["exportBriefAction"].setEnabled(False)
        self.menu_actions["cancelBriefAction"].setEnabled(True)

    def _on_brief_written(self, message: str, _written: bool) -> None:
        self.menu_actions["exportBriefAction"].setEnabled(True)
        self.menu_actions["cancelBriefAction"].setEnabled(False)
        self.show_message(message)

    def _on_failed(self, message: str) -> None:
        self._end_solve("Solver error")
        self.show_message(message)

    def _on_changed(self) -> None:
        """Every view and text about the plan, derived from the document as it is now."""
        self._solve_note = ""  # it told how a solve ended; the document has moved on
        state = plan_state(self.document)
        self.allocation_model.show_closest(state.closest)
        self.allocation_model.slice = self.slice_bar.follow(self.document.scenario)
        self.allocation_model.refresh()
        self._update_grid_note()
        self._update_charts()
        self.explanation.show_state(state)
        self._update_plan_label(state)
        self._update_solve_label()
        self.update_title()
        if self._fit_after_change:  # a file just opened: "Peak troops" was cut to "ak troo"
            self._fit_after_change = False
            self._fit_grid_columns()

    def _on_slice_chosen(self, view: Slice) -> None:
        """Another area or period picked above the grid: the grid and charts show that slice."""
        self.allocation_model.show_slice(view)
        self._fit_grid_columns()  # other counts, other widths
        self._update_grid_note()
        self._update_charts()

    def _update_charts(self) -> None:
        """The charts for the period the grid shows (or the least-troops full period)."""
        period = self.allocation_model.slice.period
        self.charts.update_from(self.document.scenario, self.document.allocation, period)
        self.area_views.update_from(self.document.scenario, self.document.allocation, period)
        self.timeline.update_from(self.document.scenario, self.document.allocation)
        self.chart_tabs.follow(self.document.scenario)

    def _update_grid_note(self) -> None:
        note = self.allocation_model.note()
        self.grid_note.setText(note)
        self.grid_note.setVisible(bool(note))

    def _on_loaded(self) -> None:
        self.allocation_model.reset_plan()  # no previous plan to highlight against
        self.chart_tabs.follow(self.document.scenario, opened=True)
        self._fit_after_change = True  # once the grid shows the file (`changed` comes next)

    def _update_plan_label(self, state: PlanState) -> None:
        self.plan_label.setText(state.header())
        alarm = "color: #b00020; font-weight: bold;" if state.alarming else ""
        self.plan_label.setStyleSheet(alarm)

    def _update_solve_label(self) -> None:
        """The solver's status: running, how the last solve ended, or what its result is now."""
        result = self.document.result
        if self._busy_text:
            text = self._busy_text
        elif self._solve_note:
            text = self._solve_note
        elif result is None:
            text = "Not optimised yet"
        else:
            ended = f"{result.status.capitalize()} in {numbers.seconds(result.solve_seconds)}"
            current = self.document.shows_result()
            text = ended if current else f"{ended}; the plan shown has changed since"
        self.solve_label.setText(text)

    def update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.dirty)


def _analysis_action(view: AnalysisView) -> str:
    """The action's objectName, by registry name as the tabs (titles are for people)."""
    return f"analysis{view.name.capitalize()}Action"
