"""ResultDelegate: paints a result tile — the thumbnail, or a placeholder with progress or the error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from seedream_desktop.jobs.state import JobState
from seedream_desktop.ui import theme
from seedream_desktop.ui.results.item import ResultItem
from seedream_desktop.ui.results.model import Role
from seedream_desktop.ui.tile_paint import paint_fitted, paint_frames, paint_marks

Index = QModelIndex | QPersistentModelIndex
# Asks for the thumbnail of a tile that is being painted without one.
WantThumbnail = Callable[[str, Path], None]


def human_bytes(count: int) -> str:
    """A size as "1.5 MB", in the interface's words and number format ("512 字节"; "1,5 MB" where usual)."""
    return QLocale().formattedDataSize(count, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class ResultDelegate(QStyledItemDelegate):
    def __init__(self, want_thumbnail: WantThumbnail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._want_thumbnail = want_thumbnail
        self.tile_side = 200

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(self.tile_side, self.tile_side)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item: ResultItem | None = index.data(Role.Item)
        if item is None:
            return
        palette: QPalette = option.palette
        from PySide6.QtWidgets import QStyle  # its enums cost ~5 ms: paid at the first tile, not before

        rect: QRect = option.rect.adjusted(4, 4, -4, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.tile_background(palette))
        painter.drawRoundedRect(QRectF(rect), 8, 8)
        pixmap: QPixmap | None = index.data(Qt.ItemDataRole.DecorationRole)
        if item.path is not None and pixmap is not None and not pixmap.isNull():
            paint_fitted(painter, rect, pixmap, margin=4)
        elif item.path is not None:
            self._want_thumbnail(item.key, item.path)
            self._paint_text(
                painter, rect, palette, item.path.name, palette.color(QPalette.ColorRole.PlaceholderText)
            )
        else:
            self._paint_placeholder(painter, rect, palette, item, index)
        if item.favourite or item.rating:
            paint_marks(painter, rect, item.favourite, item.rating, inset=6, radius=6)
        paint_frames(
            painter,
            rect,
            palette,
            selected=selected,
            focused=bool(option.state & QStyle.StateFlag.State_HasFocus),
            radius=8,
        )
        painter.restore()

    def _paint_text(
        self, painter: QPainter, rect: QRect, palette: QPalette, text: str, colour: QColor
    ) -> None:
        painter.setPen(colour)
        painter.drawText(
            rect.adjusted(10, 10, -10, -10), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text
        )

    def _paint_placeholder(
        self, painter: QPainter, rect: QRect, palette: QPalette, item: ResultItem, index: Index
    ) -> None:
        metrics = QFontMetrics(painter.font())
        line = metrics.height()
        inner = rect.adjusted(12, 12, -12, -12)
        state_text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if item.error_text:
            painter.setPen(theme.error_colour(palette))
            title = QRect(inner.x(), inner.y(), inner.width(), line)
            painter.drawText(title, Qt.AlignmentFlag.AlignLeft, state_text)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            body = inner.adjusted(0, line + 4, 0, 0)
            text = item.error_text + ("\n\n" + item.remedy if item.remedy else "")
            painter.drawText(body, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, text)
            return
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        seconds = int(index.data(Role.Elapsed) or 0)
        label = (
            state_text
            if item.state is JobState.CANCELLED
            else self.tr("{0} · {1} s").format(state_text, seconds)
        )
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        centre = QRect(inner.x(), inner.center().y() - line, inner.width(), line)
        painter.drawText(centre, Qt.AlignmentFlag.AlignCenter, label)
        done, total = item.bytes_done, item.bytes_total
        bar = QRectF(inner.x() + 8, inner.center().y() + line * 0.6, inner.width() - 16, max(4.0, line / 3))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(muted.lighter(130) if theme.is_dark(palette) else muted.lighter(150))
        painter.drawRoundedRect(bar, bar.height() / 2, bar.height() / 2)
        if item.state is JobState.CANCELLED:
            return
        painter.setBrush(theme.accent(palette))
        if total > 0:
            filled = QRectF(bar.x(), bar.y(), bar.width() * min(1.0, done / total), bar.height())
            painter.drawRoundedRect(filled, bar.height() / 2, bar.height() / 2)
            painter.setPen(muted)
            below = QRect(inner.x(), int(bar.bottom()) + 4, inner.width(), line)
            painter.drawText(
                below, Qt.AlignmentFlag.AlignCenter, f"{human_bytes(done)} / {human_bytes(total)}"
            )
        else:
            # No byte count yet: a moving segment shows the job is alive.
            width = bar.width() / 4
            offset = (seconds % 4) * width
            painter.drawRoundedRect(QRectF(bar.x() + offset, bar.y(), width, bar.height()), 2, 2)
