"""Cancel with the scriptable fake client: a job not sent yet is dropped for free; one the server took is
paid for, so its images keep arriving and it ends CANCELLED once the last one is saved."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from seedream_desktop.api.errors import StorageError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.saver import ImageSaver
from seedream_desktop.jobs.state import CancelOutcome, JobState
from tests.jobs.conftest import Recorder, make_runner, run
from tests.jobs.fakes import FakeClient


def test_cancel_a_queued_job_drops_it_and_a_sent_one_still_collects_its_paid_images(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    client = FakeClient(polls=5)
    client.gate = asyncio.Event()

    async def scenario() -> tuple[str, str]:
        runner = make_runner(client, journal, saver, recorder, max_concurrent=1)
        first = await runner.submit(GenerationRequest("first", number_results=2))
        second = await runner.submit(GenerationRequest("second"))
        await client.polled.wait()  # the first job holds the only slot
        assert await runner.cancel(second) is CancelOutcome.FREE
        assert runner.view(second).state is JobState.CANCELLED
        assert await runner.cancel(first) is CancelOutcome.PAID
        assert runner.view(first).cancel_requested and not runner.view(first).state.finished
        assert client.gate is not None
        client.gate.set()
        await runner.wait(first)
        return first, second

    first, second = run(scenario)
    assert journal.get(second).task_uuid not in client.submits()
    assert journal.get(first).state is JobState.CANCELLED
    images = journal.images(first)
    assert len(images) == 2 and all(i.saved for i in images)


def test_cancel_a_running_job_keeps_collecting_every_paid_image(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder, library_dir: Path
) -> None:
    client = FakeClient(polls=10)

    async def scenario() -> str:
        runner = make_runner(client, journal, saver, recorder)
        job_id = await runner.submit(GenerationRequest("x", number_results=4))
        while not recorder.saved:  # the first image is saved, the other three are still being made
            await asyncio.sleep(0)
        assert await runner.cancel(job_id) is CancelOutcome.PAID
        await runner.wait(job_id)
        return job_id

    job_id = run(scenario)
    assert journal.get(job_id).state is JobState.CANCELLED
    images = journal.images(job_id)
    assert len(images) == 4 and all(i.saved and Path(i.path).exists() for i in images)  # type: ignore[arg-type]
    assert all(count == 1 for count in client.downloads.values()) and len(client.downloads) == 4
    assert len(recorder.saved) == 4
    assert not list(library_dir.rglob(".partial-*"))


def test_a_cancel_while_the_task_is_on_its_way_asks_the_server_whether_it_took_it(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    client = FakeClient(polls=0)
    held = asyncio.Event()
    original = client.submit

    async def slow_submit(*args: Any, **kwargs: Any) -> Any:
        answer = await original(*args, **kwargs)  # the server took (and charges) the task ...
        held.set()
        await asyncio.Event().wait()  # ... but its answer never arrives before the cancel
        return answer

    client.submit = slow_submit  # type: ignore[method-assign]

    async def scenario() -> tuple[str, CancelOutcome]:
        runner = make_runner(client, journal, saver, recorder)
        job_id = await runner.submit(GenerationRequest("x", number_results=2))
        await held.wait()
        outcome = await runner.cancel(job_id)
        await runner.wait(job_id)
        return job_id, outcome

    job_id, outcome = run(scenario)
    assert outcome is CancelOutcome.PAID
    assert journal.get(job_id).state is JobState.CANCELLED
    assert len(journal.images(job_id)) == 2 and all(i.saved for i in journal.images(job_id))


def test_cancel_mid_download_lets_that_download_finish_and_saves_the_ones_waiting(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    client = FakeClient(polls=0)  # the first answer carries all three images
    started = asyncio.Event()
    hold = asyncio.Event()
    original = client.download

    async def slow_first(result: Any, sink: Any, **options: Any) -> Any:
        if not started.is_set():
            started.set()
            sink.write(b"\x89PNG half an image")
            await hold.wait()  # the cancel comes meanwhile: this paid image still arrives
        return await original(result, sink, **options)

    client.download = slow_first  # type: ignore[method-assign]

    async def scenario() -> str:
        runner = make_runner(client, journal, saver, recorder)
        job_id = await runner.submit(GenerationRequest("x", number_results=3))
        await started.wait()
        assert await runner.cancel(job_id) is CancelOutcome.PAID
        hold.set()
        await runner.wait(job_id)
        return job_id

    job_id = run(scenario)
    assert journal.get(job_id).state is JobState.CANCELLED
    images = journal.images(job_id)
    assert len(images) == 3 and all(i.saved for i in images)
    assert len({i.path for i in images}) == 3 and len(recorder.saved) == 3


def test_cancel_that_meets_a_full_disk_saves_on_resume(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    client = FakeClient(polls=0)
    client.gate = asyncio.Event()

    async def scenario() -> str:
        runner = make_runner(client, journal, saver, recorder)
        job_id = await runner.submit(GenerationRequest("x", number_results=2))
        await client.polled.wait()
        journal.add_images(
            job_id, journal.get(job_id).task_uuid, client.tasks[journal.get(job_id).task_uuid].images
        )
        client.download_faults = [StorageError("the disk holding /x is full", code="storage")]
        await runner.cancel(job_id)
        assert client.gate is not None
        client.gate.set()
        await runner.wait(job_id)
        return job_id

    job_id = run(scenario)
    job = journal.get(job_id)
    assert job.state is JobState.FAILED and isinstance(job.error, StorageError) and job.cancel_requested
    assert not any(i.saved for i in journal.images(job_id))
    client.gate = None

    async def restart() -> None:
        runner = make_runner(client, journal, saver, recorder)
        assert await runner.resume() == [job_id]
        await runner.wait_all()

    run(restart)
    assert journal.get(job_id).state is JobState.CANCELLED
    assert all(i.saved for i in journal.images(job_id))


def test_cancel_from_another_process_stops_the_runner(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    client = FakeClient(polls=1000)

    async def scenario() -> str:
        runner = make_runner(client, journal, saver, recorder)
        job_id = await runner.submit(GenerationRequest("x"))
        await client.polled.wait()
        with JobJournal(journal.path) as other:  # what `seedream jobs cancel` does
            other.set_state(job_id, JobState.CANCELLED)
        view = await asyncio.wait_for(runner.wait(job_id), 5)
        assert view.state is JobState.CANCELLED
        return job_id

    run(scenario)
