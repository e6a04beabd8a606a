"""LibraryDelegate: paints one library tile — the thumbnail (or asks for it), favourite and rating."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from seedream_desktop.library.entry import ImageEntry
from seedream_desktop.ui import theme
from seedream_desktop.ui.library.library_model import Role, thumbnail_key
from seedream_desktop.ui.tile_paint import paint_fitted, paint_frames, paint_marks

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
            paint_fitted(painter, rect, pixmap, margin=3)
        else:
            self._want_thumbnail(thumbnail_key(entry), entry.path, entry.content_id)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            # Until its thumbnail arrives the tile names the file: one line, elided in the middle, so a long
            # name never spills past the tile (the full name is in the tooltip and the inspector).
            room = rect.adjusted(8, 8, -8, -8)
            name = painter.fontMetrics().elidedText(
                entry.path.name, Qt.TextElideMode.ElideMiddle, room.width()
            )
            painter.drawText(room, Qt.AlignmentFlag.AlignCenter, name)
        if entry.favourite or entry.rating:
            paint_marks(painter, rect, entry.favourite, entry.rating, inset=4, radius=5)
        paint_frames(
            painter,
            rect,
            palette,
            selected=bool(option.state & QStyle.StateFlag.State_Selected),
            focused=bool(option.state & QStyle.StateFlag.State_HasFocus),
            radius=6,
        )
        painter.restore()
