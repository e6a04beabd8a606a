"""What the library hands out: an indexed image, a scan report, an image's lineage, a board."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seedream_desktop.library.notice import LibraryNotice


@dataclass(frozen=True, slots=True)
class ImageEntry:
    """One image as the index knows it. ``path`` is absolute; ``created`` is timezone-aware (UTC)."""

    id: int
    path: Path
    content_id: str
    width: int
    height: int
    format: str  # "PNG", "JPEG" or "WEBP"
    created: datetime
    mtime: float
    file_size: int
    prompt: str
    size_key: str | None  # "2K-16:9" when the size is one of Seedream's presets
    tier: str
    aspect: str
    seed: int | None
    cost: float | None
    task_uuid: str | None
    image_uuid: str | None
    parent_content_id: str | None
    parent_image_uuid: str | None
    has_references: bool
    favourite: bool
    rating: int
    source: str = ""  # who wrote the embedded record: "seedream", "a1111", "" for plain images

    @property
    def is_edit(self) -> bool:
        return bool(self.parent_content_id or self.parent_image_uuid)


@dataclass(frozen=True, slots=True)
class ScanReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    moved: int = 0
    unchanged: int = 0
    errors: list[tuple[Path, str]] = field(default_factory=list)
    # Files indexed without (part of) their metadata, and why: too large, damaged (LibraryNotice).
    notices: list[tuple[Path, LibraryNotice]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.moved)


@dataclass(frozen=True, slots=True)
class Lineage:
    """``parents``: the image it was edited from, then that one's parent, nearest first.

    ``children``: images edited directly from this one, oldest first.
    """

    parents: list[ImageEntry]
    children: list[ImageEntry]


@dataclass(frozen=True, slots=True)
class Board:
    """A named album. It only refers to images; a board never moves or copies a file."""

    id: int
    uid: str
    name: str
    count: int
