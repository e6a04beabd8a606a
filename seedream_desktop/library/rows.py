"""Between files and rows: what one image file contributes to the index, and a row back as an ImageEntry."""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seedream_desktop.api.sizes import aspect_of, by_dimensions, tier_of
from seedream_desktop.library.entry import ImageEntry
from seedream_desktop.library.notice import NOT_A_LIBRARY_FILE_NOTICE, LibraryNotice
from seedream_desktop.library.query import normal_format

if TYPE_CHECKING:
    from seedream_desktop.library.record import GenerationRecord

# What the library holds: PNG, JPEG and WEBP files (what Seedream makes and the index can read without
# decoding), by name, not hidden. One rule for the scan, the watcher, `library show`, add_file and the
# importer, so nothing is indexed that the next scan would drop (a .gif, .bmp or .heic).
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp"})


def is_library_file(name: str) -> bool:
    """Whether a file of this name belongs in the library (hidden names cover our own .seedream folder
    and atomic writes' ".partial-" temp files)."""
    return not name.startswith(".") and name[name.rfind(".") :].lower() in IMAGE_SUFFIXES


class NotALibraryFile(ValueError):
    """A file the library does not hold (see is_library_file); ``notice`` says so in the person's words."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.notice = LibraryNotice(NOT_A_LIBRARY_FILE_NOTICE, {"name": self.path.name})
        super().__init__(self.notice.message)


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
    # Not a column: what reading the file's metadata ran into, for the scan report.
    notice: LibraryNotice | None = None

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in FILE_COLUMNS)


# The times an ImageEntry can hold (datetime's years 1–9999, a day's margin for any zone), in seconds
# since the epoch: a record or a file's mtime may claim any moment at all.
EARLIEST = datetime(1, 1, 2, tzinfo=UTC).timestamp()
LATEST = datetime(9999, 12, 30, tzinfo=UTC).timestamp()


def within_dates(seconds: float) -> float:
    """``seconds`` moved into EARLIEST..LATEST (NaN: the epoch), so it always converts to a datetime."""
    return min(max(seconds, EARLIEST), LATEST) if math.isfinite(seconds) else 0.0


def epoch_of(text: str | None) -> float | None:
    """Seconds since the epoch from a record's ISO-8601 time ("2025-09-01T10:00:00Z"); None if unreadable
    or outside the years an entry can hold."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    seconds = moment.timestamp()
    return seconds if EARLIEST <= seconds <= LATEST else None


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
        width = width or _int64(record.width) or 0
        height = height or _int64(record.height) or 0
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
        "created": within_dates(mtime_ns / 1e9),
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
        seed=_int64(record.seed),
        cost=record.cost,
        task_uuid=record.task_uuid or None,
        image_uuid=record.image_uuid or None,
        parent_content_id=(parent.content_id or None) if parent else None,
        parent_image_uuid=(parent.image_uuid or None) if parent else None,
        has_references=bool(record.references),
        source=record.source or "",
        model=record.model or "",
    )


def _int64(value: int | None) -> int | None:
    """``value`` when SQLite can store it: a foreign record's 30-digit seed must not stop a whole scan."""
    if isinstance(value, int) and -(2**63) <= value < 2**63:
        return value
    return None


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
        created=datetime.fromtimestamp(within_dates(created), UTC),
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
