"""EditCanvas: the picture with its mask and markup; brush, eraser, selections and markup tools.

Wheel zooms around the pointer, space-drag (or the middle button) pans, ``[`` and ``]`` change the
brush, Alt while selecting cuts from the mask. A pen's pressure (QTabletEvent) scales the brush.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTabletEvent,
    QUndoStack,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QGraphicsScene, QGraphicsView, QWidget

from seedream_desktop.library.edits.markup import Mark
from seedream_desktop.ui.edit.commands import UNDO_STEPS, MaskChange
from seedream_desktop.ui.edit.markup_items import AddMark, MarkupLayer, mark_item
from seedream_desktop.ui.edit.mask_item import MaskItem

TOOLS = ("brush", "eraser", "rect", "lasso", "arrow", "box", "line", "text")
MASK_TOOLS = ("brush", "eraser", "rect", "lasso")
BRUSH_MIN, BRUSH_MAX = 1, 1000
ZOOM_STEP = 1.25
AskText = Callable[[], str | None]
_TABLET = (QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.TabletRelease)


class EditCanvas(QGraphicsView):
    edited = Signal(int)  # the undo stack moved: the mask or the markup changed
    brushChanged = Signal(int)

    def __init__(self, picture: QImage, ask_text: AskText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editCanvas")
        self.scene_ = QGraphicsScene(self)
        self.setScene(self.scene_)
        self.picture = self.scene_.addPixmap(QPixmap.fromImage(picture))
        self.mask_layer = MaskItem(picture.width(), picture.height())
        self.mask_layer.setZValue(1)
        self.scene_.addItem(self.mask_layer)
        self.markup = MarkupLayer(self.scene_, (picture.width(), picture.height()))
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_STEPS)
        self.undo_stack.indexChanged.connect(self.edited)
        self.tool = "brush"
        self.colour = "red"
        self.subtract = False
        self.brush = max(4, round(max(picture.width(), picture.height()) / 60))
        self._ask_text = ask_text
        self._pressure = 1.0
        self._last: QPointF | None = None
        self._points: list[QPointF] = []
        self._preview: QGraphicsPathItem | None = None
        self._panning = False
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setMouseTracking(False)
        self.viewport().installEventFilter(self)

    # ---- view ------------------------------------------------------------------------------------
    def fit(self) -> None:
        self.fitInView(self.picture, Qt.AspectRatioMode.KeepAspectRatio)
        self._zoomed()

    def actual_size(self) -> None:
        self.resetTransform()
        self._zoomed()

    def _zoomed(self) -> None:
        # Smooth scaling only when zoomed out: at 100 % and closer it changes nothing one can see,
        # and it costs a third of every stroke's repaint.
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.transform().m11() < 1)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.scale(ZOOM_STEP**steps, ZOOM_STEP**steps)
            self._zoomed()
        event.accept()

    def set_brush(self, size: int) -> None:
        size = max(BRUSH_MIN, min(BRUSH_MAX, size))
        if size != self.brush:
            self.brush = size
            self.brushChanged.emit(size)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_BracketLeft:
            self.set_brush(round(self.brush / 1.2))
        elif key == Qt.Key.Key_BracketRight:
            self.set_brush(round(self.brush * 1.2) + 1)
        elif key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._panning = True
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._panning = False
            self.setDragMode(QGraphicsView.DragMode.NoDrag)
        else:
            super().keyReleaseEvent(event)

    # ---- input -------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A pen on the viewport: its pressure scales the brush; panning is left to the mouse path."""
        kind = event.type()
        if (
            watched is self.viewport()
            and kind in _TABLET
            and isinstance(event, QTabletEvent)
            and not self._panning
        ):
            point = self.mapToScene(event.position().toPoint())
            self._pressure = (
                max(0.05, min(1.0, event.pressure())) if kind != QEvent.Type.TabletRelease else 1.0
            )
            if kind == QEvent.Type.TabletPress and event.button() == Qt.MouseButton.LeftButton:
                self._press(point)
            elif kind == QEvent.Type.TabletMove and self._last is not None:
                self._move(point)
            elif kind == QEvent.Type.TabletRelease and self._last is not None:
                self._release(point)
            event.accept()  # no mouse events made up from it: the stroke is drawn once
            return True
        return super().eventFilter(watched, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._panning or event.button() == Qt.MouseButton.MiddleButton:
            self._pan_start(event)
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressure = 1.0
            self._press(self.mapToScene(event.position().toPoint()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._last is None:
            super().mouseMoveEvent(event)
            return
        self._move(self.mapToScene(event.position().toPoint()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._last is None:
            super().mouseReleaseEvent(event)
            if event.button() == Qt.MouseButton.MiddleButton and not self._panning:
                self.setDragMode(QGraphicsView.DragMode.NoDrag)
            event.accept()  # the end of a click that placed a text label, or of a pan
            return
        self._release(self.mapToScene(event.position().toPoint()))

    def _press(self, point: QPointF) -> None:
        self._points = [point]
        self._last = point
        if self.tool in ("brush", "eraser"):
            self.mask_layer.begin()
            self.mask_layer.stroke(point, point, self._radius(), self.tool == "eraser")
        elif self.tool == "text":
            self._add_text(point)
        else:
            self._start_preview()

    def _move(self, point: QPointF) -> None:
        assert self._last is not None
        if self.tool in ("brush", "eraser"):
            self.mask_layer.stroke(self._last, point, self._radius(), self.tool == "eraser")
        elif self.tool in ("lasso", "line"):
            self._points.append(point)
        else:
            self._points[1:] = [point]
        self._last = point
        self._update_preview()

    def _release(self, point: QPointF) -> None:
        if self.tool in ("lasso", "line"):
            self._points.append(point)
        elif self.tool not in ("brush", "eraser"):
            self._points[1:] = [point]
        self._finish()
        self._last = None

    def _pan_start(self, event: QMouseEvent) -> None:
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        super().mousePressEvent(event)

    # ---- finishing a gesture ------------------------------------------------------------------------
    def _finish(self) -> None:
        self._clear_preview()
        tool, points = self.tool, self._points
        if tool in ("brush", "eraser"):
            before, after = self.mask_layer.end()
            if before:
                self.undo_stack.push(MaskChange(self.mask_layer, before, after, tool))
        elif tool in ("rect", "lasso"):
            outline = QPolygonF(_rect_corners(points[0], points[-1]) if tool == "rect" else points)
            if outline.boundingRect().width() >= 1 and outline.boundingRect().height() >= 1:
                self.mask_layer.begin()
                self.mask_layer.fill(outline, erase=self.subtract_now())
                before, after = self.mask_layer.end()
                self.undo_stack.push(MaskChange(self.mask_layer, before, after, tool))
        elif tool in ("arrow", "box", "line") and len(points) >= 2 and points[0] != points[-1]:
            mark = Mark(tool, tuple((p.x(), p.y()) for p in points), self.colour)
            self.undo_stack.push(AddMark(self.markup, mark))
        self._points = []

    def subtract_now(self) -> bool:
        return self.subtract or bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.AltModifier)

    def _add_text(self, point: QPointF) -> None:
        self._last = None
        text = self._ask_text()
        if text and text.strip():
            self.undo_stack.push(
                AddMark(
                    self.markup,
                    Mark("text", ((point.x(), point.y()),), self.colour, None, text.strip()[:200]),
                )
            )

    def _radius(self) -> float:
        return max(0.5, self.brush * self._pressure / 2)

    # ---- previews of selections and marks while dragging --------------------------------------------
    def _start_preview(self) -> None:
        self._preview = QGraphicsPathItem()
        self._preview.setZValue(3)
        pen = QPen(QColor(255, 255, 255), 0, Qt.PenStyle.DashLine)
        self._preview.setPen(pen)
        self.scene_.addItem(self._preview)

    def _update_preview(self) -> None:
        if self._preview is None or len(self._points) < 2:
            return
        points = self._points
        if self.tool in ("arrow", "box", "line"):
            item = mark_item(
                Mark(self.tool, tuple((p.x(), p.y()) for p in points), self.colour),
                self.markup.default_width,
                1000,
            )
            if isinstance(item, QGraphicsPathItem):
                self._preview.setPath(item.path())
                self._preview.setPen(item.pen())
            return
        path = QPainterPath()
        path.addPolygon(QPolygonF(_rect_corners(points[0], points[-1]) if self.tool == "rect" else points))
        path.closeSubpath()
        self._preview.setPath(path)

    def _clear_preview(self) -> None:
        if self._preview is not None:
            self.scene_.removeItem(self._preview)
            self._preview = None


def _rect_corners(a: QPointF, b: QPointF) -> list[QPointF]:
    r = QRectF(a, b).normalized()
    return [r.topLeft(), r.topRight(), r.bottomRight(), r.bottomLeft()]
