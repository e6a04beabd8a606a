"""Cancel with the scriptable fake client: a queued job is dropped, a running one saves what arrived, then ends."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from seedream_desktop.api.errors import StorageError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.saver import ImageSaver
from seedream_desktop.jobs.state import JobState
from tests.jobs.conftest import Recorder, make_runner, run
from tests.jobs.fakes import FakeClient


def test_cancel_a_queued_job_drops_it(journal: JobJournal, saver: ImageSaver, recorder: Recorder) -> None:
    client = FakeClient(polls=5)
    client.gate = asyncio.Event()

    async def scenario() -> tuple[str, str]:
        runner = make_runner(client, journal, saver, recorder, max_concurrent=1)
        first = await runner.submit(GenerationRequest("first"))
        second = await runner.submit(GenerationRequest("second"))
        await client.polled.wait()  # the first job holds the only slot
        await runner.cancel(second)
        assert runner.view(second).state is JobState.CANCELLED
        await runner.cancel(first)
        return first, second

    first, second = run(scenario)
    assert journal.get(second).task_uuid not in client.submits()
    assert journal.get(first).state is JobState.CANCELLED


def test_cancel_a_running_job_stops_polling_and_keeps_what_arrived(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder, library_dir: Path
) -> None:
    client = FakeClient(polls=10)

    async def scenario() -> str:
        runner = make_runner(client, journal, saver, recorder)
        job_id = await runner.submit(GenerationRequest("x", number_results=4))
        while not recorder.saved:  # wait for the first saved image, then stop polling
            await asyncio.sleep(0)
        client.gate = asyncio.Event()
        client.polled.clear()
        await client.polled.wait()
        arrived.extend(i.image_uuid for i in journal.images(job_id))
        await runner.cancel(job_id)
        return job_id

    arrived: list[str] = []
    job_id = run(scenario)
    polls_at_cancel = sum(1 for name, _ in client.calls if name == "poll")
    view = journal.get(job_id)
    assert view.state is JobState.CANCELLED
    images = journal.images(job_id)
    assert [i.image_uuid for i in images] == arrived and 1 <= len(arrived) < 4
    assert all(i.saved and Path(i.path).exists() for i in images)  # type: ignore[arg-type]
    assert all(client.downloads[uuid] == 1 for uuid in arrived)
    assert not list(library_dir.rglob(".partial-*"))
    assert sum(1 for name, _ in client.calls if name == "poll") == polls_at_cancel


def test_cancel_mid_download_saves_that_image_and_the_ones_waiting(
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
            await hold.wait()  # the cancel interrupts this download
        return await original(result, sink, **options)

    client.download = slow_first  # type: ignore[method-assign]

    async def scenario() -> str:
        runner = make_runner(client, journal, saver, recorder)
        job_id = await runner.submit(GenerationRequest("x", number_results=3))
        await started.wait()
        await runner.cancel(job_id)
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
    assert [call for call in client.calls if call[0] == "poll"] == [("poll", job.task_uuid)]  # no poll after


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
