"""Streaming one result image into a file-like sink, verified on the way: format, length, end marker."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import IO

import httpx

from seedream_desktop.api.envelope import parse_envelope
from seedream_desktop.api.errors import (
    BadImage,
    ImageTooLarge,
    NetworkError,
    RateLimited,
    ResultExpired,
    SeedreamError,
    ServerError,
    StorageError,
    UnsafeImageLink,
)
from seedream_desktop.api.image_format import ImageStreamCheck, check_bytes
from seedream_desktop.api.limits import Limits, image_link_problem
from seedream_desktop.api.results import DownloadInfo

Progress = Callable[[int, int | None], None]
# A dropped connection, a busy CDN or bytes that arrived damaged are worth another try.
DOWNLOAD_RETRYABLE: tuple[type[SeedreamError], ...] = (BadImage, NetworkError, ServerError, RateLimited)
EXPIRED_STATUSES = (403, 404, 410)
REDIRECT_STATUSES = (301, 302, 303, 307, 308)


async def download_into(
    http: httpx.AsyncClient,
    url: str,
    sink: IO[bytes],
    fmt: str,
    *,
    timeout: httpx.Timeout,
    limits: Limits | None = None,
    on_progress: Progress | None = None,
) -> DownloadInfo:
    """One attempt: GET ``url`` (no Authorization: image hosts never see the key) into ``sink``.

    Bounded on every side: only safe links (and redirects) are followed, a body bigger than
    ``limits.max_image_bytes`` is refused by its Content-Length or as soon as it grows past it, and the
    whole download has a deadline (a per-read timeout never ends a server that trickles).
    """
    limits = limits or Limits()
    try:
        async with asyncio.timeout(limits.download_deadline):
            async with _open(http, url, timeout, limits) as response:
                return await _receive(response, sink, fmt, limits, on_progress)
    except TimeoutError as exc:
        raise NetworkError(
            f"the image download took longer than {limits.download_deadline:.0f} s", code="timeout"
        ) from exc
    except httpx.TimeoutException as exc:
        raise NetworkError("the image download stalled", code="timeout") from exc
    except httpx.RequestError as exc:
        raise NetworkError(f"the image download was cut off ({type(exc).__name__})", code="network") from exc


@contextlib.asynccontextmanager
async def _open(
    http: httpx.AsyncClient, url: str, timeout: httpx.Timeout, limits: Limits
) -> AsyncIterator[httpx.Response]:
    """The response at the end of ``url``'s redirects, each hop checked like the link itself."""
    for _hop in range(limits.max_redirects + 1):
        problem = image_link_problem(url, allow_loopback=limits.allow_loopback_images)
        if problem is not None:
            raise UnsafeImageLink(problem, code="unsafeLink")
        async with http.stream("GET", url, timeout=timeout, follow_redirects=False) as response:
            location = response.headers.get("Location")
            if response.status_code not in REDIRECT_STATUSES or not location:
                yield response
                return
            try:
                url = str(response.url.join(location))
            except (httpx.InvalidURL, ValueError):
                raise UnsafeImageLink(
                    "it redirected to an address that is not valid", code="unsafeLink"
                ) from None
    raise UnsafeImageLink(f"it redirected more than {limits.max_redirects} times", code="tooManyRedirects")


async def _receive(
    response: httpx.Response, sink: IO[bytes], fmt: str, limits: Limits, on_progress: Progress | None
) -> DownloadInfo:
    status = response.status_code
    if status in EXPIRED_STATUSES:
        raise ResultExpired(f"HTTP {status}", code="expired", status=status)
    if status >= 400:
        body = await _read_some(response, 64 * 1024)
        raise parse_envelope(status, body).errors[0]
    encoded = _is_encoded(response)
    total = None if encoded else _declared_length(response)
    cap = limits.max_image_bytes
    if total is not None and total > cap:
        raise _too_large(cap)
    check = ImageStreamCheck(fmt)
    # An unencoded body needs no decoder pass: the raw chunks are the image bytes themselves.
    chunks = response.aiter_bytes() if encoded else response.aiter_raw()
    async for chunk in chunks:
        check.feed(chunk)  # the first chunk already proves (or disproves) the format
        if check.size > cap:
            raise _too_large(cap)
        _write(sink, chunk)
        if on_progress is not None:
            on_progress(check.size, total)
    found = check.finish(total)
    return DownloadInfo(size=check.size, sha256=check.sha256, format=found)


async def _read_some(response: httpx.Response, limit: int) -> bytes:
    """At most ``limit`` bytes of an error body: enough for its message, never a flood."""
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) >= limit:
            break
    return bytes(body[:limit])


def _too_large(cap: int) -> ImageTooLarge:
    return ImageTooLarge(code="imageTooLarge", limit_mb=cap // (1024 * 1024))


def write_inline(data: bytes, sink: IO[bytes], fmt: str, on_progress: Progress | None = None) -> DownloadInfo:
    """base64Data / dataURI results: the bytes are already here; check them, then write them."""
    found, digest = check_bytes(data, fmt)
    _write(sink, data)
    if on_progress is not None:
        on_progress(len(data), len(data))
    return DownloadInfo(size=len(data), sha256=digest, format=found)


def _is_encoded(response: httpx.Response) -> bool:
    return response.headers.get("Content-Encoding", "identity") != "identity"


def _declared_length(response: httpx.Response) -> int | None:
    # Content-Length counts encoded bytes, so it is asked only of unencoded bodies.
    value = response.headers.get("Content-Length")
    return int(value) if value and value.isdigit() else None


def _write(sink: IO[bytes], chunk: bytes) -> None:
    try:
        sink.write(chunk)
    except OSError as exc:
        raise StorageError(exc.strerror or str(exc), code="storage") from exc
