"""ResultsPane: the Create workspace's canvas — the result grid, what it says while empty, and the
tile-size slider under it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from seedream_desktop.ui.empty_state import EmptyState
from seedream_desktop.ui.results.grid import ResultGrid
from seedream_desktop.ui.results.trash_undo import ResultsTrashUndo


class ResultsPane(QWidget):
    def __init__(self, grid: ResultGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsPane")
        self.grid = grid
        grid.setParent(self)
        self.empty = EmptyState(grid, "resultsEmpty")
        self.empty.say(
            self.tr("Your images will appear here"),
            self.tr(
                "Write a prompt on the left, then press Generate (Ctrl+Enter). "
                "Add reference images to edit or combine them."
            ),
        )
        self._slider: QWidget | None = None
        self.undo = ResultsTrashUndo(grid.model(), self, self)  # type: ignore[arg-type]
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.undo.label)
        bar.addWidget(self.undo.button)
        bar.addStretch(1)
        self.bar = bar
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(grid, 1)
        layout.addLayout(bar)

    @property
    def slider(self) -> QWidget:
        """The tile-size slider, made just after the first frame (its Qt types cost start-up time)."""
        if self._slider is None:
            from seedream_desktop.ui.tile_slider import TileSlider

            self._slider = TileSlider(self.grid.zoom, self)
            self.bar.addWidget(self._slider)
        return self._slider
