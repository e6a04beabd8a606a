"""Runware's error objects and envelopes as the emulator sends them (protocol.md §1, §4)."""

from __future__ import annotations

from typing import Any

DOCS = "https://runware.ai/docs/en/image-inference/api-reference"

# Codes follow the new SDK's grouping (protocol.md §4): invalid*/missing*/unsupported*/conflict* are
# validation, *ApiKey is auth, *RateLimit* is rate limiting, *Credits is quota.
MISSING_API_KEY = "missingApiKey"
INVALID_API_KEY = "invalidApiKey"
INSUFFICIENT_CREDITS = "insufficientCredits"
CONFLICT_TASK_UUID = "conflictTaskUUID"
TIMEOUT_PROVIDER = "timeoutProvider"
CONTENT_POLICY = "contentPolicyViolation"


class Rejection(Exception):
    """A request or task the emulated server refuses: an HTTP status plus Runware error objects."""

    def __init__(self, status: int, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors[0].get("message", "") if errors else "")
        self.status = status
        self.errors = errors


def error(
    code: str,
    message: str,
    *,
    parameter: str | None = None,
    task_type: str | None = None,
    task_uuid: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One error object with the documented fields (and only the ones that apply)."""
    item: dict[str, Any] = {"code": code, "message": message}
    if parameter is not None:
        item["parameter"] = parameter
    if task_type is not None:
        item["taskType"] = task_type
    if task_uuid is not None:
        item["taskUUID"] = task_uuid
    item["documentation"] = DOCS
    item.update(extra)
    return item


def missing_key() -> Rejection:
    return Rejection(
        401,
        [
            error(
                MISSING_API_KEY,
                "Missing API key. Send 'Authorization: Bearer <key>' or an authentication task first.",
                parameter="apiKey",
                task_type="authentication",
            )
        ],
    )


def invalid_key() -> Rejection:
    # The docs' own example text (protocol.md §1); the key itself is never echoed.
    return Rejection(
        401,
        [
            error(
                INVALID_API_KEY,
                "Invalid API key. Get one at https://my.runware.ai/signup",
                parameter="apiKey",
                task_type="authentication",
            )
        ],
    )


def envelope(data: list[dict[str, Any]], errors: list[dict[str, Any]]) -> dict[str, Any]:
    """``{"data": …}`` and/or ``{"errors": …}``: empty parts are left out, as Runware does."""
    body: dict[str, Any] = {}
    if data or not errors:
        body["data"] = data
    if errors:
        body["errors"] = errors
    return body
