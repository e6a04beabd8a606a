"""The prompt editor: counts characters against Seedream's 2000, recalls earlier prompts, takes pasted images."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from seedream_desktop.api.request import PROMPT_MAX
from seedream_desktop.library.prompt_history import PromptHistory
from seedream_desktop.ui.compose.reference_sources import RAW_IMAGE_FORMATS
from seedream_desktop.ui.theme import warning_palette

if TYPE_CHECKING:
    from seedream_desktop.ui.compose.prompt_history import PromptHistoryPopup

RECALL_DEPTH = 1000  # how far back Alt+Up walks; the drop-down searches everything


def is_submit(event: QKeyEvent) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and bool(
        event.modifiers() & Qt.KeyboardModifier.ControlModifier
    )


def is_recall(event: QKeyEvent) -> bool:
    return (
        event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        and event.modifiers() == Qt.KeyboardModifier.AltModifier
    )


def carries_images(mime: QMimeData) -> bool:
    """Image data or image files: these belong in the reference tray, not in the prompt's text."""
    if mime.hasImage() or any(mime.hasFormat(f) for f in RAW_IMAGE_FORMATS):
        return True
    return mime.hasUrls() and all(u.isLocalFile() for u in mime.urls())


class PromptText(QPlainTextEdit):
    """Plain text only. Input methods (Chinese, Japanese…) are left to Qt: inputMethodEvent is untouched."""

    submitRequested = Signal()
    recallRequested = Signal(int)  # +1 older, -1 newer
    imagesOffered = Signal(QMimeData)

    def event(self, event: QEvent) -> bool:
        # Claim Ctrl+Enter and Alt+Up/Down before window-wide shortcuts, while the editor has focus.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (is_submit(event) or is_recall(event))
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_submit(event):
            self.submitRequested.emit()
            event.accept()
        elif is_recall(event):
            self.recallRequested.emit(1 if event.key() == Qt.Key.Key_Up else -1)
            event.accept()
        else:
            super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return carries_images(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if carries_images(source):
            self.imagesOffered.emit(source)  # pasted or dropped images go to the tray
            return
        super().insertFromMimeData(source)


class PromptEditor(QWidget):
    """Prompt text, a live "1234 / 2000" count that turns red past the limit, and the history."""

    textChanged = Signal()
    submitRequested = Signal()
    imagesOffered = Signal(QMimeData)

    def __init__(self, history: PromptHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.text_edit = PromptText(self)
        self.text_edit.setPlaceholderText(
            self.tr("Describe the image… Refer to references as “image 1”, “image 2”.")
        )
        self.text_edit.setAccessibleName(self.tr("Prompt"))
        self.text_edit.setToolTip(self.tr("Ctrl+Enter generates. Alt+Up / Alt+Down recall earlier prompts."))
        self.text_edit.setTabChangesFocus(True)  # Tab moves on, so the panel is usable from the keyboard
        self.counter = QLabel(self)
        self.counter.setAccessibleName(self.tr("Prompt length"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        self.history_button = QToolButton(self)
        self.history_button.setText(self.tr("History ▾"))
        self.history_button.setToolTip(self.tr("Earlier prompts: search, reuse, pin"))
        self.history_button.setAccessibleName(self.tr("Prompt history"))
        self.history_button.clicked.connect(self.open_history)
        self._popup: PromptHistoryPopup | None = None

        row = QHBoxLayout()
        row.addWidget(self.history_button)
        row.addStretch(1)
        row.addWidget(self.counter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text_edit, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.text_edit)

        self._recall_at = -1  # -1: the designer's own draft; 0…: entries of _recall_list
        self._recall_list: list[str] = []
        self._draft = ""
        self._recalling = False
        self.text_edit.textChanged.connect(self._on_text_changed)
        self.text_edit.submitRequested.connect(self.submitRequested)
        self.text_edit.recallRequested.connect(self.recall)
        self.text_edit.imagesOffered.connect(self.imagesOffered)
        self._on_text_changed()

    # ---- text ---------------------------------------------------------------------------------
    def text(self) -> str:
        return self.text_edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.text_edit.setPlainText(text)
        self.text_edit.moveCursor(self.text_edit.textCursor().MoveOperation.End)
        self.text_edit.setFocus()

    def length(self) -> int:
        # len() of a Python str counts characters (code points), so 猫 is one, as Seedream counts.
        return len(self.text())

    def is_too_long(self) -> bool:
        return self.length() > self.max_length

    @property
    def max_length(self) -> int:
        """The chosen model's prompt limit (api/models.py); Seedream 4.0's 2000 until one is chosen."""
        return getattr(self, "_max_length", PROMPT_MAX)

    def set_max_length(self, limit: int) -> None:
        self._max_length = limit
        self._on_text_changed()

    def _on_text_changed(self) -> None:
        if not self._recalling:
            self._recall_at = -1
        count = self.length()
        self.counter.setText(self.tr("{count} / {max}").format(count=count, max=self.max_length))
        too_long = count > self.max_length
        self._paint_warnings()
        if too_long:
            self.message.setText(
                self.tr(
                    "%n characters too long: Seedream takes at most {max}. Shorten it before generating.",
                    "",
                    count - self.max_length,
                ).format(max=self.max_length)
            )
        self.message.setVisible(too_long)
        self.textChanged.emit()

    def _paint_warnings(self) -> None:
        """The counter in the error colour when too long, else in the palette's own text colour."""
        warning = warning_palette(self.palette())
        self.counter.setPalette(warning if self.is_too_long() else QPalette())
        self.message.setPalette(warning)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "counter"):
            self._paint_warnings()  # a light/dark switch: the error colour for the new background

    # ---- history ------------------------------------------------------------------------------
    def recall(self, step: int) -> None:
        """Alt+Up (step +1) walks to older prompts, Alt+Down back towards the draft."""
        if self._recall_at == -1:
            if step < 0:
                return
            self._draft = self.text()
            self._recall_list = [e.text for e in self.history.recent(RECALL_DEPTH)]
        target = self._recall_at + step
        if target >= len(self._recall_list) or target < -1:
            return
        self._recalling = True
        try:
            self.set_text(self._draft if target == -1 else self._recall_list[target])
        finally:
            self._recalling = False
        self._recall_at = target

    @property
    def popup(self) -> PromptHistoryPopup:
        # Made when first opened: the first frame never shows it, and it costs a few ms to build.
        if self._popup is None:
            from seedream_desktop.ui.compose.prompt_history import PromptHistoryPopup

            self._popup = PromptHistoryPopup(self.history, self)
            self._popup.promptChosen.connect(self.set_text)
        return self._popup

    def open_history(self) -> None:
        self.popup.open_below(self.text_edit)

    def remember(self) -> None:
        """Record the current prompt (called when it is sent)."""
        self.history.add(self.text())
        self._recall_at = -1
