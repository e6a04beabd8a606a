"""What a size picker offers, read the way a person sees it: the preset under each point of the widget."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from seedream_desktop.ui.compose.size_picker import SizePicker


def cells(picker: SizePicker) -> set:
    found = set()
    for x in range(0, picker.width(), 8):
        for y in range(0, picker.height(), 8):
            preset = picker.preset_at(QPoint(x, y))
            if preset is not None:
                found.add(preset)
    return found
