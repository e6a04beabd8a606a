"""The user's marks on a Library's images: favourite, rating, boards and tags (no Qt).

Each change is written to the marks journal first (marks.py) and then to the index, so a lost or
damaged index loses none of them. Marks are keyed by content identity, so they follow a file through
moves, renames and (``_carry_marks``) a re-save in place. Library (index.py) inherits this.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from seedream_desktop.library.entry import Board
from seedream_desktop.library.marks import MarksJournal, MarksState, ids_list
from seedream_desktop.library.sidecar import NAMING_OFF

if TYPE_CHECKING:
    from seedream_desktop.library.sidecar_sync import SidecarWriter

BoardRef = Board | int | str
_Method = TypeVar("_Method", bound=Callable[..., None])


def _holding_lock(method: _Method) -> _Method:
    """From finding an image's content id to saving its mark: a file being rewritten with its marks
    (embedded_marks.py) takes a new content id under the same lock, so no mark lands on the old one."""

    @functools.wraps(method)
    def locked(self: LibraryMarks, *args: Any, **kwargs: Any) -> None:
        with self._lock:
            method(self, *args, **kwargs)

    return cast(_Method, locked)


ID_CHUNK = 500  # ids per IN (…) query


class LibraryMarks:
    """Needs from the Library: its connection, its lock, its marks journal and its write transaction."""

    _conn: sqlite3.Connection
    _lock: threading.RLock
    journal: MarksJournal
    root: Path
    _sidecar_tables: object = None  # the connection in which sidecar_sync's tables are known to exist
    _sidecars_quiet = False  # marks being taken from a sidecar: not written back to it
    _sidecar_naming: str | None = None
    _sidecar_writer: SidecarWriter | None = None
    _marks_in_files: bool | None = None
    # Files re-saved by another tool in this scan: new content id → old (embedded_marks.read_in_files).
    _carried: dict[str, str] | None = None

    @property
    def sidecar_naming(self) -> str:
        """How marks are written as XMP sidecars (sidecar.NAMINGS): Settings' choice unless set here.
        Settings are read each time (a small file), so a change there applies to an open library too."""
        if self._sidecar_naming is None:
            from seedream_desktop.library.sidecar_sync import naming_setting

            return naming_setting()
        return self._sidecar_naming

    @sidecar_naming.setter
    def sidecar_naming(self, value: str) -> None:
        self._sidecar_naming = value

    @property
    def marks_in_files(self) -> bool:
        """Whether marks also go into the images' own XMP (embedded_marks.py): Settings' choice unless set here."""
        if self._marks_in_files is None:
            from seedream_desktop.library.embedded_marks import in_files_setting

            return in_files_setting()
        return self._marks_in_files

    @marks_in_files.setter
    def marks_in_files(self, value: bool) -> None:
        self._marks_in_files = value

    def _marks_changed(self, cids: list[str]) -> None:
        """After a mark changed in the index: note when (for sidecar conflicts) and write the sidecars
        (and, when asked, the files' own XMP)."""
        if not cids:
            return
        sidecars, in_files = self.sidecar_naming != NAMING_OFF, self.marks_in_files
        if not sidecars and not in_files:
            return
        from seedream_desktop.library import sidecar_sync

        if not sidecar_sync.ensure_tables(self):
            return
        with self._write() as conn:
            sidecar_sync.record_mark_times(conn, cids)
        if self._sidecar_writer is None:
            self._sidecar_writer = sidecar_sync.SidecarWriter(self)
        # Marks taken from a sidecar are not written back to it; the file's own XMP still takes them.
        self._sidecar_writer.queue(cids, sidecars=sidecars and not self._sidecars_quiet, in_files=in_files)

    def flush_sidecars(self, timeout: float | None = None) -> bool:
        """Wait for the XMP sidecars of marks already set (they are written in the background)."""
        return self._sidecar_writer.flush(timeout) if self._sidecar_writer is not None else True

    def _members(self, board_id: int) -> list[str]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT content_id FROM board_members WHERE board_id = ?", (board_id,)
            ).fetchall()
        return [str(r[0]) for r in rows]

    def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _content_ids(self, image_ids: Iterable[int]) -> list[str]:
        ids = list(image_ids)
        found: list[str] = []
        # In chunks: Ctrl+A over 100,000 images would pass SQLite's limit of bound variables.
        for start in range(0, len(ids), ID_CHUNK):
            chunk = ids[start : start + ID_CHUNK]
            with self._lock:
                rows = self._conn.execute(
                    f"SELECT content_id FROM images WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
                ).fetchall()
            found += [row[0] for row in rows]
        return ids_list(found)

    def tags_on(self, image_ids: Iterable[int]) -> list[str]:
        """Every tag any of these images carries, sorted."""
        tags: set[str] = set()
        cids = self._content_ids(image_ids)
        for start in range(0, len(cids), ID_CHUNK):
            chunk = cids[start : start + ID_CHUNK]
            with self._lock:
                rows = self._conn.execute(
                    f"SELECT DISTINCT tag FROM tags WHERE content_id IN ({', '.join('?' for _ in chunk)})",
                    chunk,
                ).fetchall()
            tags.update(str(r[0]) for r in rows)
        return sorted(tags)

    def _set_marks(self, conn: sqlite3.Connection, cids: list[str], column: str, value: int) -> None:
        conn.executemany(
            f"INSERT INTO marks (content_id, {column}) VALUES (?, ?) "
            f"ON CONFLICT (content_id) DO UPDATE SET {column} = excluded.{column}",
            [(cid, value) for cid in cids],
        )
        conn.executemany(
            f"UPDATE images SET {column} = ? WHERE content_id = ?", [(value, cid) for cid in cids]
        )

    @_holding_lock
    def set_favourite(self, image_ids: Iterable[int], on: bool) -> None:
        cids = self._content_ids(image_ids)
        if not cids:
            return
        with self._lock:
            self.journal.append("favourite", ids=cids, on=bool(on))
            with self._write() as conn:
                self._set_marks(conn, cids, "favourite", int(bool(on)))
        self._marks_changed(cids)

    @_holding_lock
    def set_rating(self, image_ids: Iterable[int], rating: int) -> None:
        if not 0 <= int(rating) <= 5:
            raise ValueError("a rating is 0 to 5")
        cids = self._content_ids(image_ids)
        if not cids:
            return
        with self._lock:
            self.journal.append("rating", ids=cids, rating=int(rating))
            with self._write() as conn:
                self._set_marks(conn, cids, "rating", int(rating))
        self._marks_changed(cids)

    def _board_row(self, board: BoardRef) -> tuple[int, str, str]:
        if isinstance(board, Board):
            board = board.id
        column = "id" if isinstance(board, int) else "name"
        with self._lock:
            row = self._conn.execute(
                f"SELECT id, uid, name FROM boards WHERE {column} = ?", (board,)
            ).fetchone()
        if row is None:
            raise KeyError(f"no board {board!r}")
        return int(row[0]), str(row[1]), str(row[2])

    def boards(self) -> list[Board]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT b.id, b.uid, b.name, (SELECT count(*) FROM images i JOIN board_members m "
                "ON m.content_id = i.content_id WHERE m.board_id = b.id) FROM boards b ORDER BY b.name COLLATE NOCASE"
            ).fetchall()
        return [Board(*row) for row in rows]

    def boards_of(self, image_id: int) -> list[Board]:
        return [b for b in self.boards() if b.id in self._board_ids_of(image_id)]

    def _board_ids_of(self, image_id: int) -> set[int]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT board_id FROM board_members WHERE content_id = (SELECT content_id FROM images WHERE id = ?)",
                (image_id,),
            ).fetchall()
        return {int(r[0]) for r in rows}

    def create_board(self, name: str) -> Board:
        name = name.strip()
        if not name:
            raise ValueError("a board needs a name")
        uid = uuid.uuid4().hex
        with self._lock:
            if self._conn.execute("SELECT 1 FROM boards WHERE name = ?", (name,)).fetchone():
                raise ValueError(f"a board named {name!r} already exists")
            self.journal.append("board_create", board=uid, name=name)
            with self._write() as conn:
                cursor = conn.execute(
                    "INSERT INTO boards (uid, name, created) VALUES (?, ?, ?)", (uid, name, time.time())
                )
            return Board(int(cursor.lastrowid or 0), uid, name, 0)

    def rename_board(self, board: BoardRef, name: str) -> None:
        name = name.strip()
        if not name:
            raise ValueError("a board needs a name")
        with self._lock:
            board_id, uid, _ = self._board_row(board)
            self.journal.append("board_rename", board=uid, name=name)
            with self._write() as conn:
                conn.execute("UPDATE boards SET name = ? WHERE id = ?", (name, board_id))
            self._marks_changed(self._members(board_id))

    def delete_board(self, board: BoardRef) -> None:
        """Remove the board; its images stay where they are."""
        with self._lock:
            board_id, uid, _ = self._board_row(board)
            members = self._members(board_id)
            self.journal.append("board_delete", board=uid)
            with self._write() as conn:
                conn.execute("DELETE FROM board_members WHERE board_id = ?", (board_id,))
                conn.execute("DELETE FROM boards WHERE id = ?", (board_id,))
            self._marks_changed(members)

    @_holding_lock
    def add_to_board(self, image_ids: Iterable[int], board: BoardRef) -> None:
        cids = self._content_ids(image_ids)
        with self._lock:
            board_id, uid, _ = self._board_row(board)
            if not cids:
                return
            self.journal.append("board_add", board=uid, ids=cids)
            with self._write() as conn:
                conn.executemany(
                    "INSERT OR IGNORE INTO board_members (board_id, content_id) VALUES (?, ?)",
                    [(board_id, cid) for cid in cids],
                )
            self._marks_changed(cids)

    @_holding_lock
    def remove_from_board(self, image_ids: Iterable[int], board: BoardRef) -> None:
        cids = self._content_ids(image_ids)
        with self._lock:
            board_id, uid, _ = self._board_row(board)
            if not cids:
                return
            self.journal.append("board_remove", board=uid, ids=cids)
            with self._write() as conn:
                conn.executemany(
                    "DELETE FROM board_members WHERE board_id = ? AND content_id = ?",
                    [(board_id, cid) for cid in cids],
                )
            self._marks_changed(cids)

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with the number of indexed images carrying it, alphabetically."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT t.tag, count(i.id) FROM tags t JOIN images i ON i.content_id = t.content_id "
                "GROUP BY t.tag ORDER BY t.tag COLLATE NOCASE"
            ).fetchall()
        return [(str(r[0]), int(r[1])) for r in rows]

    def tags_of(self, image_id: int) -> list[str]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT tag FROM tags WHERE content_id = (SELECT content_id FROM images WHERE id = ?) ORDER BY tag",
                (image_id,),
            ).fetchall()
        return [str(r[0]) for r in rows]

    @_holding_lock
    def add_tag(self, image_ids: Iterable[int], tag: str) -> None:
        tag = tag.strip()
        if not tag:
            raise ValueError("a tag cannot be empty")
        cids = self._content_ids(image_ids)
        if not cids:
            return
        with self._lock:
            self.journal.append("tag_add", tag=tag, ids=cids)
            with self._write() as conn:
                conn.executemany(
                    "INSERT OR IGNORE INTO tags (tag, content_id) VALUES (?, ?)", [(tag, c) for c in cids]
                )
        self._marks_changed(cids)

    @_holding_lock
    def remove_tag(self, image_ids: Iterable[int], tag: str) -> None:
        cids = self._content_ids(image_ids)
        if not cids:
            return
        with self._lock:
            self.journal.append("tag_remove", tag=tag, ids=cids)
            with self._write() as conn:
                conn.executemany(
                    "DELETE FROM tags WHERE tag = ? AND content_id = ?", [(tag, c) for c in cids]
                )
        self._marks_changed(cids)

    def _restore_marks(self, state: MarksState) -> None:
        """Load replayed journal state into a fresh index (before any image row exists)."""
        with self._write() as conn:
            cids = state.favourites | set(state.ratings)
            conn.executemany(
                "INSERT OR REPLACE INTO marks (content_id, favourite, rating) VALUES (?, ?, ?)",
                [(cid, int(cid in state.favourites), state.ratings.get(cid, 0)) for cid in cids],
            )
            for board in state.boards.values():
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO boards (uid, name, created) VALUES (?, ?, ?)",
                    (board.uid, _free_name(conn, board.name), time.time()),
                )
                board_id = cursor.lastrowid
                conn.executemany(
                    "INSERT OR IGNORE INTO board_members (board_id, content_id) VALUES (?, ?)",
                    [(board_id, cid) for cid in board.members],
                )
            for tag, members in state.tags.items():
                conn.executemany(
                    "INSERT OR IGNORE INTO tags (tag, content_id) VALUES (?, ?)", [(tag, c) for c in members]
                )

    def _follow_rewrites(self, state: MarksState) -> None:
        """After a rebuild: edits whose records name a parent by an identity the app has since
        rewritten (embedded_marks.py) find it by the new one."""
        if not state.rewritten:
            return
        with self._write() as conn:
            for old in state.rewritten:
                new, seen = state.rewritten[old], {old}
                while new in state.rewritten and new not in seen:  # rewritten again since
                    seen.add(new)
                    new = state.rewritten[new]
                conn.execute(
                    "UPDATE images SET parent_content_id = ? WHERE parent_content_id = ?", (new, old)
                )

    def _carry_marks(self, conn: sqlite3.Connection, old: str, new: str) -> None:
        """A file's content changed in place (another tool re-saved it): its marks go with it."""
        if self._carried is None:
            self._carried = {}
        self._carried[new] = old  # for the marks in the file itself, read after the scan
        row = conn.execute("SELECT favourite, rating FROM marks WHERE content_id = ?", (old,)).fetchone()
        boards = conn.execute(
            "SELECT b.id, b.uid FROM board_members m JOIN boards b ON b.id = m.board_id WHERE m.content_id = ?",
            (old,),
        ).fetchall()
        tags = [r[0] for r in conn.execute("SELECT tag FROM tags WHERE content_id = ?", (old,))]
        if row and row[0]:
            self.journal.append("favourite", ids=[new], on=True)
            self._set_marks(conn, [new], "favourite", 1)
        if row and row[1]:
            self.journal.append("rating", ids=[new], rating=int(row[1]))
            self._set_marks(conn, [new], "rating", int(row[1]))
        for board_id, uid in boards:
            self.journal.append("board_add", board=uid, ids=[new])
            conn.execute(
                "INSERT OR IGNORE INTO board_members (board_id, content_id) VALUES (?, ?)", (board_id, new)
            )
        for tag in tags:
            self.journal.append("tag_add", tag=tag, ids=[new])
            conn.execute("INSERT OR IGNORE INTO tags (tag, content_id) VALUES (?, ?)", (tag, new))


def _free_name(conn: sqlite3.Connection, name: str) -> str:
    candidate, n = name, 2
    while conn.execute("SELECT 1 FROM boards WHERE name = ?", (candidate,)).fetchone():
        candidate, n = f"{name} ({n})", n + 1
    return candidate
