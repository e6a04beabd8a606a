"""imageUpload and mediaStorage: read the picture a client sends and answer with where it now lives."""

from __future__ import annotations

import functools
import io
import uuid
from typing import Any

from PIL import Image

from seedream_desktop.emulator.references import FORMATS, Lookup, image_bytes, open_image
from seedream_desktop.emulator.shelf import StoredImage
from seedream_desktop.emulator.validation import task_uuid_of
from seedream_desktop.emulator.wire import Rejection, error


def read_upload(task: dict[str, Any], lookup: Lookup, origin: str) -> tuple[StoredImage, dict[str, Any]]:
    """The stored picture and the reply item for an upload task; Rejection (400) when it cannot be read."""
    kind = str(task["taskType"])
    task_uuid = task_uuid_of(task)
    field_name = "image" if kind == "imageUpload" else "media"
    if kind == "mediaStorage" and task.get("operation", "upload") != "upload":
        raise Rejection(
            400,
            [
                error(
                    "unsupportedOperation",
                    "This emulator supports mediaStorage operation 'upload' only.",
                    parameter="operation",
                    task_type=kind,
                    task_uuid=task_uuid,
                )
            ],
        )
    source = task.get(field_name)
    try:
        if not isinstance(source, str) or not source:
            raise ValueError(f"{field_name} must be a data URI, base64 text or a URL")
        data = image_bytes(source, lookup, origin) or _placeholder()
        fmt = open_image(data).format or ""
    except ValueError as exc:
        code = f"missing{field_name.title()}" if not source else f"invalid{field_name.title()}"
        raise Rejection(
            400,
            [
                error(
                    code,
                    f"Cannot upload: {exc}.",
                    parameter=field_name,
                    task_type=kind,
                    task_uuid=task_uuid,
                )
            ],
        ) from None
    extension = FORMATS[fmt]
    image_uuid = str(uuid.uuid4())
    url = f"{origin}/images/{image_uuid}.{extension}"
    if kind == "imageUpload":
        item = {"taskType": kind, "taskUUID": task_uuid, "imageUUID": image_uuid, "imageURL": url}
    else:
        item = {
            "taskType": kind,
            "taskUUID": task_uuid,
            "operation": "upload",
            "mediaUUID": image_uuid,
            "mediaURL": url,
        }
    return StoredImage(image_uuid, extension, data=data), item


@functools.lru_cache(maxsize=1)
def _placeholder() -> bytes:
    """What a foreign URL upload stores: the emulator never fetches from the internet."""
    out = io.BytesIO()
    Image.new("RGB", (256, 256), (90, 90, 90)).save(out, "PNG")
    return out.getvalue()
