"""RunwareClient against the real emulator on loopback: delivery modes, retries, conflicts, errors, the key."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PIL import Image

from seedream_desktop.api.client import PollSchedule, RetryPolicy, RunwareClient
from seedream_desktop.api.errors import (
    ContentPolicy,
    InvalidApiKey,
    NoCredits,
    ProviderTimeout,
    RateLimited,
    RejectedParameter,
    ServerError,
)
from seedream_desktop.api.request import GenerationRequest, ReferenceImage
from seedream_desktop.api.results import ImageResult, PollResult
from seedream_desktop.api.sizes import by_key
from seedream_desktop.emulator import Emulator

KEY = "sk-test-DO-NOT-LEAK-0123456789"
FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02, jitter=0.0)
QUICK = PollSchedule(first=0.01, factor=1.5, max_delay=0.05)
SMALL = by_key("1K-1:1")
T = TypeVar("T")


def make_request(**changes: Any) -> GenerationRequest:
    return GenerationRequest("a lighthouse at dusk", size=SMALL, **changes)


def with_client(emulator: Emulator, body: Callable[[RunwareClient], Awaitable[T]], **options: Any) -> T:
    async def scenario() -> T:
        settings: dict[str, Any] = {"retries": FAST, "polling": QUICK, "timeout": 10.0, **options}
        async with RunwareClient(settings.pop("key", KEY), emulator.url, **settings) as client:
            return await body(client)

    return asyncio.run(scenario())


def inference_uuids(emulator: Emulator) -> list[str]:
    return [t["taskUUID"] for t in emulator.requests if t.get("taskType") == "imageInference"]


# ---- delivery -----------------------------------------------------------------------------------


def test_sync_generation_returns_its_images(emulator: Emulator) -> None:
    task = GenerationRequest.new_task_uuid()

    async def body(client: RunwareClient) -> list[ImageResult]:
        return await client.submit(make_request(delivery="sync", number_results=2, seed=7), task)

    images = with_client(emulator, body)
    assert len(images) == 2
    assert {i.task_uuid for i in images} == {task}
    assert {i.image_uuid for i in images} == {uuid for _, uuid, _ in emulator.produced}
    assert all(i.url and i.cost == pytest.approx(0.03) and i.seed is not None for i in images)


def test_async_generation_is_polled_and_de_duplicated(emulator: Emulator) -> None:
    """getResponse is cumulative: the same image comes back on every poll but is returned once."""
    task = GenerationRequest.new_task_uuid()
    updates: list[PollResult] = []

    async def body(client: RunwareClient) -> list[ImageResult]:
        emulator.pause()
        assert await client.submit(make_request(number_results=3), task) == []
        first = await client.poll(task)
        assert first.pending and first.images == []
        emulator.release(1)
        await asyncio.to_thread(emulator.wait_for_images, 1)
        again = [await client.poll(task) for _ in range(2)]
        assert [len(p.images) for p in again] == [1, 1]  # cumulative: still there on the next poll
        assert all(p.pending for p in again)
        emulator.resume()
        return await client.wait(task, on_update=updates.append)

    images = with_client(emulator, body)
    assert len(images) == 3
    assert len({i.image_uuid for i in images}) == 3
    # on_update only ever hands over images it has not handed over before.
    handed = [i.image_uuid for update in updates for i in update.images]
    assert sorted(handed) == sorted(i.image_uuid for i in images)
    assert not updates[-1].pending


@pytest.mark.parametrize("output_type", ["base64Data", "dataURI"])
def test_inline_results_are_decoded_and_saved(emulator: Emulator, tmp_path: Path, output_type: str) -> None:
    async def body(client: RunwareClient) -> list[tuple[ImageResult, str]]:
        images = await client.submit(
            make_request(delivery="sync", output_type=output_type), GenerationRequest.new_task_uuid()
        )
        saved = []
        for image in images:
            info = await client.download_to_file(image, tmp_path / "out.png", expected_format="PNG")
            saved.append((image, info.sha256))
        return saved

    [(image, sha)] = with_client(emulator, body)
    assert image.url is None and image.data is not None
    assert sha == emulator.produced[0][2]
    with Image.open(tmp_path / "out.png") as im:
        assert im.size == (1024, 1024)


# ---- retries and conflicts ----------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["500", "503", "429", "504"])
def test_transient_submit_failure_is_retried_with_the_same_task_uuid(emulator: Emulator, fault: str) -> None:
    emulator.inject(fault, times=1, on="submit")
    task = GenerationRequest.new_task_uuid()
    images = with_client(emulator, lambda c: c.submit(make_request(delivery="sync"), task))
    assert inference_uuids(emulator) == [task, task]
    assert len(images) == 1
    assert len(emulator.produced) == 1  # made (and paid for) once


@pytest.mark.parametrize("fault", ["drop", "malformed"])
def test_answer_lost_after_the_server_took_the_task_switches_to_polling(
    emulator: Emulator, fault: str
) -> None:
    """The re-sent task meets conflictTaskUUID: the server has it, so we poll instead of paying twice."""
    emulator.inject(fault, times=1, on="submit")
    task = GenerationRequest.new_task_uuid()

    async def body(client: RunwareClient) -> tuple[list[ImageResult], list[ImageResult]]:
        submitted = await client.submit(make_request(delivery="sync"), task)
        return submitted, await client.wait(task)

    submitted, images = with_client(emulator, body)
    assert submitted == []
    assert inference_uuids(emulator) == [task, task]
    assert len(images) == 1
    assert len(emulator.produced) == 1


def test_stalled_poll_times_out_and_is_retried(emulator_factory: Callable[..., Emulator]) -> None:
    emulator = emulator_factory(stall_seconds=4.0)
    emulator.inject("stall", times=1, on="poll")
    task = GenerationRequest.new_task_uuid()

    async def body(client: RunwareClient) -> list[ImageResult]:
        await client.submit(make_request(), task)
        return await client.wait(task)

    assert len(with_client(emulator, body, timeout=1.0)) == 1
    polls = [t for t in emulator.requests if t.get("taskType") == "getResponse"]
    assert len(polls) >= 2  # the stalled one and its retry


def test_retries_are_bounded(emulator: Emulator) -> None:
    emulator.inject("500", times=None, on="submit")
    with pytest.raises(ServerError):
        with_client(emulator, lambda c: c.submit(make_request(), GenerationRequest.new_task_uuid()))
    assert len(inference_uuids(emulator)) == FAST.attempts


def test_wait_rides_out_a_poll_that_failed_all_its_retries(emulator: Emulator) -> None:
    emulator.inject("503", times=FAST.attempts, on="poll")
    task = GenerationRequest.new_task_uuid()

    async def body(client: RunwareClient) -> list[ImageResult]:
        await client.submit(make_request(), task)
        return await client.wait(task)

    assert len(with_client(emulator, body)) == 1
    assert len([t for t in emulator.requests if t.get("taskType") == "getResponse"]) > FAST.attempts


def test_rate_limit_that_never_clears_is_reported_as_busy(emulator: Emulator) -> None:
    emulator.inject("429", times=None, on="poll")
    task = GenerationRequest.new_task_uuid()

    async def body(client: RunwareClient) -> list[ImageResult]:
        await client.submit(make_request(), task)
        return await client.wait(task)

    with pytest.raises(RateLimited):
        with_client(emulator, body)


# ---- errors -------------------------------------------------------------------------------------


def test_wrong_key_is_not_retried_and_never_leaks(
    emulator_factory: Callable[..., Emulator], caplog: pytest.LogCaptureFixture
) -> None:
    emulator = emulator_factory(api_keys={"the-right-key"})
    caplog.set_level(logging.DEBUG)
    with pytest.raises(InvalidApiKey) as caught:
        with_client(emulator, lambda c: c.submit(make_request(), GenerationRequest.new_task_uuid()))
    assert len(emulator.requests) == 1
    error = caught.value
    for text in (str(error), repr(error), error.detail, repr(error.params), repr(error.__cause__)):
        assert KEY not in text
    assert KEY not in caplog.text
    assert KEY not in json.dumps(emulator.requests)  # only ever in the Authorization header
    assert caught.value.exit_code == 3


def test_check_key(emulator_factory: Callable[..., Emulator]) -> None:
    emulator = emulator_factory(api_keys={KEY})
    with_client(emulator, lambda c: c.check_key())
    with pytest.raises(InvalidApiKey):
        with_client(emulator, lambda c: c.check_key(), key="not-the-key")


def test_no_credits(emulator: Emulator) -> None:
    emulator.inject("402", on="submit")
    with pytest.raises(NoCredits) as caught:
        with_client(emulator, lambda c: c.submit(make_request(), GenerationRequest.new_task_uuid()))
    assert caught.value.status == 402
    assert len(inference_uuids(emulator)) == 1


def test_server_side_validation_names_the_parameter(emulator: Emulator) -> None:
    # Something our local rules let through (via `extra`) and the server refuses.
    request = make_request(extra={"width": 1000})
    with pytest.raises(RejectedParameter) as caught:
        with_client(emulator, lambda c: c.submit(request, GenerationRequest.new_task_uuid()))
    assert caught.value.parameter == "width"
    assert "width" in str(caught.value)


@pytest.mark.parametrize(
    ("fault", "kind"), [("content-policy", ContentPolicy), ("provider-timeout", ProviderTimeout)]
)
def test_failed_generation_raises_its_error_from_wait(
    emulator: Emulator, fault: str, kind: type[Exception]
) -> None:
    emulator.inject(fault, on="submit")
    task = GenerationRequest.new_task_uuid()

    async def body(client: RunwareClient) -> list[ImageResult]:
        await client.submit(make_request(), task)
        return await client.wait(task)

    with pytest.raises(kind):
        with_client(emulator, body)


def test_nsfw_flag_is_reported(emulator: Emulator) -> None:
    emulator.inject("nsfw", on="submit")
    [image] = with_client(
        emulator, lambda c: c.submit(make_request(delivery="sync"), GenerationRequest.new_task_uuid())
    )
    assert image.nsfw is True


def test_deadline_without_images_is_a_provider_timeout(emulator: Emulator) -> None:
    now = [100.0]

    async def tick(seconds: float) -> None:
        now[0] += seconds

    task = GenerationRequest.new_task_uuid()

    async def body(client: RunwareClient) -> list[ImageResult]:
        emulator.pause()
        await client.submit(make_request(), task)
        return await client.wait(task, deadline=101.0)

    with pytest.raises(ProviderTimeout):
        with_client(emulator, body, sleep=tick, clock=lambda: now[0])
    emulator.resume()


def test_expiry_time_comes_from_the_ttl(emulator: Emulator) -> None:
    import time

    before = time.time()
    [image] = with_client(
        emulator,
        lambda c: c.submit(make_request(delivery="sync", ttl=600), GenerationRequest.new_task_uuid()),
    )
    assert image.expires_at is not None and before + 600 <= image.expires_at <= time.time() + 600


# ---- reference images ---------------------------------------------------------------------------


def test_local_references_upload_once_and_others_pass_through(emulator: Emulator, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (64, 64), "purple").save(logo)
    url = "https://example.com/mood.jpg"
    persistent: dict[str, str] = {}

    async def body(client: RunwareClient) -> tuple[list[str], list[str]]:
        refs = [ReferenceImage(str(logo)), ReferenceImage(url), ReferenceImage(str(logo))]
        first = await client.resolve_references(refs)
        second = await client.resolve_references(refs[:1])  # a later job with the same brand kit
        return first, second

    first, second = with_client(emulator, body, upload_cache=persistent)
    uploads = [t for t in emulator.requests if t.get("taskType") == "imageUpload"]
    assert len(uploads) == 1
    assert first[1] == url
    assert first[0] == first[2] == second[0]
    assert list(persistent.values()) == [first[0]]

    # A new client (a restart) with the persistent mapping does not upload again.
    with_client(
        emulator, lambda c: c.resolve_references([ReferenceImage(str(logo))]), upload_cache=persistent
    )
    assert len([t for t in emulator.requests if t.get("taskType") == "imageUpload"]) == 1


def test_submit_uploads_local_references_itself(emulator: Emulator, tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (80, 60), "green").save(photo, "JPEG")
    emulator.inject("500", on="upload")  # a failed upload is retried like any transient failure
    request = make_request(delivery="sync", references=(ReferenceImage(str(photo)),))
    [image] = with_client(emulator, lambda c: c.submit(request, GenerationRequest.new_task_uuid()))
    [inference] = [t for t in emulator.requests if t.get("taskType") == "imageInference"]
    [sent] = inference["inputs"]["referenceImages"]
    assert str(photo) not in sent and len(sent) == 36  # an imageUUID, never the local path
    assert image.image_uuid
