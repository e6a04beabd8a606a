"""What the job pipeline tells the outside world (GUI, CLI): frozen snapshots and a listener protocol, no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from seedream_desktop.api.errors import SeedreamError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.jobs.state import JobState

if TYPE_CHECKING:
    from seedream_desktop.jobs.journal import JobJournal
    from seedream_desktop.jobs.rows import JobRow


@dataclass(frozen=True, slots=True)
class JobView:
    """A job as it stands at one moment; safe to hand to another thread."""

    id: str
    request: GenerationRequest
    state: JobState
    error: SeedreamError | None
    images_expected: int
    images_saved: int
    cost: float  # what the server charged so far (sum of the images' `cost`)
    created: float
    started: float | None
    finished: float | None
    task_uuid: str = ""
    estimated_cost: float = 0.0
    # Why some images count the estimate: the server's own cost was unusable (negative, NaN, …).
    cost_notes: tuple[str, ...] = ()
    # Cancel was asked for. A job the server had keeps collecting its paid images until it ends.
    cancel_requested: bool = False


@dataclass(frozen=True, slots=True)
class SavedImage:
    """One image on disk under its final name, with the record embedded in it."""

    path: Path
    record: Any  # library.record.GenerationRecord
    info: Any  # api.client.DownloadInfo (size, sha256 and format of the bytes the server sent)
    image_uuid: str = ""
    task_uuid: str = ""
    seed: int | None = None
    cost: float | None = None
    width: int = 0
    height: int = 0


class JobListener(Protocol):
    """Receives events on the runner's loop thread; a GUI forwards them to its own thread."""

    def job_changed(self, view: JobView) -> None: ...

    def image_saved(self, job_id: str, saved: SavedImage) -> None: ...

    def download_progress(self, job_id: str, image_uuid: str, done: int, total: int | None) -> None: ...

    def online_changed(self, online: bool) -> None: ...


class SilentListener:
    """A listener that ignores everything (the default, and a base to override only what you need)."""

    def job_changed(self, view: JobView) -> None:
        pass

    def image_saved(self, job_id: str, saved: SavedImage) -> None:
        pass

    def download_progress(self, job_id: str, image_uuid: str, done: int, total: int | None) -> None:
        pass

    def online_changed(self, online: bool) -> None:
        pass


def view_of(journal: JobJournal, job: JobRow) -> JobView:
    """The snapshot of one journalled job, with what was saved and charged so far."""
    saved, cost = journal.counts(job.id)
    return JobView(
        id=job.id,
        request=job.request,
        state=job.state,
        error=job.error,
        images_expected=job.request.expected_images,
        images_saved=saved,
        cost=round(cost, 4),
        created=job.created,
        started=job.started,
        finished=job.finished,
        task_uuid=job.task_uuid,
        estimated_cost=job.estimated_cost,
        cost_notes=journal.cost_notes(job.id),
        cancel_requested=job.cancel_requested,
    )
