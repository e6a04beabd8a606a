"""SizePicker: only the 17 sizes, arrows move through the grid, mouse picks, tooltips give pixels."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from seedream_desktop.api.sizes import DEFAULT_SIZE, SIZES, by_key
from seedream_desktop.ui.compose.size_picker import SizePicker
from tests.ui.compose_support import host


def test_every_size_has_exactly_one_cell_and_nothing_else(qtbot) -> None:
    picker = SizePicker()
    host(qtbot, picker)
    cells = set()
    for x in range(0, picker.width(), 8):
        for y in range(0, picker.height(), 8):
            preset = picker.preset_at(QPoint(x, y))
            if preset is not None:
                cells.add(preset)
    assert cells == set(SIZES)
    for preset in SIZES:
        assert picker.preset_at(picker.cell_rect(preset).center()) == preset


def test_arrow_keys_walk_the_grid(qtbot) -> None:
    picker = SizePicker()
    host(qtbot, picker)
    picker.setFocus()
    assert picker.size_preset() == DEFAULT_SIZE  # 2K 1:1
    with qtbot.waitSignal(picker.sizeChanged) as changed:
        qtbot.keyClick(picker, Qt.Key.Key_Right)
    assert changed.args == [by_key("2K-4:3")]
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    assert picker.size_preset() == by_key("4K-4:3")
    qtbot.keyClick(picker, Qt.Key.Key_End)
    assert picker.size_preset() == by_key("4K-21:9")
    # 1K has only the square: up from 2K 21:9 lands on 1K 1:1.
    qtbot.keyClick(picker, Qt.Key.Key_Up)
    qtbot.keyClick(picker, Qt.Key.Key_Up)
    assert picker.size_preset() == by_key("1K-1:1")
    qtbot.keyClick(picker, Qt.Key.Key_Right)  # no 1K 4:3: stays
    assert picker.size_preset() == by_key("1K-1:1")
    qtbot.keyClick(picker, Qt.Key.Key_Home)
    assert picker.size_preset() == by_key("1K-1:1")


def test_mouse_click_picks_a_size(qtbot) -> None:
    picker = SizePicker()
    host(qtbot, picker)
    target = by_key("2K-9:16")
    with qtbot.waitSignal(picker.sizeChanged):
        qtbot.mouseClick(picker, Qt.MouseButton.LeftButton, pos=picker.cell_rect(target).center())
    assert picker.size_preset() == target
    assert picker.hasFocus()
    assert "1440 × 2560" in picker.accessibleDescription()


def test_tab_reaches_the_picker(qtbot) -> None:
    container = QWidget()
    before = QLineEdit(container)
    picker = SizePicker(container)
    from PySide6.QtWidgets import QVBoxLayout

    layout = QVBoxLayout(container)
    layout.addWidget(before)
    layout.addWidget(picker)
    host(qtbot, container)
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert picker.hasFocus()


def test_only_valid_sizes_are_accepted(qtbot) -> None:
    from seedream_desktop.api.sizes import SizePreset

    picker = SizePicker()
    qtbot.addWidget(picker)
    picker.set_size_preset(SizePreset("3K", "1:1", 3000, 3000))
    assert picker.size_preset() == DEFAULT_SIZE


def test_paints_in_light_and_dark_palettes(qtbot) -> None:
    from PySide6.QtGui import QColor, QPalette

    picker = SizePicker()
    picker.setAutoFillBackground(True)
    host(qtbot, picker)
    light = picker.grab().toImage()
    picker.setPalette(QPalette(QColor("#202020")))
    picker.setAutoFillBackground(True)
    dark = picker.grab().toImage()
    # Text and swatch outlines follow the palette: light ink on dark, dark ink on light.
    spot = picker.cell_rect(by_key("4K-16:9")).center()
    assert dark.pixelColor(2, 2).lightness() < 80
    assert dark.pixelColor(spot) != light.pixelColor(spot)
