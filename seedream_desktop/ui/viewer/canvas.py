"""ImageCanvas: one image (or two, to compare) fitted, at 100 % or zoomed with the wheel, panned by
dragging; in split mode a divider shows the left image on one side and the right image on the other."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

ZOOM_STEP = 1.25
SMALLEST, LARGEST = 0.05, 16.0


class ImageCanvas(QWidget):
    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewerCanvas")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pixmaps: list[QPixmap] = []
        # The originals' sizes: a thumbnail shown while the original decodes is drawn at the
        # original's place and zoom, so swapping in the full image moves nothing.
        self.sizes: list[QSize] = []
        self.split: float | None = None  # 0–1: where the divider is; None: side by side (or one image)
        self.scale: float | None = None  # None: fit the window
        self.offset = QPointF(0, 0)  # pan, in screen pixels from the centred position
        self._drag: QPointF | None = None
        self.message = ""

    def set_pixmaps(self, pixmaps: list[QPixmap], sizes: list[QSize] | None = None) -> None:
        shown = [(p, s) for p, s in zip(pixmaps, sizes or [p.size() for p in pixmaps], strict=True)
                 if not p.isNull()]  # fmt: skip
        self.pixmaps = [p for p, _ in shown]
        self.sizes = [s if s.isValid() and not s.isEmpty() else p.size() for p, s in shown]
        self.update()

    def show_message(self, text: str) -> None:
        self.message = text
        self.update()

    # ---- zoom ---------------------------------------------------------------------------------
    def fit(self) -> None:
        self.scale, self.offset = None, QPointF(0, 0)
        self.update()
        self.zoomChanged.emit(self.zoom())

    def actual_size(self) -> None:
        self.scale, self.offset = 1.0, QPointF(0, 0)
        self.update()
        self.zoomChanged.emit(1.0)

    def zoom_by(self, factor: float) -> None:
        self.scale = max(SMALLEST, min(LARGEST, self.zoom() * factor))
        self.update()
        self.zoomChanged.emit(self.scale)

    def zoom(self) -> float:
        """Screen pixels per image pixel as shown now (0 with nothing shown)."""
        if not self.pixmaps:
            return 0.0
        if self.scale is not None:
            return self.scale
        return min(self._fit_scale(self._slot(i), s) for i, s in enumerate(self.sizes))

    def _slots(self) -> int:
        return 2 if len(self.pixmaps) == 2 and self.split is None else 1

    def _slot(self, index: int) -> QRectF:
        area = QRectF(self.rect())
        if self._slots() == 1:
            return area
        half = area.width() / 2
        return QRectF(area.left() + index * half, area.top(), half, area.height())

    @staticmethod
    def _fit_scale(slot: QRectF, size: QSize) -> float:
        return min(1.0, slot.width() / max(1, size.width()), slot.height() / max(1, size.height()))

    def _target(self, slot: QRectF, size: QSize, scale: float) -> QRectF:
        w, h = size.width() * scale, size.height() * scale
        centre = slot.center() + self.offset
        return QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)

    # ---- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if not self.pixmaps:
            painter.setPen(self.palette().color(QPalette.ColorRole.BrightText))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message
            )
            return
        scale = self.zoom()
        if self._slots() == 2:
            for index, pixmap in enumerate(self.pixmaps):
                slot = self._slot(index)
                painter.save()
                painter.setClipRect(slot)
                target = self._target(slot, self.sizes[index], scale)
                painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
                painter.restore()
            return
        slot = self._slot(0)
        first = self.pixmaps[0]
        painter.drawPixmap(self._target(slot, self.sizes[0], scale), first, QRectF(first.rect()))
        if len(self.pixmaps) == 2 and self.split is not None:
            x = self.width() * self.split
            second = self.pixmaps[1]
            painter.save()
            painter.setClipRect(QRectF(x, 0, self.width() - x, self.height()))
            painter.fillRect(
                QRectF(x, 0, self.width() - x, self.height()), self.palette().color(QPalette.ColorRole.Dark)
            )
            painter.drawPixmap(self._target(slot, self.sizes[1], scale), second, QRectF(second.rect()))
            painter.restore()
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))

    # ---- mouse ----------------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(ZOOM_STEP if delta > 0 else 1 / ZOOM_STEP)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            if self.split is not None and abs(event.position().x() - self.width() * self.split) < 8:
                self._drag = None
                self._moving_split = True
            else:
                self._moving_split = False
                self._drag = event.position()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if getattr(self, "_moving_split", False):
            self.split = max(0.0, min(1.0, event.position().x() / max(1, self.width())))
            self.update()
        elif self._drag is not None:
            self.offset += event.position() - self._drag
            self._drag = event.position()
            self.update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        self._moving_split = False
        super().mouseReleaseEvent(event)
