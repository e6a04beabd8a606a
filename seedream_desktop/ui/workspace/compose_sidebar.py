"""ComposeSidebar: the Create workspace's left column — the compose panel scrolling on short screens,
with Generate pinned below it so it is always in sight, and a button that folds the column away."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from seedream_desktop.ui.elide import char_width

COMFORTABLE_CHARS = 56  # wide enough for a two-line prompt and four reference thumbnails in a row


class ComposeSidebar(QWidget):
    def __init__(self, compose: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composeSidebar")
        self.setAccessibleName(self.tr("Compose"))
        self.compose = compose
        self.scroller = QScrollArea(self)
        self.scroller.setObjectName("composeScroll")
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidgetResizable(True)
        # The column has a set width: content never widens it (a long "Editing <file>" elides instead).
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(compose)
        # Generate leaves the scrolling part: on a 720 px screen it stays in sight under the panel.
        button = compose.generate_button
        compose.layout().removeWidget(button)
        footer = QHBoxLayout()
        footer.setContentsMargins(9, 0, 9, 9)
        footer.addWidget(button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroller, 1)
        layout.addLayout(footer)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        extent = self.scroller.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(compose.minimumSizeHint().width() + extent)

    def watch_drops(self) -> None:
        """Frame the reference tray while images are dragged over it. After the first frame: the
        tray's viewport is first wrapped by PySide here, which costs ~10 ms (see reference_view.py)."""
        from seedream_desktop.ui.compose.reference_sources import offers_references
        from seedream_desktop.ui.drop_highlight import DropHighlight

        tray = self.compose.tray
        view = tray.view
        self.tray_highlight = DropHighlight(view, view.viewport(), offers_references)
        self.tray_frame = DropHighlight(tray, tray, offers_references)

    def sizeHint(self) -> QSize:
        return QSize(self.comfortable_width(), super().sizeHint().height())

    def comfortable_width(self) -> int:
        return max(self.minimumWidth(), char_width(self.fontMetrics()) * COMFORTABLE_CHARS)
