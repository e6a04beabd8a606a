"""WORKAROUND for glibc's dynamic mmap threshold stalling the GUI thread while workers decode 4K images.

Upstream: glibc's documented behaviour (mallopt(3), M_MMAP_THRESHOLD's dynamic adjustment), not a
bug, so no glibc version fixes it; Pillow's block allocator (python-pillow/Pillow PR #2738) clears
blocks with the GIL held, and no Pillow release allocates without it (checked up to 13.0).
Pillow allocates a decoded image in 16 MiB blocks, zeroed, while it holds the GIL. glibc serves big
blocks with fresh mmap pages (zero already, nearly free) only until the first one is freed: then it
raises its threshold to 32 MiB, later blocks come from the heap and calloc clears them with memset.
For a 4K PNG that is ~50 MB cleared with the GIL held, per image, on every thumbnail thread: the GUI
thread waited up to 147 ms for the GIL during a 20 × 4K batch (`python -m bench gui`, 29 ms without).
Setting the threshold fixes it (glibc then never moves it) and gives big buffers back to the system
when freed. Remove when Pillow allocates without the GIL.
"""

from __future__ import annotations

import ctypes
import os
import sys

M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>
THRESHOLD = 4 * 1024 * 1024  # images' buffers; everything smaller stays on the heap as before
_applied = False


def large_allocations_from_mmap() -> bool:
    """On Linux with glibc: allocations of 4 MiB or more always get fresh pages. True once done."""
    global _applied
    if _applied:
        return True
    if not sys.platform.startswith("linux") or not _glibc():
        return False  # musl, macOS and Windows allocators do not move a threshold like this
    try:
        _applied = bool(ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, THRESHOLD))
    except (OSError, AttributeError):
        _applied = False
    return _applied


def _glibc() -> bool:
    try:
        return bool(os.confstr("CS_GNU_LIBC_VERSION"))
    except (ValueError, OSError):
        return False
