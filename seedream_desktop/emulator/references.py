"""Reading reference and uploaded images (UUID, data URI, base64, own URL) without ever going online."""

from __future__ import annotations

import base64
import binascii
import io
import re
import uuid
from collections.abc import Callable
from urllib.parse import urlsplit

from PIL import Image, UnidentifiedImageError

from seedream_desktop.emulator.wire import Rejection, error

THUMB_SIDE = 160
FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "BMP": "bmp", "GIF": "gif"}
_OWN_IMAGE_PATH = re.compile(r"^/images/(?P<uuid>[0-9a-fA-F-]{36})\.[a-z]+$")

# Bytes of a stored image by UUID (an upload or a generated image), or None if unknown.
Lookup = Callable[[str], bytes | None]


def is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return len(text) == 36


def image_bytes(source: str, lookup: Lookup, own_origin: str) -> bytes | None:
    """The bytes a reference names; None for a foreign URL (never fetched: the emulator stays offline)."""
    if source.startswith("data:"):
        header, _, payload = source.partition(",")
        if ";base64" not in header:
            raise ValueError("a data URI must be base64-encoded")
        return _b64(payload)
    if source.startswith(("http://", "https://")):
        parts, own = urlsplit(source), urlsplit(own_origin)
        if parts.hostname not in ("127.0.0.1", "localhost") or parts.port != own.port:
            return None
        match = _OWN_IMAGE_PATH.match(parts.path)
        found = lookup(match["uuid"]) if match else None
        if found is None:
            raise ValueError("no image at this emulator URL (expired or never made)")
        return found
    if is_uuid(source):
        found = lookup(source)
        if found is None:
            raise ValueError(f"no uploaded or generated image has UUID {source}")
        return found
    return _b64(source)


def _b64(payload: str) -> bytes:
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not valid base64") from None


def open_image(data: bytes) -> Image.Image:
    """Decode and check it is a picture in a format Runware takes; ValueError otherwise."""
    try:
        image = Image.open(io.BytesIO(data))
        if image.format not in FORMATS:
            raise ValueError(f"unsupported image format {image.format}")
        image.draft("RGB", (THUMB_SIDE * 2, THUMB_SIDE * 2))  # JPEG: decode at reduced size, much faster
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValueError(f"not a readable image ({exc.__class__.__name__})") from None
    return image


def thumbnail(data: bytes | None) -> bytes | None:
    """A small PNG copy to composite into results; None stands for an unfetched foreign URL."""
    if data is None:
        return None
    image = open_image(data).convert("RGB")
    image.thumbnail((THUMB_SIDE, THUMB_SIDE))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def reference_thumbnails(
    sources: tuple[str, ...], lookup: Lookup, own_origin: str, task_uuid: str
) -> tuple[bytes | None, ...]:
    """Every reference of a task as a thumbnail, or a 400 naming the first one that cannot be read."""
    thumbs: list[bytes | None] = []
    for index, source in enumerate(sources):
        try:
            thumbs.append(thumbnail(image_bytes(source, lookup, own_origin)))
        except ValueError as exc:
            raise Rejection(
                400,
                [
                    error(
                        "invalidReferenceImages",
                        f"Reference image {index + 1} cannot be used: {exc}.",
                        parameter="referenceImages",
                        task_type="imageInference",
                        task_uuid=task_uuid,
                    )
                ],
            ) from None
    return tuple(thumbs)
