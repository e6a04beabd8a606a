"""The one viewer, in the window: results and library open in it, it zooms, walks and compares; and the
two workspaces switch from the keyboard with the focus where typing or Enter is expected."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.helpers.window import with_results
from tests.ui.conftest import make_image

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
NAMES = ("Compose", "Results", "Library grid", "Image details", "Boards", "Reference images", "Viewer")


def named(window, name: str) -> QWidget | None:
    return next((w for w in window.findChildren(QWidget) if w.accessibleName() == name), None)


def test_a_result_opens_in_the_viewer_zooms_walks_and_goes_back(make_window, qtbot, tmp_path):
    window = make_window(None)
    with_results(window, tmp_path)
    grid = window.grid
    grid.select_row(0)
    grid.doubleClicked.emit(grid.model().index(0, 0))  # double-click: no longer the system's app
    assert window.viewer.showing() and not window.parts.open_url
    page = window.viewer.page
    assert named(window, "Viewer") is page
    qtbot.waitUntil(page.has_image, timeout=10_000)
    canvas = page.canvas
    assert 0 < canvas.zoom() <= 1.0  # fitted
    qtbot.keyClick(canvas, Qt.Key.Key_Z)
    assert canvas.zoom() == pytest.approx(1.0)
    canvas.zoom_by(2.0)
    assert canvas.zoom() == pytest.approx(2.0)
    qtbot.keyClick(canvas, Qt.Key.Key_Z)
    assert canvas.scale is None
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert page.row == 1 and grid.current_item() is window.model.item(page.row)
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert not window.viewer.showing() and window.stack.currentIndex() == 0


def test_two_selected_results_compare_side_by_side_or_split(make_window, qtbot, tmp_path):
    window = make_window(None)
    with_results(window, tmp_path)
    window.grid.selectAll()
    window.grid.selectionModel().select(
        window.model.index(2, 0), window.grid.selectionModel().SelectionFlag.Deselect
    )
    window.actions_.open.trigger()
    page = window.viewer.page
    assert len(page.paths) == 2
    qtbot.waitUntil(lambda: len(page.canvas.pixmaps) == 2, timeout=10_000)
    assert page.side.isVisible() and page.slider.isVisible()
    page.slider.click()
    assert page.canvas.split == pytest.approx(0.5)
    page.side.click()
    assert page.canvas.split is None
    assert window.grab().width() > 0  # both modes paint


def test_library_enter_opens_the_same_viewer(make_window, qtbot, tmp_path):
    window = make_window(None)
    paths = with_results(window, tmp_path, 2)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Library workspace
    view = window.library_tab.view
    assert window.stack.currentWidget() is view and window.switch.library.isChecked()
    view.library.sync_paths(paths)
    view.refresh()
    assert view.model.rowCount() == 2
    for name in NAMES[2:5]:
        assert named(window, name) is not None, name
    view.grid.select_row(0)
    qtbot.keyClick(view.grid, Qt.Key.Key_Return)
    assert window.viewer.showing()
    qtbot.waitUntil(window.viewer.page.has_image, timeout=10_000)
    qtbot.keyClick(window.viewer.page.canvas, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is view
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 0 and window.switch.create.isChecked()


def test_the_prompt_has_the_focus_at_start_and_the_library_a_current_tile(make_window, qtbot, tmp_path):
    window = make_window(None)
    assert window.compose.editor.text_edit.hasFocus()
    for name in NAMES[:2] + NAMES[5:6]:
        assert named(window, name) is not None, name
    view = window.library_tab.view
    paths = with_results(window, tmp_path, 2)
    view.library.sync_paths(paths)
    view.refresh()
    assert view.model.rowCount() == 2 and not view.grid.currentIndex().isValid()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert view.grid.hasFocus()
    assert view.grid.currentIndex().isValid()  # Enter works at once


def test_an_empty_results_grid_says_how_to_generate(make_window):
    window = make_window(None)
    empty = window.results_pane.empty
    assert empty.isVisible() and "Ctrl+Enter" in empty.hint.text()


def test_a_reference_in_the_tray_opens_in_the_same_viewer(make_window, qtbot, tmp_path):
    window = make_window(None)
    qtbot.waitUntil(lambda: hasattr(window.viewer, "_tray"))  # hooked just after the first frame
    image = make_image(tmp_path / "ref.png", 300, 200)
    window.compose.add_references([str(image)])
    tray = window.compose.tray
    qtbot.waitUntil(lambda: [r.source for r in tray.references()] == [str(image)], timeout=10_000)
    tray.view.setCurrentIndex(tray.view.model().index(0, 0))
    tray.view.setFocus()
    qtbot.keyClick(tray.view, Qt.Key.Key_Space)
    assert window.viewer.showing() and window.viewer.page.paths == [image]
    qtbot.waitUntil(window.viewer.page.has_image, timeout=10_000)


def test_edit_this_in_the_library_brings_create_forward_with_the_tray_filled(make_window, qtbot, tmp_path):
    window = make_window(None)
    paths = with_results(window, tmp_path, 1)
    window.library_tab.show_library(True)
    view = window.library_tab.view
    view.library.sync_paths(paths)
    view.refresh()
    view.select_rows([0])
    qtbot.waitUntil(lambda: view.details.entry is not None)
    view.details.edit_button.click()
    assert window.stack.currentIndex() == 0 and window.switch.create.isChecked()
    assert window.compose.request().parent == str(paths[0])
    qtbot.waitUntil(lambda: len(window.compose.tray.references()) == 1, timeout=10_000)
