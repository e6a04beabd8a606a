"""The reference tray with files that are not pictures on disk: a FIFO, /dev/zero, a link loop, an oversized
paste; the same from `seedream-desktop --demo FILE…` and from a second launch's hand-over.

Each is refused in the tray by name with the reason, at once (a FIFO used to block its worker for ever, and
the application's exit with it; /dev/zero used to grow until memory ran out) and the tray keeps working.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QTranslator, QUrl

from seedream_desktop.api.references import MAX_FILE_BYTES
from seedream_desktop.app import DemoServer, open_window
from seedream_desktop.config import Paths
from seedream_desktop.ui.compose.reference_tray import ReferenceTray
from seedream_desktop.ui.hand_over import hand_over, lock_file, socket_address
from seedream_desktop.ui.open_requests import OpenRequests
from tests.ui.compose_support import drop, host, png

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and devices are POSIX"),
    pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)"),
]
LOAD_MS = 10_000


@pytest.fixture
def tray(qtbot, tmp_path: Path) -> ReferenceTray:  # type: ignore[no-untyped-def]
    widget = ReferenceTray(tmp_path / "cache" / "refs")
    host(qtbot, widget)
    return widget


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "hostile"
    folder.mkdir()
    fifo = folder / "x.fifo"
    os.mkfifo(fifo)
    loop_a, loop_b = folder / "loop.png", folder / "loop-b.png"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    return {"fifo": fifo, "zero": Path("/dev/zero"), "loop": loop_a, "good": png(folder / "good.png")}


def file_urls(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def assert_refused_by_name(message: str) -> None:
    assert "“x.fifo” is not a regular file (it is a pipe)" in message
    assert "“zero” is not a regular file (it is a device)" in message
    assert "“loop.png” is a link that points back to itself" in message


def test_a_drop_of_a_fifo_dev_zero_and_a_link_loop_is_refused_by_name(
    qtbot, tray: ReferenceTray, hostile: dict[str, Path], tmp_path: Path
) -> None:
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        drop(
            tray.view.viewport(),
            file_urls(hostile["fifo"], hostile["zero"], hostile["loop"], hostile["good"]),
        )
    assert [r.source for r in tray.references()] == [str(hostile["good"])]
    assert_refused_by_name(tray.message())
    assert tray.loader.wait(LOAD_MS)  # no worker is left blocked on the FIFO
    # Still responsive: the next drop goes in.
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        drop(tray.view.viewport(), file_urls(png(tmp_path / "after.png")))
    assert len(tray.references()) == 2


def test_an_oversized_paste_is_refused_before_it_reaches_the_disk(
    qtbot, tray: ReferenceTray, tmp_path: Path
) -> None:
    mime = QMimeData()
    mime.setData("image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_FILE_BYTES)
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        tray.add_mime(mime)
    assert tray.references() == ()
    assert "larger than 30 MB" in tray.message()
    cache = tmp_path / "cache" / "refs"
    assert not cache.exists() or not any(cache.iterdir())


# ---- `seedream-desktop --demo FILE…` and a second launch ------------------------------------------------
@pytest.fixture
def start(qapp, qtbot) -> Iterator:  # type: ignore[no-untyped-def]
    made: list = []

    def open_(images: list[str]):  # type: ignore[no-untyped-def]
        demo = DemoServer(latency=0.0)
        window, bridge = open_window(qapp, Paths.from_environment(), demo, want_demo=True, images=images)
        made.append((window, bridge, demo))
        qtbot.addWidget(window)
        return window

    yield open_
    for window, bridge, demo in made:
        window.close()
        bridge.stop()
        demo.stop()
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
        translator.deleteLater()


def test_the_window_starts_with_hostile_files_on_its_command_line(
    qtbot, start, hostile: dict[str, Path]
) -> None:
    window = start([str(hostile[k]) for k in ("zero", "fifo", "loop", "good")])
    tray = window.compose.tray
    qtbot.waitUntil(lambda: len(tray.references()) == 1 and not tray.is_busy(), timeout=LOAD_MS)
    assert [r.source for r in tray.references()] == [str(hostile["good"])]
    assert_refused_by_name(tray.message())


def test_a_hand_over_of_a_link_loop_reaches_the_tray_refusal(
    qtbot, qapp, hostile: dict[str, Path], tmp_path: Path
) -> None:
    requests = OpenRequests()
    got: list[list[str]] = []
    requests.imagesOpened.connect(got.append)
    requests.attach()
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    address = socket_address(data)
    assert address is not None and requests.listen(address, lock_file(data))
    try:
        # Path.resolve() raised RuntimeError here: the second launch died with a traceback.
        assert hand_over(address, [str(hostile["loop"]), str(hostile["fifo"])])
        qtbot.waitUntil(lambda: bool(got), timeout=LOAD_MS)
    finally:
        requests.close()
        requests.deleteLater()
    assert got == [[str(hostile["loop"]), str(hostile["fifo"])]]


def test_pasted_pixels_over_the_budget_are_refused_before_encoding(
    qtbot, tray: ReferenceTray, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QImage

    from seedream_desktop.api import references

    monkeypatch.setattr(references, "MAX_DECODE_PIXELS", 1000)  # a 40×40 paste stands for a 100-megapixel one
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(0x3366CC)
    mime = QMimeData()
    mime.setImageData(image)
    with qtbot.waitSignal(tray.idle, timeout=LOAD_MS):
        tray.add_mime(mime)
    assert tray.references() == ()
    assert "more than 25 million pixels" in tray.message()
    cache = tmp_path / "cache" / "refs"
    assert not cache.exists() or not any(cache.iterdir())
