"""Undo for "send to the trash": put a file back from the freedesktop.org trash (Linux and the BSDs).

send2trash writes ``files/<name>`` and ``info/<name>.trashinfo`` (``Path=`` the original location) into
the home trash or the volume's ``.Trash-$uid``; restoring is moving the file back and dropping the info.
Windows and macOS keep no such record that we can read, so there Undo is not offered.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from urllib.parse import unquote


def can_restore() -> bool:
    return sys.platform not in ("win32", "darwin")


def _trash_folders(original: Path) -> list[tuple[Path, Path]]:
    """(trash folder, the folder its relative ``Path=`` entries start from), most likely first."""
    from send2trash import plat_other

    home = Path(plat_other.HOMETRASH)
    found = [(home, Path(os.fsdecode(plat_other.XDG_DATA_HOME)))]
    mount = Path(os.fsdecode(plat_other.find_mount_point(os.fsencode(str(original.parent)))))
    uid = str(os.getuid()) if hasattr(os, "getuid") else ""
    found += [(mount / ".Trash" / uid, mount), (mount / f".Trash-{uid}", mount)]
    return found


def restore_from_trash(original: Path) -> bool:
    """Move the most recently trashed file that came from ``original`` back there. False when none is
    found, or something else now lives at ``original``."""
    if not can_restore() or original.exists():
        return False
    best: tuple[float, Path, Path] | None = None
    for trash, top in _trash_folders(original):
        info = trash / "info"
        if not info.is_dir():
            continue
        for entry in info.glob("*.trashinfo"):
            try:
                text = entry.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            recorded = next((line[5:] for line in text.splitlines() if line.startswith("Path=")), None)
            if recorded is None:
                continue
            where = Path(unquote(recorded))
            if not where.is_absolute():
                where = top / where
            if os.path.normpath(where) != os.path.normpath(original):
                continue
            stored = trash / "files" / entry.name.removesuffix(".trashinfo")
            when = entry.stat().st_mtime
            if stored.exists() and (best is None or when > best[0]):
                best = (when, stored, entry)
    if best is None:
        return False
    _, stored, info_file = best
    original.parent.mkdir(parents=True, exist_ok=True)
    os.replace(stored, original)
    with contextlib.suppress(OSError):
        info_file.unlink()
    return True
