"""The Library: one folder of images and its index (SQLite in WAL mode, inside the folder), no Qt.

The image files are the truth; the index is a cache of them plus the user's marks, which are also
written to the marks journal (see marks.py) so a lost or damaged index loses nothing. Every public
method is safe to call from several threads (one lock), and several processes may open the same
library at once (SQLite WAL with a busy timeout; journal appends are single writes).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from seedream_desktop.library import store
from seedream_desktop.library.entry import ImageEntry, Lineage, ScanReport
from seedream_desktop.library.identity import quick_id
from seedream_desktop.library.marking import LibraryMarks
from seedream_desktop.library.marks import MarksJournal
from seedream_desktop.library.notice import IndexUnavailable, LibraryNotice, corrupt_notice
from seedream_desktop.library.query import (
    FACET_INDEX,
    SORT_INDEX,
    Query,
    conditions,
    facet_index_covers,
    order_by,
)
from seedream_desktop.library.rows import (
    ENTRY_COLUMNS,
    NotALibraryFile,
    entry_from_row,
    facts_from,
    is_library_file,
)
from seedream_desktop.library.scan import Progress, Reconcile, inspect, settle_collision
from seedream_desktop.library.schema import CorruptIndex, connect, has_index, is_damage, set_aside

if TYPE_CHECKING:
    from seedream_desktop.library.record import GenerationRecord
    from seedream_desktop.library.thumbnails import ThumbnailCache

STATE_DIR = ".seedream"
INDEX_NAME = "index.sqlite3"
JOURNAL_NAME = "marks.jsonl"
THUMBNAIL_CACHE_BYTES = 512 * 1024 * 1024
FREQUENT = 1000  # a MATCH with at least this many rows is paged by walking the sort order's index
LINEAGE_DEPTH = 64  # an edit chain longer than this is cut (and guards against a cycle in bad records)


class Library(LibraryMarks):
    """A library folder: scan it, search it, mark images, follow lineage, send images to the trash."""

    pool_threshold = 256  # fewer files than this to read are read in this process

    def __init__(
        self,
        root: Path,
        conn: sqlite3.Connection,
        cache_dir: Path | None,
        notice: LibraryNotice | None,
        browsing: bool = True,
    ) -> None:
        self.root = root
        self.cache_dir = cache_dir
        self.notice = notice  # what to tell the person about this open (a damaged index set aside)
        self.browsing = browsing
        self.journal = MarksJournal(root / STATE_DIR / JOURNAL_NAME)
        self._conn = conn
        self._lock = threading.RLock()
        self._thumbnails: ThumbnailCache | None = None
        self._facets: bool | None = None  # whether the index has FACET_INDEX (looked up once)
        self.needs_scan = False  # True when the index was (re)created: call scan() to fill it

    # ---- opening and closing --------------------------------------------------------------------
    @classmethod
    def open(cls, root: Path, cache_dir: Path | None = None, *, browsing: bool = True) -> Library:
        """Open (creating folders and index as needed). A damaged index is set aside and recreated;
        ``notice`` then says so. The index is only filled by ``scan()``: check ``needs_scan``.
        ``browsing=False`` for a background connection (sync, saver): see schema.connect.

        Raises IndexUnavailable when the index cannot be used but is not known to be damaged (locked,
        read-only, unreadable): it is then left as it is."""
        root = Path(root).expanduser().resolve()
        index_path = root / STATE_DIR / INDEX_NAME
        try:
            (root / STATE_DIR).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise IndexUnavailable(index_path, exc.strerror or str(exc)) from exc
        notice = None
        try:
            conn, created = connect(index_path, browsing=browsing)
        except CorruptIndex as damage:
            try:
                aside = set_aside(index_path)
            except OSError as exc:  # a read-only volume: the damaged index cannot be moved
                raise IndexUnavailable(index_path, f"{damage}; {exc.strerror or exc}") from exc
            notice = corrupt_notice(aside.name)
            conn, created = connect(index_path, browsing=browsing)
        library = cls(root, conn, cache_dir, notice, browsing)
        if created:
            library._restore_marks(library.journal.replay())
            library.needs_scan = True
        return library

    def close(self) -> None:
        self.flush_sidecars()  # marks' XMP sidecars still queued (library/sidecar_sync.py)
        with self._lock:
            if self._thumbnails is not None:
                self._thumbnails.close()
            self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def index_path(self) -> Path:
        return self.root / STATE_DIR / INDEX_NAME

    @property
    def thumbnails(self) -> ThumbnailCache:
        """The thumbnail cache (in ``cache_dir``, by default the user's cache folder)."""
        from seedream_desktop.config import Paths
        from seedream_desktop.library.thumbnails import ThumbnailCache

        with self._lock:
            if self._thumbnails is None:
                folder = self.cache_dir or Paths.from_environment().thumbnails
                self._thumbnails = ThumbnailCache.shared(folder, THUMBNAIL_CACHE_BYTES)
            return self._thumbnails

    def relative(self, path: Path | str) -> str | None:
        """``path`` relative to the library root (POSIX), or None when it lies outside."""
        path = Path(path)
        if not path.is_absolute():
            path = self.root / path
        try:
            rel = Path(os.path.normpath(path)).relative_to(self.root)
        except ValueError:
            try:
                rel = path.resolve().relative_to(self.root)
            except (ValueError, OSError, RuntimeError):  # RuntimeError: a link loop (Python 3.11)
                return None
        return rel.as_posix() if rel.parts else None

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction. IMMEDIATE takes the write lock up front, so two processes queue
        (busy timeout) instead of failing half-way with SQLITE_BUSY."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # ---- reconciling with the disk ----------------------------------------------------------------
    def scan(self, progress: Progress | None = None) -> ScanReport:
        """Bring the index in line with the folder: by stat, reading only new or changed files."""
        with self._lock:
            report = Reconcile(self, progress).everything()
            self.needs_scan = False
            return report

    def sync_paths(self, paths: Iterable[Path]) -> ScanReport:
        """Reconcile just these files or folders (what the folder watcher saw change)."""
        with self._lock:
            return Reconcile(self).paths(paths)

    def rebuild(self, progress: Progress | None = None) -> ScanReport:
        """Throw the index away and build it again from the files and the marks journal."""
        with self._lock:
            self._conn.close()
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{self.index_path}{suffix}")
            self._connect()
            state = self.journal.replay()
            self._restore_marks(state)
            report = self.scan(progress)
            self._follow_rewrites(state)
            return report

    def verify(self, sharing: Sequence[Library] = ()) -> bool:
        """Check every page of the index (``PRAGMA quick_check``: ~0.1 s for 100,000 images from the page cache; run it
        off the GUI thread after opening). A damaged index is set aside and recreated, as at open:
        returns False, ``notice`` says so and ``needs_scan`` is set. ``sharing``: see replace_damaged_index."""
        with self._lock:
            try:
                healthy = self._conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            except sqlite3.DatabaseError as exc:
                if not is_damage(exc):
                    raise
                healthy = False
            if not healthy:
                self.replace_damaged_index(sharing)
            return healthy

    def recover(self, error: BaseException, sharing: Sequence[Library] = ()) -> bool:
        """After ``error`` met in use: when it says the index is damaged, set the index aside and start
        a fresh one (True: now call ``scan()``). Any other error is not ours to handle (False)."""
        if not isinstance(error, sqlite3.DatabaseError) or not is_damage(error):
            return False
        self.replace_damaged_index(sharing)
        return True

    def replace_damaged_index(self, sharing: Sequence[Library] = ()) -> None:
        """Set the index aside, start an empty one with the marks journal replayed; ``notice`` says so.

        ``sharing``: the other Library objects of this process on this folder. Their connections are
        closed first and reopened on the fresh index: SQLite deletes a closing connection's -wal and
        -shm files by name, so a connection to the old file closed later would delete the new ones."""
        with contextlib.ExitStack() as held:
            for other in sharing:
                held.enter_context(other._lock)
            held.enter_context(self._lock)
            for library in (*sharing, self):
                library._conn.close()
            try:
                aside = set_aside(self.index_path)
            except OSError as exc:
                for library in (*sharing, self):
                    with contextlib.suppress(CorruptIndex, IndexUnavailable):
                        library._connect()
                raise IndexUnavailable(self.index_path, exc.strerror or str(exc)) from exc
            self._connect()
            self._restore_marks(self.journal.replay())
            self.notice = corrupt_notice(aside.name)
            self.needs_scan = True
            for other in sharing:
                other._connect()
                other.notice = self.notice

    def _connect(self) -> None:
        self._conn, _ = connect(self.index_path, browsing=self.browsing)
        self._facets = None  # a fresh index file: look again

    def add_file(self, path: Path, record: GenerationRecord | None = None) -> ImageEntry:
        """Index one file just saved into the library (the job pipeline calls this after each save).

        With ``record`` given, the file is not read beyond its first and last 64 KiB."""
        path = Path(path)
        rel = self.relative(path)
        if rel is None:
            raise ValueError(f"{path} is not inside the library {self.root}")
        if not is_library_file(path.name):
            # The scan would drop it again: only what the scan keeps is indexed (rows.is_library_file).
            raise NotALibraryFile(path)
        st = path.stat()
        cid = quick_id(path, st.st_size)
        if record is not None:
            facts = facts_from(rel, cid, st.st_size, st.st_mtime_ns, record.width, record.height,
                               record.format, record)  # fmt: skip
        else:
            result = inspect(str(self.root), rel, (st.st_size, st.st_mtime_ns), cid)
            if isinstance(result, tuple):
                raise OSError(result[1])
            facts = result
        with self._write() as conn:
            image_id = store.upsert(conn, settle_collision(conn, self.root, facts))
        entry = self.get(image_id)
        assert entry is not None
        return entry

    # ---- reading --------------------------------------------------------------------------------
    def _entries(self, sql: str, params: Iterable[object] = ()) -> list[ImageEntry]:
        with self._lock:
            rows = self._conn.execute(sql, tuple(params)).fetchall()
        return [entry_from_row(self.root, row) for row in rows]

    def get(self, image_id: int) -> ImageEntry | None:
        found = self._entries(f"SELECT {ENTRY_COLUMNS} FROM images WHERE id = ?", (image_id,))
        return found[0] if found else None

    def by_path(self, path: Path) -> ImageEntry | None:
        rel = self.relative(path)
        if rel is None:
            return None
        found = self._entries(f"SELECT {ENTRY_COLUMNS} FROM images WHERE path = ?", (rel,))
        return found[0] if found else None

    def by_content(self, content_id: str) -> list[ImageEntry]:
        return self._entries(
            f"SELECT {ENTRY_COLUMNS} FROM images WHERE content_id = ? ORDER BY id", (content_id,)
        )

    def search(self, query: Query, offset: int = 0, limit: int = 200) -> list[ImageEntry]:
        """One window of the results, in the query's order (offset/limit paging for a 100,000-item view)."""
        sql = conditions(query)
        order = order_by(query)
        hint = ""
        if sql.text_match is not None and self._matches_at_least(sql.text_match, FREQUENT):
            # SQLite cannot know how many rows a MATCH returns. For a frequent word, walking the sort
            # order's index and stopping at the page's end is far faster than sorting every match
            # (100,000 prompts: "light" 70 → 8 ms); for a rare word, sorting its few matches is.
            # Even with a selective filter besides, the walk is bounded by one pass (~45 ms).
            hint = f" INDEXED BY {SORT_INDEX[query.sort]}"
        return self._entries(
            f"SELECT {ENTRY_COLUMNS} FROM images{hint}{sql.where()} ORDER BY {order} LIMIT ? OFFSET ?",
            [*sql.params, int(limit), int(offset)],
        )

    def _matches_at_least(self, expression: str, n: int) -> bool:
        with self._lock:
            row = self._conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM prompt_fts WHERE prompt_fts MATCH ? LIMIT ?)",
                (expression, n),
            ).fetchone()
        return int(row[0]) >= n

    def count(self, query: Query | None = None) -> int:
        sql = conditions(query or Query())
        others, params = sql.besides_text()
        if sql.text_match is not None and not others:
            # Text alone: FTS counts its own matches without building a set of ids (4 ms, not 28 ms,
            # for 75,000 matches). Every FTS row has its image row: they are written together.
            count_sql, params = "SELECT count(*) FROM prompt_fts WHERE prompt_fts MATCH ?", [sql.text_match]
        elif sql.text_match is not None:
            # Text and filters: each match is looked up by id (no list of ids built first), in the
            # narrow facet index when it holds every column the filters read.
            hint = f" INDEXED BY {FACET_INDEX}" if facet_index_covers(others) and self._has_facets() else ""
            count_sql = (
                f"SELECT count(*) FROM prompt_fts JOIN images{hint} ON images.id = prompt_fts.rowid "
                f"WHERE prompt_fts MATCH ? AND {' AND '.join(others)}"
            )
            params = [sql.text_match, *params]
        else:
            count_sql, params = f"SELECT count(*) FROM images{sql.where()}", sql.params
        with self._lock:
            return int(self._conn.execute(count_sql, params).fetchone()[0])

    def _has_facets(self) -> bool:
        # Missing only from an older index that could not be upgraded (read-only): count without it.
        if self._facets is None:
            with self._lock:
                self._facets = has_index(self._conn, FACET_INDEX)
        return self._facets

    def lineage(self, image_id: int) -> Lineage:
        """Where an image came from (parent, grandparent, …) and what was edited from it.

        Matched by the imageUUID or the content identity recorded in each edit, so moves and renames
        of either file do not break the chain."""
        image = self.get(image_id)
        if image is None:
            return Lineage([], [])
        parents: list[ImageEntry] = []
        seen = {image.id}
        current = image
        while current.is_edit and len(parents) < LINEAGE_DEPTH:
            found = self._entries(
                f"SELECT {ENTRY_COLUMNS} FROM images WHERE image_uuid = ? OR content_id = ? ORDER BY id LIMIT 1",
                (current.parent_image_uuid, current.parent_content_id),
            )
            if not found or found[0].id in seen:
                break
            current = found[0]
            seen.add(current.id)
            parents.append(current)
        children = self._entries(
            f"SELECT {ENTRY_COLUMNS} FROM images WHERE (parent_image_uuid = ? OR parent_content_id = ?) "
            "AND id != ? ORDER BY created, id",
            (image.image_uuid, image.content_id, image.id),
        )
        return Lineage(parents, children)

    # ---- deleting -------------------------------------------------------------------------------
    def trash(self, image_ids: Iterable[int]) -> list[ImageEntry]:
        """Send the images' files to the OS trash and drop them from the index. Returns those trashed;
        a file that could not be trashed stays indexed (and the error is raised after the others)."""
        from seedream_desktop.library.trash import send_to_trash

        entries = [e for e in (self.get(i) for i in image_ids) if e is not None]
        trashed, failure = send_to_trash(entries)
        with self._write() as conn:
            store.delete(conn, (e.id for e in trashed))
        if failure is not None:
            raise failure
        return trashed
