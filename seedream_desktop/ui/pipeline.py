"""The real job pipeline the bridge drives: Runware client, journal, ledger, saver, runner and library.

Plain asyncio, no Qt: everything here runs on the bridge's worker loop (and is built there, so each
SQLite connection and the HTTP client belong to that one thread).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from seedream_desktop.api.client import RunwareClient
from seedream_desktop.api.errors import MissingApiKey, NetworkError, SeedreamError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.config import Settings
from seedream_desktop.jobs.events import JobListener, SavedImage
from seedream_desktop.jobs.journal import JobJournal, JobRow
from seedream_desktop.jobs.ledger import SpendLedger
from seedream_desktop.jobs.pacing import Outage
from seedream_desktop.jobs.runner import JobRunner
from seedream_desktop.jobs.saver import ImageSaver
from seedream_desktop.jobs.state import CancelOutcome
from seedream_desktop.library.index import Library
from seedream_desktop.ui.bridge import Connection
from seedream_desktop.ui.pipeline_factory import PipelineOptions


def journal_file(options: PipelineOptions, connection: Connection | None) -> Path:
    """The demo has a journal of its own, beside the real one.

    Why a separate file rather than filtering by URL: nothing the demo does can then reach the real
    spend (`seedream jobs spend`, today's spend, the budget cap) or the real jobs' resume, whatever URL
    the emulator had, and the real journal needs no "is this loopback?" guess (a local proxy in front
    of Runware is real money).
    """
    real = options.paths.journal_file
    return real.with_name("demo-" + real.name) if connection is not None and connection.demo else real


class JobPipeline:
    """Owns the core objects for one connection; ``aclose`` leaves unfinished jobs for the next start."""

    def __init__(
        self, options: PipelineOptions, listener: JobListener, connection: Connection | None
    ) -> None:
        self.connection = connection
        self.journal = JobJournal(journal_file(options, connection))
        self.ledger = SpendLedger(self.journal, options.budget)
        library_root = options.library()
        self.library = Library.open(library_root, options.paths.thumbnails, browsing=False)
        base_url = connection.base_url if connection else Settings(options.paths).api_url
        self.client = RunwareClient(connection.api_key if connection else "", base_url)
        self.listener = listener
        self._watch: asyncio.Task[None] | None = None
        self.saver = ImageSaver(library_root, self.journal)
        self.runner = JobRunner(
            self.client,
            self.journal,
            self.saver,
            ledger=self.ledger,
            listener=listener,
            max_concurrent=options.max_concurrent,
            pacing=options.pacing,
            on_saved=[self._index_saved],
            api_url=base_url,
        )

    def _index_saved(self, path: Path, record: Any) -> None:
        self.library.add_file(path, record)

    async def watch_connection(self) -> None:
        """Say whether the API answers, with a free request (a ping), at start and while it does not.

        Online means the API answered: until then the window says "Connecting…", never "Connected".
        Runs until the pipeline closes; a job's own requests report their answers as they go, and
        when one of them finds the network gone, this checks again until it is back (jobs or not).
        """
        outage = Outage(dataclasses.replace(self.runner.pacing, offline_patience=None))
        while True:
            if self.runner.online:
                outage.reset()
                await asyncio.sleep(self.runner.pacing.longest_offline)  # no request: reads a flag
                continue
            try:
                await self.client.check_key()
            except NetworkError:
                self.runner.set_online(False)
                await outage.wait()
                continue
            except SeedreamError:
                pass  # it answered: a key problem is said when a job is sent
            self.runner.set_online(True)

    async def submit(self, request: GenerationRequest) -> str:
        if self.connection is None or not self.connection.api_key:
            raise MissingApiKey(code="missingApiKey")
        return await self.runner.submit(request)

    async def cancel(self, job_id: str) -> CancelOutcome:
        return await self.runner.cancel(job_id)

    async def cancel_all(self) -> list[CancelOutcome]:
        return await self.runner.cancel_all()

    async def retry(self, job_id: str) -> None:
        await self.runner.retry(job_id)

    async def resume(self) -> None:
        if self.connection is None or not self.connection.api_key:
            return
        self._watch = asyncio.get_running_loop().create_task(self.watch_connection(), name="connection")
        for job_id in await self.runner.resume():
            # A job resumed after a crash shows every image it saved before it, not only the new ones
            # (the grid places an image it already shows on its own tile: never twice).
            self.listener.job_changed(self.runner.view(job_id))
            for saved in self._saved_before(self.journal.get(job_id)):
                self.listener.image_saved(job_id, saved)

    def _saved_before(self, job: JobRow) -> list[SavedImage]:
        total = job.request.expected_images
        return [
            SavedImage(
                Path(image.path),
                self.saver.record_for(job, image, total),
                None,
                image_uuid=image.image_uuid,
                task_uuid=image.task_uuid,
                seed=image.seed,
                cost=image.cost,
                width=job.request.size.width,
                height=job.request.size.height,
            )
            for image in self.journal.images(job.id)
            if image.saved and image.path and Path(image.path).is_file()
        ]

    async def spend_today(self) -> float:
        return self.ledger.today()

    async def check_key(self, api_key: str, base_url: str) -> None:
        async with RunwareClient(api_key, base_url or self.client.base_url) as client:
            await client.check_key()

    # ---- marks and trash: SQLite and the OS trash, kept off the GUI thread --------------------
    def _ids(self, paths: Iterable[Path]) -> list[int]:
        ids = []
        for path in paths:
            entry = self.library.by_path(Path(path))
            if entry is None:
                entry = self.library.add_file(Path(path))
            ids.append(entry.id)
        return ids

    async def set_favourite(self, paths: list[Path], on: bool) -> None:
        await asyncio.to_thread(lambda: self.library.set_favourite(self._ids(paths), on))

    async def set_rating(self, paths: list[Path], stars: int) -> None:
        await asyncio.to_thread(lambda: self.library.set_rating(self._ids(paths), stars))

    async def trash(self, paths: list[Path]) -> list[Path]:
        def send() -> list[Path]:
            return [entry.path for entry in self.library.trash(self._ids(paths))]

        return await asyncio.to_thread(send)

    async def aclose(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            await asyncio.gather(self._watch, return_exceptions=True)
        await self.runner.aclose()
        await self.client.aclose()
        self.journal.close()
        self.library.close()
