"""Reconciling the index with the folder: walk by stat, read only new or changed files, detect moves.

A file whose size and mtime match its row is not opened. New and changed files are read (content
identity and embedded record) in a process pool when there are many, so both cores parse metadata.
A new file whose content identity matches a row whose file has disappeared is a move: the row keeps
its id, marks, boards and lineage and only its path changes.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from seedream_desktop.library import store
from seedream_desktop.library.embedded_marks import read_in_files
from seedream_desktop.library.entry import ScanReport
from seedream_desktop.library.identity import disambiguated, full_digest, is_complete, prefetch, quick_id
from seedream_desktop.library.rows import FileFacts, facts_from, is_library_file
from seedream_desktop.library.sidecar import is_sidecar_name
from seedream_desktop.library.sidecar_sync import read_back
from seedream_desktop.regular_files import reason_for

if TYPE_CHECKING:
    from seedream_desktop.library.index import Library
    from seedream_desktop.library.notice import LibraryNotice

Progress = Callable[[int, int], None]
Stat = tuple[int, int]  # size, mtime_ns
BATCH = 500  # rows written per transaction, and files per progress report
CHUNK = 32  # files per task sent to a worker process


is_image_name = is_library_file  # the one rule of what the library holds (rows.py)


def walk(root: Path, under: str = "", sidecars: dict[str, int] | None = None) -> dict[str, Stat]:
    """Every image file below ``root`` (or below its subfolder ``under``): relative path → (size, mtime).
    ``sidecars`` is filled with the XMP sidecars seen on the way: relative path → mtime_ns."""
    found: dict[str, Stat] = {}
    start = root / under if under else root
    stack = [(f"{under.rstrip('/')}/" if under else "", str(start))]
    while stack:
        prefix, folder = stack.pop()
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if not entry.name.startswith("."):
                            stack.append((f"{prefix}{entry.name}/", entry.path))
                    elif is_image_name(entry.name) and entry.is_file():
                        st = entry.stat()
                        found[prefix + entry.name] = (st.st_size, st.st_mtime_ns)
                    elif sidecars is not None and is_sidecar_name(entry.name) and entry.is_file():
                        sidecars[prefix + entry.name] = entry.stat().st_mtime_ns
                except OSError:
                    continue  # vanished or unreadable while we looked
    return found


def inspect(root: str, rel: str, stat: Stat, content_id: str | None = None) -> FileFacts | tuple[str, str]:
    """One file's facts, or ``(rel, error)``. Runs in worker processes: plain arguments only."""
    from seedream_desktop.library.metadata import read_image_info

    path = Path(root, rel)
    try:
        cid = content_id or quick_id(path, stat[0])
    except OSError as exc:
        return rel, reason_for(exc)
    try:
        info = read_image_info(path)
    except Exception as exc:  # a damaged file is still listed (so it can be found and deleted)
        facts = facts_from(rel, cid, stat[0], stat[1], 0, 0, "", None)
        return facts if isinstance(exc, OSError | ValueError | SyntaxError) else (rel, repr(exc))
    if info is None:
        return facts_from(rel, cid, stat[0], stat[1], 0, 0, "", None)
    facts = facts_from(rel, cid, stat[0], stat[1], info.width, info.height, info.format, info.record)
    return replace(facts, notice=info.notice) if info.notice is not None else facts


def _inspect_chunk(root: str, items: list[tuple[str, Stat, str | None]]) -> list[FileFacts | tuple[str, str]]:
    for rel, stat, cid in items:
        if cid is None:
            prefetch(Path(root, rel), stat[0])
    return [inspect(root, rel, stat, cid) for rel, stat, cid in items]


@dataclass
class Tally:
    added: int = 0
    updated: int = 0
    removed: int = 0
    moved: int = 0
    unchanged: int = 0
    errors: list[tuple[Path, str]] = field(default_factory=list)
    notices: list[tuple[Path, LibraryNotice]] = field(default_factory=list)

    def report(self) -> ScanReport:
        return ScanReport(
            self.added, self.updated, self.removed, self.moved, self.unchanged, self.errors, self.notices
        )


class Reconcile:
    """One pass bringing the index in line with what is on disk for a set of paths."""

    def __init__(self, library: Library, progress: Progress | None = None) -> None:
        self.library = library
        self.conn: sqlite3.Connection = library._conn
        self.root = library.root
        self.progress = progress
        self.tally = Tally()

    # ---- the whole folder -----------------------------------------------------------------------
    def everything(self) -> ScanReport:
        sidecars: dict[str, int] = {}
        disk = walk(self.root, sidecars=sidecars)
        known = {
            row[0]: (row[1], row[2], row[3], row[4])
            for row in self.conn.execute("SELECT path, id, file_size, mtime_ns, content_id FROM images")
        }
        report = self._run(disk, known, missing_is_gone=True)
        read_back(self.library, sidecars)  # marks set in Lightroom, Bridge, digiKam…
        return report

    # ---- a few paths (the watcher's batches) ------------------------------------------------------
    def paths(self, paths: Iterable[Path]) -> ScanReport:
        disk: dict[str, Stat] = {}
        sidecars: dict[str, int] = {}
        known: dict[str, tuple[int, int, int, str]] = {}
        for path in paths:
            rel = self.library.relative(path)
            if rel is None:
                continue
            if Path(path).is_dir():
                disk.update(walk(self.root, rel, sidecars))
            else:
                try:
                    st = Path(path).stat()
                    if is_image_name(Path(path).name):
                        disk[rel] = (st.st_size, st.st_mtime_ns)
                    elif is_sidecar_name(Path(path).name):
                        sidecars[rel] = st.st_mtime_ns
                except OSError:
                    pass
            # The path may have been a folder (now gone or moved): its rows are all under "rel/".
            rows = self.conn.execute(
                "SELECT path, id, file_size, mtime_ns, content_id FROM images "
                "WHERE path = ? OR (path >= ? AND path < ?)",
                (rel, rel + "/", rel + "0"),  # "0" sorts right after "/": everything under the folder
            )
            for row in rows:
                known[row[0]] = (row[1], row[2], row[3], row[4])
        report = self._run(disk, known, missing_is_gone=False)
        read_back(self.library, sidecars)
        return report

    # ---- the reconcile itself ----------------------------------------------------------------------
    def _run(
        self, disk: dict[str, Stat], known: dict[str, tuple[int, int, int, str]], missing_is_gone: bool
    ) -> ScanReport:
        for rel in [rel for rel in disk if not storable_name(rel)]:
            del disk[rel]
            self.tally.errors.append((self.root / rel, UNSTORABLE_NAME))
        changed: list[str] = []
        for rel, (_, size, mtime_ns, _) in known.items():
            if rel in disk:
                if disk[rel] == (size, mtime_ns):
                    self.tally.unchanged += 1
                else:
                    changed.append(rel)
        new = [rel for rel in disk if rel not in known]
        missing = {rel: known[rel] for rel in known if rel not in disk}

        # Moves: only possible when some row lost its file (here, or anywhere for a partial pass).
        ids_for_new: dict[str, str] = {}
        if new and (missing or not missing_is_gone):
            ids_for_new = self._quick_ids(new, disk)
            new = self._moves(new, disk, ids_for_new, missing, missing_is_gone)

        with self.library._write() as conn:
            self.tally.removed += store.delete(conn, (row[0] for row in missing.values()))

        todo = [(rel, disk[rel], ids_for_new.get(rel)) for rel in new]
        todo += [(rel, disk[rel], None) for rel in changed]
        self._read_and_write(todo, known)
        read_in_files(self.library, [t[0] for t in todo])  # marks Lightroom & co. wrote into files
        return self.tally.report()

    def _quick_ids(self, rels: list[str], disk: dict[str, Stat]) -> dict[str, str]:
        # Hashing 128 KiB releases the GIL: threads use both cores without process start-up cost.
        def one(rel: str) -> tuple[str, str | None]:
            try:
                return rel, quick_id(self.root / rel, disk[rel][0])
            except OSError:
                return rel, None

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            return {rel: cid for rel, cid in pool.map(one, rels) if cid}

    def _moves(
        self,
        new: list[str],
        disk: dict[str, Stat],
        ids_for_new: dict[str, str],
        missing: dict[str, tuple[int, int, int, str]],
        missing_is_gone: bool,
    ) -> list[str]:
        by_content: dict[str, list[str]] = {}
        for rel, (_, _, _, cid) in missing.items():
            by_content.setdefault(cid, []).append(rel)
        still_new: list[str] = []
        with self.library._write() as conn:
            for rel in new:
                cid = ids_for_new.get(rel, "")
                image_id = 0
                if cid and by_content.get(cid):
                    image_id = missing.pop(by_content[cid].pop())[0]
                elif cid and not missing_is_gone:
                    image_id = self._row_with_lost_file(cid)
                if image_id:
                    # Another connection (the job pipeline, a second app or a CLI scan) may have
                    # indexed the new path meanwhile: its row stands for the file, the old one goes.
                    if store.row_at(conn, rel) is not None:
                        store.delete(conn, [image_id])
                    else:
                        store.move(conn, image_id, rel, *disk[rel])
                    self.tally.moved += 1
                else:
                    still_new.append(rel)
        return still_new

    def _row_with_lost_file(self, content_id: str) -> int:
        for image_id, rel in self.conn.execute(
            "SELECT id, path FROM images WHERE content_id = ?", (content_id,)
        ).fetchall():
            if not (self.root / rel).exists():
                return int(image_id)
        return 0

    def _read_and_write(
        self, todo: list[tuple[str, Stat, str | None]], known: dict[str, tuple[int, int, int, str]]
    ) -> None:
        total = len(todo)
        if self.progress:
            self.progress(0, total)
        pending: list[FileFacts] = []
        for done, result in enumerate(self._inspect_all(todo), start=1):
            if isinstance(result, tuple):
                self.tally.errors.append((self.root / result[0], result[1]))
            else:
                if result.notice is not None:
                    self.tally.notices.append((self.root / result.path, result.notice))
                pending.append(result)
            if len(pending) >= BATCH:
                self._write_facts(pending, known)
                pending = []
            if self.progress and (done % BATCH == 0 or done == total):
                self.progress(done, total)
        if pending:
            self._write_facts(pending, known)

    def _inspect_all(self, todo: list[tuple[str, Stat, str | None]]) -> Iterator[FileFacts | tuple[str, str]]:
        root = str(self.root)
        todo = _in_disk_order(todo)
        if len(todo) < self.library.pool_threshold:
            for rel, stat, cid in todo:
                yield inspect(root, rel, stat, cid)
            return
        chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
        with _process_pool() as pool:
            for results in pool.map(_inspect_chunk, [root] * len(chunks), chunks):
                yield from results

    def _write_facts(self, batch: list[FileFacts], known: dict[str, tuple[int, int, int, str]]) -> None:
        with self.library._write() as conn:
            for facts in batch:
                facts = settle_collision(conn, self.root, facts)
                old = known.get(facts.path)
                if old is None:
                    if store.insert_if_absent(conn, facts) is not None:
                        self.tally.added += 1
                        continue
                    # Indexed by another connection since we read the index (outside this transaction).
                    old = store.row_at(conn, facts.path)
                    if old is None:
                        continue
                if old[3] == facts.content_id:
                    store.touch(conn, old[0], facts.file_size, facts.mtime_ns)
                    self.tally.unchanged += 1
                elif store.replace(conn, old[0], facts):
                    self.library._carry_marks(conn, old[3], facts.content_id)
                    self.tally.updated += 1
                elif store.insert_if_absent(conn, facts) is not None:
                    self.tally.added += 1


# A file name that is not text (bytes that are no UTF-8, as some old archives and cameras write) cannot
# be stored in the index, which keeps paths as text: the file is reported, and the rest indexed.
UNSTORABLE_NAME = "its name is not valid UTF-8 text; rename the file to list it in the library"


def storable_name(rel: str) -> bool:
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:  # os.scandir gave the undecodable bytes as lone surrogates
        return False
    return True


def settle_collision(conn: sqlite3.Connection, root: Path, facts: FileFacts) -> FileFacts:
    """Equal quick ids for two present files: a copy (same bytes) keeps it, and a real collision
    (different bytes) gets the quick id plus its full hash. The caller holds the write transaction."""
    if is_complete(facts.content_id):
        return facts
    other = conn.execute(
        "SELECT path FROM images WHERE content_id = ? AND path != ? LIMIT 1",
        (facts.content_id, facts.path),
    ).fetchone()
    if other is None:
        return facts
    try:
        if full_digest(root / other[0]) == full_digest(root / facts.path):
            return facts
        cid = disambiguated(facts.content_id, root / facts.path)
    except OSError:
        return facts
    return FileFacts(**{**{n: getattr(facts, n) for n in facts.__slots__}, "content_id": cid})


def _in_disk_order(todo: list[tuple[str, Stat, str | None]]) -> list[tuple[str, Stat, str | None]]:
    # Each folder's files in name order, not the directory's (hash) order: files written one after
    # another lie one after another on disk, so a cold first index reads far less scattered (10,000
    # files: 14.5 → 10 s). Folders keep the walk's order, so new rows get their ids as before.
    folders: dict[str, int] = {}

    def key(item: tuple[str, Stat, str | None]) -> tuple[int, str]:
        return folders.setdefault(item[0].rpartition("/")[0], len(folders)), item[0]

    return sorted(todo, key=key)


def _process_pool() -> Executor:
    # "spawn"/"forkserver", never fork: forking a process that runs threads (Qt, the watcher) can deadlock.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(
        max_workers=os.cpu_count() or 2, mp_context=multiprocessing.get_context(method)
    )
