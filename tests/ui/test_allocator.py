"""ui/_allocator.py: after a big block is freed, the next big block is still fresh mmap pages (which need
no clearing while Pillow holds the GIL), not heap memory glibc would have to memset."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not os.confstr("CS_GNU_LIBC_VERSION"), reason="glibc only"
)

# Allocates 16 MiB (Pillow's block size), frees it, allocates it again; prints whether each
# allocation was mmapped, from glibc's own count of mmapped bytes (mallinfo2().hblkhd).
PROBE = """
import ctypes, sys
if sys.argv[1] == "fixed":
    import seedream_desktop.ui  # applies the workaround, as the app does
    from seedream_desktop.ui import _allocator
    assert _allocator.large_allocations_from_mmap()

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo2
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
BLOCK = 16 * 1024 * 1024
answers = []
for _ in range(2):
    before = libc.mallinfo2().hblkhd
    block = libc.malloc(BLOCK)
    answers.append(libc.mallinfo2().hblkhd - before >= BLOCK)
    libc.free(block)
print(*answers)
"""


def run(mode: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout.strip()


def test_without_the_workaround_glibc_serves_the_second_big_block_from_the_heap():
    assert run("plain") == "True False"  # what made the GUI thread wait (see _allocator.py)


def test_with_it_every_big_block_is_fresh_pages():
    assert run("fixed") == "True True"
