"""Painting shared by the image tiles of the result grid and the library grid."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen, QPixmap

from seedream_desktop.ui import theme

MARKS_COLOUR = QColor("#ffd54f")
BADGE_BACKGROUND = QColor(0, 0, 0, 150)


def paint_fitted(painter: QPainter, rect: QRect, pixmap: QPixmap, margin: int) -> None:
    """The pixmap scaled into ``rect`` (less ``margin`` around it), centred, aspect kept."""
    ratio = pixmap.devicePixelRatio() or 1.0
    size = QSize(round(pixmap.width() / ratio), round(pixmap.height() / ratio))
    target = size.scaled(rect.size() - QSize(2 * margin, 2 * margin), Qt.AspectRatioMode.KeepAspectRatio)
    x = rect.x() + (rect.width() - target.width()) // 2
    y = rect.y() + (rect.height() - target.height()) // 2
    painter.drawPixmap(QRect(x, y, target.width(), target.height()), pixmap)


def paint_marks(
    painter: QPainter, rect: QRect, favourite: bool, rating: int, *, inset: int, radius: float
) -> None:
    """The ♥ and ★ badge in the tile's bottom-right corner."""
    metrics = QFontMetrics(painter.font())
    text = marks_text(favourite, rating, rect.width() - 2 * inset - 12, metrics)
    width = metrics.horizontalAdvance(text) + 12
    badge = QRectF(
        rect.right() - width - inset,
        rect.bottom() - metrics.height() - inset - 4,
        width,
        metrics.height() + 4,
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BADGE_BACKGROUND)
    painter.drawRoundedRect(badge, radius, radius)
    painter.setPen(MARKS_COLOUR)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text.strip())


def marks_text(favourite: bool, rating: int, room: int, metrics: QFontMetrics) -> str:
    """ "♥ ★★★★" when it fits the tile, else the short "♥ 4★": a narrow tile never cuts the badge off."""
    heart = "♥ " if favourite else ""
    text = heart + "★" * rating
    if metrics.horizontalAdvance(text) > room and rating:
        text = heart + f"{rating}★"
    return text.strip()


def paint_frames(
    painter: QPainter, rect: QRect, palette: QPalette, *, selected: bool, focused: bool, radius: float
) -> None:
    """The accent frame of a selected tile and the dashed focus ring inside it."""
    if selected:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(theme.accent(palette), 3))
        painter.drawRoundedRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5), radius, radius)
    if focused:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # A clear keyboard ring: two solid pixels in the text colour, softened (the 1 px highlight
        # dash was faint on the selection frame's accent).
        ring = palette.color(QPalette.ColorRole.Text)
        ring.setAlpha(170)
        painter.setPen(QPen(ring, 2))
        inner = radius - 2
        painter.drawRoundedRect(QRectF(rect).adjusted(5, 5, -5, -5), inner, inner)
