"""Every prompt the designer generated with, kept in SQLite: recall, search and pinning, no 100-prompt cap."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from seedream_desktop.config import Paths

if TYPE_CHECKING:
    import sqlite3

# Far beyond what anyone scrolls through (InvokeAI's 100-prompt cap is a known complaint); only
# unpinned prompts are ever evicted, oldest first, so a pinned prompt stays for good.
DEFAULT_LIMIT = 50_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS prompts (
    text TEXT PRIMARY KEY,
    pinned INTEGER NOT NULL DEFAULT 0,
    uses INTEGER NOT NULL DEFAULT 1,
    used_at REAL NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS prompts_seq ON prompts(seq);
"""


@dataclass(frozen=True, slots=True)
class PromptEntry:
    text: str
    pinned: bool
    uses: int
    used_at: float


class PromptHistory:
    """The prompt history file (``prompts.sqlite3`` in the data folder).

    Each call opens and closes its own connection: the history is touched a few times per
    generation, and no connection outlives the call, so nothing leaks between widgets and threads.
    """

    def __init__(self, path: Path, limit: int = DEFAULT_LIMIT) -> None:
        self.path = path
        self.limit = limit
        path.parent.mkdir(parents=True, exist_ok=True)
        # The window makes its history before the first frame but reads it only later (the popup, Ctrl+Up):
        # the file is opened, and its tables made, on first use.
        self._schema_made = False

    @classmethod
    def in_paths(cls, paths: Paths) -> PromptHistory:
        return cls(paths.data / "prompts.sqlite3")

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        import sqlite3

        db = sqlite3.connect(self.path)
        try:
            with db:  # one transaction: committed on success, rolled back on error
                if not self._schema_made:
                    db.executescript(_SCHEMA)
                    self._schema_made = True
                yield db
        finally:
            db.close()

    # ---- writing ------------------------------------------------------------------------------
    def add(self, prompt: str) -> None:
        """Record a prompt that was generated with; a repeated prompt moves to the top."""
        if not prompt.strip():
            return
        with self._connect() as db:
            seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM prompts").fetchone()[0]
            db.execute(
                "INSERT INTO prompts(text, used_at, seq) VALUES (?, ?, ?) "
                "ON CONFLICT(text) DO UPDATE SET uses = uses + 1, used_at = excluded.used_at, "
                "seq = excluded.seq",
                (prompt, time.time(), seq),
            )
            db.execute(
                "DELETE FROM prompts WHERE pinned = 0 AND seq NOT IN "
                "(SELECT seq FROM prompts WHERE pinned = 0 ORDER BY seq DESC LIMIT ?)",
                (self.limit,),
            )

    def pin(self, prompt: str, pinned: bool = True) -> None:
        with self._connect() as db:
            db.execute("UPDATE prompts SET pinned = ? WHERE text = ?", (int(pinned), prompt))

    def remove(self, prompt: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM prompts WHERE text = ?", (prompt,))

    # ---- reading ------------------------------------------------------------------------------
    def recent(self, limit: int | None = None) -> list[PromptEntry]:
        """Newest first, pinned or not: the order Alt+Up walks through."""
        return self._query("", "seq DESC", limit)

    def listing(self, search: str = "", limit: int | None = None) -> list[PromptEntry]:
        """Pinned prompts first, then newest first; ``search`` keeps prompts containing the text."""
        return self._query(search, "pinned DESC, seq DESC", limit)

    def __len__(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM prompts").fetchone()[0])

    def _query(self, search: str, order: str, limit: int | None) -> list[PromptEntry]:
        sql = "SELECT text, pinned, uses, used_at FROM prompts"
        params: list[object] = []
        if search:
            escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            sql += " WHERE text LIKE ? ESCAPE '\\'"
            params.append(f"%{escaped}%")
        sql += f" ORDER BY {order} LIMIT ?"
        params.append(-1 if limit is None else limit)
        with self._connect() as db:
            rows = db.execute(sql, params).fetchall()
        return [PromptEntry(text, bool(pinned), uses, used_at) for text, pinned, uses, used_at in rows]
