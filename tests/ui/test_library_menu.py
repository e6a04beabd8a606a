"""The library grid's context menu on a small real library: every entry does what it says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.library.index import Library
from seedream_desktop.ui.library.library_view import LibraryView
from tests.helpers.library_menu import actions_of, entry, right_click
from tests.helpers.off_gui import settled
from tests.library.make_images import save
from tests.ui.library_support import shown_view

# The offscreen platform cannot raise a popup, grab the keyboard for it or size windows to hints; it says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

PROMPTS = ["a red fox in the snow", "海边的灯塔", "a lighthouse at dusk"]


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    root = tmp_path / "library"
    with Library.open(root, tmp_path / "thumbs") as library:
        for i, prompt in enumerate(PROMPTS):
            path = root / "2025" / f"img-{i}.png"
            rec = save(path, prompt, created=f"2025-09-0{i + 1}T10:00:00Z", seed=100 + i,
                       request=GenerationRequest(prompt).to_dict())  # fmt: skip
            library.add_file(path, rec)
        yield library


class Answers(list):
    """What the person types into the menu's text prompts, in order (None: Cancel)."""

    def __call__(self, _title: str, _label: str) -> str | None:
        return self.pop(0)


@pytest.fixture
def view(qtbot, library: Library) -> Iterator[LibraryView]:
    opened: list[QUrl] = []
    answers = Answers()
    widget = LibraryView(library, open_url=lambda url: opened.append(url) or True, ask_text=answers)
    widget.opened, widget.answers = opened, answers  # type: ignore[attr-defined]
    yield from shown_view(qtbot, widget)


def choose(menu: QMenu, name: str) -> None:
    action = entry(menu, name)
    assert action.isEnabled()
    page = menu.parent()
    menu.hide()
    action.trigger()
    settled(page)  # what the menu asked for is written (off the GUI thread) and shown


def row_path(view: LibraryView, row: int) -> Path:
    entry = view.model.entry(row)
    assert entry is not None
    return entry.path


def test_right_click_acts_on_the_image_under_the_pointer(qtbot, view: LibraryView) -> None:
    view.grid.select_row(0)
    menu = right_click(qtbot, view, 2)
    assert view.grid.selected_rows() == [2]
    names = {a.objectName() for a in actions_of(menu) if a.objectName()}
    assert {"view", "open", "reveal", "copyImage", "copyPrompt", "reuse", "useAsReference", "edit"} <= names
    assert {"favourite", "rate0", "rate5", "newBoard", "addTag", "trash"} <= names
    choose(menu, "open")
    assert view.opened == [QUrl.fromLocalFile(str(row_path(view, 2)))]  # type: ignore[attr-defined]


def test_a_menu_over_several_images_offers_only_what_fits_several(qtbot, view: LibraryView) -> None:
    view.grid.selectAll()
    menu = right_click(qtbot, view, 1)
    assert view.grid.selected_rows() == [0, 1, 2]  # right-click inside the selection keeps it
    disabled = {a.objectName() for a in actions_of(menu) if not a.isEnabled()}
    assert {"copyPrompt", "reuse", "edit"} <= disabled
    wanted: list[list[str]] = []
    view.referenceRequested.connect(wanted.append)
    choose(menu, "useAsReference")
    assert wanted == [[str(row_path(view, r)) for r in range(3)]]


def test_copy_image_and_prompt(qtbot, view: LibraryView) -> None:
    choose(right_click(qtbot, view, 0), "copyImage")
    mime = QGuiApplication.clipboard().mimeData()
    assert [u.toLocalFile() for u in mime.urls()] == [str(row_path(view, 0))]
    # Apps that paste pixels get the file's own bytes, not a re-encoded copy.
    assert bytes(mime.data("image/png").data()) == row_path(view, 0).read_bytes()
    choose(right_click(qtbot, view, 0), "copyPrompt")
    assert QGuiApplication.clipboard().text() == view.model.entry(0).prompt  # type: ignore[union-attr]


def test_reuse_and_edit_feed_the_composer_only_when_chosen(qtbot, view: LibraryView) -> None:
    reused: list[GenerationRequest] = []
    edited: list[str] = []
    view.reuseRequested.connect(reused.append)
    view.editRequested.connect(edited.append)
    choose(right_click(qtbot, view, 1), "reuse")
    assert [r.prompt for r in reused] == [view.model.entry(1).prompt]  # type: ignore[union-attr]
    choose(right_click(qtbot, view, 1), "edit")
    assert edited == [str(row_path(view, 1))]


def test_favourite_and_rating_from_the_menu_stay_on_the_image(qtbot, view: LibraryView) -> None:
    choose(right_click(qtbot, view, 1), "favourite")
    assert view.grid.selected_rows() == [1]  # unlike the F key, the menu does not move on
    assert view.model.entry(1).favourite  # type: ignore[union-attr]
    menu = right_click(qtbot, view, 1)
    assert entry(menu, "favourite").isChecked()
    choose(menu, "rate4")
    assert view.model.entry(1).rating == 4  # type: ignore[union-attr]
    assert entry(right_click(qtbot, view, 1), "rate4").isChecked()
    QApplication.activePopupWidget().hide()


def test_boards_add_new_and_remove(qtbot, view: LibraryView, library: Library) -> None:
    posters = library.create_board("Posters")
    view.boards.reload()
    first = view.model.entry(0)
    assert first is not None
    choose(right_click(qtbot, view, 0), f"board{posters.id}")
    assert [b.name for b in library.boards_of(first.id)] == ["Posters"]
    view.answers.append("Client")  # type: ignore[attr-defined]
    choose(right_click(qtbot, view, 0), "newBoard")
    assert sorted(b.name for b in library.boards_of(first.id)) == ["Client", "Posters"]
    assert "Client" in view.details.boards.text() and "Posters" in view.details.boards.text()
    view.boards.choose(posters.id)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    choose(right_click(qtbot, view, 0), "removeFromBoard")
    assert [b.name for b in library.boards_of(first.id)] == ["Client"]
    assert view.model.rowCount() == 0  # it left the board on screen too
    assert first.path.exists()  # a board never touches the file


def test_tags_add_filter_and_remove(qtbot, view: LibraryView, library: Library) -> None:
    view.grid.select_row(0)  # the details show the current image
    view.grid.selectAll()
    view.answers.append("  brand kit ")  # type: ignore[attr-defined]
    choose(right_click(qtbot, view, 0), "addTag")
    assert view.grid.selected_rows() == [0, 1, 2]  # still selected: ready to go on a board next
    assert view.filters.tags.findData("brand kit") >= 0  # the tag filter offers it
    assert all(library.tags_of(view.model.entry(r).id) == ["brand kit"] for r in range(3))  # type: ignore[union-attr]
    assert view.details.tags.text() == "brand kit"
    assert "brand kit" in [tag for tag, _count in library.tags()]
    view.grid.select_row(2)
    menu = right_click(qtbot, view, 2)
    remove = menu.findChild(QMenu, "removeTagMenu")
    assert remove is not None
    choose(menu, "removeTag:brand kit")
    assert library.tags_of(view.model.entry(2).id) == []  # type: ignore[union-attr]
    assert library.tags_of(view.model.entry(0).id) == ["brand kit"]  # type: ignore[union-attr]
    view.answers.append(None)  # type: ignore[attr-defined]  # Cancel adds nothing
    choose(right_click(qtbot, view, 2), "addTag")
    assert library.tags_of(view.model.entry(2).id) == []  # type: ignore[union-attr]


def test_trash_from_the_menu_offers_undo(qtbot, view: LibraryView) -> None:
    path = row_path(view, 0)
    choose(right_click(qtbot, view, 0), "trash")
    assert not path.exists()
    assert view.model.rowCount() == 2
    assert view.undo_label.isVisibleTo(view)


def test_empty_space_and_an_empty_selection_show_no_menu(qtbot, view: LibraryView) -> None:
    view.grid.select_row(0)  # a selection elsewhere: the empty space still offers nothing
    viewport = view.grid.viewport()
    corner = QPoint(viewport.width() - 2, viewport.height() - 2)
    QApplication.sendEvent(
        viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, corner, viewport.mapToGlobal(corner))
    )
    qtbot.wait(50)
    assert QApplication.activePopupWidget() is None
    view.grid.clearSelection()
    assert view.menu.build(view) is None


def test_opening_many_images_opens_ten_and_says_so(qtbot, view: LibraryView, library: Library) -> None:
    root = library.root / "more"
    for n in range(10):
        path = root / f"more-{n}.png"
        library.add_file(path, save(path, f"more {n}"))
    view.refresh()
    view.grid.select_row(0)
    view.grid.selectAll()
    said: list[str] = []
    view.message.connect(said.append)
    choose(right_click(qtbot, view, 0), "open")
    assert len(view.opened) == 10  # type: ignore[attr-defined]
    assert said and "10" in said[-1]


def test_shortcuts_work_on_the_focused_library_grid(qtbot, view: LibraryView) -> None:
    view.grid.select_row(1)
    view.grid.setFocus()
    qtbot.waitUntil(view.grid.hasFocus)
    qtbot.keyClick(view.grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert [u.toLocalFile() for u in QGuiApplication.clipboard().mimeData().urls()] == [
        str(row_path(view, 1))
    ]
    reused: list[GenerationRequest] = []
    edited: list[str] = []
    wanted: list[list[str]] = []
    view.reuseRequested.connect(reused.append)
    view.editRequested.connect(edited.append)
    view.referenceRequested.connect(wanted.append)
    qtbot.keyClick(
        view.grid, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.keyClick(view.grid, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert [r.prompt for r in reused] == [view.model.entry(1).prompt]  # type: ignore[union-attr]
    assert edited == [str(row_path(view, 1))]
    assert wanted == [[str(row_path(view, 1))]]
    qtbot.keyClick(
        view.grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert QGuiApplication.clipboard().text() == view.model.entry(1).prompt  # type: ignore[union-attr]
