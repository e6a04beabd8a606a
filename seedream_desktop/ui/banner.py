"""Banner: a one-line message across the top of the window, with the button that is the way out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from seedream_desktop.ui import theme


class Banner(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.text = QLabel(self)
        self.text.setObjectName(f"{name}Text")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.button.setObjectName(f"{name}Button")
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.close_button)
        self._action: Callable[[], object] | None = None
        self._kind = "info"
        self._tinting = False
        self.button.clicked.connect(self._clicked)
        self.hide()

    def show_message(
        self,
        text: str,
        kind: str = "info",
        button: str = "",
        action: Callable[[], object] | None = None,
        closable: bool = True,
    ) -> None:
        """``kind`` is 'info', 'demo' or 'error': only the tint changes, text stays in palette colours."""
        self.text.setText(text)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self.close_button.setVisible(closable)
        self._action = action
        self._kind = kind
        self._tint()
        self.show()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._tinting:
            self._tint()  # a light/dark switch: the tint is mixed again from the new window colour

    def _tint(self) -> None:
        kind = self._kind
        parent = self.parentWidget()
        # From the surroundings, not our own palette: that holds the last mix, and mixing it again drifts.
        palette = QPalette(parent.palette() if parent is not None else self.palette())
        base = palette.color(QPalette.ColorRole.Window)
        tints = {
            "demo": QColor("#7b4cf0"),
            "error": theme.error_colour(palette),
            "info": theme.accent(palette),
        }
        tint = tints.get(kind, tints["info"])
        # Mix 18 % of the tint into the window colour: readable in light and dark themes alike.
        mixed = QColor(
            round(base.red() * 0.82 + tint.red() * 0.18),
            round(base.green() * 0.82 + tint.green() * 0.18),
            round(base.blue() * 0.82 + tint.blue() * 0.18),
        )
        tinted = QPalette()
        tinted.setColor(QPalette.ColorRole.Window, mixed)  # only this role is ours; the rest follows
        self._tinting = True
        try:
            self.setPalette(tinted)
        finally:
            self._tinting = False

    def _clicked(self) -> None:
        if self._action is not None:
            self._action()
