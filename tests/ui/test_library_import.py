"""Files dropped from the file manager are imported on a worker: the GUI thread never copies or reads
them, progress and the outcome are said in the status line, and a file that cannot be read is named."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from seedream_desktop.library.index import Library
from seedream_desktop.ui.library import import_worker, importer
from seedream_desktop.ui.library.importer import IMPORT_FOLDER, ImportMode
from seedream_desktop.ui.library.library_view import LibraryView
from tests.library.make_images import save
from tests.ui.library_support import shown_view

# WORKAROUND: the offscreen platform warns on every top-level size-hint change. Upstream: by design, not a
# bug (QPlatformWindow::propagateSizeHints warns unless a platform overrides it; offscreen does not), no fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FOLDER_IMAGES = 12


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    root = tmp_path / "library"
    with Library.open(root, tmp_path / "thumbs") as library:
        save(root / "own.png", "already here", color=(9, 9, 9))
        library.scan()
        yield library


@pytest.fixture
def view(qtbot, library: Library) -> Iterator[LibraryView]:
    widget = LibraryView(library, ask_import=lambda _n: ImportMode.COPY)
    yield from shown_view(qtbot, widget)


@pytest.fixture
def messages(view: LibraryView) -> list[str]:
    said: list[str] = []
    view.message.connect(said.append)
    return said


def drop(view: LibraryView, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(40, 40),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dragEnterEvent(event)  # type: ignore[arg-type]
    assert event.isAccepted()
    view.dropEvent(event)


def a_folder(where: Path) -> Path:
    for i in range(FOLDER_IMAGES):
        save(where / f"shoot-{i // 5}" / f"photo-{i}.png", f"photo {i}", color=(10 * i, 50, 90))
    return where


def test_a_dropped_folder_is_copied_and_indexed_off_the_gui_thread(
    qtbot, view: LibraryView, messages: list[str], tmp_path: Path, monkeypatch
) -> None:
    folder = a_folder(tmp_path / "downloads" / "shoot")
    gui = threading.get_ident()
    copiers: set[int] = set()
    copying = threading.Event()
    go_on = threading.Event()

    def copy2(source: Path, target: Path) -> object:
        copiers.add(threading.get_ident())
        copying.set()
        if threading.get_ident() != gui:  # (on the GUI thread, waiting would only hang the test)
            go_on.wait(10)  # held until the test has seen the window stay live
        return shutil.copy2(source, target)

    indexers: set[int] = set()
    sync_paths = Library.sync_paths

    def indexing(library: Library, paths: object) -> object:
        indexers.add(threading.get_ident())
        return sync_paths(library, paths)  # type: ignore[arg-type]

    walkers: set[int] = set()

    def walking(paths: list[Path], keep_going) -> object:  # type: ignore[no-untyped-def]
        walkers.add(threading.get_ident())
        return importer.image_files(paths, keep_going)

    monkeypatch.setattr(importer, "shutil", SimpleNamespace(copy2=copy2))
    monkeypatch.setattr(Library, "sync_paths", indexing)
    monkeypatch.setattr(import_worker, "image_files", walking)
    try:
        drop(view, folder)
        qtbot.waitUntil(copying.is_set, timeout=5000)
        # The GUI thread is here, running the test, while the worker waits inside its first copy.
        assert view.importer.busy() and view.model.rowCount() == 1
        assert messages[0] == "Looking for images in what was dropped…"
        assert len(messages) == 2 and messages[1].startswith(f"Adding {FOLDER_IMAGES} image")
        with qtbot.waitSignal(view.importer.finished, timeout=10_000) as done:
            go_on.set()
    finally:
        go_on.set()  # a failed check above must not leave the worker waiting in every copy
    result = done.args[0]
    assert walkers and gui not in walkers  # even listing a big folder (or a share) is not done here
    assert copiers and gui not in copiers
    assert indexers and gui not in indexers
    assert len(result.placed) == FOLDER_IMAGES and not result.failed
    assert view.model.rowCount() == FOLDER_IMAGES + 1  # shown at once: the page refreshed
    assert view.count_label.text().startswith(f"{FOLDER_IMAGES + 1} image")
    copied = sorted(p.name for p in (view.library.root / IMPORT_FOLDER).rglob("*.png"))
    assert copied == sorted(f"photo-{i}.png" for i in range(FOLDER_IMAGES))
    assert any(m.startswith("Adding images to the library: ") for m in messages)  # progress
    assert messages[-1].startswith(f"Added {FOLDER_IMAGES} image")
    assert not view.importer.busy()


def test_an_unreadable_file_is_named_and_the_rest_still_imported(
    qtbot, view: LibraryView, messages: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "card"
    save(folder / "good.png", "a good one", color=(1, 2, 3))
    (folder / "broken.png").symlink_to(folder / "gone-from-the-card.png")  # listed, but cannot be read
    with qtbot.waitSignal(view.importer.finished, timeout=10_000) as done:
        drop(view, folder)
    result = done.args[0]
    assert [p.name for p in result.placed] == ["good.png"]
    assert [p.name for p, _ in result.failed] == ["broken.png"]
    assert view.model.rowCount() == 2
    added, failed = messages[-1].split(". ", 1)
    assert added.startswith("Added 1 image") and "broken.png" in failed
    assert failed.endswith("could not be added: broken.png (No such file or directory)")


def test_keep_in_place_links_and_a_second_drop_waits_its_turn(
    qtbot, view: LibraryView, tmp_path: Path
) -> None:
    first = a_folder(tmp_path / "one")
    second = tmp_path / "two" / "kept.webp"
    save(second, "kept in place", color=(7, 7, 7))
    asked: list[int] = []
    view.importer.ask_mode = lambda n: asked.append(n) or ImportMode.KEEP
    results: list[object] = []
    view.importer.finished.connect(results.append)
    view.import_paths([first])
    view.import_paths([second])
    qtbot.waitUntil(lambda: len(results) == 2, timeout=10_000)
    assert asked == [FOLDER_IMAGES, 1]
    placed = [p for r in results for p in r.placed]  # type: ignore[attr-defined]
    assert len(placed) == FOLDER_IMAGES + 1 and all(p.is_symlink() for p in placed)
    assert placed[-1].resolve() == second  # in the order dropped
    assert view.model.rowCount() == FOLDER_IMAGES + 2


def test_nothing_starts_for_no_images_or_a_cancelled_question(
    qtbot, view: LibraryView, messages: list[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not an image")
    view.import_paths([notes])
    qtbot.waitUntil(lambda: not view.importer.busy(), timeout=10_000)
    assert messages[-1] == "No images (PNG, JPEG, WebP) in what was dropped."
    view.importer.ask_mode = lambda _n: None
    save(tmp_path / "x.png", "x", color=(5, 5, 5))
    view.import_paths([tmp_path / "x.png"])
    qtbot.waitUntil(lambda: not view.importer.busy(), timeout=10_000)
    assert messages[-1] == "Nothing was added to the library."
    assert view.model.rowCount() == 1
    own = view.library.root / "own.png"  # already inside: indexed, nothing asked or copied
    with qtbot.waitSignal(view.importer.finished, timeout=10_000) as done:
        view.import_paths([own])
    assert done.args[0].placed == [own] and not (view.library.root / IMPORT_FOLDER).exists()


def test_closing_stops_an_import_after_the_file_being_copied(
    qtbot, view: LibraryView, tmp_path: Path, monkeypatch
) -> None:
    folder = a_folder(tmp_path / "big")
    save(tmp_path / "later.png", "dropped next", color=(4, 4, 4))
    copying = threading.Event()
    jobs = view.importer._running  # to see the stop request from inside the copy

    def copy2(source: Path, target: Path) -> object:
        copying.set()
        jobs[0].stopping.wait(10)  # the window closes while this file is being copied
        return shutil.copy2(source, target)

    monkeypatch.setattr(importer, "shutil", SimpleNamespace(copy2=copy2))
    results: list[object] = []
    view.importer.finished.connect(results.append)
    view.import_paths([folder])
    view.import_paths([tmp_path / "later.png"])
    qtbot.waitUntil(copying.is_set, timeout=5000)
    view.importer.shutdown()  # returns once the file in hand is copied: quitting never waits for a folder
    assert not view.importer.busy()
    assert [p.name for p in (view.library.root / IMPORT_FOLDER).rglob("*.png")] == ["photo-0.png"]
    QCoreApplication.processEvents()  # a result would have been queued by now
    assert results == []  # neither the stopped import nor the one waiting behind it reports


def test_what_the_question_counted_is_what_is_added(qtbot, view: LibraryView, tmp_path: Path) -> None:
    folder = a_folder(tmp_path / "drop")

    def answer(count: int) -> ImportMode:
        # A file lands in the folder while the question is open (a download finishing): the drop was
        # walked once, for the question, so the import adds the images counted there and no others.
        save(folder / "arrived-later.png", "arrived while asking", color=(1, 2, 3))
        assert count == FOLDER_IMAGES
        return ImportMode.COPY

    view.importer.ask_mode = answer
    with qtbot.waitSignal(view.importer.finished, timeout=10_000) as done:
        view.import_paths([folder])
    placed = done.args[0].placed
    assert len(placed) == FOLDER_IMAGES and "arrived-later.png" not in {p.name for p in placed}


def test_a_drop_made_while_a_question_is_open_is_asked_about_after_it(
    qtbot, view: LibraryView, tmp_path: Path
) -> None:
    first = a_folder(tmp_path / "one")
    second = tmp_path / "two" / "next.png"
    save(second, "dropped while asked", color=(6, 6, 6))
    asked: list[str] = []

    def ask(count: int) -> ImportMode:
        asked.append(f"open {count}")
        if count == FOLDER_IMAGES:  # a modal question runs an event loop: the second drop comes meanwhile
            view.import_paths([second])
            qtbot.wait(300)  # its walk is answered during this question
        asked.append(f"closed {count}")
        return ImportMode.COPY

    view.importer.ask_mode = ask
    results: list[object] = []
    view.importer.finished.connect(results.append)
    view.import_paths([first])
    qtbot.waitUntil(lambda: len(results) == 2, timeout=10_000)
    assert asked == [f"open {FOLDER_IMAGES}", f"closed {FOLDER_IMAGES}", "open 1", "closed 1"]  # never nested
    assert [len(r.placed) for r in results] == [FOLDER_IMAGES, 1]  # type: ignore[attr-defined]


def test_closing_ends_a_walk_under_way_and_asks_nothing(
    qtbot, view: LibraryView, tmp_path: Path, monkeypatch
) -> None:
    walking = threading.Event()
    asked: list[int] = []
    view.importer.ask_mode = lambda n: asked.append(n) or ImportMode.COPY

    def endless_walk(paths: list[Path], keep_going) -> list:  # type: ignore[no-untyped-def]
        walking.set()  # a share that answers slowly: folder after folder…
        deadline = time.monotonic() + 10
        while keep_going() and time.monotonic() < deadline:
            time.sleep(0.01)
        return [(tmp_path / "x.png", Path("x.png"))]

    monkeypatch.setattr(import_worker, "image_files", endless_walk)
    view.import_paths([tmp_path])
    qtbot.waitUntil(walking.is_set, timeout=5000)
    started = time.monotonic()
    view.importer.shutdown()  # the window closes meanwhile
    assert time.monotonic() - started < 5  # the walk stopped at its next folder, not after 10 s
    QCoreApplication.processEvents()
    assert asked == [] and not view.importer.busy()


def test_a_link_loop_in_a_drop_is_named_and_the_rest_imported(
    qtbot, view: LibraryView, messages: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "odd"
    save(folder / "good.png", "a good one", color=(1, 2, 3))
    (folder / "a.png").symlink_to(folder / "b.png")
    (folder / "b.png").symlink_to(folder / "a.png")  # a loop: resolving either never ends
    with qtbot.waitSignal(view.importer.finished, timeout=10_000) as done:
        view.import_paths([folder])
    result = done.args[0]
    assert [p.name for p in result.placed] == ["good.png"]
    assert sorted(p.name for p, _ in result.failed) == ["a.png", "b.png"]
    assert not view.importer.busy() and "could not be added" in messages[-1]


def test_a_drop_during_a_long_import_is_asked_about_at_once(
    qtbot, view: LibraryView, tmp_path: Path, monkeypatch
) -> None:
    first = a_folder(tmp_path / "big")
    second = tmp_path / "next.png"
    save(second, "dropped during the copy", color=(8, 8, 8))
    go_on = threading.Event()

    def copy2(source: Path, target: Path) -> object:
        go_on.wait(10)  # the first import is slow (a big folder, a slow disk)
        return shutil.copy2(source, target)

    monkeypatch.setattr(importer, "shutil", SimpleNamespace(copy2=copy2))
    asked: list[int] = []
    view.importer.ask_mode = lambda n: asked.append(n) or ImportMode.COPY
    results: list[object] = []
    view.importer.finished.connect(results.append)
    try:
        view.import_paths([first])
        qtbot.waitUntil(lambda: asked == [FOLDER_IMAGES], timeout=5000)
        view.import_paths([second])
        qtbot.waitUntil(lambda: asked == [FOLDER_IMAGES, 1], timeout=5000)  # while the first still copies
        assert results == []
    finally:
        go_on.set()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=10_000)
    assert [len(r.placed) for r in results] == [FOLDER_IMAGES, 1]  # type: ignore[attr-defined]
