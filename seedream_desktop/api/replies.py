"""Reading a reply defensively: only our task's items, a bounded body, and no key in any error."""

from __future__ import annotations

import httpx

from seedream_desktop.api.envelope import Envelope
from seedream_desktop.api.errors import SeedreamError, ServerError
from seedream_desktop.redaction import redact, redact_value


def for_task(envelope: Envelope, task_uuid: str) -> Envelope:
    """Only the items of our task (a batched reply may carry others)."""
    items = [item for item in envelope.data if item.get("taskUUID") in (None, task_uuid)]
    return Envelope(envelope.status, items, envelope.errors)


def is_unreadable(envelope: Envelope) -> bool:
    """The server's reply could not be read as an envelope (retried like a 5xx)."""
    return any(e.code == "malformedResponse" for e in envelope.errors)


async def read_capped(response: httpx.Response, limit: int) -> bytes:
    """The whole body, or ServerError as soon as it grows past ``limit`` (read no further)."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit)
    return bytes(body)


def _too_large(limit: int) -> ServerError:
    # Retried like an unreadable reply: a proxy's hiccup may have produced it.
    return ServerError(
        f"its reply was larger than {limit // (1024 * 1024)} MB, so it was not read", code="replyTooLarge"
    )


def describe(exc: httpx.RequestError) -> str:
    """A network failure in one line: its type, and its text when it has one."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def redact_error(error: SeedreamError) -> None:
    """Belt and braces (parse_envelope masked the reply already): no server text keeps the key."""
    error.detail = redact(error.detail)
    error.code = redact(error.code)
    if error.parameter is not None:
        error.parameter = redact(error.parameter)
    error.params = redact_value(error.params)
    error.args = (error.message,)
