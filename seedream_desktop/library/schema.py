"""The index database: its schema, and opening it safely (WAL, busy timeout) from several processes."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import sys
import time
from pathlib import Path

from seedream_desktop.atomic import SHARED_FILE_MODE
from seedream_desktop.library.notice import IndexUnavailable
from seedream_desktop.library.query import FACET_COLUMNS, FACET_INDEX

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

# Paths are stored relative to the library root (POSIX separators), so a library on an external drive
# keeps working under another mount point or drive letter.
SCHEMA = """
CREATE TABLE IF NOT EXISTS images (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    content_id TEXT NOT NULL,
    file_size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    format TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    prompt TEXT NOT NULL DEFAULT '',
    size_key TEXT,
    tier TEXT NOT NULL DEFAULT '',
    aspect TEXT NOT NULL DEFAULT '',
    seed INTEGER,
    cost REAL,
    task_uuid TEXT,
    image_uuid TEXT,
    parent_content_id TEXT,
    parent_image_uuid TEXT,
    has_references INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    favourite INTEGER NOT NULL DEFAULT 0,
    rating INTEGER NOT NULL DEFAULT 0
);
-- The grid's order, carrying the facet columns so filtering and counting by them never reads a row.
CREATE INDEX IF NOT EXISTS images_created ON images (created, id, tier, aspect, format, rating, favourite);
CREATE INDEX IF NOT EXISTS images_rating ON images (rating, created, id);
CREATE INDEX IF NOT EXISTS images_content ON images (content_id);
CREATE INDEX IF NOT EXISTS images_image_uuid ON images (image_uuid) WHERE image_uuid IS NOT NULL;
CREATE INDEX IF NOT EXISTS images_parent_uuid ON images (parent_image_uuid)
    WHERE parent_image_uuid IS NOT NULL;
CREATE INDEX IF NOT EXISTS images_parent_content ON images (parent_content_id)
    WHERE parent_content_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS images_seed ON images (seed) WHERE seed IS NOT NULL;
CREATE INDEX IF NOT EXISTS images_task ON images (task_uuid) WHERE task_uuid IS NOT NULL;
CREATE INDEX IF NOT EXISTS images_edits ON images (created, id)
    WHERE parent_content_id IS NOT NULL OR parent_image_uuid IS NOT NULL;
CREATE INDEX IF NOT EXISTS images_with_references ON images (created, id) WHERE has_references = 1;
CREATE INDEX IF NOT EXISTS images_favourite ON images (created, id) WHERE favourite = 1;

CREATE VIRTUAL TABLE IF NOT EXISTS prompt_fts USING fts5 (
    words, cjk, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);

-- The current marks, keyed by content identity so they follow a file through moves and renames.
-- (images.favourite/rating are copies of this table for fast filtering and sorting.)
CREATE TABLE IF NOT EXISTS marks (
    content_id TEXT PRIMARY KEY,
    favourite INTEGER NOT NULL DEFAULT 0,
    rating INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS boards (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS board_members (
    board_id INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    content_id TEXT NOT NULL,
    PRIMARY KEY (board_id, content_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS board_members_content ON board_members (content_id);
CREATE TABLE IF NOT EXISTS tags (
    tag TEXT NOT NULL,
    content_id TEXT NOT NULL,
    PRIMARY KEY (tag, content_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tags_content ON tags (content_id);
"""
# Added after version 1 shipped: an index without it gains it when opened (see _add_later_indexes).
LATER_INDEXES = {
    FACET_INDEX: f"CREATE INDEX IF NOT EXISTS {FACET_INDEX} ON images ({', '.join(FACET_COLUMNS)})",
}
SCHEMA += "".join(f"{statement};\n" for statement in LATER_INDEXES.values())
# Columns added after version 1 shipped (already in CREATE TABLE above for a new index): an older
# index gains them when opened; an older app ignores them, and its rows get the default.
LATER_COLUMNS = {
    "model": "ALTER TABLE images ADD COLUMN model TEXT NOT NULL DEFAULT ''",  # Runware AIR id (issue 18)
}


class CorruptIndex(Exception):
    """The index file cannot be used: not a database, damaged pages, or a schema from a newer version."""


# Only these mean the file itself is bad (set it aside and rebuild). Locked, read-only, can't-open and
# disk I/O errors say nothing about the file: setting a healthy index aside for them would lose it.
DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
BUSY_TIMEOUT_S = 30.0
# SQLite's WAL needs shared memory between the processes that open the file, which network file
# systems do not provide (https://www.sqlite.org/wal.html, "WAL does not work over a network
# filesystem"): a library on a NAS uses the rollback journal instead.
NETWORK_FILESYSTEMS = ("nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "9p", "fuse.sshfs")


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether an error SQLite raised says the index file is damaged (and not merely unavailable)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in DAMAGE_CODES


# A browsing connection maps the index (searches ~10 % faster than through read()) and keeps a large
# page cache. A background one (folder sync, saver) reads it once through and then writes single rows:
# mapped, its one full pass would stay resident, counted in the app's memory (~70 MB per 100,000
# images), for nothing.
BROWSING_MMAP_BYTES = 256 * 1024 * 1024
BROWSING_CACHE_KIB = 32_000
BACKGROUND_CACHE_KIB = 2_000


def connect(path: Path, *, browsing: bool = True) -> tuple[sqlite3.Connection, bool]:
    """Open (creating if needed) the index. Returns the connection and whether the schema is new.

    Raises CorruptIndex when the file is not a healthy index, IndexUnavailable when it cannot be used
    now for another reason (locked, read-only, unreadable).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    new_file = not path.exists()
    try:
        # check_same_thread=False: the Library serialises access with its own lock and is shared by the
        # GUI thread, the folder watcher and the job pipeline.
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise _unavailable(path, exc) from exc
    if new_file:
        # SQLite makes it 0644 whatever the umask; as the umask says, like the pictures beside it (its
        # -wal and -shm files copy the index's mode).
        with contextlib.suppress(OSError):
            path.chmod(SHARED_FILE_MODE)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        _choose_journal(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{BROWSING_CACHE_KIB if browsing else BACKGROUND_CACHE_KIB}")
        conn.execute(f"PRAGMA mmap_size = {BROWSING_MMAP_BYTES if browsing else 0}")
        if version > SCHEMA_VERSION:
            raise CorruptIndex(f"index schema {version} is newer than this version understands")
        created = version == 0
        if created:
            conn.execute("BEGIN IMMEDIATE")
            # Another process may have created it between our read and the lock.
            if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                for statement in _statements(SCHEMA):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            else:
                created = False
            conn.execute("COMMIT")
        else:
            _check(conn)
            _add_later_columns(conn, path)
            _add_later_indexes(conn, path)
    except sqlite3.Error as exc:
        conn.close()
        if is_damage(exc):
            raise CorruptIndex(str(exc)) from exc
        raise _unavailable(path, exc) from exc
    except CorruptIndex:
        conn.close()
        raise
    return conn, created


def _unavailable(path: Path, exc: sqlite3.Error) -> IndexUnavailable:
    log.warning(
        "The library index %s cannot be used (%s): %s", path, getattr(exc, "sqlite_errorname", ""), exc
    )
    return IndexUnavailable(path, str(exc))


def _choose_journal(conn: sqlite3.Connection, path: Path) -> None:
    """WAL (readers never wait for the writer) where SQLite supports it, else the rollback journal."""
    if not network_filesystem(path):
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal":
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode == "wal":
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # maps the -shm file
                conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no committed data
                return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF not in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
                raise
        log.warning("SQLite cannot use WAL for %s: using the rollback journal", path)
    # Switching away from WAL needs every other connection closed; if one is open, it stays WAL.
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")


_OCTAL = re.compile(r"\\([0-7]{3})")


def network_filesystem(path: Path, mounts: str | None = None) -> bool:
    """Whether ``path`` lies on a network file system (Linux: its mount's type in /proc/mounts)."""
    if mounts is None:
        if not sys.platform.startswith("linux"):
            return False
        try:
            with open("/proc/mounts", encoding="utf-8", errors="replace") as handle:
                mounts = handle.read()
        except OSError:
            return False
    target = os.path.realpath(path)
    best, best_type = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # /proc/mounts writes a space in a mount point as \040 (and tab, newline, backslash likewise).
        point = _OCTAL.sub(lambda m: chr(int(m[1], 8)), fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type in NETWORK_FILESYSTEMS or best_type.startswith("smb")


def _statements(script: str) -> list[str]:
    out: list[str] = []
    current = ""
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        current += line + "\n"
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return out


def _check(conn: sqlite3.Connection) -> None:
    # Touch every table and the FTS structure: a damaged header or root page fails here, at open,
    # not in the middle of the user's work. A full integrity_check would read the whole file (slow
    # on 100,000 images); damage deeper down surfaces as DatabaseError and is handled by the caller.
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    missing = {"images", "prompt_fts", "marks", "boards", "board_members", "tags"} - names
    if missing:
        raise CorruptIndex(f"index is missing tables: {', '.join(sorted(missing))}")
    conn.execute("SELECT max(id) FROM images").fetchone()
    conn.execute("SELECT count(*) FROM boards").fetchone()
    conn.execute("SELECT rowid FROM prompt_fts WHERE prompt_fts MATCH 'words:x' LIMIT 1").fetchall()


def _add_later_columns(conn: sqlite3.Connection, path: Path) -> None:
    """Add the columns an older index lacks (a quick schema change, no row is rewritten). Waits for
    another writer like any write; read-only, it stays as it is (nothing can be indexed into it then)."""
    if all(_has_column(conn, name) for name in LATER_COLUMNS):
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        for name, statement in LATER_COLUMNS.items():
            if not _has_column(conn, name):  # another process may have added it meanwhile
                conn.execute(statement)
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        log.info("Could not add columns to %s now (%s)", path, exc)


def _has_column(conn: sqlite3.Connection, name: str) -> bool:
    return any(row[1] == name for row in conn.execute("PRAGMA table_info(images)"))


def _add_later_indexes(conn: sqlite3.Connection, path: Path) -> None:
    """Create the indexes an older index lacks (~0.1 s per 100,000 images, once). Read-only or busy:
    searches work without them (only slower), so opening goes on and a later open tries again."""
    missing = [sql for name, sql in LATER_INDEXES.items() if not has_index(conn, name)]
    if not missing:
        return
    # No waiting for another writer: opening must not stall on an optional index.
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
        for statement in missing:
            conn.execute(statement)
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        log.info("Could not add indexes to %s now (%s): searches stay slower", path, exc)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")


def has_index(conn: sqlite3.Connection, name: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone()
        is not None
    )


def set_aside(index_path: Path) -> Path:
    """Move a damaged index (and its -wal/-shm) to index.corrupt-<time>.sqlite3, kept for inspection."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = index_path.with_name(f"index.corrupt-{stamp}.sqlite3")
    n = 1
    while aside.exists():
        aside, n = index_path.with_name(f"index.corrupt-{stamp}-{n}.sqlite3"), n + 1
    os.replace(index_path, aside)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{index_path}{suffix}", f"{aside}{suffix}")
    return aside
