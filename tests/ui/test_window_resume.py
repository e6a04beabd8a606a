"""A job resumed after a crash shows, in the grid, every image it saved before the crash."""

from __future__ import annotations

import asyncio

import pytest

from seedream_desktop.config import Paths, Settings
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.state import JobState
from seedream_desktop.ui.bridge import Connection
from tests.helpers.window import saved_rows
from tests.jobs.emulated import request, with_runner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_resumed_job_shows_the_images_saved_before_the_crash(make_window, emulator, qtbot):
    paths = Paths.from_environment()
    library = Settings(paths).library
    emulator.pause()
    emulator.release(1)  # image 1 of 3 is made; the app "dies" after saving it

    async def first_session(runner) -> str:
        job_id = await runner.submit(request(count=3))
        while not any(i.saved for i in runner.journal.images(job_id)):
            await asyncio.sleep(0.01)
        return job_id  # aclose() leaves the job unfinished in the journal, as a kill does

    with JobJournal(paths.journal_file) as journal:
        job_id = asyncio.run(with_runner(emulator.url, journal, library, first_session))
        assert journal.get(job_id).state is JobState.GENERATING
        assert [i.saved for i in journal.images(job_id)] == [True]
    emulator.resume()

    window = make_window(Connection("key", emulator.url))  # the restart resumes the job by itself
    qtbot.waitUntil(
        lambda: job_id in window.jobs and window.jobs[job_id].state is JobState.DONE, timeout=20_000
    )
    with JobJournal(paths.journal_file) as journal:
        assert all(i.saved for i in journal.images(job_id)) and len(journal.images(job_id)) == 3
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 3, timeout=5000)
    assert window.model.rowCount() == 3
    assert len({window.model.item(r).path for r in saved_rows(window)}) == 3
