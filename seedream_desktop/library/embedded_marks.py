"""Marks written into the image file's own XMP, for tools that never look at sidecars (no Qt).

Off unless the person asks (Settings ``xmp_in_files``): the app never rewrites someone's image on its
own. When on, the file's XMP packet takes ``xmp:Rating``, ``xmp:Label``, ``dc:subject`` and
``lr:hierarchicalSubject`` merged in (every other property, our generation record included, stays),
and the file is replaced atomically with only that block changed (packet_swap.py: no re-encoding).

A rewritten file has a new content identity (identity.py hashes its first and last 64 KiB), and marks,
boards and lineage are keyed by it: the index row takes the new identity in the same step, the marks
are carried to it in the marks journal (as a scan does for a file re-saved by another tool), so they
survive a rescan and an index rebuild alike.
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from seedream_desktop.atomic import atomic_write
from seedream_desktop.library.identity import quick_id
from seedream_desktop.library.metadata import jpeg, png, webp
from seedream_desktop.library.packet_swap import CannotEmbed, find_xmp, with_xmp
from seedream_desktop.library.sidecar import marks_in_file, merged_sidecar
from seedream_desktop.regular_files import RefusedFile, read_regular

if TYPE_CHECKING:
    from seedream_desktop.library.marking import LibraryMarks

log = logging.getLogger(__name__)

EMBEDDABLE = (".png", ".jpg", ".jpeg", ".webp")
# Read whole into memory to be rewritten: a 4K PNG is ~27 MB; far larger is not a file to rewrite.
LARGEST_FILE = 256 * 1024 * 1024


def in_files_setting() -> bool:
    """The person's choice in Settings (``xmp_in_files``)."""
    from seedream_desktop.config import Paths, Settings

    return bool(Settings(Paths.from_environment()).get("xmp_in_files"))


def embed_marks(library: LibraryMarks, content_ids: Iterable[str]) -> dict[str, str]:
    """Write the marks of these content ids into their files; returns the files' identity changes
    (old content id → new), so marks queued meanwhile under the old one find the file.
    A file that cannot take them (read-only, damaged, a layout the app does not rewrite) is left as it
    was: the marks journal and the sidecar still hold the marks."""
    from seedream_desktop.library.sidecar_sync import _marks_of

    followed: dict[str, str] = {}
    for cid, (files, marks) in _marks_of(library, sorted(set(content_ids))).items():
        for rel, image_id in files:
            if not rel.lower().endswith(EMBEDDABLE):
                continue
            path = library.root / rel
            if path.is_symlink():
                continue  # replacing it would turn the link into a copy: the file it names stays as it is
            try:
                data = read_regular(path, LARGEST_FILE)
                if quick_id(path) != cid:
                    continue  # changed since it was indexed: the next scan sees to it first
                packet = merged_sidecar(find_xmp(data), marks, in_file=True)
                if packet is None:
                    log.info("Not writing marks into %s: its XMP is not readable", path)
                    continue
                new_data = with_xmp(data, packet)
            except (OSError, RefusedFile, CannotEmbed) as exc:
                log.info("Cannot write marks into %s: %s", path, exc)
                continue
            if new_data == data:
                continue
            try:
                atomic_write(path, new_data)
                stat = path.stat()
                new_cid = quick_id(path, stat.st_size)
            except OSError as exc:
                log.info("Could not write marks into %s: %s", path, exc)
                continue
            if _follow(library, image_id, cid, new_cid, stat.st_size, stat.st_mtime_ns):
                followed[cid] = new_cid
    return followed


def _follow(library: LibraryMarks, image_id: int, old: str, new: str, size: int, mtime_ns: int) -> bool:
    """The index row and the marks take the file's new identity in one transaction."""
    if old == new:
        return False
    with library._lock, library._write() as conn:
        moved = conn.execute(
            "UPDATE images SET content_id = ?, file_size = ?, mtime_ns = ? WHERE id = ? AND content_id = ?",
            (new, size, mtime_ns, image_id, old),
        ).rowcount
        if not moved:
            return False  # a scan got there first and carried the marks itself
        library._carry_marks(conn, old, new)
        library.journal.append("rewritten", **{"from": old, "to": new})
        # Edits made from this image found it by its identity: they follow it too.
        conn.execute("UPDATE images SET parent_content_id = ? WHERE parent_content_id = ?", (new, old))
        at = conn.execute("SELECT at FROM mark_times WHERE content_id = ?", (old,)).fetchone()
        if at is not None:
            conn.execute("INSERT OR REPLACE INTO mark_times (content_id, at) VALUES (?, ?)", (new, at[0]))
    return True


# ---- reading: marks another tool wrote into the file --------------------------------------------------
def read_in_files(library: LibraryMarks, rels: list[str]) -> int:
    """After a scan indexed these new or re-saved files: take the marks in their own XMP (Lightroom,
    Bridge and digiKam write ratings and keywords into JPEGs), the newer side winning as with sidecars.
    Only while marks go into files too (Settings): otherwise what is in a file is that file's business,
    and a first index of many thousand files reads no more than it did. Returns how many took marks."""
    carried, library._carried = library._carried or {}, None
    if not rels or not library.marks_in_files:
        return 0
    from seedream_desktop.library import sidecar_sync

    if not sidecar_sync.ensure_tables(library):
        return 0
    applied = 0
    conn = library._conn
    journal_times: dict[str, float] | None = None
    for rel in rels:
        if not rel.lower().endswith(EMBEDDABLE):
            continue
        with library._lock:
            row = conn.execute(
                "SELECT id, content_id, mtime_ns FROM images WHERE path = ?", (rel,)
            ).fetchone()
        if row is None:
            continue
        packet = _xmp_of(library.root / rel)
        marks = marks_in_file(packet) if packet else None
        if marks is None:
            continue
        with library._lock:
            at = conn.execute(
                "SELECT max(at) FROM mark_times WHERE content_id IN (?, ?)",
                (row[1], carried.get(str(row[1]), str(row[1]))),
            ).fetchone()[0]
        if at is None:  # a rebuilt index: the marks journal still knows when
            if journal_times is None:
                journal_times = sidecar_sync._journal_times(library)
            at = journal_times.get(str(row[1]))
        if at is not None and float(at) >= int(row[2]) / 1e9:
            continue  # the app's marks are newer than the file
        if sidecar_sync._apply(library, int(row[0]), marks):
            applied += 1
    return applied


def _xmp_of(path: Path) -> bytes | None:
    """The file's XMP from its header region (the metadata readers seek over the pixels)."""
    try:
        with open(path, "rb", buffering=0) as f:
            head = f.read(12)
            if head.startswith(png.SIGNATURE):
                found = png.read(f, head)
            elif head.startswith(jpeg.SOI):
                found = jpeg.read(f, head)
            elif head.startswith(b"RIFF"):
                found = webp.read(f, head)
            else:
                return None
    except (OSError, ValueError, struct.error):
        return None
    return found.xmp if found is not None else None
