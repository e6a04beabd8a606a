"""LibraryTab: the Library workspace of the main window, beside the Create one (Ctrl+2, Ctrl+L switches).

It owns the GUI's own connection to the library index (the job pipeline has another, on its worker),
keeps the page in step with new generations and the folder, and says — only there, in one line — what
is unavailable without a key or a network. The page and its imports (the index, the metadata readers,
the folder watcher: ~200 ms) are built just after the window's first frame, or at once when the
library is asked for first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from seedream_desktop.library.index import Library
    from seedream_desktop.library.notice import LibraryNotice
    from seedream_desktop.ui.library.compose_link import ComposeLink
    from seedream_desktop.ui.library.library_sync import LibrarySync
    from seedream_desktop.ui.library.library_view import LibraryView

REFRESH_MS = 300  # a batch of four saved images refreshes the page once
# The stat rescan is a Python walk of every file: started at once it would compete with the first
# paints for the GIL, so it waits a moment.
SYNC_DELAY_MS = 1000


class LibraryTab(QObject):
    def __init__(self, window: Any, *, sync: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self._sync_enabled = sync
        self._view: LibraryView | None = None
        self._library: Library | None = None
        self.link: ComposeLink | None = None
        self.sync: LibrarySync | None = None
        # The window's two workspaces: 0 is Create (compose and results), 1 the library page.
        self.tabs: QStackedWidget = window.stack
        self._placeholder = self._loading_page()
        self.tabs.addWidget(self._placeholder)
        self.switch = QAction(self.tr("Show the library"), window)
        self.switch.setObjectName("showLibrary")
        self.switch.setShortcut(QKeySequence("Ctrl+L"))
        self.switch.setToolTip(
            self.tr("Switch between this session's results and the whole library (Ctrl+L)")
        )
        self.switch.triggered.connect(self.toggle)
        window.addAction(self.switch)

        self._stale = False
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self._refresh_now)
        self.tabs.currentChanged.connect(self._tab_changed)
        bridge = window.bridge
        bridge.imageSaved.connect(lambda *_: self._changed())
        bridge.connectionChanged.connect(lambda *_: self._show_availability())
        bridge.onlineChanged.connect(lambda *_: self._show_availability())
        window.firstFrame.connect(lambda: QTimer.singleShot(0, self._after_first_frame))

    # ---- building the page ------------------------------------------------------------------------
    def _loading_page(self) -> QWidget:
        page = QWidget(self.tabs)
        loading = QLabel(self.tr("Opening the library…"), page)
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(page).addWidget(loading)
        return page

    def reopen(self) -> None:
        """Another library folder was chosen in Settings: close this one and show that one, now."""
        if self._view is None:
            return  # not built yet: it opens the folder the settings name when it is
        showing = self.showing_library()
        old_view, old_sync = self._view, self.sync
        self.shutdown()
        if self.link is not None:
            self.link.detach()
        if old_sync is not None:
            old_sync.deleteLater()
        self._view = self._library = self.link = self.sync = None
        self._placeholder = self._loading_page()
        self.tabs.blockSignals(True)
        self.tabs.removeWidget(old_view)
        self.tabs.insertWidget(1, self._placeholder)
        self.tabs.blockSignals(False)
        old_view.deleteLater()
        self._build()
        if showing:
            self.tabs.setCurrentIndex(1)
        if self._sync_enabled and self.sync is not None:
            self.sync.start()

    def built(self) -> bool:
        return self._view is not None

    @property
    def view(self) -> LibraryView:
        return self._build()

    @property
    def library(self) -> Library:
        self._build()
        assert self._library is not None
        return self._library

    def _build(self) -> LibraryView:
        if self._view is not None:
            return self._view
        from seedream_desktop.library.index import Library
        from seedream_desktop.ui.library.compose_link import ComposeLink
        from seedream_desktop.ui.library.library_sync import LibrarySync
        from seedream_desktop.ui.library.library_view import LibraryView

        window = self.window
        settings, paths = window.parts.settings, window.parts.paths
        self._library = Library.open(settings.library, paths.thumbnails)
        view = LibraryView(self._library, self.tabs, open_url=window.parts.open_url)
        if getattr(window, "edits", None) is not None:
            view.editRegionRequested.connect(window.edits.open)
            view.adjustEditRequested.connect(window.edits.adjust)
        self.link = ComposeLink(window.compose, self._library, self)
        self.link.follow(view)
        view.viewer_hook = lambda row: window.viewer.open_library(view, row)
        # "Edit this", "Use as reference", "Reuse settings": the tray is filled, Create comes forward.
        for asked in (view.editRequested, view.referenceRequested, view.reuseRequested):
            asked.connect(lambda *_: self.show_library(False))
        view.message.connect(lambda text: window.status.showMessage(text, 5000))
        showing = self.tabs.currentWidget() is self._placeholder
        self.tabs.blockSignals(True)
        self.tabs.removeWidget(self._placeholder)
        self.tabs.insertWidget(1, view)
        if showing:
            self.tabs.setCurrentIndex(1)
        self.tabs.blockSignals(False)
        self._placeholder.deleteLater()
        self._view = view
        state = getattr(window, "state", None)
        if state is not None:
            view.columns.placed = state.restore_splitter("library", view.splitter)
        self.sync = LibrarySync(
            self._library.root, self._library.cache_dir, self, sharing=self._open_libraries
        )
        self.sync.changed.connect(lambda _report: self._changed())
        self.sync.failed.connect(lambda text: window.status.showMessage(text, 10_000))
        self.sync.damaged.connect(self._show_notice)
        if self._library.notice is not None:
            self._show_notice(self._library.notice)
        self._show_availability()
        return view

    def _open_libraries(self) -> list[Library]:
        """This window's connections to the index besides the sync's: its own and the job pipeline's."""
        pipeline_library = getattr(self.window.bridge.pipeline, "library", None)
        return [lib for lib in (self._library, pipeline_library) if lib is not None]

    def _show_notice(self, notice: LibraryNotice) -> None:
        from seedream_desktop.ui.library.library_sync import translated

        self.window.notices.info(translated(notice))
        self._changed()  # a replaced index: the page shows what it holds now

    def _after_first_frame(self) -> None:
        from seedream_desktop.library.notice import IndexUnavailable

        try:
            self._build()
        except IndexUnavailable:
            return  # the page waits for its index; the session's notice says generating still saves
        if self._sync_enabled and self.sync is not None:
            QTimer.singleShot(SYNC_DELAY_MS, self.sync.start)

    # ---- switching ----------------------------------------------------------------------------------
    def start_on_library(self) -> None:
        """The window reopens on the library: its tab is in front at once, and the page (and its
        imports) are still built after the first frame, so the window shows no later."""
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(1)
        self.tabs.blockSignals(False)

    def showing_library(self) -> bool:
        return self.tabs.currentIndex() == 1

    def show_library(self, on: bool = True) -> None:
        if on:
            self._build()
        self.tabs.setCurrentIndex(1 if on else 0)
        if on:
            grid = self.view.grid
            grid.setFocus()
            # Enter, Space and the arrow keys act at once: the grid has a current tile to act on.
            if not grid.currentIndex().isValid() and grid.model().rowCount():
                grid.select_row(0)
        else:
            self.window.compose.editor.setFocus()

    def toggle(self) -> None:
        self.show_library(not self.showing_library())

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self._build()
            if self._stale:
                self._refresh.start()

    def restored(self, paths: list) -> None:
        """Results put back from the trash: the index learns them again, the page shows them."""
        library, view = self._library, self._view
        if library is not None and view is not None:
            view.work.run(lambda: library.sync_paths(paths), lambda *_: self._changed())  # off the GUI thread
        else:
            self._changed()

    # ---- keeping up --------------------------------------------------------------------------------
    def _changed(self) -> None:
        self._stale = True
        if self.showing_library() and self._view is not None:
            self._refresh.start()

    def _refresh_now(self) -> None:
        if self._view is not None:
            self._stale = False
            self._view.refresh()

    def _show_availability(self) -> None:
        if self._view is None:
            return
        connection = self.window.bridge.connection
        if connection is None or not connection.api_key:
            reason = self.tr(
                "Generating needs a Runware API key (Settings). Everything in the library works without one."
            )
        elif self.window.online is False and not connection.demo:
            reason = self.tr(
                "No connection to Runware: generating waits until it is back. The library works offline."
            )
        else:
            reason = ""
        self._view.set_generation_unavailable(reason)

    def shutdown(self) -> None:
        self._refresh.stop()
        if self.sync is not None:
            self.sync.stop()
        if self._view is not None:
            self._view.shutdown()
        if self._library is not None:
            self._library.close()
