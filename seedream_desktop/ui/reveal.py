"""Show files selected in the system file manager, falling back to opening their folder."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl

FILE_MANAGER = "org.freedesktop.FileManager1"


def reveal(paths: Sequence[Path], open_url: Callable[[QUrl], Any]) -> None:
    if not paths:
        return
    from PySide6.QtCore import QProcess  # made on first use: this module is imported before the first frame

    if sys.platform == "darwin":
        QProcess.startDetached("open", ["-R", str(paths[0])])
        return
    if sys.platform == "win32":
        QProcess.startDetached("explorer", [f"/select,{paths[0]}"])
        return
    if _show_items_over_dbus(paths):
        return
    for folder in sorted({p.parent for p in paths})[:5]:
        open_url(QUrl.fromLocalFile(str(folder)))


def _show_items_over_dbus(paths: Sequence[Path]) -> bool:
    """Nautilus, Dolphin, Nemo, Thunar … implement FileManager1.ShowItems; the call is sent, not awaited."""
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    registered = bus.interface().isServiceRegistered(FILE_MANAGER)
    if not registered.isValid() or not registered.value():
        return False
    message = QDBusMessage.createMethodCall(
        FILE_MANAGER, "/org/freedesktop/FileManager1", FILE_MANAGER, "ShowItems"
    )
    message.setArguments([[QUrl.fromLocalFile(str(p)).toString() for p in paths], ""])
    return bool(bus.send(message))
