"""The library page on a small real library: search, filters, sort, marks, trash with undo, boards,
details, viewer, import by drop, drag out — everything without a network or a key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QRunnable, QSemaphore, Qt, QUrl
from PySide6.QtGui import QDropEvent

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.library.index import Library
from seedream_desktop.library.record import ParentImage
from seedream_desktop.ui.library.importer import IMPORT_FOLDER, ImportMode
from seedream_desktop.ui.library.library_model import IDS_MIME, ids_from_mime
from seedream_desktop.ui.library.library_view import LibraryView
from seedream_desktop.ui.library.untrash import can_restore
from tests.helpers.off_gui import settled
from tests.library.make_images import save
from tests.ui.library_support import shown_view

# WORKAROUND: the offscreen platform warns on every top-level size-hint change. Upstream: by design, not a
# bug (QPlatformWindow::propagateSizeHints warns unless a platform overrides it; offscreen does not), no fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PROMPTS = ["a red fox in the snow", "海边的灯塔", "a lighthouse at dusk", "a koi pond", "a red fox at night"]


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    root = tmp_path / "library"
    with Library.open(root, tmp_path / "thumbs") as library:
        for i, prompt in enumerate(PROMPTS):
            fmt = ("png", "jpg", "webp")[i % 3]
            path = root / "2025" / f"img-{i}.{fmt}"
            rec = save(
                path, prompt, color=(40 * i, 90, 200 - 30 * i), size=(64, 48) if i % 2 else (48, 64),
                created=f"2025-09-0{i + 1}T10:00:00Z", image_uuid=f"uuid-{i}", seed=100 + i,
                request=GenerationRequest(prompt).to_dict(),
            )  # fmt: skip
            library.add_file(path, rec)
        yield library


@pytest.fixture
def view(qtbot, library: Library) -> Iterator[LibraryView]:
    asked: list[int] = []
    widget = LibraryView(library, ask_import=lambda n: asked.append(n) or ImportMode.COPY)
    widget.asked = asked  # type: ignore[attr-defined]
    yield from shown_view(qtbot, widget)


def names(view: LibraryView) -> list[str]:
    return [view.model.entry(r).path.name for r in range(view.model.rowCount())]  # type: ignore[union-attr]


def search(qtbot, view: LibraryView, text: str) -> None:
    with qtbot.waitSignal(view.filters.queryChanged, timeout=2000):
        view.filters.search.setText(text)  # debounced: one query once typing settles


def test_whole_library_newest_first_with_thumbnails(qtbot, view: LibraryView) -> None:
    assert names(view) == [f"img-{i}.{('png', 'jpg', 'webp')[i % 3]}" for i in reversed(range(5))]
    assert view.count_label.text().startswith("5 image")
    first = view.model.entry(0)
    assert first is not None
    qtbot.waitUntil(lambda: view.model.thumbnail(first.content_id) is not None, timeout=10_000)
    assert view.library.thumbnails.get(first.content_id, 256) is not None  # cached on disk by content


def test_search_as_you_type_is_debounced_and_finds_chinese(qtbot, view: LibraryView) -> None:
    queries: list[object] = []
    view.filters.queryChanged.connect(queries.append)
    for prefix in ("r", "re", "red"):
        view.filters.search.setText(prefix)
    qtbot.waitUntil(lambda: len(queries) == 1, timeout=2000)
    assert sorted(names(view)) == ["img-0.png", "img-4.jpg"]
    search(qtbot, view, "灯塔")
    assert names(view) == ["img-1.jpg"]


def test_filters_and_sort(qtbot, view: LibraryView) -> None:
    view.filters.formats.setCurrentIndex(view.filters.formats.findData("PNG"))
    assert sorted(names(view)) == ["img-0.png", "img-3.png"]
    view.filters.formats.setCurrentIndex(0)
    view.filters.sort.setCurrentIndex(view.filters.sort.findData("oldest"))
    assert names(view)[0] == "img-0.png"
    view.filters.aspects.setCurrentIndex(view.filters.aspects.findData("4:3"))
    assert all(view.model.entry(r).width > view.model.entry(r).height for r in range(view.model.rowCount()))  # type: ignore[union-attr]
    view.filters.aspects.setCurrentIndex(0)
    view.filters.edits.setCurrentIndex(view.filters.edits.findData(True))
    assert names(view) == []
    assert view.count_label.text().startswith("0 image")


def test_favourite_and_rating_keys_mark_and_move_on(qtbot, view: LibraryView) -> None:
    view.grid.setFocus()
    view.grid.select_row(0)
    first = view.grid.current_entry()
    qtbot.keyClick(view.grid, Qt.Key.Key_F)
    settled(view)
    assert view.grid.currentIndex().row() == 1  # moved on to the next image
    assert view.library.get(first.id).favourite  # type: ignore[union-attr]
    second = view.grid.current_entry()
    qtbot.keyClick(view.grid, Qt.Key.Key_4)
    settled(view)
    assert view.library.get(second.id).rating == 4  # type: ignore[union-attr]
    assert view.grid.currentIndex().row() == 2
    view.filters.favourites.setChecked(True)
    assert [view.model.entry(0).id] == [first.id]  # type: ignore[union-attr]
    view.grid.select_row(0)
    qtbot.keyClick(view.grid, Qt.Key.Key_F)  # un-favourite: it leaves the favourites filter
    settled(view)
    assert view.model.rowCount() == 0


def test_delete_sends_to_the_trash_and_undo_brings_it_back(qtbot, view: LibraryView, tmp_path: Path) -> None:
    view.grid.setFocus()
    view.grid.select_row(1)
    entry = view.grid.current_entry()
    assert entry is not None
    view.library.set_rating([entry.id], 5)
    board = view.boards.create_board("Keep")
    assert board is not None
    view.library.add_to_board([entry.id], board)
    qtbot.keyClick(view.grid, Qt.Key.Key_Delete)
    settled(view)
    assert not entry.path.exists()
    from send2trash import plat_other  # its trash folder is fixed when first imported

    assert (Path(plat_other.HOMETRASH) / "files" / entry.path.name).exists()
    assert view.model.rowCount() == 4 and view.undo_button.isVisible()
    assert view.grid.currentIndex().row() == 1  # the next image is selected
    assert len(view.undo_trash().result(10)) == 1
    settled(view)
    assert entry.path.exists() and view.model.rowCount() == 5
    back = view.library.by_path(entry.path)
    assert back is not None and back.rating == 5  # marks follow the content
    assert [b.count for b in view.library.boards()] == [1]
    assert view.grid.current_entry().path == entry.path  # type: ignore[union-attr]
    assert not view.undo_button.isVisible()


@pytest.mark.skipif(not can_restore(), reason="restoring reads the freedesktop.org trash")
def test_ctrl_z_undoes_the_last_trash_while_undo_is_offered(qtbot, view: LibraryView) -> None:
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.grid.setFocus()
    view.grid.select_row(2)
    entry = view.grid.current_entry()
    assert entry is not None and not view.undo_action.isEnabled()
    qtbot.keyClick(view.grid, Qt.Key.Key_Delete)
    settled(view)
    assert not entry.path.exists() and view.undo_action.isEnabled()
    view.filters.search.setFocus()
    qtbot.keyClicks(view.filters.search, "fox")
    qtbot.keyClick(view.filters.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.filters.search.text() == "" and not entry.path.exists()  # the box undid its own typing
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settled(view)
    assert entry.path.exists() and view.model.rowCount() == 5
    assert view.grid.current_entry().path == entry.path  # type: ignore[union-attr]
    assert not view.undo_action.isEnabled() and not view.undo_button.isVisible()
    view.grid.select_row(0)
    gone = view.grid.current_entry()
    qtbot.keyClick(view.grid, Qt.Key.Key_Delete)
    settled(view)
    view._undo_timer.timeout.emit()  # the offer ran out: Ctrl+Z no longer brings anything back
    qtbot.keyClick(view.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settled(view)
    assert not gone.path.exists() and view.model.rowCount() == 4  # type: ignore[union-attr]


def test_boards_create_rename_delete_and_drop_images(qtbot, view: LibraryView) -> None:
    board = view.boards.create_board("Posters")
    other = view.boards.create_board("Brand")
    assert board is not None and other is not None
    ids = [view.model.entry(r).id for r in (0, 1)]  # type: ignore[union-attr]
    mime = view.model.mimeData([view.model.index(0), view.model.index(1)])
    assert sorted(ids_from_mime(mime)) == sorted(ids)
    row = next(
        r
        for r in range(view.boards.list.count())
        if view.boards.list.item(r).data(Qt.ItemDataRole.UserRole + 1) == board
    )
    target = view.boards.list.visualItemRect(view.boards.list.item(row)).center()
    drop = QDropEvent(
        QPointF(target),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.boards.list.dropEvent(drop)
    view.boards.add_images(ids[:1], other)  # an image can be on several boards
    settled(view)
    files_before = sorted(p.name for p in view.library.root.rglob("img-*") if p.suffix != ".xmp")
    view.boards.choose(board)
    assert sorted(e.id for e in view.model.entries(range(view.model.rowCount()))) == sorted(ids)
    assert view.boards.rename_board(board, "Posters 2025")
    assert view.boards.list.currentItem().text() == "Posters 2025 (2)"
    view.boards.choose(other)
    assert view.model.rowCount() == 1
    view.boards.delete_board(other)
    settled(view)
    assert view.boards.chosen() is None and view.model.rowCount() == 5
    assert (
        sorted(p.name for p in view.library.root.rglob("img-*") if p.suffix != ".xmp") == files_before
    )  # nothing moved or copied (XMP sidecars carry the marks)


def test_details_show_everything_and_never_touch_the_composer(qtbot, view: LibraryView) -> None:
    reused: list[object] = []
    referenced: list[object] = []
    edited: list[object] = []
    view.reuseRequested.connect(reused.append)
    view.referenceRequested.connect(referenced.append)
    view.editRequested.connect(edited.append)
    view.grid.select_row(0)
    entry = view.grid.current_entry()
    details = view.details
    assert details.prompt.text() == entry.prompt  # type: ignore[union-attr]
    assert "48 × 64" in details.size_value.text() and "JPEG" in details.size_value.text()
    assert details.seed.text() == "104" and details.path.text() == str(entry.path)  # type: ignore[union-attr]
    qtbot.waitUntil(
        lambda: details.preview.pixmap() is not None and not details.preview.pixmap().isNull(), timeout=10_000
    )
    assert not (reused or referenced or edited)  # looking is only looking
    details.reuse_button.click()
    details.reference_button.click()
    details.edit_button.click()
    assert isinstance(reused[0], GenerationRequest) and reused[0].prompt == entry.prompt  # type: ignore[union-attr]
    assert referenced == [[str(entry.path)]] and edited == [str(entry.path)]  # type: ignore[union-attr]


def test_lineage_parent_and_children_navigate(qtbot, view: LibraryView) -> None:
    library = view.library
    parent = library.by_path(library.root / "2025" / "img-0.png")
    assert parent is not None
    child_path = library.root / "2025" / "edit-0.png"
    rec = save(child_path, "the fox, pink sky", color=(9, 9, 9), created="2025-09-09T10:00:00Z",
               parent=ParentImage(image_uuid="uuid-0"))  # fmt: skip
    child = library.add_file(child_path, rec)
    view.refresh()
    view.filters.search.setText("snow")
    view.filters.flush()
    assert view.navigate_to(child.id)  # not among the results: the filters widen
    assert view.grid.current_entry().id == child.id  # type: ignore[union-attr]
    [button] = view.details.lineage_buttons
    assert button.text() == "edited from img-0.png"
    button.click()
    assert view.grid.current_entry().id == parent.id  # type: ignore[union-attr]
    assert [b.text() for b in view.details.lineage_buttons] == ["edited into edit-0.png"]


def test_viewer_arrows_zoom_and_marks(qtbot, view: LibraryView) -> None:
    view.grid.select_row(0)
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_Return)
    viewer = view.viewer
    qtbot.waitUntil(lambda: viewer.isVisible() and viewer.has_image(), timeout=10_000)
    assert viewer.isFullScreen()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.row == 1 and view.grid.currentIndex().row() == 1
    qtbot.waitUntil(viewer.has_image, timeout=10_000)
    qtbot.keyClick(viewer, Qt.Key.Key_Z)
    settled(view)
    assert viewer.zoom() == pytest.approx(1.0)
    entry = viewer.entry()
    qtbot.keyClick(viewer, Qt.Key.Key_3)
    settled(view)
    assert view.library.get(entry.id).rating == 3  # type: ignore[union-attr]
    assert viewer.row == 2  # rated, moved on
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    qtbot.keyClick(viewer, Qt.Key.Key_F)
    settled(view)
    assert view.library.get(entry.id).favourite  # type: ignore[union-attr]
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


def test_drop_from_the_file_manager_imports_copy_or_keep(qtbot, view: LibraryView, tmp_path: Path) -> None:
    outside = tmp_path / "downloads"
    save(outside / "one.png", "dropped one", color=(1, 2, 3))
    save(outside / "album" / "two.jpg", None, color=(3, 2, 1))
    (outside / "notes.txt").write_text("not an image")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(outside / "one.png")), QUrl.fromLocalFile(str(outside / "album"))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dragEnterEvent(drop)  # type: ignore[arg-type]
    assert drop.isAccepted()
    view.dropEvent(drop)
    qtbot.waitUntil(lambda: view.model.rowCount() == 7, timeout=5000)
    assert view.asked == [2]  # type: ignore[attr-defined]
    copied = sorted(
        p.relative_to(view.library.root).as_posix() for p in (view.library.root / IMPORT_FOLDER).rglob("*.*")
    )
    assert [c.split("/", 2)[2] for c in copied] == ["album/two.jpg", "one.png"]
    assert (outside / "one.png").exists()  # copied, not moved
    kept = tmp_path / "elsewhere" / "three.webp"
    save(kept, "kept in place", color=(7, 7, 7))
    view.importer.ask_mode = lambda n: ImportMode.KEEP
    with qtbot.waitSignal(view.importer.finished, timeout=10_000) as done:
        view.import_paths([kept])
    result = done.args[0]
    assert result.placed[0].is_symlink() and result.placed[0].resolve() == kept
    search(qtbot, view, "kept")
    assert view.model.rowCount() == 1


def test_own_drags_are_files_for_other_apps_not_imports(view: LibraryView) -> None:
    view.select_rows([0, 2])
    mime = view.model.mimeData(view.grid.selectionModel().selectedIndexes())
    paths = {Path(u.toLocalFile()) for u in mime.urls()}
    assert paths == {e.path for e in view.grid.selected_entries()} and len(paths) == 2
    assert mime.hasFormat(IDS_MIME) and view.grid.dragEnabled()
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dragEnterEvent(drop)  # type: ignore[arg-type]
    assert not drop.isAccepted()


def test_offline_notice_says_only_what_is_unavailable(view: LibraryView) -> None:
    assert not view.notice.isVisible()
    view.set_generation_unavailable("Generating needs an API key; the library works as usual.")
    assert view.notice.isVisible() and "API key" in view.notice.text()
    view.grid.select_row(0)
    assert view.details.edit_button.isEnabled() and view.model.rowCount() == 5
    view.set_generation_unavailable("")
    assert not view.notice.isVisible()


def test_stale_thumbnail_requests_are_dropped(qtbot, view: LibraryView) -> None:
    loader = view.grid_loader
    view.grid_loader.shutdown()  # an idle pool, so the requests below stay queued
    pool = loader._pool
    pool.setMaxThreadCount(1)
    blocker_started = []

    gate = QSemaphore(0)

    class Block(QRunnable):
        def run(self) -> None:
            blocker_started.append(True)
            gate.acquire()

    pool.start(Block())
    qtbot.waitUntil(lambda: bool(blocker_started), timeout=2000)
    for n in range(5):
        loader.request(f"away-{n}", Path(f"/nowhere/{n}.png"))
    assert loader.pending() == 5
    view.grid.drop_stale_requests()  # none of those keys is on screen
    assert loader.pending() == 0
    gate.release()
    pool.waitForDone()
