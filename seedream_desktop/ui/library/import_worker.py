"""LibraryImport: files dropped from the file manager, found, copied (or linked) and indexed on a worker.

A dropped folder can hold thousands of 4K images, on a network share as easily as on this disk: even
listing it can take seconds, copying and reading minutes, and the window must stay live meanwhile. The
worker walks the drop once, the GUI thread asks copy-or-keep with its count, then the worker imports
exactly what was counted. It opens the library a second time (its own SQLite connection, as LibrarySync
does), so the grid's reads never wait for the import's writes; only paths, strings and counts cross
between the threads.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from seedream_desktop.library.index import Library
from seedream_desktop.ui.library import importer
from seedream_desktop.ui.library.importer import ImportMode, ImportResult, image_files

# Asks copy-or-keep for files dropped from outside: (number of images) → the choice, None to cancel.
AskImportMode = Callable[[int], ImportMode | None]

PROGRESS_STEPS = 100  # at most this many progress reports per import, however many files
log = logging.getLogger(__name__)


Found = list[tuple[Path, Path]]  # (file, path relative to what was dropped), as importer.image_files


class _Signals(QObject):
    # Composition rather than QRunnable+QObject double inheritance (style.md).
    progressed = Signal(int, int)  # files placed so far, files found
    finished = Signal(object)  # ImportResult
    found = Signal(object, int)  # Found, how many of them lie outside the library


class _FindJob(QRunnable):
    """The walk of a drop: names and stats only, but a big folder or a network share takes a while."""

    def __init__(self, library: Library, paths: list[Path]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # LibraryImport keeps it until its answer has arrived
        self.library, self.paths = library, paths
        self.signals = _Signals()
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            found = image_files(self.paths, keep_going=lambda: not self.stopping.is_set())
            outside = sum(1 for path, _ in found if not importer.inside(self.library, path))
        except Exception:  # whatever the folder holds, the drop must get an answer (else "busy" forever)
            log.exception("walking a drop failed")
            found, outside = [], 0  # said as "no images", like an empty drop
        if not self.stopping.is_set():
            self.signals.found.emit(found, outside)


class _Stopped(Exception):
    """The app is closing: stop between two files (those copied are indexed by the next scan)."""


class _ImportJob(QRunnable):
    def __init__(self, root: Path, cache_dir: Path | None, found: Found, mode: ImportMode) -> None:
        super().__init__()
        self.setAutoDelete(False)  # LibraryImport keeps it until its result has arrived
        self.root, self.cache_dir, self.found, self.mode = root, cache_dir, found, mode
        self.signals = _Signals()
        self.stopping = threading.Event()

    def _progress(self, done: int, total: int) -> None:
        if self.stopping.is_set():
            raise _Stopped
        if done == total or done % max(1, total // PROGRESS_STEPS) == 0:
            self.signals.progressed.emit(done, total)

    def run(self) -> None:
        try:
            with Library.open(self.root, self.cache_dir, browsing=False) as library:
                result = importer.import_found(library, self.found, self.mode, progress=self._progress)
        except _Stopped:
            return
        except Exception as exc:  # an unreadable folder or index must not take the app down; it is said
            result = ImportResult(failed=[(path, str(exc)) for path, _ in self.found])
        self.signals.finished.emit(result)


class LibraryImport(QObject):
    """Finds a drop's images, asks copy-or-keep, imports them on a worker, one drop after another
    (drops are asked about and imported in the order they were made); says how it went."""

    finished = Signal(object)  # ImportResult, once the files are in the index
    message = Signal(str)  # progress and the outcome, for the status bar

    def __init__(self, library: Library, ask_mode: AskImportMode, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.ask_mode = ask_mode
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # two drops at once are imported in turn, never interleaved
        # Walks have their own thread: a drop made during a long import is asked about at once.
        self._walks = QThreadPool(self)
        self._walks.setMaxThreadCount(1)
        self._running: list[_ImportJob] = []
        self._finding: list[_FindJob] = []
        self._waiting: deque[tuple[Found, int]] = deque()  # found, waiting for their question
        self._asking = False
        self._closed = False

    def import_paths(self, paths: list[Path]) -> None:
        """Look for images on the worker; then ask, import, and say how it went (``message``,
        ``finished``). Nothing is said into ``finished`` for a drop without images or a cancelled question."""
        self.message.emit(self.tr("Looking for images in what was dropped…"))
        job = _FindJob(self.library, list(paths))
        job.signals.found.connect(self._found)
        self._finding.append(job)
        self._walks.start(job)

    def busy(self) -> bool:
        return bool(self._running or self._finding or self._waiting or self._asking)

    @Slot(object, int)
    def _found(self, found: Found, outside: int) -> None:
        sender = self.sender()
        self._finding = [job for job in self._finding if job.signals is not sender]
        if self._closed:
            return  # the library closed while this drop was walked: nothing to ask about
        self._waiting.append((found, outside))
        if not self._asking:  # else the question open now takes this one next, in the order dropped
            self._ask_in_turn()

    def _ask_in_turn(self) -> None:
        while self._waiting:
            found, outside = self._waiting.popleft()
            if not found:
                self.message.emit(self.tr("No images (PNG, JPEG, WebP) in what was dropped."))
                continue
            self._asking = True
            try:  # a modal question runs an event loop: later drops queue up meanwhile
                mode = self.ask_mode(outside) if outside else ImportMode.KEEP
            finally:
                self._asking = False
            if self._closed:
                return  # the library closed while the question was open
            if mode is None:
                self.message.emit(self.tr("Nothing was added to the library."))
                continue
            self.message.emit(self.tr("Adding %n image(s) to the library…", "", len(found)))
            job = _ImportJob(self.library.root, self.library.cache_dir, found, mode)  # not walked again
            job.signals.progressed.connect(self._progressed)
            job.signals.finished.connect(self._finished)
            self._running.append(job)
            self._pool.start(job)

    def shutdown(self) -> None:
        """Before the library closes: imports not started are dropped, a running one stops after the
        file it is copying (so quitting never waits for a whole folder)."""
        self._closed = True
        for job in list(self._running):
            job.stopping.set()
            if self._pool.tryTake(job):
                self._running.remove(job)
        for finding in list(self._finding):
            finding.stopping.set()  # a walk under way ends at its next folder
            self._walks.tryTake(finding)
        self._walks.waitForDone()
        self._pool.waitForDone()
        self._running.clear()  # a stopped job sends no result
        self._finding.clear()  # nor is a walk's answer asked about any more
        self._waiting.clear()

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if done < total:
            self.message.emit(self.tr("Adding images to the library: {0} of {1}…").format(done, total))

    @Slot(object)
    def _finished(self, result: ImportResult) -> None:
        sender = self.sender()
        self._running = [job for job in self._running if job.signals is not sender]
        self.finished.emit(result)
        text = self.tr("Added %n image(s) to the library.", "", len(result.placed))
        if result.failed:
            names = ", ".join(path.name for path, _ in result.failed[:3])
            names += "…" if len(result.failed) > 3 else ""
            failed = self.tr("%n image(s) could not be added: {0} ({1})", "", len(result.failed))
            text += " " + failed.format(names, result.failed[0][1])
        self.message.emit(text)
