"""The library in the main window: Ctrl+L beside the results, new generations appear, offline-first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from seedream_desktop.ui.bridge import Connection
from tests.library.make_images import save

# WORKAROUND: the offscreen platform warns on every top-level size-hint change. Upstream: by design, not a
# bug (QPlatformWindow::propagateSizeHints warns unless a platform overrides it; offscreen does not), no fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_ctrl_l_shows_the_library_and_new_generations_arrive(make_window, emulator, qtbot):
    window = make_window(Connection("key", emulator.url))
    tab = window.library_tab
    assert not tab.showing_library() and not tab.view.notice.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert tab.showing_library()
    window.compose.editor.set_text("a paper lantern festival")
    window.compose.try_generate()
    qtbot.waitUntil(lambda: tab.view.model.rowCount() == 1, timeout=20_000)
    entry = tab.view.model.entry(0)
    assert entry is not None and entry.prompt == "a paper lantern festival"
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not tab.showing_library()


def test_without_a_key_the_library_works_and_says_what_is_unavailable(make_window, qtbot):
    from seedream_desktop.config import Paths, Settings

    root = Settings(Paths.from_environment()).library
    save(root / "old" / "a.png", "made last year", color=(3, 4, 5))  # in the folder before launch
    window = make_window(None)
    tab = window.library_tab
    tab.show_library()
    assert tab.view.notice.isVisible() and "API key" in tab.view.notice.text()
    qtbot.waitUntil(lambda: tab.view.model.rowCount() == 1, timeout=10_000)  # the scan after the first frame
    tab.view.grid.select_row(0)
    qtbot.keyClick(tab.view.grid, Qt.Key.Key_F)
    assert tab.library.get(tab.view.model.entry(0).id).favourite  # type: ignore[union-attr]
    tab.view.details.edit_button.click()
    assert window.compose.request().parent == str(root / "old" / "a.png")


def test_the_window_reopens_on_the_page_last_used(make_window, qtbot):
    first = make_window(None)
    first.library_tab.show_library()
    first.close()
    again = make_window(None)
    tab = again.library_tab
    assert tab.showing_library()  # in front from the first frame…
    # …and the page itself arrives just after it, without being asked for.
    qtbot.waitUntil(lambda: tab.tabs.currentWidget().objectName() == "libraryView", timeout=10_000)
    tab.show_library(False)
    again.close()
    assert not make_window(None).library_tab.showing_library()


def test_a_result_tile_and_its_library_tile_share_one_cached_thumbnail(make_window, emulator, qtbot):
    from seedream_desktop.config import Paths

    window = make_window(Connection("key", emulator.url))
    cache = Paths.from_environment().thumbnails
    window.compose.editor.set_text("a kite over dunes")
    window.compose.try_generate()
    qtbot.waitUntil(
        lambda: any(window.model.item(r).is_saved for r in range(window.model.rowCount())), timeout=20_000
    )
    item = next(window.model.item(r) for r in range(window.model.rowCount()) if window.model.item(r).is_saved)
    qtbot.waitUntil(lambda: window.model.has_thumbnail(item.key), timeout=10_000)
    made = sorted(p for p in cache.rglob("*.webp") if not p.name.startswith("placeholder"))
    assert len(made) == 1 and made[0].parent.parent.name == "512"  # decoded once, into the library's cache
    assert item.path is not None and made[0].stat().st_size < item.path.stat().st_size

    tab = window.library_tab
    tab.show_library(True)
    qtbot.waitUntil(lambda: tab.view.model.rowCount() == 1, timeout=20_000)
    entry = tab.view.model.entry(0)
    assert entry is not None and made[0].stem == entry.content_id  # the library's key for the same file
    tab.view.files.remember(entry.path, entry.content_id)
    assert tab.view.files(entry.path, 512) == made[0]  # the library page reads that file, makes none
    assert sorted(p for p in cache.rglob("*.webp") if not p.name.startswith("placeholder")) == made
    assert tab.library.thumbnails is window.parts.thumbnail_file._cache  # one size count for the folder


def test_a_full_thumbnail_disk_still_shows_the_result(tmp_path, qtbot):
    from seedream_desktop.ui.results.thumbnail_files import ResultThumbnailFiles
    from seedream_desktop.ui.thumbnails import ThumbnailLoader

    image = tmp_path / "result.png"
    save(image, "a result", color=(20, 40, 60))
    blocked = tmp_path / "thumbnails"
    blocked.write_text("a file where the cache folder should be: every write there fails")
    loader = ThumbnailLoader(128, ResultThumbnailFiles(blocked))
    try:
        with qtbot.waitSignal(loader.loaded, timeout=10_000) as shown:
            loader.request("k", image)
        assert not shown.args[1].isNull()  # decoded from the original instead
    finally:
        loader.shutdown()
