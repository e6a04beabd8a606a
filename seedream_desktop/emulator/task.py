"""One imageInference task inside the emulator: what was ordered, the images made so far, how it failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from seedream_desktop.emulator.shelf import StoredImage
from seedream_desktop.emulator.validation import SEED_MAX, InferenceOrder


@dataclass
class Job:
    """One imageInference task as it runs: the images made so far, or how it failed."""

    order: InferenceOrder
    thumbs: tuple[bytes | None, ...]
    base_seed: int
    region: tuple[bytes, bytes] | None = None  # a region edit: image 1 and the marked area (region_edit)
    items: list[dict[str, Any]] = field(default_factory=list)
    images: list[StoredImage] = field(default_factory=list)
    done: bool = False
    error: dict[str, Any] | None = None
    # Injected task faults: flag content, expire URLs at once, or fail at this image index.
    nsfw: bool = False
    expire: bool = False
    fail_at: int | None = None
    failure: dict[str, Any] | None = None


def seed_at(base: int, index: int) -> int:
    """The seed of the index-th image: base + index, wrapping inside Runware's 1…2^63-1 range."""
    return (base - 1 + index) % SEED_MAX + 1
