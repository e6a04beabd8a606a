"""Unhandled exceptions in the window: logged with their traceback, and shown in a dialog that names the
log file. The window carries on.

Python prints an exception raised in a slot (or a worker thread) to stderr, which a window started from
the desktop does not have: the person would see an action that silently did nothing. Installed by the
app's start-up only (tests keep pytest-qt's own hook, which fails the test instead).
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from seedream_desktop.redaction import redact

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("seedream_desktop.unhandled")


class UnhandledErrors(QObject):
    """sys.excepthook and threading.excepthook for the window's life; ``uninstall`` puts the old back."""

    # The error's one-line summary; queued, so the dialog opens on the GUI thread once the failing
    # slot (or thread) is done, never inside it.
    caught = Signal(str)

    def __init__(self, window: QWidget, log_file: Path | None) -> None:
        super().__init__(window)
        self.window = window
        self.log_file = log_file
        self.box: QMessageBox | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self.caught.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> UnhandledErrors:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self.thread_excepthook:
            threading.excepthook = self._previous_thread_hook

    def excepthook(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in the terminal that started it: as before
            self._previous_hook(kind, error, trace)
            return
        self._report(kind, error, trace, "in the window")

    def thread_excepthook(self, args: Any) -> None:  # threading.ExceptHookArgs
        if args.exc_type is SystemExit:  # what the default hook ignores too
            return
        name = getattr(args.thread, "name", "?")
        self._report(args.exc_type, args.exc_value, args.exc_traceback, f"in the thread {name}")

    def _report(
        self, kind: type[BaseException], error: BaseException | None, trace: TracebackType | None, where: str
    ) -> None:
        log.error("Unhandled error %s", where, exc_info=(kind, error or kind(), trace))
        self.caught.emit(redact(f"{kind.__name__}: {error}" if str(error) else kind.__name__))

    def _show(self, summary: str) -> None:
        # Imported when needed: making QMessageBox's Python type (~100 enums) costs the first frame ~30 ms.
        from PySide6.QtWidgets import QMessageBox

        if self.box is not None:
            return  # one dialog at a time: the log holds every one of them
        if self.log_file is not None:
            details = self.tr(
                "The details are in {path}; please attach that file when you report it."
            ).format(path=self.log_file)
        else:
            details = self.tr("The details could not be written to a log file.")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Something went wrong"),
            self.tr(
                "Something went wrong inside Seedream Desktop. It keeps running, but the last action may not have finished."
            ),
            QMessageBox.StandardButton.Close,
            self.window,
        )
        box.setInformativeText(details)
        box.setDetailedText(summary)
        box.finished.connect(self._closed)
        box.open()  # not exec(): the window (and whatever it was doing) stays live behind it
        self.box = box

    def _closed(self) -> None:
        if self.box is not None:
            self.box.deleteLater()
            self.box = None
