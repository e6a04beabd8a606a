"""ImageFetcher: downloads and saves a job's journalled images that are not on disk yet."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from seedream_desktop.api.errors import SeedreamError, StorageError
from seedream_desktop.api.results import ImageResult
from seedream_desktop.jobs.events import JobListener, SavedImage
from seedream_desktop.jobs.journal import ImageRow, JobJournal, JobRow
from seedream_desktop.jobs.saver import ImageSaver

log = logging.getLogger(__name__)


def call_safely(callback: Callable[..., Any], *args: Any) -> None:
    # A listener's bug must never stop a paid image from being saved.
    try:
        callback(*args)
    except Exception:
        log.exception("job listener failed")


class ImageFetcher:
    """One round of "save what arrived" for a job; the runner decides when rounds happen."""

    def __init__(
        self,
        client: Any,
        journal: JobJournal,
        saver: ImageSaver,
        listener: Callable[[], JobListener],
        on_saved: Callable[[str, SavedImage], None],
    ) -> None:
        self.client = client
        self.journal = journal
        self.saver = saver
        self._listener = listener  # looked up each time: the runner's listener can be replaced
        self._on_saved = on_saved

    async def save_pending(
        self, job: JobRow, check_cancelled: Callable[[str], None] | None = None
    ) -> list[SeedreamError]:
        """Download and save every image of the job not on disk yet; return the downloads that failed.

        An image whose download failed is tried again on the next round (its link may still work).
        A full disk (StorageError) is raised: the next image would not fit either.
        """
        failures: list[SeedreamError] = []
        for image in self.journal.images(job.id):
            if image.saved:
                continue
            if check_cancelled is not None:
                check_cancelled(job.id)
            try:
                saved = await self.saver.save(
                    job,
                    image,
                    self._downloader(job, image),
                    sequence_total=job.request.expected_images,
                )
            except StorageError:
                raise
            except SeedreamError as error:
                failures.append(error)
                continue
            if saved is not None:
                self._on_saved(job.id, saved)
        return failures

    def _downloader(self, job: JobRow, image: ImageRow) -> Callable[[Any], Any]:
        result = ImageResult(
            task_uuid=image.task_uuid,
            image_uuid=image.image_uuid,
            url=image.url,
            seed=image.seed,
            cost=image.cost,
            nsfw=image.nsfw,
            expires_at=image.expires_at,
        )

        def progress(done: int, total: int | None = None) -> None:
            call_safely(self._listener().download_progress, job.id, image.image_uuid, done, total)

        def download(sink: Any) -> Any:
            return self.client.download(
                result, sink, expected_format=job.request.output_format, on_progress=progress
            )

        return download
