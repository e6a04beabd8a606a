"""The journal: durable rows, typed errors that round-trip, de-duplicated images, a second reader."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from seedream_desktop.api.errors import BudgetExceeded, NoCredits, StorageError
from seedream_desktop.api.references import RefusedReference, UnreadableReference, UnusableImage
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.results import ImageResult
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.state import IllegalTransition, JobState


def test_job_row_keeps_the_whole_request(journal: JobJournal) -> None:
    request = GenerationRequest("雪中的红狐狸", number_results=3, seed=42, output_format="WEBP")
    job = journal.add_job(request)
    assert job.state is JobState.QUEUED
    assert job.request == request
    assert job.estimated_cost == pytest.approx(0.09)
    assert not job.attempted and not job.acked
    # A second connection (another process: the CLI beside the GUI) sees it committed.
    with JobJournal(journal.path) as other:
        assert other.get(job.id).request == request


def test_durability_settings(journal: JobJournal) -> None:
    db = sqlite3.connect(journal.path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()
    assert journal._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_transitions_are_checked_and_timed(journal: JobJournal) -> None:
    job = journal.add_job(GenerationRequest("x"))
    with pytest.raises(IllegalTransition):
        journal.set_state(job.id, JobState.DONE)
    journal.set_state(job.id, JobState.SUBMITTED)
    row = journal.set_state(job.id, JobState.GENERATING)
    assert row.started is not None and row.finished is None
    row = journal.set_state(job.id, JobState.FAILED, error=StorageError("the disk holding /x is full"))
    assert row.finished is not None
    assert isinstance(row.error, StorageError)
    assert "disk holding /x is full" in str(row.error)
    row = journal.set_state(job.id, JobState.GENERATING)
    assert row.error is None and row.finished is None


@pytest.mark.parametrize(
    "error",
    [
        NoCredits(code="insufficientCredits", status=402),
        BudgetExceeded(estimate=0.12, budget=1.0, spent=0.9),
        # A reference refused at send time (the file changed after it was added) is invalid input, exit 2,
        # and keeps its own words: not "Something went wrong".
        UnusableImage(Path("empty.png"), "the file is empty"),
        RefusedReference(Path("x.fifo"), "is not a regular file (it is a pipe)"),
        UnreadableReference(Path("locked.png"), "cannot be read: permission denied"),
    ],
)
def test_errors_round_trip_with_their_type_and_message(journal: JobJournal, error: Exception) -> None:
    job = journal.add_job(GenerationRequest("x"))
    row = journal.set_state(job.id, JobState.FAILED, error=error)  # type: ignore[arg-type]
    assert type(row.error) is type(error)
    assert str(row.error) == str(error)
    assert row.error.exit_code == error.exit_code  # type: ignore[union-attr, attr-defined]
    assert row.error.remedy == error.remedy  # type: ignore[union-attr, attr-defined]
    if isinstance(error, UnusableImage):
        assert row.error.path.name == error.path.name  # type: ignore[union-attr]


def test_images_are_recorded_once(journal: JobJournal) -> None:
    job = journal.add_job(GenerationRequest("x", number_results=2))
    a = ImageResult(job.task_uuid, "img-a", url="http://x/a.png", seed=1, cost=0.03, expires_at=99.0)
    b = ImageResult(job.task_uuid, "img-b", url="http://x/b.png", seed=2, cost=0.03)
    assert [i.image_uuid for i in journal.add_images(job.id, job.task_uuid, [a])] == ["img-a"]
    # getResponse is cumulative: the same image comes back on every poll.
    assert [i.image_uuid for i in journal.add_images(job.id, job.task_uuid, [a, b])] == ["img-b"]
    rows = journal.images(job.id)
    assert [(r.image_uuid, r.sequence_index, r.url, r.expires_at) for r in rows] == [
        ("img-a", 0, "http://x/a.png", 99.0),
        ("img-b", 1, "http://x/b.png", None),
    ]
    assert journal.counts(job.id) == (0, pytest.approx(0.06))


def test_find_by_prefix(journal: JobJournal) -> None:
    job = journal.add_job(GenerationRequest("x"))
    assert journal.find(job.id[:6]).id == job.id
    with pytest.raises(KeyError):
        journal.find("zzzz")


def test_renew_task_forgets_what_the_server_knew(journal: JobJournal) -> None:
    job = journal.add_job(GenerationRequest("x"))
    journal.mark_acked(job.id)
    new = journal.renew_task(job.id)
    row = journal.get(job.id)
    assert row.task_uuid == new != job.task_uuid
    assert not row.acked and not row.attempted


def test_no_key_in_the_journal(journal: JobJournal, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "sk-very-secret-key-123"
    monkeypatch.setenv("SEEDREAM_API_KEY", secret)
    job = journal.add_job(GenerationRequest("x"))
    journal.set_state(job.id, JobState.FAILED, error=NoCredits())
    journal.close()
    assert secret.encode() not in journal.path.read_bytes()


def test_a_job_is_run_by_one_live_process_at_a_time(journal: JobJournal) -> None:
    import subprocess
    import sys

    job = journal.add_job(GenerationRequest("x"))
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert journal.claim(job.id, pid=other.pid)
        assert not journal.claim(job.id)  # the other process is alive and owns it
    finally:
        other.kill()
        other.wait()
    assert journal.claim(job.id)  # its owner died (a crash): the job may be taken over
    journal.release(job.id)
    assert journal.claim(job.id, pid=other.pid)


# The jobs table as version 1 wrote it (no api_url, no cancel_requested).
_VERSION_1_JOBS = """
CREATE TABLE jobs (
    id TEXT PRIMARY KEY, task_uuid TEXT NOT NULL, request TEXT NOT NULL, reference_ids TEXT,
    estimated_cost REAL NOT NULL, state TEXT NOT NULL, attempted INTEGER NOT NULL DEFAULT 0,
    acked INTEGER NOT NULL DEFAULT 0, task_failed INTEGER NOT NULL DEFAULT 0, owner_pid INTEGER,
    error_kind TEXT, error_code TEXT, error_message TEXT, error_params TEXT,
    created REAL NOT NULL, started REAL, finished REAL, updated REAL NOT NULL
)
"""


def test_a_version_1_journal_gains_the_api_column_and_keeps_its_jobs(tmp_path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.execute(_VERSION_1_JOBS)
    payload = json.dumps(GenerationRequest("from before").to_dict())
    db.execute(
        "INSERT INTO jobs (id, task_uuid, request, estimated_cost, state, acked, created, updated)"
        " VALUES ('old', 'task-1', ?, 0.03, 'submitted', 1, 1.0, 1.0)",
        (payload,),
    )
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    with JobJournal(path) as journal:
        old = journal.get("old")
        assert old.api_url == "https://api.runware.ai/v1" and not old.cancel_requested  # NULL: the default
        assert journal._db.execute("SELECT api_url FROM jobs").fetchone()[0] is None
        assert journal._db.execute("PRAGMA user_version").fetchone()[0] == 3  # 3: images.cost_note
        emulated = journal.add_job(GenerationRequest("demo"), api_url="http://127.0.0.1:5000/v1/")
        assert emulated.api_url == "http://127.0.0.1:5000/v1"
        assert [j.id for j in journal.unfinished(api_url="https://api.runware.ai/v1/")] == ["old"]
        assert [j.id for j in journal.unfinished(api_url="http://127.0.0.1:5000/v1")] == [emulated.id]
        assert len(journal.jobs()) == 2
    with JobJournal(path) as again:  # opening twice migrates once
        assert again.get("old").request.prompt == "from before"


def test_cancel_request_is_journalled(journal: JobJournal) -> None:
    job = journal.add_job(GenerationRequest("x"))
    journal.request_cancel(job.id)
    with JobJournal(journal.path) as other:
        assert other.get(job.id).cancel_requested
