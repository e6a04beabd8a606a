"""Bridge: one worker thread with an asyncio loop running the job pipeline; Qt signals back to the GUI.

The GUI thread never waits on the network. It hands coroutines to the worker's loop with
``asyncio.run_coroutine_threadsafe``; the pipeline reports through a listener whose methods emit
signals of a QObject that lives in the GUI thread, so Qt queues them across. Only frozen snapshots,
paths and numbers cross.
"""

from __future__ import annotations

import inspect
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal, Slot

from seedream_desktop.jobs.connection import Connection as Connection  # re-exported for the window

if TYPE_CHECKING:  # types only: the window imports this module before its first frame
    import asyncio
    from concurrent.futures import Future

    from seedream_desktop.api.request import GenerationRequest
    from seedream_desktop.jobs.events import JobView, SavedImage
    from seedream_desktop.jobs.state import CancelOutcome

# Progress events arrive per network chunk; the grid needs a few per second.
PROGRESS_INTERVAL_S = 0.08


class NotReady(RuntimeError):
    """Asked in the moment a reconnect took the pipeline away: the window holds the request until ready."""


class Pipeline(Protocol):
    """What the bridge drives on the worker loop (jobs/session.py's Session is the real one)."""

    notices: list[Any]  # library.notice.LibraryNotice: what the person should know about this session

    async def submit(self, request: GenerationRequest, provider: str = "runware") -> str: ...
    async def resend(self, job_id: str) -> str: ...
    async def cancel(self, job_id: str) -> CancelOutcome: ...
    async def cancel_all(self) -> list[CancelOutcome]: ...
    async def retry(self, job_id: str) -> None: ...
    async def resume(self) -> None: ...
    async def spend_today(self) -> float: ...
    async def check_key(self, api_key: str, base_url: str) -> None: ...
    async def check_ark_key(self, api_key: str) -> None: ...
    async def set_favourite(self, paths: list[Path], on: bool) -> None: ...
    async def set_rating(self, paths: list[Path], stars: int) -> None: ...
    async def trash(self, paths: list[Path]) -> list[Path]: ...
    async def aclose(self) -> None: ...


# Builds a pipeline on the worker loop for a connection; the listener receives its events.
PipelineFactory = Callable[["Listener", Connection | None], Awaitable[Pipeline]]
Done = Callable[[Any, BaseException | None], None]


class Listener:
    """The pipeline's listener: runs on the worker loop, turns each event into a queued signal."""

    def __init__(self, bridge: Bridge) -> None:
        self._bridge = bridge
        self._last_progress: dict[str, float] = {}

    def online_changed(self, online: bool) -> None:
        self._bridge.onlineChanged.emit(online)

    def job_changed(self, view: JobView) -> None:
        self._bridge.jobChanged.emit(view)
        if view.state.finished:
            self._bridge.refresh_spend()

    def image_saved(self, job_id: str, saved: SavedImage) -> None:
        self._last_progress.pop(saved.image_uuid, None)
        self._bridge.imageSaved.emit(job_id, saved)

    def download_progress(self, job_id: str, image_uuid: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        complete = total is not None and done >= total
        if not complete and now - self._last_progress.get(image_uuid, 0.0) < PROGRESS_INTERVAL_S:
            return
        self._last_progress[image_uuid] = now
        self._bridge.downloadProgress.emit(job_id, image_uuid, int(done), int(total or 0))


class Bridge(QObject):
    """Lives in the GUI thread; owns the worker thread, its loop and the pipeline built on it."""

    jobChanged = Signal(object)  # JobView
    imageSaved = Signal(str, object)  # job id, SavedImage
    downloadProgress = Signal(str, str, int, int)  # job id, image uuid, bytes done, bytes total (0: unknown)
    spendChanged = Signal(float)  # today's spend in USD
    submitFailed = Signal(object, object)  # GenerationRequest, SeedreamError (nothing was sent)
    connectionChanged = Signal(object)  # Connection | None
    onlineChanged = Signal(bool)  # the API answered (True) or cannot be reached (False): see `online`
    pipelineReady = Signal()  # a (re)built pipeline takes requests from now on
    noticed = Signal(object)  # library.notice.LibraryNotice (the index cannot open …): say it in the window
    _deliver = Signal(object, object, object)  # callback, result, error: runs the callback on the GUI thread

    def __init__(self, factory: PipelineFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._loop: asyncio.AbstractEventLoop | None = None  # made in start(): asyncio is imported late
        self._thread = threading.Thread(target=self._run_loop, name="seedream-worker", daemon=True)
        self._pipeline: Pipeline | None = None
        self._connection: Connection | None = None
        self._listener = Listener(self)
        self._pending: set[Future[Any]] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._deliver.connect(self._delivered, Qt.ConnectionType.QueuedConnection)
        # The GUI's one copy of the runner's online flag: None until the API answered or failed to
        # ("Connecting…"), then what the last answer said. Connected first, so it is up to date
        # before any other slot of onlineChanged runs.
        self.online: bool | None = None
        self.onlineChanged.connect(self._set_online)
        # Whether a pipeline takes requests, as the GUI thread knows it (never `pipeline`, which
        # belongs to the worker): False before start and while a new connection is being built.
        self.ready = False
        self.pipelineReady.connect(self._set_ready)

    # ---- life -------------------------------------------------------------------------------
    def start(self, connection: Connection | None) -> Future[Any]:
        import asyncio

        self._loop = asyncio.new_event_loop()
        self._thread.start()
        return self.configure(connection)

    @property
    def pipeline(self) -> Pipeline | None:
        """Only for the worker thread (and tests after a call has finished)."""
        return self._pipeline

    @property
    def connection(self) -> Connection | None:
        return self._connection

    def configure(self, connection: Connection | None, done: Done | None = None) -> Future[Any]:
        """(Re)build the pipeline for another key or URL; unfinished jobs resume on the new one."""

        async def rebuild() -> None:
            if self._pipeline is not None:
                await self._pipeline.aclose()
                self._pipeline = None
            self._pipeline = await self._factory(self._listener, connection)
            for notice in getattr(self._pipeline, "notices", []):
                self.noticed.emit(notice)
            self.pipelineReady.emit()  # before resume: new requests need not wait for old jobs' polls
            await self._pipeline.resume()
            self.refresh_spend()

        self._connection = connection
        self.online = None  # a new pipeline has not heard from its API yet
        self.ready = False
        self.connectionChanged.emit(connection)
        return self.run(rebuild(), done)

    @Slot(bool)
    def _set_online(self, online: bool) -> None:
        self.online = online

    @Slot()
    def _set_ready(self) -> None:
        self.ready = True

    def stop(self, timeout: float = 10.0) -> None:
        """Close the pipeline (unfinished jobs stay journalled for next time) and end the thread."""
        import asyncio

        loop = self._loop
        if loop is None:
            return
        if not self._thread.is_alive():
            if not loop.is_closed():
                loop.close()
            return

        async def close() -> None:
            if self._pipeline is not None:
                await self._pipeline.aclose()
                self._pipeline = None
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        try:
            asyncio.run_coroutine_threadsafe(close(), loop).result(timeout)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            self._thread.join(timeout)
            loop.close()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    def _run_loop(self) -> None:
        import asyncio

        loop = self._started_loop()
        asyncio.set_event_loop(loop)
        loop.run_forever()
        # Let async generators and the default executor finish before the thread ends.
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())

    def _started_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            raise RuntimeError("Bridge.start() was not called")
        return self._loop

    # ---- running things on the worker ---------------------------------------------------------
    def run(self, coroutine: Coroutine[Any, Any, Any], done: Done | None = None) -> Future[Any]:
        """Run a coroutine on the worker loop; ``done(result, error)`` is called on the GUI thread."""
        import asyncio

        future = asyncio.run_coroutine_threadsafe(coroutine, self._started_loop())
        self._pending.add(future)

        def finished(f: Future[Any]) -> None:
            self._pending.discard(f)
            error = f.exception() if not f.cancelled() else None
            result = f.result() if not f.cancelled() and error is None else None
            if done is not None:
                self._deliver.emit(done, result, error)

        future.add_done_callback(finished)
        return future

    @Slot(object, object, object)
    def _delivered(self, callback: Done, result: Any, error: BaseException | None) -> None:
        callback(result, error)

    def _with_pipeline(self, action: Callable[[Pipeline], Awaitable[Any]]) -> Coroutine[Any, Any, Any]:
        async def call() -> Any:
            if self._pipeline is None:
                raise NotReady("the job pipeline is not ready")
            result = action(self._pipeline)
            return await result if inspect.isawaitable(result) else result

        return call()

    # ---- what the window asks for ---------------------------------------------------------------
    def submit(
        self, request: GenerationRequest, done: Done | None = None, *, provider: str = "runware"
    ) -> Future[Any]:
        def finished(job_id: Any, error: BaseException | None) -> None:
            if error is not None:
                self.submitFailed.emit(request, error)
            if done is not None:
                done(job_id, error)

        # Runware's own call stays as it was (test pipelines take one argument); ModelArk names itself.
        if provider == "runware":
            return self.run(self._with_pipeline(lambda p: p.submit(request)), finished)
        return self.run(self._with_pipeline(lambda p: p.submit(request, provider)), finished)

    def resend(self, job_id: str, done: Done | None = None) -> Future[Any]:
        """A ModelArk job that may have been charged, sent again: only after the person said yes."""
        return self.run(self._with_pipeline(lambda p: p.resend(job_id)), done)

    def cancel(self, job_id: str, done: Done | None = None) -> Future[Any]:
        """``done`` gets the CancelOutcome: free (nothing sent) or paid (its images still arrive)."""
        return self.run(self._with_pipeline(lambda p: p.cancel(job_id)), done)

    def cancel_all(self, done: Done | None = None) -> Future[Any]:
        """``done`` gets a CancelOutcome per job."""
        return self.run(self._with_pipeline(lambda p: p.cancel_all()), done)

    def retry(self, job_id: str, done: Done | None = None) -> Future[Any]:
        return self.run(self._with_pipeline(lambda p: p.retry(job_id)), done)

    def check_key(self, api_key: str, base_url: str, done: Done) -> Future[Any]:
        """Ask the API whether a key works; ``done(None, None)`` means yes, else the error says why."""
        return self.run(self._with_pipeline(lambda p: p.check_key(api_key, base_url)), done)

    def check_ark_key(self, api_key: str, done: Done) -> Future[Any]:
        """Whether BytePlus ModelArk takes a key (no image is made); ``done`` as for check_key."""
        return self.run(self._with_pipeline(lambda p: p.check_ark_key(api_key)), done)

    def set_favourite(self, paths: list[Path], on: bool, done: Done | None = None) -> Future[Any]:
        return self.run(self._with_pipeline(lambda p: p.set_favourite(paths, on)), done)

    def set_rating(self, paths: list[Path], stars: int, done: Done | None = None) -> Future[Any]:
        return self.run(self._with_pipeline(lambda p: p.set_rating(paths, stars)), done)

    def trash(self, paths: list[Path], done: Done | None = None) -> Future[Any]:
        """Send files to the OS trash; ``done`` gets the list of paths actually trashed."""
        return self.run(self._with_pipeline(lambda p: p.trash(paths)), done)

    def refresh_spend(self) -> None:
        """Thread-safe: recompute today's spend on the worker, then emit spendChanged."""

        async def spend() -> None:
            if self._pipeline is not None:
                self.spendChanged.emit(float(await self._pipeline.spend_today()))

        if threading.current_thread() is self._thread:
            task = self._started_loop().create_task(spend())
            self._tasks.add(task)  # a task nobody references may be collected before it runs
            task.add_done_callback(self._tasks.discard)
        else:
            self.run(spend())
