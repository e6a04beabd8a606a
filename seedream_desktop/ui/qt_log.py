"""Qt's own messages (a plugin that failed to load, a bad stylesheet, a font warning) into the app's log.

Without this they go to stderr, which a window started from the desktop does not have. Installed by the
app's start-up only: tests keep pytest-qt's handler, which turns a Qt warning into a failed test.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("seedream_desktop.qt")

LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category if context is not None else None
    if category and category != "default":
        message = f"{category}: {message}"
    log.log(LEVELS.get(kind, logging.WARNING), "%s", message)


def install() -> Callable[..., Any] | None:
    """Route Qt's messages into the log from now on; returns the handler that was there before."""
    return qInstallMessageHandler(log_qt_message)
