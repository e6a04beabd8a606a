"""FirstRunDialog: with no API key, offer the demo (built-in emulator) or entering a key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from seedream_desktop import APP_NAME
from seedream_desktop.ui import theme


class FirstRunDialog(QDialog):
    """``choice`` is 'demo', 'key' or '' (closed: the window opens with no key, library only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        self.setWindowTitle(self.tr("Welcome to {app}").format(app=APP_NAME))
        self.choice = ""
        icon = QLabel(self)
        side = self.fontMetrics().height() * 5
        icon.setPixmap(theme.app_icon().pixmap(side, side))
        icon.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        title = QLabel(self.tr("<h2>Make images with Seedream 4.0</h2>"), self)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        text = QLabel(
            self.tr(
                "No Runware API key is set yet.<br><br>"
                "<b>Try the demo</b> to see the whole app at work: a built-in stand-in for Runware runs on "
                "this computer, makes placeholder images and charges nothing.<br><br>"
                "<b>Enter a key</b> to generate real images. Keys come from "
                "<a href='https://my.runware.ai'>my.runware.ai</a>; the app keeps yours in the system keychain."
            ),
            self,
        )
        text.setWordWrap(True)
        text.setOpenExternalLinks(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.demo_button = QPushButton(
            theme.tinted_icon("demo", self.palette()), self.tr("Try the demo"), self
        )
        self.demo_button.setObjectName("tryDemo")
        self.key_button = QPushButton(theme.tinted_icon("key", self.palette()), self.tr("Enter a key…"), self)
        self.key_button.setObjectName("enterKey")
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(lambda: self._choose("demo"))
        self.key_button.clicked.connect(lambda: self._choose("key"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.key_button)
        buttons.addWidget(self.demo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(self.fontMetrics().height())
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
