"""Labels and buttons whose text elides in the middle to the width they are given, full text in a tooltip.

A long file name must never widen a panel (the compose side, the inspector) or push a column off the
screen: these widgets ask for almost no width and show as much of the name as fits.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

HINT_CHARS = 24
MIN_CHARS = 6  # the narrowest an elided name gets: "ab…yz" still says which file it is


def char_width(metrics: QFontMetrics) -> int:
    """The width of an average Latin letter. Not averageCharWidth(): with a CJK font substituted first
    that reports a full-width character's, twice as wide, and every panel sized from it doubles."""
    sample = "abcdefghijklmnopqrstuvwxyz0123456789"
    return max(1, round(metrics.horizontalAdvance(sample) / len(sample)))


class ElidedLabel(QLabel):
    """One line of text, elided in the middle ("long-na…me.png"); the tooltip holds the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text if text else "")
        self._elide()

    def full_text(self) -> str:
        return self._full

    def text(self) -> str:
        """The whole text (for code and tests); the screen shows it elided."""
        return self._full

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(char_width(metrics) * MIN_CHARS, metrics.height())

    def sizeHint(self) -> QSize:
        # Never asks for the whole text: a 200-character name would widen whatever holds it.
        metrics = self.fontMetrics()
        wanted = min(metrics.horizontalAdvance(self._full), char_width(metrics) * HINT_CHARS)
        return QSize(wanted + 4, metrics.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(0, self.contentsRect().width())
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, width)
        super().setText(shown)


class ElidedButton(QPushButton):
    """A flat link-like button (lineage, references) whose label elides in the middle."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(char_width(self.fontMetrics()) * MIN_CHARS)
        super().setText(text)

    def full_text(self) -> str:
        return self._full

    def text(self) -> str:
        """The whole text (what the button says, for tests and code); the screen shows it elided."""
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = event.size().width() - char_width(self.fontMetrics()) * 3
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, max(0, room)))
