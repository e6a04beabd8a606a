"""How the viewer gets pixels fast: the cached thumbnail at once, then the full image from a worker.

Opening a 4K PNG costs ~200 ms of decoding before anything could be drawn, more under load. The grid
already made a 512 px thumbnail of the same content (library/thumbnails.py), so the viewer reads that
small file on the GUI thread (a few ms) and shows it scaled to fit while the worker decodes the original.
A JPEG is first decoded at about the screen's size (Pillow's ``draft``: 1/2, 1/4 or 1/8 scale in the
decoder itself), then at full size for zooming in.

The worker hands over a QImage laid over Pillow's own bytes (``tobytes("raw", "BGRX")`` is the byte
order of QImage.Format_RGB32 on every little-endian machine and of the raster pixmap), so QPixmap.fromImage
on the GUI thread shares the buffer instead of converting 33 MB; the bytes travel with it (``Decoded.data``)
and must live as long as the pixmap does.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Signal, Slot
from PySide6.QtGui import QImage, QImageReader

from seedream_desktop.ui.thumbnails import KeyedPool

PREVIEW, SCREEN, FULL = "preview", "screen", "full"
_LITTLE = sys.byteorder == "little"


@dataclass(frozen=True)
class Decoded:
    key: str
    stage: str  # PREVIEW (the cached thumbnail), SCREEN (a JPEG at about screen size) or FULL
    image: QImage  # null: the file cannot be shown
    data: bytes | None = None  # the pixels the image is laid over (None: the image owns its own)


def read_preview(thumbnail: Path) -> QImage:
    """The cached thumbnail file, decoded here (a 512 px WebP: a few ms); null when unreadable."""
    reader = QImageReader(str(thumbnail))
    image = reader.read()
    return image if not image.isNull() else QImage()


def shown_size(path: Path) -> QSize:
    """The original's size upright (EXIF rotation applied), from its header only."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and reader.transformation().value & 4:  # Rotate90 bit: the sides swap
        size = size.transposed()
    return size


def to_qimage(image: object) -> tuple[QImage, bytes | None]:
    """A Pillow image as a QImage over one packed copy of its pixels (no second copy in Qt)."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    alpha = "A" in image.getbands() or "transparency" in image.info
    wanted = "RGBA" if alpha else "RGB"
    if image.mode != wanted:
        image = image.convert(wanted)
    if not _LITTLE:  # big-endian: Qt's byte-ordered formats (fromImage converts these once)
        data = image.tobytes("raw", "RGBA" if alpha else "RGBX")
        fmt = QImage.Format.Format_RGBA8888 if alpha else QImage.Format.Format_RGBX8888
    else:
        data = image.tobytes("raw", "BGRA" if alpha else "BGRX")
        fmt = QImage.Format.Format_ARGB32 if alpha else QImage.Format.Format_RGB32
    width, height = image.size
    return QImage(data, width, height, width * 4, fmt), data


def _upright(image: object) -> object:
    """Turned as its EXIF orientation says; untouched (no copy) when it says nothing."""
    from PIL import Image

    from seedream_desktop.library.thumbnails import transpose_for

    assert isinstance(image, Image.Image)
    turn = transpose_for(image)
    return image.transpose(turn) if turn is not None else image


class _Signals(QObject):
    done = Signal(object)  # Decoded


class _DecodeJob(QRunnable):
    def __init__(self, key: str, path: Path, screen: QSize) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.key, self.path, self.screen = key, path, screen
        self.signals = _Signals()

    def run(self) -> None:
        from seedream_desktop.library.pictures import open_picture

        try:
            with open_picture(self.path) as opened:
                big = opened.width > self.screen.width() or opened.height > self.screen.height()
                if opened.format == "JPEG" and big and self.screen.isValid():
                    opened.draft("RGB", (self.screen.width(), self.screen.height()))
                    image, data = to_qimage(_upright(opened))
                    self.signals.done.emit(Decoded(self.key, SCREEN, image, data))
            with open_picture(self.path) as opened:
                image, data = to_qimage(_upright(opened))
            self.signals.done.emit(Decoded(self.key, FULL, image, data))
        except Exception:  # missing, damaged, too large: the viewer says so instead of the image
            self.signals.done.emit(Decoded(self.key, FULL, QImage()))


class ViewerDecoder(KeyedPool):
    """Full-size decodes on a small pool; a request for an image no longer shown is taken back."""

    loaded = Signal(object)  # Decoded, on the GUI thread

    def __init__(self, threads: int = 2, parent: QObject | None = None) -> None:
        # Not low priority (unlike the grid's thumbnails): the person is waiting for this one image.
        super().__init__(threads, parent)

    def request(self, key: str, path: Path, screen: QSize) -> None:
        if key in self._pending:
            return
        job = _DecodeJob(key, path, screen)
        job.signals.done.connect(self._finished)
        self._start(key, job)

    @Slot(object)
    def _finished(self, decoded: Decoded) -> None:
        if decoded.stage == FULL and self._pending.pop(decoded.key, None) is None:
            return
        if decoded.stage != FULL and decoded.key not in self._pending:
            return
        self.loaded.emit(decoded)
