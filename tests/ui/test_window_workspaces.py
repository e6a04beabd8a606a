"""The workspaces' room: each remembers its splitter, the compose column folds away and keeps Generate in
sight on a short screen, and the grids size their tiles from the slider, Ctrl+wheel and Ctrl+=/Ctrl+-
without flipping their column count when the scrollbar appears."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from seedream_desktop.ui.grid_fit import columns_for
from tests.ui.helpers import small_request

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_each_workspace_remembers_its_splitter(make_window, qtbot):
    window = make_window(None)
    window.resize(1280, 720)
    window.library_tab.show_library(True)
    view = window.library_tab.view
    qtbot.wait(20)
    view.splitter.setSizes([200, 700, 372])
    library_sizes = view.splitter.sizes()
    window.close()
    again = make_window(None)
    again.resize(1280, 720)
    again.library_tab.show_library(True)
    qtbot.wait(20)
    assert again.library_tab.view.splitter.sizes() == library_sizes


def test_on_a_short_screen_generate_stays_in_sight_and_the_column_folds(make_window, qtbot):
    window = make_window(None)
    window.resize(1280, 720)
    qtbot.wait(20)
    button = window.compose.generate_button
    bottom = button.mapTo(window, button.rect().bottomLeft()).y()
    assert button.isVisible() and bottom <= window.height()
    assert window.sidebar.scroller.verticalScrollBar().maximum() > 0  # the rest of the panel scrolls
    window.switch.compose_shown.trigger()  # View ▸ Show the compose panel (Ctrl+\)
    assert not window.sidebar.isVisible()
    window.switch.compose_shown.trigger()
    assert window.sidebar.isVisible()


def test_tile_size_follows_the_slider_ctrl_wheel_and_ctrl_plus_minus(make_window, qtbot):
    window = make_window(None)
    grid = window.grid
    side = grid.zoom.side
    qtbot.keyClick(grid, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert grid.zoom.side > side
    qtbot.keyClick(grid, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert grid.zoom.side == side
    wheel = QWheelEvent(QPointF(10, 10), QPointF(10, 10), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(grid.viewport(), wheel)
    assert grid.zoom.side < side
    slider = window.results_pane.slider.slider  # type: ignore[attr-defined]
    assert slider.value() == grid.zoom.side  # the slider follows
    slider.setValue(slider.maximum())
    assert grid.zoom.side == slider.maximum()


def test_the_result_grid_keeps_its_columns_when_the_scrollbar_appears(make_window, qtbot):
    window = make_window(None)
    window.resize(1280, 800)
    grid = window.grid
    qtbot.wait(20)
    window.model.add_job("one", small_request("one"), 1, "generating")
    qtbot.wait(20)
    before = grid.gridSize().width()
    window.model.add_job("many", small_request("many"), 15, "generating")  # now it overflows
    qtbot.waitUntil(lambda: grid.verticalScrollBar().isVisible())
    qtbot.wait(20)
    assert grid.gridSize().width() == before  # the same columns: no flip between 1 and 2
    columns = grid.viewport().width() // grid.gridSize().width()
    assert columns * grid.gridSize().width() <= grid.viewport().width()  # no column cut off
    assert not grid.horizontalScrollBar().isVisible()


def test_columns_for_fills_the_row_with_whole_columns():
    assert columns_for(1000, 300, 8) == (3, 325)
    assert columns_for(200, 300, 8) == (1, 192)  # narrower than one tile: one column, never cut
