"""Images opened from the desktop: macOS file-open events, and a second launch handing its files over."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QEvent
from PySide6.QtGui import QFileOpenEvent

from seedream_desktop.config import Paths
from seedream_desktop.ui.open_requests import OpenRequests, _paths_in, hand_over, server_name

LAUNCH = "import sys; from seedream_desktop.app import main; sys.exit(main(sys.argv[1:]))"


@pytest.fixture
def requests_(qtbot) -> OpenRequests:
    requests = OpenRequests()
    yield requests
    requests.close()
    requests.deleteLater()


def test_file_open_events_wait_for_the_window_then_go_straight_to_it(requests_: OpenRequests) -> None:
    got: list[list[str]] = []
    assert requests_.take_event(QFileOpenEvent("/photos/early.png"))
    assert not requests_.take_event(QEvent(QEvent.Type.FocusIn))
    requests_.deliver_to(got.append)  # the window exists now: what arrived before is handed over
    assert got == [["/photos/early.png"]]
    assert requests_.take_event(QFileOpenEvent("/photos/late.png"))
    assert got == [["/photos/early.png"], ["/photos/late.png"]]


# The offscreen platform can neither raise a window nor size one to its hints; it says so.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
def test_a_second_launch_hands_its_images_to_the_open_window(
    qtbot, make_window, image_files: list[Path]
) -> None:
    window = make_window(None)
    requests = OpenRequests(window)
    requests.deliver_to(window.open_images)
    assert requests.listen(server_name(Paths.from_environment().data))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONWARNINGS", None)
    second = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, *map(str, image_files[:2])],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=20_000)
        assert second.returncode == 0, second.stderr.read() if second.stderr else ""
        qtbot.waitUntil(lambda: len(window.compose.tray.references()) == 2, timeout=10_000)
    finally:
        if second.poll() is None:
            second.kill()
        second.wait(10)
        if second.stderr:
            second.stderr.close()
        requests.close()
    assert [r.source for r in window.compose.tray.references()] == [str(p) for p in image_files[:2]]


def test_with_no_window_open_a_launch_keeps_its_images(qapp, tmp_path: Path) -> None:
    assert not hand_over(server_name(tmp_path), ["/photos/a.png"])


def test_only_one_window_takes_hand_overs(requests_: OpenRequests, tmp_path: Path) -> None:
    name = server_name(tmp_path)
    assert requests_.listen(name)
    other = OpenRequests()
    try:
        assert not other.listen(name)
    finally:
        other.close()
        other.deleteLater()


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe leaves no file behind")
def test_a_socket_left_by_a_crashed_window_is_taken_over(requests_: OpenRequests, tmp_path: Path) -> None:
    name = server_name(tmp_path)
    path = Path(QDir.tempPath()) / name
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(path))  # bound, never listening, closed without unlinking: what a crash leaves
    stale.close()
    try:
        assert path.exists()
        assert requests_.listen(name)
    finally:
        requests_.close()
    assert not path.exists()


def test_server_names_differ_per_data_folder_and_stay_short(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")
    assert len(server_name(tmp_path / ("x" * 200))) < 60


@pytest.mark.parametrize(
    ("message", "paths"),
    [
        (b'["/a.png", "/b.png"]', ["/a.png", "/b.png"]),
        (b'["/a.png", 3, "", null]', ["/a.png"]),
        (b'{"path": "/a.png"}', []),
        (b'["/a.png", "/b.p', []),  # cut short
        (b"\xff\xfe", []),
    ],
)
def test_only_a_well_formed_hand_over_reaches_the_tray(message: bytes, paths: list[str]) -> None:
    assert _paths_in(message) == paths
