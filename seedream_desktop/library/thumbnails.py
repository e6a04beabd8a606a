"""The thumbnail cache: WebP at 256 and 512 px, keyed by content identity, size-capped, no Qt.

Keyed by content (not path), a thumbnail survives moves and renames and is shared by copies. Files
are renamed into place, so a reader never sees half a thumbnail; they are not fsynced, because a
cache entry lost in a power cut is simply made again. Least recently used entries go first when the
folder passes its cap (use is recorded in the file's mtime, as atime is often disabled).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from seedream_desktop.atomic import follow_umask
from seedream_desktop.library.pictures import PictureTooLarge, open_picture

log = logging.getLogger(__name__)

SIZES: tuple[int, ...] = (256, 512)
_shared: dict[tuple[Path, int], ThumbnailCache] = {}
_shared_lock = threading.Lock()
QUALITY = 80
TOUCH_AFTER = 3600.0  # seconds: refreshing "last used" on every paint would be a write per hit
PLACEHOLDER_GREY = (128, 128, 128)
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_ORIENTATION = 0x0112


def size_for(side: int) -> int:
    """The stored size that serves a tile of ``side`` px: the smallest at least that big, else the largest."""
    return next((size for size in SIZES if size >= side), SIZES[-1])


def render(source: Path, size: int) -> bytes:
    """A WebP thumbnail whose longer side is ``size`` px (never enlarged), upright per EXIF; raises
    PictureTooLarge above the pixel limits of pictures.py (and Pillow's warnings never reach stderr).

    ``thumbnail(reducing_gap=…)`` first shrinks cheaply: JPEG decodes at 1/2, 1/4 or 1/8 scale
    (``draft``), other formats ``reduce()`` by an integer factor, before the final resampling."""
    with open_picture(source) as opened:
        orientation = _orientation(opened)
        opened.thumbnail((size, size), Image.Resampling.BICUBIC, reducing_gap=2.0)
        image: Image.Image = opened
        if image.mode not in ("RGB", "RGBA"):
            alpha = "A" in image.getbands() or "transparency" in image.info
            image = image.convert("RGBA" if alpha else "RGB")
        if orientation in _TRANSPOSE:
            image = image.transpose(_TRANSPOSE[orientation])
        out = io.BytesIO()
        image.save(out, "WEBP", quality=QUALITY, method=0)
        return out.getvalue()


def transpose_for(image: Image.Image) -> Image.Transpose | None:
    """The turn that makes ``image`` upright per its EXIF orientation (None: already upright)."""
    return _TRANSPOSE.get(_orientation(image))


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(_ORIENTATION, 1))
    except Exception:  # damaged EXIF (Pillow raises a variety): drawn as stored, like any viewer does
        return 1


class ThumbnailCache:
    """Thumbnails in ``folder``; ``get_or_make`` may be called from many threads at once."""

    def __init__(self, folder: Path, max_bytes: int = 512 * 1024 * 1024) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._total: int | None = None  # bytes in the cache; counted on first write

    def path_for(self, content_id: str, size: int) -> Path:
        safe = content_id.replace("/", "_").replace("\\", "_")
        return self.folder / str(size) / safe[:2] / f"{safe}.webp"

    def get(self, content_id: str, size: int) -> Path | None:
        """The cached thumbnail, if there is one (and mark it as used)."""
        path = self.path_for(content_id, size)
        try:
            st = path.stat()
        except OSError:
            return None
        now = time.time()
        if now - st.st_mtime > TOUCH_AFTER:
            with contextlib.suppress(OSError):
                os.utime(path, (now, now))
        return path

    def get_or_make(self, source: Path, content_id: str, size: int = 256) -> Path:
        """The thumbnail of ``source``; made now if missing. A broken file gets the placeholder."""
        if size not in SIZES:
            raise ValueError(f"thumbnail sizes are {SIZES}")
        cached = self.get(content_id, size)
        if cached is not None:
            return cached
        try:
            data = render(source, size)
        except PictureTooLarge as exc:
            log.info("%s", exc)  # the person sees a grey tile; the log says why
            return self.placeholder(size)
        except Exception:
            # Truncated, unreadable, not an image, or gone: whatever Pillow raises, the grid shows
            # a placeholder and carries on.
            return self.placeholder(size)
        path = self.path_for(content_id, size)
        self._store(path, data)
        return path

    def make_all(
        self, items: Iterable[tuple[Path, str]], size: int = 256, workers: int | None = None
    ) -> list[Path]:
        """Thumbnails for many ``(source, content_id)`` pairs, in a thread pool (Pillow decodes,
        resizes and encodes without holding the GIL, so threads use every core)."""
        with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
            return list(pool.map(lambda item: self.get_or_make(item[0], item[1], size), items))

    def placeholder(self, size: int) -> Path:
        path = self.folder / f"placeholder-{size}.webp"
        if not path.exists():
            out = io.BytesIO()
            Image.new("RGB", (size, size), PLACEHOLDER_GREY).save(out, "WEBP", quality=QUALITY)
            self._write(path, out.getvalue())
        return path

    def close(self) -> None:
        """Nothing to release today; present so owners can treat the cache like other resources."""

    @classmethod
    def shared(cls, folder: Path, max_bytes: int = 512 * 1024 * 1024) -> ThumbnailCache:
        """The one cache of ``folder`` in this process: its size count sees every writer's thumbnails
        (two instances on one folder would each miss the other's, and let it grow past the cap)."""
        key = (Path(folder).absolute(), max_bytes)
        with _shared_lock:
            cache = _shared.get(key)
            if cache is None:
                cache = _shared[key] = cls(folder, max_bytes)
            return cache

    # ---- storage ----------------------------------------------------------------------------------
    def _write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".partial-", suffix=".webp", dir=path.parent)
        try:
            follow_umask(fd)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    def _store(self, path: Path, data: bytes) -> None:
        self._write(path, data)
        with self._lock:
            if self._total is None:
                self._total = self._measure()
            else:
                self._total += len(data)
            over = self._total > self.max_bytes
        if over:
            self._evict()

    def _entries(self) -> list[tuple[float, int, str]]:
        found: list[tuple[float, int, str]] = []
        for size in SIZES:
            for dirpath, _, names in os.walk(self.folder / str(size)):
                for name in names:
                    full = os.path.join(dirpath, name)  # noqa: PTH118 — os.walk gives strings
                    with contextlib.suppress(OSError):
                        st = os.stat(full)  # noqa: PTH116
                        found.append((st.st_mtime, st.st_size, full))
        return found

    def _measure(self) -> int:
        return sum(size for _, size, _ in self._entries())

    def _evict(self) -> None:
        """Delete least recently used thumbnails until the cache is at 90% of its cap."""
        with self._lock:
            entries = sorted(self._entries())
            total = sum(size for _, size, _ in entries)
            target = int(self.max_bytes * 0.9)
            for _, size, full in entries:
                if total <= target:
                    break
                with contextlib.suppress(OSError):
                    os.unlink(full)
                    total -= size
            self._total = total
