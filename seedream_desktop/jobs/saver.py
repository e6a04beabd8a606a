"""ImageSaver: streams a result through the metadata embedder into a temp file, fsyncs, renames into the library."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from seedream_desktop.api.errors import StorageError
from seedream_desktop.api.request import FILE_EXTENSIONS
from seedream_desktop.atomic import TEMP_PREFIX, follow_umask, fsync_dir
from seedream_desktop.jobs.events import SavedImage
from seedream_desktop.jobs.journal import ImageRow, JobJournal, JobRow
from seedream_desktop.jobs.naming import candidates, date_folder, file_stem
from seedream_desktop.jobs.sinks import GuardedSink, lock_exclusive
from seedream_desktop.library.metadata import EmbeddingWriter, read_record
from seedream_desktop.library.parent import parent_image
from seedream_desktop.library.record import GenerationRecord, ParentImage

# Our temp files carry the imageUUID, so crash clean-up can tell them from other writers' temp files.
SAVER_TEMP_PREFIX = f"{TEMP_PREFIX}img-"

# Fewer, larger writes: the embedder emits small header pieces between the big pixel chunks.
WRITE_BUFFER = 256 * 1024

# Streams the server's bytes into the sink it is given; returns api.results.DownloadInfo.
Download = Callable[[Any], Awaitable[Any]]


class ImageSaver:
    """Saves each image exactly once: the journal and the file on disk are both checked first."""

    def __init__(self, library_root: Path, journal: JobJournal) -> None:
        self.library_root = Path(library_root)
        self.journal = journal
        # The edited image's identity, read once per job (a 20-image edit batch shares one parent).
        self._parents: dict[str, ParentImage | None] = {}

    def folder_for(self, job: JobRow) -> Path:
        return self.library_root / date_folder(datetime.fromtimestamp(job.created))

    def record_for(self, job: JobRow, image: ImageRow, sequence_total: int | None) -> GenerationRecord:
        request = job.request
        sequential = request.max_sequential_images is not None
        if job.id not in self._parents:
            # By imageUUID and content identity, not only the path: the index links lineage by those,
            # so an edit stays linked to its parent after moves, renames and a rebuilt index.
            self._parents[job.id] = parent_image(request.parent)
        return GenerationRecord.from_generation(
            request,
            task_uuid=image.task_uuid,
            image_uuid=image.image_uuid,
            seed=image.seed,
            cost=image.cost,
            width=request.size.width,
            height=request.size.height,
            format=request.output_format,
            sequence_index=image.sequence_index + 1 if sequential else None,
            sequence_total=sequence_total if sequential else None,
            parent=self._parents[job.id],
        )

    def already_saved(self, image: ImageRow) -> Path | None:
        """The file that already holds this image, if a previous run got as far as renaming it."""
        if image.saved:
            return Path(image.path) if image.path else None
        if not image.path:
            return None
        path = Path(image.path)
        try:
            record = read_record(path)
        except (OSError, ValueError):
            return None
        if record is not None and getattr(record, "image_uuid", None) == image.image_uuid:
            return path
        return None  # the name was taken by another image: ours never got there

    async def save(
        self, job: JobRow, image: ImageRow, download: Download, *, sequence_total: int | None = None
    ) -> SavedImage | None:
        """Download ``image`` into the library; None when it was saved before (nothing is fetched)."""
        if image.saved:
            return None
        record = self.record_for(job, image, sequence_total)
        existing = self.already_saved(image)
        if existing is not None:
            # Crash between the rename and the journal update: the file is complete (it was renamed
            # only after fsync), so adopt it instead of downloading a second copy.
            self.journal.mark_saved(image.image_uuid, existing, image.sha256, existing.stat().st_size)
            return SavedImage(existing, record, None, **_identity(job, image))
        folder = self.folder_for(job)
        extension = FILE_EXTENSIONS[job.request.output_format]
        created = datetime.fromtimestamp(job.created)
        index = image.sequence_index + 1 if job.request.max_sequential_images is not None else None
        # A region edit's prompt is mostly its template: name the file after what the person asked for.
        named = str((job.request.edit or {}).get("instruction") or "") or job.request.prompt
        stem = file_stem(created, named, image.seed, index)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
            fd, temp_name = tempfile.mkstemp(
                prefix=f"{SAVER_TEMP_PREFIX}{image.image_uuid}-", suffix=extension, dir=folder
            )
            follow_umask(fd)  # the person's image, readable like any file they save (mkstemp makes 0600)
        except OSError as exc:
            raise storage_error(exc, folder) from exc
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "w+b", buffering=WRITE_BUFFER) as out:
                lock_exclusive(out)  # released when the file closes, or when this process dies
                sink = GuardedSink(EmbeddingWriter(out, job.request.output_format, record))
                try:
                    info = await download(sink)
                    sink.finish()
                    out.flush()
                    os.fsync(out.fileno())
                except BaseException as exc:
                    if sink.error is not None and not isinstance(exc, StorageError):
                        raise storage_error(sink.error, folder) from exc
                    raise
            path = self._publish(temp, folder, stem, extension, image.image_uuid)
        except OSError as exc:
            raise storage_error(exc, folder) from exc
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
        self.journal.mark_saved(image.image_uuid, path, getattr(info, "sha256", None), path.stat().st_size)
        return SavedImage(path, record, info, **_identity(job, image))

    def _publish(self, temp: Path, folder: Path, stem: str, extension: str, image_uuid: str) -> Path:
        """Give the finished temp file its final, collision-free name (never overwriting anything)."""
        for name in candidates(stem, extension):
            path = folder / name
            if path.exists():
                continue
            self.journal.set_image_path(image_uuid, path)
            try:
                # A hard link fails when the name exists, even if another process took it a moment
                # ago; os.replace would silently overwrite someone else's image.
                os.link(temp, path)
            except FileExistsError:
                continue
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                    raise
                # Filesystems without hard links (FAT, some network shares): rename; the exists()
                # check above makes a clash unlikely, and Windows' rename refuses to overwrite anyway.
                temp.rename(path)
            fsync_dir(folder)
            return path
        raise AssertionError("unreachable: candidates() never ends")


def storage_error(exc: OSError, folder: Path) -> StorageError:
    """Say in plain words why the library folder did not take the file (never a raw traceback)."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        detail = f"the disk holding {folder} is full"
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM):
        detail = f"the library folder {folder} is read-only"
    elif isinstance(exc, NotADirectoryError | FileExistsError) or code in (errno.ENOTDIR, errno.EEXIST):
        detail = f"{exc.filename or folder} is a file where the library needs a folder"
    else:
        detail = f"{exc.strerror or exc} ({folder})"
    return StorageError(detail, code="storage")


def _identity(job: JobRow, image: ImageRow) -> dict[str, Any]:
    return {
        "image_uuid": image.image_uuid,
        "task_uuid": image.task_uuid,
        "seed": image.seed,
        "cost": image.cost,
        "width": job.request.size.width,
        "height": job.request.size.height,
    }
