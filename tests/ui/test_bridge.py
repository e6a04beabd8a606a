"""Bridge + the real job pipeline against the real emulator: events arrive on the GUI thread, errors are typed."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from seedream_desktop.api.errors import InvalidApiKey, MissingApiKey, NoCredits, ServerError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.sizes import by_key
from seedream_desktop.ui.bridge import Connection
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


def test_cancel_stops_a_running_job(make_bridge, emulator_factory, qtbot):
    server = emulator_factory(latency=5.0)
    bridge = make_bridge(Connection("key-1", server.url))
    seen = Recorder(bridge)
    job_ids: list[str] = []
    bridge.submit(small_request("slow"), lambda job_id, _e: job_ids.append(job_id))
    qtbot.waitUntil(lambda: bool(job_ids) and "generating" in seen.states, timeout=10_000)
    bridge.cancel(job_ids[0])
    qtbot.waitUntil(lambda: "cancelled" in seen.states, timeout=10_000)
    assert not seen.saved


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
