"""Waiting for work a page runs off the GUI thread (ui/off_gui.py) to be written and shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop


def settled(*pages: Any) -> None:
    """Until every page's worker has finished and its ``done`` has run on the GUI thread."""
    deadline = QDeadlineTimer(10_000)
    while any(page.work.busy for page in pages):
        assert not deadline.hasExpired(), "the work off the GUI thread did not finish"
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
