"""The edit canvas driven by synthetic mouse events: draw, erase, undo, redo, select, markup, send."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from seedream_desktop.library.edits.original import open_original
from seedream_desktop.ui.edit.canvas import EditCanvas
from seedream_desktop.ui.edit.dialog import EditDialog
from tests.helpers.canvas import _at, _drag

# Offscreen Qt says this of every top-level window with a toolbar (the other window tests ignore it too).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _canvas(qtbot: QtBot, size: tuple[int, int] = (400, 300), text: str | None = "logo") -> EditCanvas:
    picture = QImage(size[0], size[1], QImage.Format.Format_RGB888)
    picture.fill(Qt.GlobalColor.darkGreen)
    canvas = EditCanvas(picture, lambda: text)
    qtbot.addWidget(canvas)
    canvas.resize(size[0] + 40, size[1] + 40)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.actual_size()
    canvas.centerOn(size[0] / 2, size[1] / 2)
    return canvas


def _masked(canvas: EditCanvas, x: int, y: int) -> bool:
    return canvas.mask_layer.to_mask().getpixel((x, y)) == 255


def test_draw_erase_undo_redo(qtbot: QtBot) -> None:
    canvas = _canvas(qtbot)
    canvas.set_brush(20)
    _drag(qtbot, canvas, [(50, 150), (150, 150), (250, 150)])
    assert _masked(canvas, 100, 150) and _masked(canvas, 250, 150) and not _masked(canvas, 100, 100)
    canvas.tool = "eraser"
    _drag(qtbot, canvas, [(100, 130), (100, 170)])
    assert not _masked(canvas, 100, 150) and _masked(canvas, 200, 150)
    assert canvas.undo_stack.count() == 2
    canvas.undo_stack.undo()
    assert _masked(canvas, 100, 150)
    canvas.undo_stack.undo()
    assert canvas.mask_layer.to_mask().getbbox() is None
    canvas.undo_stack.redo()
    canvas.undo_stack.redo()
    assert not _masked(canvas, 100, 150) and _masked(canvas, 200, 150)


def test_fifty_undo_steps(qtbot: QtBot) -> None:
    canvas = _canvas(qtbot)
    canvas.set_brush(4)
    for i in range(55):
        _drag(qtbot, canvas, [(5 + i * 7, 20), (5 + i * 7, 40)])
    for _ in range(55):
        canvas.undo_stack.undo()
    assert canvas.mask_layer.to_mask().getbbox() is None


def test_rectangle_adds_and_alt_cuts(qtbot: QtBot) -> None:
    canvas = _canvas(qtbot)
    canvas.tool = "rect"
    _drag(qtbot, canvas, [(40, 40), (120, 90), (200, 140)])
    box = canvas.mask_layer.to_mask().getbbox()
    assert box is not None and abs(box[0] - 40) <= 2 and abs(box[2] - 200) <= 2 and abs(box[3] - 140) <= 2
    canvas.subtract = True
    _drag(qtbot, canvas, [(60, 60), (100, 100)])
    assert not _masked(canvas, 80, 80) and _masked(canvas, 150, 120)
    canvas.undo_stack.undo()
    assert _masked(canvas, 80, 80)


def test_lasso_selection(qtbot: QtBot) -> None:
    canvas = _canvas(qtbot)
    canvas.tool = "lasso"
    _drag(qtbot, canvas, [(100, 50), (200, 150), (100, 250), (50, 150)])
    assert _masked(canvas, 110, 150) and not _masked(canvas, 250, 150)


def test_markup_arrow_and_text(qtbot: QtBot) -> None:
    canvas = _canvas(qtbot)
    canvas.tool = "arrow"
    canvas.colour = "yellow"
    _drag(qtbot, canvas, [(300, 50), (250, 100), (200, 150)])
    (arrow,) = canvas.markup.marks
    assert arrow.kind == "arrow" and arrow.colour == "yellow"
    assert abs(arrow.points[0][0] - 300) <= 1 and abs(arrow.points[-1][1] - 150) <= 1
    canvas.tool = "text"
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=_at(canvas, 20, 20))
    assert [m.kind for m in canvas.markup.marks] == ["arrow", "text"] and canvas.markup.marks[
        1
    ].text == "logo"
    canvas.undo_stack.undo()
    canvas.undo_stack.undo()
    assert canvas.markup.marks == []
    canvas.undo_stack.redo()
    assert [m.kind for m in canvas.markup.marks] == ["arrow"]


def test_brush_size_keys(qtbot: QtBot) -> None:
    canvas = _canvas(qtbot)
    canvas.set_brush(20)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert canvas.brush > 20
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    assert canvas.brush < 20


def test_stroke_segment_repaints_only_its_rectangle(qtbot: QtBot) -> None:
    canvas = _canvas(qtbot, (3840, 2160))
    dirty = canvas.mask_layer.stroke(QPointF(1000, 1000), QPointF(1010, 1004), 10, erase=False)
    assert dirty.width() <= 40 and dirty.height() <= 40


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    im = Image.new("RGB", (300, 200), (40, 90, 160))
    ImageDraw.Draw(im).rectangle((0, 140, 300, 200), fill=(60, 140, 60))
    im.save(tmp_path / "photo.png")
    return tmp_path / "photo.png"


def test_send_builds_the_region_edit(qtbot: QtBot, photo: Path, library_dir: Path) -> None:
    dialog = EditDialog(open_original(photo), library_root=library_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "2K 3:2" in dialog.size_label.text()
    with qtbot.assertNotEmitted(dialog.sent):
        dialog.send_button.click()  # no instruction yet
    assert dialog.problem.text()
    dialog.instruction.setText("a red umbrella")
    with qtbot.assertNotEmitted(dialog.sent):
        dialog.send_button.click()  # nothing marked yet
    assert "no mask and no markup" in dialog.problem.text()
    dialog.canvas.actual_size()
    dialog.canvas.centerOn(150, 100)
    dialog.set_tool("rect")
    _drag(qtbot, dialog.canvas, [(60, 40), (160, 120)])
    with qtbot.waitSignal(dialog.sent) as sent:
        dialog.send_button.click()
    edit = sent.args[0]
    request = edit.request
    assert request.prompt.startswith("Edit image 1. Change only the area marked in image 2: a red umbrella")
    assert request.size.key == "2K-3:2" and request.parent == str(photo)
    assert request.references[0].source == str(photo) and len(request.references) == 2
    assert edit.mask is not None and edit.mask.getbbox() is not None and edit.pastes_back
    assert request.edit is not None and request.edit["kind"] == "mask"


def _pen_stroke(canvas: EditCanvas, points: list[tuple[float, float]], pressure: float) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
    from PySide6.QtWidgets import QApplication

    pen = QPointingDevice(
        "test pen", 7, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3,
    )  # fmt: skip
    kinds = (
        [QEvent.Type.TabletPress] + [QEvent.Type.TabletMove] * (len(points) - 2) + [QEvent.Type.TabletRelease]
    )
    for kind, (x, y) in zip(kinds, points, strict=True):
        at = QPointF(_at(canvas, x, y))
        pressed = kind != QEvent.Type.TabletRelease
        event = QTabletEvent(
            kind, pen, at, QPointF(canvas.viewport().mapToGlobal(at)), pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
            Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton if pressed else Qt.MouseButton.NoButton,
        )  # fmt: skip
        QApplication.sendEvent(canvas.viewport(), event)


def test_pen_pressure_scales_the_brush(qtbot: QtBot) -> None:
    canvas = _canvas(qtbot)
    canvas.set_brush(40)
    _pen_stroke(canvas, [(50, 80), (150, 80), (250, 80)], pressure=1.0)
    _pen_stroke(canvas, [(50, 200), (150, 200), (250, 200)], pressure=0.25)
    mask = canvas.mask_layer.to_mask()
    firm = mask.crop((140, 0, 160, 140)).getbbox()
    light = mask.crop((140, 140, 160, 300)).getbbox()
    assert firm is not None and light is not None
    assert firm[3] - firm[1] > 30 and light[3] - light[1] < 15  # 40 px under full pressure, ~10 px light
    assert canvas.undo_stack.count() == 2


def test_keys_undo_redo_zoom_and_pan(qtbot: QtBot, photo: Path, library_dir: Path) -> None:
    from PySide6.QtCore import QPoint as Point
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication, QGraphicsView

    dialog = EditDialog(open_original(photo), library_root=library_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # the dialog's shortcuts need it to be the active window
    qtbot.waitUntil(dialog.isActiveWindow)
    canvas = dialog.canvas
    canvas.setFocus()
    canvas.actual_size()
    canvas.centerOn(150, 100)
    _drag(qtbot, canvas, [(100, 100), (200, 100)])
    assert _masked(canvas, 150, 100)
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not _masked(canvas, 150, 100)
    qtbot.keyClick(
        canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert _masked(canvas, 150, 100)

    centre = canvas.viewport().rect().center()
    wheel = QWheelEvent(
        QPointF(centre), QPointF(canvas.viewport().mapToGlobal(centre)), Point(0, 0), Point(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(canvas.viewport(), wheel)
    assert canvas.transform().m11() == pytest.approx(1.25)
    qtbot.keyClick(canvas, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert canvas.transform().m11() == 1.0
    qtbot.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert canvas.transform().m11() != 1.0  # fitted to the view

    qtbot.keyPress(canvas, Qt.Key.Key_Space)
    assert canvas.dragMode() == QGraphicsView.DragMode.ScrollHandDrag
    qtbot.keyRelease(canvas, Qt.Key.Key_Space)
    assert canvas.dragMode() == QGraphicsView.DragMode.NoDrag
    qtbot.keyClick(canvas, Qt.Key.Key_E)  # tool shortcuts
    assert canvas.tool == "eraser"
