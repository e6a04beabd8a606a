"""LibraryGrid: the virtualised QListView of the library — uniform tiles, thumbnails off the GUI thread,
one-key marks, drag out as files (and onto boards)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QItemSelectionModel, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QContextMenuEvent, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from seedream_desktop.library.entry import ImageEntry
from seedream_desktop.ui.grid_fit import TileGrid, TileZoom, zoom_step
from seedream_desktop.ui.library.delegate import LibraryDelegate
from seedream_desktop.ui.library.library_model import LibraryModel, Role
from seedream_desktop.ui.library.memory import give_back_memory
from seedream_desktop.ui.library.thumbnail_source import LibraryThumbnailFiles
from seedream_desktop.ui.thumbnails import ThumbnailLoader

RATING_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(6)}
SETTLE_MS = 120
BATCH = 1000
GAP = 6
DEFAULT_LINES = 10


class LibraryGrid(TileGrid):
    gap = GAP

    favouriteRequested = Signal()  # F
    ratingRequested = Signal(int)  # 0–5
    trashRequested = Signal()  # Delete
    openRequested = Signal(int)  # Enter or double-click: the row, for the viewer
    contextMenuRequested = Signal(QPoint)  # global position; the view builds the menu

    def __init__(
        self,
        model: LibraryModel,
        thumbnails: ThumbnailLoader,
        files: LibraryThumbnailFiles,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryGrid")
        self._model = model
        self._thumbnails = thumbnails
        self._files = files
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)  # one size for every tile: layout never asks 100,000 rows
        self.setWrapping(True)
        # The first screen is laid out and painted at once; the rest of 100,000 tiles follow in batches
        # between events (~10 ms each), instead of half a second before anything shows.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(BATCH)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAccessibleName(self.tr("Library grid"))
        self._delegate = LibraryDelegate(self._want_thumbnail, self)
        self.setItemDelegate(self._delegate)
        self.setModel(model)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.zoom = TileZoom(self, self.fontMetrics().height(), DEFAULT_LINES)
        self.zoom.changed.connect(lambda _side: self._fit_columns())
        self.set_tile_side(self.zoom.side)
        thumbnails.loaded.connect(self._thumbnail_loaded)
        # Fast scrolling must not queue hundreds of decodes: once it settles, the off-screen ones go.
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.drop_stale_requests)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._last_drop = QElapsedTimer()
        self._last_drop.start()
        self.doubleClicked.connect(lambda index: self.openRequested.emit(index.row()))

    # ---- selection ------------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted(i.row() for i in self.selectionModel().selectedIndexes())

    def selection_count(self) -> int:
        """How many images are selected, from the selection's ranges (no index made per row)."""
        selection = self.selectionModel().selection()
        return sum(selection.at(i).height() for i in range(selection.count()))

    def selected_entries(self) -> list[ImageEntry]:
        return self._model.entries(self.selected_rows())

    def current_entry(self) -> ImageEntry | None:
        index = self.currentIndex()
        return self._model.entry(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        if not 0 <= row < self._model.rowCount():
            return
        index = self._model.index(row)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def visible_rows(self) -> range:
        """The rows whose tiles intersect the viewport. Tiles are uniform, so this is the first one
        seen from the top, then whole lines of ``columns`` (no walk over 100,000 rows)."""
        count = self._model.rowCount()
        area = self.viewport().rect()
        cell = self.gridSize()
        width, height = max(1, cell.width()), max(1, cell.height())
        if not count or area.isEmpty():
            return range(0)
        columns = max(1, area.width() // width)
        first = None
        for y in range(1, area.height(), max(1, height // 4)):  # the gaps between tiles hit no index
            index = self.indexAt(QPoint(width // 2, y))
            if index.isValid():
                first = index.row()
                break
        if first is None:
            return range(0)
        start = first - first % columns
        lines = area.height() // height + 2
        return range(start, min(count, start + columns * lines))

    # ---- keys -----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if zoom_step(event):
            self.zoom.step(zoom_step(event))
        elif plain and key == Qt.Key.Key_F:
            self.favouriteRequested.emit()
        elif plain and key in RATING_KEYS:
            self.ratingRequested.emit(RATING_KEYS[key])
        elif key == Qt.Key.Key_Delete:
            self.trashRequested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.currentIndex().isValid():
            self.openRequested.emit(self.currentIndex().row())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # Right-click on an image outside the selection acts on that image, as file managers do; on
        # the empty space between and after tiles there is nothing to act on.
        index = self.indexAt(event.pos())
        if not index.isValid() and event.reason() == QContextMenuEvent.Reason.Mouse:
            return
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.select_row(index.row())
        self.contextMenuRequested.emit(event.globalPos())

    # ---- thumbnails -------------------------------------------------------------------------------
    def _want_thumbnail(self, key: str, path: Path, content_id: str) -> None:
        self._files.remember(path, content_id)
        self._thumbnails.request(key, path)

    def _thumbnail_loaded(self, key: str, image: QImage) -> None:
        if image.isNull():
            return
        image.setDevicePixelRatio(1.0)
        self._model.set_thumbnail(key, QPixmap.fromImage(image))  # the QPixmap is only made here

    def visible_keys(self) -> set[str]:
        return {str(self._model.index(r).data(Role.Key)) for r in self.visible_rows()}

    def _scrolled(self, _value: int) -> None:
        # While the scrolling goes on, forget the tiles passed every SETTLE_MS too: a long drag from
        # end to end must not leave thousands of decodes queued behind it.
        if self._last_drop.elapsed() >= SETTLE_MS:
            self.drop_stale_requests()
        self._settle.start()

    def drop_stale_requests(self) -> None:
        self._last_drop.restart()
        self._thumbnails.retain_only(self.visible_keys())
        give_back_memory()
