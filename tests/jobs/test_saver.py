"""Saving into the library: atomic, exactly once, clean after a crash, and honest about a bad disk."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from seedream_desktop.api.errors import StorageError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.results import ImageResult
from seedream_desktop.api.sizes import by_key
from seedream_desktop.emulator import Emulator
from seedream_desktop.jobs import saver as saver_module
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.recover import clean_partials
from seedream_desktop.jobs.runner import JobRunner
from seedream_desktop.jobs.saver import SAVER_TEMP_PREFIX, ImageSaver
from seedream_desktop.jobs.sinks import lock_exclusive
from seedream_desktop.jobs.state import JobState
from seedream_desktop.library.metadata import embed, read_record
from tests.jobs.conftest import FAST, Recorder
from tests.jobs.emulated import request, run_job, saved_once, with_runner
from tests.jobs.fakes import FakeClient, png_bytes


def _generate(client: FakeClient, journal: JobJournal, saver: ImageSaver, count: int = 2) -> str:
    async def scenario() -> str:
        runner = JobRunner(client, journal, saver, pacing=FAST, listener=Recorder())
        job_id = await runner.submit(GenerationRequest("a fox", number_results=count))
        await runner.wait(job_id)
        return job_id

    return asyncio.run(scenario())


def _resume(client: FakeClient, journal: JobJournal, saver: ImageSaver) -> list[str]:
    async def scenario() -> list[str]:
        runner = JobRunner(client, journal, saver, pacing=FAST, listener=Recorder())
        started = await runner.resume()
        await runner.wait_all()
        return started

    return asyncio.run(scenario())


def _assert_resumable_storage_failure(journal: JobJournal, job_id: str, words: str) -> None:
    job = journal.get(job_id)
    assert job.state is JobState.FAILED
    assert isinstance(job.error, StorageError)
    assert words in str(job.error)
    images = journal.images(job_id)
    assert images and all(i.url and not i.saved for i in images)  # the results are not lost


def test_a_file_where_the_date_folder_should_be(
    journal: JobJournal, saver: ImageSaver, library_dir: Path
) -> None:
    client = FakeClient()
    library_dir.mkdir(parents=True)
    blocker = library_dir / datetime.now().strftime("%Y-%m-%d")
    blocker.write_bytes(b"not a folder")
    job_id = _generate(client, journal, saver)
    _assert_resumable_storage_failure(journal, job_id, "is a file where the library needs a folder")
    blocker.unlink()
    assert _resume(client, journal, saver) == [job_id]
    assert journal.get(job_id).state is JobState.DONE
    assert all(i.saved for i in journal.images(job_id))
    assert len(client.tasks) == 1  # fetched again from the same task, not generated again


def test_read_only_folder(
    emulator: Emulator, journal: JobJournal, library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores permission bits, so refuse at the layer that creates the file instead.
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EROFS, "Read-only file system")

    with monkeypatch.context() as patch:
        patch.setattr(saver_module.tempfile, "mkstemp", refuse)
        job_id = run_job(emulator.url, journal, library_dir, request(count=2))
    _assert_resumable_storage_failure(journal, job_id, "is read-only")

    async def body(runner: JobRunner) -> None:
        assert await runner.resume() == [job_id]
        await runner.wait_all()

    asyncio.run(with_runner(emulator.url, journal, library_dir, body))
    assert journal.get(job_id).state is JobState.DONE
    saved_once(journal, library_dir, emulator.produced)


class _FullDisk:
    """A file object whose writes fail with ENOSPC after ``room`` bytes, like a full disk."""

    def __init__(self, inner: Any, room: int) -> None:
        self.inner, self.room = inner, room

    def write(self, data: Any) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return int(self.inner.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.inner.close()


def test_disk_full_at_the_write_layer(
    journal: JobJournal, saver: ImageSaver, library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen
    client = FakeClient()
    with monkeypatch.context() as patch:
        patch.setattr(saver_module.os, "fdopen", lambda *a, **k: _FullDisk(real_fdopen(*a, **k), 100))
        job_id = _generate(client, journal, saver)
    _assert_resumable_storage_failure(journal, job_id, "is full")
    assert not list(library_dir.rglob(".partial-*")) and not list(library_dir.rglob("*.png"))
    _resume(client, journal, saver)
    assert journal.get(job_id).state is JobState.DONE


@contextlib.contextmanager
def _tiny_tmpfs(where: Path) -> Iterator[Callable[[str], None]]:
    """A real 64 KiB filesystem (root can mount one); yields a function that resizes it."""
    where.mkdir(parents=True)
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)], capture_output=True, check=False
        )
    except OSError:
        pytest.skip("no mount command")
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")

    def resize(size: str) -> None:
        subprocess.run(["mount", "-o", f"remount,size={size}", str(where)], check=True)

    try:
        yield resize
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_disk_full_on_a_real_tiny_filesystem(emulator: Emulator, tmp_path: Path) -> None:
    library = tmp_path / "tiny"
    with _tiny_tmpfs(library) as resize, JobJournal(tmp_path / "journal.sqlite3") as journal:
        # 2K PNGs from the emulator are a few hundred KiB: the first one fills the disk.
        job_id = run_job(emulator.url, journal, library, request(count=2, size=by_key("2K-1:1")))
        _assert_resumable_storage_failure(journal, job_id, "is full")
        assert not [p for p in library.rglob("*") if p.is_file()]  # the temp file is gone too
        resize("16m")  # the user freed some space

        async def body(runner: JobRunner) -> None:
            assert await runner.resume() == [job_id]
            await runner.wait_all()

        asyncio.run(with_runner(emulator.url, journal, library, body))
        assert journal.get(job_id).state is JobState.DONE
        saved_once(journal, library, emulator.produced)
        assert len({task for task, _, _ in emulator.produced}) == 1


def _job_with_image(journal: JobJournal) -> tuple[str, str]:
    job = journal.add_job(GenerationRequest("fox"))
    journal.set_state(job.id, JobState.SUBMITTED)
    (image,) = journal.add_images(
        job.id, job.task_uuid, [ImageResult(job.task_uuid, "img-1", url="u", seed=5)]
    )
    return job.id, image.image_uuid


def test_a_file_renamed_before_the_crash_is_adopted_not_downloaded(
    journal: JobJournal, saver: ImageSaver
) -> None:
    job_id, image_uuid = _job_with_image(journal)
    job, image = journal.get(job_id), journal.image(image_uuid)
    path = saver.folder_for(job) / "adopt-me.png"
    path.parent.mkdir(parents=True)
    path.write_bytes(embed(png_bytes(), "PNG", saver.record_for(job, image, None)))
    journal.set_image_path(image_uuid, path)  # the crash came right after the rename

    async def never(sink: Any) -> Any:
        raise AssertionError("downloaded twice")

    saved = asyncio.run(saver.save(job, journal.image(image_uuid), never))
    assert saved is not None and saved.path == path
    assert journal.image(image_uuid).saved
    assert asyncio.run(saver.save(job, journal.image(image_uuid), never)) is None


def test_a_name_taken_by_another_image_is_not_mistaken_for_ours(
    journal: JobJournal, saver: ImageSaver
) -> None:
    job_id, image_uuid = _job_with_image(journal)
    job = journal.get(job_id)
    other = saver.folder_for(job) / "taken.png"
    other.parent.mkdir(parents=True)
    other.write_bytes(png_bytes(9))  # no record inside
    journal.set_image_path(image_uuid, other)

    async def download(sink: Any) -> Any:
        sink.write(png_bytes(5))
        return None

    saved = asyncio.run(saver.save(job, journal.image(image_uuid), download))
    assert saved is not None and saved.path != other
    record = read_record(saved.path)
    assert record is not None and record.image_uuid == image_uuid
    assert other.read_bytes() == png_bytes(9)  # never overwritten


def test_same_name_twice_gets_a_suffix(journal: JobJournal, saver: ImageSaver) -> None:
    job = journal.add_job(GenerationRequest("twins", number_results=2))
    journal.set_state(job.id, JobState.SUBMITTED)
    rows = journal.add_images(
        job.id, job.task_uuid, [ImageResult(job.task_uuid, f"img-{i}", url="u", seed=7) for i in range(2)]
    )

    async def download(sink: Any) -> Any:
        sink.write(png_bytes(7))
        return None

    paths = [asyncio.run(saver.save(job, row, download)).path for row in rows]  # type: ignore[union-attr]
    assert paths[0].name.endswith("_twins_s7.png") and paths[1].name.endswith("_twins_s7-2.png")


def test_clean_partials_removes_abandoned_temp_files_only(library_dir: Path) -> None:
    folder = library_dir / "2026-11-22"
    folder.mkdir(parents=True)
    abandoned = folder / f"{SAVER_TEMP_PREFIX}0b8e7c7e-1111-4222-8333-944444444444-abc.png"
    abandoned.write_bytes(b"half")
    in_use = folder / f"{SAVER_TEMP_PREFIX}0b8e7c7e-1111-4222-8333-955555555555-abc.png"
    foreign_fresh = folder / ".partial-settings.json"
    foreign_fresh.write_bytes(b"{}")
    keep = folder / "final.png"
    keep.write_bytes(b"x")
    with in_use.open("wb") as handle:
        lock_exclusive(handle)
        removed = clean_partials(library_dir)
    assert removed == [abandoned]
    assert in_use.exists() and foreign_fresh.exists() and keep.exists()
    assert set(clean_partials(library_dir, now=foreign_fresh.stat().st_mtime + 3600)) == {
        foreign_fresh,
        in_use,
    }
