"""Wiring the real pipeline (RunwareClient over HTTP, journal, saver) to a running emulator for tests."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from seedream_desktop.api.client import PollSchedule, RetryPolicy, RunwareClient
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.sizes import by_key
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.runner import JobRunner, Pacing
from seedream_desktop.jobs.saver import ImageSaver
from seedream_desktop.library.metadata import read_record

T = TypeVar("T")
KEY = "test-key-not-secret-0123456789"
QUICK_RETRIES = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05, jitter=0.0)
QUICK = Pacing(first_poll=0.02, poll_factor=1.5, longest_poll=0.1, first_offline=0.02, longest_offline=0.1)
SMALL = by_key("1K-1:1")


def request(prompt: str = "a red fox in snow", count: int = 2, **changes: Any) -> GenerationRequest:
    changes.setdefault("size", SMALL)
    return GenerationRequest(prompt, number_results=count, **changes)


async def with_runner(
    url: str,
    journal: JobJournal,
    library: Path,
    body: Callable[[JobRunner], Awaitable[T]],
    *,
    timeout: float = 2.0,
    pacing: Pacing = QUICK,
    **runner_options: Any,
) -> T:
    async with RunwareClient(
        KEY, url, timeout=timeout, retries=QUICK_RETRIES, polling=PollSchedule(0.02, 1.5, 0.1)
    ) as client:
        runner = JobRunner(client, journal, ImageSaver(library, journal), pacing=pacing, **runner_options)
        try:
            return await body(runner)
        finally:
            await runner.aclose()


def run_job(url: str, journal: JobJournal, library: Path, req: GenerationRequest, **options: Any) -> str:
    async def body(runner: JobRunner) -> str:
        job_id = await runner.submit(req)
        await runner.wait(job_id)
        return job_id

    return asyncio.run(with_runner(url, journal, library, body, **options))


def saved_once(journal: JobJournal, library: Path, produced: list[tuple[str, str, str]]) -> None:
    """Every image the emulator produced is in the library exactly once, with its record; no partials."""
    files = [p for p in library.rglob("*") if p.is_file() and ".seedream" not in p.parts]
    assert not [p for p in files if p.name.startswith(".partial-")], "a partial file is visible"
    by_uuid: dict[str, list[Path]] = {}
    for path in files:
        record = read_record(path)
        assert record is not None and record.image_uuid, f"{path} has no record"
        by_uuid.setdefault(record.image_uuid, []).append(path)
    wanted = {image_uuid: digest for _, image_uuid, digest in produced}
    assert set(by_uuid) == set(wanted), "saved images differ from what the emulator produced"
    assert all(len(paths) == 1 for paths in by_uuid.values()), "an image was saved twice"
    for row in journal.images():
        assert row.saved and row.path and Path(row.path) in by_uuid[row.image_uuid]
        if row.sha256 is not None:
            assert row.sha256 == wanted[row.image_uuid]  # the server's bytes, byte for byte
