"""TileSlider: a small slider under a grid that sets its tile size (and follows Ctrl+wheel on the grid)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSlider, QWidget

from seedream_desktop.ui.elide import char_width
from seedream_desktop.ui.grid_fit import STEP_LINES, TileZoom


class TileSlider(QWidget):
    """A small slider that sets a grid's tile size (and follows Ctrl+wheel on the grid)."""

    def __init__(self, zoom: TileZoom, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tileSlider")
        self.zoom = zoom
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(zoom.smallest, zoom.largest)
        self.slider.setSingleStep(zoom.line)
        self.slider.setPageStep(zoom.line * STEP_LINES)
        self.slider.setValue(zoom.side)
        self.slider.setAccessibleName(self.tr("Tile size"))
        self.slider.setToolTip(self.tr("Tile size (Ctrl+wheel, Ctrl+= and Ctrl+−)"))
        self.slider.setFixedWidth(char_width(self.fontMetrics()) * 16)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider)
        self.slider.valueChanged.connect(zoom.set_side)
        zoom.changed.connect(self._follow)

    def _follow(self, side: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(side)
        self.slider.blockSignals(False)
