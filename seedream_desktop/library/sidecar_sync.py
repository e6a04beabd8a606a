"""Keeping XMP sidecars and the index in step (no Qt).

The app writes a sidecar whenever a mark changes; a scan reads back the sidecars another tool changed
(their modification time differs from the one the index saw last). When the two disagree the newer
one wins: the sidecar's modification time against the time the image's marks last changed in the app.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from seedream_desktop.library.rows import IMAGE_SUFFIXES
from seedream_desktop.library.sidecar import (
    NAMING_DARKTABLE,
    NAMING_LIGHTROOM,
    NAMING_OFF,
    NAMINGS,
    SIDECAR_SUFFIX,
    SidecarMarks,
    read_sidecar,
    sidecar_path,
    write_sidecar,
)

if TYPE_CHECKING:
    from seedream_desktop.library.marking import LibraryMarks

log = logging.getLogger(__name__)
CHUNK = 500

# Not in schema.py's SCHEMA: created when first needed, so an index made by an earlier version gains
# them without a schema version change (and one that never meets a sidecar never has them).
TABLES = (
    "CREATE TABLE IF NOT EXISTS mark_times (content_id TEXT PRIMARY KEY, at REAL NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS sidecars_seen (path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL) WITHOUT ROWID",
)


def naming_setting() -> str:
    """The person's choice in Settings (``xmp_sidecars``)."""
    from seedream_desktop.config import Paths, Settings

    value = str(Settings(Paths.from_environment()).get("xmp_sidecars"))
    return value if value in NAMINGS else NAMING_DARKTABLE


def ensure_tables(library: LibraryMarks) -> bool:
    if library._sidecar_tables is library._conn:  # a rebuilt index is a new connection: check again
        return True
    try:
        with library._write() as conn:
            for statement in TABLES:
                conn.execute(statement)
    except sqlite3.Error as exc:  # a read-only index: sidecars are then neither tracked nor written
        log.info("Cannot track XMP sidecars in this index: %s", exc)
        return False
    library._sidecar_tables = library._conn
    return True


def record_mark_times(conn: sqlite3.Connection, content_ids: Iterable[str], at: float | None = None) -> None:
    """Inside the marking transaction (the tables exist: see ensure_tables)."""
    when = time.time() if at is None else at
    conn.executemany(
        "INSERT OR REPLACE INTO mark_times (content_id, at) VALUES (?, ?)", [(c, when) for c in content_ids]
    )


def _marks_of(
    library: LibraryMarks, cids: list[str]
) -> dict[str, tuple[list[tuple[str, int]], SidecarMarks]]:
    """content id → (its files as (path, id), its marks)."""
    out: dict[str, tuple[list[tuple[str, int]], SidecarMarks]] = {}
    conn = library._conn
    for start in range(0, len(cids), CHUNK):
        chunk = cids[start : start + CHUNK]
        marks = ", ".join("?" for _ in chunk)
        with library._lock:
            for rel, image_id, cid, favourite, rating in conn.execute(
                f"SELECT path, id, content_id, favourite, rating FROM images WHERE content_id IN ({marks})",
                chunk,
            ):
                entry = out.setdefault(cid, ([], SidecarMarks(int(rating), bool(favourite))))
                entry[0].append((str(rel), int(image_id)))
            for cid, tag in conn.execute(
                f"SELECT content_id, tag FROM tags WHERE content_id IN ({marks}) ORDER BY tag", chunk
            ):
                if cid in out:
                    out[cid][1].tags.append(str(tag))
            for cid, name in conn.execute(
                "SELECT m.content_id, b.name FROM board_members m JOIN boards b ON b.id = m.board_id "
                f"WHERE m.content_id IN ({marks}) ORDER BY b.name",
                chunk,
            ):
                if cid in out:
                    out[cid][1].boards.append(str(name))
    return out


def write_sidecars(library: LibraryMarks, content_ids: Iterable[str]) -> int:
    """Write (merge) the sidecar of every file with these content ids; returns how many were written.
    A sidecar that cannot be written (read-only folder) is skipped: the marks journal keeps the mark."""
    naming = library.sidecar_naming
    if naming == NAMING_OFF or not ensure_tables(library):
        return 0
    seen: list[tuple[str, int]] = []
    for files, marks in _marks_of(library, sorted(set(content_ids))).values():
        for rel, _ in files:
            target = sidecar_path(library.root / rel, naming)
            try:
                if write_sidecar(target, marks):
                    seen.append((_relative(library, target), target.stat().st_mtime_ns))
            except OSError as exc:
                log.info("Could not write the XMP sidecar %s: %s", target, exc)
    if seen:
        with library._write() as conn:
            conn.executemany("INSERT OR REPLACE INTO sidecars_seen (path, mtime_ns) VALUES (?, ?)", seen)
    return len(seen)


def _relative(library: LibraryMarks, path: Path) -> str:
    return path.relative_to(library.root).as_posix()


def _images_for(conn: sqlite3.Connection, rel: str) -> tuple[str, list[tuple[str, int, str]]]:
    """(the naming, the image rows (path, id, content id)) a sidecar at ``rel`` belongs to."""
    base = rel[: -len(SIDECAR_SUFFIX)]
    row = conn.execute("SELECT path, id, content_id FROM images WHERE path = ?", (base,)).fetchone()
    if row is not None:
        return NAMING_DARKTABLE, [(str(row[0]), int(row[1]), str(row[2]))]
    candidates = [base + s for s in IMAGE_SUFFIXES] + [base + s.upper() for s in IMAGE_SUFFIXES]
    rows = conn.execute(
        f"SELECT path, id, content_id FROM images WHERE path IN ({', '.join('?' for _ in candidates)})",
        candidates,
    ).fetchall()
    return NAMING_LIGHTROOM, [(str(r[0]), int(r[1]), str(r[2])) for r in rows]


def read_back(library: LibraryMarks, sidecars: dict[str, int]) -> int:
    """Bring in the marks of the sidecars (relative path → mtime_ns) that changed since last seen.
    Returns how many images took marks from a sidecar."""
    naming = library.sidecar_naming
    if naming == NAMING_OFF or not sidecars or not ensure_tables(library):
        return 0
    conn = library._conn
    with library._lock:
        seen = dict(conn.execute("SELECT path, mtime_ns FROM sidecars_seen").fetchall())
    changed = [rel for rel, mtime in sorted(sidecars.items()) if seen.get(rel) != mtime]
    applied, rewrite, settled = 0, set(), []
    journal_times: dict[str, float] | None = None
    for rel in changed:
        with library._lock:
            kind, images = _images_for(conn, rel)
        # An image with sidecars in both namings next to it: the one chosen in Settings speaks for it.
        images = [
            i for i in images if kind == naming or not sidecar_path(library.root / i[0], naming).exists()
        ]
        settled.append((rel, sidecars[rel]))
        if not images:
            continue
        marks = read_sidecar(library.root / rel)
        if marks is None:
            continue
        sidecar_at = sidecars[rel] / 1e9
        for _, image_id, cid in images:
            with library._lock:
                row = conn.execute("SELECT at FROM mark_times WHERE content_id = ?", (cid,)).fetchone()
            if row is None:  # a rebuilt index: the marks journal still knows when
                if journal_times is None:
                    journal_times = _journal_times(library)
                marked_at = journal_times.get(cid)
            else:
                marked_at = float(row[0])
            if marked_at is not None and marked_at >= sidecar_at:
                rewrite.add(cid)  # the app's marks are newer: the sidecar takes them
            elif _apply(library, image_id, marks):
                applied += 1
    with library._write() as conn:
        conn.executemany("INSERT OR REPLACE INTO sidecars_seen (path, mtime_ns) VALUES (?, ?)", settled)
    if rewrite:
        write_sidecars(library, rewrite)
    return applied


def _journal_times(library: LibraryMarks) -> dict[str, float]:
    """When each content id's marks last changed, from the marks journal (one pass)."""
    times: dict[str, float] = {}
    for entry in library.journal.entries():
        ids = entry.get("ids")
        if not isinstance(ids, list):
            continue
        try:
            at = datetime.fromisoformat(str(entry.get("at"))).timestamp()
        except ValueError:
            continue
        for cid in ids:
            if isinstance(cid, str) and at > times.get(cid, 0.0):
                times[cid] = at
    return times


def _apply(library: LibraryMarks, image_id: int, marks: SidecarMarks) -> bool:
    """Make the image's marks those of the sidecar (through the journal, as if the person set them)."""
    entry = library._conn.execute("SELECT favourite, rating FROM images WHERE id = ?", (image_id,)).fetchone()
    if entry is None:
        return False
    changed = False
    library._sidecars_quiet = True  # the sidecar is where these came from: no writing it back
    try:
        if int(entry[1]) != marks.rating:
            library.set_rating([image_id], marks.rating)
            changed = True
        if bool(entry[0]) != marks.favourite:
            library.set_favourite([image_id], marks.favourite)
            changed = True
        tags = set(library.tags_of(image_id))
        for tag in [t for t in marks.tags if t not in tags]:
            library.add_tag([image_id], tag)
            changed = True
        for tag in sorted(tags - set(marks.tags)):
            library.remove_tag([image_id], tag)
            changed = True
        boards = {b.name: b for b in library.boards()}
        mine = {b.name for b in library.boards_of(image_id)}
        for name in [n for n in marks.boards if n not in mine]:
            board = boards.get(name) or library.create_board(name)
            library.add_to_board([image_id], board)
            changed = True
        for name in sorted(mine - set(marks.boards)):
            library.remove_from_board([image_id], boards[name])
            changed = True
    finally:
        library._sidecars_quiet = False
    return changed


class SidecarWriter:
    """Writes queued sidecars on one background thread: a sidecar is a merge and an fsynced write
    (~10 ms), so marking a thousand selected images must not hold up the window that marked them.
    The marks themselves (journal and index) are already saved when a content id is queued."""

    def __init__(self, library: LibraryMarks) -> None:
        self.library = library
        self._pending: set[str] = set()
        self._in_files: set[str] = set()  # content ids whose files' own XMP is to take their marks
        self._busy = False
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def queue(self, content_ids: Iterable[str], *, sidecars: bool = True, in_files: bool = False) -> None:
        ids = set(content_ids)
        with self._changed:
            if sidecars:
                self._pending.update(ids)
            if in_files:
                self._in_files.update(ids)
            if not self._pending and not self._in_files:
                return
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="xmp-sidecars", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued sidecar is written; False when ``timeout`` ran out first."""
        with self._changed:
            return self._changed.wait_for(
                lambda: not self._pending and not self._in_files and not self._busy, timeout
            )

    def _run(self) -> None:
        while True:
            with self._changed:
                if not self._pending and not self._in_files:
                    self._thread = None  # the next queue() starts a new one
                    self._changed.notify_all()
                    return
                batch = sorted(self._pending)[:CHUNK]
                self._pending.difference_update(batch)
                # Files after sidecars: a rewritten file takes a new content id.
                files = sorted(self._in_files)[:CHUNK] if not batch else []
                self._in_files.difference_update(files)
                self._busy = True
            try:
                if batch:
                    write_sidecars(self.library, batch)
                if files:
                    from seedream_desktop.library.embedded_marks import embed_marks

                    followed = embed_marks(self.library, files)
                    with self._changed:
                        # A mark set while its file was being rewritten was queued under the file's
                        # old identity: it goes out under the new one (sidecar and file alike).
                        for queued in (self._pending, self._in_files):
                            for old in followed.keys() & queued:
                                queued.discard(old)
                                queued.add(followed[old])
            except Exception:  # a closed index, a full disk: the journal keeps the marks
                log.exception("Writing XMP sidecars failed")
            finally:
                with self._changed:
                    self._busy = False
                    self._changed.notify_all()
