"""read_image_info: size, format and generation record of any image file, from its header region only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from seedream_desktop.library.metadata import jpeg, png, webp
from seedream_desktop.library.metadata.found import DAMAGED, LARGEST_TEXT, TOO_LARGE, Found
from seedream_desktop.library.notice import DAMAGED_METADATA_NOTICE, TEXT_TOO_LARGE_NOTICE, LibraryNotice
from seedream_desktop.library.record import GenerationRecord


@dataclass(frozen=True, slots=True)
class ImageInfo:
    width: int
    height: int
    format: str  # "PNG", "JPG" or "WEBP", from the bytes (not the file name)
    record: GenerationRecord | None
    # What could not be used of the metadata (too large, damaged), to tell the person; None: all read.
    notice: LibraryNotice | None = None


def read_image_info(path: Path | str) -> ImageInfo | None:
    """One pass over the headers and metadata blocks (pixels are seeked over, never read).

    None for files that are not PNG, JPEG or WEBP, or too damaged to give a size; never raises.
    """
    try:
        # Unbuffered: each header is one small read and each skipped body one seek, so a 30 MB PNG
        # costs a dozen system calls, not 30 MB of reading.
        with open(path, "rb", buffering=0) as f:
            head = f.read(12)
            found: Found | None
            if head.startswith(png.SIGNATURE):
                found = png.read(f, head)
            elif head.startswith(jpeg.SOI):
                found = jpeg.read(f, head)
            elif head.startswith(b"RIFF"):
                found = webp.read(f, head)
            else:
                return None
            if found is None:
                return None
            try:
                record = found.record()
            except Exception:  # a record no check foresaw: the size and format still count
                found.note(DAMAGED)
                record = None
            return ImageInfo(found.width, found.height, found.format, record, _notice(found, Path(path)))
    except Exception:
        # Indexing walks folders full of files other programs wrote, half-copied or damaged:
        # any failure here means "no usable metadata", never a crash of the scan.
        return None


def _notice(found: Found, path: Path) -> LibraryNotice | None:
    if found.problem is None:
        return None
    if found.problem == TOO_LARGE:
        return LibraryNotice(TEXT_TOO_LARGE_NOTICE, {"name": path.name, "limit": LARGEST_TEXT // 1024})
    return LibraryNotice(DAMAGED_METADATA_NOTICE, {"name": path.name})


def read_record(path: Path | str) -> GenerationRecord | None:
    """Our record from any file we saved; a partial one (source "a1111") from A1111 parameters."""
    info = read_image_info(path)
    return info.record if info else None
