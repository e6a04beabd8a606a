"""ReferenceTray: real drops (files, folders, URLs, image data), paste, limits, refusals, reorder, remove."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QStyleOptionViewItem

from seedream_desktop.ui.compose.reference_model import ReferenceModel
from seedream_desktop.ui.compose.reference_tray import ReferenceTray
from tests.ui.compose_support import corrupt, decompression_bomb, drop, host, png, png_bytes

LOAD_MS = 10_000


@pytest.fixture
def tray(qtbot, tmp_path: Path) -> ReferenceTray:  # type: ignore[no-untyped-def]
    widget = ReferenceTray(tmp_path / "cache" / "refs")
    QAbstractItemModelTester(widget.model, QAbstractItemModelTester.FailureReportingMode.Fatal, widget.model)
    host(qtbot, widget)
    return widget


def urls(*items: str | Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl(str(i)) if str(i).startswith("http") else QUrl.fromLocalFile(str(i)) for i in items])
    return mime


def sources(tray: ReferenceTray) -> list[str]:
    return [r.source for r in tray.references()]


def labels(tray: ReferenceTray) -> list[str]:
    return [tray.model.label(r) for r in range(tray.model.rowCount())]


def test_dropped_files_are_prepared_numbered_and_thumbnailed(qtbot, tray, tmp_path: Path) -> None:
    a, b = png(tmp_path / "a.png"), png(tmp_path / "b.png", colour="#00ff00")
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        entered, dropped = drop(tray.view.viewport(), urls(a, b))
    assert entered and dropped
    assert sources(tray) == [str(a), str(b)]
    assert tray.view.viewport().acceptDrops()  # where a real drag delivers its events
    assert labels(tray) == ["image 1", "image 2"]
    option = QStyleOptionViewItem()
    tray.delegate.initStyleOption(option, tray.model.index(1))
    assert option.text == "image 2"  # what the tile shows under its thumbnail
    assert all(r.sha256 and len(r.sha256) == 64 for r in tray.references())
    icon = tray.model.index(0).data(Qt.ItemDataRole.DecorationRole)
    assert not icon.isNull() and icon.actualSize(QSize(256, 256)).width() == 64
    assert tray.count_label.text() == "2 / 14"
    assert tray.message() == ""


def test_dropped_folder_adds_its_images_sorted(qtbot, tray, tmp_path: Path) -> None:
    folder = tmp_path / "moodboard"
    for name in ("b.png", "A.png", "c.png"):
        png(folder / name)
    (folder / "notes.txt").write_text("not an image", encoding="utf-8")
    png(folder / "sub" / "deeper.png")
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        drop(tray.view.viewport(), urls(folder))
    assert [Path(s).name for s in sources(tray)] == ["A.png", "b.png", "c.png"]


def test_image_urls_are_kept_as_urls(qtbot, tray) -> None:
    drop(tray.view.viewport(), urls("https://example.test/cat.png", "http://example.test/dog.jpg"))
    assert sources(tray) == ["https://example.test/cat.png", "http://example.test/dog.jpg"]
    assert not tray.is_busy()
    text = QMimeData()
    text.setText("https://example.test/from-text.webp")
    drop(tray.view.viewport(), text)
    assert sources(tray)[-1] == "https://example.test/from-text.webp"


def test_raw_image_data_from_a_browser_becomes_a_cached_file(qtbot, tray, tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setData("image/png", png_bytes())
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        drop(tray.view.viewport(), mime)
    (source,) = sources(tray)
    assert Path(source).parent == tmp_path / "cache" / "refs"
    assert Path(source).read_bytes() == png_bytes()


def test_a_linked_picture_dragged_off_a_web_page_gives_its_pixels_not_the_page(qtbot, tray, tmp_path) -> None:
    mime = urls("https://example.test/gallery/item?id=42")  # the link around the thumbnail
    mime.setData("image/png", png_bytes())  # and the picture itself, as browsers add it
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        drop(tray.view.viewport(), mime)
    (source,) = sources(tray)
    assert Path(source).read_bytes() == png_bytes()
    # A link that names an image file is kept as the link, pixels or not.
    named = urls("https://example.test/photos/cat.webp")
    named.setData("image/png", png_bytes())
    drop(tray.view.viewport(), named)
    assert sources(tray)[-1] == "https://example.test/photos/cat.webp"
    # A link with nothing else is still taken: many image hosts serve pictures without a file name.
    drop(tray.view.viewport(), urls("https://example.test/gallery/item?id=43"))
    assert sources(tray)[-1] == "https://example.test/gallery/item?id=43"


def test_qt_image_data_is_added(qtbot, tray, tmp_path: Path) -> None:
    image = QImage(30, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    mime = QMimeData()
    mime.setImageData(image)
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        drop(tray, mime)  # onto the tray outside the list, too
    assert tray.message() == ""
    (source,) = sources(tray)
    assert QImage(source).size() == image.size()


def test_paste_image_data_files_and_links_with_ctrl_v(qtbot, tray, tmp_path: Path) -> None:
    clipboard = QGuiApplication.clipboard()
    image = QImage(20, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    clipboard.setImage(image)
    tray.view.setFocus()
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        qtbot.keyClick(tray.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(sources(tray)) == 1
    clipboard.setMimeData(urls(png(tmp_path / "copied.png")))
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        qtbot.keyClick(tray.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert sources(tray)[-1] == str(tmp_path / "copied.png")
    clipboard.setText("https://example.test/linked.png")
    qtbot.keyClick(tray.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert sources(tray)[-1] == "https://example.test/linked.png"
    clipboard.setText("just words")
    qtbot.keyClick(tray.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(sources(tray)) == 3
    assert "clipboard holds no image" in tray.message()
    clipboard.clear()


def test_at_most_14_references_and_the_rest_refused_by_count(qtbot, tray) -> None:
    links = [f"https://example.test/{i}.png" for i in range(16)]
    drop(tray.view.viewport(), urls(*links))
    assert sources(tray) == links[:14]
    assert "2 image(s) not added" in tray.message()
    assert "at most 14" in tray.message()
    assert tray.message_label.isVisible()


def test_sequential_images_shrink_the_room(qtbot, tray) -> None:
    tray.set_sequential(5)
    assert tray.capacity() == 10
    assert tray.count_label.text() == "0 / 10"
    drop(tray.view.viewport(), urls(*[f"https://example.test/{i}.png" for i in range(12)]))
    assert len(sources(tray)) == 10
    assert "2 image(s) not added" in tray.message()
    assert "5 sequential images" in tray.message() and "at most 15" in tray.message()
    tray.set_sequential(15)
    assert tray.capacity() == 0


def test_corrupt_and_bomb_files_are_refused_by_name(qtbot, tray, tmp_path: Path) -> None:
    good = png(tmp_path / "good.png")
    broken = corrupt(tmp_path / "broken.png")
    bomb = decompression_bomb(tmp_path / "bomb.png")
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        drop(tray.view.viewport(), urls(broken, good, bomb))
    assert sources(tray) == [str(good)]
    assert labels(tray) == ["image 1"]
    message = tray.message()
    assert "broken.png" in message and "bomb.png" in message
    assert "more than 25 million pixels" in message
    # Still alive and working afterwards.
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        drop(tray.view.viewport(), urls(png(tmp_path / "after.png")))
    assert len(sources(tray)) == 2


def test_a_drop_with_nothing_usable_says_so(qtbot, tray, tmp_path: Path) -> None:
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    drop(tray.view.viewport(), urls(empty))
    assert sources(tray) == []
    assert "Nothing there is an image" in tray.message()


def test_unsupported_file_is_refused_by_name(qtbot, tray, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        drop(tray.view.viewport(), urls(text))
    assert sources(tray) == []
    assert "notes.txt" in tray.message()


def test_reorder_by_internal_drag_and_keyboard(qtbot, tray) -> None:
    links = [f"https://example.test/{n}.png" for n in ("a", "b", "c")]
    drop(tray.view.viewport(), urls(*links))
    tray.view.doItemsLayout()
    # Drag "a" and drop it on the right half of "c": it goes last.
    mime = tray.model.mimeData([tray.model.index(0)])
    target = tray.view.visualRect(tray.model.index(2))
    entered, dropped = drop(tray.view.viewport(), mime, target.center() + QPoint(target.width() // 4, 0))
    assert entered and dropped
    assert [s.rsplit("/", 1)[-1] for s in sources(tray)] == ["b.png", "c.png", "a.png"]
    assert labels(tray) == ["image 1", "image 2", "image 3"]
    # Ctrl+Left moves the selected one earlier.
    tray.view.setFocus()
    tray.view.setCurrentIndex(tray.model.index(2))
    qtbot.keyClick(tray.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert [s.rsplit("/", 1)[-1] for s in sources(tray)] == ["b.png", "a.png", "c.png"]


def test_remove_with_delete_key_and_close_button(qtbot, tray) -> None:
    drop(tray.view.viewport(), urls(*[f"https://example.test/{i}.png" for i in range(3)]))
    tray.view.doItemsLayout()
    tray.view.setFocus()
    tray.view.setCurrentIndex(tray.model.index(0))
    qtbot.keyClick(tray.view, Qt.Key.Key_Delete)
    assert [s.rsplit("/", 1)[-1] for s in sources(tray)] == ["1.png", "2.png"]
    rect = tray.view.visualRect(tray.model.index(1))
    close = tray.delegate.close_rect(rect).center()
    qtbot.mouseClick(tray.view.viewport(), Qt.MouseButton.LeftButton, pos=close)
    assert [s.rsplit("/", 1)[-1] for s in sources(tray)] == ["1.png"]


def test_delete_in_the_tray_never_triggers_the_windows_delete_action(qtbot, tray) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    trash = QAction("Delete to trash", tray.window())
    trash.setShortcut(QKeySequence(Qt.Key.Key_Delete))
    tray.window().addAction(trash)
    drop(tray.view.viewport(), urls("https://example.test/a.png"))
    tray.view.setFocus()
    tray.view.setCurrentIndex(tray.model.index(0))
    with qtbot.assertNotEmitted(trash.triggered):
        qtbot.keyClick(tray.view, Qt.Key.Key_Delete)
    assert sources(tray) == []


def test_drag_out_offers_file_urls_and_copies_only(qtbot, tray, tmp_path: Path) -> None:
    a = png(tmp_path / "a.png")
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        drop(tray.view.viewport(), urls(a))
    mime = tray.model.mimeData([tray.model.index(0)])
    assert [u.toLocalFile() for u in mime.urls()] == [str(a)]
    assert tray.model.supportedDragActions() == Qt.DropAction.CopyAction


def test_model_moves_and_removes_consistently(qtbot) -> None:
    from seedream_desktop.ui.compose.reference_model import ReferenceEntry

    model = ReferenceModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, model)
    model.append([ReferenceEntry(i, f"https://x.test/{i}", str(i), loading=False) for i in range(5)])
    assert model.moveRows(QModelIndex(), 0, 2, QModelIndex(), 5)
    assert [e.token for e in model.entries()] == [2, 3, 4, 0, 1]
    assert not model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 1)
    assert model.moveRows(QModelIndex(), 4, 1, QModelIndex(), 0)
    assert [e.token for e in model.entries()] == [1, 2, 3, 4, 0]
    model.move_to([0, 4], 2)  # scattered rows land together, in order, before the target
    assert [e.token for e in model.entries()] == [2, 1, 0, 3, 4]
    model.move_to([3, 4], 0)
    assert [e.token for e in model.entries()] == [3, 4, 2, 1, 0]
    model.remove_token(3)
    assert [e.token for e in model.entries()] == [4, 2, 1, 0]
    model.clear()
    assert model.rowCount() == 0
