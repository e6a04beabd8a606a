"""The emulator's BytePlus ModelArk side: ``POST /api/v3/images/generations``, streamed as Server-Sent Events.

Follows protocol.md §5: a Bearer key; ``model``, ``prompt``, ``size`` (``WxH`` from the model's table),
``image`` (≤ 14), ``sequential_image_generation`` + ``sequential_image_generation_options.max_images``,
``response_format``, ``stream``, ``watermark``. With ``stream: true`` each image is one
``image_generation.partial_succeeded`` event, a failed one ``image_generation.partial_failed``, then
``image_generation.completed`` with ``usage`` and ``data: [DONE]``. Without streaming, one JSON answer.

Faults reuse the emulator's plan (phase ``submit``): 401/429/500/503 answer with Ark's error shape,
``drop`` cuts the stream after the first image (the request is billed, no task to poll), ``stall``
hangs, ``content-policy`` fails the second image of a set (the first when there is one).
Generation honours ``Emulator.pause()/release()`` so tests hold a stream mid-way without timing.
"""

from __future__ import annotations

import json
import socket
import struct
import time
import uuid
from typing import TYPE_CHECKING, Any

from seedream_desktop.api.ark import ARK_MODEL_IDS, EVENT_COMPLETED, EVENT_FAILED, EVENT_SUCCEEDED
from seedream_desktop.api.models import Model, model_by_id
from seedream_desktop.emulator.painter import Picture
from seedream_desktop.emulator.shelf import StoredImage

if TYPE_CHECKING:
    from seedream_desktop.emulator.handler import RunwareHandler

PATH = "/api/v3/images/generations"
ARK_FAULTS = ("401", "429", "500", "503", "drop", "stall", "content-policy")
_MODELS: dict[str, Model] = {
    ark: m for runware, ark in ARK_MODEL_IDS.items() if (m := model_by_id(runware)) is not None
}
_STATUS = {
    "401": (401, "AuthenticationError", "Unauthorized", "The API key in the request is missing or invalid."),
    "429": (429, "RateLimitExceeded", "TooManyRequests", "Too many requests. Retry later."),
    "500": (500, "InternalServiceError", "InternalServerError", "The service had an internal error."),
    "503": (503, "ServiceUnavailable", "ServiceUnavailable", "The service is temporarily unavailable."),
}


class ArkRefusal(Exception):
    def __init__(
        self, status: int, code: str, message: str, param: str | None = None, kind: str = "BadRequest"
    ):
        super().__init__(message)
        self.body = {"error": {"code": code, "message": message, "param": param, "type": kind}}
        self.status = status


def serve(handler: RunwareHandler, raw: bytes) -> None:
    """Answer one Ark request on ``handler``'s connection."""
    emulator = handler.server.emulator
    try:
        body: Any = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        body = None
    emulator._record(
        [{"taskType": "arkImageGeneration", **_without_images(body)}] if isinstance(body, dict) else []
    )
    fault = emulator.faults.take("submit", ARK_FAULTS)
    try:
        if fault in _STATUS:
            status, code, kind, message = _STATUS[fault]
            raise ArkRefusal(status, code, message, kind=kind)
        _authenticate(handler)
        if fault == "stall" and not handler._stall():
            return
        model, size, count = _read(body)
    except ArkRefusal as refusal:
        handler._send_json(refusal.status, refusal.body)
        return
    request_id = str(uuid.uuid4())
    failing = (1 if count > 1 else 0) if fault == "content-policy" else None
    if body.get("stream"):
        _stream(handler, body, model, size, count, request_id, failing, drop=fault == "drop")
    else:
        _answer(handler, body, model, size, count, request_id, failing)


def _without_images(body: dict[str, Any]) -> dict[str, Any]:
    images = body.get("image")
    count = len(images) if isinstance(images, list) else (1 if images else 0)
    return {**{k: v for k, v in body.items() if k != "image"}, "imageCount": count}


def _authenticate(handler: RunwareHandler) -> None:
    header = handler.headers.get("Authorization", "")
    key = header[7:].strip() if header[:7].lower() == "bearer " else ""
    if not key or not handler.server.emulator.accepts(key):
        raise ArkRefusal(
            401, "AuthenticationError", "The API key is missing or invalid.", kind="Unauthorized"
        )


def _read(body: Any) -> tuple[Model, tuple[int, int], int]:
    if not isinstance(body, dict):
        raise ArkRefusal(400, "InvalidParameter", "The request body must be a JSON object.")
    model = _MODELS.get(str(body.get("model")))
    if model is None:
        raise ArkRefusal(
            404, "InvalidEndpointOrModel.NotFound", "The model does not exist.", "model", "NotFound"
        )
    prompt = body.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise ArkRefusal(400, "MissingParameter", "The prompt parameter is required.", "prompt")
    size_text = str(body.get("size") or "2048x2048")  # SDKs send unset fields as null
    dims = size_text.lower().split("x")
    size = (
        model.size_by_dimensions(int(dims[0]), int(dims[1]))
        if len(dims) == 2 and all(d.isdigit() for d in dims)
        else None
    )
    if size is None:
        raise ArkRefusal(
            400, "InvalidParameter", f"The size {size_text} is not supported by {body['model']}.", "size"
        )
    images = body.get("image") or []
    images = [images] if isinstance(images, str) else images
    if not isinstance(images, list) or len(images) > model.references_max:
        raise ArkRefusal(400, "InvalidParameter", f"At most {model.references_max} images.", "image")
    count = 1
    if body.get("sequential_image_generation") == "auto":
        options = body.get("sequential_image_generation_options") or {}
        count = options.get("max_images", 15)
        if not isinstance(count, int) or not 1 <= count <= 15 or len(images) + count > 15:
            raise ArkRefusal(
                400,
                "InvalidParameter",
                "max_images must be 1-15 and images in + out at most 15.",
                "max_images",
            )
    elif body.get("sequential_image_generation") not in (None, "disabled"):
        raise ArkRefusal(400, "InvalidParameter", "sequential_image_generation is auto or disabled.")
    if body.get("watermark") is not None and not isinstance(body.get("watermark"), bool):
        raise ArkRefusal(400, "InvalidParameter", "watermark must be true or false.", "watermark")
    return model, (size.width, size.height), count


def _paint(
    handler: RunwareHandler, body: dict[str, Any], size: tuple[int, int], index: int, count: int, rid: str
) -> dict[str, Any] | None:
    """One image, painted after the emulator's latency and its pause gate; None when stopping."""
    emulator = handler.server.emulator
    service = emulator._service
    if emulator._stopping.wait(emulator.latency):
        return None
    with service._changed:
        while service._paused and not service._passes and not emulator._stopping.is_set():
            service._changed.wait()
        if emulator._stopping.is_set():
            return None
        if service._paused:
            service._passes -= 1
    seed = (hash((rid, index)) & 0x7FFFFFFF) or 1
    picture = Picture(
        prompt=str(body.get("prompt")),
        seed=seed,
        width=size[0],
        height=size[1],
        output_format="JPG",  # Ark's output is JPEG (protocol.md §5)
        frame=(index + 1, count) if count > 1 else None,
    )
    data = service._painter.paint(picture)
    image_uuid = str(uuid.uuid4())
    service.shelf.put(
        StoredImage(image_uuid, picture.extension, picture=picture, expires_at=emulator.now() + 86_400)
    )
    import hashlib

    with service._changed:
        service.produced.append((rid, image_uuid, hashlib.sha256(data).hexdigest()))
        service._changed.notify_all()
    return {
        "model": body.get("model"),
        "created": int(time.time()),
        "image_index": index,
        "url": f"{emulator.origin}/images/{image_uuid}.{picture.extension}",
        "size": f"{size[0]}x{size[1]}",
    }


def _failure(body: dict[str, Any], index: int) -> dict[str, Any]:
    return {
        "model": body.get("model"),
        "created": int(time.time()),
        "image_index": index,
        "error": {
            "code": "OutputImageSensitiveContentDetected",
            "message": "The output image may be sensitive.",
        },
    }


def _usage(generated: int, size: tuple[int, int]) -> dict[str, int]:
    tokens = round(generated * size[0] * size[1] / 256)
    return {"generated_images": generated, "output_tokens": tokens, "total_tokens": tokens}


def _stream(
    handler: RunwareHandler,
    body: dict[str, Any],
    model: Model,
    size: tuple[int, int],
    count: int,
    rid: str,
    failing: int | None,
    *,
    drop: bool,
) -> None:
    handler.close_connection = True
    try:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Cache-Control", "no-cache")
        handler.send_header("X-Request-Id", rid)
        handler.send_header("Connection", "close")
        handler.end_headers()
        generated = 0
        for index in range(count):
            if index == failing:
                _event(handler, EVENT_FAILED, {"type": EVENT_FAILED, **_failure(body, index)})
                continue
            item = _paint(handler, body, size, index, count, rid)
            if item is None:
                return
            generated += 1
            _event(handler, EVENT_SUCCEEDED, {"type": EVENT_SUCCEEDED, **item})
            if drop:  # billed, and the connection breaks: RST, no completed event, nothing to poll
                handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return
        completed = {"type": EVENT_COMPLETED, "model": body.get("model"), "created": int(time.time())}
        _event(handler, EVENT_COMPLETED, {**completed, "usage": _usage(generated, size)})
        handler.wfile.write(b"data: [DONE]\n\n")
        handler.wfile.flush()
    except OSError:
        return


def _event(handler: RunwareHandler, kind: str, data: dict[str, Any]) -> None:
    handler.wfile.write(f"event: {kind}\ndata: {json.dumps(data)}\n\n".encode())
    handler.wfile.flush()


def _answer(
    handler: RunwareHandler,
    body: dict[str, Any],
    model: Model,
    size: tuple[int, int],
    count: int,
    rid: str,
    failing: int | None,
) -> None:
    data: list[dict[str, Any]] = []
    for index in range(count):
        if index == failing:
            data.append({"error": _failure(body, index)["error"]})
            continue
        item = _paint(handler, body, size, index, count, rid)
        if item is None:
            return
        data.append({"url": item["url"], "size": item["size"]})
    generated = sum(1 for d in data if "url" in d)
    answer = {
        "model": body.get("model"),
        "created": int(time.time()),
        "data": data,
        "usage": _usage(generated, size),
    }
    handler._send_json(200, answer)
