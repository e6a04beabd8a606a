"""The library page's filter bar widgets (date, size, rating, tag, references), the boards panel's own
buttons, and "mark and move on" when the mark moves the image out of the results or along them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from seedream_desktop.library.index import Library
from seedream_desktop.library.record import ReferenceRecord
from seedream_desktop.ui.library.library_view import LibraryView
from tests.helpers.off_gui import settled
from tests.library.make_images import save
from tests.ui.library_support import shown_view

# WORKAROUND: the offscreen platform warns on every top-level size-hint change. Upstream: by design, not a
# bug (QPlatformWindow::propagateSizeHints warns unless a platform overrides it; offscreen does not), no fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """Five images, newest first: made now (2K, with a reference), 20 days ago, then last year's three."""
    now = datetime.now(UTC)
    made = [now, now - timedelta(days=20), *(datetime(2025, 9, d, 10, tzinfo=UTC) for d in (3, 2, 1))]
    root = tmp_path / "library"
    with Library.open(root, tmp_path / "thumbs") as library:
        for i, when in enumerate(made):
            path = root / f"img-{i}.png"
            refs = [ReferenceRecord(name="sketch.png")] if i == 0 else []
            size = (2048, 2048) if i == 0 else (64, 48)
            rec = save(path, f"image {i}", color=(30 * i, 80, 90), size=size, created=_stamp(when),
                       references=refs)  # fmt: skip
            library.add_file(path, rec)
        yield library


@pytest.fixture
def view(qtbot, library: Library) -> Iterator[LibraryView]:
    yield from shown_view(qtbot, LibraryView(library))


def names(view: LibraryView) -> list[str]:
    return [view.model.entry(r).path.name for r in range(view.model.rowCount())]  # type: ignore[union-attr]


def choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def ids(view: LibraryView, *rows: int) -> list[int]:
    return [view.model.entry(r).id for r in rows]  # type: ignore[union-attr]


def test_date_filter(view: LibraryView) -> None:
    assert names(view) == [f"img-{i}.png" for i in range(5)]
    choose(view.filters.dates, 0)  # today
    assert names(view) == ["img-0.png"]
    choose(view.filters.dates, 29)  # last 30 days
    assert names(view) == ["img-0.png", "img-1.png"]
    choose(view.filters.dates, 6)
    assert names(view) == ["img-0.png"]
    choose(view.filters.dates, None)
    assert view.model.rowCount() == 5 and view.count_label.text().startswith("5 image")


def test_size_tier_filter(view: LibraryView) -> None:
    choose(view.filters.tiers, "2K")
    assert names(view) == ["img-0.png"]
    choose(view.filters.tiers, "1K")
    assert names(view) == [f"img-{i}.png" for i in range(1, 5)]
    choose(view.filters.tiers, "4K")
    assert names(view) == [] and view.count_label.text().startswith("0 image")


def test_rating_filter(view: LibraryView) -> None:
    view.library.set_rating(ids(view, 1), 3)
    view.library.set_rating(ids(view, 3), 5)
    view.refresh()
    choose(view.filters.ratings, 3)  # three stars or more
    assert names(view) == ["img-1.png", "img-3.png"]
    choose(view.filters.ratings, 4)
    assert names(view) == ["img-3.png"]
    choose(view.filters.ratings, 0)
    assert view.model.rowCount() == 5


def test_tag_filter_lists_tags_with_their_counts(view: LibraryView) -> None:
    view.add_tag(ids(view, 2, 4), "poster")  # through the page, as the context menu does
    settled(view)
    assert [view.filters.tags.itemText(i) for i in range(view.filters.tags.count())] == [
        "Any tag",
        "poster (2)",
    ]
    choose(view.filters.tags, "poster")
    assert names(view) == ["img-2.png", "img-4.png"]
    view.remove_tag(ids(view, 0), "poster")  # the shown images' tag goes: they leave the results
    settled(view)
    assert names(view) == ["img-4.png"]
    choose(view.filters.tags, None)
    assert view.model.rowCount() == 5


def test_with_references_filter(qtbot, view: LibraryView) -> None:
    qtbot.mouseClick(view.filters.references, Qt.MouseButton.LeftButton)
    assert view.filters.references.isChecked()
    assert names(view) == ["img-0.png"]
    qtbot.mouseClick(view.filters.references, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 5


def test_filters_combine(view: LibraryView) -> None:
    choose(view.filters.tiers, "1K")
    choose(view.filters.dates, 29)
    assert names(view) == ["img-1.png"]


# ---- the boards panel's buttons, clicked ------------------------------------------------------------
def test_board_buttons_new_rename_delete(qtbot, view: LibraryView, monkeypatch) -> None:
    panel = view.boards
    answers = iter(["Posters", "Posters 2025"])
    asked: list[tuple[str, str]] = []

    def ask_name(title: str, _label: str, text: str) -> str | None:
        asked.append((title, text))
        return next(answers)

    monkeypatch.setattr(panel, "_ask_name", ask_name)
    assert not panel.rename_button.isEnabled() and not panel.delete_button.isEnabled()  # "All images"
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    [board] = view.library.boards()
    assert board.name == "Posters" and panel.chosen() == board.id  # the new board is shown, empty
    assert view.model.rowCount() == 0 and panel.rename_button.isEnabled()
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    assert asked == [("New board", ""), ("Rename board", "Posters")]
    assert [b.name for b in view.library.boards()] == ["Posters 2025"]
    assert panel.list.currentItem().text() == "Posters 2025 (0)"
    files = sorted(p.name for p in view.library.root.glob("*.png"))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    settled(view)
    assert view.library.boards() == [] and panel.chosen() is None
    assert view.model.rowCount() == 5  # back to the whole library
    assert sorted(p.name for p in view.library.root.glob("*.png")) == files


def test_board_new_cancelled_or_taken_name(qtbot, view: LibraryView, monkeypatch) -> None:
    messages: list[str] = []
    view.message.connect(messages.append)
    answers = iter([None, "Brand", "Brand"])
    monkeypatch.setattr(view.boards, "_ask_name", lambda *_: next(answers))
    qtbot.mouseClick(view.boards.new_button, Qt.MouseButton.LeftButton)  # cancelled
    assert view.library.boards() == [] and not messages
    qtbot.mouseClick(view.boards.new_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.boards.new_button, Qt.MouseButton.LeftButton)
    assert [b.name for b in view.library.boards()] == ["Brand"]
    assert messages == ["A board needs a name that no other board has."]


# ---- mark and move on, when the mark moves rows ------------------------------------------------------
def test_unfavourite_under_the_favourites_filter_moves_to_the_next(qtbot, view: LibraryView) -> None:
    view.library.set_favourite(ids(view, 0, 1, 2, 3), True)
    view.filters.favourites.setChecked(True)
    order = ids(view, 0, 1, 2, 3)
    view.grid.setFocus()
    view.grid.select_row(1)
    qtbot.keyClick(view.grid, Qt.Key.Key_F)  # un-favourite: it leaves the results
    settled(view)
    assert ids(view, 0, 1, 2) == [order[0], order[2], order[3]]
    assert view.grid.current_entry().id == order[2]  # type: ignore[union-attr]  # not order[3]
    assert view.details.path.text() == str(view.grid.current_entry().path)  # type: ignore[union-attr]
    qtbot.keyClick(view.grid, Qt.Key.Key_F)
    settled(view)
    assert view.grid.current_entry().id == order[3]  # type: ignore[union-attr]
    qtbot.keyClick(view.grid, Qt.Key.Key_F)  # the last one: the one before it is shown
    settled(view)
    assert ids(view, 0) == [order[0]] and view.grid.current_entry().id == order[0]  # type: ignore[union-attr]


def test_rating_under_a_minimum_rating_moves_to_the_next(qtbot, view: LibraryView) -> None:
    view.library.set_rating(ids(view, 0, 1, 2, 3, 4), 4)
    choose(view.filters.ratings, 3)
    order = ids(view, 0, 1, 2, 3, 4)
    view.grid.setFocus()
    view.grid.select_row(0)
    qtbot.keyClick(view.grid, Qt.Key.Key_1)  # below the minimum: it leaves
    settled(view)
    assert view.grid.current_entry().id == order[1]  # type: ignore[union-attr]
    qtbot.keyClick(view.grid, Qt.Key.Key_5)  # still shown, same place: the next row
    settled(view)
    assert view.grid.current_entry().id == order[2]  # type: ignore[union-attr]


def test_rating_under_best_rated_sort_moves_to_the_image_that_followed(qtbot, view: LibraryView) -> None:
    for stars, image_id in zip((5, 4, 3, 2, 1), ids(view, 0, 1, 2, 3, 4), strict=True):
        view.library.set_rating([image_id], stars)
    choose(view.filters.sort, "rating")
    order = ids(view, 0, 1, 2, 3, 4)  # 5, 4, 3, 2, 1 stars
    view.grid.setFocus()
    view.grid.select_row(1)
    qtbot.keyClick(view.grid, Qt.Key.Key_0)  # 4 → 0 stars: it sinks to the end
    settled(view)
    assert ids(view, 4) == [order[1]]
    assert view.grid.current_entry().id == order[2]  # type: ignore[union-attr]
    assert view.grid.currentIndex().row() == 1
    view.grid.select_row(3)  # order[4], 1 star
    qtbot.keyClick(view.grid, Qt.Key.Key_5)  # rises to the top: the image after it is still next
    settled(view)
    assert set(ids(view, 0, 1)) == {order[0], order[4]}
    assert view.grid.current_entry().id == order[1]  # type: ignore[union-attr]
    row = view.grid.currentIndex().row()
    qtbot.keyClick(view.grid, Qt.Key.Key_0)  # the last row: nothing after it, it stays selected
    settled(view)
    assert view.grid.currentIndex().row() == row == 4
    assert view.grid.current_entry().id == order[1]  # type: ignore[union-attr]
