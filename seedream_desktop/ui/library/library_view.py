"""LibraryView: the library page of the main window — boards, search and filters, the grid, details.

Everything here works offline and without a key: it only reads and marks the local library. The
buttons that feed the composer ("Reuse settings", "Use as reference", "Edit this") only emit signals;
the window decides what to do with them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from seedream_desktop.library.entry import ImageEntry
from seedream_desktop.library.index import Library
from seedream_desktop.library.query import Query
from seedream_desktop.ui.drop_highlight import DropHighlight
from seedream_desktop.ui.elide import char_width
from seedream_desktop.ui.empty_state import EmptyState
from seedream_desktop.ui.library.boards_panel import BoardsPanel
from seedream_desktop.ui.library.details_panel import DetailsPanel
from seedream_desktop.ui.library.filter_bar import FilterBar
from seedream_desktop.ui.library.import_dialog import ask_import_mode
from seedream_desktop.ui.library.import_worker import AskImportMode, LibraryImport
from seedream_desktop.ui.library.library_grid import LibraryGrid
from seedream_desktop.ui.library.library_menu import AskText, LibraryMenu, OpenUrl
from seedream_desktop.ui.library.library_model import IDS_MIME, LibraryModel
from seedream_desktop.ui.library.page_room import GridFirstColumns, say_why_empty
from seedream_desktop.ui.library.thumbnail_source import LibraryThumbnailFiles
from seedream_desktop.ui.library.untrash import can_restore, restore_from_trash
from seedream_desktop.ui.library.viewer import ImageViewer
from seedream_desktop.ui.off_gui import Done, OffGui, mark_failed
from seedream_desktop.ui.thumbnails import ThumbnailLoader
from seedream_desktop.ui.tile_slider import TileSlider

UNDO_MS = 10_000  # how long "Undo" is offered after sending images to the trash
PREVIEW_THUMBNAIL = 512


class LibraryView(QWidget):
    reuseRequested = Signal(object)  # GenerationRequest
    referenceRequested = Signal(list)  # paths (str)
    editRequested = Signal(str)  # path
    editRegionRequested = Signal(str)  # path: "Edit a Region…" opens the edit canvas (ui/edit)
    adjustEditRequested = Signal(str)  # path of a region edit: reopen the canvas on its parent
    message = Signal(str)  # for the status bar

    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        *,
        ask_import: AskImportMode | None = None,
        open_url: OpenUrl = QDesktopServices.openUrl,
        ask_text: AskText | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryView")
        self.setAcceptDrops(True)
        self.library = library
        self.files = LibraryThumbnailFiles(library.thumbnails)
        # Decoded at about the tile's size (from the 256 px cache file): a quarter less memory per tile.
        self.grid_loader = ThumbnailLoader(self.fontMetrics().height() * 12, self.files, parent=self)
        self.preview_loader = ThumbnailLoader(PREVIEW_THUMBNAIL, self.files, threads=1, parent=self)
        self.model = LibraryModel(library, self)
        self.importer = LibraryImport(
            library, ask_import or (lambda count: ask_import_mode(count, self)), self
        )
        self.filters = FilterBar(self)
        # Marks, boards, tags and the trash are written on this worker, as the result grid's are.
        self.work = OffGui(self, name="library-marks")
        self.boards = BoardsPanel(library, self, work=self.work)
        self.grid = LibraryGrid(self.model, self.grid_loader, self.files, self)
        self.details = DetailsPanel(library, self.preview_loader, self.files, self)
        self.viewer = ImageViewer(self.model, self)
        self.menu = LibraryMenu(self, open_url, ask_text)
        self.notice = QLabel(self)
        self.notice.setObjectName("libraryNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.undo_label = QLabel(self)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setObjectName("undoTrash")
        # Ctrl+Z anywhere on the page while "Undo" is offered (the search box keeps its own text undo).
        self.undo_action = QAction(self.tr("Undo Move to Trash"), self)
        self.undo_action.setObjectName("undoTrashAction")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.undo_action)
        undo_keys = self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.undo_button.setToolTip(self.tr("Put them back where they were ({0})").format(undo_keys))
        self.slider = TileSlider(self.grid.zoom, self)
        self.empty = EmptyState(self.grid, "libraryEmpty")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("libraryCount")
        self._trashed: list[ImageEntry] = []
        self._shut = False
        self._undo_timer = QTimer(self, singleShot=True, interval=UNDO_MS)
        self._undo_timer.timeout.connect(self._end_undo)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.undo_label)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.slider)
        middle = QWidget(self)
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.notice)
        column.addWidget(self.filters)
        column.addWidget(self.grid, 1)
        column.addLayout(bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("librarySplitter")
        self.splitter.addWidget(self.boards)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        width = char_width(self.fontMetrics())
        # Narrow minimums: a long board name or file name must never widen the window.
        for side in (self.boards, self.details):
            side.setMinimumWidth(width * 8)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(2, 0)
        self.viewer_hook: Callable[[int], None] | None = None
        self.columns = GridFirstColumns(self.splitter, self.boards)  # the grid gets most of the width
        # Image files dragged in from the file manager (an import): the grid is framed while they hover.
        self.drop_highlight = DropHighlight(self.grid, self, lambda mime: self._offers_files_mime(mime))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._end_undo()
        self._connect()
        self.filters.set_tags(library.tags())
        self._show_count()

    def _connect(self) -> None:
        self.filters.queryChanged.connect(lambda _q: self._apply_query())
        self.boards.boardChosen.connect(lambda _b: self._apply_query())
        self.boards.boardsChanged.connect(self._boards_changed)
        self.boards.message.connect(self.message)
        self.grid.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.model.modelReset.connect(self._show_current)
        self.grid.favouriteRequested.connect(self.toggle_favourite)
        self.grid.ratingRequested.connect(self.rate)
        self.grid.trashRequested.connect(self.trash_selected)
        self.grid.openRequested.connect(self.open_viewer)
        self.grid.contextMenuRequested.connect(self._context_menu)
        self.details.reuseRequested.connect(self.reuseRequested)
        self.details.referenceRequested.connect(lambda path: self.referenceRequested.emit([path]))
        self.details.editRequested.connect(self.editRequested)
        self.details.navigateRequested.connect(self.navigate_to)
        self.viewer.favouriteRequested.connect(lambda row: self._favourite_rows([row], row + 1))
        self.viewer.ratingRequested.connect(lambda row, stars: self._rate_rows([row], stars, row + 1))
        self.viewer.rowChanged.connect(self.grid.select_row)
        self.undo_button.clicked.connect(self.undo_trash)
        self.empty.actionClicked.connect(self.clear_search)
        self.undo_action.triggered.connect(self.undo_trash)
        self.importer.finished.connect(lambda _result: self.refresh())
        self.importer.message.connect(self.message)

    # ---- query ----------------------------------------------------------------------------------
    def query(self) -> Query:
        return dataclasses.replace(self.filters.query(), board=self.boards.chosen())

    def _apply_query(self) -> None:
        self.model.set_query(self.query())
        self._show_count()
        if self.model.rowCount():
            self.grid.select_row(0)

    def _show_count(self) -> None:
        total = self.model.rowCount()
        self.count_label.setText(self.tr("%n image(s)", "", total))
        say_why_empty(self)

    def clear_search(self) -> None:
        self.filters.search.clear()
        self.filters.flush()
        self.filters.search.setFocus()

    def refresh(self) -> None:
        """The library changed (a scan, the watcher, a saved generation): show it, keeping the selection."""
        if self._shut:
            return
        current = self.grid.current_entry()
        row = self.grid.currentIndex().row()
        self._reread()
        found = self.model.find_row(current.id, limit=max(row + 1, 0) + 2000) if current else None
        if found is not None:
            self.grid.select_row(found)
        elif row >= 0:
            self.grid.select_row(min(row, self.model.rowCount() - 1))

    def _reread(self) -> None:
        self.model.refresh()
        self._show_count()
        self.filters.set_tags(self.library.tags())
        self.boards.reload()

    def _row_near(self, image_id: int, row: int) -> int | None:
        """The row of an image that was at ``row`` before one other image moved: one up, or unchanged."""
        for candidate in (row - 1, row, row + 1):
            entry = self.model.entry(candidate)
            if entry is not None and entry.id == image_id:
                return candidate
        return self.model.find_row(image_id, limit=row + 2000)

    def _boards_changed(self) -> None:
        if self.boards.chosen() is not None:
            self.model.refresh()
            self._show_count()
        self.details.refresh()  # it lists the shown image's boards

    def _show_current(self) -> None:
        self.details.show_entry(None if self._shut else self.grid.current_entry())
        self.menu.update_enabled()  # "Reuse Settings" depends on the record the details just read

    def navigate_to(self, image_id: int) -> bool:
        """Select an image (a parent or child in the details); widen the filters if it is not shown."""
        row = self.model.find_row(image_id)
        if row is None and self.library.get(image_id) is not None:
            self.filters.search.clear()
            # Search for the cleared text now: left to its debounce, it would run after the image
            # below is selected and select the first row instead.
            self.filters.flush()
            self.boards.choose(None)
            self.model.set_query(Query(sort=self.filters.query().sort))
            self._show_count()
            row = self.model.find_row(image_id, limit=self.model.rowCount())
        if row is None:
            return False
        self.grid.select_row(row)
        return True

    def _context_menu(self, position: QPoint) -> None:
        menu = self.menu.build(self)
        if menu is not None:
            menu.aboutToHide.connect(menu.deleteLater)  # its action has been triggered by then
            menu.popup(position)

    # ---- one-key marks: apply, then move on to the next image -----------------------------------
    def toggle_favourite(self, *, move_on: bool = True) -> None:
        rows = self.grid.selected_rows()
        if rows:
            self._favourite_rows(rows, rows[-1] + 1 if move_on and len(rows) == 1 else None)

    def rate(self, stars: int, *, move_on: bool = True) -> None:
        rows = self.grid.selected_rows()
        if rows:
            self._rate_rows(rows, stars, rows[-1] + 1 if move_on and len(rows) == 1 else None)

    def _favourite_rows(self, rows: list[int], then: int | None) -> None:
        entries = self.model.entries(rows)
        following = self.model.entry(then) if then is not None else None  # read before rows move
        on, ids = not all(e.favourite for e in entries), [e.id for e in entries]
        self.work.run(lambda: self.library.set_favourite(ids, on), self._after_mark(rows, then, following))

    def _rate_rows(self, rows: list[int], stars: int, then: int | None) -> None:
        entries = self.model.entries(rows)
        following = self.model.entry(then) if then is not None else None
        ids = [e.id for e in entries]
        self.work.run(lambda: self.library.set_rating(ids, stars), self._after_mark(rows, then, following))

    def _after_mark(self, rows: list[int], then: int | None, following: ImageEntry | None) -> Done:
        def done(_result: object, error: BaseException | None) -> None:
            if error is not None:
                self.message.emit(mark_failed(error))
            elif not self._shut:
                self._marked(rows, then, following)

        return done

    def _marked(self, rows: list[int], then: int | None, following: ImageEntry | None) -> None:
        query = self.model.query
        if query.favourite is not None or query.min_rating or query.sort == "rating":
            # The marks decide membership or order: rows move. "The next image" is the one that
            # followed the marked one, wherever it is now (the old row when the marked one left).
            if following is None:
                self.refresh()
                then = None
            else:
                self._reread()
                found = self._row_near(following.id, then if then is not None else 0)
                then = found if found is not None else min(rows[0], self.model.rowCount() - 1)
        else:
            self.model.reload_rows(rows)
        if then is not None and then < self.model.rowCount():
            self.grid.select_row(then)
            if self.viewer.isVisible():
                self.viewer.show_row(then)
        self.details.refresh()

    # ---- boards and tags (the context menu) -----------------------------------------------------
    def remove_from_board(self, image_ids: list[int], board_id: int) -> None:
        name = next((b.name for b in self.library.boards() if b.id == board_id), "")
        said = self.tr("Removed %n image(s) from “{0}”.", "", len(image_ids)).format(name)
        self.work.run(lambda: self.library.remove_from_board(image_ids, board_id), self._after_board(said))

    def _after_board(self, said: str) -> Done:
        def done(_result: object, error: BaseException | None) -> None:
            if not self._shut:
                self.boards.reload()
                self.refresh()  # when that board is shown, the images leave it
            self._say_done(said, error)

        return done

    def add_tag(self, image_ids: list[int], tag: str) -> None:
        said = self.tr("Tagged %n image(s) “{0}”.", "", len(image_ids)).format(tag.strip())
        self.work.run(lambda: self.library.add_tag(image_ids, tag), self._after_tags(said))

    def remove_tag(self, image_ids: list[int], tag: str) -> None:
        said = self.tr("Removed the tag “{0}” from %n image(s).", "", len(image_ids)).format(tag)
        self.work.run(lambda: self.library.remove_tag(image_ids, tag), self._after_tags(said))

    def _after_tags(self, said: str) -> Done:
        def done(_result: object, error: BaseException | None) -> None:
            if not self._shut:
                self._tags_changed()
            self._say_done(said, error)

        return done

    def _say_done(self, said: str, error: BaseException | None) -> None:
        if error is not None:
            said = mark_failed(error)
        self.message.emit(said)

    def _tags_changed(self) -> None:
        query = self.query()
        if query.tag is not None or "tag:" in query.text:
            self.refresh()  # which images are shown depends on tags
        else:
            self.filters.set_tags(self.library.tags())  # the selection stays: tag thirty, then board them
            self.details.refresh()

    # ---- the trash, with undo -----------------------------------------------------------------
    def trash_selected(self) -> None:
        rows = self.grid.selected_rows()
        entries = self.model.entries(rows)
        if not entries:
            return
        self._end_undo()
        ids = [e.id for e in entries]

        def send() -> tuple[list[ImageEntry], OSError | None]:
            try:
                return self.library.trash(ids), None
            except OSError as exc:
                return [e for e in entries if not e.path.exists()], exc

        self.work.run(send, lambda result, error: self._trashed_done(rows, result, error))

    def _trashed_done(
        self,
        rows: list[int],
        result: tuple[list[ImageEntry], OSError | None] | None,
        error: BaseException | None,
    ) -> None:
        trashed, failure = result if result is not None else ([], error)
        if failure is not None:
            self.message.emit(self.tr("Some images could not be moved to the trash: {0}").format(failure))
        if self._shut:
            return
        self.model.refresh()
        self._show_count()
        self.boards.reload()
        if self.model.rowCount():
            self.grid.select_row(min(rows[0], self.model.rowCount() - 1))
        if not trashed:
            return
        self._trashed = trashed
        text = self.tr("Moved %n image(s) to the trash.", "", len(trashed))
        self.undo_label.setText(text)
        self.undo_label.show()
        self.undo_button.setVisible(can_restore())
        self.undo_action.setEnabled(can_restore())
        self._undo_timer.start()
        self.message.emit(text)

    def undo_trash(self) -> Future[list[Path]]:
        """Put the images just trashed back (file, marks, boards and lineage follow their content).

        The files move and the index learns of them on the worker; the future holds the paths restored."""
        trashed = list(self._trashed)
        self._end_undo()

        def restore() -> list[Path]:
            restored = [e.path for e in trashed if restore_from_trash(e.path)]
            if restored:
                self.library.sync_paths(restored)
            return restored

        return self.work.run(restore, lambda restored, error: self._restored(len(trashed), restored, error))

    def _restored(self, wanted: int, restored: list[Path] | None, error: BaseException | None) -> None:
        restored = restored or []
        if error is not None:
            self.message.emit(mark_failed(error))
        if restored and not self._shut:
            self.refresh()
            entry = self.library.by_path(restored[0])
            row = self.model.find_row(entry.id) if entry is not None else None
            if row is not None:
                self.grid.select_row(row)
        if error is None and len(restored) != wanted:
            self.message.emit(self.tr("Some images were no longer in the trash."))

    def _end_undo(self) -> None:
        self._undo_timer.stop()
        self._trashed = []
        self.undo_label.hide()
        self.undo_button.hide()
        self.undo_action.setEnabled(False)

    # ---- viewer -------------------------------------------------------------------------------
    def open_viewer(self, row: int) -> None:
        if self.viewer_hook is not None:
            self.viewer_hook(row)  # in a window: the window's one viewer
        else:
            self.viewer.open_row(row)

    # ---- offline: say what is unavailable and why, nothing more -------------------------------
    def set_generation_unavailable(self, reason: str) -> None:
        """``reason`` empty: generating works. Otherwise one calm line above the grid."""
        self.notice.setText(reason)
        self.notice.setVisible(bool(reason))

    # ---- drops from the file manager: import ----------------------------------------------------
    def _offers_files(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        return self._offers_files_mime(event.mimeData())

    @staticmethod
    def _offers_files_mime(mime: QMimeData) -> bool:
        if mime.hasFormat(IDS_MIME) or not mime.hasUrls():
            return False  # our own drag (to a board or out) is not an import
        return any(url.isLocalFile() for url in mime.urls())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._offers_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._offers_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not self._offers_files(event):
            event.ignore()
            return
        event.acceptProposedAction()
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        QTimer.singleShot(0, lambda: self.import_paths(paths))  # no modal dialog inside a drop

    def import_paths(self, paths: list[Path]) -> None:
        """Find, ask and import on a worker (the window stays live); ``importer.finished`` says when done."""
        self.importer.import_paths(paths)

    # ---- closing --------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Before the library closes: stop reading it (a late paint or selection change reads nothing)."""
        self._shut = True
        self.work.shutdown()  # marks in hand are written before the library closes
        self.importer.shutdown()
        self.model.detach()
        self._end_undo()
        self.viewer.close()
        self.viewer.shutdown()
        self.grid_loader.shutdown()
        self.preview_loader.shutdown()

    def select_rows(self, rows: list[int]) -> None:
        """Select several rows (tests and keyboard users: Ctrl+A is the grid's own)."""
        selection = self.grid.selectionModel()
        selection.clearSelection()
        for row in rows:
            selection.select(self.model.index(row), QItemSelectionModel.SelectionFlag.Select)
        if rows:
            selection.setCurrentIndex(self.model.index(rows[0]), QItemSelectionModel.SelectionFlag.NoUpdate)
