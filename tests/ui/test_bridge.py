"""Bridge + the real job pipeline against the real emulator: events arrive on the GUI thread, errors are typed."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from seedream_desktop.api.client import RunwareClient
from seedream_desktop.api.errors import BudgetExceeded, InvalidApiKey, MissingApiKey, NoCredits, ServerError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.sizes import by_key
from seedream_desktop.config import Paths, Settings
from seedream_desktop.jobs.connection import SessionOptions
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.ledger import SpendLedger
from seedream_desktop.jobs.state import CancelOutcome, JobState
from seedream_desktop.ui.bridge import Bridge, Connection
from seedream_desktop.ui.pipeline_factory import pipeline_factory
from tests.jobs.emulated import saved_once
from tests.ui.conftest import FAST_PACING
from tests.ui.helpers import Recorder, small_request


def test_generate_saves_images_and_reports_on_the_gui_thread(make_bridge, emulator, qtbot):
    bridge = make_bridge(Connection("key-1", emulator.url))
    seen = Recorder(bridge)
    bridge.submit(small_request("a red fox in the snow", count=2))
    qtbot.waitUntil(lambda: "done" in seen.states, timeout=20_000)
    assert seen.states[0] == "queued"
    assert len(seen.saved) == 2
    for saved in seen.saved:
        assert Path(saved.path).is_file()
        assert saved.record.prompt == "a red fox in the snow"
    assert seen.threads == {threading.main_thread().name}
    qtbot.waitUntil(lambda: bool(seen.spend) and seen.spend[-1] > 0, timeout=5000)


def test_cancel_of_a_running_job_says_it_is_paid_and_still_saves_its_image(make_bridge, emulator, qtbot):
    emulator.pause()
    bridge = make_bridge(Connection("key-1", emulator.url))
    seen = Recorder(bridge)
    job_ids: list[str] = []
    bridge.submit(small_request("slow"), lambda job_id, _e: job_ids.append(job_id))
    qtbot.waitUntil(lambda: bool(job_ids) and "generating" in seen.states, timeout=10_000)
    outcomes: list = []
    bridge.cancel(job_ids[0], lambda outcome, _e: outcomes.append(outcome))
    qtbot.waitUntil(lambda: outcomes == [CancelOutcome.PAID], timeout=10_000)
    emulator.resume()
    qtbot.waitUntil(lambda: "cancelled" in seen.states, timeout=10_000)
    assert len(seen.saved) == 1


@pytest.mark.parametrize(
    ("fault", "expected"),
    [("401x*", InvalidApiKey), ("402x*", NoCredits), ("500x*", ServerError)],
)
def test_server_faults_fail_the_job_with_a_typed_error(make_bridge, emulator_factory, qtbot, fault, expected):
    server = emulator_factory(faults=[fault])
    bridge = make_bridge(Connection("key-1", server.url))
    seen = Recorder(bridge)
    bridge.submit(small_request("refused"))
    qtbot.waitUntil(lambda: "failed" in seen.states, timeout=30_000)
    assert isinstance(seen.views[-1].error, expected)


def test_without_a_key_nothing_is_sent(make_bridge, qtbot):
    bridge = make_bridge(None)
    seen = Recorder(bridge)
    with qtbot.waitSignal(bridge.submitFailed, timeout=5000) as blocker:
        bridge.submit(GenerationRequest("no key", size=by_key("1K-1:1")))
    assert isinstance(blocker.args[1], MissingApiKey)
    assert not seen.states


def test_check_key_answers_yes_and_no(make_bridge, emulator_factory, qtbot):
    server = emulator_factory(api_keys={"good-key"})
    bridge = make_bridge(Connection("good-key", server.url))
    answers: dict[str, BaseException | None] = {}
    for key in ("good-key", "bad-key"):
        bridge.check_key(key, server.url, lambda _r, e, k=key: answers.__setitem__(k, e))
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=10_000)
    assert answers["good-key"] is None
    assert isinstance(answers["bad-key"], InvalidApiKey)


def test_network_down_waits_then_sends_when_back(make_bridge, emulator_factory, qtbot):
    from seedream_desktop.emulator import Emulator

    server = emulator_factory()
    port, url = server.port, server.url
    server.stop()
    bridge = make_bridge(Connection("key-1", url))
    seen = Recorder(bridge)
    bridge.submit(small_request("offline"))
    qtbot.waitUntil(lambda: seen.online == [False], timeout=20_000)
    assert "failed" not in seen.states
    with Emulator(port=port):
        qtbot.waitUntil(lambda: "done" in seen.states, timeout=20_000)
    assert seen.online == [False, True]
    assert len(seen.saved) == 1


def test_stop_leaves_no_thread_and_can_be_called_twice(make_bridge):
    bridge = make_bridge(None)
    bridge.stop()
    assert not bridge.is_running()
    bridge.stop()


async def _acknowledged(url: str, request: GenerationRequest, task_uuid: str) -> None:
    """Send a job's task the way an earlier run did before the app closed (async: only the ACK comes back)."""
    async with RunwareClient("key-1", url) as client:
        assert await client.submit(request, task_uuid) == []


def _journalled_at(journal: JobJournal, request: GenerationRequest, api_url: str | None) -> str:
    """A job an earlier run sent and the server acknowledged, still unfinished in the journal."""
    job = journal.add_job(request, api_url=api_url)
    journal.mark_acked(job.id)
    journal.set_state(job.id, JobState.SUBMITTED)
    return job.id


def test_start_resumes_the_journals_unfinished_jobs(make_bridge, emulator, qtbot, library_dir):
    with JobJournal(Paths.from_environment().journal_file) as journal:
        queued = journal.add_job(small_request("queued while offline", count=2), api_url=emulator.url).id
        sent = small_request("sent before the app closed", count=2)
        submitted = _journalled_at(journal, sent, emulator.url)
        asyncio.run(_acknowledged(emulator.url, sent, journal.get(submitted).task_uuid))
        real = _journalled_at(journal, small_request("sent to Runware itself"), None)  # the default API
        make_bridge(Connection("key-1", emulator.url))
        qtbot.waitUntil(
            lambda: [journal.get(j).state for j in (queued, submitted)] == [JobState.DONE] * 2, timeout=20_000
        )
        saved_once(journal, library_dir, emulator.produced)  # all four, each once, with its record
        tasks = {task for task, _, _ in emulator.produced}
        assert tasks == {journal.get(queued).task_uuid, journal.get(submitted).task_uuid}  # none paid twice
        assert journal.get(real).state is JobState.SUBMITTED  # left for the API that has it
        assert not [r for r in emulator.requests if r.get("taskUUID") == journal.get(real).task_uuid]


def test_demo_jobs_stay_out_of_the_real_journal(make_bridge, emulator, qtbot):
    paths = Paths.from_environment()
    with JobJournal(paths.journal_file) as journal:
        real = _journalled_at(journal, small_request("a paid job still running"), emulator.url)
        real_task = journal.get(real).task_uuid
    bridge = make_bridge(Connection("demo-key", emulator.url, demo=True))
    seen = Recorder(bridge)
    bridge.submit(small_request("a demo image"))
    qtbot.waitUntil(lambda: "done" in seen.states, timeout=20_000)
    qtbot.waitUntil(lambda: bool(seen.spend) and seen.spend[-1] > 0, timeout=5000)  # the demo's own spend
    with JobJournal(paths.journal_file) as journal:
        # Not even a real job at the same URL is polled by the demo, and no demo cost is real spend.
        assert journal.get(real).state is JobState.SUBMITTED
        assert [j.id for j in journal.jobs()] == [real]
        assert SpendLedger(journal).summary().total_usd == 0.0
    assert not [r for r in emulator.requests if r.get("taskUUID") == real_task]
    with JobJournal(paths.data / "demo-jobs.sqlite3") as demo:
        assert SpendLedger(demo).summary().total_usd == pytest.approx(0.03)


def test_raising_the_budget_lets_the_next_job_through(emulator, qtbot):
    paths = Paths.from_environment()
    settings = Settings(paths)
    settings.set("daily_budget_usd", 0.03)  # one image
    options = SessionOptions(paths, settings.library, pacing=FAST_PACING, settings=settings)
    bridge = Bridge(pipeline_factory(options))
    bridge.start(Connection("key-1", emulator.url)).result(15)
    try:
        seen = Recorder(bridge)
        bridge.submit(small_request("the first image"))
        qtbot.waitUntil(lambda: "done" in seen.states, timeout=20_000)
        with qtbot.waitSignal(bridge.submitFailed, timeout=5000) as refused:
            bridge.submit(small_request("over the budget"))
        assert isinstance(refused.args[1], BudgetExceeded)
        settings.set("daily_budget_usd", 1.0)  # what the Settings dialog does on OK
        answers: list[tuple[object, BaseException | None]] = []
        bridge.submit(
            small_request("after raising it"), lambda job_id, error: answers.append((job_id, error))
        )
        qtbot.waitUntil(lambda: bool(answers), timeout=5000)
        assert answers[0][1] is None
        qtbot.waitUntil(lambda: seen.states.count("done") == 2, timeout=20_000)
        assert len(seen.saved) == 2
    finally:
        bridge.stop()


def test_a_new_library_folder_is_used_once_the_pipeline_is_rebuilt(emulator, qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv("SEEDREAM_LIBRARY")  # it would win over the setting
    paths = Paths.from_environment()
    settings = Settings(paths)
    options = SessionOptions(paths, settings.library, pacing=FAST_PACING, settings=settings)
    bridge = Bridge(pipeline_factory(options))
    connection = Connection("key-1", emulator.url)
    bridge.start(connection).result(15)
    try:
        seen = Recorder(bridge)
        settings.set("library", str(tmp_path / "elsewhere"))  # what the Settings dialog does on OK
        bridge.configure(connection).result(15)  # the hook described for the window
        bridge.submit(small_request("into the new folder"))
        qtbot.waitUntil(lambda: len(seen.saved) == 1, timeout=20_000)
        assert Path(seen.saved[0].path).is_relative_to(tmp_path / "elsewhere")
    finally:
        bridge.stop()
