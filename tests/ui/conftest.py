"""UI test set-up: a test that leaves a thread running fails; images for the grid made on demand."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QImage

from seedream_desktop.config import Paths, Settings
from seedream_desktop.jobs.connection import SessionOptions
from seedream_desktop.jobs.runner import Pacing
from seedream_desktop.ui.bridge import Bridge, Connection
from seedream_desktop.ui.pipeline_factory import pipeline_factory
from tests.helpers.chinese_ui import zh_cn  # noqa: F401  (a fixture: the window in Simplified Chinese)
from tests.helpers.fonts import preferred_fonts  # noqa: F401  (a fixture)
from tests.helpers.settings_dialog import settings, use_keyring  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread(qapp) -> Iterator[None]:
    """As the app does (ui/garbage.py): no automatic GC that could run in a worker and delete widgets there."""
    gc.collect()
    gc.disable()
    yield
    gc.collect()  # this test's windows and timers die here, on the GUI thread
    gc.enable()


@pytest.fixture(autouse=True)
def default_locale_restored() -> Iterator[None]:
    """Start-up sets the default QLocale (app.install_translations); no test passes it to the next."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5
    leaked: list[threading.Thread] = []
    while time.monotonic() < deadline:
        # Dummy threads are Qt's own (QThreadPool workers that ran Python code): pools are awaited
        # by their owners' shutdown, and Python cannot see those threads end.
        leaked = [
            t
            for t in threading.enumerate()
            if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
        ]
        if not leaked:
            return
        time.sleep(0.02)  # threads that were told to stop get a moment to finish joining
    pytest.fail(f"threads left running: {[t.name for t in leaked]}")


def make_image(path: Path, width: int = 320, height: int = 200, colour: str = "#3a7bd5") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path


@pytest.fixture
def image_files(tmp_path: Path) -> list[Path]:
    colours = ("#3a7bd5", "#d53a7b", "#7bd53a", "#d5a03a")
    return [make_image(tmp_path / "images" / f"image-{i}.png", colour=c) for i, c in enumerate(colours)]


# Short waits between polls and after an outage, so the tests stay fast (the app uses the defaults).
FAST_PACING = Pacing(
    first_poll=0.05, poll_factor=1.2, longest_poll=0.3, first_offline=0.1, longest_offline=0.3
)


@pytest.fixture
def make_bridge(qtbot) -> Iterator:
    """Bridges on the real pipeline (journal, library, client) in the test's folders; all stopped after."""
    bridges: list[Bridge] = []

    def make(connection: Connection | None) -> Bridge:
        paths = Paths.from_environment()
        options = SessionOptions(paths, Settings(paths).library, pacing=FAST_PACING)
        bridge = Bridge(pipeline_factory(options))
        bridge.start(connection).result(15)
        bridges.append(bridge)
        return bridge

    yield make
    for bridge in bridges:
        bridge.stop()


class Opened(list):
    """Records the URLs the app asked the desktop to open (no viewer is launched in tests)."""

    def __call__(self, url: object) -> bool:
        self.append(url)
        return True


@pytest.fixture
def opened() -> Opened:
    return Opened()


@pytest.fixture
def make_window(qtbot, opened) -> Iterator:
    """The real main window (compose panel, grid, bridge, pipeline) in the test's folders."""
    from seedream_desktop.app import DemoServer, build

    made: list = []

    def make(connection: Connection | None, *, demo_latency: float = 0.0) -> Any:
        demo = DemoServer(latency=demo_latency)
        window, bridge = build(Paths.from_environment(), demo, pacing=FAST_PACING, open_url=opened)
        made.append((window, bridge, demo))
        bridge.start(connection).result(15)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # shortcuts and keyboard focus need the active window
        qtbot.waitUntil(window.isActiveWindow)
        return window

    yield make
    for window, bridge, demo in made:
        window.close()
        bridge.stop()
        demo.stop()
