"""The emulator's hostile-answer faults, met by the real client: each ends in a clear, key-free outcome."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest

from seedream_desktop.api.client import PollSchedule, RetryPolicy, RunwareClient
from seedream_desktop.api.errors import RejectedParameter, UnsafeImageLink, UnusableReply
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.sizes import by_key
from seedream_desktop.emulator import Emulator
from seedream_desktop.emulator.faults import EXTRA_RESULTS, parse_fault_spec

KEY = "sk-emulated-hostile-0123456789"
T = TypeVar("T")


def submit(emulator: Emulator, then: Callable[[RunwareClient, list], Awaitable[T]] | None = None) -> object:
    async def scenario() -> object:
        retries = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02, jitter=0.0)
        async with RunwareClient(
            KEY, emulator.url, retries=retries, polling=PollSchedule(first=0.01)
        ) as client:
            request = GenerationRequest("a fox", size=by_key("1K-1:1"), delivery="sync")
            images = await client.submit(request, GenerationRequest.new_task_uuid())
            return await then(client, images) if then else images

    return asyncio.run(scenario())


@pytest.mark.parametrize("fault", ["negative-cost", "infinite-cost"])
def test_an_unusable_cost_counts_as_the_estimate(emulator: Emulator, fault: str) -> None:
    emulator.inject(fault, on="submit")
    (image,) = submit(emulator)  # type: ignore[misc]
    assert image.cost == 0.03 and image.cost_note


def test_extra_results_arrive_as_distinct_images(emulator: Emulator) -> None:
    emulator.inject("extra-results", on="submit")
    images = submit(emulator)
    assert len({i.image_uuid for i in images}) == EXTRA_RESULTS  # type: ignore[attr-defined]


def test_a_bad_uuid_refuses_the_item(emulator: Emulator) -> None:
    emulator.inject("bad-uuid", on="submit")
    with pytest.raises(UnusableReply):
        submit(emulator)


def test_an_unsafe_link_is_not_followed(emulator: Emulator, tmp_path: Path) -> None:
    emulator.inject("unsafe-link", on="submit")

    async def download(client: RunwareClient, images: list) -> object:
        return await client.download_to_file(images[0], tmp_path / "x.jpg", expected_format="JPG")

    with pytest.raises(UnsafeImageLink, match="private network"):
        submit(emulator, download)
    assert list(tmp_path.iterdir()) == []


def test_a_key_echo_is_masked(emulator: Emulator) -> None:
    emulator.inject("key-echo", on="submit")
    with pytest.raises(RejectedParameter) as caught:
        submit(emulator)
    assert KEY not in str(caught.value) and KEY not in repr(caught.value.params)


def test_hostile_faults_read_as_specs() -> None:
    assert parse_fault_spec("extra-resultsx*@poll") == ("extra-results", None, "poll")
    with pytest.raises(ValueError, match="cannot happen"):
        parse_fault_spec("key-echo@download")
