"""The reference tray's icon grid: reorders by internal drag, hands every other drop to the tray."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from seedream_desktop.ui.compose.reference_delegate import TILE
from seedream_desktop.ui.compose.reference_model import ReferenceModel, rows_in
from seedream_desktop.ui.compose.reference_sources import offers_references


class ReferenceListView(QListView):
    """Icon grid that reorders by internal drag and hands every other drop to the tray."""

    sourcesDropped = Signal(QMimeData)
    removeRequested = Signal()
    moveRequested = Signal(int)  # -1 earlier, +1 later

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)  # reordering goes through the model, not free placement
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(TILE.width() - 12, TILE.width() - 12))
        self.setGridSize(QSize(TILE.width() + 6, TILE.height() + 6))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setAcceptDrops(True)
        # Drops must land on the viewport (positions are viewport coordinates there); it does not
        # inherit acceptDrops from the view. The viewport is made here, as Qt makes its own, rather than
        # fetched with viewport(): PySide's first wrapping of a widget that Qt made tests it against every
        # QWidget class, ~10 ms before the first frame.
        viewport = QWidget(self)
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        viewport.setAcceptDrops(True)
        self.setViewport(viewport)
        self.setDragEnabled(True)
        self.setMouseTracking(True)  # the × shows on hover

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._judge(event)

    def _judge(self, event: QDragMoveEvent) -> None:
        if rows_in(event.mimeData()) or offers_references(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._judge(event)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        rows = rows_in(mime)
        model = self.model()
        if rows and isinstance(model, ReferenceModel):
            model.move_to(rows, self.drop_row(event.position().toPoint()))
        else:
            self.sourcesDropped.emit(mime)
        # Reported as a copy even when reordering, so the drag source never removes the rows.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def drop_row(self, pos: QPoint) -> int:
        """The row a drop at ``pos`` lands before: the hovered tile, or after it past its middle."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.model().rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if pos.x() > rect.center().x() else 0)

    @staticmethod
    def _is_own_key(event: QKeyEvent) -> bool:
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        return event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) or (
            ctrl and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right)
        )

    def event(self, event: QEvent) -> bool:
        # Delete here removes a reference: it must never reach the window's "delete to trash" action.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._is_own_key(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.removeRequested.emit()
            event.accept()
        elif event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
        ):
            self.moveRequested.emit(-1 if event.key() == Qt.Key.Key_Left else 1)
            event.accept()
        else:
            super().keyPressEvent(event)
