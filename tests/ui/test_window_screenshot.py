"""The README screenshot: the main window after a demo generation, rendered offscreen at 1280×800.

Written to tmp_path in every run (so the rendering is tested); with SEEDREAM_WRITE_SCREENSHOT=1 it is
also saved as docs/screenshot-main.png.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from seedream_desktop.api.sizes import by_key
from seedream_desktop.ui import language

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshot-main.png"
PROMPT_WIDE = "Panorama of a night market in the rain, neon reflections on wet stone, 2K 16:9"
PROMPT = "A glass greenhouse on a misty mountain ridge at dawn, warm light, cinematic, 35mm"


@pytest.fixture
def english(qapp) -> Iterator[None]:
    """As the app starts in English: its small catalog turns "%n image(s)" into "4 images"."""
    installed = language.install_translators(qapp, "en")
    yield
    language.remove_translators(qapp, installed)


def test_screenshot_of_the_main_window_after_a_demo_generation(english, make_window, qtbot, tmp_path):
    window = make_window(None)
    window.enter_demo()
    qtbot.waitUntil(window.demo_banner.isVisible, timeout=5000)
    window.resize(1280, 800)  # what a reader's screen shows; the window fits it
    compose = window.compose
    for prompt, count, size in ((PROMPT_WIDE, 3, "2K-16:9"), (PROMPT, 4, "2K-1:1")):
        request = compose.request().with_changes(prompt=prompt, number_results=count, seed=None)
        compose.load_request(request.with_changes(size=by_key(size)))
        compose.try_generate()
    grid = window.grid
    qtbot.waitUntil(lambda: sum(1 for i in window.model.items() if i.is_saved) == 7, timeout=30_000)
    # Only tiles on screen ask for thumbnails: wait for those.
    qtbot.waitUntil(lambda: all(window.model.has_thumbnail(k) for k in grid.visible_keys()), timeout=20_000)
    window.model.set_favourite(1, True)  # show the marks badge on one tile
    window.model.set_rating(1, 4)
    grid.select_row(0)
    window.status.showMessage("")
    qtbot.wait(50)  # let the last paint events through before grabbing
    assert "4 images" in window.compose.controls.estimate.text()  # the plural catalog is in use
    picture = window.grab()
    assert picture.width() >= 1280 * picture.devicePixelRatio() - 1
    target = tmp_path / "screenshot-main.png"
    assert picture.save(str(target))
    if os.environ.get("SEEDREAM_WRITE_SCREENSHOT") == "1":
        DOCS.parent.mkdir(parents=True, exist_ok=True)
        assert picture.save(str(DOCS))
    # The same window on a 1920×1080 screen, to look at (SEEDREAM_SCREENSHOT_WIDE=<folder> keeps it).
    window.resize(1920, 1080)
    qtbot.wait(50)
    wide = window.grab()
    assert wide.save(str(tmp_path / "screenshot-main-1920.png"))
    if os.environ.get("SEEDREAM_SCREENSHOT_WIDE"):
        assert wide.save(str(Path(os.environ["SEEDREAM_SCREENSHOT_WIDE"]) / "screenshot-main-1920.png"))
