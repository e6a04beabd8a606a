"""WindowViewer: puts the one viewer into the main window's stack, in front of the results or the
library, and back (Esc); built the first time it is asked for, not at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from seedream_desktop.ui.viewer.page import ViewerPage


class WindowViewer(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.page: ViewerPage | None = None
        self._before = 0
        self._follow: Any = None  # the grid whose selection follows next/previous

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
        paths = [Path(i.path) for i in saved]
        self._follow = ("results", [i.key for i in saved])
        self._open().open_rows(lambda row: paths[row] if 0 <= row < len(paths) else None, len(paths),
                               saved.index(first))  # fmt: skip

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
        self._open().open_rows(path_at, model.rowCount(), row)

    def open_paths(self, paths: list[Path], row: int) -> None:
        """Files not in a grid (the reference tray's): next/previous walk them."""
        self._follow = None
        self._open().open_rows(
            lambda index: paths[index] if 0 <= index < len(paths) else None, len(paths), row
        )

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

    def close(self) -> None:
        stack = self.window.stack
        stack.setCurrentIndex(self._before)
        grid = self.window.library_tab.view.grid if self._before == 1 else self.window.grid
        grid.setFocus()

    def shutdown(self) -> None:
        if self.page is not None:
            self.page.shutdown()
