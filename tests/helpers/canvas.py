"""Dragging on the edit canvas with real mouse events."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from pytestqt.qtbot import QtBot

from seedream_desktop.ui.edit.canvas import EditCanvas


def _at(canvas: EditCanvas, x: float, y: float) -> QPoint:
    return canvas.mapFromScene(QPointF(x, y))


def _drag(qtbot: QtBot, canvas: EditCanvas, points: list[tuple[float, float]]) -> None:
    viewport = canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=_at(canvas, *points[0]))
    for point in points[1:]:
        qtbot.mouseMove(viewport, _at(canvas, *point))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=_at(canvas, *points[-1]))
