"""Between files and rows: what one image file contributes to the index, and a row back as an ImageEntry."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seedream_desktop.api.sizes import aspect_of, by_dimensions, tier_of
from seedream_desktop.library.entry import ImageEntry
from seedream_desktop.library.query import normal_format

if TYPE_CHECKING:
    from seedream_desktop.library.record import GenerationRecord

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp"})

# The columns an inspection fills, in INSERT order (marks come from the marks table).
FILE_COLUMNS = (
    "path", "content_id", "file_size", "mtime_ns", "width", "height", "format", "created", "prompt",
    "size_key", "tier", "aspect", "seed", "cost", "task_uuid", "image_uuid", "parent_content_id",
    "parent_image_uuid", "has_references", "source", "model",
)  # fmt: skip

ENTRY_COLUMNS = (
    "id, path, content_id, width, height, format, created, mtime_ns, file_size, prompt, size_key, tier, "
    "aspect, seed, cost, task_uuid, image_uuid, parent_content_id, parent_image_uuid, has_references, "
    "favourite, rating, source"
)


@dataclass(frozen=True, slots=True)
class FileFacts:
    """Everything the index stores about one file apart from the user's marks (picklable for workers)."""

    path: str  # relative to the library root, POSIX separators
    content_id: str
    file_size: int
    mtime_ns: int
    width: int = 0
    height: int = 0
    format: str = ""
    created: float = 0.0
    prompt: str = ""
    size_key: str | None = None
    tier: str = ""
    aspect: str = ""
    seed: int | None = None
    cost: float | None = None
    task_uuid: str | None = None
    image_uuid: str | None = None
    parent_content_id: str | None = None
    parent_image_uuid: str | None = None
    has_references: bool = False
    source: str = ""
    model: str = ""  # Runware AIR id from the record; "" for a file without one

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in FILE_COLUMNS)


def epoch_of(text: str | None) -> float | None:
    """Seconds since the epoch from a record's ISO-8601 time ("2025-09-01T10:00:00Z"); None if unreadable."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def facts_from(
    rel: str,
    content_id: str,
    file_size: int,
    mtime_ns: int,
    width: int,
    height: int,
    fmt: str,
    record: GenerationRecord | None,
) -> FileFacts:
    """The row for one file, from its pixel size and format and its embedded record (if any)."""
    if record is not None:
        width = width or record.width
        height = height or record.height
        fmt = fmt or record.format
    preset = by_dimensions(width, height)
    common: dict[str, Any] = {
        "path": rel,
        "content_id": content_id,
        "file_size": file_size,
        "mtime_ns": mtime_ns,
        "width": width,
        "height": height,
        "format": normal_format(fmt) if fmt else _format_of_suffix(rel),
        "created": mtime_ns / 1e9,
        "size_key": preset.key if preset else None,
        "tier": tier_of(width, height) if width and height else "",
        "aspect": aspect_of(width, height) if width and height else "",
    }
    if record is None:
        return FileFacts(**common)
    parent = record.parent
    return FileFacts(
        **{
            **common,
            "created": epoch_of(record.created) or common["created"],
            "size_key": record.size_key or common["size_key"],
            # The record's own preset names the tier: 5.0 Lite's 3K (4096×2304) is not 4.0's 4K.
            "tier": record.size_key.split("-", 1)[0] if record.size_key else common["tier"],
        },
        prompt=record.prompt or "",
        seed=record.seed,
        cost=record.cost,
        task_uuid=record.task_uuid or None,
        image_uuid=record.image_uuid or None,
        parent_content_id=(parent.content_id or None) if parent else None,
        parent_image_uuid=(parent.image_uuid or None) if parent else None,
        has_references=bool(record.references),
        source=record.source or "",
        model=record.model or "",
    )


def _format_of_suffix(rel: str) -> str:
    return normal_format(Path(rel).suffix)


def entry_from_row(root: Path, row: sqlite3.Row | tuple[Any, ...]) -> ImageEntry:
    (id_, path, content_id, width, height, fmt, created, mtime_ns, file_size, prompt, size_key, tier,
     aspect, seed, cost, task_uuid, image_uuid, parent_cid, parent_uuid, has_refs, favourite, rating,
     source) = row  # fmt: skip
    return ImageEntry(
        id=id_,
        path=root / path,
        content_id=content_id,
        width=width,
        height=height,
        format=fmt,
        created=datetime.fromtimestamp(created, UTC),
        mtime=mtime_ns / 1e9,
        file_size=file_size,
        prompt=prompt,
        size_key=size_key,
        tier=tier,
        aspect=aspect,
        seed=seed,
        cost=cost,
        task_uuid=task_uuid,
        image_uuid=image_uuid,
        parent_content_id=parent_cid,
        parent_image_uuid=parent_uuid,
        has_references=bool(has_refs),
        favourite=bool(favourite),
        rating=rating,
        source=source,
    )
