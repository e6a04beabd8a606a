"""The searchable prompt-history drop-down: type to filter, Enter to use, pin favourites to the top."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListView, QMenu, QVBoxLayout, QWidget

from seedream_desktop.library.prompt_history import PromptEntry, PromptHistory
from seedream_desktop.ui.theme import tinted_icon

SHOWN = 500  # the drop-down lists this many matches; search narrows the rest down
Index = QModelIndex | QPersistentModelIndex


class PromptHistoryModel(QAbstractListModel):
    TextRole = Qt.ItemDataRole.UserRole + 1
    PinnedRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, history: PromptHistory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self._entries: list[PromptEntry] = []
        self._search = ""
        self._pin_icon: QIcon | None = None

    def set_search(self, text: str) -> None:
        self._search = text
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._entries = self.history.listing(self._search, SHOWN)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(entry.text.split())  # one line per prompt in the list
        if role in (Qt.ItemDataRole.ToolTipRole, self.TextRole):
            return entry.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            prefix = self.tr("Pinned: ") if entry.pinned else ""
            return prefix + entry.text
        if role == self.PinnedRole:
            return entry.pinned
        if role == Qt.ItemDataRole.DecorationRole and entry.pinned:
            if self._pin_icon is None:
                self._pin_icon = tinted_icon("favourite-on", QGuiApplication.palette())
            return self._pin_icon
        return None

    def toggle_pin(self, row: int) -> None:
        if 0 <= row < len(self._entries):
            entry = self._entries[row]
            self.history.pin(entry.text, not entry.pinned)
            self.refresh()

    def forget(self, row: int) -> None:
        if 0 <= row < len(self._entries):
            self.history.remove(self._entries[row].text)
            self.refresh()


class PromptHistoryPopup(QFrame):
    """A pop-up under the prompt editor. Keyboard: type to search, Down into the list, Enter uses the
    prompt, Ctrl+P pins or unpins it, Delete forgets it, Esc closes."""

    promptChosen = Signal(str)

    def __init__(self, history: PromptHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.model = PromptHistoryModel(history, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search earlier prompts"))
        self.search.setAccessibleName(self.tr("Search prompt history"))
        self.search.setClearButtonEnabled(True)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("Earlier prompts"))
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.hint = QLabel(self.tr("Enter: use · Ctrl+P: pin / unpin · Delete: forget"), self)
        self.hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.list.activated.connect(self._choose)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.resize(520, 320)

    def open_below(self, anchor: QWidget) -> None:
        self.search.clear()
        self.model.refresh()
        self._select_first()
        self.resize(max(anchor.width(), 360), 320)
        self.move(anchor.mapToGlobal(anchor.rect().bottomLeft()))
        self.show()
        self.search.setFocus(Qt.FocusReason.PopupFocusReason)

    def _on_search(self, text: str) -> None:
        self.model.set_search(text)
        self._select_first()

    def _select_first(self) -> None:
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid():
            text = str(index.data(PromptHistoryModel.TextRole))
            self.hide()
            self.promptChosen.emit(text)

    def _toggle_pin(self) -> None:
        row = self.list.currentIndex().row()
        text = self.list.currentIndex().data(PromptHistoryModel.TextRole)
        self.model.toggle_pin(row)
        # Keep the same prompt selected after it jumped to (or from) the pinned group.
        for r in range(self.model.rowCount()):
            if self.model.index(r).data(PromptHistoryModel.TextRole) == text:
                self.list.setCurrentIndex(self.model.index(r))
                break

    def _forget(self) -> None:
        row = self.list.currentIndex().row()
        self.model.forget(row)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.list.currentIndex())
                return True
            if ctrl and key == Qt.Key.Key_P:
                self._toggle_pin()
                return True
            if watched is self.list and key == Qt.Key.Key_Delete:
                self._forget()
                return True
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown):
                self.list.setFocus()
                self.list.keyPressEvent(event)  # move right away, as a combo box does
                return True
        return super().eventFilter(watched, event)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        if not index.isValid():
            return
        self.list.setCurrentIndex(index)
        menu = QMenu(self)
        pinned = bool(index.data(PromptHistoryModel.PinnedRole))
        pin = QAction(self.tr("Unpin") if pinned else self.tr("Pin to top"), menu)
        pin.setShortcut(QKeySequence("Ctrl+P"))
        pin.triggered.connect(self._toggle_pin)
        forget = QAction(self.tr("Forget this prompt"), menu)
        forget.triggered.connect(self._forget)
        menu.addActions([pin, forget])
        menu.exec(self.list.viewport().mapToGlobal(pos))
        menu.deleteLater()
