"""The window at the sizes designers use, in English and Chinese: images get the room, nothing is clipped.

One real window per size and language (offscreen): the Library workspace gives its grid most of the
width, the Create workspace shows three columns of results on a wide screen with a narrow compose
column, the window fits a 1280×720 screen, no label or button is cut off and no horizontal scrollbar
shows, even with a 200-character file name selected. With SEEDREAM_LAYOUT_SHOTS=<folder> each state is
also saved there as a PNG, to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from seedream_desktop.ui import fonts, language
from tests.helpers.catalog import COMMITTED, build
from tests.helpers.layout import clipped
from tests.ui.conftest import make_image
from tests.ui.helpers import small_request

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SIZES = ((1280, 800), (1600, 1000), (1920, 1080))
LONG_NAME = ("a-very-long-file-name-of-a-poster-variant-" * 5)[:196] + ".png"


@pytest.fixture(params=["en", "zh_CN"])
def lang(request, qapp, tmp_path_factory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("translations")
    if request.param == "zh_CN":
        build.compile_qm(COMMITTED, folder / "seedream_desktop_zh_CN.qm")
        installed = language.install_translators(qapp, "zh_CN", folder)
    else:
        installed = language.install_translators(qapp, "en")
    yield request.param
    language.remove_translators(qapp, installed)


def _shot(window: QWidget, name: str) -> None:
    folder = os.environ.get("SEEDREAM_LAYOUT_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(folder) / f"{name}.png"))


def horizontal_bars(root: QWidget) -> list[str]:
    return [
        f"{type(area).__name__}#{area.objectName()}"
        for area in root.findChildren(QAbstractScrollArea)
        if area.isVisible() and area.horizontalScrollBar().isVisible()
    ]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_window_gives_images_the_room_and_clips_nothing(size, lang, make_window, qtbot, preferred_cjk):
    width, height = size
    window = make_window(None)
    window.resize(width, height)
    assert window.minimumSizeHint().width() <= 1280 and window.minimumSizeHint().height() <= 720
    qtbot.waitUntil(lambda: window.width() == width)

    # A result with a very long name in the results, and the same file in the library.
    library_root = Path(window.parts.settings.library)
    image = make_image(library_root / LONG_NAME, 1024, 1024)
    window.model.add_job("job-1", small_request("a lighthouse at dusk"), 1, "generating")
    window.model.image_saved("job-1", image, None)
    window.grid.select_row(0)
    window.compose.set_parent_image(str(image))  # "Editing <200 characters>" must not widen the column

    # Create: results take the rest; at 1920 three columns of default tiles, compose ≤ 30 %.
    window.library_tab.show_library(False)
    qtbot.wait(20)
    grid = window.grid
    if width >= 1920:
        columns = grid.viewport().width() // (grid.preferred_tile_side() + 8)
        assert columns >= 3, (grid.viewport().width(), grid.preferred_tile_side())
        assert window.sidebar.width() <= 0.30 * width, window.sidebar.width()
    assert window.width() == width  # nothing pushed the window wider
    _shot(window, f"create-{lang}-{width}x{height}")
    assert not clipped(window), clipped(window)
    assert not horizontal_bars(window), horizontal_bars(window)

    # Library: the grid gets most of the width, the inspector wraps the long name.
    tab = window.library_tab
    tab.show_library(True)
    view = tab.view
    view.library.sync_paths([image])
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    view.select_rows([0])
    qtbot.waitUntil(lambda: view.details.entry is not None)
    qtbot.wait(20)
    _shot(window, f"library-{lang}-{width}x{height}")
    sizes = view.splitter.sizes(), [w.minimumSizeHint().width() for w in (view.boards, view.details)]
    assert view.grid.width() >= 0.55 * width, (view.grid.width(), width, sizes)
    assert window.width() == width
    _shot(window, f"library-{lang}-{width}x{height}")
    assert not clipped(window), clipped(window)
    assert not horizontal_bars(window), horizontal_bars(window)


@pytest.fixture
def preferred_cjk(qapp) -> Iterator[None]:
    """As the app does at start-up: Simplified Chinese glyphs first (restored after: it is process-wide)."""
    from PySide6.QtGui import QFont

    base = QFont().family()
    before = QFont.substitutes(base)
    family = fonts.cjk_font_family()
    if family is not None:
        fonts.prefer_cjk_font(family)
    yield
    QFont.removeSubstitutions(base)
    if before:
        QFont.insertSubstitutions(base, before)
