"""Finding text a layout clips (a label or button narrower than what it says)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from seedream_desktop.ui.elide import ElidedButton, ElidedLabel


def clipped(root: QWidget) -> list[str]:
    """Visible labels and buttons whose one-line text is wider than they are (elided ones are fine)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or isinstance(widget, ElidedLabel | ElidedButton):
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and not widget.pixmap().isNull():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            plain = widget.text().replace("&&", "\0")
            plain = plain.replace("&", "").replace("\0", "&")
            if isinstance(widget, QLabel) and (widget.wordWrap() or widget.textFormat().name == "RichText"):
                longest = max((w for line in plain.split("\n") for w in line.split()), key=len, default="")
            else:
                longest = max(plain.split("\n"), key=len, default="")
            if not longest:
                continue
            needed = widget.fontMetrics().horizontalAdvance(longest)
            room = widget.contentsRect().width()
            if needed > room + 1:
                found.append(f"{type(widget).__name__}#{widget.objectName()} {plain!r}: {needed} > {room}")
    return found
