"""EmptyState: what an empty grid says instead of a blank pane — what goes here and how to get it there,
with one button when there is one thing to do (Clear search)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Laid over ``view``'s viewport, shown only while its model has no rows."""

    actionClicked = Signal()

    def __init__(self, view: QAbstractItemView, name: str) -> None:
        super().__init__(view.viewport())
        self.setObjectName(name)
        self.view = view
        self.title = QLabel(self)
        self.title.setObjectName(name + "Title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title.setFont(font)
        self.hint = QLabel(self)
        self.hint.setObjectName(name + "Hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.button = QPushButton(self)
        self.button.setObjectName(name + "Action")
        self.button.clicked.connect(self.actionClicked)
        self.button.hide()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
            signal.connect(self.update_shown)
        self.update_shown()

    def say(self, title: str, hint: str = "", action: str = "") -> None:
        self.title.setText(title)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.button.setText(action)
        self.button.setVisible(bool(action))

    def update_shown(self, *_args: object) -> None:
        empty = self.view.model().rowCount() == 0
        self.setVisible(empty)
        if empty:
            self._fit()

    def _fit(self) -> None:
        area = self.view.viewport().rect()
        margin = self.fontMetrics().height() * 2
        self.setGeometry(area.adjusted(margin, margin, -margin, -margin))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit()
        return False
