"""Fixtures for the job pipeline: a journal, a saver and a runner in the test's own folders."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from seedream_desktop.config import Paths
from seedream_desktop.jobs.events import JobView, SavedImage
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.runner import JobRunner, Pacing
from seedream_desktop.jobs.saver import ImageSaver
from tests.jobs.fakes import FakeClient

# Fast pacing: tests wait on events, these only bound how long an idle loop sleeps.
FAST = Pacing(first_poll=0.01, poll_factor=1.0, longest_poll=0.01, first_offline=0.01, longest_offline=0.02)


class Recorder:
    """A JobListener that keeps everything it hears."""

    def __init__(self) -> None:
        self.views: list[JobView] = []
        self.saved: list[tuple[str, SavedImage]] = []
        self.progress: list[tuple[str, str, int, int | None]] = []
        self.online: list[bool] = []

    def job_changed(self, view: JobView) -> None:
        self.views.append(view)

    def image_saved(self, job_id: str, saved: SavedImage) -> None:
        self.saved.append((job_id, saved))

    def download_progress(self, job_id: str, image_uuid: str, done: int, total: int | None) -> None:
        self.progress.append((job_id, image_uuid, done, total))

    def online_changed(self, online: bool) -> None:
        self.online.append(online)

    def states(self, job_id: str) -> list[str]:
        seen: list[str] = []
        for view in self.views:
            if view.id == job_id and (not seen or seen[-1] != view.state.value):
                seen.append(view.state.value)
        return seen


@pytest.fixture
def journal() -> Iterator[JobJournal]:
    with JobJournal(Paths.from_environment().journal_file) as j:
        yield j


@pytest.fixture
def saver(journal: JobJournal, library_dir: Path) -> ImageSaver:
    return ImageSaver(library_dir, journal)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


T = TypeVar("T")


def run(factory: Callable[[], Awaitable[T]]) -> T:
    """One scenario in a fresh event loop (each test its own, as each app start has)."""
    return asyncio.run(factory())  # type: ignore[arg-type]


def make_runner(
    client: FakeClient, journal: JobJournal, saver: ImageSaver, recorder: Recorder, **kwargs: Any
) -> JobRunner:
    """A runner on the scriptable fake client, reporting to ``recorder``."""
    kwargs.setdefault("pacing", FAST)
    return JobRunner(client, journal, saver, listener=recorder, **kwargs)
