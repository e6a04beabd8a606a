"""The library grid's context menu: everything one does with the selected images, in one place.

Most entries repeat a key or a button (F, 0–5, Delete, the details panel's buttons) so they can be
found; boards and tags are edited only here (an image joins a board by drag and drop too).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from seedream_desktop.library.entry import ImageEntry
from seedream_desktop.ui.library.library_model import mime_for
from seedream_desktop.ui.reveal import reveal

if TYPE_CHECKING:
    from seedream_desktop.ui.library.library_view import LibraryView

OpenUrl = Callable[[QUrl], Any]
# (title, label) → the text typed, or None when cancelled.
AskText = Callable[[str, str], str | None]
MOST_OPENED = 10  # a slip of Ctrl+A must not open a hundred viewers


class LibraryMenu(QObject):
    """Builds the menu for the current selection and carries out its entries."""

    def __init__(self, view: LibraryView, open_url: OpenUrl, ask_text: AskText | None = None) -> None:
        super().__init__(view)
        self.view = view
        self._open_url = open_url
        self._ask_text = ask_text if ask_text is not None else self._dialog_text

    # ---- the menu -----------------------------------------------------------------------------------
    def build(self, parent: QWidget) -> QMenu | None:
        """The menu for the selected images, or None when nothing is selected."""
        entries = self.view.grid.selected_entries()
        if not entries:
            return None
        ids = [e.id for e in entries]
        one = entries[0] if len(entries) == 1 else None
        menu = QMenu(parent)
        menu.setObjectName("libraryMenu")

        self._add(
            menu, "view", self.tr("View"), lambda: self.view.open_viewer(self.view.grid.selected_rows()[0])
        )
        self._add(menu, "open", self.tr("Open in Default App"), lambda: self.open(entries))
        self._add(
            menu,
            "reveal",
            self.tr("Show in Folder"),
            lambda: reveal([e.path for e in entries], self._open_url),
        )
        menu.addSeparator()
        self._add(menu, "copyImage", self.tr("Copy Image"), lambda: self.copy_images(entries))
        prompt = self._add(menu, "copyPrompt", self.tr("Copy Prompt"), lambda: self.copy_prompt(entries[0]))
        prompt.setEnabled(one is not None and bool(one.prompt))
        menu.addSeparator()
        reuse = self._add(menu, "reuse", self.tr("Reuse Settings"), self.view.details.reuse)
        reuse.setEnabled(one is not None and self.view.details.can_reuse())
        self._add(
            menu,
            "useAsReference",
            self.tr("Use as Reference"),
            lambda: self.view.referenceRequested.emit([str(e.path) for e in entries]),
        )
        edit = self._add(
            menu, "edit", self.tr("Edit This"), lambda: self.view.editRequested.emit(str(entries[0].path))
        )
        edit.setEnabled(one is not None)
        menu.addSeparator()
        favourite = self._add(
            menu, "favourite", self.tr("Favourite"), lambda: self.view.toggle_favourite(move_on=False)
        )
        favourite.setCheckable(True)
        favourite.setChecked(all(e.favourite for e in entries))
        self._rating_menu(menu, entries)
        menu.addSeparator()
        self._boards_menu(menu, ids)
        self._tags_menu(menu, ids)
        menu.addSeparator()
        self._add(menu, "trash", self.tr("Move to Trash"), self.view.trash_selected)
        return menu

    def _add(self, menu: QMenu, name: str, text: str, slot: Callable[[], object]) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _rating_menu(self, menu: QMenu, entries: list[ImageEntry]) -> None:
        rating = menu.addMenu(self.tr("Rating"))
        rating.setObjectName("ratingMenu")
        same = {e.rating for e in entries}
        for stars in range(6):
            text = self.tr("No Rating") if stars == 0 else "★" * stars
            action = self._add(rating, f"rate{stars}", text, partial(self.view.rate, stars, move_on=False))
            action.setCheckable(True)
            action.setChecked(same == {stars})

    def _boards_menu(self, menu: QMenu, ids: list[int]) -> None:
        library = self.view.library
        boards = menu.addMenu(self.tr("Add to Board"))
        boards.setObjectName("boardsMenu")
        for board in library.boards():
            self._add(
                boards, f"board{board.id}", board.name, partial(self.view.boards.add_images, ids, board.id)
            )
        if library.boards():
            boards.addSeparator()
        self._add(boards, "newBoard", self.tr("New Board…"), lambda: self.add_to_new_board(ids))
        chosen = self.view.boards.chosen()
        if chosen is not None:
            name = next((b.name for b in library.boards() if b.id == chosen), "")
            self._add(
                menu,
                "removeFromBoard",
                self.tr("Remove from “{0}”").format(name),
                lambda: self.view.remove_from_board(ids, chosen),
            )

    def _tags_menu(self, menu: QMenu, ids: list[int]) -> None:
        self._add(menu, "addTag", self.tr("Add Tag…"), lambda: self.add_tag(ids))
        present = sorted({tag for image_id in ids for tag in self.view.library.tags_of(image_id)})
        if present:
            remove = menu.addMenu(self.tr("Remove Tag"))
            remove.setObjectName("removeTagMenu")
            for tag in present:
                self._add(remove, f"removeTag:{tag}", tag, partial(self.view.remove_tag, ids, tag))

    # ---- what the entries do ----------------------------------------------------------------------------
    def open(self, entries: list[ImageEntry]) -> None:
        for entry in entries[:MOST_OPENED]:
            self._open_url(QUrl.fromLocalFile(str(entry.path)))

    def copy_images(self, entries: list[ImageEntry]) -> None:
        # File URLs plus the file's own bytes, as a drag carries them: no decode, no re-encode.
        QGuiApplication.clipboard().setMimeData(mime_for(entries))
        self.view.message.emit(self.tr("Copied %n image(s)", "", len(entries)))

    def copy_prompt(self, entry: ImageEntry) -> None:
        QGuiApplication.clipboard().setText(entry.prompt or "")
        self.view.message.emit(self.tr("Copied the prompt"))

    def add_to_new_board(self, ids: list[int]) -> None:
        name = self._ask_text(self.tr("New board"), self.tr("Board name:"))
        if name:
            board_id = self.view.boards.create_board(name)
            if board_id is not None:
                self.view.boards.add_images(ids, board_id)

    def add_tag(self, ids: list[int]) -> None:
        tag = self._ask_text(self.tr("Add tag"), self.tr("Tag:"))
        if tag:
            self.view.add_tag(ids, tag)

    def _dialog_text(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self.view, title, label)
        return text.strip() if ok and text.strip() else None
