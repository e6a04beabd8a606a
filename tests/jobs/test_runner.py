"""JobRunner driven by the scriptable fake client: the state machine, offline queue, cancel and retry."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path
from typing import Any

import pytest

from seedream_desktop.api.errors import (
    BudgetExceeded,
    InvalidRequest,
    NetworkError,
    NoCredits,
    ProviderTimeout,
    RejectedParameter,
    ResultExpired,
)
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.jobs.errors import InlineResults, OtherApi
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.ledger import SpendLedger
from seedream_desktop.jobs.saver import ImageSaver
from seedream_desktop.jobs.state import JobState
from seedream_desktop.library.metadata import read_record
from tests.jobs.conftest import FAST, Recorder, make_runner, run
from tests.jobs.fakes import FakeClient


def test_async_job_saves_every_image_once_with_its_record(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder, library_dir: Path
) -> None:
    client = FakeClient(polls=2)
    submitted_while: list[tuple[JobState, bool]] = []

    def check_journal_first(task_uuid: str) -> None:
        (job,) = journal.jobs()
        submitted_while.append((job.state, job.attempted))
        assert job.task_uuid == task_uuid

    client.on_submit = check_journal_first
    added: list[Path] = []

    async def scenario() -> str:
        runner = make_runner(client, journal, saver, recorder, on_saved=[lambda p, r: added.append(p)])
        job_id = await runner.submit(GenerationRequest("a red fox in snow", number_results=3))
        view = await runner.wait(job_id)
        assert view.state is JobState.DONE
        assert view.images_saved == 3 and view.images_expected == 3
        assert view.cost == pytest.approx(0.09)
        return job_id

    job_id = run(scenario)
    # The job row existed, QUEUED and marked as being sent, before the request left.
    assert submitted_while == [(JobState.QUEUED, True)]
    assert recorder.states(job_id) == ["queued", "submitted", "generating", "downloading", "done"]
    images = journal.images(job_id)
    assert all(i.saved and i.sha256 for i in images)
    assert sorted(client.downloads.values()) == [1, 1, 1]
    files = sorted(library_dir.rglob("*.png"))
    assert len(files) == 3 and sorted(added) == files
    assert {f.parent.name for f in files} == {files[0].parent.name}  # one date folder
    for image in images:
        record = read_record(image.path)
        assert record is not None and record.image_uuid == image.image_uuid
        assert record.prompt == "a red fox in snow" and record.task_uuid == image.task_uuid
    assert not list(library_dir.rglob(".partial-*"))
    assert recorder.progress and recorder.progress[-1][2] == recorder.progress[-1][3]
    assert len(recorder.saved) == 3


def test_sync_delivery_needs_no_polling(journal: JobJournal, saver: ImageSaver, recorder: Recorder) -> None:
    client = FakeClient()

    async def scenario() -> None:
        runner = make_runner(client, journal, saver, recorder)
        job_id = await runner.submit(GenerationRequest("x", number_results=2, delivery="sync"))
        assert (await runner.wait(job_id)).state is JobState.DONE

    run(scenario)
    assert [name for name, _ in client.calls] == ["submit", "download", "download"]


def test_invalid_request_and_budget_send_nothing(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    client = FakeClient()

    async def scenario() -> None:
        runner = make_runner(client, journal, saver, recorder, ledger=SpendLedger(journal, 0.05))
        with pytest.raises(InvalidRequest):
            await runner.submit(GenerationRequest("", number_results=1))
        with pytest.raises(BudgetExceeded):
            await runner.submit(GenerationRequest("x", number_results=2))

    run(scenario)
    assert client.calls == [] and journal.jobs() == []


def test_offline_queue_waits_for_the_network_with_the_same_task(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    client = FakeClient()
    client.submit_faults = [NetworkError("down"), NetworkError("down"), None]

    async def scenario() -> str:
        runner = make_runner(client, journal, saver, recorder)
        assert runner.online is None  # nothing answered yet
        job_id = await runner.submit(GenerationRequest("x"))
        assert (await runner.wait(job_id)).state is JobState.DONE
        assert runner.online
        return job_id

    run(scenario)
    assert recorder.online == [False, True]  # told once per change
    assert len(set(client.submits())) == 1 and len(client.submits()) == 3


def test_offline_patience_fails_then_resume_resends_the_same_task(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    client = FakeClient()
    client.submit_faults = [NetworkError("down")] * 50
    pacing = dataclasses.replace(FAST, offline_patience=0.05)

    async def first() -> str:
        runner = make_runner(client, journal, saver, recorder, pacing=pacing)
        job_id = await runner.submit(GenerationRequest("x"))
        view = await runner.wait(job_id)
        assert view.state is JobState.FAILED and isinstance(view.error, NetworkError)
        return job_id

    job_id = run(first)
    task = journal.get(job_id).task_uuid
    client.submit_faults = []

    async def later() -> None:
        runner = make_runner(client, journal, saver, recorder)
        assert await runner.resume() == [job_id]
        assert (await runner.wait(job_id)).state is JobState.DONE

    run(later)
    assert set(client.submits()) == {task}


def test_inline_results_are_refused_before_anything_is_journalled(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    client = FakeClient()

    async def scenario() -> None:
        runner = make_runner(client, journal, saver, recorder)
        for output_type in ("base64Data", "dataURI"):
            with pytest.raises(InlineResults) as caught:
                await runner.submit(GenerationRequest("x", output_type=output_type))  # type: ignore[arg-type]
            assert output_type in str(caught.value) and "URL" in str(caught.value)
            assert caught.value.exit_code == 2

    run(scenario)
    assert journal.jobs() == [] and client.calls == []


def test_a_job_failed_by_an_unknown_task_answer_is_never_sent_again(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    # What older versions journalled when a demo session polled a real job at the emulator.
    job = journal.add_job(GenerationRequest("x"))
    journal.mark_acked(job.id)
    unknown = RejectedParameter("No task with this taskUUID", code="invalidTaskUUID", status=400)
    journal.set_state(job.id, JobState.FAILED, error=unknown, task_failed=True)
    client = FakeClient(polls=0)

    async def scenario() -> None:
        await client.submit(GenerationRequest("x"), job.task_uuid)  # the real API does have it
        client.calls.clear()
        runner = make_runner(client, journal, saver, recorder)
        assert await runner.resume() == [job.id]
        await runner.wait_all()

    run(scenario)
    assert journal.get(job.id).task_uuid == job.task_uuid and journal.get(job.id).state is JobState.DONE
    assert client.submits() == []


def test_retry_refuses_a_job_of_another_api(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    job = journal.add_job(GenerationRequest("x"), api_url="http://127.0.0.1:9/v1")
    journal.set_state(job.id, JobState.FAILED, error=NetworkError("gone"))

    async def scenario() -> None:
        runner = make_runner(FakeClient(), journal, saver, recorder)
        with pytest.raises(OtherApi) as caught:
            await runner.retry(job.id)
        assert "127.0.0.1:9" in str(caught.value)
        assert await runner.resume() == []

    run(scenario)


def test_retry_after_a_refusal_uses_a_new_task(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    client = FakeClient()
    client.submit_faults = [NoCredits(status=402)]

    async def scenario() -> str:
        runner = make_runner(client, journal, saver, recorder)
        job_id = await runner.submit(GenerationRequest("x"))
        view = await runner.wait(job_id)
        assert view.state is JobState.FAILED and isinstance(view.error, NoCredits)
        await runner.retry(job_id)
        assert (await runner.wait(job_id)).state is JobState.DONE
        return job_id

    run(scenario)
    first, second = client.submits()
    assert first != second


def test_retry_after_a_lost_answer_resends_the_same_task(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    # The first submit reached the server, but the answer was lost: the server has the task.
    client = FakeClient()
    pacing = dataclasses.replace(FAST, offline_patience=0.0)

    async def scenario() -> str:
        runner = make_runner(client, journal, saver, recorder, pacing=pacing)
        job_id = await runner.submit(GenerationRequest("x"))
        await runner.wait(job_id)
        return job_id

    original = client.submit

    async def lost_answer(request: GenerationRequest, task_uuid: str, reference_ids: Any = None) -> Any:
        await original(request, task_uuid, reference_ids)
        raise NetworkError("connection reset")

    client.submit = lost_answer  # type: ignore[method-assign]
    job_id = run(scenario)
    assert journal.get(job_id).state is JobState.FAILED
    client.submit = original  # type: ignore[method-assign]

    async def again() -> None:
        runner = make_runner(client, journal, saver, recorder)
        await runner.retry(job_id)
        assert (await runner.wait(job_id)).state is JobState.DONE

    run(again)
    assert len(set(client.submits())) == 1 and len(client.tasks) == 1  # charged once


def test_server_side_failure_without_images_retries_with_a_new_task(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    client = FakeClient(polls=1)
    client.task_errors = [ProviderTimeout(code="timeoutProvider")]

    async def scenario() -> None:
        runner = make_runner(client, journal, saver, recorder)
        job_id = await runner.submit(GenerationRequest("x"))
        view = await runner.wait(job_id)
        assert view.state is JobState.FAILED and isinstance(view.error, ProviderTimeout)
        assert "took too long" in str(view.error)
        client.task_errors = []
        await runner.retry(job_id)
        assert (await runner.wait(job_id)).state is JobState.DONE

    run(scenario)
    assert len(set(client.submits())) == 2


def test_expired_result_fails_the_job_and_other_images_are_still_saved(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    client = FakeClient(polls=0)
    client.download_faults = [ResultExpired("HTTP 404", status=404)]

    async def scenario() -> str:
        runner = make_runner(client, journal, saver, recorder)
        job_id = await runner.submit(GenerationRequest("x", number_results=3))
        view = await runner.wait(job_id)
        assert view.state is JobState.FAILED and isinstance(view.error, ResultExpired)
        assert view.images_saved == 2
        return job_id

    run(scenario)


def test_shutdown_leaves_jobs_for_resume(journal: JobJournal, saver: ImageSaver, recorder: Recorder) -> None:
    client = FakeClient(polls=3)
    client.gate = asyncio.Event()

    async def scenario() -> str:
        runner = make_runner(client, journal, saver, recorder)
        job_id = await runner.submit(GenerationRequest("x", number_results=2))
        await client.polled.wait()
        await runner.aclose()
        assert journal.get(job_id).state is JobState.GENERATING
        return job_id

    job_id = run(scenario)
    client.gate = None

    async def restart() -> None:
        runner = make_runner(client, journal, saver, recorder)
        assert await runner.resume() == [job_id]
        assert (await runner.wait(job_id)).state is JobState.DONE

    run(restart)
    assert sorted(client.downloads.values()) == [1, 1]
    assert len(client.submits()) == 1


def test_while_images_keep_arriving_the_next_poll_follows_at_once(
    journal: JobJournal, saver: ImageSaver, recorder: Recorder
) -> None:
    # A batch whose images become ready one by one: each poll brings one. The runner waits between
    # polls only when nothing new came, so the last image is on disk as soon as the server has it.
    client = FakeClient(polls=3)
    slow = dataclasses.replace(FAST, first_poll=600.0, longest_poll=600.0)

    async def scenario() -> JobState:
        runner = make_runner(client, journal, saver, recorder, pacing=slow)
        job_id = await runner.submit(GenerationRequest("x", number_results=3))
        return (await asyncio.wait_for(runner.wait(job_id), 60)).state

    assert run(scenario) is JobState.DONE
    assert [name for name, _ in client.calls if name == "poll"] == ["poll"] * 3
