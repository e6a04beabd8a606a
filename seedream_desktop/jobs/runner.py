"""JobRunner: drives journalled jobs through submit, poll, download and save inside one asyncio loop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from seedream_desktop.api.errors import InvalidRequest, NetworkError, SeedreamError, StorageError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.jobs.errors import InlineResults, OtherApi, TaskUnknown, is_unknown_task
from seedream_desktop.jobs.events import JobListener, JobView, SavedImage, SilentListener, view_of
from seedream_desktop.jobs.fetching import ImageFetcher, call_safely
from seedream_desktop.jobs.journal import JobJournal, JobRow
from seedream_desktop.jobs.ledger import SpendLedger
from seedream_desktop.jobs.pacing import Outage, Pacing
from seedream_desktop.jobs.recover import clean_partials
from seedream_desktop.jobs.revival import REFUSALS, RESUMABLE_KINDS, resumable, server_may_have, server_took
from seedream_desktop.jobs.rows import api_identity
from seedream_desktop.jobs.saver import ImageSaver
from seedream_desktop.jobs.state import CancelOutcome, JobState

log = logging.getLogger(__name__)

OnSaved = Callable[[Path, Any], None]  # (path, GenerationRecord): e.g. Library.add_file


class _CancelledElsewhere(Exception):
    """The journal says the job is cancelled (or a cancel was asked for, maybe by ``seedream jobs cancel``)."""


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
        api_url: str | None = None,
    ) -> None:
        self.client = client
        # Jobs are polled only at the API they went to: another would answer "unknown task".
        self.api_url = api_identity(api_url or getattr(client, "base_url", None))
        self.journal = journal
        self.saver = saver
        self.ledger = ledger
        self.listener: JobListener = listener or SilentListener()
        self.pacing = pacing or Pacing()
        self.online: bool | None = None  # None until the API answered or failed to ("Connecting…")
        self._on_saved: list[OnSaved] = list(on_saved)
        self._slots = asyncio.Semaphore(max_concurrent)
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._user_cancelled: set[str] = set()
        self._closing = False
        self.fetcher = ImageFetcher(client, journal, saver, lambda: self.listener, self._saved)

    # ---- public interface ----------------------------------------------------------------------
    async def submit(self, request: GenerationRequest) -> str:
        """Validate, check the budget, journal the job (QUEUED) and start it; returns the job id."""
        request.validate()
        if request.output_type != "URL":
            # The journal keeps a link per image, so a crash or a full disk never costs the result;
            # inline bytes would live only in this process's memory until saved.
            raise InlineResults(code="inlineResults", output_type=request.output_type)
        if self.ledger is not None:
            self.ledger.check(request)
        job = self.journal.add_job(request, api_url=self.api_url)
        self._emit(job.id)
        self._start(job.id)
        return job.id

    async def cancel(self, job_id: str) -> CancelOutcome:
        """Stop a job, telling the truth about what it costs.

        Before the task left (or when the server never took it) nothing is charged: the job ends
        CANCELLED at once. Once the server has the task, Runware generates and charges every image
        whatever we do, so the job keeps collecting them into the library in the background and ends
        CANCELLED when the last one is saved: cancelling never "unpays", only the trash removes.
        """
        job = self.journal.get(job_id)
        if job.state in (JobState.DONE, JobState.CANCELLED):
            return CancelOutcome.OVER
        self.journal.request_cancel(job_id)
        task = self._tasks.get(job_id)
        if job.acked:
            self._emit(job_id)
            self._start(job_id)  # not running (failed on the way)? its paid images are fetched anyway
            return CancelOutcome.PAID
        if task is not None and not task.done():
            # Interrupting a send is fine: the wind-down asks the server whether the task got through.
            self._user_cancelled.add(job_id)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            self._user_cancelled.discard(job_id)
        job = self.journal.get(job_id)
        if not job.acked and job.state not in (JobState.DONE, JobState.CANCELLED):
            # Not running, or cancelled before its first step (then _drive never saw the cancel).
            await self._wind_down_claimed(job_id)
        return CancelOutcome.PAID if self.journal.get(job_id).acked else CancelOutcome.FREE

    async def cancel_all(self) -> list[CancelOutcome]:
        return [await self.cancel(job.id) for job in self.journal.unfinished(api_url=self.api_url)]

    async def retry(self, job_id: str) -> None:
        """Run a failed job again: poll the old task when the server may have it, else send it anew."""
        job = self.journal.get(job_id)
        if job.state != JobState.FAILED or job_id in self._running():
            return
        if job.cancel_requested:
            self._start(job_id)  # a cancel that could not save everything: it saves, then ends
            return
        if job.api_url != self.api_url:
            raise OtherApi(code="otherApi", api_url=job.api_url)
        self._revive(job, check_budget=True)
        self._start(job_id)

    async def resume(self) -> list[str]:
        """After a start or a crash: clean temp files, then carry on every unfinished job of this API.

        Jobs sent to another API wait for it (only that server has their task). Failed jobs whose
        results wait on the server (full disk, no network, a bad download) come back too.
        """
        removed = clean_partials(self.saver.library_root)
        if removed:
            log.info("removed %d partial files left by an interrupted save", len(removed))
        started: list[str] = []
        for job in self.journal.jobs(api_url=self.api_url):
            if job.id in self._running():
                continue
            if job.state == JobState.FAILED and job.cancel_requested:
                pass  # its cancel still has images to save
            elif job.state == JobState.FAILED:
                if not resumable(job):
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
        self._closing = True
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def view(self, job_id: str) -> JobView:
        return view_of(self.journal, self.journal.get(job_id))

    # ---- driving one job -----------------------------------------------------------------------
    def _running(self) -> set[str]:
        return {job_id for job_id, task in self._tasks.items() if not task.done()}

    def _revive(self, job: JobRow, *, check_budget: bool) -> None:
        if server_may_have(job, self.journal.images(job.id)):
            return  # keep the taskUUID: a re-send is answered conflictTaskUUID, then we poll
        if check_budget and self.ledger is not None:
            self.ledger.check(job.request)
        self.journal.renew_task(job.id)
        self.journal.set_state(job.id, JobState.QUEUED)
        self._emit(job.id)

    def _start(self, job_id: str) -> None:
        if self._closing or job_id in self._running():
            return
        task = asyncio.get_running_loop().create_task(self._drive(job_id), name=f"job-{job_id}")
        self._tasks[job_id] = task
        task.add_done_callback(self._forget)

    def _forget(self, task: asyncio.Task[None]) -> None:
        self._tasks = {job_id: running for job_id, running in self._tasks.items() if running is not task}

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
                    if job.cancel_requested and not job.acked:
                        await self._wind_down(job_id)
                    else:
                        await self._run(job)
                finally:
                    self.journal.release(job_id)
        except asyncio.CancelledError:
            if job_id not in self._user_cancelled:
                raise  # shutdown or Ctrl+C: the journal keeps the job for resume
            self._user_cancelled.discard(job_id)
            await self._wind_down_claimed(job_id)

    async def _wind_down_claimed(self, job_id: str) -> None:
        if not self.journal.claim(job_id):
            self._emit(job_id)  # another process runs it: it sees the request at its next step
            return
        try:
            await self._wind_down(job_id)
        finally:
            self.journal.release(job_id)

    async def _wind_down(self, job_id: str) -> None:
        """End a cancelled job: no more polling or sending, but every image already journalled is saved.

        When the disk or the network stops one of them, the job stays FAILED with the cancel still
        requested, so the next resume saves it and only then ends the job CANCELLED.
        """
        job = self.journal.get(job_id)
        # Cancelled while the task was on its way: if the server took it, it is paid for.
        on_its_way = job.attempted and not job.acked and job.state != JobState.CANCELLED
        if on_its_way and await server_took(self.client, job.task_uuid):
            self.journal.mark_acked(job_id)
            self._emit(job_id)
            # Paid: it collects its images in a task of its own, once this one ends (the cancel
            # answers at once, it does not wait for the generation).
            if (current := asyncio.current_task()) is not None:
                current.add_done_callback(lambda _task: self._start(job_id))
            return
        try:
            failures = await self.fetcher.save_pending(job)
        except StorageError as error:
            failures = [error]
        if self.journal.get(job_id).state == JobState.CANCELLED:
            self._emit(job_id)  # cancelled in the journal by another process: that state is final
            return
        later = [e for e in failures if type(e).__name__ in RESUMABLE_KINDS]
        ended = JobState.FAILED if later else JobState.CANCELLED
        self.journal.set_state(job_id, ended, error=later[0] if later else None)
        self._emit(job_id)

    async def _run(self, job: JobRow) -> None:
        try:
            if not job.acked:
                await self._send(job)
                job = self.journal.get(job.id)
            await self._collect(job)
        except _CancelledElsewhere:
            await self._wind_down(job.id)
        except SeedreamError as error:
            self._fail(job.id, error)
        except Exception as exc:  # a bug must not leave the job "running" forever
            log.exception("job %s stopped by an unexpected error", job.id)
            self._fail(job.id, SeedreamError(f"{type(exc).__name__}: {exc}", code="internal"))

    def _fail(self, job_id: str, error: SeedreamError, *, task_failed: bool = False) -> None:
        job = self.journal.get(job_id)
        if job.state == JobState.CANCELLED:
            return
        if job.cancel_requested and (task_failed or type(error).__name__ not in RESUMABLE_KINDS):
            # Nothing more will come for a cancelled job (a disk or network problem is different: the
            # next start fetches the rest, then ends it).
            self._move(job_id, JobState.CANCELLED)
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
                self.set_online(False)
                await outage.wait()
                continue
            except REFUSALS as refusal:
                # InvalidRequest is ours, raised before anything left; a refusal from the server may
                # be the answer to a re-send of a task it already took: then poll that task.
                if isinstance(refusal, InvalidRequest) or not await server_took(self.client, job.task_uuid):
                    raise
                images = []
            break
        self.set_online(True)
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
            download_errors += await self.fetcher.save_pending(job, self._check_cancelled)
        else:
            if job.state in (JobState.QUEUED, JobState.FAILED, JobState.SUBMITTED):
                self._move(job.id, JobState.GENERATING)
            download_errors += await self.fetcher.save_pending(
                job, self._check_cancelled
            )  # results an earlier run did not save
            delay = self.pacing.first_poll
            outage = Outage(self.pacing)
            while True:
                self._check_cancelled(job.id)
                try:
                    result = await self.client.poll(task_uuid)
                except NetworkError:
                    self.set_online(False)
                    await outage.wait()
                    continue
                outage.reset()
                self.set_online(True)
                if added := self.journal.add_images(job.id, task_uuid, result.images):
                    self._emit(job.id)
                unknown = next((e for e in result.errors if is_unknown_task(e)), None)
                if unknown is not None:
                    # The server lost the task (or never had it): save what arrived, stay resumable.
                    download_errors += await self.fetcher.save_pending(job, self._check_cancelled)
                    self._fail(job.id, TaskUnknown(unknown.detail, code=unknown.code, status=unknown.status))
                    return
                # An empty, non-pending answer right after the ACK means "not registered yet".
                finished = not result.pending and bool(result.errors or self.journal.images(job.id))
                if finished:
                    server_errors = list(result.errors)
                    if self.journal.get(job.id).state != JobState.DOWNLOADING:
                        self._move(job.id, JobState.DOWNLOADING)
                download_errors += await self.fetcher.save_pending(job, self._check_cancelled)
                if finished:
                    break
                if added:  # images are flowing: look for the next ones as soon as these are saved
                    delay = self.pacing.first_poll
                    continue
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
            ended = JobState.CANCELLED if self.journal.get(job.id).cancel_requested else JobState.DONE
            self._move(job.id, ended)

    # ---- bookkeeping -----------------------------------------------------------------------------
    def _saved(self, job_id: str, saved: SavedImage) -> None:
        for callback in self._on_saved:
            call_safely(callback, saved.path, saved.record)
        call_safely(self.listener.image_saved, job_id, saved)
        self._emit(job_id)

    def _move(self, job_id: str, state: JobState) -> None:
        self.journal.set_state(job_id, state)
        self._emit(job_id)

    def _check_cancelled(self, job_id: str) -> None:
        job = self.journal.get(job_id)
        # A cancel of a paid job only changes how it ends: its images keep coming.
        if job.state == JobState.CANCELLED or (job.cancel_requested and not job.acked):
            raise _CancelledElsewhere(job_id)

    def set_online(self, online: bool) -> None:
        """The one online flag: True once the API answered, False when it cannot be reached."""
        if self.online != online:
            self.online = online
            call_safely(self.listener.online_changed, online)

    def _emit(self, job_id: str) -> None:
        call_safely(self.listener.job_changed, self.view(job_id))
