"""Shared makings for the compose tests: real image files, broken ones, and drop events."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QLayout, QVBoxLayout, QWidget


def png(path: Path, width: int = 64, height: int = 48, colour: str = "#3366cc") -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path), "PNG")
    return path


def png_bytes(width: int = 40, height: int = 30, colour: str = "#cc3366") -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(array.data())


def corrupt(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00garbage, not an image" * 10)
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def decompression_bomb(path: Path) -> Path:
    """A tiny, valid-looking PNG whose header claims 60000×60000 pixels (3.6 gigapixels)."""
    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )
    return path


def drop(widget: QWidget, mime: QMimeData, pos: QPoint | None = None) -> tuple[bool, bool]:
    """Send a real drag-enter then drop; returns whether each was accepted."""
    # Integer positions: PySide6 6.11's QDragEnterEvent takes only a QPoint.
    point = pos if pos is not None else widget.rect().center()
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    enter = QDragEnterEvent(point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    event = QDropEvent(point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    return enter.isAccepted(), event.isAccepted()


# Windows shown by host(): held here (pytest-qt holds them only weakly) until pytest-qt closes them.
_shown: list[QWidget] = []


def host(qtbot, widget: QWidget, width: int = 640, height: int = 900) -> QWidget:  # type: ignore[no-untyped-def]
    """Show ``widget`` inside a plain window that sets no size constraints.

    WORKAROUND: the offscreen platform prints a Qt warning ("This plugin does not support
    propagateSizeHints()") whenever a shown top-level window's minimum size changes, and Qt
    warnings fail tests; a host layout with SetNoConstraint never changes it. Upstream: by design
    (QPlatformWindow::propagateSizeHints warns unless the platform overrides it), so no fix.
    No reference cycle keeps the window: a window left to Python's garbage collector may be
    destroyed on whatever thread runs the collection, and Qt objects must die on their own thread.
    """
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.addWidget(widget)
    window.resize(width, height)
    _shown.append(window)
    qtbot.addWidget(window, before_close_func=_shown.remove)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # keyboard focus needs the active window
    qtbot.waitUntil(window.isActiveWindow)
    return window
