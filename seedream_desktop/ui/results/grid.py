"""ResultGrid: the QListView of results — tiles sized from the font, multi-select, drag out as files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from seedream_desktop.ui.grid_fit import TileGrid, TileZoom, zoom_step
from seedream_desktop.ui.results.delegate import ResultDelegate
from seedream_desktop.ui.results.item import ResultItem
from seedream_desktop.ui.results.model import ResultModel, Role
from seedream_desktop.ui.thumbnails import ThumbnailLoader

GAP = 8
DEFAULT_LINES = 16  # a default tile is sixteen lines of text high


class ResultGrid(TileGrid):
    gap = GAP

    contextMenuRequested = Signal(QPoint)  # global position; the window builds the menu
    activatedItem = Signal(object)  # ResultItem, on double-click or Enter

    def __init__(
        self, model: ResultModel, thumbnails: ThumbnailLoader, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resultGrid")
        # The viewport is made here, as Qt makes its own, rather than fetched with viewport(): PySide's
        # first wrapping of a widget that Qt made tests it against every QWidget class (~50 enum types
        # built, ~12 ms before the first frame), as the tray's does (compose/reference_view.py).
        viewport = QWidget(self)
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)
        self._thumbnails = thumbnails
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setWrapping(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAccessibleName(self.tr("Results"))
        self._delegate = ResultDelegate(self._want_thumbnail, self)
        self.setItemDelegate(self._delegate)
        self.setModel(model)
        self._model = model
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.zoom = TileZoom(self, self.fontMetrics().height(), DEFAULT_LINES)
        self.zoom.changed.connect(lambda _side: self._fit_columns())
        self.set_tile_side(self.zoom.side)
        thumbnails.loaded.connect(self._thumbnail_loaded)
        # Scrolling fast must not queue hundreds of decodes: once it settles, forget the off-screen ones.
        self._settle = QTimer(self, singleShot=True, interval=120)
        self._settle.timeout.connect(self._drop_stale_requests)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._settle.start())
        self.doubleClicked.connect(self._activate)
        self.activated.connect(self._activate)

    # ---- selection ----------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted(i.row() for i in self.selectionModel().selectedIndexes())

    def selected_items(self) -> list[ResultItem]:
        return [self._model.item(r) for r in self.selected_rows()]

    def current_item(self) -> ResultItem | None:
        index = self.currentIndex()
        return self._model.item(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        index = self._model.index(row)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # ---- events -------------------------------------------------------------------------------
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Keyboard users tab in and act at once (F, Delete, Enter): give them a selected tile to act on.
        if self._model.rowCount() and not self.selectionModel().hasSelection():
            current = self.currentIndex()
            self.select_row(current.row() if current.isValid() else 0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = zoom_step(event)
        if step:
            self.zoom.step(step)
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.select_row(index.row())
        self.contextMenuRequested.emit(event.globalPos())

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        # Qt's own drag asks the model for mimeData(), which reads the image for the clipboard; a drag
        # only offers the bytes, so it starts at once even for a 4K PNG.
        indexes = [i for i in self.selectedIndexes() if i.flags() & Qt.ItemFlag.ItemIsDragEnabled]
        if not indexes:
            return
        drag = QDrag(self)
        drag.setMimeData(self._model.drag_mime(indexes))
        pixmap = self._model.data(indexes[0], Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            side = self.fontMetrics().height() * 6
            drag.setPixmap(pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
        drag.exec(supportedActions, self.defaultDropAction())
        drag.deleteLater()

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activatedItem.emit(self._model.item(index.row()))

    # ---- thumbnails ---------------------------------------------------------------------------
    def _want_thumbnail(self, key: str, path: Path) -> None:
        self._thumbnails.request(key, path)

    def _thumbnail_loaded(self, key: str, image: QImage) -> None:
        if image.isNull():
            return
        image.setDevicePixelRatio(1.0)
        self._model.set_thumbnail(key, QPixmap.fromImage(image))  # QPixmap only ever made here

    def visible_keys(self) -> set[str]:
        keys: set[str] = set()
        area = self.viewport().rect()
        for row in range(self._model.rowCount()):
            index = self._model.index(row)
            if self.visualRect(index).intersects(area):
                keys.add(index.data(Role.Key))
        return keys

    def _drop_stale_requests(self) -> None:
        self._thumbnails.retain_only(self.visible_keys())
