"""LibrarySync: after the first frame, reconcile the library with its folder, then watch it (off the GUI thread).

It opens the library a second time, with its own SQLite connection: a scan holds its Library's lock
from start to end (seconds at 100,000 files), and the grid's reads must never wait for it. SQLite's
WAL lets the grid read while the scan writes.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from seedream_desktop.library.entry import ScanReport
from seedream_desktop.library.index import Library
from seedream_desktop.library.watch import LibraryWatcher


class LibrarySync(QObject):
    """``changed`` (queued to the GUI thread) whenever a scan or the watcher changed the index."""

    changed = Signal(object)  # ScanReport
    failed = Signal(str)

    def __init__(
        self, root: Path, cache_dir: Path | None, parent: QObject | None = None, *, watch: bool = True
    ) -> None:
        super().__init__(parent)
        self.root = root
        self.cache_dir = cache_dir
        self.library: Library | None = None
        self._watch = watch
        self._watcher: LibraryWatcher | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.scanned = threading.Event()
        self.watching = threading.Event()  # set once the watcher sees the folder

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="library-sync", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            self.library = Library.open(self.root, self.cache_dir, browsing=False)
            report = self.library.scan()
        except Exception as exc:  # an unreadable folder must not take the app down; it is said
            self.failed.emit(str(exc))
            return
        finally:
            self.scanned.set()
        if report.changed:
            self.changed.emit(report)
        if self._watch and not self._stopping.is_set():
            watcher = LibraryWatcher(self.library, self._on_change)
            try:
                watcher.start()
            except OSError as exc:
                self.failed.emit(str(exc))
                return
            self._watcher = watcher
            self.watching.set()

    def _on_change(self, report: ScanReport) -> None:
        self.changed.emit(report)

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        if self.library is not None:
            self.library.close()
            self.library = None
