"""Normalises reference images off the GUI thread and hands back a thumbnail QImage (never a QPixmap)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader

from seedream_desktop.api.errors import SeedreamError
from seedream_desktop.atomic import atomic_write

THUMBNAIL = QSize(160, 160)


class _LoadSignals(QObject):
    """Signals live in a plain QObject on the GUI thread: a QRunnable is no QObject and has none itself."""

    loaded = Signal(int, str, str, QImage)  # token, source (a file path), sha256, thumbnail
    failed = Signal(int, str, object)  # token, file name, the error (SeedreamError or OSError)


class _LoadJob(QRunnable):
    """One reference to normalise. The pool owns and deletes it; it reports through the loader's
    long-lived signals object, so nothing living on the GUI thread is ever deleted on a worker."""

    def __init__(
        self, token: int, source: str | None, data: bytes | QImage | None, cache: Path, signals: _LoadSignals
    ) -> None:
        super().__init__()
        self.token = token
        self.source = source
        self.data = data
        self.cache = cache
        self.signals = signals

    def run(self) -> None:
        name = Path(self.source).name if self.source else "pasted image"
        try:
            path = self.source or str(self._save_data())
            name = Path(path).name
            # Imported here: the client side owns the rules (size limits, bombs, colour modes).
            from seedream_desktop.api.references import prepare_reference

            prepared = prepare_reference(Path(path))
            thumb = _thumbnail(prepared.data)
            self.signals.loaded.emit(self.token, path, prepared.sha256, thumb)
        except SeedreamError as exc:
            self.signals.failed.emit(self.token, name, exc)
        except Exception as exc:  # a worker must always report back, or the tray waits forever
            self.signals.failed.emit(self.token, name, exc)

    def _save_data(self) -> Path:
        """Raw image data (from a browser or the clipboard) becomes a PNG file in the cache."""
        from seedream_desktop.api.references import (
            MAX_DECODE_PIXELS,
            MAX_FILE_BYTES,
            TOO_MANY_PIXELS,
            UnusableImage,
            prepare_bytes,
        )

        if isinstance(self.data, QImage):
            if self.data.width() * self.data.height() > MAX_DECODE_PIXELS:  # refused before encoding it
                raise UnusableImage(Path("pasted image"), TOO_MANY_PIXELS)
            array = QByteArray()
            buffer = QBuffer(array)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            if not self.data.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stub wants bytes, PySide takes str
                raise ValueError("the pasted image could not be encoded")
            buffer.close()
            raw = bytes(array.data())
        else:
            raw = bytes(self.data or b"")
        if not raw or len(raw) > MAX_FILE_BYTES:
            prepare_bytes(raw, Path("pasted image"))  # refuses it by its size, before it reaches the disk
        import hashlib  # ~3 ms at import; this module is imported before the first frame

        path = self.cache / f"{hashlib.sha256(raw).hexdigest()[:24]}.png"
        if not path.exists():
            atomic_write(path, raw)
        return path


def _thumbnail(data: bytes) -> QImage:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # EXIF orientation, in case the prepared bytes still carry it
    size = reader.size()
    if size.isValid() and (size.width() > THUMBNAIL.width() or size.height() > THUMBNAIL.height()):
        reader.setScaledSize(size.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    buffer.close()
    return image


class ReferenceLoader(QObject):
    """Runs load jobs on its own small pool. The pool is the first child, so deleting the tray deletes
    the pool first, which waits for running jobs before the signals object goes."""

    loaded = Signal(int, str, str, QImage)
    failed = Signal(int, str, object)
    idle = Signal()

    def __init__(self, cache: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache = cache
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._signals = _LoadSignals(self)
        self._signals.loaded.connect(self._on_loaded)
        self._signals.failed.connect(self._on_failed)
        self._pending: set[int] = set()

    def load_file(self, token: int, path: str) -> None:
        self._start(_LoadJob(token, path, None, self.cache, self._signals))

    def load_data(self, token: int, data: bytes | QImage) -> None:
        self._start(_LoadJob(token, None, data, self.cache, self._signals))

    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Drop the loads not started, wait for the running ones: a worker still decoding when the
        application is torn down at exit would read from image plugins already unloaded (a crash)."""
        self.pool.clear()
        self.pool.waitForDone()
        self._pending.clear()

    def _start(self, job: _LoadJob) -> None:
        self._pending.add(job.token)
        self.pool.start(job)

    def _on_loaded(self, token: int, source: str, sha256: str, thumb: QImage) -> None:
        self._pending.discard(token)
        self.loaded.emit(token, source, sha256, thumb)
        self._maybe_idle()

    def _on_failed(self, token: int, name: str, error: object) -> None:
        self._pending.discard(token)
        self.failed.emit(token, name, error)
        self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._pending:
            self.idle.emit()
