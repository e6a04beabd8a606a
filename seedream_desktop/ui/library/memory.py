"""Giving freed memory back to the system after a burst of thumbnail decoding (glibc only).

WORKAROUND (glibc malloc): decoding 2K images on worker threads frees large buffers into per-thread
arenas that glibc keeps (and its dynamic mmap threshold moves such buffers onto those arenas); after
scrolling 100,000 images ~100 MB stays resident though nothing uses it. ``malloc_trim`` returns it.
Upstream: glibc's documented arena design (mallopt(3), malloc_trim(3)), not a bug; no version changes it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import time
from collections.abc import Callable

_MIN_INTERVAL = 1.0  # seconds: trimming walks every arena, so not on every scroll step


def _trimmer() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
        return trim
    except (OSError, AttributeError):
        return None  # not glibc (musl has no malloc_trim): nothing to do


_TRIM = _trimmer()
_last = [0.0]


def give_back_memory() -> bool:
    """Return freed heap memory to the system; False when unavailable or done less than a second ago."""
    now = time.monotonic()
    if _TRIM is None or now - _last[0] < _MIN_INTERVAL:
        return False
    _last[0] = now
    _TRIM(0)
    return True
