"""Deleting from the library means the OS trash (send2trash), never an unrecoverable unlink."""

from __future__ import annotations

from collections.abc import Iterable

from send2trash import send2trash
from send2trash.exceptions import TrashPermissionError

from seedream_desktop.library.entry import ImageEntry


def send_to_trash(entries: Iterable[ImageEntry]) -> tuple[list[ImageEntry], OSError | None]:
    """Trash each entry's file. Returns those that left the folder (already-missing ones count) and
    the first error, if any; the caller keeps the others indexed."""
    trashed: list[ImageEntry] = []
    failure: OSError | None = None
    for entry in entries:
        if not entry.path.exists():
            trashed.append(entry)
            continue
        try:
            send2trash(entry.path)
        except (OSError, TrashPermissionError) as exc:
            failure = failure or (exc if isinstance(exc, OSError) else OSError(str(exc)))
            continue
        trashed.append(entry)
    return trashed, failure
