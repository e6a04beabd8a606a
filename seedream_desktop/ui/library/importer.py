"""Bringing files from elsewhere into the library: copied in, or kept in place behind a link. No Qt."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path

from seedream_desktop.library.entry import ScanReport
from seedream_desktop.library.index import Library
from seedream_desktop.library.rows import is_library_file

IMPORT_FOLDER = "Imported"
Progress = Callable[[int, int], None]  # files done, files found


class ImportMode(Enum):
    COPY = "copy"  # the library gets its own copy; the original can go
    KEEP = "keep"  # the file stays where it is; the library holds a symbolic link to it


@dataclass
class ImportResult:
    placed: list[Path] = field(default_factory=list)  # files (or links) now inside the library
    failed: list[tuple[Path, str]] = field(default_factory=list)
    report: ScanReport = field(default_factory=ScanReport)


def image_files(
    sources: Iterable[Path], keep_going: Callable[[], bool] = lambda: True
) -> list[tuple[Path, Path]]:
    """(file, path relative to what was dropped) for every image in the dropped files and folders.

    ``keep_going()`` is asked before each folder: False ends the walk early (the app is closing)."""
    found: list[tuple[Path, Path]] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            for folder, dirs, names in os.walk(source):
                if not keep_going():
                    return found
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    path = Path(folder, name)
                    if is_library_file(name):
                        found.append((path, Path(source.name) / path.relative_to(source)))
        elif source.is_file() and is_library_file(source.name):
            found.append((source, Path(source.name)))
    return found


def inside(library: Library, path: Path) -> bool:
    """Whether ``path`` already lies in the library. Only reads the library's root (safe on any thread);
    a link loop (resolve() raises RuntimeError) or an unreadable link counts as outside."""
    try:
        return library.relative(path) is not None
    except (OSError, RuntimeError):
        return False


def _free(target: Path) -> Path:
    candidate, n = target, 2
    while candidate.exists() or candidate.is_symlink():
        candidate, n = target.with_name(f"{target.stem} ({n}){target.suffix}"), n + 1
    return candidate


def import_into(
    library: Library,
    sources: Iterable[Path],
    mode: ImportMode,
    today: date | None = None,
    *,
    progress: Progress | None = None,
) -> ImportResult:
    """Files already inside the library are only indexed; others go to ``Imported/<date>/``.

    ``progress(done, total)`` after each file. A file that cannot be copied, linked or read is in
    ``failed`` (path, reason), never raised: the others are still imported."""
    return import_found(library, image_files(sources), mode, today, progress=progress)


def import_found(
    library: Library,
    found: list[tuple[Path, Path]],
    mode: ImportMode,
    today: date | None = None,
    *,
    progress: Progress | None = None,
) -> ImportResult:
    """``import_into`` for what ``image_files`` already found (the window walks a drop only once)."""
    result = ImportResult()
    folder = library.root / IMPORT_FOLDER / (today or date.today()).isoformat()
    for done, (path, relative) in enumerate(found, 1):
        if inside(library, path):
            result.placed.append(path)
        else:
            target = _free(folder / relative)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                if mode is ImportMode.COPY:
                    shutil.copy2(path, target)
                else:
                    target.symlink_to(path.resolve())
            except OSError as exc:
                result.failed.append((path, exc.strerror or str(exc)))
            else:
                result.placed.append(target)
        if progress is not None:
            progress(done, len(found))
    if result.placed:
        result.report = library.sync_paths(result.placed)
        unread = {path for path, _ in result.report.errors}
        result.failed += result.report.errors  # copied or linked, but not an image that can be read
        result.placed = [p for p in result.placed if p not in unread]
    return result
