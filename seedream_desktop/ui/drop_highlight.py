"""DropHighlight: a visible frame over a drop target while something it takes is dragged over it.

Watches the target from outside (an event filter), so the target's own drop handling stays as it is;
the frame is a child that lets every mouse event through."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from seedream_desktop.ui import theme


class _Frame(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dropHighlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = theme.accent(self.palette())
        fill = QColor(accent)
        fill.setAlpha(40)
        painter.setBrush(fill)
        painter.setPen(QPen(accent, 3))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5), 6, 6)


class DropHighlight(QObject):
    """``takes(mime)`` says whether the target accepts what is dragged; ``area`` is what gets framed."""

    def __init__(self, area: QWidget, watched: QWidget, takes: Callable[[QMimeData], bool]) -> None:
        super().__init__(area)
        self.area = area
        self.takes = takes
        self.frame = _Frame(area)
        watched.installEventFilter(self)

    def showing(self) -> bool:
        return self.frame.isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            if self.takes(event.mimeData()):
                self.frame.setGeometry(self.area.rect())
                self.frame.raise_()
                self.frame.show()
        elif kind in (QEvent.Type.DragLeave, QEvent.Type.Drop):
            self.frame.hide()
        return False
