"""ArkLane: BytePlus ModelArk jobs inside the Session, so the window runs them by the CLI's rules.

The rules are jobs/ark_jobs.py's: the request is journalled before it is sent, each image is saved and
committed as its event arrives, a job a dead run left mid-stream becomes "may have been charged, no
result to fetch" and goes out again only when the person says so (``resend(..., confirmed=True)``).

The stream is a blocking httpx call: it runs in a thread of the session's loop (``asyncio.to_thread``),
and everything it reports (a saved image, the job's end) is handed back to the loop, so the listener
and the library index are only ever used from the loop's thread, as for a Runware job.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable
from datetime import datetime
from datetime import time as dtime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from seedream_desktop.api.ark import ARK_BASE_URL, ArkClient, ArkOutcome, ark_problems, check_ark_key
from seedream_desktop.api.errors import CONTEXT, BudgetExceeded, InvalidRequest, MissingApiKey, SeedreamError
from seedream_desktop.api.models import DEFAULT_MODEL
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.config import Paths
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.jobs.ark_jobs import UNSURE, ArkJob, ArkJournal, check_resend, run_ark_job
from seedream_desktop.jobs.connection import Connection
from seedream_desktop.jobs.events import JobListener, JobView, SavedImage
from seedream_desktop.jobs.state import JobState

log = logging.getLogger(__name__)
ENV_ARK_URL = "SEEDREAM_ARK_URL"  # another base (the emulator, the Volcano Engine China region)
ARK = "ark"


class ArkUnsure(SeedreamError):
    """A ModelArk job that stopped mid-stream: it may have been charged and has no result to fetch."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "May have been charged, no result to fetch.")
    remedy = QT_TRANSLATE_NOOP(
        CONTEXT, "Check your BytePlus usage; send it again only if you want to pay for it again."
    )


class MissingArkKey(MissingApiKey):
    template = QT_TRANSLATE_NOOP(CONTEXT, "No BytePlus ModelArk API key is set.")
    remedy = QT_TRANSLATE_NOOP(
        CONTEXT, "Add your ModelArk key in Settings, or choose Runware as the provider."
    )


def ark_journal_file(paths: Paths, demo: bool) -> Path:
    """The CLI's journal (cli/ark.py), and for the demo one of its own: demo jobs never mix with real ones."""
    return paths.data / ("demo-ark-jobs.sqlite3" if demo else "ark-jobs.sqlite3")


def ark_address(connection: Connection | None) -> tuple[str, str]:
    """The key and base URL for ModelArk: the demo's emulator speaks Ark on the same port (no key needed)."""
    if connection is None:
        return "", os.environ.get(ENV_ARK_URL) or ARK_BASE_URL
    if connection.demo:
        parts = urlsplit(connection.base_url)
        return connection.api_key, f"{parts.scheme}://{parts.netloc}/api/v3"
    return connection.ark_key, os.environ.get(ENV_ARK_URL) or ARK_BASE_URL


class ArkLane:
    def __init__(
        self,
        paths: Paths,
        library_root: Path,
        listener: JobListener,
        connection: Connection | None,
        on_saved: Callable[[Path, Any], None],
    ) -> None:
        self.key, self.base_url = ark_address(connection)
        self.journal = ArkJournal(ark_journal_file(paths, bool(connection and connection.demo)))
        self.library_root = library_root
        self.listener = listener
        self._on_saved = on_saved
        self._saved: dict[str, int] = {}
        self._started: dict[str, float] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def owns(self, job_id: str) -> bool:
        return job_id in self._started or self.journal.job(job_id) is not None

    # ---- sending -------------------------------------------------------------------------------
    async def submit(self, request: GenerationRequest) -> str:
        """Journalled, then streamed in the background (the window): the listener hears the rest."""
        job_id = self._record(request)
        task = asyncio.get_running_loop().create_task(self._guarded(job_id, request), name=f"ark-{job_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job_id

    async def run(self, request: GenerationRequest) -> tuple[str, ArkOutcome]:
        """Journalled and streamed to its end (the CLI); raises what stopped it, after the listener heard."""
        job_id = self._record(request)
        return job_id, await self._stream(job_id, request)

    async def resend(self, job_id: str, *, confirmed: bool) -> str:
        """The same request again, as a new job: only on the person's yes for one that may have been charged."""
        job = self.journal.job(job_id)
        if job is None:
            raise KeyError(job_id)
        check_resend(job, confirmed=confirmed)
        return await self.submit(job.request)

    def _record(self, request: GenerationRequest) -> str:
        if not self.key:
            raise MissingArkKey(code="missingApiKey")
        problems = ark_problems(request) or request.problems()
        if problems:
            raise InvalidRequest(problems)
        job_id = self.journal.record(request)  # committed before anything leaves the machine
        self._saved[job_id] = 0
        self._started[job_id] = time.time()
        self.listener.job_changed(self._view(job_id, request, JobState.GENERATING))
        return job_id

    async def _stream(self, job_id: str, request: GenerationRequest) -> ArkOutcome:
        loop = asyncio.get_running_loop()

        def saved_in_thread(path: Path, record: Any) -> None:
            loop.call_soon_threadsafe(self._image_saved, job_id, request, path, record)

        client = ArkClient(self.key, self.base_url)
        try:
            _job, outcome = await asyncio.to_thread(
                run_ark_job,
                request,
                client,
                self.journal,
                self.library_root,
                on_saved=saved_in_thread,
                job_id=job_id,
            )
        except SeedreamError as exc:
            # run_ark_job journalled the outcome: refused before the stream (not billed) or broken.
            job = self.journal.job(job_id)
            unsure = job is not None and job.state == UNSURE
            error = ArkUnsure(code="arkUnsure") if unsure else exc
            self.listener.job_changed(self._view(job_id, request, JobState.FAILED, error))
            raise
        self.listener.job_changed(self._view(job_id, request, JobState.DONE))
        return outcome

    async def _guarded(self, job_id: str, request: GenerationRequest) -> None:
        try:
            await self._stream(job_id, request)
        except SeedreamError:
            pass  # the listener was told
        except (
            Exception
        ) as exc:  # a disk that filled up …: the job stays "sending", so the next start says "unsure"
            log.warning("ModelArk job %s stopped: %s", job_id, exc)
            self.listener.job_changed(
                self._view(job_id, request, JobState.FAILED, ArkUnsure(code="arkUnsure"))
            )

    def _image_saved(self, job_id: str, request: GenerationRequest, path: Path, record: Any) -> None:
        self._on_saved(path, record)
        self._saved[job_id] = self._saved.get(job_id, 0) + 1
        self.listener.image_saved(job_id, self._saved_image(job_id, request, path, record))
        self.listener.job_changed(self._view(job_id, request, JobState.GENERATING))

    # ---- after a crash --------------------------------------------------------------------------
    async def resume(self) -> None:
        """Jobs a dead run left mid-stream: shown with what they saved, as "may have been charged"."""
        for job in self.journal.recover():
            self._saved[job.id] = len(job.saved)
            self._started[job.id] = job.created
            self.listener.job_changed(
                self._view(job.id, job.request, JobState.FAILED, ArkUnsure(code="arkUnsure"), job)
            )
            for path in sorted(job.saved.values()):
                if Path(path).is_file():
                    self.listener.image_saved(
                        job.id, self._saved_image(job.id, job.request, Path(path), None)
                    )

    # ---- snapshots -------------------------------------------------------------------------------
    def _view(
        self,
        job_id: str,
        request: GenerationRequest,
        state: JobState,
        error: SeedreamError | None = None,
        job: ArkJob | None = None,
    ) -> JobView:
        price = (request.spec or DEFAULT_MODEL).price_per_image_usd
        saved = self._saved.get(job_id, 0)
        created = job.created if job else self._started.get(job_id, time.time())
        return JobView(
            id=job_id,
            request=request,
            state=state,
            error=error,
            images_expected=request.expected_images,
            images_saved=saved,
            cost=round(saved * price, 4),
            created=created,
            started=created,
            finished=time.time() if state.finished else None,
            task_uuid=job_id,
            estimated_cost=request.estimated_cost,
        )

    def _saved_image(self, job_id: str, request: GenerationRequest, path: Path, record: Any) -> SavedImage:
        if record is None:
            from seedream_desktop.library.metadata import read_record

            record = read_record(path)
        return SavedImage(
            path,
            record,
            None,
            image_uuid=getattr(record, "image_uuid", "") or f"ark-{job_id}-{path.name}",
            task_uuid=job_id,
            cost=getattr(record, "cost", None),
            width=request.size.width,
            height=request.size.height,
        )

    # ---- money ----------------------------------------------------------------------------------------
    def today(self) -> float:
        midnight = datetime.combine(datetime.now().date(), dtime.min).timestamp()
        return self.journal.spent_since(midnight)

    def check_budget(self, request: GenerationRequest, budget: float | None, elsewhere: float) -> None:
        """The one daily cap covers both providers: Runware's spend (``elsewhere``) plus ModelArk's."""
        if budget is None:
            return
        committed = elsewhere + self.today()
        if committed + request.estimated_cost > budget + 1e-9:
            raise BudgetExceeded(
                code="budgetExceeded",
                estimate=request.estimated_cost,
                budget=budget,
                spent=round(committed, 4),
            )

    async def check_key(self, api_key: str) -> None:
        await asyncio.to_thread(check_ark_key, api_key, self.base_url)

    async def aclose(self) -> None:
        # A stream cannot be stopped halfway without losing what it is paid for: let it finish.
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        self.journal.close()
