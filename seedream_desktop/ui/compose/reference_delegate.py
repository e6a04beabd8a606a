"""Paints a tray entry: thumbnail, its number badge, "image N" and a × that removes it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from seedream_desktop.ui.compose.reference_model import ReferenceModel

TILE = QSize(104, 124)
CLOSE = 18  # side of the × button, in pixels


class ReferenceDelegate(QStyledItemDelegate):
    removeRequested = Signal(int)  # row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        model = index.model()
        if isinstance(model, ReferenceModel):
            option.text = model.label(index.row())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return TILE

    @staticmethod
    def close_rect(item: QRect) -> QRect:
        return QRect(item.right() - CLOSE - 2, item.top() + 2, CLOSE, CLOSE)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)
        pal = option.palette
        rect: QRect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Number badge: the N of "image N", large enough to read at a glance.
        badge = QRect(rect.left() + 4, rect.top() + 4, 22, 22)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
        painter.drawEllipse(badge)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(pal.color(QPalette.ColorRole.HighlightedText))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(index.row() + 1))
        if index.data(ReferenceModel.LoadingRole):
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect.adjusted(0, 0, 0, -24), Qt.AlignmentFlag.AlignCenter, "…")
        # The × shows on the hovered or selected tile, so the tray stays calm otherwise.
        from PySide6.QtWidgets import QStyle  # its enums cost ~5 ms: paid at the first tile, not before

        state = option.state
        if state & (QStyle.StateFlag.State_MouseOver | QStyle.StateFlag.State_Selected):
            close = self.close_rect(rect)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Window))
            painter.drawEllipse(close)
            painter.setPen(QPen(pal.color(QPalette.ColorRole.WindowText), 1.6))
            c = close.adjusted(5, 5, -5, -5)
            painter.drawLine(c.topLeft(), c.bottomRight())
            painter.drawLine(c.topRight(), c.bottomLeft())
        painter.restore()

    def editorEvent(self, event: QEvent, model, option, index) -> bool:
        if (
            isinstance(event, QMouseEvent)
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton
            and self.close_rect(option.rect).contains(event.position().toPoint())
        ):
            self.removeRequested.emit(index.row())
            return True
        return super().editorEvent(event, model, option, index)
