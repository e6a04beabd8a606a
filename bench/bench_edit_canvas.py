"""Brush strokes on a 4K edit canvas vs a bare QGraphicsView/QPainter stroke on the same image.

Run: ``python -m bench edit_canvas``. Each stroke segment is painted and the view repainted at once
(``viewport().repaint()``), so the time is what a person waits for between two pointer moves. Goal
(issue 17): p99 ≤ 16 ms per segment. The baseline paints the same segments into a plain QImage shown
by a QGraphicsPixmapItem-like item that repaints the same rectangle: the cost of the stroke alone.
"""

from __future__ import annotations

import itertools
import math
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (3840, 2160)
SEGMENTS = 400
RADIUS = 30.0


def _path() -> list[tuple[float, float]]:
    """A wavy stroke across the picture, a few pixels per segment, as a hand drags a brush."""
    return [(400 + i * 7.5, 1080 + 500 * math.sin(i / 40)) for i in range(SEGMENTS + 1)]


def _p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.99 * len(ordered)))] * 1000


def main() -> int:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
    from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsScene, QGraphicsView

    from seedream_desktop.ui.edit.canvas import EditCanvas

    app = QApplication.instance() or QApplication([])
    picture = QImage(SIZE[0], SIZE[1], QImage.Format.Format_RGB888)
    picture.fill(QColor(40, 90, 160))
    points = [QPointF(x, y) for x, y in _path()]

    canvas = EditCanvas(picture, lambda: None)
    canvas.resize(1600, 1000)
    canvas.show()
    canvas.actual_size()
    canvas.centerOn(1900, 1080)
    app.processEvents()

    class Bare(QGraphicsItem):
        def __init__(self) -> None:
            super().__init__()
            self.image = QImage(SIZE[0], SIZE[1], QImage.Format.Format_ARGB32_Premultiplied)
            self.image.fill(Qt.GlobalColor.transparent)

        def boundingRect(self) -> QRectF:
            return QRectF(0, 0, SIZE[0], SIZE[1])

        def paint(self, painter: QPainter, option: object, widget: object = None) -> None:
            painter.drawImage(0, 0, self.image)

    scene = QGraphicsScene()
    scene.addPixmap(QPixmap.fromImage(picture))
    bare = Bare()
    scene.addItem(bare)
    view = QGraphicsView(scene)
    view.resize(1600, 1000)
    view.show()
    view.centerOn(1900, 1080)
    app.processEvents()
    pen = QPen(QColor(255, 0, 200, 115), RADIUS * 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    reach = RADIUS + 2

    def ours_segment(a: QPointF, b: QPointF) -> None:
        canvas.mask_layer.stroke(a, b, RADIUS, erase=False)
        canvas.viewport().repaint()

    def bare_segment(a: QPointF, b: QPointF) -> None:
        painter = QPainter(bare.image)
        painter.setPen(pen)
        painter.drawLine(a, b)
        painter.end()
        bare.update(QRectF(a, b).normalized().adjusted(-reach, -reach, reach, reach))
        view.viewport().repaint()

    # Interleaved, segment by segment, so both see the same load on a shared machine.
    ours: list[float] = []
    baseline: list[float] = []
    canvas.mask_layer.begin()
    for a, b in itertools.pairwise(points):
        for run, times in ((ours_segment, ours), (bare_segment, baseline)):
            start = time.perf_counter()
            run(a, b)
            times.append(time.perf_counter() - start)
    canvas.mask_layer.end()

    print(
        f"{SEGMENTS} stroke segments on a {SIZE[0]}×{SIZE[1]} picture, brush {RADIUS * 2:.0f} px, view 1600×1000"
    )
    print(
        f"  edit canvas  p99 {_p99(ours):6.2f} ms  median {statistics.median(ours) * 1000:6.2f} ms (goal p99 ≤ 16)\n"
        f"  bare QPainter p99 {_p99(baseline):6.2f} ms  median {statistics.median(baseline) * 1000:6.2f} ms\n"
        f"  ratio p99 {_p99(ours) / _p99(baseline):4.2f}"
    )
    canvas.close()
    view.close()
    _stall(app)
    return 0


def _stall(app: object) -> None:
    """The GUI thread's longest stall while an edit's work (prepare, framing check, paste-back, PNG
    encode of a 4K picture) runs on a worker thread, beside the same measurement with nothing running.
    Goal (issue 17): ≤ 50 ms."""
    import io
    import tempfile
    import threading
    from pathlib import Path

    from PIL import Image, ImageDraw
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from seedream_desktop.library.edits.original import open_original
    from seedream_desktop.library.edits.paste_back import check_framing, paste_back
    from seedream_desktop.library.edits.prepare import prepare_edit

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        gradient = Image.linear_gradient("L").resize(SIZE)
        Image.merge("RGB", (gradient, Image.effect_noise(SIZE, 30), gradient)).save(
            root / "4k.png", compress_level=1
        )
        mask = Image.new("L", SIZE, 0)
        ImageDraw.Draw(mask).ellipse((1000, 500, 2400, 1600), fill=255)

        def edit_work() -> None:
            original = open_original(root / "4k.png")
            edit = prepare_edit(original, "a boat", library_root=root, mask=mask)
            output = original.image.resize((5120, 2880))
            check_framing(original.image, output, mask, 12)
            paste_back(original.image, output, mask, 12).save(io.BytesIO(), "PNG", compress_level=6)
            del edit

        def longest_gap(work: object) -> tuple[float, float]:
            gaps: list[float] = []
            clock = QElapsedTimer()
            clock.start()
            last = [clock.elapsed()]
            loop = QEventLoop()

            def tick() -> None:
                now = clock.elapsed()
                gaps.append(now - last[0])
                last[0] = now

            timer = QTimer()
            timer.setInterval(5)
            timer.timeout.connect(tick)
            timer.start()
            done = threading.Event()
            if work is None:
                QTimer.singleShot(3000, loop.quit)
            else:

                def run() -> None:
                    work()  # type: ignore[operator]
                    done.set()

                thread = threading.Thread(target=run)
                thread.start()
                watcher = QTimer()
                watcher.setInterval(20)
                watcher.timeout.connect(lambda: done.is_set() and loop.quit())
                watcher.start()
            start = clock.elapsed()
            loop.exec()
            timer.stop()
            if work is not None:
                thread.join()
            return max(gaps[1:] or [0.0]), clock.elapsed() - start

        idle, _ = longest_gap(None)
        busy, took = longest_gap(edit_work)
    print(
        f"GUI-thread longest stall while a 4K edit is prepared and pasted back on a worker ({took / 1000:.1f} s): "
        f"{busy:.0f} ms (goal ≤ 50) | idle: {idle:.0f} ms"
    )


if __name__ == "__main__":
    raise SystemExit(main())
