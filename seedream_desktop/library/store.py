"""Writing image rows and their full-text entries (the caller holds the transaction)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from seedream_desktop.library.fulltext import columns
from seedream_desktop.library.rows import FILE_COLUMNS, FileFacts

_MARKS = (
    "coalesce((SELECT favourite FROM marks WHERE content_id = ?), 0), "
    "coalesce((SELECT rating FROM marks WHERE content_id = ?), 0)"
)
_INSERT = (
    f"INSERT INTO images ({', '.join(FILE_COLUMNS)}, favourite, rating) "
    f"VALUES ({', '.join('?' for _ in FILE_COLUMNS)}, {_MARKS})"
)
_UPDATE = (
    f"UPDATE images SET {', '.join(f'{c} = ?' for c in FILE_COLUMNS)}, "
    f"(favourite, rating) = (SELECT {_MARKS}) WHERE id = ?"
)


def _index_text(conn: sqlite3.Connection, image_id: int, prompt: str) -> None:
    if prompt:
        words, cjk = columns(prompt)
        conn.execute("INSERT INTO prompt_fts (rowid, words, cjk) VALUES (?, ?, ?)", (image_id, words, cjk))


def _insert_row(conn: sqlite3.Connection, facts: FileFacts, sql: str) -> int | None:
    cursor = conn.execute(sql, (*facts.values(), facts.content_id, facts.content_id))
    if cursor.rowcount != 1:
        return None
    image_id = int(cursor.lastrowid or 0)
    _index_text(conn, image_id, facts.prompt)
    return image_id


def insert_if_absent(conn: sqlite3.Connection, facts: FileFacts) -> int | None:
    """Like ``insert``, but None (and nothing written) when another connection indexed the path first."""
    return _insert_row(conn, facts, f"{_INSERT} ON CONFLICT (path) DO NOTHING")


def row_at(conn: sqlite3.Connection, path: str) -> tuple[int, int, int, str] | None:
    """(id, file_size, mtime_ns, content_id) of the row for ``path``, if any."""
    row = conn.execute(
        "SELECT id, file_size, mtime_ns, content_id FROM images WHERE path = ?", (path,)
    ).fetchone()
    return None if row is None else (int(row[0]), int(row[1]), int(row[2]), str(row[3]))


def insert(conn: sqlite3.Connection, facts: FileFacts) -> int:
    """A new row for a file not yet in the index; its marks come from the marks table (by content)."""
    image_id = _insert_row(conn, facts, _INSERT)  # a path already indexed raises IntegrityError
    assert image_id is not None
    return image_id


def replace(conn: sqlite3.Connection, image_id: int, facts: FileFacts) -> bool:
    """New facts for a file the index knows (its content changed): same id, marks of the new content.
    False (nothing written) when another connection removed the row meanwhile."""
    if conn.execute(_UPDATE, (*facts.values(), facts.content_id, facts.content_id, image_id)).rowcount != 1:
        return False
    conn.execute("DELETE FROM prompt_fts WHERE rowid = ?", (image_id,))
    _index_text(conn, image_id, facts.prompt)
    return True


def upsert(conn: sqlite3.Connection, facts: FileFacts) -> int:
    row = row_at(conn, facts.path)
    if row is None:
        return insert(conn, facts)
    replace(conn, row[0], facts)
    return row[0]


def move(conn: sqlite3.Connection, image_id: int, rel: str, file_size: int, mtime_ns: int) -> None:
    """The file now lives at ``rel``: everything else (marks, lineage, id) stays."""
    conn.execute(
        "UPDATE images SET path = ?, file_size = ?, mtime_ns = ? WHERE id = ?",
        (rel, file_size, mtime_ns, image_id),
    )


def touch(conn: sqlite3.Connection, image_id: int, file_size: int, mtime_ns: int) -> None:
    conn.execute(
        "UPDATE images SET file_size = ?, mtime_ns = ? WHERE id = ?", (file_size, mtime_ns, image_id)
    )


def delete(conn: sqlite3.Connection, image_ids: Iterable[int]) -> int:
    ids = [(i,) for i in image_ids]
    conn.executemany("DELETE FROM images WHERE id = ?", ids)
    conn.executemany("DELETE FROM prompt_fts WHERE rowid = ?", ids)
    return len(ids)
