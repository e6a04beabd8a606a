"""The library's notices in the window: damage found by the background check, in the interface's language,
and folder sync failures as translated sentences."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from seedream_desktop.library.index import Library
from seedream_desktop.library.notice import UNAVAILABLE_NOTICE
from seedream_desktop.library.query import Query
from seedream_desktop.ui.library.library_sync import LibrarySync
from tests.library.make_images import save

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _damage_deep_inside(root: Path) -> None:
    """An indexed, marked library whose damage the open-time check does not read (an index's page)."""
    for i in range(3):
        save(root / f"{i}.png", f"image {i}", color=(i, 2, 2), seed=i + 1)
    with Library.open(root) as library:
        library.scan()
        first = library.by_path(root / "0.png")
        assert first is not None
        library.set_favourite([first.id], True)
        library._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = library._conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'images_seed'"
        ).fetchone()[0]
        size = library._conn.execute("PRAGMA page_size").fetchone()[0]
        index = library.index_path
    data = bytearray(index.read_bytes())
    data[(page - 1) * size] = 0x07  # not a b-tree page type
    index.write_bytes(bytes(data))
    with Library.open(root) as library:
        assert library.notice is None, "the open-time check should not have seen it"


def test_the_background_check_finds_deep_damage_and_the_window_says_so_in_chinese(
    zh_cn,
    make_window,
    qtbot,
) -> None:
    from seedream_desktop.config import Paths, Settings

    root = Settings(Paths.from_environment()).library
    _damage_deep_inside(root)
    window = make_window(None)
    tab = window.library_tab
    tab.show_library()
    assert tab.library.notice is None  # opening did not see it; the check after the first frame does
    qtbot.waitUntil(lambda: window.error_banner.isVisible(), timeout=15_000)
    text = window.error_banner.text.text()
    assert text.startswith("图库索引已损坏") and "index.corrupt-" in text
    qtbot.waitUntil(lambda: tab.view.model.rowCount() == 3, timeout=15_000)  # rebuilt from the files
    # The window's own connection follows the fresh index, with the marks from the journal.
    assert tab.library._conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert tab.library.count() == 3 and [e.path.name for e in tab.library.search(Query(favourite=True))] == [
        "0.png"
    ]
    assert len(list((root / ".seedream").glob("index.corrupt-*.sqlite3"))) == 1


class Recorder(QTranslator):
    """A catalog that knows two sentences, and remembers what it was asked for."""

    WANTED = {
        ("Library", UNAVAILABLE_NOTICE): "图库索引 {path} 无法使用：{detail}",
        ("LibrarySync", "The library folder could not be read: {0}"): "无法读取图库文件夹：{0}",
    }

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str, str]] = []

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def, override]
        self.asked.append((context, source))
        return self.WANTED.get((context, source))

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def recorder(qapp) -> Iterator[Recorder]:
    catalog = Recorder()
    qapp.installTranslator(catalog)
    yield catalog
    QCoreApplication.removeTranslator(catalog)


def test_an_unusable_index_is_said_in_the_interface_language(
    recorder: Recorder, tmp_path: Path, qtbot
) -> None:
    root = tmp_path / "not a folder"
    root.write_text("a file where the library folder should be")
    sync = LibrarySync(root, tmp_path / "thumbs", watch=False)
    try:
        with qtbot.waitSignal(sync.failed, timeout=10_000) as failed:
            sync.start()
    finally:
        sync.stop()
    assert ("Library", UNAVAILABLE_NOTICE) in recorder.asked
    assert failed.args[0].startswith(f"图库索引 {root / '.seedream' / 'index.sqlite3'} 无法使用：")


def test_a_failed_folder_sync_is_a_translated_sentence(
    recorder: Recorder, tmp_path: Path, qtbot, expect_log_errors: list
) -> None:
    root = tmp_path / "library"
    save(root / "a.png", "before")
    sync = LibrarySync(root, tmp_path / "thumbs")
    try:
        sync.start()
        qtbot.waitUntil(sync.watching.is_set, timeout=10_000)
        assert sync.library is not None
        sync.library._conn.close()  # every later sync of this connection fails
        with qtbot.waitSignal(sync.failed, timeout=10_000) as failed:
            save(root / "b.png", "after")
    finally:
        sync.stop()
    assert ("LibrarySync", "The library folder could not be read: {0}") in recorder.asked
    assert failed.args[0].startswith("无法读取图库文件夹：") and "closed database" in failed.args[0]
