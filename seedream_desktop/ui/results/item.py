"""One tile of the result grid: a placeholder for an image a job will make, or an image on disk."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.jobs.state import JobState


@dataclass(slots=True)
class ResultItem:
    """Mutable on the GUI thread only; the model is its one owner."""

    job_id: str
    slot: int
    request: GenerationRequest | None = None
    state: JobState = JobState.QUEUED  # the job's state (a saved image's tile: DONE)
    waiting: bool = False  # queued while Runware cannot be reached: it goes out when it is back
    path: Path | None = None
    record: Any = None  # library.record.GenerationRecord of a saved image
    image_uuid: str = ""
    error_kind: str = ""
    error_text: str = ""
    remedy: str = ""
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    bytes_done: int = 0
    bytes_total: int = 0
    favourite: bool = False
    rating: int = 0

    @property
    def key(self) -> str:
        return f"{self.job_id}:{self.slot}"

    @property
    def is_saved(self) -> bool:
        return self.path is not None

    @property
    def is_running(self) -> bool:
        return self.path is None and not self.state.finished

    @property
    def prompt(self) -> str:
        text = getattr(self.record, "prompt", "")
        return str(text) if text else (self.request.prompt if self.request else "")

    @property
    def seed(self) -> int | None:
        value = getattr(self.record, "seed", None)
        if isinstance(value, int):
            return value
        return self.request.seed if self.request else None

    def generation_request(self) -> GenerationRequest | None:
        """The settings to run again: from the file's record, else what this job was asked."""
        make = getattr(self.record, "generation_request", None)
        request = make() if callable(make) else None
        return request if isinstance(request, GenerationRequest) else self.request

    def elapsed(self, now: float | None = None) -> float:
        end = self.finished if self.finished is not None else (now or time.monotonic())
        return max(0.0, end - self.started)
