"""BytePlus ModelArk from the window, in demo mode against the emulator's Ark endpoint (no key).

Each image is saved once and shown as its event arrives; a job a crash left mid-stream says "may have
been charged, no result to fetch" and goes out again only after the person confirms.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from seedream_desktop.api.models import SEEDREAM_40
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.app import DEMO_KEY
from seedream_desktop.config import Paths, Settings
from seedream_desktop.emulator import Emulator
from seedream_desktop.jobs.ark_jobs import DONE, ArkJournal, ResendRefused
from seedream_desktop.jobs.ark_lane import ArkUnsure, ark_journal_file
from seedream_desktop.jobs.state import JobState
from seedream_desktop.library.metadata import read_record
from seedream_desktop.ui.bridge import Connection
from seedream_desktop.ui.resend_confirm import ResendConfirm
from tests.helpers.window import generate_with_keyboard, saved_rows, type_prompt

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def demo(emulator: Emulator) -> Connection:
    return Connection(DEMO_KEY, emulator.url, demo=True)


def ark_sent(emulator: Emulator) -> int:
    return sum(1 for r in emulator.requests if r.get("taskType") == "arkImageGeneration")


def jpgs(library: Path) -> list[Path]:
    return sorted(p for p in library.rglob("*.jpg") if not p.name.startswith("."))


def ark_jobs(demo_mode: bool = True) -> list:
    journal = ArkJournal(ark_journal_file(Paths.from_environment(), demo_mode))
    try:
        return journal.jobs()
    finally:
        journal.close()


def test_a_demo_modelark_set_is_saved_once_per_image_and_shown(make_window, emulator, qtbot):
    window = make_window(demo(emulator))
    window.compose.model_choice.set_provider("ark")
    window.compose.controls.sequential.setValue(3)
    type_prompt(qtbot, window, "three lanterns over a harbour")
    generate_with_keyboard(qtbot, window)

    def done() -> bool:
        return any(v.state is JobState.DONE for v in window.jobs.values())

    qtbot.waitUntil(done, timeout=20_000)
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 3, timeout=5000)
    library = Settings(Paths.from_environment()).library
    files = jpgs(library)
    assert len(files) == 3  # each image once: no duplicate, no leftover temp file
    assert {window.model.item(r).path for r in saved_rows(window)} == set(files)
    assert ark_sent(emulator) == 1
    (job,) = ark_jobs()
    assert job.state == DONE and len(job.saved) == 3
    assert read_record(files[0]).model == SEEDREAM_40.id
    # The demo's ModelArk journal is its own: the real one holds nothing.
    assert ark_jobs(demo_mode=False) == []


def test_modelark_tiles_fill_as_each_event_arrives(make_window, emulator, qtbot):
    window = make_window(demo(emulator))
    window.compose.model_choice.set_provider("ark")
    window.compose.controls.sequential.setValue(2)
    emulator.pause()
    type_prompt(qtbot, window, "two kites")
    generate_with_keyboard(qtbot, window)
    emulator.release(1)
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 1, timeout=10_000)
    (view,) = window.jobs.values()
    assert not view.state.finished  # the first tile is shown while the stream still runs
    emulator.resume()
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 2, timeout=10_000)


def _crashed_job(library: Path) -> str:
    """A ModelArk job as a killed run leaves it: journalled ``sending``, its first image saved."""
    journal = ArkJournal(ark_journal_file(Paths.from_environment(), True))
    try:
        request = GenerationRequest("a boat at dusk", size=SEEDREAM_40.default_size, max_sequential_images=2)
        job_id = journal.record(request)  # this test's own pid: counts as a run that is gone
        folder = library / "2026-12-07"
        folder.mkdir(parents=True)
        from PIL import Image

        path = folder / "boat.jpg"
        Image.new("RGB", (64, 64), "#335577").save(path, "JPEG")
        journal.saved(job_id, 0, path)
        return job_id
    finally:
        journal.close()


def test_after_a_crash_the_job_asks_before_sending_again(make_window, emulator, qtbot):
    library = Settings(Paths.from_environment()).library
    job_id = _crashed_job(library)
    window = make_window(demo(emulator))
    qtbot.waitUntil(lambda: job_id in window.jobs, timeout=10_000)
    view = window.jobs[job_id]
    assert view.state is JobState.FAILED and isinstance(view.error, ArkUnsure)
    assert "May have been charged, no result to fetch" in window.error_banner.text.text()
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 1, timeout=5000)  # what arrived, shown once
    assert ark_sent(emulator) == 0

    # The core refuses a plain retry of it: only an explicit yes sends it again.
    errors: list = []
    window.bridge.retry(job_id, lambda _r, error: errors.append(error))
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ResendRefused)

    window.retry_job(job_id)
    box = _confirm(qtbot)
    box.keep.click()  # "Don't send"
    QApplication.processEvents()
    assert ark_sent(emulator) == 0

    window.retry_job(job_id)
    box = _confirm(qtbot)
    box.send.click()
    qtbot.waitUntil(lambda: ark_sent(emulator) == 1, timeout=10_000)
    qtbot.waitUntil(
        lambda: any(v.state is JobState.DONE and v.id != job_id for v in window.jobs.values()), timeout=20_000
    )
    assert len(jpgs(library)) == 3  # the crashed job's one image and the new job's two, each once


def _confirm(qtbot) -> ResendConfirm:
    found: list[ResendConfirm] = []

    def shown() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, ResendConfirm) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown, timeout=5000)
    return found[-1]


def test_modelark_without_its_key_says_so_and_sends_nothing(make_window, emulator, qtbot):
    window = make_window(Connection("runware-key", emulator.url))  # a Runware key only
    window.compose.model_choice.set_provider("ark")
    refused: list = []
    window.bridge.submitFailed.connect(lambda _request, error: refused.append(error))
    type_prompt(qtbot, window, "no ark key")
    generate_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: bool(refused), timeout=5000)
    assert "ModelArk" in str(refused[0]) or type(refused[0]).__name__ == "MissingArkKey"
    assert ark_sent(emulator) == 0


def test_the_modelark_key_test_asks_ark_without_making_an_image(make_bridge, emulator_factory, qtbot):
    from seedream_desktop.api.ark import ArkKeyRefused

    server = emulator_factory(api_keys={"good-ark-key"})
    bridge = make_bridge(Connection("good-ark-key", server.url, demo=True))
    answers: dict = {}
    for key in ("good-ark-key", "wrong-ark-key"):
        bridge.check_ark_key(key, lambda _r, error, key=key: answers.update({key: error}))
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=10_000)
    assert answers["good-ark-key"] is None
    assert isinstance(answers["wrong-ark-key"], ArkKeyRefused)
    assert server.produced == []  # no image was made for either test


def test_the_daily_budget_counts_modelark_jobs_too(make_window, emulator, qtbot):
    price = SEEDREAM_40.price_per_image_usd
    Settings(Paths.from_environment()).set("daily_budget_usd", round(price * 1.5, 4))  # room for one image
    window = make_window(demo(emulator))
    window.compose.model_choice.set_provider("ark")
    spends: list[float] = []
    window.bridge.spendChanged.connect(spends.append)
    type_prompt(qtbot, window, "one lantern")
    generate_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: any(v.state is JobState.DONE for v in window.jobs.values()), timeout=20_000)
    qtbot.waitUntil(lambda: bool(spends) and spends[-1] == pytest.approx(price), timeout=5000)

    refused: list = []
    window.bridge.submitFailed.connect(lambda _request, error: refused.append(error))
    generate_with_keyboard(qtbot, window)  # a second image would pass the cap
    qtbot.waitUntil(lambda: bool(refused), timeout=5000)
    assert type(refused[0]).__name__ == "BudgetExceeded"
    assert ark_sent(emulator) == 1


def test_a_modelark_job_sends_the_trays_references(make_window, emulator, qtbot, tmp_path):
    from tests.ui.conftest import make_image

    window = make_window(demo(emulator))
    window.compose.model_choice.set_provider("ark")
    window.compose.add_references([str(make_image(tmp_path / "ref.png"))])
    qtbot.waitUntil(
        lambda: len(window.compose.tray.references()) == 1 and not window.compose.tray.is_busy(),
        timeout=10_000,
    )
    type_prompt(qtbot, window, "the same cat, in a garden")
    generate_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: any(v.state is JobState.DONE for v in window.jobs.values()), timeout=20_000)
    (sent,) = [r for r in emulator.requests if r.get("taskType") == "arkImageGeneration"]
    assert sent["imageCount"] == 1 and sent["watermark"] is False


def test_a_modelark_key_alone_generates_through_modelark(make_window, emulator, qtbot, monkeypatch):
    monkeypatch.setenv("SEEDREAM_ARK_URL", emulator.origin + "/api/v3")  # the real path, another base
    window = make_window(Connection("", emulator.url, ark_key="ark-only-key"))
    assert "ModelArk key only" in window.status.connection.text()
    window.compose.model_choice.set_provider("ark")
    type_prompt(qtbot, window, "a kite over the dunes")
    generate_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: any(v.state is JobState.DONE for v in window.jobs.values()), timeout=20_000)
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 1, timeout=5000)
    (job,) = ark_jobs(demo_mode=False)  # the real journal, shared with `seedream ark list`
    assert job.state == DONE


def test_the_provider_of_the_last_generation_is_kept_for_the_next_start(make_window, emulator, qtbot):
    window = make_window(demo(emulator))
    window.compose.model_choice.set_provider("ark")
    type_prompt(qtbot, window, "a moth on a lamp")
    generate_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: any(v.state is JobState.DONE for v in window.jobs.values()), timeout=20_000)
    window.close()
    again = make_window(demo(emulator))
    assert again.compose.provider() == "ark"
