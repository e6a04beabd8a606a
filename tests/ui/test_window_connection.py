"""The status bar says "Connected" only once the API answered: "Connecting…" before, "Offline" when nothing does.

The check at start is a ping: free, nothing is generated or charged.
"""

from __future__ import annotations

import socket

import pytest

from seedream_desktop.ui.bridge import Connection
from seedream_desktop.ui.status_bar import StatusBar

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """Every connection state the status bar was asked to show, in order."""
    states: list[str] = []
    original = StatusBar.set_connection

    def recording(self: StatusBar, state: str, host: str = "") -> None:
        states.append(state)
        original(self, state, host)

    monkeypatch.setattr(StatusBar, "set_connection", recording)
    return states


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_with_nothing_listening_it_says_connecting_then_offline_never_connected(make_window, qtbot, shown):
    window = make_window(Connection("key", f"http://127.0.0.1:{_free_port()}/v1"))
    assert shown[-1] == "connecting"  # as soon as the key is known (before it: "no key")
    assert window.status.connection.text() == "Connecting to 127.0.0.1…"
    qtbot.waitUntil(lambda: shown[-1] == "offline", timeout=20_000)  # without pressing Generate
    assert "online" not in shown
    assert window.status.connection.text().startswith("Offline")


def test_with_the_api_answering_it_says_connected_after_a_free_check(make_window, emulator, qtbot, shown):
    window = make_window(Connection("key", emulator.url))
    qtbot.waitUntil(lambda: shown[-1] == "online", timeout=10_000)
    assert shown[-2] == "connecting" and "offline" not in shown
    assert window.status.connection.text() == "Connected to 127.0.0.1"
    assert [r.get("taskType") for r in emulator.requests] == ["ping"]  # nothing generated, nothing charged
    assert emulator.produced == []
