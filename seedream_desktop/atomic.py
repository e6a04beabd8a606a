"""Atomic file writes: temp file in the same folder, fsync, rename. A half-written file never has its final name.

Files the app saves for the person follow their umask like any file they save by hand (``mkstemp`` alone
would make every one 0600): see ``follow_umask``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

TEMP_PREFIX = ".partial-"


def _read_umask() -> int:
    """The process's umask, read without changing it where the OS allows (Linux shows it in /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    # Elsewhere reading means setting: done once, here, while this module is imported at start-up (on the
    # main thread, before any worker writes a file); never per save, where a worker thread would race.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


UMASK = _read_umask()
# What open(..., "w") would give the person's own files: 0644 under the usual umask 022, 0600 under 077.
SHARED_FILE_MODE = 0o666 & ~UMASK


def follow_umask(fd: int) -> None:
    """Give a file made by ``mkstemp`` (always 0600) the mode the person's umask asks for."""
    if hasattr(os, "fchmod"):  # POSIX; Windows has no permission bits to set
        os.fchmod(fd, SHARED_FILE_MODE)


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "wb", *, private: bool = False) -> Iterator[IO[bytes]]:
    """Yield a file in ``path``'s folder; on clean exit it is fsynced and renamed over ``path``.

    On error the temp file is removed and the exception propagates, so the final name either holds
    the complete old content or the complete new content, never a mix. The file follows the umask,
    unless ``private``: then only its owner can read it (0600).
    """
    if "b" not in mode:
        raise ValueError("atomic_open writes bytes; encode text first")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=path.parent)
    try:
        if not private:
            follow_umask(fd)
        with os.fdopen(fd, mode) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write(path: Path, data: bytes, *, private: bool = False) -> None:
    with atomic_open(path, private=private) as handle:
        handle.write(data)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable."""
    # The rename itself is only durable once the directory entry is on disk (POSIX); Windows has no
    # directory handles to sync and does not need it.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
