"""First run: with no key the app offers the demo or a key; the demo marks the window DEMO everywhere."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from seedream_desktop.ui.first_run import FirstRunDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.mark.parametrize(("button", "choice"), [("demo_button", "demo"), ("key_button", "key")])
def test_the_two_ways_in(qtbot, button, choice):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert dialog.choice == choice
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted


def test_enter_picks_the_demo(qtbot):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.choice == "demo"


def test_closing_chooses_nothing(qtbot):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert dialog.choice == ""


def test_entering_a_key_from_the_demo_banner_opens_settings(make_window, qtbot):
    window = make_window(None)
    window.enter_demo()
    qtbot.waitUntil(window.demo_banner.isVisible, timeout=5000)
    qtbot.mouseClick(window.demo_banner.button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(FirstRunDialog.__mro__[1], "settingsDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_self_test_command_generates_a_demo_image_and_exits_0():
    result = subprocess.run(
        [sys.executable, "-m", "seedream_desktop.app", "--self-test"],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    assert "self-test ok" in result.stdout


def test_version():
    from seedream_desktop import __version__

    result = subprocess.run(
        [sys.executable, "-m", "seedream_desktop.app", "--version"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0 and __version__ in result.stdout
