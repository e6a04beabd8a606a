"""What a generation hands back: images (by URL or inline bytes), poll snapshots and download receipts."""

from __future__ import annotations

from dataclasses import dataclass, field

from seedream_desktop.api.errors import SeedreamError


@dataclass(frozen=True, slots=True)
class ImageResult:
    """One finished image as Runware described it; ``data`` holds decoded base64/dataURI bytes."""

    task_uuid: str
    image_uuid: str
    url: str | None = None
    data: bytes | None = field(default=None, repr=False)
    seed: int | None = None
    cost: float | None = None
    nsfw: bool | None = None
    # Epoch seconds after which ``url`` stops working (computed from the request's ttl when known).
    expires_at: float | None = None
    # Set when the server's own cost was unusable (negative, NaN, …) and the estimate stands in for it.
    cost_note: str | None = None


@dataclass(frozen=True, slots=True)
class PollResult:
    """One getResponse answer: the images in it, whether more are coming, and per-image failures."""

    images: list[ImageResult]
    pending: bool
    errors: list[SeedreamError]


@dataclass(frozen=True, slots=True)
class DownloadInfo:
    """What landed on disk: byte count, SHA-256 of exactly those bytes, and the format they really are."""

    size: int
    sha256: str
    format: str  # "PNG", "JPG" or "WEBP"
