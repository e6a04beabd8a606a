"""The viewer shows the grid's cached thumbnail at once, fitted as the original would be, and swaps in the
full decode when it lands; the decode hands Qt the pixels in its own byte order, colours intact."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QColor, QImage

from seedream_desktop.ui.results.thumbnail_files import ResultThumbnailFiles
from seedream_desktop.ui.viewer.decode import to_qimage
from seedream_desktop.ui.viewer.page import ViewerPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def page(qtbot):
    viewer = ViewerPage()
    qtbot.addWidget(viewer)
    viewer.resize(800, 600)
    viewer.show()
    yield viewer
    viewer.shutdown()


def test_the_cached_thumbnail_shows_before_the_decode_and_the_full_image_replaces_it(qtbot, page, tmp_path):
    original = tmp_path / "wide.png"
    Image.new("RGB", (2400, 1200), "#c04020").save(original)
    thumbnails = ResultThumbnailFiles(tmp_path / "thumbs")
    assert thumbnails.cached(original) is None  # the viewer never makes one itself
    made = thumbnails(original, 512)
    assert thumbnails.cached(original) == made
    page.preview_file = thumbnails.cached

    page.open_rows(lambda _row: original, 1, 0)
    # No event has been processed: what is on screen is the thumbnail, fitted as the original will be.
    assert page.has_image() and not page.is_sharp()
    assert page.canvas.pixmaps[0].width() == 512
    assert page.canvas.zoom() == pytest.approx(800 / 2400)
    qtbot.waitUntil(page.is_sharp, timeout=10_000)
    assert page.canvas.pixmaps[0].width() == 2400
    assert page.canvas.zoom() == pytest.approx(800 / 2400)
    assert page.canvas.pixmaps[0].toImage().pixelColor(5, 5) == QColor("#c04020")


def test_without_a_cached_thumbnail_the_viewer_says_it_is_loading_then_shows_the_image(qtbot, page, tmp_path):
    original = tmp_path / "plain.png"
    Image.new("RGB", (300, 200), "#204080").save(original)
    page.preview_file = ResultThumbnailFiles(tmp_path / "thumbs").cached
    page.open_rows(lambda _row: original, 1, 0)
    assert not page.has_image() and page.canvas.message
    qtbot.waitUntil(page.is_sharp, timeout=10_000)
    assert page.canvas.pixmaps[0].size().width() == 300


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "P"])
def test_decoded_pixels_reach_qt_in_the_right_order(mode):
    colour = (200, 60, 20, 128) if mode == "RGBA" else (200, 60, 20)
    image = Image.new("RGBA" if mode == "RGBA" else "RGB", (7, 3), colour)
    if mode in ("L", "P"):
        image = image.convert(mode)
    expected = image.convert("RGBA").getpixel((6, 2))
    qimage, data = to_qimage(image)
    assert data is not None and len(data) == 7 * 3 * 4
    got = qimage.convertToFormat(QImage.Format.Format_RGBA8888).pixelColor(6, 2)
    assert (got.red(), got.green(), got.blue(), got.alpha()) == expected


def test_a_damaged_file_says_so_in_the_viewer(qtbot, page, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    page.open_rows(lambda _row: Path(broken), 1, 0)
    qtbot.waitUntil(lambda: "cannot be shown" in page.canvas.message, timeout=10_000)
    assert not page.has_image()


def test_a_large_jpeg_is_decoded_at_screen_size_first_then_in_full(qtbot, tmp_path):
    from PySide6.QtCore import QSize

    from seedream_desktop.ui.viewer.decode import FULL, SCREEN, ViewerDecoder

    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (1600, 800), "#30a050").save(photo, quality=90)
    decoder = ViewerDecoder()
    got: list = []
    decoder.loaded.connect(got.append)
    decoder.request("photo", photo, QSize(200, 100))
    qtbot.waitUntil(lambda: any(d.stage == FULL for d in got), timeout=10_000)
    decoder.shutdown()
    assert [d.stage for d in got] == [SCREEN, FULL]
    assert got[0].image.width() == 200 and got[1].image.width() == 1600  # draft: 1/8 scale in the decoder
