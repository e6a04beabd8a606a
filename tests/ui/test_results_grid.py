"""ResultGrid, its delegate and the thumbnail loader: off-thread thumbnails, stale requests dropped, painting."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDrag, QGuiApplication, QImage

from seedream_desktop.ui.results.grid import ResultGrid
from seedream_desktop.ui.results.model import ResultModel
from seedream_desktop.ui.thumbnails import ThumbnailLoader, read_scaled


@pytest.fixture
def loader(qtbot):
    made = []

    def make(**kwargs):  # type: ignore[no-untyped-def]
        thumbnails = ThumbnailLoader(**kwargs)
        made.append(thumbnails)
        return thumbnails

    yield make
    for thumbnails in made:
        thumbnails.shutdown()


def test_read_scaled_keeps_the_aspect_ratio(image_files):
    image = read_scaled(image_files[0], 160)
    assert (image.width(), image.height()) == (160, 100)


def test_thumbnails_arrive_as_qimage_off_the_gui_thread(loader, image_files, qtbot):
    threads: list[str] = []

    def make_file(path: Path, side: int) -> None:
        threads.append(threading.current_thread().name)
        return None  # decode the original

    thumbnails = loader(side=64, make_file=make_file)
    with qtbot.waitSignal(thumbnails.loaded, timeout=5000) as blocker:
        thumbnails.request("a", image_files[0])
    key, image = blocker.args
    assert key == "a" and isinstance(image, QImage) and image.width() == 64
    assert threads and threads[0] != threading.main_thread().name


def test_requests_for_tiles_scrolled_away_are_dropped(loader, image_files, qtbot):
    gate = threading.Event()
    started = threading.Event()

    def make_file(path: Path, side: int) -> None:
        started.set()
        gate.wait(10)  # the one worker is busy, so later requests stay queued
        return None

    thumbnails = loader(side=32, make_file=make_file, threads=1)
    loaded: list[str] = []
    thumbnails.loaded.connect(lambda key, _image: loaded.append(key))
    for n, path in enumerate(image_files):
        thumbnails.request(f"k{n}", path)
    assert started.wait(5)
    thumbnails.retain_only({"k0", "k3"})
    assert thumbnails.pending() == 2
    gate.set()
    qtbot.waitUntil(lambda: thumbnails.pending() == 0, timeout=5000)
    assert sorted(loaded) == ["k0", "k3"]


def test_a_broken_file_gives_an_empty_image_not_an_exception(loader, tmp_path, qtbot):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    thumbnails = loader(side=32)
    with qtbot.waitSignal(thumbnails.loaded, timeout=5000) as blocker:
        thumbnails.request("b", broken)
    assert blocker.args[1].isNull()


def test_the_grid_paints_every_kind_of_tile_and_fetches_thumbnails(loader, image_files, qtbot):
    model = ResultModel()
    thumbnails = loader(side=128)
    grid = ResultGrid(model, thumbnails)
    qtbot.addWidget(grid)
    grid.resize(900, 600)
    model.add_job("failed", None, 1, "submitted")
    model.update_job("failed", "failed", ("ServerError", "Runware had a problem.", "Retry in a moment."))
    model.add_job("running", None, 2, "generating")
    model.download_progress("running", "u1", 1000, 4000)
    model.add_job("done", None, 2, "generating")
    for path in image_files[:2]:
        model.image_saved("done", path, SimpleNamespace(prompt="p", seed=1))
    grid.show()
    qtbot.waitExposed(grid)
    picture = grid.grab()
    assert not picture.isNull()
    qtbot.waitUntil(lambda: all(model.has_thumbnail(model.item(r).key) for r in range(2)), timeout=5000)
    grid.viewport().update()
    assert not grid.grab().isNull()
    assert grid.visible_keys() >= {model.item(0).key, model.item(1).key}


def test_the_tile_size_follows_the_font(loader, qtbot):
    grid = ResultGrid(ResultModel(), loader(side=64))
    qtbot.addWidget(grid)
    preferred = grid.fontMetrics().height() * 16
    assert grid.tile_side() == preferred
    grid.resize(preferred * 3 + 100, 400)
    grid.show()
    qtbot.waitExposed(grid)
    columns = grid.viewport().width() // (grid.tile_side() + 8)
    assert columns == 3 and grid.tile_side() >= preferred  # the tiles stretch to fill the row


def saved_grid(loader, qtbot, path: Path) -> tuple[ResultGrid, ResultModel]:
    model = ResultModel()
    grid = ResultGrid(model, loader(side=64))
    qtbot.addWidget(grid)
    model.add_job("done", None, 1, "generating")
    model.image_saved("done", path, SimpleNamespace(prompt="p", seed=1))
    grid.show()
    qtbot.waitExposed(grid)
    grid.select_row(0)
    return grid, model


def test_a_drag_out_offers_the_image_and_reads_it_only_when_asked(loader, image_files, qtbot):
    grid, _model = saved_grid(loader, qtbot, image_files[0])
    grid.startDrag(Qt.DropAction.CopyAction)  # what Qt calls once the mouse moved far enough
    drag = grid.findChild(QDrag)
    assert drag is not None
    mime = drag.mimeData()
    assert [Path(u.toLocalFile()) for u in mime.urls()] == [image_files[0]]  # file managers take these
    assert mime.hasFormat("image/png") and "image/png" in mime.formats()
    assert not mime.was_read()  # a 4K PNG would have held the drag back here
    assert bytes(mime.data("image/png").data()) == image_files[0].read_bytes()  # a drop target asks
    assert mime.was_read()


def test_copy_image_puts_the_bytes_on_the_clipboard_at_once(loader, image_files, qtbot):
    _grid, model = saved_grid(loader, qtbot, image_files[1])
    mime = model.mimeData([model.index(0)])
    assert type(mime) is QMimeData  # the clipboard outlives Python at quit: no Python subclass there
    clipboard = QGuiApplication.clipboard()
    clipboard.setMimeData(mime)
    try:
        pasted = clipboard.mimeData()
        assert bytes(pasted.data("image/png").data()) == image_files[1].read_bytes()
        assert [Path(u.toLocalFile()) for u in pasted.urls()] == [image_files[1]]
    finally:
        # WORKAROUND: the offscreen clipboard keeps its data in a static that is deleted after Python
        # has shut down, and a PySide6-made QMimeData crashes the process there. Upstream: not reported
        # that we found (PySide6 6.11.3); no release is known to fix it.
        clipboard.clear()
