"""Small things a designer notices: a rating badge that fits a narrow tile, a visible target while
dragging onto a board, the Kits button's arrow beside its label, favourite as a heart everywhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragLeaveEvent, QDragMoveEvent, QFont, QFontMetrics

from seedream_desktop.ui.library.library_model import IDS_MIME
from seedream_desktop.ui.tile_paint import marks_text
from tests.helpers.layout import clipped

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_rating_badge_shortens_in_a_narrow_tile(qapp):
    metrics = QFontMetrics(QFont())
    assert marks_text(True, 5, 1000, metrics) == "♥ ★★★★★"
    short = marks_text(True, 5, metrics.horizontalAdvance("♥ ★★"), metrics)
    assert short == "♥ 5★"


def test_dragging_images_over_a_board_highlights_it(make_window, qtbot):
    window = make_window(None)
    view = window.library_tab.view
    view.library.create_board("Posters")
    view.boards.reload()
    board_list = view.boards.list
    row = next(r for r in range(board_list.count()) if board_list.item(r).text().startswith("Posters"))
    item = board_list.item(row)
    mime = QMimeData()
    mime.setData(IDS_MIME, b"1")
    at = QPointF(board_list.visualItemRect(item).center())
    move = QDragMoveEvent(at.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)  # fmt: skip
    board_list.dragMoveEvent(move)
    assert move.isAccepted() and board_list.drop_target is item
    board_list.grab()  # the highlight paints
    board_list.dragLeaveEvent(QDragLeaveEvent())
    assert board_list.drop_target is None


def test_kits_arrow_sits_beside_its_label_and_favourite_is_a_heart(make_window):
    window = make_window(None)
    kits = window.compose.kits_button
    assert kits.text().endswith("▾") and not clipped(kits.parentWidget())
    assert window.actions_.favourite.icon().isNull() is False
    from pathlib import Path

    icons = Path(__file__).resolve().parents[2] / "resources" / "icons"
    assert "4.5-2.8" in (icons / "favourite.svg").read_text()  # the heart's path, not the star's


def test_rating_actions_say_star_or_stars_in_english(make_window):
    window = make_window(None)
    texts = [a.text() for a in window.actions_.rate]
    assert texts[1] == "Rate 1 star" and texts[3] == "Rate 3 stars" and not any("(s)" in t for t in texts)


def test_the_tray_and_the_library_are_framed_while_files_hover(make_window, qtbot, tmp_path):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent
    from PySide6.QtWidgets import QApplication

    from tests.ui.conftest import make_image

    window = make_window(None)
    qtbot.waitUntil(lambda: hasattr(window.sidebar, "tray_highlight"))  # after the first frame
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(make_image(tmp_path / "drop.png")))])
    viewport = window.compose.tray.view.viewport()
    enter = QDragEnterEvent(QPointF(5, 5).toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(viewport, enter)
    assert window.sidebar.tray_highlight.showing()
    QApplication.sendEvent(viewport, QDragLeaveEvent())
    assert not window.sidebar.tray_highlight.showing()
    window.library_tab.show_library(True)
    view = window.library_tab.view
    QApplication.sendEvent(view, QDragEnterEvent(QPointF(5, 5).toPoint(), Qt.DropAction.CopyAction, mime,
                                                 Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))  # fmt: skip
    assert view.drop_highlight.showing()
    QApplication.sendEvent(view, QDragLeaveEvent())
    assert not view.drop_highlight.showing()
