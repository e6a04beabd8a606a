"""Driving the main window as a person does: type a prompt, generate with the keyboard, find saved rows."""

from __future__ import annotations

from PySide6.QtCore import Qt


def type_prompt(qtbot, window, text: str) -> None:
    window.compose.editor.set_text(text)
    window.compose.editor.text_edit.setFocus()


def generate_with_keyboard(qtbot, window) -> None:
    qtbot.keyClick(window.compose.editor.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def saved_rows(window) -> list[int]:
    return [r for r in range(window.model.rowCount()) if window.model.item(r).is_saved]
