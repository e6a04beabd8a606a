"""The window's session follows the same policy as the CLI: an unopenable library index never stops a generation."""

from __future__ import annotations

import pytest

from seedream_desktop.config import Paths, Settings
from seedream_desktop.ui.bridge import Connection
from tests.helpers.window import generate_with_keyboard, saved_rows, type_prompt

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_an_unopenable_library_index_still_generates_and_says_so(make_window, emulator, qtbot):
    library = Settings(Paths.from_environment()).library
    (library / ".seedream" / "index.sqlite3").mkdir(parents=True)  # a folder where the index goes
    window = make_window(Connection("key", emulator.url))
    banner = window.error_banner
    qtbot.waitUntil(lambda: banner.isVisible() and "cannot be opened" in banner.text.text(), timeout=10_000)
    assert "still saved" in banner.text.text()
    type_prompt(qtbot, window, "saved all the same")
    generate_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 1, timeout=20_000)
    path = window.model.item(saved_rows(window)[0]).path
    assert path is not None and path.is_file() and library in path.parents
