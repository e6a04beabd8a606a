"""Watching the library folder while the app runs: file events batched, then one incremental sync."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from seedream_desktop.library.entry import ScanReport

if TYPE_CHECKING:
    from seedream_desktop.library.index import Library

log = logging.getLogger(__name__)

# Opening and reading a file changes nothing the index cares about.
_IGNORED_EVENTS = frozenset({"opened", "closed_no_write"})


class LibraryWatcher:
    """Calls ``library.sync_paths`` for files created, changed, moved or deleted under the library,
    once the folder has been quiet for ``quiet`` seconds (at most ``longest`` after the first event),
    then ``on_change(report)`` if anything changed. Runs on its own threads; ``on_change`` is called
    from the watcher thread (a GUI hands it to its own thread with a queued signal).

    A sync that fails (the index locked for too long, a disk error) is logged and passed to
    ``on_error``; watching goes on, and the next scan picks up what that sync missed."""

    def __init__(
        self,
        library: Library,
        on_change: Callable[[ScanReport], None] | None = None,
        quiet: float = 0.3,
        longest: float = 3.0,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self.library = library
        self.on_change = on_change
        self.on_error = on_error
        self.quiet = quiet
        self.longest = longest
        self._pending: set[Path] = set()
        self._last_event = 0.0
        self._wake = threading.Condition()
        self._stopping = False
        self._observer = Observer()
        self._worker = threading.Thread(target=self._run, name="library-watcher", daemon=True)
        self._handler = _Handler(self)

    def start(self) -> None:
        self._observer.schedule(self._handler, str(self.library.root), recursive=True)
        self._observer.start()
        self._worker.start()

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join()
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        if self._worker.is_alive():
            self._worker.join()

    def __enter__(self) -> LibraryWatcher:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _noticed(self, paths: list[Path]) -> None:
        with self._wake:
            self._pending.update(paths)
            self._last_event = time.monotonic()
            self._wake.notify_all()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._pending and not self._stopping:
                    self._wake.wait()
                if self._stopping:
                    return
                first = time.monotonic()
                # Debounce: a copy of 500 files arrives as 1,000+ events; one sync handles them all.
                while not self._stopping:
                    now = time.monotonic()
                    remaining = min(self._last_event + self.quiet, first + self.longest) - now
                    if remaining <= 0:
                        break
                    self._wake.wait(remaining)
                if self._stopping:
                    return
                batch, self._pending = self._pending, set()
            try:
                report = self.library.sync_paths(sorted(batch))
                if report.changed and self.on_change is not None:
                    self.on_change(report)
            except Exception as exc:  # one failed sync must not end the watching
                log.exception("The library folder sync of %d paths failed", len(batch))
                if self.on_error is not None:
                    self.on_error(exc)


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: LibraryWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _IGNORED_EVENTS:
            return
        paths = [Path(str(event.src_path))]
        if getattr(event, "dest_path", ""):
            paths.append(Path(str(event.dest_path)))
        root = self.watcher.library.root
        kept = []
        for path in paths:
            try:
                parts = path.relative_to(root).parts
            except ValueError:
                continue
            # Our own index and journal, hidden folders and atomic-write temp files are not images.
            if parts and not any(part.startswith(".") for part in parts):
                kept.append(path)
        if kept:
            self.watcher._noticed(kept)
