"""`seedream jobs list | resume | retry | cancel | spend` on a real journal and the emulator."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from datetime import datetime
from pathlib import Path

import pytest

from seedream_desktop.api.client import RunwareClient
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.results import ImageResult
from seedream_desktop.api.sizes import by_key
from seedream_desktop.cli import main
from seedream_desktop.config import Paths
from seedream_desktop.emulator import Emulator
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.state import JobState

KEY = "cli-test-key-0123456789"
SMALL = GenerationRequest("two arrived, then cancelled", size=by_key("1K-1:1"), number_results=2)


@pytest.fixture
def api(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    monkeypatch.setenv("SEEDREAM_API_URL", emulator.url)
    monkeypatch.setenv("SEEDREAM_API_KEY", KEY)
    return emulator


def _journal() -> JobJournal:
    return JobJournal(Paths.from_environment().journal_file)


def test_list_and_spend_after_a_generation(api: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "雪中的红狐狸", "--size", "1K-1:1", "--count", "2"]) == 0
    capsys.readouterr()
    assert main(["jobs", "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["state"] == "done" and row["prompt"] == "雪中的红狐狸"
    assert (row["imagesSaved"], row["imagesExpected"], row["cost"]) == (2, 2, 0.06)
    assert main(["jobs", "list"]) == 0
    assert "done" in capsys.readouterr().out
    assert main(["jobs", "spend", "--json"]) == 0
    spend = json.loads(capsys.readouterr().out)
    assert spend["totalImages"] == 2 and spend["totalUsd"] == pytest.approx(0.06)
    assert spend["days"] == [{"day": datetime.now().strftime("%Y-%m-%d"), "images": 2, "usd": 0.06}]
    assert main(["jobs", "spend"]) == 0
    assert "$0.06" in capsys.readouterr().out


def test_list_when_empty(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jobs", "list"]) == 0
    assert "No jobs" in capsys.readouterr().out


def test_cancel_a_queued_job(capsys: pytest.CaptureFixture[str]) -> None:
    with _journal() as journal:
        job = journal.add_job(GenerationRequest("later"))
    assert main(["jobs", "cancel", job.id[:5]]) == 0
    assert "cancelled" in capsys.readouterr().out
    with _journal() as journal:
        assert journal.get(job.id).state is JobState.CANCELLED
    assert main(["jobs", "cancel", "nope"]) == 2


def test_resume_sends_a_queued_job_and_saves_it(api: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    with _journal() as journal:
        job = journal.add_job(GenerationRequest("queued while offline", number_results=2), api_url=api.url)
    assert main(["jobs", "resume", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 2 and all(Path(i["path"]).is_file() for i in items)
    assert {i["taskUUID"] for i in items} == {job.task_uuid}
    assert main(["jobs", "resume"]) == 0
    assert "Nothing to resume" in capsys.readouterr().err


def test_resume_leaves_jobs_of_another_api_alone(api: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    with _journal() as journal:
        real = journal.add_job(GenerationRequest("sent to Runware itself"))  # the default API
        journal.mark_acked(real.id)
        journal.set_state(real.id, JobState.SUBMITTED)
    assert main(["jobs", "resume", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "https://api.runware.ai/v1" in err and "SEEDREAM_API_URL" in err
    assert not [r for r in api.requests if r.get("taskUUID") == real.task_uuid]  # never polled here
    with _journal() as journal:
        assert journal.get(real.id).state is JobState.SUBMITTED
    assert main(["jobs", "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["apiUrl"] == "https://api.runware.ai/v1"


def test_cancel_saves_the_images_that_already_arrived(
    api: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    async def arrived() -> tuple[str, list[ImageResult]]:
        async with RunwareClient(KEY, api.url) as client:
            task = GenerationRequest.new_task_uuid()
            images = await client.submit(dataclasses.replace(SMALL, delivery="sync"), task)
            return task, images

    task, images = asyncio.run(arrived())
    with _journal() as journal:
        job = journal.add_job(SMALL, task_uuid=task, api_url=api.url)
        journal.mark_acked(job.id)
        journal.set_state(job.id, JobState.GENERATING)
        journal.add_images(job.id, task, images)
    assert main(["jobs", "cancel", job.id, "--json"]) == 0
    out = capsys.readouterr().out
    assert f"job {job.id} cancelled" in out
    with _journal() as journal:
        assert journal.get(job.id).state is JobState.CANCELLED
        assert [i.saved for i in journal.images(job.id)] == [True, True]
        assert all(Path(i.path).is_file() for i in journal.images(job.id))  # type: ignore[arg-type]
    # The server had the task: what else it made is paid for, so it is asked for, never sent anew.
    assert len([r for r in api.requests if r.get("taskType") == "imageInference"]) == 1


def test_retry_a_failed_job(api: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    api.inject("402", 1, "submit")
    assert main(["generate", "x", "--size", "1K-1:1"]) == 3
    with _journal() as journal:
        (job,) = journal.jobs()
    capsys.readouterr()
    assert main(["jobs", "retry", job.id, "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["taskUUID"] != job.task_uuid  # refused outright: a fresh task, never a double charge
    assert main(["jobs", "retry", job.id]) == 2  # done now: nothing to retry
