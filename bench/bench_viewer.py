"""Viewer: time from asking to see a 4K image to its pixels on screen, beside its baseline.

Baseline: Pillow decoding the same PNG and converting it to a QImage, on the calling thread (the least
any viewer has to do). Goal: the window's viewer within 150 ms. Run: ``python -m bench viewer``.
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


def _viewer(app, page, path: Path) -> float:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop

    start = time.perf_counter()
    page.open_rows(lambda _row: path, 1, 0)
    while not page.has_image():
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        if time.perf_counter() - start > 30:
            raise TimeoutError("the viewer showed nothing in 30 s")
    page.canvas.repaint()  # the first paint of the fitted image
    return (time.perf_counter() - start) * 1000


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from seedream_desktop.ui.viewer.page import ViewerPage

    app = QApplication.instance() or QApplication([sys.argv[0]])
    folder = Path(tempfile.mkdtemp(prefix="seedream-bench-viewer-"))
    try:
        source = folder / "4k.png"
        _make_4k(source)
        page = ViewerPage()
        page.resize(1600, 1000)
        page.show()
        base, ours = [], []
        for n in range(RUNS + 1):  # the first of each warms the caches and is not counted
            copy = folder / f"4k-{n}.png"  # a new file each time: nothing cached by path
            shutil.copyfile(source, copy)
            b, v = _baseline(copy), _viewer(app, page, copy)
            if n:
                base.append(b)
                ours.append(v)
        page.shutdown()
        page.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    b, v = statistics.median(base), statistics.median(ours)
    verdict = "OK" if v <= GOAL_MS else "MISSED"
    print(f"4K image to screen (median of {RUNS}): Pillow decode + QImage {b:.0f} ms, viewer {v:.0f} ms")
    print(f"  ratio {v / b:.2f}×  (goal ≤ {GOAL_MS:.0f} ms)  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
