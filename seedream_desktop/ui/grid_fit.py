"""How an image grid fits its width: whole columns only, the tiles stretched a little to fill the row,
a tile size the person chooses (slider, Ctrl+wheel, Ctrl+= and Ctrl+−), shared by both grids."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView

SMALLEST_LINES, LARGEST_LINES = 5, 32  # tile sides in lines of text: from contact sheet to near-full
STEP_LINES = 2


def columns_for(width: int, preferred: int, gap: int) -> tuple[int, int]:
    """(columns, tile side) for a viewport ``width``: as many whole columns of ``preferred`` as fit
    (at least one), each tile widened to share the rest, never wider than the row."""
    columns = max(1, width // (preferred + gap))
    side = max(16, width // columns - gap)
    return columns, side


def steady_width(view: QAbstractItemView) -> int:
    """The room for tiles, counting the vertical scrollbar as always there: a scrollbar that comes and
    goes would otherwise change the column count, which changes whether it is needed (the grid that
    flipped between one and two columns)."""
    bar = view.verticalScrollBar().sizeHint().width()
    return max(1, view.width() - 2 * view.frameWidth() - bar - 2)


def zoom_step(event: QKeyEvent) -> int:
    """+1 for Ctrl+= / Ctrl++, −1 for Ctrl+−, else 0."""
    if event.matches(QKeySequence.StandardKey.ZoomIn):
        return 1
    if event.matches(QKeySequence.StandardKey.ZoomOut):
        return -1
    if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() == Qt.Key.Key_Equal:
        return 1
    return 0


class TileZoom(QObject):
    """The chosen tile size of one grid, in pixels; the grid follows ``changed``."""

    changed = Signal(int)

    def __init__(self, view: QAbstractItemView, line: int, default_lines: int) -> None:
        super().__init__(view)
        self.line = max(1, line)
        self.side = line * default_lines
        self.smallest, self.largest = line * SMALLEST_LINES, line * LARGEST_LINES
        view.viewport().installEventFilter(self)

    def set_side(self, side: int) -> None:
        side = max(self.smallest, min(self.largest, side))
        if side != self.side:
            self.side = side
            self.changed.emit(side)

    def step(self, steps: int) -> None:
        self.set_side(self.side + steps * STEP_LINES * self.line)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # By type, not isinstance(QWheelEvent): that class's Python type is then made only when used.
        if event.type() == QEvent.Type.Wheel and event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # type: ignore[attr-defined]
            delta = event.angleDelta().y()  # type: ignore[attr-defined]
            if delta:
                self.step(1 if delta > 0 else -1)
            event.accept()
            return True  # Ctrl+wheel sizes the tiles instead of scrolling
        return False


class TileGrid(QListView):
    """The layout both image grids share: square tiles of the delegate's side, in whole columns that fill
    the width. A subclass sets ``gap``, and ``_delegate`` (with a ``tile_side``) and ``zoom`` (a
    TileZoom) in its constructor before it calls ``set_tile_side``."""

    gap = 8
    _delegate: Any
    zoom: TileZoom

    def set_tile_side(self, side: int) -> None:
        self._delegate.tile_side = side
        self.setGridSize(QSize(side + self.gap, side + self.gap))
        self.setIconSize(QSize(side, side))

    def tile_side(self) -> int:
        return int(self._delegate.tile_side)

    def preferred_tile_side(self) -> int:
        return self.zoom.side

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        # Whole columns that fill the width (no ragged gap, no column cut off), from a width that does
        # not change when the scrollbar comes or goes.
        _columns, side = columns_for(steady_width(self), self.zoom.side, self.gap)
        if side != self.tile_side():
            self.set_tile_side(side)
