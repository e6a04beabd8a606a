"""Markup on the canvas: each mark (library/edits/markup.py) shown as a graphics item, undoable."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QUndoCommand
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsScene, QGraphicsSimpleTextItem

from seedream_desktop.library.edits.markup import Mark, Markup


class MarkupLayer:
    """The marks in drawing order, each with the item that shows it in ``scene``."""

    def __init__(self, scene: QGraphicsScene, size: tuple[int, int]) -> None:
        self.scene = scene
        self.size = size
        self.marks: list[Mark] = []
        self._items: list[QGraphicsItem] = []
        self.default_width = max(3.0, max(size) / 250)  # as the marked copy draws them

    def add(self, mark: Mark) -> None:
        item = mark_item(mark, self.default_width, max(self.size))
        item.setZValue(2)
        self.scene.addItem(item)
        self.marks.append(mark)
        self._items.append(item)

    def remove_last(self) -> None:
        self.marks.pop()
        self.scene.removeItem(self._items.pop())

    def markup(self) -> Markup:
        return Markup(self.size, tuple(self.marks))


class AddMark(QUndoCommand):
    def __init__(self, layer: MarkupLayer, mark: Mark) -> None:
        super().__init__(f"add {mark.kind}")
        self.layer, self.mark = layer, mark

    def redo(self) -> None:
        self.layer.add(self.mark)

    def undo(self) -> None:
        self.layer.remove_last()


def mark_item(mark: Mark, default_width: float, long_side: int) -> QGraphicsItem:
    colour = QColor(*mark.rgb)
    width = mark.width if mark.width is not None else default_width
    points = [QPointF(x, y) for x, y in mark.points]
    if mark.kind == "text":
        text = QGraphicsSimpleTextItem(mark.text)
        font = QFont()
        font.setPixelSize(max(12, round(long_side / 40)))
        text.setFont(font)
        text.setBrush(QBrush(colour))
        text.setPen(QPen(QColor(0, 0, 0), 1.5))
        text.setPos(points[0])
        return text
    path = QPainterPath(points[0])
    if mark.kind == "box":
        path = QPainterPath()
        path.addRect(_rect(points[0], points[1]))
    else:
        for point in points[1:]:
            path.lineTo(point)
    if mark.kind == "arrow":
        start, end = points[0], points[-1]
        angle = math.atan2(end.y() - start.y(), end.x() - start.x())
        head = width * 4
        for side in (0.45, -0.45):
            path.moveTo(end)
            path.lineTo(end.x() - head * math.cos(angle - side), end.y() - head * math.sin(angle - side))
    item = QGraphicsPathItem(path)
    item.setPen(
        QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    )
    return item


def _rect(a: QPointF, b: QPointF) -> QRectF:
    return QRectF(a, b).normalized()
