"""Driving the main window as a person does: type a prompt, generate with the keyboard, find saved rows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import make_image
from tests.ui.helpers import small_request


def type_prompt(qtbot, window, text: str) -> None:
    window.compose.editor.set_text(text)
    window.compose.editor.text_edit.setFocus()


def generate_with_keyboard(qtbot, window) -> None:
    qtbot.keyClick(window.compose.editor.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def saved_rows(window) -> list[int]:
    return [r for r in range(window.model.rowCount()) if window.model.item(r).is_saved]


def with_results(window, _tmp_path, count: int = 3) -> list:
    folder = Path(window.parts.settings.library)  # saved where generations go: the library has them too
    paths = [make_image(folder / f"result-{n}.png", 640, 400, c) for n, c in
             enumerate(("#aa3333", "#33aa33", "#3333aa")[:count])]  # fmt: skip
    window.model.add_job("job", small_request("three"), count, "generating")
    for path in paths:
        window.model.image_saved("job", path, None)
    return paths
