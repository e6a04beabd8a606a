"""JobRunner: drives journalled jobs through submit, poll, download and save inside one asyncio loop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from seedream_desktop.api import errors as api_errors
from seedream_desktop.api.errors import NetworkError, SeedreamError, StorageError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.results import ImageResult
from seedream_desktop.jobs.events import JobListener, JobView, SavedImage, SilentListener
from seedream_desktop.jobs.journal import ImageRow, JobJournal, JobRow
from seedream_desktop.jobs.ledger import SpendLedger
from seedream_desktop.jobs.pacing import Outage, Pacing
from seedream_desktop.jobs.recover import clean_partials
from seedream_desktop.jobs.saver import ImageSaver
from seedream_desktop.jobs.state import JobState

log = logging.getLogger(__name__)

OnSaved = Callable[[Path, Any], None]  # (path, GenerationRecord): e.g. Library.add_file

# Answers that prove the server refused the task outright (nothing was taken, nothing charged), so a
# re-send may use a fresh taskUUID.
_REFUSALS: tuple[type[SeedreamError], ...] = (
    api_errors.InvalidApiKey,
    api_errors.NoCredits,
    api_errors.RejectedParameter,
    api_errors.ContentPolicy,
    api_errors.RateLimited,
    api_errors.InvalidRequest,
    api_errors.BudgetExceeded,
)
# Failures on our side or on the way: the results are still on the server, `resume` fetches them.
_RESUMABLE_KINDS = frozenset({"StorageError", "NetworkError", "BadImage"})


class _CancelledElsewhere(Exception):
    """Another process (``seedream jobs cancel``) cancelled the job in the journal."""


class JobRunner:
    """Runs jobs concurrently (up to ``max_concurrent``); every step is journalled before it happens.

    All methods must be called on the loop's thread (the GUI uses run_coroutine_threadsafe).
    """

    def __init__(
        self,
        client: Any,
        journal: JobJournal,
        saver: ImageSaver,
        *,
        ledger: SpendLedger | None = None,
        listener: JobListener | None = None,
        max_concurrent: int = 2,
        pacing: Pacing | None = None,
        on_saved: Iterable[OnSaved] = (),
    ) -> None:
        self.client = client
        self.journal = journal
        self.saver = saver
        self.ledger = ledger
        self.listener: JobListener = listener or SilentListener()
        self.pacing = pacing or Pacing()
        self.online = True
        self._on_saved: list[OnSaved] = list(on_saved)
        self._slots = asyncio.Semaphore(max_concurrent)
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._user_cancelled: set[str] = set()

    # ---- public interface ----------------------------------------------------------------------
    def add_on_saved(self, callback: OnSaved) -> None:
        self._on_saved.append(callback)

    async def submit(self, request: GenerationRequest) -> str:
        """Validate, check the budget, journal the job (QUEUED) and start it; returns the job id."""
        request.validate()
        if self.ledger is not None:
            self.ledger.check(request)
        job = self.journal.add_job(request)
        self._emit(job.id)
        self._start(job.id)
        return job.id

    async def cancel(self, job_id: str) -> None:
        """A queued job is dropped; a running one stops polling and downloading; saved images stay."""
        job = self.journal.get(job_id)
        if job.state in (JobState.DONE, JobState.CANCELLED):
            return
        task = self._tasks.get(job_id)
        if task is not None and not task.done():
            self._user_cancelled.add(job_id)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        else:
            self.journal.set_state(job_id, JobState.CANCELLED)
            self._emit(job_id)

    async def cancel_all(self) -> None:
        for job in self.journal.unfinished():
            await self.cancel(job.id)

    async def retry(self, job_id: str) -> None:
        """Run a failed job again: poll the old task when the server may have it, else send it anew."""
        job = self.journal.get(job_id)
        if job.state != JobState.FAILED or job_id in self._running():
            return
        self._revive(job, check_budget=True)
        self._start(job_id)

    async def resume(self) -> list[str]:
        """After a start or a crash: clean temp files, then carry on every unfinished job.

        Failed jobs whose results wait on the server (full disk, no network, a damaged download) come
        back too; the others wait for an explicit retry.
        """
        removed = clean_partials(self.saver.library_root)
        if removed:
            log.info("removed %d partial files left by an interrupted save", len(removed))
        started: list[str] = []
        for job in self.journal.jobs():
            if job.id in self._running():
                continue
            if job.state == JobState.FAILED:
                if not self._resumable(job):
                    continue
                self._revive(job, check_budget=False)
            elif job.state.finished:
                continue
            self._start(job.id)
            started.append(job.id)
        return started

    async def wait(self, job_id: str) -> JobView:
        """Wait until the job stops running (done, failed, cancelled, or the runner shuts down)."""
        task = self._tasks.get(job_id)
        if task is not None:
            await asyncio.shield(asyncio.gather(task, return_exceptions=True))
        return self.view(job_id)

    async def wait_all(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)

    async def aclose(self) -> None:
        """Stop without cancelling: running jobs keep their journal state and resume on the next start."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def view(self, job_id: str) -> JobView:
        return view_of(self.journal, self.journal.get(job_id))

    def views(self, limit: int | None = None) -> list[JobView]:
        """Snapshots of the journal's jobs, oldest first (safe from any thread: the journal locks)."""
        jobs = self.journal.jobs()
        return [view_of(self.journal, job) for job in (jobs[-limit:] if limit else jobs)]

    # ---- driving one job -----------------------------------------------------------------------
    def _running(self) -> set[str]:
        return {job_id for job_id, task in self._tasks.items() if not task.done()}

    @staticmethod
    def _resumable(job: JobRow) -> bool:
        if type(job.error).__name__ in _RESUMABLE_KINDS:
            return True
        # The server has the task and did not fail it: a transient error while polling stopped us.
        return job.acked and not job.task_failed and job.error is not None and job.error.retryable

    def _revive(self, job: JobRow, *, check_budget: bool) -> None:
        if self._server_may_have(job):
            return  # keep the taskUUID: a re-send is answered conflictTaskUUID, then we poll
        if check_budget and self.ledger is not None:
            self.ledger.check(job.request)
        self.journal.renew_task(job.id)
        self.journal.set_state(job.id, JobState.QUEUED)
        self._emit(job.id)

    def _server_may_have(self, job: JobRow) -> bool:
        if not job.attempted:
            return False
        if job.acked:
            if job.task_failed:
                # The server finished the task with an error: if it sent nothing, nothing was charged
                # and only a new task can help; if it sent images, poll the old task for them.
                return any(i.task_uuid == job.task_uuid for i in self.journal.images(job.id))
            return True
        return not isinstance(job.error, _REFUSALS)

    def _start(self, job_id: str) -> None:
        if job_id in self._running():
            return
        task = asyncio.get_running_loop().create_task(self._drive(job_id), name=f"job-{job_id}")
        self._tasks[job_id] = task
        task.add_done_callback(self._forget)

    def _forget(self, task: asyncio.Task[None]) -> None:
        for job_id, running in list(self._tasks.items()):
            if running is task:
                del self._tasks[job_id]

    async def _drive(self, job_id: str) -> None:
        try:
            async with self._slots:
                job = self.journal.get(job_id)
                if job.state in (JobState.DONE, JobState.CANCELLED):
                    return
                if not self.journal.claim(job_id):
                    log.info("job %s is being run by another process", job_id)
                    return
                try:
                    await self._run(job)
                finally:
                    self.journal.release(job_id)
        except asyncio.CancelledError:
            if job_id not in self._user_cancelled:
                raise  # shutdown or Ctrl+C: the journal keeps the job for resume
            self._user_cancelled.discard(job_id)
            if self.journal.get(job_id).state not in (JobState.DONE, JobState.CANCELLED):
                self.journal.set_state(job_id, JobState.CANCELLED)
            self._emit(job_id)

    async def _run(self, job: JobRow) -> None:
        try:
            if not job.acked:
                await self._send(job)
                job = self.journal.get(job.id)
            await self._collect(job)
        except _CancelledElsewhere:
            self._emit(job.id)
        except SeedreamError as error:
            self._fail(job.id, error)
        except Exception as exc:  # a bug must not leave the job "running" forever
            log.exception("job %s stopped by an unexpected error", job.id)
            self._fail(job.id, SeedreamError(f"{type(exc).__name__}: {exc}", code="internal"))

    def _fail(self, job_id: str, error: SeedreamError, *, task_failed: bool = False) -> None:
        if self.journal.get(job_id).state == JobState.CANCELLED:
            return
        self.journal.set_state(job_id, JobState.FAILED, error=error, task_failed=task_failed)
        self._emit(job_id)

    async def _send(self, job: JobRow) -> None:
        """Submit the task, waiting out network outages (same taskUUID every time: never pay twice)."""
        refs = job.reference_ids
        outage = Outage(self.pacing)
        while True:
            self._check_cancelled(job.id)
            try:
                if job.request.references and refs is None:
                    refs = list(await self.client.resolve_references(list(job.request.references)))
                    self.journal.set_reference_ids(job.id, refs)
                self.journal.mark_attempted(job.id)
                images = await self.client.submit(job.request, job.task_uuid, reference_ids=refs)
            except NetworkError:
                self._set_online(False, job.id)
                await outage.wait()
                continue
            break
        self._set_online(True, job.id)
        self.journal.mark_acked(job.id)
        if images:
            self.journal.add_images(job.id, job.task_uuid, images)
        self._move(job.id, JobState.DOWNLOADING if images else JobState.SUBMITTED)

    async def _collect(self, job: JobRow) -> None:
        """Poll getResponse and save every image as it arrives, until the server is finished."""
        task_uuid = job.task_uuid
        mine = [i for i in self.journal.images(job.id) if i.task_uuid == task_uuid]
        server_errors: list[SeedreamError] = []
        # A download that fails (expired link, damaged bytes) must not stop the other paid images.
        download_errors: list[SeedreamError] = []
        if job.request.delivery == "sync" and mine:
            # A sync answer carries every image at once: nothing more will come for this task.
            download_errors += await self._save_pending(job)
        else:
            if job.state in (JobState.QUEUED, JobState.FAILED, JobState.SUBMITTED):
                self._move(job.id, JobState.GENERATING)
            download_errors += await self._save_pending(job)  # results an earlier run did not save
            delay = self.pacing.first_poll
            outage = Outage(self.pacing)
            while True:
                self._check_cancelled(job.id)
                try:
                    result = await self.client.poll(task_uuid)
                except NetworkError:
                    self._set_online(False, job.id)
                    await outage.wait()
                    continue
                outage.reset()
                self._set_online(True, job.id)
                if self.journal.add_images(job.id, task_uuid, result.images):
                    self._emit(job.id)
                # An empty, non-pending answer right after the ACK means "not registered yet".
                finished = not result.pending and bool(result.errors or self.journal.images(job.id))
                if finished:
                    server_errors = list(result.errors)
                    if self.journal.get(job.id).state != JobState.DOWNLOADING:
                        self._move(job.id, JobState.DOWNLOADING)
                download_errors += await self._save_pending(job)
                if finished:
                    break
                await asyncio.sleep(delay)
                delay = min(delay * self.pacing.poll_factor, self.pacing.longest_poll)
        saved = [i for i in self.journal.images(job.id) if i.saved]
        if server_errors:
            self._fail(job.id, server_errors[0], task_failed=True)
        elif download_errors:
            self._fail(job.id, download_errors[0])
        elif not saved:
            self._fail(job.id, SeedreamError("the server finished without sending an image", code="noImages"))
        else:
            self._move(job.id, JobState.DONE)

    async def _save_pending(self, job: JobRow) -> list[SeedreamError]:
        """Download and save every image of the job not on disk yet; return the downloads that failed.

        An image whose download failed is tried again on the next round (its link may still work).
        """
        failures: list[SeedreamError] = []
        for image in self.journal.images(job.id):
            if image.saved:
                continue
            self._check_cancelled(job.id)
            try:
                saved = await self.saver.save(
                    job,
                    image,
                    self._downloader(job, image),
                    sequence_total=job.request.expected_images,
                )
            except StorageError:
                raise  # the disk will not take the next one either
            except SeedreamError as error:
                failures.append(error)
                continue
            if saved is not None:
                self._saved(job.id, saved)
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
            self._safely(self.listener.download_progress, job.id, image.image_uuid, done, total)

        def download(sink: Any) -> Any:
            return self.client.download(
                result, sink, expected_format=job.request.output_format, on_progress=progress
            )

        return download

    # ---- bookkeeping -----------------------------------------------------------------------------
    def _saved(self, job_id: str, saved: SavedImage) -> None:
        for callback in self._on_saved:
            self._safely(callback, saved.path, saved.record)
        self._safely(self.listener.image_saved, job_id, saved)
        self._emit(job_id)

    def _move(self, job_id: str, state: JobState) -> None:
        self.journal.set_state(job_id, state)
        self._emit(job_id)

    def _check_cancelled(self, job_id: str) -> None:
        if self.journal.get(job_id).state == JobState.CANCELLED:
            raise _CancelledElsewhere(job_id)

    def _set_online(self, online: bool, job_id: str) -> None:
        if self.online != online:
            self.online = online
            self._emit(job_id)

    def _emit(self, job_id: str) -> None:
        self._safely(self.listener.job_changed, self.view(job_id))

    @staticmethod
    def _safely(callback: Callable[..., Any], *args: Any) -> None:
        # A listener's bug must never stop a paid image from being saved.
        try:
            callback(*args)
        except Exception:
            log.exception("job listener failed")


def view_of(journal: JobJournal, job: JobRow) -> JobView:
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
    )
