"""Where the library grid's thumbnails come from: the library's content-keyed cache, made on a worker."""

from __future__ import annotations

from pathlib import Path

from seedream_desktop.library.thumbnails import ThumbnailCache, size_for


class LibraryThumbnailFiles:
    """The ``ThumbnailFile`` callable for ``ThumbnailLoader``: path → cached WebP thumbnail.

    The loader only passes a path; the content identity (the cache's key) is remembered here by the
    GUI thread before the request is queued and read by the worker (a dict lookup is atomic)."""

    def __init__(self, cache: ThumbnailCache) -> None:
        self.cache = cache
        self._content: dict[str, str] = {}

    def remember(self, path: Path, content_id: str) -> None:
        self._content[str(path)] = content_id

    def __call__(self, path: Path, side: int) -> Path | None:
        content_id = self._content.get(str(path))
        if content_id is None:
            return None  # decode the original instead
        return self.cache.get_or_make(path, content_id, size_for(side))
