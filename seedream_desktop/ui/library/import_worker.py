"""LibraryImport: files dropped from the file manager, copied (or linked) and indexed on a worker thread.

A dropped folder can hold thousands of 4K images: copying and reading them takes seconds to minutes,
and the window must stay live meanwhile. The worker opens the library a second time (its own SQLite
connection, as LibrarySync does), so the grid's reads never wait for the import's writes; only paths,
strings and counts cross between the threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from seedream_desktop.library.index import Library
from seedream_desktop.ui.library import importer
from seedream_desktop.ui.library.importer import ImportMode, ImportResult, image_files

# Asks copy-or-keep for files dropped from outside: (number of images) → the choice, None to cancel.
AskImportMode = Callable[[int], ImportMode | None]

PROGRESS_STEPS = 100  # at most this many progress reports per import, however many files


class _Signals(QObject):
    # Composition rather than QRunnable+QObject double inheritance (style.md).
    progressed = Signal(int, int)  # files placed so far, files found
    finished = Signal(object)  # ImportResult


class _Stopped(Exception):
    """The app is closing: stop between two files (those copied are indexed by the next scan)."""


class _ImportJob(QRunnable):
    def __init__(
        self, root: Path, cache_dir: Path | None, found: list[tuple[Path, Path]], mode: ImportMode
    ) -> None:
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
    """Asks copy-or-keep, then imports on a worker, one drop after another; says how it went."""

    finished = Signal(object)  # ImportResult, once the files are in the index
    message = Signal(str)  # progress and the outcome, for the status bar

    def __init__(self, library: Library, ask_mode: AskImportMode, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.ask_mode = ask_mode
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # two drops at once are imported in turn, never interleaved
        self._running: list[_ImportJob] = []

    def import_paths(self, paths: list[Path]) -> bool:
        """False when nothing was started (no images, or the question was cancelled)."""
        found = image_files(paths)  # a walk of names only: quick even for a big folder
        if not found:
            self.message.emit(self.tr("No images (PNG, JPEG, WebP) in what was dropped."))
            return False
        outside = [p for p, _ in found if self.library.relative(p) is None]
        mode = self.ask_mode(len(outside)) if outside else ImportMode.KEEP
        if mode is None:
            return False
        self.message.emit(self.tr("Adding %n image(s) to the library…", "", len(found)))
        job = _ImportJob(self.library.root, self.library.cache_dir, found, mode)  # not walked again
        job.signals.progressed.connect(self._progressed)
        job.signals.finished.connect(self._finished)
        self._running.append(job)
        self._pool.start(job)
        return True

    def busy(self) -> bool:
        return bool(self._running)

    def shutdown(self) -> None:
        """Before the library closes: imports not started are dropped, a running one stops after the
        file it is copying (so quitting never waits for a whole folder)."""
        for job in list(self._running):
            job.stopping.set()
            if self._pool.tryTake(job):
                self._running.remove(job)
        self._pool.waitForDone()
        self._running.clear()  # a stopped job sends no result

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
