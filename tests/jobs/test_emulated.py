"""The job pipeline against the real emulator over HTTP: every fault mode, offline queue, cancel, resume."""

from __future__ import annotations

import asyncio
import dataclasses
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from seedream_desktop.api import PRICE_PER_IMAGE_USD, errors
from seedream_desktop.emulator import Emulator
from seedream_desktop.jobs.errors import TaskUnknown
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.ledger import SpendLedger
from seedream_desktop.jobs.runner import JobRunner
from seedream_desktop.jobs.state import CancelOutcome, JobState
from tests.jobs.conftest import Recorder
from tests.jobs.emulated import KEY, QUICK, request, run_job, saved_once, with_runner

DONE = JobState.DONE
FAILED = JobState.FAILED

# (fault, times, phase) -> how the job must end. Transient faults are followed by success.
FAULT_OUTCOMES = [
    ("401", 1, "submit", FAILED, errors.InvalidApiKey),
    ("402", 1, "submit", FAILED, errors.NoCredits),
    ("400", 1, "submit", FAILED, errors.RejectedParameter),
    ("429", 1, "submit", DONE, None),
    ("429", None, "submit", FAILED, errors.RateLimited),
    ("500", 1, "submit", DONE, None),
    ("500", None, "submit", FAILED, errors.ServerError),
    ("503", 1, "submit", DONE, None),
    ("503", None, "any", FAILED, errors.RateLimited),
    ("504", 1, "submit", DONE, None),
    # Always RateLimited, never ProviderTimeout: the HTTP status (504, "come back later") is read before
    # the code, so "queueTimeout" is not taken for a provider that gave up on the generation.
    ("504", None, "submit", FAILED, errors.RateLimited),
    ("stall", 1, "submit", DONE, None),
    ("drop", 1, "submit", DONE, None),
    ("truncate", 1, "submit", DONE, None),
    # The first cut answer carried the ACK of a task the server took: the job stays not-acked but
    # attempted, so a later resume polls that task (test_crash covers the kill in the same window).
    ("truncate", None, "submit", FAILED, errors.NetworkError),
    ("malformed", 1, "submit", DONE, None),
    # The first, unreadable answer carried the ACK; every re-send is refused unreadably too (it said
    # conflictTaskUUID): the task is there all the same, so the job polls it and ends well.
    ("malformed", None, "submit", DONE, None),
    ("content-policy", 1, "submit", FAILED, errors.ContentPolicy),
    ("provider-timeout", 1, "submit", FAILED, errors.ProviderTimeout),
    ("nsfw", 1, "submit", DONE, None),
    # The links are dead from the start; every image was paid for, so the message names the expiry.
    ("expire", 1, "submit", FAILED, errors.ResultExpired),
    ("500", 1, "poll", DONE, None),
    ("429", 1, "poll", DONE, None),
    ("stall", 1, "poll", DONE, None),
    ("drop", 1, "poll", DONE, None),
    ("truncate", 1, "poll", DONE, None),
    ("malformed", 1, "poll", DONE, None),
    ("500", None, "poll", FAILED, errors.ServerError),
    ("drop", None, "poll", FAILED, errors.NetworkError),
    ("truncate", None, "poll", FAILED, errors.NetworkError),
    ("malformed", None, "poll", FAILED, errors.ServerError),
    ("expire", 1, "poll", FAILED, errors.ResultExpired),
    ("truncate", 1, "download", DONE, None),
    ("drop", 1, "download", DONE, None),
    ("stall", 1, "download", DONE, None),
    ("malformed", 1, "download", DONE, None),
    ("truncate", None, "download", FAILED, errors.NetworkError),
    ("malformed", None, "download", FAILED, errors.BadImage),
    ("expire", 1, "download", FAILED, errors.ResultExpired),
]

# A word of each failure's designer-facing message (api/errors.py): the message says what happened.
MESSAGE_WORDS: dict[type[errors.SeedreamError], str] = {
    errors.InvalidApiKey: "API key",
    errors.NoCredits: "balance is too low",
    errors.RejectedParameter: "refused the setting",
    errors.RateLimited: "busy",
    errors.ServerError: "problem on its side",
    errors.NetworkError: "Could not reach Runware",
    errors.ContentPolicy: "content policy",
    errors.ProviderTimeout: "too long",
    errors.ResultExpired: "expired",
    errors.BadImage: "damaged",
}


@pytest.mark.parametrize(
    ("fault", "times", "phase", "state", "error"),
    FAULT_OUTCOMES,
    ids=[f"{f}x{t or 'all'}@{p}" for f, t, p, _, _ in FAULT_OUTCOMES],
)
def test_fault_ends_the_job_in_the_right_state(
    emulator_factory: Callable[..., Emulator],
    journal: JobJournal,
    library_dir: Path,
    fault: str,
    times: int | None,
    phase: str,
    state: JobState,
    error: type[errors.SeedreamError] | None,
) -> None:
    emulator = emulator_factory(stall_seconds=1.0)
    emulator.inject(fault, times, phase)
    pacing = dataclasses.replace(QUICK, offline_patience=0.3)
    job_id = run_job(emulator.url, journal, library_dir, request(), timeout=0.4, pacing=pacing)
    job = journal.get(job_id)
    assert job.state is state, job.error
    sent = {r["taskUUID"] for r in emulator.requests if r.get("taskType") == "imageInference"}
    assert sent == {job.task_uuid}  # every re-send kept the taskUUID: never a second paid task
    if error is None:
        assert job.error is None
        saved_once(journal, library_dir, emulator.produced)
        assert len(emulator.produced) == 2
        assert len({task for task, _, _ in emulator.produced}) == 1  # one task: paid once
    else:
        assert type(job.error) is error, repr(job.error)
        message = str(job.error)
        assert MESSAGE_WORDS[error] in message, message
        assert KEY not in message and "Traceback" not in message
        # Whatever arrived before the failure is saved, never more than once.
        saved = [i for i in journal.images(job_id) if i.saved]
        assert len({i.path for i in saved}) == len(saved)
    assert not list(library_dir.rglob(".partial-*"))


@pytest.mark.parametrize("refusal", ["429", "400"])
def test_a_refused_resend_of_a_taken_task_polls_it_instead_of_paying_twice(
    emulator: Emulator, journal: JobJournal, library_dir: Path, refusal: str
) -> None:
    emulator.inject("truncate", 1, "submit")  # taken, the ACK lost on the way: the client re-sends
    emulator.inject(refusal, None, "submit")  # and the re-sends are refused
    job_id = run_job(emulator.url, journal, library_dir, request())

    async def retry(runner: JobRunner) -> None:
        await runner.retry(job_id)  # what the designer does when a job failed
        await runner.wait(job_id)

    emulator.clear_faults()
    asyncio.run(with_runner(emulator.url, journal, library_dir, retry))
    assert journal.get(job_id).state is DONE, journal.get(job_id).error
    sent = {r["taskUUID"] for r in emulator.requests if r.get("taskType") == "imageInference"}
    assert sent == {journal.get(job_id).task_uuid}, "the job was paid for twice"
    saved_once(journal, library_dir, emulator.produced)


def test_nsfw_flag_is_kept_in_the_journal(emulator: Emulator, journal: JobJournal, library_dir: Path) -> None:
    emulator.inject("nsfw", 1, "submit")
    job_id = run_job(emulator.url, journal, library_dir, request(count=1, safety="fast"))
    assert journal.get(job_id).state is DONE
    assert [i.nsfw for i in journal.images(job_id)] == [True]


def test_sequential_set_is_saved_in_order(emulator: Emulator, journal: JobJournal, library_dir: Path) -> None:
    job_id = run_job(emulator.url, journal, library_dir, request(count=1, max_sequential_images=3))
    assert journal.get(job_id).state is DONE
    saved_once(journal, library_dir, emulator.produced)
    names = sorted(Path(i.path).name for i in journal.images(job_id))  # type: ignore[arg-type]
    assert [n.rsplit("_", 1)[1] for n in names][:1] == ["01.png"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_offline_job_waits_and_goes_when_the_network_is_back(journal: JobJournal, library_dir: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/v1"
    recorder = Recorder()
    server = Emulator(port=port)

    async def body(runner: JobRunner) -> str:
        job_id = await runner.submit(request(count=1))
        while runner.online is not False:  # wait for the runner to notice it is offline
            await asyncio.sleep(0.01)
        assert runner.view(job_id).state is JobState.QUEUED
        server.start()
        view = await asyncio.wait_for(runner.wait(job_id), 30)
        assert view.state is DONE and runner.online
        return job_id

    try:
        asyncio.run(with_runner(url, journal, library_dir, body, listener=recorder))
    finally:
        server.stop()
    saved_once(journal, library_dir, server.produced)


def test_cancel_after_submit_saves_and_counts_every_paid_image_exactly_once(
    emulator_factory: Callable[..., Emulator], journal: JobJournal, library_dir: Path
) -> None:
    # The defect: the server made all 4, the app saved 1 and counted 1. Runware charges a task it took.
    emulator = emulator_factory(latency=0.05)
    emulator.pause()  # one image is made, then the generation is held while the cancel comes
    emulator.release(1)
    emulator.download_bytes_per_second = 100_000  # so a download may still run when the cancel comes

    async def body(runner: JobRunner) -> tuple[str, CancelOutcome]:
        job_id = await runner.submit(request(count=4))
        while not journal.images(job_id):
            await asyncio.sleep(0.01)
        outcome = await runner.cancel(job_id)
        emulator.resume()  # the server goes on with the other three: they are paid for too
        await runner.wait(job_id)
        return job_id, outcome

    job_id, outcome = asyncio.run(with_runner(emulator.url, journal, library_dir, body))
    assert outcome is CancelOutcome.PAID
    job = journal.get(job_id)
    assert job.state is JobState.CANCELLED and job.cancel_requested  # the journal says where they came from
    assert len(emulator.produced) == 4
    saved_once(journal, library_dir, emulator.produced)  # all four, once each, the server's bytes
    assert SpendLedger(journal).today() == pytest.approx(len(emulator.produced) * PRICE_PER_IMAGE_USD)


def test_cancel_before_the_task_leaves_sends_nothing_and_costs_nothing(
    emulator: Emulator, journal: JobJournal, library_dir: Path
) -> None:
    async def body(runner: JobRunner) -> tuple[str, CancelOutcome]:
        blocker = await runner.submit(request(count=1))  # holds the only slot: the next one waits
        job_id = await runner.submit(request(count=2))
        outcome = await runner.cancel(job_id)
        await runner.wait(blocker)
        return job_id, outcome

    job_id, outcome = asyncio.run(with_runner(emulator.url, journal, library_dir, body, max_concurrent=1))
    assert outcome is CancelOutcome.FREE and journal.get(job_id).state is JobState.CANCELLED
    assert not [r for r in emulator.requests if r.get("taskUUID") == journal.get(job_id).task_uuid]
    assert journal.images(job_id) == [] and journal.counts(job_id) == (0, 0.0)


def test_unknown_task_keeps_the_job_resumable_and_never_resends(
    emulator: Emulator, journal: JobJournal, library_dir: Path
) -> None:
    # A job the server acknowledged and then forgot (or never had: another server at this URL).
    job = journal.add_job(request(count=2), api_url=emulator.url)
    journal.mark_acked(job.id)
    journal.set_state(job.id, JobState.SUBMITTED)

    async def body(runner: JobRunner) -> None:
        assert await runner.resume() == [job.id]
        await runner.wait_all()

    for _ in range(2):  # and again on the next start: still the same task, still resumable
        asyncio.run(with_runner(emulator.url, journal, library_dir, body))
        row = journal.get(job.id)
        assert row.state is FAILED and isinstance(row.error, TaskUnknown), row.error
        assert not row.task_failed and row.task_uuid == job.task_uuid
    assert not [r for r in emulator.requests if r.get("taskType") == "imageInference"]  # never paid twice
    assert KEY not in str(row.error)


def test_jobs_of_another_api_are_not_resumed_here(
    emulator: Emulator, journal: JobJournal, library_dir: Path
) -> None:
    real = journal.add_job(request(count=1))  # no api_url: the default, real Runware API
    journal.mark_acked(real.id)
    journal.set_state(real.id, JobState.SUBMITTED)
    here = journal.add_job(request(count=1), api_url=emulator.url + "/")  # the same API, spelt with a slash

    async def body(runner: JobRunner) -> list[str]:
        started = await runner.resume()
        await runner.wait_all()
        await runner.cancel_all()  # cancels only this API's jobs too
        return started

    assert asyncio.run(with_runner(emulator.url, journal, library_dir, body)) == [here.id]
    assert journal.get(here.id).state is DONE
    assert journal.get(real.id).state is JobState.SUBMITTED
    assert not [r for r in emulator.requests if r.get("taskUUID") == real.task_uuid]


def test_disk_trouble_then_resume_saves_from_the_same_task(
    emulator: Emulator, journal: JobJournal, library_dir: Path
) -> None:
    library_dir.mkdir(parents=True)
    from datetime import datetime

    blocker = library_dir / datetime.now().strftime("%Y-%m-%d")
    blocker.write_bytes(b"")
    job_id = run_job(emulator.url, journal, library_dir, request(count=3))
    job = journal.get(job_id)
    assert job.state is FAILED and isinstance(job.error, errors.StorageError)
    assert all(i.url for i in journal.images(job_id))
    blocker.unlink()

    async def body(runner: JobRunner) -> None:
        assert await runner.resume() == [job_id]
        await runner.wait_all()

    asyncio.run(with_runner(emulator.url, journal, library_dir, body))
    assert journal.get(job_id).state is DONE
    saved_once(journal, library_dir, emulator.produced)
    assert len({t for t, _, _ in emulator.produced}) == 1
