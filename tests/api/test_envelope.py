"""Every response envelope protocol.md lists, and every error mapping, as pure data (no server)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from seedream_desktop.api.envelope import error_from, image_from, parse_envelope, poll_result
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
)

TASK = "6f1c2b7e-4a5d-4c3b-9e8f-0a1b2c3d4e5f"
IMAGE = {"taskType": "imageInference", "taskUUID": TASK, "imageUUID": "img-1", "imageURL": "https://x/1.png"}


def body(payload: Any) -> bytes:
    return json.dumps(payload).encode()


def test_data_only() -> None:
    env = parse_envelope(200, body({"data": [IMAGE]}))
    assert env.data == [IMAGE]
    assert env.errors == []


def test_errors_only() -> None:
    env = parse_envelope(400, body({"errors": [{"code": "invalidPositivePrompt", "message": "too long"}]}))
    assert env.data == []
    [error] = env.errors
    assert isinstance(error, RejectedParameter)
    assert error.parameter == "positivePrompt"
    assert error.detail == "too long"


def test_data_and_errors_together() -> None:
    payload = {
        "data": [
            {**IMAGE, "status": "success"},
            {"taskType": "imageInference", "taskUUID": TASK, "status": "processing"},
        ],
        "errors": [{"code": "timeoutProvider", "status": "error", "message": "slow", "taskUUID": TASK}],
    }
    result = poll_result(parse_envelope(200, body(payload)))
    assert [i.image_uuid for i in result.images] == ["img-1"]
    assert result.pending
    [error] = result.errors
    assert isinstance(error, ProviderTimeout)
    assert error.task_uuid == TASK


def test_singular_error_object() -> None:
    [error] = parse_envelope(401, body({"error": {"code": "invalidApiKey", "message": "nope"}})).errors
    assert isinstance(error, InvalidApiKey)


def test_singular_error_array() -> None:
    env = parse_envelope(400, body({"error": [{"code": "missingWidth"}, {"code": "missingHeight"}]}))
    assert [e.parameter for e in env.errors] == ["width", "height"]


def test_pre_stream_error_takes_task_identity_from_the_envelope() -> None:
    payload = {
        "error": {"code": "conflictTaskUUID", "message": "exists"},
        "taskUUID": TASK,
        "taskType": "imageInference",
    }
    [error] = parse_envelope(400, body(payload)).errors
    assert isinstance(error, TaskConflict)
    assert error.task_uuid == TASK


def test_legacy_error_true() -> None:
    [error] = parse_envelope(
        200, body({"error": True, "errorId": 19, "errorMessage": "Invalid api key"})
    ).errors
    assert error.detail == "Invalid api key"


def test_in_data_error_item() -> None:
    payload = {
        "data": [
            {
                "status": "error",
                "taskUUID": TASK,
                "error": {"code": "nsfwContentDetected", "message": "flagged"},
            }
        ]
    }
    env = parse_envelope(200, body(payload))
    assert env.data == []
    [error] = env.errors
    assert isinstance(error, ContentPolicy)
    assert error.detail == "flagged"
    assert error.task_uuid == TASK


def test_data_as_a_single_object_and_bare_array() -> None:
    upload = {"taskType": "imageUpload", "taskUUID": TASK, "imageUUID": "u-1"}
    assert parse_envelope(200, body({"data": upload})).data == [upload]
    assert parse_envelope(200, body([upload])).data == [upload]


@pytest.mark.parametrize("status_word", ["processing", "pending", "PROCESSING"])
def test_pending_statuses(status_word: str) -> None:
    payload = {"data": [{"taskType": "imageInference", "taskUUID": TASK, "status": status_word}]}
    result = poll_result(parse_envelope(200, body(payload)))
    assert result.pending
    assert result.images == []


def test_ack_is_neither_image_nor_pending() -> None:
    result = poll_result(
        parse_envelope(200, body({"data": [{"taskType": "imageInference", "taskUUID": TASK}]}))
    )
    assert result.images == []
    assert not result.pending
    assert result.errors == []


def test_parameter_as_a_list_keeps_all_and_leads_with_the_first() -> None:
    raw = {"code": "invalidDimensions", "message": "product out of range", "parameter": ["width", "height"]}
    error = error_from(raw, 400)
    assert isinstance(error, RejectedParameter)
    assert error.parameter == "width"
    assert error.params["parameters"] == ["width", "height"]
    assert "width" in str(error)


def test_malformed_json_on_success_is_a_server_error() -> None:
    [error] = parse_envelope(200, b"{not json").errors
    assert isinstance(error, ServerError)
    assert "not valid JSON" in error.detail


def test_empty_body_with_error_status() -> None:
    [error] = parse_envelope(401, b"").errors
    assert isinstance(error, InvalidApiKey)
    [error] = parse_envelope(502, b"<html>Bad gateway</html>").errors
    assert isinstance(error, ServerError)


@pytest.mark.parametrize(
    ("code", "status", "kind"),
    [
        ("invalidApiKey", 401, InvalidApiKey),
        ("", 401, InvalidApiKey),
        ("missingApiKey", 401, MissingApiKey),
        ("insufficientCredits", 402, NoCredits),
        ("", 402, NoCredits),
        ("lowBalance", 400, NoCredits),
        ("monthlyQuotaExceeded", 400, NoCredits),
        ("paymentRequired", 400, NoCredits),
        ("", 403, PermissionDenied),
        ("invalidWidth", 400, RejectedParameter),
        ("missingPositivePrompt", 400, RejectedParameter),
        ("unsupportedParameter", 400, RejectedParameter),
        ("", 429, RateLimited),
        ("", 503, RateLimited),
        ("", 504, RateLimited),
        ("timeoutQueue", 504, RateLimited),
        ("providerRateLimitExceeded", 200, RateLimited),
        ("timeoutProvider", 200, ProviderTimeout),
        ("nsfwContentDetected", 200, ContentPolicy),
        ("contentPolicyViolation", 400, ContentPolicy),
        ("providerContentPolicyViolation", 400, ContentPolicy),
        ("conflictTaskUUID", 400, TaskConflict),
        ("", 500, ServerError),
        ("somethingOdd", 502, ServerError),
        ("somethingOdd", 200, SeedreamError),
    ],
)
def test_error_mapping(code: str, status: int, kind: type[SeedreamError]) -> None:
    error = error_from({"code": code, "message": "server says"}, status)
    assert type(error) is kind
    assert error.status == status
    assert error.code == code


def test_rejected_parameter_names_the_parameter_from_the_server() -> None:
    error = error_from({"code": "unsupportedParameter", "message": "no", "parameter": "guidance"}, 400)
    assert isinstance(error, RejectedParameter)
    assert error.parameter == "guidance"
    assert "guidance" in str(error)


def test_image_fields() -> None:
    item = {**IMAGE, "seed": 42, "cost": 0.03, "NSFWContent": False}
    image = image_from(item, ttl=3600, now=1000.0)
    assert image is not None
    assert (image.task_uuid, image.image_uuid, image.url) == (TASK, "img-1", "https://x/1.png")
    assert (image.seed, image.cost, image.nsfw, image.expires_at) == (42, 0.03, False, 4600.0)
    assert image.data is None


def test_image_base64_and_data_uri_are_decoded() -> None:
    raw = b"\x89PNG\r\n\x1a\nrest"
    encoded = base64.b64encode(raw).decode()
    from_b64 = image_from({"taskUUID": TASK, "imageUUID": "a", "imageBase64Data": encoded})
    from_uri = image_from(
        {"taskUUID": TASK, "imageUUID": "b", "imageDataURI": f"data:image/png;base64,{encoded}"}
    )
    assert from_b64 is not None and from_b64.data == raw
    assert from_uri is not None and from_uri.data == raw
    assert from_b64.expires_at is None


def test_bad_inline_data_is_a_bad_image() -> None:
    with pytest.raises(BadImage):
        image_from({"taskUUID": TASK, "imageUUID": "a", "imageBase64Data": "!!!not base64"})
    with pytest.raises(BadImage):
        image_from({"taskUUID": TASK, "imageUUID": "a", "imageDataURI": "data:image/png,plain"})


def test_error_detail_is_the_server_message() -> None:
    error = error_from(
        {"code": "invalidApiKey", "message": "Invalid API key. Get one at https://my.runware.ai"}, 401
    )
    assert error.detail.startswith("Invalid API key")
    # The designer-facing text is ours, not the server's jargon.
    assert str(error) == "Runware did not accept the API key."
