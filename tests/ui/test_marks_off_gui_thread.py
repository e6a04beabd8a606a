"""One policy for marks and the trash: neither the library page nor the result grid writes the library
index or calls send2trash on the GUI thread (the window would stall on a slow disk or a busy index)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from seedream_desktop.library.index import Library
from seedream_desktop.ui.bridge import Connection
from seedream_desktop.ui.library.library_view import LibraryView
from seedream_desktop.ui.library.untrash import can_restore
from tests.helpers.gui_thread_writes import WriteLog, watch_library_writes
from tests.helpers.off_gui import settled
from tests.library.make_images import save
from tests.ui.library_support import shown_view

# WORKAROUND: the offscreen platform warns on every top-level size-hint change. Upstream: by design, not a
# bug (QPlatformWindow::propagateSizeHints warns unless a platform overrides it; offscreen does not), no fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> WriteLog:
    return watch_library_writes(monkeypatch)


@pytest.fixture
def page(qtbot, tmp_path: Path, writes: WriteLog) -> Iterator[LibraryView]:
    root = tmp_path / "library"
    with Library.open(root, tmp_path / "thumbs") as library:
        for i in range(3):
            path = root / f"img-{i}.png"
            library.add_file(path, save(path, f"prompt {i}", image_uuid=f"uuid-{i}"))
        writes.calls.clear()  # setting the library up is the test's own business
        yield from shown_view(qtbot, LibraryView(library))


def test_the_library_page_marks_and_trashes_off_the_gui_thread(qtbot, page: LibraryView, writes: WriteLog):
    page.grid.setFocus()
    page.grid.select_row(0)
    qtbot.keyClick(page.grid, Qt.Key.Key_F)
    settled(page)
    qtbot.keyClick(page.grid, Qt.Key.Key_4)
    settled(page)
    ids = [page.model.entry(0).id]  # type: ignore[union-attr]
    page.add_tag(ids, "poster")
    settled(page)
    board = page.boards.create_board("Posters")
    writes.calls.clear()  # creating a board by name stays on the GUI thread (it answers at once)
    assert board is not None
    page.boards.add_images(ids, board)
    settled(page)
    page.remove_from_board(ids, board)
    page.remove_tag(ids, "poster")
    settled(page)
    page.grid.select_row(0)
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    settled(page)
    if can_restore():
        assert page.undo_trash().result(10)
        settled(page)
    assert writes.count("sqlite") and writes.count("send2trash") == 1
    assert writes.on_gui_thread() == []


def test_the_result_grid_marks_and_trashes_off_the_gui_thread(make_window, emulator, qtbot, writes: WriteLog):
    window = make_window(Connection("key", emulator.url))
    window.compose.editor.set_text("marks off the GUI thread")
    window.compose.try_generate()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.model.item(0).is_saved, timeout=20_000)
    grid = window.grid
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    writes.calls.clear()  # saving the generation is the pipeline's (already off the GUI thread)
    qtbot.keyClick(grid, Qt.Key.Key_F)
    qtbot.keyClick(grid, Qt.Key.Key_4)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=10_000)
    assert writes.count("send2trash") == 1 and writes.count("sqlite")
    assert writes.on_gui_thread() == []
