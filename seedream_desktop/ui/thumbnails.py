"""ThumbnailLoader: thumbnails decoded in a QThreadPool; only QImage crosses back to the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThread, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QImageReader

# Makes (or finds) a cached thumbnail file for an image; None means "decode the original".
ThumbnailFile = Callable[[Path, int], Path | None]


def read_scaled(path: Path, side: int) -> QImage:
    """Decode at (about) the size shown: JPEG decodes at reduced scale, the rest are scaled once."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # EXIF orientation
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > side:
        reader.setScaledSize(size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return image if not image.isNull() else QImage()


class _Signals(QObject):
    # Composition rather than QRunnable+QObject double inheritance (style.md).
    done = Signal(str, QImage)


class _ThumbnailJob(QRunnable):
    def __init__(self, key: str, path: Path, side: int, make_file: ThumbnailFile | None) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the loader keeps it, so a queued job can still be taken back
        self.key, self.path, self.side, self.make_file = key, path, side, make_file
        self.signals = _Signals()

    def run(self) -> None:
        image = QImage()
        try:
            source = self.make_file(self.path, self.side) if self.make_file else None
            image = read_scaled(source or self.path, self.side)
        except Exception:  # a broken file must never take the worker down; it shows as a blank tile
            image = QImage()
        self.signals.done.emit(self.key, image)


class KeyedPool(QObject):
    """Background jobs on a small pool, one per key: a second request for a key already waiting is
    ignored, and requests no longer wanted are taken back before they run (running ones finish)."""

    def __init__(self, threads: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, threads))
        self._pending: dict[str, QRunnable] = {}

    def _start(self, key: str, job: QRunnable) -> None:
        self._pending[key] = job
        self._pool.start(job)

    def retain_only(self, keys: Iterable[str]) -> None:
        """Cancel queued requests whose keys are not in ``keys`` (no longer shown)."""
        wanted = set(keys)
        for key in [k for k in self._pending if k not in wanted]:
            if self._pool.tryTake(self._pending[key]):
                del self._pending[key]

    def pending(self) -> int:
        return len(self._pending)

    def shutdown(self) -> None:
        self._pool.clear()
        self._pool.waitForDone()
        self._pending.clear()


class ThumbnailLoader(KeyedPool):
    """Asks for thumbnails by key; drops requests for tiles that scrolled away before they ran."""

    loaded = Signal(str, QImage)

    def __init__(
        self,
        side: int,
        make_file: ThumbnailFile | None = None,
        threads: int = 2,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(threads, parent)
        self.side = side
        self._make_file = make_file
        # Decoding 4K images must never compete with painting for a core.
        self._pool.setThreadPriority(QThread.Priority.LowPriority)

    def request(self, key: str, path: Path) -> None:
        if key in self._pending:
            return
        job = _ThumbnailJob(key, path, self.side, self._make_file)
        job.signals.done.connect(self._finished)
        self._start(key, job)

    @Slot(str, QImage)
    def _finished(self, key: str, image: QImage) -> None:
        if self._pending.pop(key, None) is not None:
            self.loaded.emit(key, image)
