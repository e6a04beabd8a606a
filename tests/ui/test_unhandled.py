"""The window's diagnostics: an exception nobody caught (in a slot or a thread) is logged with its
traceback and shown in a dialog naming the log file, and the window lives on; Qt's own messages reach
the log. Each test installs the hook itself and puts pytest-qt's back (app start-up does the real one)."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, qInstallMessageHandler, qWarning
from PySide6.QtWidgets import QMessageBox, QWidget

from seedream_desktop import logs
from seedream_desktop.config import Paths
from seedream_desktop.redaction import forget_all_secrets, remember_secret
from seedream_desktop.ui import qt_log
from seedream_desktop.ui.unhandled import UnhandledErrors

KEY = "rw-SECRET-KEY-0123456789abcdef"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen dialogs


@pytest.fixture
def window(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def hooked(window: QWidget) -> Iterator[tuple[UnhandledErrors, Path]]:
    remember_secret(KEY)
    log_file = logs.configure(Paths.from_environment())
    assert log_file is not None
    hook = UnhandledErrors(window, log_file).install()
    try:
        yield hook, log_file
    finally:
        hook.uninstall()
        logs.shutdown()
        forget_all_secrets()


def the_box(qtbot, window: QWidget) -> QMessageBox:
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)), timeout=5000)
    (box,) = window.findChildren(QMessageBox)
    return box


def test_an_exception_in_a_slot_is_logged_and_shown_and_the_window_lives_on(
    qtbot, window: QWidget, hooked: tuple[UnhandledErrors, Path], expect_log_errors: list[logging.LogRecord]
) -> None:
    hook, log_file = hooked
    assert sys.excepthook == hook.excepthook

    def broken_slot() -> None:
        raise ValueError(f"a slot that fails, holding {KEY}")

    QTimer.singleShot(0, broken_slot)
    box = the_box(qtbot, window)
    assert "Something went wrong inside Seedream Desktop" in box.text()
    assert str(log_file) in box.informativeText()
    assert "ValueError: a slot that fails" in box.detailedText() and KEY not in box.detailedText()
    box.button(QMessageBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: not window.findChildren(QMessageBox), timeout=5000)
    assert window.isVisible()  # the app stays alive
    logs.shutdown()
    text = log_file.read_text(encoding="utf-8")
    assert "Unhandled error in the window" in text and "Traceback" in text and "broken_slot" in text
    assert KEY not in text
    assert len(expect_log_errors) == 1


def test_an_exception_in_a_thread_is_shown_on_the_gui_thread_one_dialog_at_a_time(
    qtbot, window: QWidget, hooked: tuple[UnhandledErrors, Path], expect_log_errors: list[logging.LogRecord]
) -> None:
    _hook, log_file = hooked

    def worker() -> None:
        raise OSError("the disk went away")

    threads = [threading.Thread(target=worker, name=f"saver-{n}") for n in range(2)]
    for thread in threads:
        thread.start()
        thread.join()
    box = the_box(qtbot, window)
    qtbot.wait(50)  # the second error's dialog request arrives too, and opens no second box
    assert len(window.findChildren(QMessageBox)) == 1
    assert "OSError: the disk went away" in box.detailedText()
    box.close()
    logs.shutdown()
    text = log_file.read_text(encoding="utf-8")
    assert "Unhandled error in the thread saver-0" in text and "in the thread saver-1" in text
    assert len(expect_log_errors) == 2


def test_uninstall_puts_the_previous_hooks_back(window: QWidget) -> None:
    before, before_thread = sys.excepthook, threading.excepthook
    hook = UnhandledErrors(window, None).install()
    assert threading.excepthook == hook.thread_excepthook
    hook.uninstall()
    assert (sys.excepthook, threading.excepthook) == (before, before_thread)


def test_qt_messages_reach_the_log(caplog: pytest.LogCaptureFixture) -> None:
    previous = qt_log.install()  # pytest-qt's handler, which would fail this test on a warning
    try:
        with caplog.at_level(logging.DEBUG, logger="seedream_desktop.qt"):
            qWarning("a Qt warning from a plugin")
    finally:
        qInstallMessageHandler(previous)
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("seedream_desktop.qt", logging.WARNING, "a Qt warning from a plugin")
    ]
