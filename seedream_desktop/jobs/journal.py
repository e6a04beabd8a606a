"""JobJournal: the SQLite (WAL) record of every job and image, written before a request leaves the machine."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from seedream_desktop.api import DEFAULT_API_URL
from seedream_desktop.api.errors import SeedreamError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.jobs.journal_schema import COUNTED_COST, create_or_upgrade
from seedream_desktop.jobs.journal_spend import SpendQueries
from seedream_desktop.jobs.rows import (
    PENDING,
    SAVED,
    ImageRow,
    JobRow,
    api_identity,
    error_columns,
    flag,
    image_from,
    job_from,
    timestamp,
)
from seedream_desktop.jobs.state import JobState, check_transition
from seedream_desktop.redaction import redact

log = logging.getLogger(__name__)


class JobJournal(SpendQueries):
    """One connection shared by the runner's loop thread and readers on other threads (under a lock).

    Durability: WAL with ``synchronous=FULL``. These writes are tiny and few (a handful per job), so an
    fsync per commit costs nothing next to the network, and FULL is what makes a journalled transition
    survive a power cut, not only a killed process (NORMAL+WAL may lose the last commits on power loss,
    which would be exactly the "sent but forgotten" job this journal exists to prevent).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._told_extra: set[str] = set()  # jobs whose surplus images were already logged
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10.0)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA busy_timeout=10000")
        with self._write():
            create_or_upgrade(self._db)

    # ---- lifetime -----------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> JobJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        # BEGIN IMMEDIATE takes the write lock up front, so two processes (GUI and CLI) never deadlock
        # upgrading a read transaction.
        with self._lock:
            if not durable:
                self._db.execute("PRAGMA synchronous=NORMAL")
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            finally:
                if not durable:
                    self._db.execute("PRAGMA synchronous=FULL")

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    # ---- jobs ---------------------------------------------------------------------------------
    def add_job(
        self, request: GenerationRequest, *, task_uuid: str | None = None, api_url: str | None = None
    ) -> JobRow:
        """Journal a new job as QUEUED for the API at ``api_url``; call this before the request can leave."""
        now = time.time()
        job_id = uuid.uuid4().hex[:12]
        task = task_uuid or GenerationRequest.new_task_uuid()
        payload = json.dumps(request.to_dict(), ensure_ascii=False)
        if not _is_utf8(payload):
            # A reference whose file name is not UTF-8 (its undecodable bytes kept as surrogates): SQLite
            # takes only valid UTF-8, and escaped JSON keeps the name exactly.
            payload = json.dumps(request.to_dict())
        with self._write() as db:
            db.execute(
                "INSERT INTO jobs (id, task_uuid, request, estimated_cost, state, api_url, created, updated)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    job_id,
                    task,
                    payload,
                    request.estimated_cost,
                    JobState.QUEUED.value,
                    api_identity(api_url),
                    now,
                    now,
                ),
            )
        return self.get(job_id)

    def get(self, job_id: str) -> JobRow:
        rows = self._query("SELECT * FROM jobs WHERE id = ?", (job_id,))
        if not rows:
            raise KeyError(job_id)
        return job_from(rows[0])

    def find(self, prefix: str) -> JobRow:
        """A job by its id or an unambiguous prefix of it (as people type it in the CLI)."""
        rows = self._query("SELECT * FROM jobs WHERE id LIKE ? ORDER BY created", (prefix.strip() + "%",))
        if len(rows) != 1:
            raise KeyError(prefix)
        return job_from(rows[0])

    def jobs(
        self,
        states: Iterable[JobState] | None = None,
        limit: int | None = None,
        *,
        api_url: str | None = None,
    ) -> list[JobRow]:
        """Jobs oldest first; with ``api_url``, only those sent to that API (NULL rows: the default one)."""
        sql = "SELECT * FROM jobs"
        where: list[str] = []
        params: list[Any] = []
        if states is not None:
            wanted = [s.value for s in states]
            where.append(f"state IN ({','.join('?' * len(wanted))})")
            params += wanted
        if api_url is not None:
            where.append("COALESCE(api_url, ?) = ?")
            params += [api_identity(DEFAULT_API_URL), api_identity(api_url)]
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY created, rowid"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [job_from(r) for r in self._query(sql, params)]

    def unfinished(self, *, api_url: str | None = None) -> list[JobRow]:
        return self.jobs([s for s in JobState if not s.finished], api_url=api_url)

    def set_state(
        self, job_id: str, state: JobState, *, error: SeedreamError | None = None, task_failed: bool = False
    ) -> JobRow:
        """Move a job along the state machine; entering FAILED records ``error``, leaving it clears it."""
        now = time.time()
        with self._write() as db:
            row = db.execute("SELECT state, started FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                raise KeyError(job_id)
            old = JobState(row["state"])
            check_transition(old, state)
            started = row["started"]
            if started is None and state not in (JobState.QUEUED, JobState.CANCELLED, JobState.FAILED):
                started = now
            finished = now if state.finished else None
            kind = code = message = params = None
            if error is not None:
                # Belt and braces: the client masks the key in every server text already.
                kind, code, message, params = (redact(column) for column in error_columns(error))
            db.execute(
                "UPDATE jobs SET state = ?, started = ?, finished = ?, error_kind = ?, error_code = ?,"
                " error_message = ?, error_params = ?, task_failed = ?, updated = ? WHERE id = ?",
                (state.value, started, finished, kind, code, message, params, int(task_failed), now, job_id),
            )
        return self.get(job_id)

    def mark_attempted(self, job_id: str) -> None:
        """Durably note that the task is about to be sent: from now on the server may have it."""
        self._update_job(job_id, attempted=1)

    def request_cancel(self, job_id: str) -> None:
        """Durably note the cancel first: a crash while the arrived images are saved still ends it cancelled."""
        self._update_job(job_id, cancel_requested=1)

    def mark_acked(self, job_id: str) -> None:
        self._update_job(job_id, acked=1, attempted=1)

    def set_reference_ids(self, job_id: str, ids: list[str]) -> None:
        self._update_job(job_id, reference_ids=json.dumps(ids))

    def renew_task(self, job_id: str) -> str:
        """Give a job a fresh taskUUID (only when the server never had the old one)."""
        task = GenerationRequest.new_task_uuid()
        self._update_job(job_id, task_uuid=task, attempted=0, acked=0, task_failed=0)
        return task

    def claim(self, job_id: str, pid: int | None = None) -> bool:
        """Take the job for this process unless another live process runs it (GUI and CLI at once)."""
        me = os.getpid() if pid is None else pid
        with self._write() as db:
            row = db.execute("SELECT owner_pid FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                raise KeyError(job_id)
            owner = row["owner_pid"]
            if owner is not None and owner != me and process_alive(owner):
                return False
            db.execute("UPDATE jobs SET owner_pid = ? WHERE id = ?", (me, job_id))
        return True

    def release(self, job_id: str, pid: int | None = None) -> None:
        me = os.getpid() if pid is None else pid
        with self._write() as db:
            db.execute("UPDATE jobs SET owner_pid = NULL WHERE id = ? AND owner_pid = ?", (job_id, me))

    def _update_job(self, job_id: str, **columns: Any) -> None:
        assignments = ", ".join(f"{name} = ?" for name in columns)
        with self._write() as db:
            cursor = db.execute(
                f"UPDATE jobs SET {assignments}, updated = ? WHERE id = ?",
                (*columns.values(), time.time(), job_id),
            )
            if cursor.rowcount != 1:
                raise KeyError(job_id)

    # ---- images -------------------------------------------------------------------------------
    def add_images(self, job_id: str, task_uuid: str, results: Iterable[Any]) -> list[ImageRow]:
        """Record results the server delivered (ImageResult-like); returns only the ones not seen before.

        Never more than the job asked for (numberResults, or the sequential maximum): a server that
        answers "1 image" with ten thousand gets the first ones kept and the rest ignored (not
        downloaded, not counted as spend), said once in the log.
        """
        now = time.time()
        added: list[str] = []
        ignored = 0
        with self._write() as db:
            row = db.execute("SELECT request FROM jobs WHERE id = ?", (job_id,)).fetchone()
            wanted = GenerationRequest.from_dict(json.loads(row["request"])).expected_images if row else 0
            count = db.execute("SELECT COUNT(*) FROM images WHERE job_id = ?", (job_id,)).fetchone()[0]
            for result in results:
                if count >= wanted:
                    known = db.execute(
                        "SELECT 1 FROM images WHERE image_uuid = ?", (result.image_uuid,)
                    ).fetchone()
                    ignored += known is None
                    continue
                cursor = db.execute(
                    "INSERT OR IGNORE INTO images (image_uuid, job_id, task_uuid, url, expires_at, seed, cost,"
                    " nsfw, cost_note, sequence_index, state, created, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        result.image_uuid,
                        job_id,
                        task_uuid,
                        getattr(result, "url", None),
                        timestamp(getattr(result, "expires_at", None)),
                        getattr(result, "seed", None),
                        getattr(result, "cost", None),
                        flag(getattr(result, "nsfw", None)),
                        getattr(result, "cost_note", None),
                        count,
                        PENDING,
                        now,
                        now,
                    ),
                )
                if cursor.rowcount == 1:
                    added.append(result.image_uuid)
                    count += 1
        if ignored and job_id not in self._told_extra:
            self._told_extra.add(job_id)
            log.warning(
                "job %s: Runware sent more images than the %d asked for; the extra ones were ignored"
                " (not downloaded, not counted)",
                job_id,
                wanted,
            )
        rows = [self.image(uuid_) for uuid_ in added]
        for image in rows:
            if image.cost_note:
                log.warning("job %s, image %s: %s", job_id, image.image_uuid, image.cost_note)
        return rows

    def image(self, image_uuid: str) -> ImageRow:
        rows = self._query("SELECT * FROM images WHERE image_uuid = ?", (image_uuid,))
        if not rows:
            raise KeyError(image_uuid)
        return image_from(rows[0])

    def images(self, job_id: str | None = None) -> list[ImageRow]:
        if job_id is None:
            rows = self._query("SELECT * FROM images ORDER BY created, sequence_index")
        else:
            rows = self._query("SELECT * FROM images WHERE job_id = ? ORDER BY sequence_index", (job_id,))
        return [image_from(r) for r in rows]

    def set_image_path(self, image_uuid: str, path: Path) -> None:
        """Record the final name *before* renaming onto it, so a crash in between is recognisable."""
        self._update_image(image_uuid, path=str(path))

    def mark_saved(self, image_uuid: str, path: Path, sha256: str | None, size: int | None) -> None:
        # Not fsynced on its own (the next durable commit carries it): if a power cut loses this row,
        # the path recorded before the rename still leads resume to the file, which is then adopted.
        self._update_image(image_uuid, durable=False, path=str(path), sha256=sha256, size=size, state=SAVED)

    def _update_image(self, image_uuid: str, *, durable: bool = True, **columns: Any) -> None:
        assignments = ", ".join(f"{name} = ?" for name in columns)
        with self._write(durable=durable) as db:
            cursor = db.execute(
                f"UPDATE images SET {assignments}, updated = ? WHERE image_uuid = ?",
                (*columns.values(), time.time(), image_uuid),
            )
            if cursor.rowcount != 1:
                raise KeyError(image_uuid)

    def counts(self, job_id: str) -> tuple[int, float]:
        """(images saved, cost charged so far) for one job."""
        rows = self._query(
            "SELECT COALESCE(SUM(state = ?), 0), COALESCE(SUM(" + COUNTED_COST.format(c="cost") + "), 0.0)"
            " FROM images WHERE job_id = ?",
            (SAVED, job_id),
        )
        return int(rows[0][0]), float(rows[0][1])

    def cost_notes(self, job_id: str) -> tuple[str, ...]:
        """The notes of the job's images whose server cost was unusable (the estimate counted)."""
        rows = self._query(
            "SELECT cost_note FROM images WHERE job_id = ? AND cost_note IS NOT NULL ORDER BY sequence_index",
            (job_id,),
        )
        return tuple(str(r[0]) for r in rows)


def process_alive(pid: int) -> bool:
    """Whether another process with this id still runs (the journal's and the ModelArk journal's owners)."""
    if os.name != "posix":
        # No safe probe without extra dependencies (on Windows os.kill(pid, 0) would end the process):
        # taken as gone, which never blocks a resume and never causes a re-send.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
