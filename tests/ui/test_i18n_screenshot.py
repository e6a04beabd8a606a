"""The README's Chinese screenshot: the main window under zh_CN after a demo generation with Chinese prompts.

Rendered offscreen into tmp_path on every run (so the zh_CN rendering is tested); with
SEEDREAM_WRITE_SCREENSHOT=1 it is also saved as docs/screenshot-main-zh_CN.png.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seedream_desktop.api.sizes import by_key
from seedream_desktop.ui import fonts
from tests.helpers.chinese_ui import english_words, shown_texts

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshot-main-zh_CN.png"
PROMPT_WIDE = "雨夜的夜市全景，霓虹灯倒映在湿漉漉的石板路上，电影感，2K 16:9"
PROMPT = "黎明时分，云雾缭绕的山脊上有一座玻璃温室，暖光，35mm 胶片质感"


def test_screenshot_of_the_main_window_in_chinese(zh_cn, preferred_fonts, make_window, qtbot, tmp_path):
    family = fonts.cjk_font_family()
    assert family is not None, fonts.missing_font_message()
    fonts.prefer_cjk_font(family)  # as the app does at start-up: Simplified Chinese glyphs first
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
    qtbot.waitUntil(lambda: all(window.model.has_thumbnail(k) for k in grid.visible_keys()), timeout=20_000)
    grid.select_row(0)
    window.status.showMessage("")
    # After a generation the status bar, grid and banners have new texts: still all Chinese.
    leftover = [f"{w}: {t!r}" for w, t in shown_texts(window) if english_words(t)]
    # The library page with an image's details (prompt, size, seed, cost, marks, lineage) on show.
    tab = window.library_tab
    tab.show_library(True)
    view = tab.view
    qtbot.waitUntil(lambda: view.model.rowCount() == 7, timeout=10_000)
    view.select_rows([0])
    qtbot.waitUntil(lambda: view.details.prompt.text() in (PROMPT, PROMPT_WIDE), timeout=5000)
    leftover += [f"{w}: {t!r}" for w, t in shown_texts(window) if english_words(t)]
    assert not leftover, leftover
    assert window.grab().save(str(tmp_path / "library-zh_CN.png"))  # kept with the test's files, to look at
    tab.show_library(False)
    qtbot.wait(50)  # let the last paint events through before grabbing
    picture = window.grab()
    assert picture.width() >= 1280 * picture.devicePixelRatio() - 1
    assert picture.save(str(tmp_path / "screenshot-main-zh_CN.png"))
    if os.environ.get("SEEDREAM_WRITE_SCREENSHOT") == "1":
        DOCS.parent.mkdir(parents=True, exist_ok=True)
        assert picture.save(str(DOCS))
    # The same window on a 1920×1080 screen, to look at (SEEDREAM_SCREENSHOT_WIDE=<folder> keeps it).
    window.resize(1920, 1080)
    qtbot.wait(50)
    wide = window.grab()
    assert wide.save(str(tmp_path / "screenshot-main-zh_CN-1920.png"))
    if os.environ.get("SEEDREAM_SCREENSHOT_WIDE"):
        assert wide.save(str(Path(os.environ["SEEDREAM_SCREENSHOT_WIDE"]) / "screenshot-main-zh_CN-1920.png"))
