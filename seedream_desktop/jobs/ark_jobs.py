"""BytePlus ModelArk jobs: journalled before sending, each image saved as it arrives, never re-sent unasked.

Ark has no task id to poll (api/ark.py). So the rules differ from Runware's journal (jobs/journal.py):
- the request is committed to this journal *before* the POST, with state ``sending``;
- each image is written into the library and committed here the moment its event arrives, so a crash
  loses nothing that arrived and a second run never saves it twice;
- a job found in ``sending`` at start-up died mid-stream: it becomes ``unsure`` ("may have been charged,
  no result to fetch"). Nothing re-sends it; ``resend`` needs the person's explicit yes.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from seedream_desktop.api.ark import ArkClient, ArkOutcome, ark_body
from seedream_desktop.api.errors import CONTEXT, SeedreamError
from seedream_desktop.api.models import DEFAULT_MODEL
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.atomic import atomic_write
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.jobs.journal import process_alive
from seedream_desktop.jobs.naming import candidates, date_folder, file_stem
from seedream_desktop.jobs.state import StreamedJobState
from seedream_desktop.library.metadata import embed
from seedream_desktop.library.record import GenerationRecord

# Stored as text in the ark journal; spelt once, in jobs/state.py.
SENDING, DONE, UNSURE, FAILED = (state.value for state in StreamedJobState)
UNSURE_TEXT = QT_TRANSLATE_NOOP(CONTEXT, "May have been charged, no result to fetch.")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ark_jobs (
    id TEXT PRIMARY KEY,
    request TEXT NOT NULL,
    state TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    cost REAL,
    generated INTEGER,
    pid INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ark_images (
    job_id TEXT NOT NULL,
    image_index INTEGER NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (job_id, image_index)
) WITHOUT ROWID;
"""


class ResendRefused(SeedreamError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "This ModelArk job may already have been charged; it is only sent again when you say so."
    )
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Run `seedream ark resend JOB --yes` to send it again on purpose.")
    exit_code = 2


@dataclass(frozen=True, slots=True)
class ArkJob:
    id: str
    request: GenerationRequest
    state: str
    created: float
    detail: str
    cost: float | None
    saved: dict[int, str]


class ArkJournal:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")  # a committed "sending" row survives a power cut
        self._conn.executescript(_SCHEMA)

    def close(self) -> None:
        self._conn.close()

    @contextlib.contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise

    # ---- the life of a job ---------------------------------------------------------------------
    def record(self, request: GenerationRequest) -> str:
        """Committed before anything is sent: after a crash the job is known, never silently lost."""
        job_id = str(uuid.uuid4())
        now = time.time()
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO ark_jobs (id, request, state, created, updated, pid) VALUES (?, ?, ?, ?, ?, ?)",
                (job_id, json.dumps(request.to_dict(), ensure_ascii=False), SENDING, now, now, os.getpid()),
            )
        return job_id

    def saved(self, job_id: str, index: int, path: Path) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO ark_images (job_id, image_index, path) VALUES (?, ?, ?)",
                (job_id, index, str(path)),
            )

    def finish(
        self,
        job_id: str,
        state: str,
        *,
        detail: str = "",
        cost: float | None = None,
        generated: int | None = None,
    ) -> None:
        with self._tx() as conn:
            conn.execute(
                "UPDATE ark_jobs SET state = ?, detail = ?, cost = ?, generated = ?, updated = ? WHERE id = ?",
                (state, detail, cost, generated, time.time(), job_id),
            )

    def recover(self) -> list[ArkJob]:
        """Jobs a dead run left mid-stream: now ``unsure``. Returned so the caller can say so. A job
        whose process still runs (the window and the CLI at once) is streaming, not lost: left alone."""
        with self._tx() as conn:
            rows = conn.execute("SELECT id, pid FROM ark_jobs WHERE state = ?", (SENDING,)).fetchall()
            ids = [job_id for job_id, pid in rows if not _alive(int(pid))]
            conn.executemany(
                "UPDATE ark_jobs SET state = ?, detail = ?, updated = ? WHERE id = ?",
                [(UNSURE, UNSURE_TEXT, time.time(), job_id) for job_id in ids],
            )
        return [job for job in self.jobs() if job.id in ids]

    # ---- reading -------------------------------------------------------------------------------
    def spent_since(self, since: float) -> float:
        """What ModelArk jobs since then cost, or may have: a finished job at its cost, one still streaming
        or cut mid-stream at its estimate (it may have been billed), a refused one at nothing."""
        total = 0.0
        for request, state, cost in self._conn.execute(
            "SELECT request, state, cost FROM ark_jobs WHERE created >= ? AND state != ?", (since, FAILED)
        ):
            if state == DONE and cost is not None:
                total += float(cost)
            else:
                total += GenerationRequest.from_dict(json.loads(request)).estimated_cost
        return round(total, 4)

    def jobs(self) -> list[ArkJob]:
        rows = self._conn.execute(
            "SELECT id, request, state, created, detail, cost FROM ark_jobs ORDER BY created"
        ).fetchall()
        return [self._job(row) for row in rows]

    def job(self, job_id: str) -> ArkJob | None:
        row = self._conn.execute(
            "SELECT id, request, state, created, detail, cost FROM ark_jobs WHERE id = ? OR id LIKE ?",
            (job_id, f"{job_id}%"),
        ).fetchone()
        return self._job(row) if row else None

    def _job(self, row: Any) -> ArkJob:
        saved = {
            int(i): str(p)
            for i, p in self._conn.execute(
                "SELECT image_index, path FROM ark_images WHERE job_id = ? ORDER BY image_index", (row[0],)
            )
        }
        request = GenerationRequest.from_dict(json.loads(row[1]))
        return ArkJob(str(row[0]), request, str(row[2]), float(row[3]), str(row[4]), row[5], saved)


def _alive(pid: int) -> bool:
    """Whether another process with this id still runs (our own pid: nothing of ours streams yet)."""
    return 0 < pid != os.getpid() and process_alive(pid)


def check_resend(job: ArkJob, *, confirmed: bool) -> None:
    """A job that reached ModelArk (or may have) goes out again only on the person's explicit yes."""
    if job.state != FAILED and not confirmed:
        raise ResendRefused(job_id=job.id)


def run_ark_job(
    request: GenerationRequest,
    client: ArkClient,
    journal: ArkJournal,
    library_root: Path,
    *,
    on_saved: Any = None,
    job_id: str | None = None,
) -> tuple[str, ArkOutcome]:
    """Journal, send, save each image as its event arrives, then close the job with the usage's cost.

    ``job_id``: a job the caller already journalled (the window shows its tile before the stream starts)."""
    job_id = job_id or journal.record(request)
    created = datetime.now()
    folder = library_root / date_folder(created)
    price = (request.spec or DEFAULT_MODEL).price_per_image_usd
    sequential = request.max_sequential_images

    def save(index: int, url: str, data: bytes) -> Path:
        record = GenerationRecord.from_generation(
            request,
            task_uuid=job_id,
            image_uuid=f"ark-{job_id}-{index}",
            seed=None,
            cost=price,
            width=request.size.width,
            height=request.size.height,
            format="JPG",  # ModelArk answers in JPEG (protocol.md §5)
            sequence_index=index + 1 if sequential else None,
            sequence_total=sequential,
        )
        stem = file_stem(created, request.prompt, None, index + 1 if sequential else None)
        path = next(folder / n for n in candidates(stem, ".jpg") if not (folder / n).exists())
        atomic_write(path, embed(data, "JPG", record))
        journal.saved(job_id, index, path)  # committed before the next event is read
        if on_saved is not None:
            on_saved(path, record)
        return path

    try:
        outcome = client.generate(ark_body(request), save)
    except SeedreamError as exc:
        # A refusal before the stream started was not billed; a broken stream may have been.
        state = FAILED if getattr(exc, "status", None) else UNSURE
        journal.finish(job_id, state, detail=UNSURE_TEXT if state == UNSURE else str(exc))
        raise
    detail = (
        "" if outcome.usage_matches else f"usage says {outcome.generated_images}, saved {len(outcome.saved)}"
    )
    journal.finish(job_id, DONE, detail=detail, cost=outcome.cost(price), generated=outcome.generated_images)
    return job_id, outcome
