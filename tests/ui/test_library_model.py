"""LibraryModel over a 100,000-image index: a valid Qt model, read a window at a time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtTest import QAbstractItemModelTester

from seedream_desktop.library.index import Library
from seedream_desktop.library.query import Query
from seedream_desktop.ui.library.library_model import IDS_MIME, MAX_PAGES, LibraryModel, Role, ids_from_mime
from tests.ui.library_support import fill_index

BIG = 100_000


@pytest.fixture(scope="module")
def big_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big") / "library"
    fill_index(root, BIG)
    return root


@pytest.fixture
def big(big_root: Path, tmp_path: Path) -> Iterator[Library]:
    with Library.open(big_root, tmp_path / "thumbs") as library:
        yield library


def test_100k_rows_pass_the_model_tester(qtbot, big: Library) -> None:
    model = LibraryModel(big)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == BIG
    model.set_query(Query(favourite=True))
    assert model.rowCount() == len(range(0, BIG, 37))
    model.set_query(Query(sort="oldest"))
    assert model.entry(0).path.name == "img-000000.png"  # type: ignore[union-attr]
    assert model.entry(BIG - 1).path.name == "img-099999.png"  # type: ignore[union-attr]


def test_only_a_window_of_rows_is_kept(big: Library) -> None:
    model = LibraryModel(big)
    newest = model.index(0).data(Role.Entry)
    assert newest.path.name == "img-099999.png"
    for row in range(0, BIG, 997):  # a scroll from end to end
        assert model.index(row).data(Role.Id) == BIG - row
    assert model.loaded_pages() <= MAX_PAGES
    assert model.index(BIG - 1).data(Qt.ItemDataRole.DisplayRole) == "img-000000.png"
    assert model.data(model.index(BIG)) is None


def test_thumbnail_arrival_repaints_its_row(qtbot, big: Library) -> None:
    model = LibraryModel(big)
    key = model.index(3).data(Role.Key)
    pixmap = QPixmap(8, 8)
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_thumbnail(key, pixmap)
    assert changed.args[0].row() == 3
    assert model.index(3).data(Qt.ItemDataRole.DecorationRole).cacheKey() == pixmap.cacheKey()


def test_drag_carries_files_and_ids(big: Library) -> None:
    model = LibraryModel(big)
    mime = model.mimeData([model.index(0), model.index(5)])
    assert [Path(u.toLocalFile()).name for u in mime.urls()] == ["img-099999.png", "img-099994.jpeg"]
    assert mime.hasFormat(IDS_MIME) and ids_from_mime(mime) == [BIG, BIG - 5]
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    # The image bytes are offered, not read at drag start (a 4K PNG would hold the drag back).
    assert mime.hasFormat("image/png") and not mime.was_read()


def test_reload_rows_reads_marks_again(big: Library) -> None:
    model = LibraryModel(big)
    entry = model.entry(10)
    assert entry is not None
    big.set_favourite([entry.id], not entry.favourite)
    assert model.entry(10).favourite == entry.favourite  # type: ignore[union-attr]  # cached until told
    model.reload_rows([10])
    assert model.entry(10).favourite != entry.favourite  # type: ignore[union-attr]
    assert model.find_row(entry.id) == 10
