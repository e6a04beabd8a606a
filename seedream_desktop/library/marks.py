"""The marks journal: favourites, ratings, boards and tags as an append-only sidecar that outlives the index.

Every change the user makes is appended as one JSON line to ``<library>/.seedream/marks.jsonl``, keyed
by content identity (never by path), before the index is updated. The SQLite index holds the current
state for fast queries; when the index is deleted or found corrupt, replaying this journal restores
every mark, also for files that were moved or renamed in the meantime.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

JOURNAL_VERSION = 1


@dataclass
class BoardState:
    uid: str
    name: str
    members: set[str] = field(default_factory=set)


@dataclass
class MarksState:
    """The marks after replaying a journal: what a rebuilt index starts from."""

    favourites: set[str] = field(default_factory=set)
    ratings: dict[str, int] = field(default_factory=dict)
    boards: dict[str, BoardState] = field(default_factory=dict)  # by uid, in creation order
    tags: dict[str, set[str]] = field(default_factory=dict)  # tag -> content ids
    # A file the app rewrote (marks into its own XMP) has a new identity: old -> new, for the edits
    # whose records name the old one as their parent.
    rewritten: dict[str, str] = field(default_factory=dict)

    def apply(self, entry: dict[str, Any]) -> None:
        op = entry.get("op")
        ids = [str(i) for i in entry.get("ids", ())]
        if op == "favourite":
            if entry.get("on"):
                self.favourites.update(ids)
            else:
                self.favourites.difference_update(ids)
        elif op == "rating":
            rating = max(0, min(5, int(entry.get("rating", 0))))
            for cid in ids:
                if rating:
                    self.ratings[cid] = rating
                else:
                    self.ratings.pop(cid, None)
        elif op == "board_create":
            uid = str(entry["board"])
            self.boards.setdefault(uid, BoardState(uid, str(entry.get("name", ""))))
        elif op == "board_rename" and entry.get("board") in self.boards:
            self.boards[str(entry["board"])].name = str(entry.get("name", ""))
        elif op == "board_delete":
            self.boards.pop(str(entry.get("board")), None)
        elif op == "board_add" and entry.get("board") in self.boards:
            self.boards[str(entry["board"])].members.update(ids)
        elif op == "board_remove" and entry.get("board") in self.boards:
            self.boards[str(entry["board"])].members.difference_update(ids)
        elif op == "tag_add":
            self.tags.setdefault(str(entry["tag"]), set()).update(ids)
        elif op == "tag_remove" and entry.get("tag") in self.tags:
            members = self.tags[str(entry["tag"])]
            members.difference_update(ids)
            if not members:
                del self.tags[str(entry["tag"])]
        elif op == "rewritten":
            self.rewritten[str(entry["from"])] = str(entry["to"])
        # Unknown operations come from a newer version: skipped, never fatal.


class MarksJournal:
    """Append-only JSON-lines file. One ``write`` per entry in append mode, so two processes can share it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, op: str, **fields: Any) -> None:
        entry = {"v": JOURNAL_VERSION, "at": datetime.now(UTC).isoformat(timespec="seconds"), "op": op}
        entry.update(fields)
        line = (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # O_APPEND makes each write land at the end even when another process appends at the same time.
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)  # as the umask says
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    def entries(self) -> Iterator[dict[str, Any]]:
        """Every readable entry in order; a torn last line (crash mid-write) or garbage line is skipped."""
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    entry = json.loads(line)
                except (ValueError, RecursionError):  # garbage, or nested thousands deep
                    continue
                if isinstance(entry, dict):
                    yield entry

    def replay(self) -> MarksState:
        state = MarksState()
        for entry in self.entries():
            try:
                state.apply(entry)
            except (KeyError, TypeError, ValueError):
                continue
        return state


def ids_list(content_ids: Iterable[str]) -> list[str]:
    """Content ids for a journal entry: unique, in a stable order."""
    return sorted(set(content_ids))
