"""PromptEditor and its history: counting (Chinese too), input methods, Ctrl+Enter, Alt+Up/Down, the drop-down."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from seedream_desktop.library.prompt_history import PromptHistory
from seedream_desktop.ui.compose.prompt_editor import PromptEditor
from seedream_desktop.ui.compose.prompt_history import PromptHistoryModel
from tests.ui.compose_support import host, png

# WORKAROUND: the offscreen platform cannot raise, grab the keyboard for or size a pop-up window and
# says so as Qt warnings; they are about the test platform, not about the drop-down. Upstream: by
# design (QPlatformWindow's defaults warn unless a platform overrides them), so no fix.
offscreen_popup = pytest.mark.qt_log_ignore("This plugin does not support")


def make_editor(qtbot, tmp_path: Path) -> PromptEditor:  # type: ignore[no-untyped-def]
    editor = PromptEditor(PromptHistory(tmp_path / "prompts.sqlite3"))
    host(qtbot, editor)
    editor.text_edit.setFocus()
    return editor


def test_counts_characters_not_bytes(qtbot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, tmp_path)
    editor.set_text("海边的猫 cat")
    assert editor.counter.text() == "8 / 2000"
    assert not editor.is_too_long()
    assert editor.message.isHidden()


def test_over_the_limit_turns_red_and_says_so(qtbot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, tmp_path)
    normal = editor.counter.palette().color(editor.counter.foregroundRole())
    editor.set_text("猫" * 2003)
    assert editor.counter.text() == "2003 / 2000"
    assert editor.is_too_long()
    assert editor.message.isVisible()
    assert "3 characters too long" in editor.message.text()
    assert editor.counter.palette().color(editor.counter.foregroundRole()) != normal
    editor.set_text("猫" * 2000)
    assert editor.message.isHidden()


def test_input_method_commit_reaches_the_text(qtbot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, tmp_path)
    preedit = QInputMethodEvent("nihao", [])
    QApplication.sendEvent(editor.text_edit, preedit)
    commit = QInputMethodEvent()
    commit.setCommitString("你好")
    QApplication.sendEvent(editor.text_edit, commit)
    assert editor.text() == "你好"
    assert editor.counter.text() == "2 / 2000"


def test_ctrl_enter_submits_without_a_newline(qtbot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, tmp_path)
    qtbot.keyClicks(editor.text_edit, "a fox")
    with qtbot.waitSignal(editor.submitRequested):
        qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "a fox"
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)  # a plain Enter is still a line break
    assert editor.text() == "a fox\n"


def test_alt_up_and_down_recall_and_restore_the_draft(qtbot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, tmp_path)
    for prompt in ("first", "second", "third"):
        editor.history.add(prompt)
    qtbot.keyClicks(editor.text_edit, "draft")
    up, down = Qt.Key.Key_Up, Qt.Key.Key_Down
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(editor.text_edit, up, alt)
    assert editor.text() == "third"
    qtbot.keyClick(editor.text_edit, up, alt)
    qtbot.keyClick(editor.text_edit, up, alt)
    qtbot.keyClick(editor.text_edit, up, alt)  # past the oldest: stays
    assert editor.text() == "first"
    qtbot.keyClick(editor.text_edit, down, alt)
    assert editor.text() == "second"
    qtbot.keyClick(editor.text_edit, down, alt)
    qtbot.keyClick(editor.text_edit, down, alt)
    assert editor.text() == "draft"
    # Typing after a recall starts a new walk from the newest prompt.
    qtbot.keyClick(editor.text_edit, up, alt)
    qtbot.keyClicks(editor.text_edit, "!")
    qtbot.keyClick(editor.text_edit, up, alt)
    assert editor.text() == "third"


def test_remember_records_the_prompt(qtbot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, tmp_path)
    editor.set_text("a cat in the rain")
    editor.remember()
    assert [e.text for e in editor.history.recent()] == ["a cat in the rain"]


@offscreen_popup
def test_history_dropdown_searches_pins_and_chooses(qtbot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, tmp_path)
    for prompt in ("red fox", "blue whale", "red panda", "猫"):
        editor.history.add(prompt)
    popup = editor.popup
    QAbstractItemModelTester(popup.model, QAbstractItemModelTester.FailureReportingMode.Fatal, popup.model)
    qtbot.mouseClick(editor.history_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(popup.isVisible)
    assert popup.model.rowCount() == 4
    qtbot.keyClicks(popup.search, "red")
    assert [popup.model.index(r).data() for r in range(popup.model.rowCount())] == ["red panda", "red fox"]
    qtbot.keyClick(popup.search, Qt.Key.Key_Down)  # into the list, onto the second match
    assert popup.list.currentIndex().data() == "red fox"
    qtbot.keyClick(popup.list, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert editor.history.listing()[0].text == "red fox"
    assert popup.list.currentIndex().data(PromptHistoryModel.PinnedRole) is True
    with qtbot.waitSignal(popup.promptChosen) as chosen:
        qtbot.keyClick(popup.list, Qt.Key.Key_Return)
    assert chosen.args == ["red fox"]
    assert editor.text() == "red fox"
    assert not popup.isVisible()


@offscreen_popup
def test_history_dropdown_forgets_with_delete(qtbot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, tmp_path)
    editor.history.add("keep")
    editor.history.add("drop")
    editor.open_history()
    qtbot.keyClick(editor.popup.search, Qt.Key.Key_Down)
    qtbot.keyClick(editor.popup.list, Qt.Key.Key_Up)
    assert editor.popup.list.currentIndex().data() == "drop"
    qtbot.keyClick(editor.popup.list, Qt.Key.Key_Delete)
    assert [e.text for e in editor.history.recent()] == ["keep"]
    editor.popup.hide()


def test_pasted_image_files_go_to_the_tray_not_the_text(qtbot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png(tmp_path / "a.png")))])
    with qtbot.waitSignal(editor.imagesOffered):
        editor.text_edit.insertFromMimeData(mime)
    assert editor.text() == ""
    text = QMimeData()
    text.setText("plain words")
    editor.text_edit.insertFromMimeData(text)
    assert editor.text() == "plain words"
