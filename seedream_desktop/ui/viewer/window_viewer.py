"""WindowViewer: puts the one viewer into the main window's stack, in front of the results or the
library, and back (Esc); built the first time it is asked for, not at start-up. What the viewer asks
for (favourite, rate, trash and its Undo, "Edit a region…", "Compare with original") is carried out here
by the results' or the library's own commands, so a mark made in the viewer is the grid's mark."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from seedream_desktop.ui.viewer.original import original_of

if TYPE_CHECKING:
    from seedream_desktop.ui.viewer.page import ViewerPage


class WindowViewer(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.page: ViewerPage | None = None
        self._before = 0
        self._follow: Any = None  # the grid whose selection follows next/previous
        self._trashed_row: int | None = None  # the viewer's row of a result being trashed
        self._restoring: str | None = None  # the key of a result Undo is bringing back
        self._watched: list[Any] = []  # library models whose row changes refresh the marks shown

    def _open(self) -> ViewerPage:
        stack = self.window.stack
        if self.page is None:
            # Imported on first use: its widgets' Qt types are not created before the first frame.
            from seedream_desktop.ui.viewer.page import ViewerPage

            self.page = ViewerPage(stack)
            # The grid's cached thumbnails are the viewer's first picture (one cache for both).
            self.page.preview_file = getattr(self.window.parts.thumbnail_file, "cached", None)
            stack.addWidget(self.page)
            self.page.closed.connect(self.close)
            self.page.rowChanged.connect(self._row_changed)
            self.page.favouriteRequested.connect(self._favourite)
            self.page.ratingRequested.connect(self._rate)
            self.page.trashRequested.connect(self._trash)
            self.page.undoRequested.connect(self._undo)
            self.page.editRequested.connect(self._edit)
            self.page.compareOriginalRequested.connect(self._compare_original)
            self.window.commands.trashedItems.connect(lambda _items: self._results_changed())
            self.window.results_pane.undo.restored.connect(lambda _paths: self._results_changed())
        if stack.currentWidget() is not self.page:
            self._before = stack.currentIndex()
            stack.setCurrentWidget(self.page)
        self.page.canvas.setFocus()
        return self.page

    def showing(self) -> bool:
        return self.page is not None and self.window.stack.currentWidget() is self.page

    def open_results(self) -> None:
        """The selected result (or the two selected, compared); next/previous walk the saved results."""
        grid = self.window.grid
        saved = [i for i in self.window.model.items() if i.is_saved and i.path is not None]
        chosen = [i for i in grid.selected_items() if i.is_saved and i.path is not None]
        if not chosen:
            return
        self._follow = None
        if len(chosen) == 2:
            self._open().compare(Path(chosen[0].path), Path(chosen[1].path))
            return
        current = grid.current_item()
        first = current if current in chosen else chosen[0]
        self._open_results_at(saved, saved.index(first))

    def _open_results_at(self, saved: list[Any], row: int) -> None:
        paths = [Path(i.path) for i in saved]
        self._follow = ("results", [i.key for i in saved])
        self._open().open_rows(lambda at: paths[at] if 0 <= at < len(paths) else None, len(paths), row)
        self._show_marks()

    def open_library(self, view: Any, row: int) -> None:
        entries = view.grid.selected_entries()
        self._follow = None
        if len(entries) == 2:
            self._open().compare(entries[0].path, entries[1].path)
            return
        model = view.model

        def path_at(index: int) -> Path | None:
            entry = model.entry(index)
            return entry.path if entry is not None else None

        self._follow = ("library", view)
        if model not in self._watched:
            # The library page writes marks off the GUI thread: the viewer's marks follow when the rows
            # are read again, not at the key press.
            self._watched.append(model)
            model.dataChanged.connect(self._show_marks)
            model.modelReset.connect(self._show_marks)
        self._open().open_rows(path_at, model.rowCount(), row)
        self._show_marks()

    def open_paths(self, paths: list[Path], row: int) -> None:
        """Files not in a grid (the reference tray's): next/previous walk them."""
        self._follow = None
        self._open().open_rows(
            lambda index: paths[index] if 0 <= index < len(paths) else None, len(paths), row
        )
        self._show_marks()

    def compare(self, first: Path, second: Path) -> None:
        """Two files side by side (e.g. an edit's original and the edit: its before/after)."""
        self._follow = None
        self._open().compare(first, second)
        self._show_marks()

    def watch_tray(self, tray: Any) -> None:
        """Space, Enter or a double-click on a reference opens it here too (one viewer everywhere)."""
        self._tray = tray
        tray.view.installEventFilter(self)
        tray.view.doubleClicked.connect(lambda index: self.open_tray(index.row()))

    def open_tray(self, row: int) -> None:
        sources = [r.source for r in self._tray.references()]
        files = [Path(s) for s in sources if s and Path(s).is_file()]
        if not 0 <= row < len(sources) or not sources[row] or Path(sources[row]) not in files:
            return
        self.open_paths(files, files.index(Path(sources[row])))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers()
        ):
            index = self._tray.view.currentIndex()
            if index.isValid():
                self.open_tray(index.row())
                return True
        return False

    def _row_changed(self, row: int) -> None:
        if self._follow is None:
            return
        kind, what = self._follow
        if kind == "library":
            what.grid.select_row(row)
        else:
            found = self.window.model.row_of_key(what[row]) if row < len(what) else None
            if found is not None:
                self.window.grid.select_row(found)
        self._show_marks()

    # ---- what the viewer asks for, carried out by the grid's own commands -----------------------
    def _shown(self) -> Any:
        """The result item or library entry shown (None: a tray file, or two compared)."""
        if self.page is None or self._follow is None or len(self.page.paths) != 1:
            return None
        kind, what = self._follow
        if kind == "library":
            return what.model.entry(self.page.row)
        row = self.window.model.row_of_key(what[self.page.row]) if self.page.row < len(what) else None
        return self.window.model.item(row) if row is not None else None

    def _show_marks(self) -> None:
        if self.page is None:
            return
        shown = self._shown()
        library = self._follow is not None and self._follow[0] == "library"
        edited = bool(getattr(shown, "is_edit", False)) if library else self._original() is not None
        self.page.set_marks(
            bool(getattr(shown, "favourite", False)), int(getattr(shown, "rating", 0) or 0), edited=edited
        )

    def _original(self) -> Path | None:
        """The file the image shown was edited from: a result's record names it; the library's index
        finds it by the identity the edit recorded (moves and renames do not break the link)."""
        shown = self._shown()
        if shown is None or self._follow is None:
            return None
        if self._follow[0] == "library":
            parents = self._follow[1].library.lineage(shown.id).parents if shown.is_edit else []
            return parents[0].path if parents and parents[0].path.is_file() else None
        return original_of(shown.record)

    def _selected_shown(self) -> Any:
        """The kind ("results"/"library") whose grid now selects just the image shown, or None."""
        if self._shown() is None or self._follow is None or self.page is None:
            return None
        self._row_changed(self.page.row)  # the grid's commands act on its selection
        return self._follow[0]

    def _favourite(self) -> None:
        kind = self._selected_shown()
        if kind == "results":
            self.window.commands.toggle_favourite()
        elif kind == "library":
            self.window.library_tab.view.toggle_favourite(move_on=False)
        self._show_marks()

    def _rate(self, stars: int) -> None:
        kind = self._selected_shown()
        if kind == "results":
            self.window.commands.rate(stars)
        elif kind == "library":
            self.window.library_tab.view.rate(stars, move_on=False)
        self._show_marks()

    def _trash(self) -> None:
        kind = self._selected_shown()
        if kind == "results":
            self._trashed_row = self.page.row if self.page is not None else 0
            self.window.commands.trash()  # the viewer moves on when the results say it is gone
        elif kind == "library":
            view = self.window.library_tab.view
            row = self.page.row if self.page is not None else 0
            view.trash_selected()
            self._reopen_library(view, row)

    def _undo(self) -> None:
        if self._follow is not None and self._follow[0] == "library":
            view = self._follow[1]
            if view.undo_action.isEnabled():
                view.undo_trash()
                current = view.grid.currentIndex()
                self._reopen_library(view, current.row() if current.isValid() else 0)
        elif self.window.results_pane.undo.action.isEnabled():
            undo = self.window.results_pane.undo
            self._trashed_row = None
            self._restoring = undo.items[0][1].key if undo.items else None
            undo.undo()
            self._restoring = None

    def _results_changed(self) -> None:
        """Results trashed or brought back while the viewer shows them: it shows the next image, or
        the one brought back, at its place in the results."""
        if not self.showing() or self._follow is None or self._follow[0] != "results":
            return
        saved = [i for i in self.window.model.items() if i.is_saved and i.path is not None]
        if not saved:
            self.close()
            return
        row = self._trashed_row
        if row is None:  # brought back: it is shown again, at its old place
            keys = [i.key for i in saved]
            row = keys.index(self._restoring) if self._restoring in keys else 0
        self._trashed_row = None
        self._open_results_at(saved, min(row, len(saved) - 1))
        self._row_changed(self.page.row if self.page is not None else 0)

    def _reopen_library(self, view: Any, row: int) -> None:
        count = view.model.rowCount()
        if not count:
            self.close()
            return
        self.open_library(view, min(row, count - 1))

    def _edit(self) -> None:
        if self.page is not None and len(self.page.paths) == 1:
            self.window.edits.open(self.page.paths[0])

    def _compare_original(self) -> None:
        original = self._original()
        if original is not None and self.page is not None:
            self.compare(original, self.page.paths[0])
        else:
            self.window.status.showMessage(
                self.tr("The image this was edited from is not in the library any more."), 5000
            )

    def close(self) -> None:
        stack = self.window.stack
        stack.setCurrentIndex(self._before)
        grid = self.window.library_tab.view.grid if self._before == 1 else self.window.grid
        grid.setFocus()

    def shutdown(self) -> None:
        if self.page is not None:
            self.page.shutdown()
