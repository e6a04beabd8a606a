"""The library grid itself over a 100,000-image index: scrolled to the end it shows the right rows, and
the thumbnail queue holds only what is on screen (requests for tiles scrolled away are dropped)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRunnable, QSemaphore

from seedream_desktop.library.index import Library
from seedream_desktop.ui.library.library_model import MAX_PAGES
from seedream_desktop.ui.library.library_view import LibraryView
from tests.ui.library_support import FORMATS, fill_index, shown_view

# WORKAROUND: the offscreen platform warns on every top-level size-hint change. Upstream: by design, not a
# bug (QPlatformWindow::propagateSizeHints warns unless a platform overrides it; offscreen does not), no fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BIG = 100_000


def name_at(row: int) -> str:
    """fill_index's file shown at ``row``, newest first (its rows are made one minute apart)."""
    i = BIG - 1 - row
    return f"img-{i:06d}.{FORMATS[i % 3].lower()}"


@pytest.fixture(scope="module")
def big_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big-grid") / "library"
    fill_index(root, BIG)  # rows only: the files do not exist, their tiles show names
    return root


@pytest.fixture
def view(qtbot, big_root: Path, tmp_path: Path) -> Iterator[LibraryView]:
    with Library.open(big_root, tmp_path / "thumbs") as library:
        yield from shown_view(qtbot, LibraryView(library))


class Busy(QRunnable):
    """Holds a thumbnail worker, so the requests made meanwhile stay queued where the test sees them."""

    def __init__(self, started: QSemaphore, gate: QSemaphore) -> None:
        super().__init__()
        self.started, self.gate = started, gate

    def run(self) -> None:
        self.started.release()
        self.gate.acquire()


def test_scrolled_to_the_end_shows_the_last_rows_and_keeps_the_queue_bounded(
    qtbot, view: LibraryView
) -> None:
    grid, loader, model = view.grid, view.grid_loader, view.model
    assert model.rowCount() == BIG and view.count_label.text().startswith("100000 image")
    first = grid.visible_rows()
    assert first.start == 0 and 0 < len(first) < 200
    assert [model.entry(r).path.name for r in first[:3]] == [name_at(0), name_at(1), name_at(2)]  # type: ignore[union-attr]

    pool = loader._pool  # every decoding thread held: requests queue up instead of running
    started, gate = QSemaphore(0), QSemaphore(0)
    threads = pool.maxThreadCount()
    for _ in range(threads):
        pool.start(Busy(started, gate))
    try:
        qtbot.waitUntil(lambda: started.available() == threads, timeout=5000)
        bar = grid.verticalScrollBar()
        seen: set[str] = set()
        for step in range(1, 11):  # a fast drag down through the library, a screen at a time
            if step == 10:
                grid.scrollToBottom()
            else:
                bar.setValue(bar.maximum() * step // 10)
            grid.viewport().repaint()  # tiles painted without a thumbnail ask for one
            seen |= grid.visible_keys()
        # The grid lays 100,000 tiles out in batches after the first paint: the end is reached once
        # the layout has got there.
        last = BIG - 1

        def at_the_end() -> bool:
            grid.scrollToBottom()
            return last in grid.visible_rows()

        qtbot.waitUntil(at_the_end, timeout=8000)
        grid.viewport().repaint()
        rows = grid.visible_rows()
        assert rows.stop == BIG and len(rows) < 200
        assert [model.entry(r).path.name for r in rows[-3:]] == [name_at(r) for r in rows[-3:]]  # type: ignore[union-attr]
        assert model.entry(last).path.name == "img-000000.png"  # type: ignore[union-attr]
        corner = grid.visualRect(model.index(last)).center()
        assert grid.indexAt(corner).row() == last  # the tile drawn there is the last image
        assert grid.indexAt(QPoint(corner.x(), corner.y() + grid.gridSize().height())).row() == -1
        assert len(seen) > 2 * len(rows)  # the drag asked for far more than one screen…
        grid.drop_stale_requests()
        wanted = grid.visible_keys()
        # …and only the tiles on screen are still queued: the rest were taken back unrun.
        assert 0 < loader.pending() <= len(wanted)
        assert set(loader._pending) <= wanted
        assert model.loaded_pages() <= MAX_PAGES  # rows read on the way are let go too
    finally:
        gate.release(threads)
    pool.waitForDone()
