"""Images opened from the desktop: macOS file-open events, and a second launch handing its files over."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalSocket

from seedream_desktop.config import Paths
from seedream_desktop.ui.hand_over import (
    MAX_MESSAGE_BYTES,
    hand_over,
    is_private,
    lock_file,
    paths_in,
    socket_address,
)
from seedream_desktop.ui.open_requests import OpenRequests

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Unix socket paths and folder modes")

LAUNCH = "import sys; from seedream_desktop.app import main; sys.exit(main(sys.argv[1:]))"


@pytest.fixture
def requests_(qtbot) -> OpenRequests:
    requests = OpenRequests()
    yield requests
    requests.close()
    requests.deleteLater()


def address_in(folder: Path) -> str:
    address = socket_address(folder)
    assert address is not None
    return address


def test_file_open_events_wait_for_the_window_then_go_straight_to_it(requests_: OpenRequests) -> None:
    got: list[list[str]] = []
    requests_.imagesOpened.connect(got.append)
    assert requests_.take_event(QFileOpenEvent("/photos/early.png"))
    assert not requests_.take_event(QEvent(QEvent.Type.FocusIn))
    assert got == []  # no window yet: held
    requests_.attach()
    assert got == [["/photos/early.png"]]
    assert requests_.take_event(QFileOpenEvent("/photos/late.png"))
    assert got == [["/photos/early.png"], ["/photos/late.png"]]


# The offscreen platform can neither raise a window nor size one to its hints; it says so.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
def test_a_second_launch_hands_its_images_to_the_open_window(
    qtbot, make_window, image_files: list[Path]
) -> None:
    window = make_window(None)
    data = Paths.from_environment().data
    requests = OpenRequests(window)
    requests.imagesOpened.connect(window.open_images)
    requests.attach()
    assert requests.listen(address_in(data), lock_file(data))
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
    assert not hand_over(address_in(tmp_path), ["/photos/a.png"])


def test_only_one_window_takes_hand_overs(requests_: OpenRequests, tmp_path: Path) -> None:
    address = address_in(tmp_path)
    assert requests_.listen(address, lock_file(tmp_path))
    other = OpenRequests()
    try:
        assert not other.listen(address, lock_file(tmp_path))
    finally:
        other.close()
        other.deleteLater()
    assert Path(address).exists()  # the second window left the first one's socket alone


def test_a_socket_left_by_a_crashed_window_is_taken_over(requests_: OpenRequests, tmp_path: Path) -> None:
    address = address_in(tmp_path)
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(address)  # bound, never listening, closed without unlinking: what a crash leaves
    stale.close()
    try:
        assert Path(address).exists()
        assert requests_.listen(address, lock_file(tmp_path))
    finally:
        requests_.close()
    assert not Path(address).exists()


def test_a_hand_over_too_big_to_be_ours_is_dropped_whole(
    qtbot, requests_: OpenRequests, tmp_path: Path
) -> None:
    got: list[list[str]] = []
    requests_.imagesOpened.connect(got.append)
    requests_.attach()
    address = address_in(tmp_path)
    assert requests_.listen(address, lock_file(tmp_path))
    paths = [f"/photos/{n:07d}.png" for n in range(MAX_MESSAGE_BYTES // 20)]
    message = json.dumps(paths).encode()
    assert len(message) > MAX_MESSAGE_BYTES  # valid JSON, cut by nobody: only its size gives it away
    sender = QLocalSocket()
    sender.connectToServer(address)
    assert sender.waitForConnected(1000)
    sender.write(message)
    qtbot.waitUntil(
        lambda: sender.state() == QLocalSocket.LocalSocketState.UnconnectedState or not sender.bytesToWrite(),
        timeout=5000,
    )
    sender.disconnectFromServer()
    qtbot.wait(200)
    assert got == []
    assert hand_over(address, ["/photos/small.png"])  # the window still takes the next one
    qtbot.waitUntil(lambda: got == [["/photos/small.png"]], timeout=5000)


def test_the_socket_lives_in_a_folder_only_this_user_can_write(tmp_path: Path, monkeypatch) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert Path(address_in(tmp_path / "data")).parent == runtime
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # anyone could plant a socket of their own here
    assert not is_private(shared)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    address = Path(address_in(tmp_path / "data"))
    assert address.parent != shared and is_private(address.parent)
    long_data = tmp_path / ("x" * 120)
    long_data.mkdir()
    assert len(address_in(long_data)) <= 100  # too long for a socket path: somewhere shorter


def test_addresses_differ_per_data_folder(tmp_path: Path) -> None:
    assert address_in(tmp_path / "a") != address_in(tmp_path / "b")
    assert address_in(tmp_path / "a") == address_in(tmp_path / "a")


@pytest.mark.parametrize(
    ("message", "paths"),
    [
        (b'["/a.png", "/b.png"]', ["/a.png", "/b.png"]),
        (b'["/a.png", 3, "", null, "relative.png", "https://example.com/x.png"]', ["/a.png"]),
        (b'{"path": "/a.png"}', []),
        (b'["/a.png", "/b.p', []),  # cut short
        (b"\xff\xfe", []),
    ],
)
def test_only_a_well_formed_hand_over_reaches_the_tray(message: bytes, paths: list[str]) -> None:
    assert paths_in(message) == paths
