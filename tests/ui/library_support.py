"""Helpers for the library browser tests: a big index filled by SQL, small real libraries of images."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from seedream_desktop.library.index import Library
from seedream_desktop.library.rows import FILE_COLUMNS
from seedream_desktop.ui.library.library_view import LibraryView

FORMATS = ("PNG", "JPEG", "WEBP")


def fill_index(root: Path, count: int) -> None:
    """``count`` rows straight into a fresh index (no files): the model and the view only read rows.

    The Library has no bulk API, and indexing 100,000 real files takes minutes; the rows here have
    what the grid shows (path, size, format, date, marks), spread so filters and sorts have work."""
    with Library.open(root):
        pass
    conn = sqlite3.connect(root / ".seedream" / "index.sqlite3")
    try:
        columns = ", ".join(FILE_COLUMNS)
        marks = ", ".join("?" for _ in FILE_COLUMNS)
        rows = (_row(i) for i in range(count))
        with conn:
            conn.executemany(
                f"INSERT INTO images ({columns}, favourite, rating) VALUES ({marks}, ?, ?)", rows
            )
    finally:
        conn.close()


def _row(i: int) -> tuple[object, ...]:
    fmt = FORMATS[i % 3]
    values = {
        "path": f"{i // 500:03d}/img-{i:06d}.{fmt.lower()}",
        "content_id": f"cid-{i:08d}",
        "file_size": 1000 + i,
        "mtime_ns": 1_700_000_000_000_000_000 + i,
        "width": 2048,
        "height": 2048,
        "format": fmt,
        "created": 1_700_000_000.0 + i * 60,
        "prompt": "",
        "size_key": "2K-1:1",
        "tier": "2K",
        "aspect": "1:1",
        "seed": i,
        "cost": 0.03,
        "task_uuid": None,
        "image_uuid": None,
        "parent_content_id": None,
        "parent_image_uuid": None,
        "has_references": i % 7 == 0,
        "source": "seedream-desktop",
        "model": "bytedance:5@0",
    }
    return (*(values[c] for c in FILE_COLUMNS), int(i % 37 == 0), i % 6)


def shown_view(qtbot, view: LibraryView) -> Iterator[LibraryView]:
    """A library page shown at a desktop size for the test; its loaders stopped after."""
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    yield view
    view.shutdown()
