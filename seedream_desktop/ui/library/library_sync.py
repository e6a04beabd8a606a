"""LibrarySync: after the first frame, check and reconcile the library with its folder, then watch it
(off the GUI thread).

It opens the library a second time, with its own SQLite connection: a scan holds its Library's lock
from start to end (seconds at 100,000 files), and the grid's reads must never wait for it. SQLite's
WAL lets the grid read while the scan writes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from seedream_desktop.library.entry import ScanReport
from seedream_desktop.library.index import Library
from seedream_desktop.library.notice import IndexUnavailable, LibraryNotice
from seedream_desktop.library.watch import LibraryWatcher


def translated(notice: LibraryNotice) -> str:
    """A core notice in the interface's language."""
    return QCoreApplication.translate(notice.context, notice.template).format(**notice.params)


class LibrarySync(QObject):
    """``changed`` (queued to the GUI thread) whenever a scan or the watcher changed the index;
    ``damaged`` (a LibraryNotice) when the index was found damaged and set aside (the scan that
    follows rebuilds it); ``failed`` with a sentence for the person when the folder could not be read."""

    changed = Signal(object)  # ScanReport
    damaged = Signal(object)  # LibraryNotice
    failed = Signal(str)

    def __init__(
        self,
        root: Path,
        cache_dir: Path | None,
        parent: QObject | None = None,
        *,
        watch: bool = True,
        sharing: Callable[[], Sequence[Library]] = tuple,
    ) -> None:
        """``sharing()``: this process's other Library objects on the folder (the GUI's, the job
        pipeline's), reconnected to the fresh index when a damaged one is set aside."""
        super().__init__(parent)
        self.root = root
        self.cache_dir = cache_dir
        self.library: Library | None = None
        self._watch = watch
        self._sharing = sharing
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
            self.library = library = Library.open(self.root, self.cache_dir, browsing=False)
            # Damage deeper than the pages opening reads (~0.1 s for 100,000 images, off the GUI thread).
            if not library.verify(self._sharing()):
                self._say_damaged(library)
            report = self._scan(library)
        except Exception as exc:  # an unreadable folder must not take the app down; it is said
            self.failed.emit(self._sentence(exc))
            return
        finally:
            self.scanned.set()
        if report.changed:
            self.changed.emit(report)
        if self._watch and not self._stopping.is_set():
            watcher = LibraryWatcher(library, self._on_change, on_error=self._on_watch_error)
            try:
                watcher.start()
            except OSError as exc:
                self.failed.emit(self.tr("The library folder cannot be watched for changes: {0}").format(exc))
                return
            self._watcher = watcher
            self.watching.set()

    def _scan(self, library: Library) -> ScanReport:
        try:
            return library.scan()
        except Exception as exc:
            if not library.recover(exc, self._sharing()):
                raise
        self._say_damaged(library)
        return library.scan()

    def _say_damaged(self, library: Library) -> None:
        if library.notice is not None:
            self.damaged.emit(library.notice)

    def _sentence(self, exc: Exception) -> str:
        if isinstance(exc, IndexUnavailable):
            return translated(exc.notice)
        return self.tr("The library folder could not be read: {0}").format(exc)

    def _on_change(self, report: ScanReport) -> None:
        self.changed.emit(report)

    def _on_watch_error(self, exc: Exception) -> None:
        library = self.library
        try:
            if library is not None and library.recover(exc, self._sharing()):
                self._say_damaged(library)
                self._on_change(library.scan())
                return
        except Exception as again:  # on the watcher's thread: said, never raised
            exc = again
        self.failed.emit(self._sentence(exc))

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
