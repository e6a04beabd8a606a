"""What a drag or a copy of saved images carries to other apps: file URLs, the paths as text, and the
first file's own bytes under its image type (apps that paste pixels, not files, get the image).

A copy reads the bytes at once (the clipboard must hold them); a drag only offers them (``drag_mime``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QUrl

MIME_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}


def _describe(mime: QMimeData, paths: Sequence[Path]) -> None:
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    if paths:
        mime.setText("\n".join(str(p) for p in paths))


def files_mime(paths: Sequence[Path]) -> QMimeData:
    """For the clipboard: the first file's bytes are read now."""
    mime = QMimeData()
    _describe(mime, paths)
    kind = MIME_TYPES.get(paths[0].suffix.lower()) if paths else None
    if kind:
        try:
            # Raw file bytes, not a decoded QImage: no decode on the GUI thread, no re-encode.
            mime.setData(kind, paths[0].read_bytes())
        except OSError:
            pass  # the file went away: the URL still says where it was
    return mime


def drag_mime(paths: Sequence[Path]) -> FilesMime:
    return FilesMime(paths)


class FilesMime(QMimeData):
    """For a drag: the image bytes are only offered, and read when a drop target asks for them. A 4K PNG
    is tens of MB, and reading it at drag start would hold the drag (and the GUI thread) back; file
    managers and most apps take text/uri-list and never ask.

    Never for the clipboard: Qt deletes the clipboard's data after Python has shut down, and a Python
    subclass dies there (a crash on quit).
    """

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__()
        _describe(self, paths)
        self._image: Path | None = None
        self._kind = ""
        self._bytes: QByteArray | None = None
        if paths:
            self._kind = MIME_TYPES.get(paths[0].suffix.lower(), "")
            self._image = paths[0] if self._kind else None

    def was_read(self) -> bool:
        """Whether the image bytes were asked for (and so read from disk)."""
        return self._bytes is not None

    def formats(self) -> list[str]:
        found = list(super().formats())
        return [*found, self._kind] if self._kind and self._kind not in found else found

    def hasFormat(self, mimetype: str) -> bool:
        return (bool(self._kind) and mimetype == self._kind) or super().hasFormat(mimetype)

    def retrieveData(self, mimetype: str, preferredType: Any) -> Any:
        if self._kind and mimetype == self._kind and self._image is not None:
            if self._bytes is None:
                try:
                    # Raw file bytes, not a decoded QImage: no decode, no re-encode.
                    self._bytes = QByteArray(self._image.read_bytes())
                except OSError:
                    self._bytes = QByteArray()  # the file went away: the URL still says where it was
            return self._bytes
        return super().retrieveData(mimetype, preferredType)
