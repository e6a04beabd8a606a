"""The image an edit was made from, for "Compare with original" (the edit beside its parent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def original_of(record: Any) -> Path | None:
    """The parent file named by an edit's record (library/record.py ``parent``), if it is still there."""
    parent = getattr(getattr(record, "parent", None), "path", None)
    if not isinstance(parent, str) or not parent:
        return None
    path = Path(parent)
    try:
        return path if path.is_file() else None
    except OSError:  # an unreadable folder on the way: nothing to compare with
        return None
