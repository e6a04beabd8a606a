"""WorkspaceSwitch: Create and Library as two exclusive actions (Ctrl+1, Ctrl+2), shown in the toolbar
as one segmented control, and a View menu that also folds the compose column away."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenuBar, QToolBar, QToolButton, QWidget

CREATE, LIBRARY = 0, 1


class WorkspaceSwitch(QObject):
    chosen = Signal(int)  # CREATE or LIBRARY, when the person picks one

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.create = self._action(window, "workspaceCreate", self.tr("&Create"), "Ctrl+1",
                                   self.tr("Compose and generate; the results fill the rest (Ctrl+1)"))  # fmt: skip
        self.library = self._action(window, "workspaceLibrary", self.tr("&Library"), "Ctrl+2",
                                    self.tr("Browse, search and mark every image (Ctrl+2)"))  # fmt: skip
        self.create.setChecked(True)
        self.create.triggered.connect(lambda: self.chosen.emit(CREATE))
        self.library.triggered.connect(lambda: self.chosen.emit(LIBRARY))
        self.compose_shown = QAction(self.tr("Show the &compose panel"), window)
        self.compose_shown.setObjectName("showCompose")
        self.compose_shown.setCheckable(True)
        self.compose_shown.setChecked(True)
        self.compose_shown.setShortcut(QKeySequence("Ctrl+\\"))
        window.addAction(self.compose_shown)

    def _action(self, window: QWidget, name: str, text: str, keys: str, tip: str) -> QAction:
        action = QAction(text, window)
        action.setObjectName(name)
        action.setCheckable(True)
        action.setShortcut(QKeySequence(keys))
        action.setToolTip(tip)
        action.setActionGroup(self.group)
        window.addAction(action)
        return action

    def set_current(self, workspace: int) -> None:
        (self.library if workspace == LIBRARY else self.create).setChecked(True)

    def current(self) -> int:
        return LIBRARY if self.library.isChecked() else CREATE

    def segmented(self, parent: QWidget) -> QWidget:
        """Two joined toggle buttons for the toolbar: which workspace is in front is always visible."""
        box = QWidget(parent)
        box.setObjectName("workspaceSwitch")
        box.setAccessibleName(self.tr("Workspace"))
        row = QHBoxLayout(box)
        row.setContentsMargins(4, 0, 8, 0)
        row.setSpacing(0)
        for action in (self.create, self.library):
            button = QToolButton(box)
            button.setDefaultAction(action)
            button.setObjectName(action.objectName() + "Button")
            button.setAutoRaise(False)
            row.addWidget(button)
        return box

    def fill(self, menubar: QMenuBar, toolbar: QToolBar) -> None:
        first = toolbar.actions()[0] if toolbar.actions() else None
        toolbar.insertWidget(first, self.segmented(toolbar)) if first else toolbar.addWidget(
            self.segmented(toolbar)
        )
        if first is not None:
            toolbar.insertSeparator(first)
        view = QMenuBar.addMenu(menubar, self.tr("&View"))
        view.addAction(self.create)
        view.addAction(self.library)
        view.addSeparator()
        view.addAction(self.compose_shown)
