"""Crash clean-up: temp files a killed save left in the library folders (never anything with a final name)."""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

from seedream_desktop.atomic import TEMP_PREFIX
from seedream_desktop.jobs.sinks import is_abandoned

# Temp files of other writers (atomic_open) are only removed once clearly stale: they hold no lock.
FOREIGN_TEMP_AGE_S = 600.0
_OURS = re.compile(re.escape(TEMP_PREFIX) + r"img-[0-9a-fA-F-]{8,}-")


def clean_partials(library_root: Path, *, now: float | None = None) -> list[Path]:
    """Delete abandoned ``.partial-*`` files in the library root and its date folders; return them."""
    removed: list[Path] = []
    root = Path(library_root)
    if not root.is_dir():
        return removed
    now = time.time() if now is None else now
    folders = [root, *(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))]
    for folder in folders:
        for temp in folder.glob(f"{TEMP_PREFIX}*"):
            if not temp.is_file():
                continue
            ours = bool(_OURS.match(temp.name))
            if not ours:
                with contextlib.suppress(OSError):
                    if now - temp.stat().st_mtime < FOREIGN_TEMP_AGE_S:
                        continue
            if not is_abandoned(str(temp)):
                continue  # a live process is still writing it
            with contextlib.suppress(OSError):
                temp.unlink()
                removed.append(temp)
    return removed
