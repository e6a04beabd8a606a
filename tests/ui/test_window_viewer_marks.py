"""In the viewer: F favourites and 0–5 rate the image shown, Delete trashes it and Ctrl+Z brings it back
to its old place; "Edit a region…" is there too (button and Ctrl+Alt+E), and on a reference in the tray."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from seedream_desktop.ui.library.untrash import can_restore
from tests.helpers.window import with_results
from tests.ui.conftest import make_image

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def open_result(window, qtbot, row: int):
    window.grid.select_row(row)
    window.viewer.open_results()
    page = window.viewer.page
    qtbot.waitUntil(page.has_image, timeout=10_000)
    return page


def test_f_favourites_and_digits_rate_the_result_shown(make_window, qtbot, tmp_path):
    window = make_window(None)
    with_results(window, tmp_path)
    page = open_result(window, qtbot, 1)
    qtbot.keyClick(page.canvas, Qt.Key.Key_F)
    assert window.model.item(1).favourite and page.marks.text() == "♥ "
    qtbot.keyClick(page.canvas, Qt.Key.Key_4)
    assert window.model.item(1).rating == 4 and page.marks.text() == "♥ ★★★★"
    assert not window.model.item(0).favourite and window.model.item(0).rating == 0
    qtbot.keyClick(page.canvas, Qt.Key.Key_Left)  # the marks shown follow the image
    assert page.row == 0 and page.marks.text() == ""
    qtbot.keyClick(page.canvas, Qt.Key.Key_Right)
    qtbot.keyClick(page.canvas, Qt.Key.Key_0)
    assert window.model.item(1).rating == 0 and page.marks.text() == "♥ "


def test_f_and_digits_mark_the_library_image_shown(make_window, qtbot, tmp_path):
    window = make_window(None)
    paths = with_results(window, tmp_path, 2)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = window.library_tab.view
    view.library.sync_paths(paths)
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    view.grid.select_row(0)
    window.viewer.open_library(view, 0)
    page = window.viewer.page
    qtbot.keyClick(page.canvas, Qt.Key.Key_F)
    qtbot.keyClick(page.canvas, Qt.Key.Key_3)
    # The library page writes marks off the GUI thread: the index and the viewer follow when it answers.
    qtbot.waitUntil(lambda: page.marks.text() == "♥ ★★★", timeout=10_000)
    entry = view.library.by_path(view.model.entry(0).path)
    assert entry is not None and entry.favourite and entry.rating == 3
    assert page.row == 0  # the viewer stays on the image


@pytest.mark.skipif(not can_restore(), reason="restoring reads the freedesktop.org trash")
def test_delete_in_the_viewer_trashes_and_ctrl_z_brings_it_back_to_its_place(make_window, qtbot, tmp_path):
    window = make_window(None)
    paths = with_results(window, tmp_path)
    page = open_result(window, qtbot, 1)
    qtbot.keyClick(page.canvas, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not paths[1].exists() and window.model.rowCount() == 2, timeout=10_000)
    assert window.viewer.showing() and page.paths == [paths[2]]  # on to the next image
    qtbot.keyClick(page.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert paths[1].exists()
    assert [window.model.item(r).path for r in range(3)] == paths  # its old place, not the end
    assert page.paths == [paths[1]] and window.grid.current_item() is window.model.item(1)


def test_results_undo_puts_a_trashed_result_back_at_its_row(make_window, qtbot, tmp_path):
    window = make_window(None)
    paths = with_results(window, tmp_path)
    window.grid.select_row(0)
    window.commands.trash()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    undo = window.results_pane.undo
    assert undo.undo(restore=lambda _path: True) == 1
    assert [window.model.item(r).path for r in range(3)] == paths


def test_edit_a_region_from_the_viewer_button_and_shortcut(make_window, qtbot, tmp_path):
    window = make_window(None)
    paths = with_results(window, tmp_path, 1)
    page = open_result(window, qtbot, 0)
    assert page.edit.isVisibleTo(page)
    with qtbot.waitSignal(window.edits.opened, timeout=10_000) as opened:
        page.edit.click()
    opened.args[0].reject()
    with qtbot.waitSignal(window.edits.opened, timeout=10_000) as again:
        qtbot.keyClick(
            page.canvas, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
    assert again.args[0].original.path == paths[0]
    again.args[0].reject()


def test_edit_a_region_from_a_reference_in_the_tray(make_window, qtbot, tmp_path):
    window = make_window(None)
    image = make_image(tmp_path / "ref.png", 300, 200)
    window.compose.add_references([str(image)])
    tray = window.compose.tray
    qtbot.waitUntil(lambda: [r.source for r in tray.references()] == [str(image)], timeout=10_000)
    assert not next(a for a in tray.context_menu().actions() if a.objectName() == "editRegion").isEnabled()
    tray.view.setCurrentIndex(tray.view.model().index(0, 0))
    action = next(a for a in tray.context_menu().actions() if a.objectName() == "editRegion")
    assert action.isEnabled()
    with qtbot.waitSignal(window.edits.opened, timeout=10_000) as opened:
        action.trigger()
    assert Path(opened.args[0].original.path) == image
    opened.args[0].reject()
