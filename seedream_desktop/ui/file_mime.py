"""What a drag or a copy of saved images carries to other apps: file URLs, the paths as text, and the
first file's own bytes under its image type (apps that paste pixels, not files, get the image)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl

MIME_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}


def files_mime(paths: Sequence[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    if paths:
        first = paths[0]
        kind = MIME_TYPES.get(first.suffix.lower())
        try:
            # Raw file bytes, not a decoded QImage: no decode on the GUI thread, no re-encode.
            if kind:
                mime.setData(kind, first.read_bytes())
        except OSError:
            pass  # the file went away: the URL still says where it was
        mime.setText("\n".join(str(p) for p in paths))
    return mime
