"""A key but no network: the library page says generating waits, in one line, and works as usual."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from seedream_desktop.ui.bridge import Connection
from tests.library.make_images import save

# WORKAROUND: the offscreen platform warns on every top-level size-hint change. Upstream: by design, not a
# bug (QPlatformWindow::propagateSizeHints warns unless a platform overrides it; offscreen does not), no fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_no_network_with_a_key_says_generating_waits_and_the_library_works(
    make_window, emulator_factory, qtbot
) -> None:
    from seedream_desktop.config import Paths, Settings
    from seedream_desktop.emulator import Emulator

    root = Settings(Paths.from_environment()).library
    save(root / "old" / "a.png", "made last year", color=(3, 4, 5))
    server = emulator_factory()
    port, url = server.port, server.url
    server.stop()  # Runware cannot be reached: nothing listens there any more
    window = make_window(Connection("key", url))
    tab = window.library_tab
    tab.show_library()
    view = tab.view
    assert not view.notice.isVisible()  # a key, and no failure yet: nothing to say
    window.compose.editor.set_text("a lantern in the rain")
    window.compose.try_generate()
    qtbot.waitUntil(lambda: view.notice.isVisible(), timeout=20_000)
    assert view.notice.text().startswith("No connection to Runware")
    assert "API key" not in view.notice.text()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)  # the scan after the first frame
    view.grid.setFocus()
    view.grid.select_row(0)
    qtbot.keyClick(view.grid, Qt.Key.Key_F)
    assert tab.library.get(view.model.entry(0).id).favourite  # type: ignore[union-attr]
    with Emulator(port=port):
        qtbot.waitUntil(lambda: not view.notice.isVisible(), timeout=20_000)  # back: the line goes
        qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=20_000)  # the queued job was sent
