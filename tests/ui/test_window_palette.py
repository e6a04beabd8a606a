"""A light/dark switch while the app runs: banners and error labels are drawn again in the new colours."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from seedream_desktop.api.request import PROMPT_MAX
from seedream_desktop.ui import theme

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

DARK_WINDOW = QColor("#202124")


@pytest.fixture
def dark_switch(qapp, qtbot) -> Iterator:
    """Turns the application dark (as the desktop does on a theme switch); the light one comes back after."""
    light = QApplication.palette()

    def switch(window) -> QPalette:
        dark = QPalette(DARK_WINDOW)
        QApplication.setPalette(dark)
        qtbot.waitUntil(lambda: theme.is_dark(window.palette()))  # the change reaches widgets as events
        return dark

    yield switch
    QApplication.setPalette(light)


def text_colour(widget) -> QColor:
    return widget.palette().color(QPalette.ColorRole.WindowText)


def test_banners_and_error_labels_follow_a_switch_to_dark(make_window, dark_switch, qtbot):
    window = make_window(None)
    banner = window.error_banner
    banner.show_message("Something went wrong", "error")
    light_tint = banner.palette().color(QPalette.ColorRole.Window)
    assert not theme.is_dark(banner.palette())
    editor = window.compose.editor
    window.compose.try_generate()  # with no prompt: says what blocks generating, in the error colour
    assert window.compose.problems_label.isVisible()
    editor.set_text("x" * (PROMPT_MAX + 1))
    light_error = theme.error_colour(QApplication.palette())
    assert text_colour(editor.counter) == light_error

    dark = dark_switch(window)
    dark_error = theme.error_colour(dark)
    assert dark_error != light_error
    tint = banner.palette().color(QPalette.ColorRole.Window)
    assert tint != light_tint and theme.is_dark(banner.palette())  # mixed again from the dark window
    assert text_colour(editor.counter) == dark_error
    assert text_colour(editor.message) == dark_error
    assert text_colour(window.compose.problems_label) == dark_error

    editor.set_text("short again")
    assert text_colour(editor.counter) == dark.color(QPalette.ColorRole.WindowText)  # not the old black


def test_showing_a_banner_again_does_not_drift_its_tint(make_window, qtbot):
    window = make_window(None)
    banner = window.error_banner
    banner.show_message("first", "error")
    first = banner.palette().color(QPalette.ColorRole.Window)
    banner.show_message("second", "error")
    assert banner.palette().color(QPalette.ColorRole.Window) == first
