"""Session: the one place that builds the job pipeline, for the window and the command line alike.

Client, journal, ledger, saver, runner and the library index, from a Connection and SessionOptions,
with one policy: the library index is a cache, so an index that cannot open never stops a generation
(the image is saved, a notice says so, and the library catches up when it next scans).

Plain asyncio, no Qt. The window builds it on its worker loop (so each SQLite connection and the
HTTP client belong to that one thread); ``seedream generate`` and ``seedream jobs`` in ``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from seedream_desktop.api.client import RunwareClient
from seedream_desktop.api.errors import MissingApiKey, NetworkError, SeedreamError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.jobs.ark_lane import ARK, ArkLane
from seedream_desktop.jobs.connection import Connection, SessionOptions
from seedream_desktop.jobs.events import JobListener, SavedImage
from seedream_desktop.jobs.journal import JobJournal, JobRow
from seedream_desktop.jobs.ledger import SpendLedger
from seedream_desktop.jobs.pacing import Outage
from seedream_desktop.jobs.runner import JobRunner
from seedream_desktop.jobs.saver import ImageSaver
from seedream_desktop.jobs.state import CancelOutcome
from seedream_desktop.library.index import Library
from seedream_desktop.library.notice import IndexUnavailable, LibraryNotice

log = logging.getLogger(__name__)

CONTEXT = "Session"
INDEX_LATER = QT_TRANSLATE_NOOP(
    CONTEXT,
    "The library index in {folder} cannot be opened ({detail}). New images are still saved there; "
    "the library lists them once the index opens again.",
)


def open_index(root: Path, thumbnails: Path) -> tuple[Library | None, LibraryNotice | None]:
    """The library index for saving into ``root``, or None and why: it must never cost an image.

    The notice also says when a damaged index was set aside and is being rebuilt.
    """
    try:
        library = Library.open(root, thumbnails, browsing=False)
    except Exception as exc:  # locked, read-only, not a file …: the image matters more than its index
        detail = exc.notice.params["detail"] if isinstance(exc, IndexUnavailable) else str(exc)
        log.warning("library index unavailable: %s", detail)
        return None, LibraryNotice(INDEX_LATER, {"folder": str(root), "detail": detail}, CONTEXT)
    return library, library.notice


class Session:
    """Owns the core objects for one connection; ``aclose`` leaves unfinished jobs for the next start."""

    def __init__(self, options: SessionOptions, listener: JobListener, connection: Connection | None) -> None:
        self.connection = connection
        self.listener = listener
        # What the person should know about this session (an index that could not open …), in the
        # core's translatable form: the CLI prints them, the window shows them in its banner.
        self.notices: list[LibraryNotice] = []
        self.library_root = options.library()
        self._thumbnails = options.paths.thumbnails  # one thumbnail folder for the window and the CLI
        self.journal = JobJournal(options.journal_file(connection))
        self.ledger = SpendLedger(self.journal, options.budget)
        self.library = self._open_index()
        base_url = connection.base_url if connection else options.api_url()
        self.client = RunwareClient(connection.api_key if connection else "", base_url)
        self.saver = ImageSaver(self.library_root, self.journal)
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
        # BytePlus ModelArk: its own journal and rules (no task to poll), the same index and listener.
        self.ark = ArkLane(options.paths, self.library_root, listener, connection, self._index_saved)
        self._watch: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # ---- the library index: a cache that never costs an image ---------------------------------
    def _open_index(self) -> Library | None:
        library, notice = open_index(self.library_root, self._thumbnails)
        if notice is not None:
            self.notices.append(notice)
        return library

    def _index_saved(self, path: Path, record: Any) -> None:
        if self.library is not None:
            self.library.add_file(path, record)

    def _index(self) -> Library:
        """The index for a mark or a trash: opened again if it could not be at start."""
        if self.library is None:
            self.library = Library.open(self.library_root, self._thumbnails, browsing=False)
        return self.library

    # ---- jobs ---------------------------------------------------------------------------------
    async def submit(self, request: GenerationRequest, provider: str = "runware") -> str:
        if provider == ARK:
            self._check_ark_budget(request)
            return await self.ark.submit(request)
        if self.connection is None or not self.connection.api_key:
            raise MissingApiKey(code="missingApiKey")
        return await self.runner.submit(request)

    async def generate_ark(self, request: GenerationRequest) -> tuple[str, Any]:
        """One ModelArk job streamed to its end (the CLI): its id and the stream's ArkOutcome."""
        self._check_ark_budget(request)
        return await self.ark.run(request)

    def _check_ark_budget(self, request: GenerationRequest) -> None:
        runware = self.ledger.today() + self.journal.outstanding_estimates()  # one cap for both providers
        self.ark.check_budget(request, self.ledger.daily_budget_usd, runware)

    async def cancel(self, job_id: str) -> CancelOutcome:
        if self.ark.owns(job_id):
            return CancelOutcome.PAID  # a ModelArk stream cannot be called back: its images still arrive
        return await self.runner.cancel(job_id)

    async def cancel_all(self) -> list[CancelOutcome]:
        return await self.runner.cancel_all()

    async def retry(self, job_id: str) -> None:
        if self.ark.owns(job_id):
            await self.ark.resend(job_id, confirmed=False)  # refused unless it surely was never charged
            return
        await self.runner.retry(job_id)

    async def resend(self, job_id: str) -> str:
        """A ModelArk job that may have been charged, sent again: the person confirmed it."""
        return await self.ark.resend(job_id, confirmed=True)

    async def resume(self) -> None:
        """Carry on unfinished jobs and start watching the connection (the window, at each start)."""
        await self.ark.resume()  # ModelArk jobs a crash left mid-stream: shown, never re-sent
        if self.connection is None or not self.connection.api_key:
            return
        self._watch = asyncio.get_running_loop().create_task(self.watch_connection(), name="connection")
        for job_id in await self.runner.resume():
            # A job resumed after a crash shows every image it saved before it, not only the new ones
            # (the grid places an image it already shows on its own tile: never twice).
            self.listener.job_changed(self.runner.view(job_id))
            for saved in self.saved_before(self.journal.get(job_id)):
                self.listener.image_saved(job_id, saved)

    def saved_before(self, job: JobRow) -> list[SavedImage]:
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
        return self.ledger.today() + self.ark.today()

    # ---- the connection ---------------------------------------------------------------------------
    async def watch_connection(self) -> None:
        """Say whether the API answers, with a free request (a ping), at start and while it does not.

        Online means the API answered: until then the window says "Connecting…", never "Connected".
        Runs until the session closes; a job's own requests report their answers as they go, and
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

    async def check_key(self, api_key: str, base_url: str) -> None:
        async with RunwareClient(api_key, base_url or self.client.base_url) as client:
            await client.check_key()

    async def check_ark_key(self, api_key: str) -> None:
        await self.ark.check_key(api_key)

    # ---- marks and trash: SQLite and the OS trash, kept off the GUI thread --------------------
    def _ids(self, paths: Iterable[Path]) -> list[int]:
        library = self._index()
        ids = []
        for path in paths:
            entry = library.by_path(Path(path))
            if entry is None:
                entry = library.add_file(Path(path))
            ids.append(entry.id)
        return ids

    async def set_favourite(self, paths: list[Path], on: bool) -> None:
        await asyncio.to_thread(lambda: self._index().set_favourite(self._ids(paths), on))

    async def set_rating(self, paths: list[Path], stars: int) -> None:
        await asyncio.to_thread(lambda: self._index().set_rating(self._ids(paths), stars))

    async def trash(self, paths: list[Path]) -> list[Path]:
        def send() -> list[Path]:
            return [entry.path for entry in self._index().trash(self._ids(paths))]

        return await asyncio.to_thread(send)

    async def aclose(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            await asyncio.gather(self._watch, return_exceptions=True)
        await self.runner.aclose()
        await self.ark.aclose()
        await self.client.aclose()
        self.journal.close()
        if self.library is not None:
            self.library.close()
