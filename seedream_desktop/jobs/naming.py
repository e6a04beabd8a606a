"""Readable file names for saved images, valid on Windows, macOS and Linux: time, prompt slug, seed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime

SLUG_MAX = 48  # characters; 48 CJK characters are 144 UTF-8 bytes, well under every 255-byte name limit
FALLBACK_SLUG = "image"

# Names Windows refuses whatever the extension (CON.png is as bad as CON).
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in range(10)}
    | {f"LPT{i}" for i in range(10)}
    | {f"COM{c}" for c in "¹²³"}
    | {f"LPT{c}" for c in "¹²³"}
)
# Anything but letters and digits of any script becomes a separator: this drops the characters Windows
# forbids (<>:"/\\|?*), control characters, dots and spaces, and keeps Chinese, accents, Cyrillic ...
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)


def prompt_slug(prompt: str, max_length: int = SLUG_MAX) -> str:
    """``"A red fox, in snow!"`` -> ``"a-red-fox-in-snow"``; ``"雪中的红狐狸"`` stays Chinese."""
    text = unicodedata.normalize("NFKC", prompt).casefold()
    slug = _SEPARATORS.sub("-", text).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        # Prefer ending on a whole word when one ends reasonably late.
        boundary = cut.rfind("-")
        slug = cut[:boundary] if boundary >= max_length // 2 else cut
    slug = slug.strip("-. ")
    if not slug:
        return FALLBACK_SLUG
    if slug.upper() in WINDOWS_RESERVED:
        slug = f"{slug}-image"
    return slug


def date_folder(created: datetime) -> str:
    return f"{created:%Y-%m-%d}"


def file_stem(created: datetime, prompt: str, seed: int | None, index: int | None = None) -> str:
    """``20261122-143005_a-red-fox-in-snow_s123456`` (+ ``_03`` for the 3rd image of a sequential set)."""
    parts = [f"{created:%Y%m%d-%H%M%S}", prompt_slug(prompt)]
    if seed is not None:
        parts.append(f"s{seed}")
    if index is not None:
        parts.append(f"{index:02d}")
    return "_".join(parts)


def candidates(stem: str, extension: str) -> Iterator[str]:
    """``stem.png``, ``stem-2.png``, ``stem-3.png`` ... : the caller takes the first name that is free."""
    yield f"{stem}{extension}"
    n = 2
    while True:
        yield f"{stem}-{n}{extension}"
        n += 1
