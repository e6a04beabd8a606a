"""LibraryDelegate: paints one library tile — the thumbnail (or asks for it), favourite and rating."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from seedream_desktop.library.entry import ImageEntry
from seedream_desktop.ui import theme
from seedream_desktop.ui.library.library_model import Role, thumbnail_key

Index = QModelIndex | QPersistentModelIndex
# Asks for the thumbnail of a tile painted without one: (key, path, content id).
WantThumbnail = Callable[[str, Path, str], None]


class LibraryDelegate(QStyledItemDelegate):
    def __init__(self, want_thumbnail: WantThumbnail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._want_thumbnail = want_thumbnail
        self.tile_side = 160

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(self.tile_side, self.tile_side)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        entry: ImageEntry | None = index.data(Role.Entry)
        if entry is None:
            return
        palette: QPalette = option.palette
        rect: QRect = option.rect.adjusted(3, 3, -3, -3)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.tile_background(palette))
        painter.drawRoundedRect(QRectF(rect), 6, 6)
        pixmap: QPixmap | None = index.data(Qt.ItemDataRole.DecorationRole)
        if pixmap is not None and not pixmap.isNull():
            self._paint_image(painter, rect, pixmap)
        else:
            self._want_thumbnail(thumbnail_key(entry), entry.path, entry.content_id)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                rect.adjusted(8, 8, -8, -8),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWrapAnywhere,
                entry.path.name,
            )
        if entry.favourite or entry.rating:
            self._paint_marks(painter, rect, entry)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(theme.accent(palette), 3))
            painter.drawRoundedRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5), 6, 6)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(QRectF(rect).adjusted(5, 5, -5, -5), 4, 4)
        painter.restore()

    def _paint_image(self, painter: QPainter, rect: QRect, pixmap: QPixmap) -> None:
        ratio = pixmap.devicePixelRatio() or 1.0
        size = QSize(round(pixmap.width() / ratio), round(pixmap.height() / ratio))
        target = size.scaled(rect.size() - QSize(6, 6), Qt.AspectRatioMode.KeepAspectRatio)
        x = rect.x() + (rect.width() - target.width()) // 2
        y = rect.y() + (rect.height() - target.height()) // 2
        painter.drawPixmap(QRect(x, y, target.width(), target.height()), pixmap)

    def _paint_marks(self, painter: QPainter, rect: QRect, entry: ImageEntry) -> None:
        metrics = QFontMetrics(painter.font())
        text = ("♥ " if entry.favourite else "") + ("★" * entry.rating)
        width = metrics.horizontalAdvance(text) + 12
        badge = QRectF(
            rect.right() - width - 4, rect.bottom() - metrics.height() - 8, width, metrics.height() + 4
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 150))
        painter.drawRoundedRect(badge, 5, 5)
        painter.setPen(QColor("#ffd54f"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text.strip())
