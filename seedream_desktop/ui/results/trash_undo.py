"""Undo for results sent to the trash, as the library page offers it: a line with an Undo button under
the grid for ten seconds, and Ctrl+Z in the Create workspace (text fields keep their own Ctrl+Z)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from seedream_desktop.ui.library.untrash import can_restore, restore_from_trash
from seedream_desktop.ui.results.item import ResultItem
from seedream_desktop.ui.results.model import ResultModel

UNDO_MS = 10_000


class ResultsTrashUndo(QObject):
    restored = Signal(list)  # paths put back: the library re-reads them

    def __init__(self, model: ResultModel, page: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.model = model
        self.items: list[tuple[int, ResultItem]] = []  # (row it left, item), in the order removed
        self.label = QLabel(parent)
        self.label.setObjectName("resultsUndoLabel")
        self.button = QPushButton(self.tr("Undo"), parent)
        self.button.setObjectName("undoResultsTrash")
        self.action = QAction(self.tr("Undo Move to Trash"), page)
        self.action.setObjectName("undoResultsTrashAction")
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        page.addAction(self.action)
        keys = self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.button.setToolTip(self.tr("Put them back where they were ({0})").format(keys))
        self.button.clicked.connect(lambda _checked=False: self.undo())
        self.action.triggered.connect(lambda _checked=False: self.undo())
        self._timer = QTimer(self, singleShot=True, interval=UNDO_MS)
        self._timer.timeout.connect(self.end)
        self.end()

    def offer(self, items: list[tuple[int, ResultItem]]) -> None:
        self.items = list(items)
        self.label.setText(self.tr("Moved %n image(s) to the trash.", "", len(items)))
        self.label.show()
        self.button.setVisible(can_restore())
        self.action.setEnabled(can_restore())
        self._timer.start()

    def undo(self, restore: Callable[[Path], bool] = restore_from_trash) -> int:
        items, back = self.items, []
        self.end()
        for row, item in items:
            if item.path is not None and restore(Path(item.path)):
                back.append((row, item))
        self.model.put_back(back)  # where they were, not at the end
        if back:
            self.restored.emit([Path(i.path) for _, i in back if i.path is not None])
        return len(back)

    def end(self) -> None:
        self._timer.stop()
        self.items = []
        self.label.hide()
        self.button.hide()
        self.action.setEnabled(False)
