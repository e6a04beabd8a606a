"""The library page's room: the grid takes most of the width, and an empty grid says why it is empty."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

from seedream_desktop.library.query import Query
from seedream_desktop.ui.elide import char_width

BOARDS_CHARS, INSPECTOR_CHARS = 20, 44


class GridFirstColumns(QObject):
    """Until the person moves a divider (or saved sizes are restored: ``placed``), every resize gives
    the boards column and the inspector comfortable widths and the grid the rest."""

    def __init__(self, splitter: QSplitter, boards: QWidget) -> None:
        super().__init__(splitter)
        self.splitter, self.boards = splitter, boards
        self.placed = False
        splitter.installEventFilter(self)
        splitter.splitterMoved.connect(self._moved)

    def _moved(self, *_args: object) -> None:
        self.placed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and isinstance(event, QResizeEvent) and not self.placed:
            char = char_width(self.splitter.fontMetrics())
            boards = max(char * BOARDS_CHARS, self.boards.minimumSizeHint().width())
            inspector = char * INSPECTOR_CHARS
            self.splitter.setSizes([boards, max(1, event.size().width() - boards - inspector), inspector])
        return False


def _tr(text: str) -> str:
    return QCoreApplication.translate("LibraryView", text)


def say_why_empty(view: Any) -> None:
    """An empty grid says why, and what to do about it (a search: clear it; a board: drag images in)."""
    text = view.filters.search.text().strip()
    if text:
        view.empty.say(_tr("No images match “{0}”").format(text), "", _tr("Clear search"))
    elif view.filters.query() != Query(sort=view.filters.query().sort):
        view.empty.say(_tr("No images match these filters"), _tr("Loosen or reset the filters above."))
    elif view.boards.chosen() is not None:
        view.empty.say(
            _tr("This board is empty"),
            _tr("Drag images here from the grid or the results to add them; the files stay where they are."),
        )
    else:
        view.empty.say(
            _tr("The library is empty"),
            _tr("Every image you generate is saved here. Drop image files here to import them."),
        )
