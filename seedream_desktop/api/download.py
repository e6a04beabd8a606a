"""Streaming one result image into a file-like sink, verified on the way: format, length, end marker."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

import httpx

from seedream_desktop.api.envelope import parse_envelope
from seedream_desktop.api.errors import (
    BadImage,
    NetworkError,
    RateLimited,
    ResultExpired,
    SeedreamError,
    ServerError,
    StorageError,
)
from seedream_desktop.api.image_format import ImageStreamCheck, check_bytes
from seedream_desktop.api.results import DownloadInfo

Progress = Callable[[int, int | None], None]
# A dropped connection, a busy CDN or bytes that arrived damaged are worth another try.
DOWNLOAD_RETRYABLE: tuple[type[SeedreamError], ...] = (BadImage, NetworkError, ServerError, RateLimited)
EXPIRED_STATUSES = (403, 404, 410)


async def download_into(
    http: httpx.AsyncClient,
    url: str,
    sink: IO[bytes],
    fmt: str,
    *,
    timeout: httpx.Timeout,
    on_progress: Progress | None = None,
) -> DownloadInfo:
    """One attempt: GET ``url`` (no Authorization: image hosts never see the key) into ``sink``."""
    try:
        async with http.stream("GET", url, timeout=timeout, follow_redirects=True) as response:
            status = response.status_code
            if status in EXPIRED_STATUSES:
                raise ResultExpired(f"HTTP {status}", code="expired", status=status)
            if status >= 400:
                errors = parse_envelope(status, await response.aread()).errors
                raise errors[0]
            encoded = _is_encoded(response)
            total = None if encoded else _declared_length(response)
            check = ImageStreamCheck(fmt)
            # An unencoded body needs no decoder pass: the raw chunks are the image bytes themselves.
            chunks = response.aiter_bytes() if encoded else response.aiter_raw()
            async for chunk in chunks:
                check.feed(chunk)  # the first chunk already proves (or disproves) the format
                _write(sink, chunk)
                if on_progress is not None:
                    on_progress(check.size, total)
            found = check.finish(total)
    except httpx.TimeoutException as exc:
        raise NetworkError("the image download stalled", code="timeout") from exc
    except httpx.RequestError as exc:
        raise NetworkError(f"the image download was cut off ({type(exc).__name__})", code="network") from exc
    return DownloadInfo(size=check.size, sha256=check.sha256, format=found)


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
