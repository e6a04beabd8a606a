"""A scriptable stand-in for RunwareClient, for unit tests of the job pipeline only.

Integration tests use the real emulator over HTTP; this fake exists so the state machine, the journal
and the saver can be driven step by step (block a poll, fail a submit twice, ...) without timing games.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from seedream_desktop.api.errors import RejectedParameter, SeedreamError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.results import DownloadInfo, ImageResult, PollResult


def png_bytes(seed: int = 1, size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (seed * 40 % 256, 80, 160)).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class FakeTask:
    request: GenerationRequest
    images: list[ImageResult]
    polls_left: int  # getResponse answers "pending" this many times before it is finished
    errors: list[SeedreamError] = field(default_factory=list)
    released: int = 0  # images visible so far


class FakeClient:
    """Behaves like RunwareClient's public surface; every call is recorded in ``calls``."""

    def __init__(self, *, polls: int = 1, cost: float = 0.03) -> None:
        self.polls = polls
        self.cost = cost
        self.tasks: dict[str, FakeTask] = {}
        self.calls: list[tuple[str, str]] = []
        self.downloads: Counter[str] = Counter()
        # Scripted failures: each call pops the head; an exception is raised, None means behave.
        self.submit_faults: list[BaseException | None] = []
        self.poll_faults: list[BaseException | None] = []
        self.download_faults: list[BaseException | None] = []
        # Answers with these errors when the task finishes (a server-side generation failure).
        self.task_errors: list[SeedreamError] = []
        self.gate: asyncio.Event | None = None  # when set, poll() waits for it (to hold a job running)
        self.polled = asyncio.Event()
        self.on_submit: Callable[[str], None] | None = None

    # ---- RunwareClient surface ------------------------------------------------------------------
    async def submit(
        self, request: GenerationRequest, task_uuid: str, reference_ids: list[str] | None = None
    ) -> list[ImageResult]:
        self.calls.append(("submit", task_uuid))
        if self.on_submit is not None:
            self.on_submit(task_uuid)
        self._fault(self.submit_faults)
        if task_uuid in self.tasks:
            return []  # conflictTaskUUID: the server already has it
        count = request.expected_images
        images = [
            ImageResult(
                task_uuid=task_uuid,
                image_uuid=str(uuid.uuid4()),
                url=f"http://fake/{task_uuid}/{i}.png",
                seed=1000 + i,
                cost=self.cost,
            )
            for i in range(count)
        ]
        task = FakeTask(request, images, self.polls, list(self.task_errors))
        self.tasks[task_uuid] = task
        if request.delivery == "sync":
            task.released = len(images)
            task.polls_left = 0
            return list(images)
        return []

    async def poll(self, task_uuid: str) -> PollResult:
        self.calls.append(("poll", task_uuid))
        self.polled.set()
        if self.gate is not None:
            await self.gate.wait()
        self._fault(self.poll_faults)
        task = self.tasks.get(task_uuid)
        if task is None:  # as Runware answers a task it never took
            return PollResult(
                [], False, [RejectedParameter("no such task", code="invalidTaskUUID", status=400)]
            )
        if task.polls_left > 0:
            task.polls_left -= 1
            if not task.errors:
                task.released = min(len(task.images), task.released + 1)
        pending = task.polls_left > 0
        if not pending and not task.errors:
            task.released = len(task.images)
        return PollResult(list(task.images[: task.released]), pending, [] if pending else list(task.errors))

    async def download(
        self,
        result: ImageResult,
        sink: Any,
        *,
        expected_format: str,
        on_progress: Callable[[int, int | None], None] | None = None,
    ) -> DownloadInfo:
        self.calls.append(("download", result.image_uuid))
        self.downloads[result.image_uuid] += 1
        self._fault(self.download_faults)
        data = png_bytes(int(result.seed or 1))
        half = len(data) // 2
        for chunk in (data[:half], data[half:]):
            sink.write(chunk)
            if on_progress is not None:
                on_progress(sink.tell(), len(data))
            await asyncio.sleep(0)
        return DownloadInfo(len(data), hashlib.sha256(data).hexdigest(), "PNG")

    async def resolve_references(self, refs: Any) -> list[str]:
        return [r.source for r in refs]

    async def aclose(self) -> None:
        pass

    # ---- helpers ---------------------------------------------------------------------------------
    def submits(self) -> list[str]:
        return [task for name, task in self.calls if name == "submit"]

    @staticmethod
    def _fault(script: list[BaseException | None]) -> None:
        if script:
            fault = script.pop(0)
            if fault is not None:
                raise fault
