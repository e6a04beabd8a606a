"""Runware's response envelopes, every shape protocol.md lists, turned into items and typed errors."""

from __future__ import annotations

import base64
import binascii
import json
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from seedream_desktop.api import PRICE_PER_IMAGE_USD
from seedream_desktop.api.errors import (
    BadImage,
    ContentPolicy,
    InvalidApiKey,
    MissingApiKey,
    NoCredits,
    PermissionDenied,
    ProviderTimeout,
    RateLimited,
    RejectedParameter,
    SeedreamError,
    ServerError,
    TaskConflict,
    UnusableReply,
)
from seedream_desktop.api.limits import is_identifier
from seedream_desktop.api.results import ImageResult, PollResult
from seedream_desktop.redaction import redact_value

PENDING_STATUSES = frozenset({"processing", "pending"})
# Safety codes the SDK lists by name, plus the Ark spellings that may pass through a provider.
_CONTENT_WORDS = ("nsfw", "contentpolicy", "sensitivecontent", "contentmoderat", "safetyviolation")
_CREDIT_WORDS = ("credit", "balance", "quota", "paymentrequired", "insufficientfunds")
# No single Seedream image costs anywhere near this; a bigger number is a server's mistake (or worse).
MAX_PLAUSIBLE_COST_USD = 10.0
# A result link's lifetime beyond this (ten years) is not a lifetime: the request's own ttl stands.
MAX_TTL_S = 10 * 365 * 24 * 3600


@dataclass(frozen=True, slots=True)
class Envelope:
    """A parsed reply: the task items that are not errors, and every error wherever it was put."""

    status: int
    data: list[dict[str, Any]]
    errors: list[SeedreamError]


def parse_envelope(status: int, body: bytes) -> Envelope:
    """Accept ``data``, ``errors``, both, singular ``error`` (object, array or legacy ``true``), the
    pre-stream ``{"error":{…},"taskUUID","taskType"}`` and in-data ``{status:"error", error:{…}}``."""
    try:
        # NaN/Infinity are not JSON: kept as the words they are, so a cost of Infinity reads as "not a
        # number" (an unknown cost) instead of a float that breaks sums, budgets and --json output.
        payload = json.loads(body, parse_constant=str) if body.strip() else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        payload = _MALFORMED
    # Whatever the server says may echo our key (a 400 quoting the Authorization header, a URL
    # carrying it): masked here, before anything is shown, logged or journalled.
    try:
        payload = redact_value(payload)
    except RecursionError:  # nested a thousand deep: no real reply looks like that
        payload = _MALFORMED
    if not isinstance(payload, (dict, list)):
        return Envelope(status, [], [_error_without_body(status, payload is _MALFORMED)])
    if isinstance(payload, list):  # not documented, but unambiguous: a bare array of items
        payload = {"data": payload}

    data: list[dict[str, Any]] = []
    errors: list[SeedreamError] = []
    raw_data = payload.get("data")
    for item in _as_list(raw_data):
        if not isinstance(item, dict):
            continue
        if _is_error_item(item):
            inner = item.get("error")
            merged = {**item, **inner} if isinstance(inner, dict) else item
            errors.append(error_from(merged, status))
        else:
            data.append(item)
    for raw in _as_list(payload.get("errors")):
        if isinstance(raw, dict):
            errors.append(error_from(raw, status))
    single = payload.get("error")
    if isinstance(single, dict):
        # Pre-stream shape: the task's identity sits next to the error object, not inside it.
        context = {k: payload[k] for k in ("taskUUID", "taskType") if k in payload}
        errors.append(error_from({**context, **single}, status))
    elif isinstance(single, list):
        errors.extend(error_from(e, status) for e in single if isinstance(e, dict))
    elif single is True or isinstance(single, str):  # legacy {"error":true,"errorMessage":…}
        message = payload.get("errorMessage") or (single if isinstance(single, str) else "")
        errors.append(error_from({"code": str(payload.get("errorId", "")), "message": message}, status))
    if status >= 400 and not errors:
        errors.append(_error_without_body(status, malformed=False))
    return Envelope(status, data, errors)


_MALFORMED = object()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _is_error_item(item: Mapping[str, Any]) -> bool:
    return item.get("status") == "error" or (
        "imageUUID" not in item and ("code" in item or isinstance(item.get("error"), dict))
    )


def _error_without_body(status: int, malformed: bool) -> SeedreamError:
    if malformed and status < 400:
        return ServerError(
            "Runware sent a reply that is not valid JSON", code="malformedResponse", status=status
        )
    detail = f"HTTP {status}" + (" with an unreadable body" if malformed else "")
    return error_from({"message": detail}, status)


def error_from(raw: Mapping[str, Any], http_status: int | None = None) -> SeedreamError:
    """Map one error object (code, message, parameter, taskUUID) plus the HTTP status to our taxonomy.

    The code decides when it is known; the HTTP status decides otherwise. ``detail`` is the server's
    own message (it never contains our key: the key only travels in the Authorization header).
    """
    code = one_line(str(raw.get("code") or ""), 80)
    detail = one_line(str(raw.get("message") or raw.get("errorMessage") or code or "no details given"))
    parameters = _parameters(raw.get("parameter"))
    task_uuid = raw.get("taskUUID")
    kwargs: dict[str, Any] = {
        "code": code,
        "status": http_status,
        "task_uuid": task_uuid if is_identifier(task_uuid) else None,
    }
    low = code.lower()
    http = http_status or 0

    if low.startswith("conflict"):
        return TaskConflict(detail, **kwargs)
    if low == "missingapikey":
        return MissingApiKey(detail, **kwargs)
    if low.endswith("apikey") or http == 401:
        return InvalidApiKey(detail, **kwargs)
    if http == 402 or any(word in low for word in _CREDIT_WORDS):
        return NoCredits(detail, **kwargs)
    if any(word in low for word in _CONTENT_WORDS):
        return ContentPolicy(detail, **kwargs)
    if http == 403 or low in ("permissiondenied", "forbidden", "accessdenied"):
        return PermissionDenied(detail, **kwargs)
    if (
        "ratelimit" in low
        or low in ("provideroverloaded", "providerunavailable", "serveroverloaded")
        or http in (429, 503, 504)  # queue full or queue wait exceeded: come back later
    ):
        return RateLimited(detail, **kwargs)
    if low.startswith("timeout") or low.endswith("timeout"):
        return ProviderTimeout(detail, **kwargs)
    if low.startswith(("invalid", "missing", "unsupported")) or (http == 400 and parameters):
        parameter = parameters[0] if parameters else _parameter_from_code(code)
        return RejectedParameter(detail, parameter=parameter, parameters=parameters or [parameter], **kwargs)
    if http >= 500:
        return ServerError(detail, **kwargs)
    if http == 400:
        return RejectedParameter(detail, parameter="request", parameters=[], **kwargs)
    return SeedreamError(detail, **kwargs)


def _parameters(value: Any) -> list[str]:
    # A cross-field violation names several fields ("width", "height"); keep them all, lead with the first.
    if isinstance(value, str) and value:
        return [one_line(value, 80)]
    if isinstance(value, list):
        return [one_line(str(v), 80) for v in value[:8] if v]
    return []


def one_line(text: str, limit: int = 300) -> str:
    """A server's text as one short printable line: control characters (terminal escapes, newlines)
    become spaces, and a megabyte of "message" is cut to ``limit`` characters."""
    if len(text) > limit * 4:
        text = text[: limit * 4]
    clean = "".join(ch if ch.isprintable() else " " for ch in text)
    clean = " ".join(clean.split())
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def _parameter_from_code(code: str) -> str:
    """``invalidPositivePrompt`` -> ``positivePrompt``: the field the code is about."""
    for prefix in ("invalid", "missing", "unsupported"):
        if code.startswith(prefix) and len(code) > len(prefix):
            rest = code[len(prefix) :]
            return rest[0].lower() + rest[1:]
    return code or "request"


# ---- result items ---------------------------------------------------------------------------------


def is_pending(item: Mapping[str, Any]) -> bool:
    return str(item.get("status", "")).lower() in PENDING_STATUSES


def image_from(
    item: Mapping[str, Any], *, ttl: int | None = None, now: float | None = None
) -> ImageResult | None:
    """An ImageResult for a finished-image item, or None for ACKs and "processing" placeholders.

    Raises UnusableReply when the server names the image or its task in a way that is not safe to
    put in a file name or the journal (``../x``, a path, a megabyte of text).
    """
    image_uuid = item.get("imageUUID")
    if image_uuid is None or is_pending(item):
        return None
    task_uuid = item.get("taskUUID")
    task_uuid = "" if task_uuid is None else task_uuid
    if not is_identifier(image_uuid) or not (task_uuid == "" or is_identifier(task_uuid)):
        raise UnusableReply("an image name that is not a valid identifier", code="badIdentifier")
    assert isinstance(image_uuid, str) and isinstance(task_uuid, str)
    url = item.get("imageURL")
    data = _decode_inline(item)
    if not isinstance(url, str) and data is None:
        return None
    item_ttl = item.get("ttl") if _is_int(item.get("ttl"), 1, MAX_TTL_S) else ttl
    seed = item.get("seed")
    cost, cost_note = read_cost(item.get("cost"))
    nsfw = item.get("NSFWContent")
    return ImageResult(
        task_uuid=task_uuid,
        image_uuid=image_uuid,
        url=url if isinstance(url, str) else None,
        data=data,
        seed=seed if _is_int(seed, -(2**63), 2**63 - 1) else None,  # what SQLite can store
        cost=cost,
        cost_note=cost_note,
        nsfw=nsfw if isinstance(nsfw, bool) else None,
        expires_at=(now if now is not None else time.time()) + item_ttl if item_ttl else None,
    )


def _is_int(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def read_cost(value: Any) -> tuple[float | None, str | None]:
    """(USD to count, why the server's own figure was not used). No cost given: (None, None).

    A negative, non-finite, absurd or non-numeric cost is treated as unknown: the per-image estimate
    counts against spend and the daily budget instead (a ``cost: -1000`` must not unlock the budget),
    and the note says what the server claimed.
    """
    if value is None:
        return None, None
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # an integer too big for a float
            number = math.inf
    if number is not None and math.isfinite(number) and 0 <= number <= MAX_PLAUSIBLE_COST_USD:
        return number, None
    shown = one_line(str(value)[:100], 24)  # a server's text: no terminal escapes, no flood
    if number is None:
        why = f"a cost that is not a number ({shown})"
    elif not math.isfinite(number):
        why = f"a cost that is not a finite number ({shown})"
    elif number < 0:
        why = f"a negative cost ({shown})"
    else:
        why = f"an implausible cost ({shown})"
    return (
        PRICE_PER_IMAGE_USD,
        f"Runware reported {why}; the estimate of ${PRICE_PER_IMAGE_USD:.2f} was counted",
    )


def _decode_inline(item: Mapping[str, Any]) -> bytes | None:
    raw = item.get("imageBase64Data")
    if not isinstance(raw, str):
        uri = item.get("imageDataURI")
        if not isinstance(uri, str):
            return None
        head, sep, raw = uri.partition(",")
        if not sep or not head.startswith("data:") or not head.endswith(";base64"):
            raise BadImage("the data URI is not base64-encoded", code="badDataURI")
    try:
        return base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise BadImage("the inline image is not valid base64", code="badBase64") from None


def poll_result(envelope: Envelope, *, ttl: int | None = None) -> PollResult:
    """Images, pending flag and errors of one getResponse (or submit) reply."""
    now = time.time()
    images: list[ImageResult] = []
    errors = list(envelope.errors)
    refused = 0
    for item in envelope.data:
        try:
            image = image_from(item, ttl=ttl, now=now)
        except UnusableReply as error:
            refused += 1
            if refused == 1:  # one error says it; ten thousand would only repeat it
                errors.append(error)
            continue
        if image is not None:
            images.append(image)
    pending = any(is_pending(item) for item in envelope.data)
    return PollResult(images=images, pending=pending, errors=errors)
