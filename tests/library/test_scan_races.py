"""Several connections indexing the same folder at once: the job pipeline, the folder sync, a CLI scan."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from seedream_desktop.library import store
from seedream_desktop.library.entry import ScanReport
from seedream_desktop.library.index import Library
from seedream_desktop.library.watch import LibraryWatcher
from tests.library.make_images import save


def _images(root: Path, n: int = 4) -> None:
    for i in range(n):
        save(root / f"{i}.png", f"image {i}", color=(i, 1, 1))


def test_a_file_added_by_another_connection_during_a_scan_is_not_an_error(library_dir: Path) -> None:
    _images(library_dir)
    with Library.open(library_dir) as scanning, Library.open(library_dir, browsing=False) as pipeline:

        def progress(done: int, total: int) -> None:
            if done == 0:  # after the scan read the index, before it writes: the job pipeline saves
                pipeline.add_file(library_dir / "2.png")

        report = scanning.scan(progress)
        assert (report.added, report.unchanged, report.errors) == (3, 1, [])
        assert scanning.count() == 4
        assert scanning._conn.execute("SELECT count(*) FROM prompt_fts").fetchone()[0] == 4


def test_two_scans_of_the_same_folder_at_once(library_dir: Path) -> None:
    _images(library_dir)
    with Library.open(library_dir) as app, Library.open(library_dir, browsing=False) as cli:
        inner: list[ScanReport] = []

        def progress(done: int, total: int) -> None:
            if done == 0:
                inner.append(cli.scan())

        outer = app.scan(progress)
        assert inner[0].added == 4
        assert (outer.added, outer.unchanged, outer.errors) == (0, 4, [])
        assert app.count() == cli.count() == 4


def test_a_file_changed_and_reindexed_by_another_connection_during_a_scan(library_dir: Path) -> None:
    _images(library_dir, 2)
    with Library.open(library_dir) as scanning, Library.open(library_dir, browsing=False) as other:
        scanning.scan()
        save(library_dir / "1.png", "repainted", color=(9, 9, 9))

        def progress(done: int, total: int) -> None:
            if done == 0:  # the other connection drops the row the scan is about to update
                gone = other.by_path(library_dir / "1.png")
                assert gone is not None
                store.delete(other._conn, [gone.id])

        report = scanning.scan(progress)
        assert report.errors == [] and scanning.count() == 2
        entry = scanning.by_path(library_dir / "1.png")
        assert entry is not None and entry.prompt == "repainted"


def test_the_watcher_survives_a_failed_sync(library_dir: Path, expect_log_errors: list) -> None:
    library_dir.mkdir(parents=True)
    errors: list[Exception] = []
    failed = threading.Event()
    changed = threading.Condition()

    def on_error(exc: Exception) -> None:
        errors.append(exc)
        failed.set()

    def on_change(report: ScanReport) -> None:
        with changed:
            changed.notify_all()

    with Library.open(library_dir) as library:
        library.scan()
        # Another program holds the write lock longer than this connection waits: a real failed sync.
        library._conn.execute("PRAGMA busy_timeout = 50")
        blocker = sqlite3.connect(library.index_path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            with LibraryWatcher(library, on_change, quiet=0.05, on_error=on_error) as watcher:
                save(library_dir / "first.png", "while locked", color=(1, 2, 3))
                assert failed.wait(10), "the sync never failed"
                blocker.execute("COMMIT")
                save(library_dir / "second.png", "after the lock", color=(3, 2, 1))
                with changed:
                    found = changed.wait_for(lambda: library.by_path(library_dir / "second.png"), 10)
                assert found, "the watcher stopped after the error"
                assert watcher._worker.is_alive()
        finally:
            blocker.close()
    assert isinstance(errors[0], sqlite3.OperationalError) and "locked" in str(errors[0])
