"""The images the emulator serves at /images/<uuid>.<ext>: generated ones by recipe, uploads as bytes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from seedream_desktop.emulator.painter import Painter, Picture

MAX_IMAGES = 20_000
MIME = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp", "bmp": "image/bmp", "gif": "image/gif"}


@dataclass
class StoredImage:
    """One served image. Generated ones keep only their recipe: the painter's cache or a re-paint
    gives identical bytes, so thousands of results cost little memory."""

    image_uuid: str
    extension: str
    picture: Picture | None = None
    data: bytes | None = None
    expires_at: float | None = None  # on the emulator's clock; None never expires

    @property
    def mime(self) -> str:
        return MIME[self.extension]


class Shelf:
    """Thread-safe, bounded (oldest dropped first) store of served images."""

    def __init__(self, painter: Painter, clock: Callable[[], float]) -> None:
        self._painter = painter
        self._clock = clock
        self._lock = threading.Lock()
        self._images: OrderedDict[str, StoredImage] = OrderedDict()

    def put(self, image: StoredImage) -> None:
        with self._lock:
            self._images[image.image_uuid] = image
            while len(self._images) > MAX_IMAGES:
                self._images.popitem(last=False)

    def serve(self, image_uuid: str, extension: str) -> tuple[int, bytes, str]:
        """(HTTP status, bytes, mime): 200; 404 for an unknown image; 410 once its ttl has passed."""
        with self._lock:
            stored = self._images.get(image_uuid)
        if stored is None or stored.extension != extension:
            return 404, b"", ""
        if stored.expires_at is not None and self._clock() >= stored.expires_at:
            return 410, b"", ""
        return 200, self._bytes_of(stored), stored.mime

    def expire(self, image_uuid: str) -> None:
        with self._lock:
            stored = self._images.get(image_uuid)
            if stored is not None:
                stored.expires_at = self._clock() - 1

    def lookup(self, image_uuid: str) -> bytes | None:
        """The bytes of an upload or a generated image, used as a reference (expiry does not matter)."""
        with self._lock:
            stored = self._images.get(image_uuid)
        return self._bytes_of(stored) if stored else None

    def _bytes_of(self, stored: StoredImage) -> bytes:
        if stored.data is not None:
            return stored.data
        assert stored.picture is not None
        return self._painter.paint(stored.picture)
