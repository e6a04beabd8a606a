"""BoardsPanel: the library's boards — choose one to filter by, create, rename, delete, drop images onto one.

A board only refers to images (by content identity in the index): nothing is moved or copied, and an
image can be on any number of boards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.library.index import Library
from seedream_desktop.ui import theme
from seedream_desktop.ui.library.library_model import IDS_MIME, ids_from_mime
from seedream_desktop.ui.off_gui import OffGui, mark_failed

BOARD_ROLE = Qt.ItemDataRole.UserRole + 1
# Asks for a name: (title, label, current text) → the name, or None when cancelled.
AskName = Callable[[str, str, str], str | None]


class BoardList(QListWidget):
    """The list itself: a drop of library images on a board row adds them to that board."""

    imagesDropped = Signal(list, int)  # image ids, board id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.drop_target: QListWidgetItem | None = None  # the board row a drag is over: highlighted

    def _highlight(self, item: QListWidgetItem | None) -> None:
        if item is not self.drop_target:
            self.drop_target = item
            self.viewport().update()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._highlight(None)
        super().dragLeaveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.drop_target is not None:
            # A visible target while dragging images: the row they would be added to.
            painter = QPainter(self.viewport())
            accent = theme.accent(self.palette())
            fill = QColor(accent)
            fill.setAlpha(60)
            painter.setBrush(fill)
            painter.setPen(QPen(accent, 2))
            painter.drawRoundedRect(
                QRectF(self.visualItemRect(self.drop_target)).adjusted(1, 1, -1, -1), 4, 4
            )
            painter.end()

    def _board_at(self, event: QDragMoveEvent | QDropEvent) -> int | None:
        item = self.itemAt(event.position().toPoint())
        board = item.data(BOARD_ROLE) if item is not None else None
        return int(board) if board is not None else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(IDS_MIME) and self._board_at(event) is not None:
            event.acceptProposedAction()
            self._highlight(self.itemAt(event.position().toPoint()))
        else:
            self._highlight(None)
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        self._highlight(None)
        board = self._board_at(event)
        ids = ids_from_mime(event.mimeData())
        if board is None or not ids:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.imagesDropped.emit(ids, board)


class BoardsPanel(QWidget):
    boardChosen = Signal(object)  # board id, or None for the whole library
    boardsChanged = Signal()  # created, renamed, deleted or images added: counts and filters follow
    message = Signal(str)

    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        *,
        ask_name: AskName | None = None,
        work: OffGui | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("boardsPanel")
        self.library = library
        self.work = (
            work if work is not None else OffGui(self, name="board-marks")
        )  # writes off the GUI thread
        self._ask_name = ask_name or self._dialog_name
        self.title = QLabel(self.tr("Boards"), self)
        self.list = BoardList(self)
        self.list.setAccessibleName(self.tr("Boards"))
        self.new_button = self._button(self.tr("New"), self.tr("Create a board"), self.ask_create)
        self.rename_button = self._button(self.tr("Rename"), self.tr("Rename the board"), self.ask_rename)
        self.delete_button = self._button(
            self.tr("Delete"),
            self.tr("Delete the board (its images stay in the library)"),
            self.delete_chosen,
        )
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.new_button, self.rename_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.currentItemChanged.connect(self._chosen)
        self.list.imagesDropped.connect(self.add_images)
        self.reload()

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ---- what is shown --------------------------------------------------------------------------
    def reload(self) -> None:
        chosen = self.chosen()
        self.list.blockSignals(True)
        self.list.clear()
        everything = QListWidgetItem(self.tr("All images"), self.list)
        everything.setData(BOARD_ROLE, None)
        current = everything
        for board in self.library.boards():
            item = QListWidgetItem(f"{board.name} ({board.count})", self.list)
            item.setData(BOARD_ROLE, board.id)
            item.setToolTip(board.name)
            if board.id == chosen:
                current = item
        self.list.setCurrentItem(current)
        self.list.blockSignals(False)
        self._update_buttons()
        if chosen is not None and current is everything:
            self.boardChosen.emit(None)  # the chosen board was deleted

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        board = item.data(BOARD_ROLE) if item is not None else None
        return int(board) if board is not None else None

    def choose(self, board_id: int | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(BOARD_ROLE) == board_id:
                self.list.setCurrentRow(row)
                return

    def _chosen(self, *args: object) -> None:
        self._update_buttons()
        self.boardChosen.emit(self.chosen())

    def _update_buttons(self) -> None:
        on_board = self.chosen() is not None
        self.rename_button.setEnabled(on_board)
        self.delete_button.setEnabled(on_board)

    # ---- actions --------------------------------------------------------------------------------
    def create_board(self, name: str) -> int | None:
        try:
            board = self.library.create_board(name)
        except ValueError:
            self.message.emit(self.tr("A board needs a name that no other board has."))
            return None
        self.reload()
        self.boardsChanged.emit()
        return board.id

    def rename_board(self, board_id: int, name: str) -> bool:
        if any(b.name == name.strip() and b.id != board_id for b in self.library.boards()):
            self.message.emit(self.tr("A board needs a name that no other board has."))
            return False
        try:
            self.library.rename_board(board_id, name)
        except (ValueError, KeyError):
            self.message.emit(self.tr("A board needs a name that no other board has."))
            return False
        self.reload()
        self.boardsChanged.emit()
        return True

    def delete_board(self, board_id: int) -> None:
        def deleted(_result: object, error: BaseException | None) -> None:
            if error is not None:
                self.message.emit(mark_failed(error))
            self.reload()
            self.boardsChanged.emit()

        self.work.run(lambda: self.library.delete_board(board_id), deleted)

    def add_images(self, image_ids: list[int], board_id: int) -> None:
        def added(_result: object, error: BaseException | None) -> None:
            if error is not None:
                self.message.emit(mark_failed(error))
                return
            name = next((b.name for b in self.library.boards() if b.id == board_id), "")
            self.reload()
            self.boardsChanged.emit()
            self.message.emit(self.tr("Added %n image(s) to “{0}”.", "", len(image_ids)).format(name))

        self.work.run(lambda: self.library.add_to_board(image_ids, board_id), added)

    def ask_create(self) -> None:
        name = self._ask_name(self.tr("New board"), self.tr("Board name:"), "")
        if name:
            board_id = self.create_board(name)
            if board_id is not None:
                self.choose(board_id)

    def ask_rename(self) -> None:
        board_id = self.chosen()
        if board_id is None:
            return
        current = next((b.name for b in self.library.boards() if b.id == board_id), "")
        name = self._ask_name(self.tr("Rename board"), self.tr("Board name:"), current)
        if name and name != current:
            self.rename_board(board_id, name)

    def delete_chosen(self) -> None:
        board_id = self.chosen()
        if board_id is not None:
            self.delete_board(board_id)

    def _dialog_name(self, title: str, label: str, text: str) -> str | None:
        name, ok = QInputDialog.getText(self, title, label, text=text)
        return name.strip() if ok and name.strip() else None
