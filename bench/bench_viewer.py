"""Viewer: time from asking to see a 4K image to a picture on screen, and to the full-size picture.

Baseline: Pillow decoding the same PNG and converting it to a QImage, on the calling thread (the least
any viewer has to do to show the full image). Floor: Pillow's PNG decode alone (no viewer showing the
full image can beat it). The first picture is the grid's cached 512 px thumbnail (made before timing,
as the grid had made it), shown scaled to fit while the original decodes on a worker.
Goal: a picture within 150 ms. Run: ``python -m bench viewer``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
GOAL_MS = 150.0
SIZE = (3840, 2160)


def _make_4k(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, "#203040")
    draw = ImageDraw.Draw(image)
    for n in range(0, SIZE[0], 40):  # enough detail that the PNG is not trivially compressible
        draw.line([(n, 0), (SIZE[0] - n, SIZE[1])], fill=(n % 255, (n * 7) % 255, (n * 13) % 255), width=3)
    image.save(path)


def _baseline(path: Path) -> float:
    from PIL import Image
    from PySide6.QtGui import QImage

    start = time.perf_counter()
    with Image.open(path) as image:
        rgb = image.convert("RGB")
        data = rgb.tobytes()
        qimage = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()
    assert not qimage.isNull()
    return (time.perf_counter() - start) * 1000


def _floor(path: Path) -> float:
    from PIL import Image

    start = time.perf_counter()
    with Image.open(path) as image:
        image.load()
    return (time.perf_counter() - start) * 1000


def _viewer(app, page, path: Path) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(ms to the first picture painted, ms to the full-size picture painted)."""
    from PySide6.QtCore import QEventLoop

    page.close_viewer()  # nothing of the last run stays shown
    page.open_rows(lambda _row: None, 0, 0)
    start = time.perf_counter()
    page.open_rows(lambda _row: path, 1, 0)
    first = None
    while True:
        if first is None and page.has_image():
            page.canvas.repaint()  # the first paint of the fitted picture
            first = (time.perf_counter() - start) * 1000
        if page.is_sharp():
            page.canvas.repaint()
            return first or 0.0, (time.perf_counter() - start) * 1000
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        if time.perf_counter() - start > 30:
            raise TimeoutError("the viewer showed nothing in 30 s")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from seedream_desktop.ui.results.thumbnail_files import ResultThumbnailFiles
    from seedream_desktop.ui.viewer.page import ViewerPage

    app = QApplication.instance() or QApplication([sys.argv[0]])
    folder = Path(tempfile.mkdtemp(prefix="seedream-bench-viewer-"))
    try:
        source = folder / "4k.png"
        _make_4k(source)
        thumbnails = ResultThumbnailFiles(folder / "thumbnails")
        page = ViewerPage()
        page.preview_file = thumbnails.cached
        page.resize(1600, 1000)
        page.show()
        base, floor, first, full = [], [], [], []
        for n in range(RUNS + 1):  # the first of each warms the caches and is not counted
            copy = folder / f"4k-{n}.png"  # a new file each time: nothing cached by path
            shutil.copyfile(source, copy)
            thumbnails(copy, 512)  # the grid showed it: its thumbnail is in the cache
            b, f = _baseline(copy), _floor(copy)
            v1, v2 = _viewer(app, page, copy)
            if n:
                base.append(b)
                floor.append(f)
                first.append(v1)
                full.append(v2)
        page.shutdown()
        page.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    b, f = statistics.median(base), statistics.median(floor)
    v1, v2 = statistics.median(first), statistics.median(full)
    verdict = "OK" if v1 <= GOAL_MS else "MISSED"
    print(f"4K PNG in the viewer (median of {RUNS}): baseline Pillow decode + QImage {b:.0f} ms")
    print(f"  first picture (cached thumbnail, fitted) {v1:.0f} ms  ratio {v1 / b:.2f}×  "
          f"(goal ≤ {GOAL_MS:.0f} ms)  {verdict}")  # fmt: skip
    print(
        f"  full resolution {v2:.0f} ms  ratio {v2 / b:.2f}×  (floor: Pillow's PNG decode alone {f:.0f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
