"""RunwareClient: submit, poll, upload and download over one httpx.AsyncClient, with safe retries."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

from seedream_desktop.api import DEFAULT_API_URL
from seedream_desktop.api.auth import BearerAuth, check_base_url
from seedream_desktop.api.download import DOWNLOAD_RETRYABLE, download_into, write_inline
from seedream_desktop.api.envelope import Envelope, parse_envelope, poll_result
from seedream_desktop.api.errors import (
    InvalidApiKey,
    MissingApiKey,
    NetworkError,
    NoCredits,
    ProviderTimeout,
    RateLimited,
    SeedreamError,
    ServerError,
    StorageError,
    TaskConflict,
    UnusableReply,
)
from seedream_desktop.api.image_format import normalise_format
from seedream_desktop.api.limits import (
    Limits,
    is_identifier,
    is_loopback,
)
from seedream_desktop.api.pacing import (
    DEFAULT_POLLING,
    MAX_SILENT_POLLS,
    MIN_SILENT_SECONDS,
    PollSchedule,
    RetryPolicy,
    retry_after_seconds,
)
from seedream_desktop.api.references import data_uri, prepare_reference
from seedream_desktop.api.replies import describe, for_task, is_unreadable, read_capped, redact_error
from seedream_desktop.api.request import GenerationRequest, ReferenceImage
from seedream_desktop.api.results import DownloadInfo, ImageResult, PollResult
from seedream_desktop.atomic import atomic_open
from seedream_desktop.redaction import redact, remember_secret

log = logging.getLogger(__name__)

# Safe to send again: the server either never took the request or asked us to come back later, and a
# re-sent imageInference keeps its taskUUID, so the server can recognise it (conflictTaskUUID).
TRANSIENT: tuple[type[SeedreamError], ...] = (RateLimited, ServerError, NetworkError)
# Failures of the account rather than of one task: polling on cannot help.
ACCOUNT_ERRORS: tuple[type[SeedreamError], ...] = (InvalidApiKey, NoCredits)


class RunwareClient:
    """The Runware REST API for Seedream 4.0. Async; one instance per event loop."""

    def __init__(
        self,
        api_key: str,
        base_url: str = DEFAULT_API_URL,
        *,
        http: httpx.AsyncClient | None = None,
        timeout: float = 60.0,
        retries: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        polling: PollSchedule = DEFAULT_POLLING,
        upload_cache: MutableMapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        limits: Limits | None = None,
    ) -> None:
        self.base_url = check_base_url(base_url)
        remember_secret(api_key.strip())  # from here on no server text can show it
        self._auth = BearerAuth(api_key.strip())
        limits = limits if limits is not None else Limits.from_environment()
        self._limits = dataclasses.replace(
            limits,
            allow_loopback_images=limits.allow_loopback_images and is_loopback(httpx.URL(self.base_url).host),
        )
        # Connecting should be quick even when generating is slow; every call has both limits.
        self._timeout = httpx.Timeout(timeout, connect=min(10.0, timeout))
        self._owns_http = http is None
        self._http = http if http is not None else httpx.AsyncClient(timeout=self._timeout)
        self._retries = retries if retries is not None else RetryPolicy.from_environment()
        self._polling = polling
        self._sleep = sleep
        self._clock = clock
        # sha256 of the prepared bytes -> imageUUID; the optional persistent mapping survives restarts.
        self._uploaded: dict[str, str] = {}
        self._upload_cache = upload_cache
        self._ttl_by_task: dict[str, int | None] = {}
        self._silent_polls: dict[str, tuple[int, float]] = {}  # taskUUID -> (polls, since)

    def __repr__(self) -> str:
        return f"RunwareClient({self.base_url!r})"

    async def __aenter__(self) -> RunwareClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    # ---- generation ------------------------------------------------------------------------------

    async def submit(
        self, request: GenerationRequest, task_uuid: str, reference_ids: list[str] | None = None
    ) -> list[ImageResult]:
        """Send one imageInference. Sync delivery returns its images; async returns [] after the ACK.

        Transient failures are retried with the SAME taskUUID. If the server answers a re-send (or a
        resend after a crash) with conflictTaskUUID it already has the task: we return [] and the
        caller polls, so a job is never paid for twice.
        """
        request.validate()
        if reference_ids is None and any(r.is_local_file for r in request.references):
            reference_ids = await self.resolve_references(request.references)
        self._ttl_by_task[task_uuid] = request.ttl
        envelope = await self._send([request.to_task(task_uuid, reference_ids)])
        mine = for_task(envelope, task_uuid)
        if not mine.data and not mine.errors:
            # Every real answer carries an ACK, images or an error; `[]`, `null` or a list of
            # strings says nothing. The job fails (clearly) and, as the server may still have the
            # task, a retry polls for it instead of paying again.
            raise UnusableReply("its answer did not mention the job", code="noAcknowledgement")
        result = poll_result(mine, ttl=request.ttl)
        if result.images:
            return result.images
        if any(isinstance(e, TaskConflict) for e in result.errors):
            log.info("task %s is already on the server (conflictTaskUUID): polling for it", task_uuid)
            return []
        if result.errors:
            raise result.errors[0]
        return []

    async def poll(self, task_uuid: str) -> PollResult:
        """One getResponse: the images so far (cumulative), whether more are coming, per-image errors."""
        envelope = await self._send([{"taskType": "getResponse", "taskUUID": task_uuid}])
        mine = for_task(envelope, task_uuid)
        self._check_silence(task_uuid, mine)
        result = poll_result(mine, ttl=self._ttl_by_task.get(task_uuid))
        for error in result.errors:
            if isinstance(error, ACCOUNT_ERRORS):
                raise error
        return result

    async def wait(
        self,
        task_uuid: str,
        *,
        on_update: Callable[[PollResult], None] | None = None,
        deadline: float | None = None,
    ) -> list[ImageResult]:
        """Poll until nothing is pending; return every image once (de-duplicated by imageUUID).

        ``on_update`` gets each poll with only the images that are NEW since the previous call, so a
        caller can start downloading them at once. ``deadline`` is a ``time.monotonic()`` instant; when
        it passes, the images so far are returned, or ProviderTimeout raised if there are none.
        Raises the first error when the task ends without any image.
        """
        seen: dict[str, ImageResult] = {}
        first_error: SeedreamError | None = None
        delay = self._polling.first
        failed_polls = 0
        while True:
            try:
                result = await self.poll(task_uuid)
            except TRANSIENT:
                failed_polls += 1
                if failed_polls >= self._polling.max_failed_polls or (
                    deadline is not None and self._clock() + delay > deadline
                ):
                    raise
                await self._sleep(delay)
                continue
            failed_polls = 0
            new = [image for image in result.images if image.image_uuid not in seen]
            seen.update((image.image_uuid, image) for image in new)
            if first_error is None and result.errors:
                first_error = result.errors[0]
            if on_update is not None:
                on_update(PollResult(new, result.pending, result.errors))
            # An empty reply right after the ACK means "not registered yet", not "finished with nothing".
            if not result.pending and (seen or result.errors):
                break
            if deadline is not None and self._clock() + delay > deadline:
                if seen:
                    break
                raise ProviderTimeout("no image arrived before the deadline", task_uuid=task_uuid)
            await self._sleep(delay)
            delay = min(self._polling.max_delay, delay * self._polling.factor)
        if seen:
            return list(seen.values())
        assert first_error is not None
        raise first_error

    def _check_silence(self, task_uuid: str, mine: Envelope) -> None:
        """An empty answer right after the ACK means "not registered yet"; a server that never says
        anything else would be polled for ever, so after MAX_SILENT_POLLS in a row, spanning at least
        MIN_SILENT_SECONDS, the poll fails."""
        if mine.data or mine.errors:
            self._silent_polls.pop(task_uuid, None)
            return
        count, since = self._silent_polls.get(task_uuid, (0, self._clock()))
        count += 1
        self._silent_polls[task_uuid] = (count, since)
        if count >= MAX_SILENT_POLLS and self._clock() - since >= MIN_SILENT_SECONDS:
            self._silent_polls.pop(task_uuid, None)
            raise UnusableReply("its answers never mentioned the job", code="silentServer")

    # ---- reference images ------------------------------------------------------------------------

    async def resolve_references(self, refs: Sequence[ReferenceImage]) -> list[str]:
        """The strings to put in ``referenceImages``: local files become imageUpload UUIDs.

        Why imageUpload and not a data URI in the task: a data URI rides inside every imageInference
        we send, so each retry (same taskUUID) re-sends megabytes, and a brand kit reused across twenty
        jobs would travel twenty times; request bodies of 14 inlined 4K references also grow past what
        proxies and the API gladly accept. Uploading once per distinct image (cached by the sha256 of
        the prepared bytes) keeps every task small and cheap to re-send. URLs, data URIs and Runware
        UUIDs the designer supplied pass through untouched.
        """
        local = list(dict.fromkeys(ref.source for ref in refs if ref.is_local_file))
        # Pillow work runs in threads: a 30 MB TIFF must not freeze the loop the downloads share.
        prepared = await asyncio.gather(*(asyncio.to_thread(prepare_reference, Path(s)) for s in local))
        sha_of = {source: image.sha256 for source, image in zip(local, prepared, strict=True)}
        # The same picture twice (or already uploaded by an earlier job) goes up once.
        to_upload = {image.sha256: image for image in prepared if self._uploaded_as(image.sha256) is None}
        uploaded = await asyncio.gather(*(self.upload_image(i.data, i.mime) for i in to_upload.values()))
        for sha, image_uuid in zip(to_upload, uploaded, strict=True):
            self._uploaded[sha] = image_uuid
            if self._upload_cache is not None:
                self._upload_cache[sha] = image_uuid
        return [
            self._uploaded_as(sha_of[ref.source]) or "" if ref.is_local_file else ref.source for ref in refs
        ]

    def _uploaded_as(self, sha256: str) -> str | None:
        known = self._uploaded.get(sha256)
        if known is None and self._upload_cache is not None:
            known = self._upload_cache.get(sha256)
        return known

    async def upload_image(self, data: bytes, mime: str) -> str:
        """imageUpload: send the bytes once, get the imageUUID to reference them by."""
        for _ in range(2):
            task_uuid = str(uuid.uuid4())
            envelope = await self._send(
                [{"taskType": "imageUpload", "taskUUID": task_uuid, "image": data_uri(data, mime)}]
            )
            for item in envelope.data:
                if isinstance(item.get("imageUUID"), str):
                    if not is_identifier(item["imageUUID"]):  # it is journalled and sent back
                        raise UnusableReply(
                            "an upload name that is not a valid identifier", code="badIdentifier"
                        )
                    return str(item["imageUUID"])
            # A retried upload that hit conflictTaskUUID: uploads are free, so simply start over.
            if not any(isinstance(e, TaskConflict) for e in envelope.errors):
                break
        if envelope.errors:
            raise envelope.errors[0]
        raise ServerError("the upload reply carried no imageUUID", code="noImageUUID")

    # ---- results ---------------------------------------------------------------------------------

    async def download(
        self,
        result: ImageResult,
        sink: IO[bytes],
        *,
        expected_format: str,
        on_progress: Callable[[int, int | None], None] | None = None,
    ) -> DownloadInfo:
        """Stream the image into ``sink`` chunk by chunk, checking it is a whole image of the right format.

        Retried on a dropped connection, a transient server answer or damaged bytes; ``sink`` must be
        seekable and truncatable because each retry starts it over. 404/410 raise ResultExpired.
        """
        fmt = normalise_format(expected_format)
        if not sink.seekable():
            raise ValueError("download needs a seekable sink: a retry rewinds and truncates it")
        start = sink.tell()
        if result.data is not None:
            return write_inline(result.data, sink, fmt, on_progress)
        if not result.url:
            raise ServerError("the result has neither a URL nor image data", code="noImage")
        retry = 0
        while True:
            try:
                return await download_into(
                    self._http,
                    result.url,
                    sink,
                    fmt,
                    timeout=self._timeout,
                    limits=self._limits,
                    on_progress=on_progress,
                )
            except DOWNLOAD_RETRYABLE as error:
                retry += 1
                if retry >= self._retries.attempts:
                    raise
                log.info("download of image %s failed (%s); retry %d", result.image_uuid, error.code, retry)
                sink.seek(start)
                sink.truncate()
                await self._sleep(self._retries.delay(retry))

    async def download_to_file(
        self, result: ImageResult, dest: Path, *, expected_format: str
    ) -> DownloadInfo:
        """Download into a temp file beside ``dest`` and rename it into place only once it checks out."""
        try:
            with atomic_open(dest) as handle:
                return await self.download(result, handle, expected_format=expected_format)
        except OSError as exc:
            raise StorageError(exc.strerror or str(exc), code="storage") from exc

    # ---- account ---------------------------------------------------------------------------------

    async def check_key(self) -> None:
        """A cheap authenticated call for the "Test key" button; raises InvalidApiKey, NoCredits …"""
        envelope = await self._send([{"taskType": "ping", "ping": True}])
        for error in envelope.errors:
            # Anything but an account error (say, "ping is not a REST task") still proves the key passed.
            if isinstance(error, ACCOUNT_ERRORS):
                raise error

    # ---- transport -------------------------------------------------------------------------------

    async def _send(self, tasks: list[dict[str, Any]]) -> Envelope:
        """POST ``tasks`` (re-sent unchanged on transient failures); return the parsed envelope."""
        retry = 0
        while True:
            retry_after: float | None = None
            try:
                envelope, retry_after = await self._post(tasks)
                if envelope.status >= 500 or envelope.status == 429 or is_unreadable(envelope):
                    raise envelope.errors[0]
                return envelope
            except TRANSIENT as error:
                retry += 1
                if retry >= self._retries.attempts:
                    raise
                if retry_after is not None and retry_after > self._retries.max_retry_after:
                    log.info("Runware asked to wait %.0f s; not waiting that long", retry_after)
                    raise
                wait = self._retries.delay(retry, retry_after)
                log.info(
                    "%s failed (%s: %s); retry %d/%d in %.1f s",
                    tasks[0].get("taskType"),
                    type(error).__name__,
                    error.detail,
                    retry,
                    self._retries.attempts - 1,
                    wait,
                )
                await self._sleep(wait)

    async def _post(self, tasks: list[dict[str, Any]]) -> tuple[Envelope, float | None]:
        if not self._auth.has_key:
            raise MissingApiKey(code="missingApiKey")
        deadline = self._limits.reply_deadline
        try:
            # The per-read timeout never ends a reply that trickles a byte every few seconds; this
            # deadline covers the whole call, and the body is read only up to a cap.
            async with asyncio.timeout(deadline):
                async with self._http.stream(
                    "POST", self.base_url, json=tasks, auth=self._auth, timeout=self._timeout
                ) as response:
                    body = await read_capped(response, self._limits.max_reply_bytes)
        except TimeoutError as exc:
            raise NetworkError(f"its reply took longer than {deadline:.0f} s", code="timeout") from exc
        except httpx.TimeoutException as exc:
            raise NetworkError("Runware did not answer in time", code="timeout") from exc
        except httpx.RequestError as exc:  # connect/read/write failures, protocol breaks, bad encodings
            raise NetworkError(redact(describe(exc)), code="network") from exc
        envelope = parse_envelope(response.status_code, body)
        for error in envelope.errors:
            redact_error(error)
        log.debug("%s -> HTTP %d", tasks[0].get("taskType"), response.status_code)
        return envelope, retry_after_seconds(response)
