"""The library grid's context menu: everything one does with the selected images, in one place.

Most entries repeat a key or a button (F, 0–5, Delete, the details panel's buttons) so they can be
found; boards and tags are edited only here (an image joins a board by drag and drop too).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.library.entry import ImageEntry
from seedream_desktop.ui.library.details_panel import reuse_request
from seedream_desktop.ui.library.library_model import mime_for
from seedream_desktop.ui.reveal import reveal

if TYPE_CHECKING:
    from seedream_desktop.ui.library.library_view import LibraryView

OpenUrl = Callable[[QUrl], Any]
# (title, label) → the text typed, or None when cancelled.
AskText = Callable[[str, str], str | None]
MOST_OPENED = 10  # a slip of Ctrl+A must not open a hundred viewers
# Above this many selected images the menu does not read them all to show check marks and their tags:
# after Ctrl+A on 100,000 images that would page the whole library in just to open a menu.
MOST_INSPECTED = 1000


class LibraryMenu(QObject):
    """Builds the menu for the current selection and carries out its entries.

    The entries with a shortcut are actions of the grid (active while it has focus, as the result
    grid's are), so Ctrl+C copies the selected images without opening the menu.
    """

    def __init__(self, view: LibraryView, open_url: OpenUrl, ask_text: AskText | None = None) -> None:
        super().__init__(view)
        self.view = view
        self._open_url = open_url
        self._ask_text = ask_text if ask_text is not None else self._dialog_text
        self._reusable: tuple[int, GenerationRequest | None] = (-1, None)
        grid = view.grid
        self.reveal = self._grid_action(
            "reveal", self.tr("Show in Folder"), "Ctrl+Shift+O", self.reveal_selected
        )
        self.copy_image = self._grid_action(
            "copyImage", self.tr("Copy Image"), QKeySequence.StandardKey.Copy, self.copy_images
        )
        self.copy_prompt = self._grid_action(
            "copyPrompt", self.tr("Copy Prompt"), "Ctrl+Shift+C", self.copy_prompt_
        )
        self.reuse = self._grid_action("reuse", self.tr("Reuse Settings"), "Ctrl+Shift+U", self._reuse)
        self.use_as_reference = self._grid_action(
            "useAsReference", self.tr("Use as Reference"), "Ctrl+R", self.use_as_reference_
        )
        self.edit = self._grid_action("edit", self.tr("Edit This"), "Ctrl+E", self.edit_)
        self.edit_region = self._grid_action(
            "editRegion", self.tr("Edit a Region…"), "Ctrl+Alt+E", self.edit_region_
        )
        grid.addActions([self.reveal, self.copy_image, self.copy_prompt, self.reuse, self.use_as_reference])
        self.adjust_edit = self._grid_action(
            "adjustEdit", self.tr("Adjust This Edit…"), "", self.adjust_edit_
        )
        grid.addActions([self.edit, self.edit_region, self.adjust_edit])
        # A disabled action's shortcut does nothing: keep the states true to the selection (the view
        # also calls update_enabled once the details panel shows a new current image).
        grid.selectionModel().selectionChanged.connect(lambda *_: self.update_enabled())
        self.update_enabled()

    def _grid_action(
        self, name: str, text: str, keys: str | QKeySequence.StandardKey, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self.view.grid)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _one(self) -> ImageEntry | None:
        if self.view.grid.selection_count() != 1:
            return None
        entries = self.view.grid.selected_entries()
        return entries[0] if entries else None

    def _ids(self) -> list[int]:
        """The selected images when the entry is chosen (read then, not when the menu opened)."""
        return [e.id for e in self.view.grid.selected_entries()]

    def _request_of(self, entry: ImageEntry) -> GenerationRequest | None:
        """The settings to reuse, from the image's own embedded record (cached for the last image)."""
        if self._reusable[0] != entry.id:
            self._reusable = (entry.id, reuse_request(entry.path))
        return self._reusable[1]

    def update_enabled(self) -> None:
        count = self.view.grid.selection_count()
        one = self._one()
        for action in (self.reveal, self.copy_image, self.use_as_reference):
            action.setEnabled(count > 0)
        self.copy_prompt.setEnabled(one is not None and bool(one.prompt))
        self.reuse.setEnabled(one is not None and self._request_of(one) is not None)
        self.edit.setEnabled(one is not None)
        self.edit_region.setEnabled(one is not None)
        self.adjust_edit.setEnabled(one is not None and one.is_edit)

    # ---- the menu -----------------------------------------------------------------------------------
    def build(self, parent: QWidget) -> QMenu | None:
        """The menu for the selected images, or None when nothing is selected."""
        count = self.view.grid.selection_count()
        if count == 0:
            return None
        entries = self.view.grid.selected_entries() if count <= MOST_INSPECTED else []
        self.update_enabled()
        menu = QMenu(parent)
        menu.setObjectName("libraryMenu")
        self._add(menu, "view", self.tr("View"), self.view_current)
        self._add(menu, "open", self.tr("Open in Default App"), self.open)
        menu.addAction(self.reveal)
        menu.addSeparator()
        menu.addActions([self.copy_image, self.copy_prompt])
        menu.addSeparator()
        menu.addActions([self.reuse, self.use_as_reference, self.edit, self.edit_region, self.adjust_edit])
        menu.addSeparator()
        favourite = self._add(
            menu, "favourite", self.tr("Favourite"), lambda: self.view.toggle_favourite(move_on=False)
        )
        favourite.setCheckable(True)
        favourite.setChecked(bool(entries) and all(e.favourite for e in entries))
        self._rating_menu(menu, entries)
        menu.addSeparator()
        self._boards_menu(menu)
        self._tags_menu(menu, entries)
        menu.addSeparator()
        self._add(menu, "export", self.tr("Export…"), self.export)
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

    def _boards_menu(self, menu: QMenu) -> None:
        library = self.view.library
        boards = menu.addMenu(self.tr("Add to Board"))
        boards.setObjectName("boardsMenu")
        for board in library.boards():
            self._add(boards, f"board{board.id}", board.name, partial(self._add_to_board, board.id))
        if library.boards():
            boards.addSeparator()
        self._add(boards, "newBoard", self.tr("New Board…"), self.add_to_new_board)
        chosen = self.view.boards.chosen()
        if chosen is not None:
            name = next((b.name for b in library.boards() if b.id == chosen), "")
            self._add(
                menu,
                "removeFromBoard",
                self.tr("Remove from “{0}”").format(name),
                lambda: self.view.remove_from_board(self._ids(), chosen),
            )

    def _tags_menu(self, menu: QMenu, entries: list[ImageEntry]) -> None:
        self._add(menu, "addTag", self.tr("Add Tag…"), self.add_tag)
        present = self.view.library.tags_on(e.id for e in entries)
        if present:
            remove = menu.addMenu(self.tr("Remove Tag"))
            remove.setObjectName("removeTagMenu")
            for tag in present:
                self._add(remove, f"removeTag:{tag}", tag, partial(self._remove_tag, tag))

    # ---- what the entries do (on the selection when chosen) ------------------------------------------
    def view_current(self) -> None:
        rows = self.view.grid.selected_rows()
        current = self.view.grid.currentIndex().row()
        if rows:
            self.view.open_viewer(current if current in rows else rows[0])

    def open(self) -> None:
        entries = self.view.grid.selected_entries()
        for entry in entries[:MOST_OPENED]:
            self._open_url(QUrl.fromLocalFile(str(entry.path)))
        if len(entries) > MOST_OPENED:
            self.view.message.emit(
                self.tr("Opened the first %n images; select fewer to open the others.", "", MOST_OPENED)
            )

    def reveal_selected(self) -> None:
        paths = [e.path for e in self.view.grid.selected_entries()]
        if paths:
            reveal(paths, self._open_url)

    def copy_images(self) -> None:
        entries = self.view.grid.selected_entries()
        if entries:
            # What a drag carries: the files, and the first one's own bytes for apps that paste pixels.
            QGuiApplication.clipboard().setMimeData(mime_for(entries))
            self.view.message.emit(self.tr("Copied %n image(s)", "", len(entries)))

    def copy_prompt_(self) -> None:
        entry = self._one()
        if entry is not None and entry.prompt:
            QGuiApplication.clipboard().setText(entry.prompt)
            self.view.message.emit(self.tr("Copied the prompt"))

    def _reuse(self) -> None:
        entry = self._one()
        request = self._request_of(entry) if entry is not None else None
        if request is not None:
            self.view.reuseRequested.emit(request)

    def use_as_reference_(self) -> None:
        paths = [str(e.path) for e in self.view.grid.selected_entries()]
        if paths:
            self.view.referenceRequested.emit(paths)

    def edit_(self) -> None:
        entry = self._one()
        if entry is not None:
            self.view.editRequested.emit(str(entry.path))

    def edit_region_(self) -> None:
        entry = self._one()
        if entry is not None:
            self.view.editRegionRequested.emit(str(entry.path))

    def adjust_edit_(self) -> None:
        entry = self._one()
        if entry is not None:
            self.view.adjustEditRequested.emit(str(entry.path))

    def export(self) -> None:
        from seedream_desktop.ui.export_dialog import open_export

        open_export([e.path for e in self.view.grid.selected_entries()], self.view)

    def _add_to_board(self, board_id: int) -> None:
        self.view.boards.add_images(self._ids(), board_id)

    def add_to_new_board(self) -> None:
        name = self._ask_text(self.tr("New board"), self.tr("Board name:"))
        if name:
            board_id = self.view.boards.create_board(name)
            if board_id is not None:
                self.view.boards.add_images(self._ids(), board_id)

    def _remove_tag(self, tag: str) -> None:
        self.view.remove_tag(self._ids(), tag)

    def add_tag(self) -> None:
        tag = self._ask_text(self.tr("Add tag"), self.tr("Tag:"))
        if tag:
            self.view.add_tag(self._ids(), tag)

    def _dialog_text(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self.view, title, label)
        return text.strip() if ok and text.strip() else None
