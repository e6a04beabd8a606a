"""Where the result grid's thumbnails come from: the library's content-keyed cache, not the 4K original.

A fresh result is decoded once, into the same WebP the library page and the next session show; every
later look at it (scrolling back, a restart, the library) reads a 512 px file instead of decoding 27 MB.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seedream_desktop.library.thumbnails import ThumbnailCache


class ResultThumbnailFiles:
    """The ``ThumbnailFile`` callable for the result grid's ``ThumbnailLoader``; runs on its workers.

    Keyed by the content identity the library index uses (``quick_id``), so both views share one file.
    Pillow and the cache are imported on the first call, on a worker: the first frame never waits for them.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._cache: ThumbnailCache | None = None
        self._lock = threading.Lock()

    def _shared(self) -> ThumbnailCache:
        from seedream_desktop.library.thumbnails import ThumbnailCache

        with self._lock:
            if self._cache is None:  # the library page's own: one size count for the folder
                self._cache = ThumbnailCache.shared(self.folder)
            return self._cache

    def cached(self, path: Path) -> Path | None:
        """The largest thumbnail of ``path`` already made (the viewer's first picture); makes none."""
        from seedream_desktop.library.identity import quick_id
        from seedream_desktop.library.thumbnails import SIZES

        try:
            content_id = quick_id(path)
        except OSError:
            return None
        cache = self._shared()
        return next((f for f in (cache.get(content_id, s) for s in reversed(SIZES)) if f), None)

    def __call__(self, path: Path, side: int) -> Path | None:
        from seedream_desktop.library.identity import quick_id
        from seedream_desktop.library.thumbnails import size_for

        cache = self._shared()
        try:
            return cache.get_or_make(path, quick_id(path), size_for(side))
        except OSError:
            # Unreadable, or the cache's disk is full: the loader decodes the original itself (and a
            # file that is really gone shows as a blank tile).
            return None
