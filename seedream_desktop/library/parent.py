"""The image an edit was made from, identified so lineage survives moves, renames and a rebuilt index.

``GenerationRequest.parent`` only carries the edited file's path; the index links an edit to its parent
by the parent's imageUUID or content identity. ``parent_image`` reads both from the file (first and
last 64 KiB for the identity, the embedded record for the UUID) when the record is made.
"""

from __future__ import annotations

from pathlib import Path

from seedream_desktop.library.identity import quick_id
from seedream_desktop.library.metadata import read_record
from seedream_desktop.library.record import ParentImage


def parent_image(path: str | Path | None) -> ParentImage | None:
    """The parent as recorded in an edit's record; None for no path. A file that cannot be read
    keeps only its path (the edit is still marked as one)."""
    if not path:
        return None
    source = Path(path)
    try:
        content_id: str | None = quick_id(source)
    except OSError:
        content_id = None
    try:
        record = read_record(source)
    except (OSError, ValueError):
        record = None
    image_uuid = getattr(record, "image_uuid", None) or None
    return ParentImage(image_uuid=image_uuid, content_id=content_id, path=str(source))
