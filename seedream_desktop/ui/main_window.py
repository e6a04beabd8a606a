"""MainWindow: two workspaces — Create (compose column, the results filling the rest) and Library —
switched from the toolbar (Ctrl+1, Ctrl+2); menus, toolbar and status bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from seedream_desktop import APP_NAME
from seedream_desktop.api.errors import NetworkError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.config import Paths, Settings
from seedream_desktop.jobs.state import SENT, UNFINISHED, JobState
from seedream_desktop.ui import theme
from seedream_desktop.ui.actions import build_actions, draw_icons, fill_menus, result_menu, retint
from seedream_desktop.ui.ark_window import ark_key_store, confirm_resend, connection_for, is_unsure, read_keys
from seedream_desktop.ui.banner import Banner
from seedream_desktop.ui.bridge import Bridge, Connection, NotReady
from seedream_desktop.ui.edit.hook import region_edits
from seedream_desktop.ui.keychain_worker import KeychainWorker
from seedream_desktop.ui.library.window_tab import LibraryTab
from seedream_desktop.ui.messages import error_text, remedy_text
from seedream_desktop.ui.notices import Notices
from seedream_desktop.ui.result_commands import OpenUrl, ResultCommands
from seedream_desktop.ui.results.grid import ResultGrid
from seedream_desktop.ui.results.model import ResultModel
from seedream_desktop.ui.status_bar import StatusBar
from seedream_desktop.ui.thumbnails import ThumbnailFile, ThumbnailLoader
from seedream_desktop.ui.viewer.window_viewer import WindowViewer
from seedream_desktop.ui.window_state import WindowState
from seedream_desktop.ui.workspace.compose_sidebar import ComposeSidebar
from seedream_desktop.ui.workspace.results_pane import ResultsPane
from seedream_desktop.ui.workspace.switch import LIBRARY, WorkspaceSwitch

if TYPE_CHECKING:
    from seedream_desktop.jobs.events import JobView, SavedImage  # types only

    # Both import keyring (~70 ms): only needed once the window is up.
    from seedream_desktop.secrets import KeyStore
    from seedream_desktop.ui.settings_dialog import SettingsDialog


@dataclass
class WindowParts:
    """Everything the window needs, passed in (no globals, no QApplication lookups)."""

    paths: Paths
    settings: Settings
    keys: KeyStore
    bridge: Bridge
    compose: Any  # ComposePanel: a QWidget with generateRequested, request(), problems(), load_request() …
    clipboard: QClipboard
    open_url: OpenUrl = field(default=QDesktopServices.openUrl)
    # Starts the built-in emulator and returns its connection (app.py: the ui never imports it).
    start_demo: Callable[[], Connection] | None = None
    thumbnail_file: ThumbnailFile | None = None
    ark_keys: Any = None  # the BytePlus ModelArk key's KeyStore; made on first use when not given


class MainWindow(QMainWindow):
    firstFrame = Signal()  # the window is painted: start-up work that can wait goes after this

    def __init__(self, parts: WindowParts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.painted = False
        self.setObjectName("mainWindow")
        self.parts = parts
        self.bridge = parts.bridge
        self.compose = parts.compose
        self.jobs: dict[str, JobView] = {}
        # Requests made while the bridge has no pipeline to take them (before it starts, just after
        # the first frame, or while it reconnects: `bridge.ready`) wait here, then go out.
        self.held: list[tuple[GenerationRequest, str]] = []  # with its provider
        self._providers: dict[int, str] = {}  # a request the bridge refused goes back to its provider
        self.keychain = KeychainWorker(parts.keys)  # reads and writes of the key, off this thread
        self._switches = 0  # connection changes asked for: only the latest one is carried out
        self.setWindowIcon(theme.app_icon())

        self.model = ResultModel(self)
        side = self.fontMetrics().height() * 16
        self.thumbnails = ThumbnailLoader(side * 2, parts.thumbnail_file, parent=self)
        self.grid = ResultGrid(self.model, self.thumbnails, self)
        self.sidebar = ComposeSidebar(self.compose, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)  # the Create workspace
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.results_pane = ResultsPane(self.grid, self)
        self.splitter.addWidget(self.results_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.stack = QStackedWidget(self)  # Create, then Library (added by LibraryTab)
        self.stack.setObjectName("workspaces")
        self.stack.addWidget(self.splitter)

        self.demo_banner = Banner("demoBanner", self)
        self.error_banner = Banner("errorBanner", self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.notices = Notices(self.error_banner, self.demo_banner, self.open_settings, parts.open_url, self)

        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.toolbar = QToolBar(self.tr("Main toolbar"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setIconSize(theme.icon_size(self.fontMetrics().height()))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.toolbar)
        self.actions_ = build_actions(self, self.grid)
        fill_menus(self.menuBar(), self.toolbar, self.actions_)
        self.switch = WorkspaceSwitch(self)
        self.switch.fill(self.menuBar(), self.toolbar)
        # The first frame shows the toolbar's icons at the toolbar's size; every size of every icon
        # (menus, context menus) is drawn once it is up.
        draw_icons(self.toolbar.actions(), self, only_for=self.toolbar.iconSize().width())
        self.firstFrame.connect(lambda: QTimer.singleShot(0, self, lambda: retint(self.actions_, self)))
        self.firstFrame.connect(lambda: QTimer.singleShot(0, self, self._after_first_frame))
        self.commands = ResultCommands(
            self.grid, self.model, self.compose, self.bridge, parts.clipboard, parts.open_url, self
        )
        self.commands.connect_actions(self.actions_)
        self.commands.message.connect(lambda text: self.status.showMessage(text, 5000))
        self.edits = region_edits(self)  # "Edit a region…": the canvas, and paste-back when results land
        self.commands.trashedItems.connect(self.results_pane.undo.offer)
        self._connect()
        self.library_tab = LibraryTab(self)  # the whole library beside this session's results (Ctrl+L)
        self.viewer = WindowViewer(self)  # results and library open in it (Space, Enter, double-click)
        self.results_pane.undo.restored.connect(self.library_tab.restored)
        self.commands.compareRequested.connect(self.viewer.compare)  # an edit beside its original
        self.compose.tray.editRegionRequested.connect(self.edits.open)  # "Edit a region…" on a reference

        self.switch.chosen.connect(lambda workspace: self.library_tab.show_library(workspace == LIBRARY))
        self.stack.currentChanged.connect(self._workspace_shown)
        self.switch.compose_shown.toggled.connect(self.sidebar.setVisible)

        self.state = WindowState(parts.paths)
        if not self.state.restore(self, self.splitter):
            self.resize(1400, 900)
            self.splitter.setSizes([self.sidebar.comfortable_width(), 1400])
        if self.state.last_page() == "library":
            self.library_tab.start_on_library()
            self.switch.set_current(LIBRARY)
        else:
            self.compose.editor.setFocus()  # typing goes straight into the prompt
        self._apply_defaults()  # Settings' default format and quality; the last request then wins
        if hasattr(self.compose, "model_choice"):
            self.compose.model_choice.set_provider(self.state.last_provider())  # before its model
        last = self.state.last_request()
        if last is not None:
            self.compose.load_request(last)
        self._show_connection(self.bridge.connection)
        self._update_actions()

    # ---- wiring ---------------------------------------------------------------------------------
    def _connect(self) -> None:
        a = self.actions_
        a.generate.triggered.connect(self.compose.try_generate)  # it says what blocks, or emits below
        a.cancel.triggered.connect(self.cancel)
        a.cancel_all.triggered.connect(self.cancel_all)
        a.retry.triggered.connect(self.retry)
        a.paste.triggered.connect(self.paste)
        a.settings.triggered.connect(self.open_settings)
        a.demo.triggered.connect(self.enter_demo)
        a.quit.triggered.connect(self.close)
        a.demo.setVisible(self.parts.start_demo is not None)
        self.compose.generateRequested.connect(self.generate)
        self.grid.contextMenuRequested.connect(self._context_menu)
        self.grid.activatedItem.connect(lambda _item: self.viewer.open_results())
        a.open.triggered.connect(lambda: self.viewer.open_results())
        self.grid.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.model.rowsInserted.connect(lambda *_: self._update_actions())
        self.model.rowsRemoved.connect(lambda *_: self._update_actions())
        b = self.bridge
        b.jobChanged.connect(self.on_job_changed)
        b.imageSaved.connect(self.on_image_saved)
        b.downloadProgress.connect(self.model.download_progress)
        b.spendChanged.connect(self._show_spend)
        b.pipelineReady.connect(self._pipeline_ready)
        b.submitFailed.connect(self.on_submit_failed)
        b.connectionChanged.connect(self._show_connection)
        b.onlineChanged.connect(self.on_online_changed)
        b.noticed.connect(self.notices.core)  # the index cannot open: images are still saved …

    def _after_first_frame(self) -> None:
        self.sidebar.watch_drops()
        self.results_pane.slider.show()
        self.viewer.watch_tray(self.compose.tray)

    def _workspace_shown(self, index: int) -> None:
        if index in (0, 1):  # not the viewer: it lies over either workspace
            self.switch.set_current(index)

    def _update_actions(self) -> None:
        self.commands.update_enabled(self.actions_)
        running = any(not v.state.finished for v in self.jobs.values())
        self.actions_.cancel.setEnabled(running)
        self.actions_.cancel_all.setEnabled(running)
        self.actions_.retry.setEnabled(any(v.state is JobState.FAILED for v in self.jobs.values()))

    def _context_menu(self, position: QPoint) -> None:
        failed, running = self._selected_jobs(JobState.FAILED), self._selected_jobs(*UNFINISHED)
        result_menu(self, self.actions_, retry=bool(failed), cancel=bool(running)).popup(position)

    # ---- generating -------------------------------------------------------------------------------
    def generate(self) -> None:
        problems = self.compose.problems()
        if problems:
            self.notices.problems("\n".join(p.message if hasattr(p, "message") else str(p) for p in problems))
            return
        request: GenerationRequest = self.compose.request()
        self.notices.clear()
        self.state.save_request(request)
        provider = self.compose.provider() if hasattr(self.compose, "provider") else "runware"
        self.state.save_provider(provider)
        self.submit(request, provider)

    def submit(self, request: GenerationRequest, provider: str = "runware") -> None:
        """Send a request now, or as soon as the connection is ready."""
        if not self.bridge.ready:
            self.held.append((request, provider))
            self.notices.connecting()
            return
        self._send(request, provider)

    def _send(self, request: GenerationRequest, provider: str) -> None:
        self._providers[id(request)] = provider

        def sent(_job: object, _error: BaseException | None) -> None:
            self._providers.pop(id(request), None)

        self.bridge.submit(request, sent, provider=provider)

    def _pipeline_ready(self) -> None:
        held, self.held = self.held, []
        self.notices.answered("connecting")
        for request, provider in held:
            self._send(request, provider)

    def _configured(self, _result: object, error: BaseException | None) -> None:
        if error is None:
            self._pipeline_ready()
        else:
            self.notices.way_out(error)

    def _selected_jobs(self, *states: JobState) -> list[str]:
        ids = {item.job_id for item in self.grid.selected_items()}
        return [i for i in ids if i in self.jobs and self.jobs[i].state in states]

    def _newest(self, *states: JobState) -> str | None:
        matching = [v for v in self.jobs.values() if v.state in states]
        return max(matching, key=lambda v: v.created).id if matching else None

    def cancel(self) -> None:
        """Esc: the selected running jobs, or else the newest one."""
        ids = self._selected_jobs(*UNFINISHED) or [j for j in [self._newest(*UNFINISHED)] if j]
        for job_id in ids:
            self.bridge.cancel(job_id, lambda outcome, error: self._cancelled([outcome], error))

    def cancel_all(self) -> None:
        self.bridge.cancel_all(self._cancelled)

    def _cancelled(self, outcomes: Any, error: BaseException | None) -> None:
        if error is not None:
            self.notices.way_out(error)
        elif not self.notices.cancelled(outcomes or []):
            self.status.showMessage(self.tr("Cancelled before it was sent: nothing is charged"), 5000)

    def retry(self) -> None:
        ids = self._selected_jobs(JobState.FAILED) or [j for j in [self._newest(JobState.FAILED)] if j]
        for job_id in ids:
            self._retry(job_id)
        if ids:
            self.notices.clear()

    def retry_job(self, job_id: str) -> None:
        self.notices.clear()
        self._retry(job_id)

    def _retry(self, job_id: str) -> None:
        if is_unsure(self.jobs.get(job_id)):
            confirm_resend(self, self.bridge, job_id)  # may have been charged: sent again only on a yes
        else:
            self.bridge.retry(job_id)

    def resubmit(self, request: GenerationRequest, provider: str = "runware") -> None:
        """The banner's Retry after a request was refused before it became a job: send that one again."""
        self.notices.clear()
        self.submit(request, provider)

    def paste(self) -> None:
        if not self.compose.paste_references():
            self.status.showMessage(self.tr("The clipboard holds no image to use as a reference"), 5000)

    # ---- what the pipeline reports ------------------------------------------------------------
    def on_job_changed(self, view: JobView) -> None:
        self.jobs[view.id] = view
        error = view.error if view.state is JobState.FAILED else None
        waiting = self._waiting(view)
        if not self.model.rows_of(view.id):
            self.model.add_job(view.id, view.request, view.images_expected, view.state, waiting=waiting)
        details = None if error is None else (type(error).__name__, error_text(error), remedy_text(error))
        self.model.update_job(view.id, view.state, details, waiting=waiting)
        if error is not None:
            self.notices.way_out(error, lambda: self.retry_job(view.id))
        self._show_jobs()
        self._update_actions()

    @property
    def online(self) -> bool | None:
        """The bridge's copy of the one online flag: None while connecting (nothing answered yet)."""
        return self.bridge.online

    def _waiting(self, view: JobView) -> bool:
        """Queued for the network: it goes out (or is fetched) when Runware can be reached again."""
        return not view.state.finished and (self.online is False or isinstance(view.error, NetworkError))

    def on_online_changed(self, online: bool) -> None:
        for view in self.jobs.values():
            if not view.state.finished:
                self.model.update_job(view.id, view.state, waiting=self._waiting(view))
        self._show_connection(self.bridge.connection)
        if online:
            self.notices.answered("offline")
        else:
            self.notices.offline()

    def on_image_saved(self, job_id: str, saved: SavedImage) -> None:
        self.model.image_saved(job_id, saved.path, saved.record, saved.image_uuid)

    def on_submit_failed(self, request: GenerationRequest, error: BaseException) -> None:
        if isinstance(error, NotReady):
            # Sent in the moment a reconnect took the pipeline away: it goes out once the new one is up.
            self.submit(request, self._providers.get(id(request), "runware"))
            return
        provider = self._providers.get(id(request), "runware")
        self.notices.way_out(error, lambda: self.resubmit(request, provider))

    def _show_jobs(self) -> None:
        states = [v.state for v in self.jobs.values()]
        self.status.set_jobs(
            sum(s in SENT for s in states), states.count(JobState.QUEUED), states.count(JobState.FAILED)
        )

    def _show_spend(self, today: float) -> None:
        demo = bool(self.bridge.connection and self.bridge.connection.demo)
        self.status.set_spend(today, float(self.parts.settings.get("daily_budget_usd") or 0), demo=demo)

    def _show_connection(self, connection: Connection | None) -> None:
        demo = bool(connection and connection.demo)
        if connection is not None and (connection.api_key or connection.ark_key):
            self.notices.answered("no-key")
        self.setWindowTitle(APP_NAME + (self.tr(" — DEMO") if demo else ""))
        self.notices.demo(demo)
        if demo:
            self.status.set_connection("demo")
        else:
            if connection is None or not connection.api_key:
                self.status.set_connection("ark-only" if connection and connection.ark_key else "no-key")
            elif self.online is None:
                self.status.set_connection("connecting", urlsplit(connection.base_url).hostname or "")
            elif not self.online:
                self.status.set_connection("offline")
            else:
                self.status.set_connection("online", urlsplit(connection.base_url).hostname or "")

    def open_images(self, paths: list[str]) -> None:
        """Images opened from the desktop (Open With, the Dock, a second launch): into the tray, in front."""
        self.compose.add_references(paths)
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    # ---- settings and demo --------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        from seedream_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.parts.settings,
            self.parts.keys,
            self.bridge.check_key,
            self,
            keychain=self.keychain,
            ark_keys=self.ark_keys,
            check_ark_key=self.bridge.check_ark_key,
        )
        dialog.keyChanged.connect(self.reconnect)
        dialog.connectionChanged.connect(self.reconnect)
        dialog.libraryChanged.connect(self.switch_library)
        dialog.keyProblem.connect(self.notices.problems)
        dialog.accepted.connect(self._apply_defaults)
        dialog.finished.connect(dialog.release)  # deleted once the keychain has answered
        dialog.open()
        return dialog

    def _apply_defaults(self) -> None:
        settings = self.parts.settings
        self.compose.set_defaults(str(settings.get("output_format")), int(settings.get("output_quality")))

    def reconnect(self) -> None:
        """Use the stored key and URL (leaving demo mode when a real key was entered)."""
        self._switches += 1
        asked = self._switches
        ark_keys = self.ark_keys
        self.keychain.run(
            lambda keys: read_keys(keys, ark_keys),
            lambda both, _error: self._reconnect_with(both, asked),
            self,
        )

    @property
    def ark_keys(self) -> Any:
        if self.parts.ark_keys is None:
            self.parts.ark_keys = ark_key_store()
        return self.parts.ark_keys

    def _reconnect_with(self, keys: tuple[str | None, str | None] | None, asked: int) -> None:
        if asked != self._switches:
            return  # the demo or another reconnect was asked for while the keychain answered: it wins
        self.bridge.configure(connection_for(keys, self.parts.settings.api_url), self._configured)

    def switch_library(self) -> None:
        """New images go to the folder just chosen, and the library page shows it: no restart."""
        self.library_tab.reopen()
        self.bridge.configure(self.bridge.connection, self._configured)  # unfinished jobs resume there

    def enter_demo(self) -> None:
        if self.parts.start_demo is None:
            return
        self._switches += 1  # a reconnect still reading the keychain no longer applies
        self.bridge.configure(self.parts.start_demo(), self._configured)

    def show_no_key(self) -> None:
        self.notices.no_key()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "actions_"):
            retint(self.actions_, self)  # a light/dark switch: icons in the new colours
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DevicePixelRatioChange and hasattr(self, "actions_"):
            retint(self.actions_, self)  # moved to a screen of another density: icons stay sharp
        handled = super().event(event)
        if not self.painted and event.type() == QEvent.Type.UpdateRequest:
            self.painted = True
            self.firstFrame.emit()
        return handled

    # ---- closing --------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.state.save(self, self.splitter)
        if self.library_tab.built():
            self.state.save_splitter("library", self.library_tab.view.splitter)
        self.state.save_page("library" if self.library_tab.showing_library() else "results")
        try:
            self.state.save_request(self.compose.request())
        except Exception:  # an unfinished compose state is not worth losing the window over
            pass
        self.thumbnails.shutdown()
        self.compose.shutdown()
        self.library_tab.shutdown()
        self.viewer.shutdown()
        super().closeEvent(event)
