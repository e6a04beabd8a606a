"""LibraryModel: the whole library (or one query's results) as a list model, read a window at a time.

The row count comes from ``Library.count``; rows are read in pages of ``PAGE`` from ``Library.search``
on demand and only the most recently used pages stay in memory, so 100,000 rows cost what a few
hundred do. A page read is a few milliseconds (an index walk), cheap enough for the GUI thread.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPixmap

from seedream_desktop.library.entry import ImageEntry
from seedream_desktop.library.index import Library
from seedream_desktop.library.query import Query
from seedream_desktop.ui.file_mime import drag_mime, files_mime

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
MAX_PAGES = 24  # ~5,000 entries in memory: several screens either way of the one shown
MAX_PIXMAPS = 300  # thumbnails kept in memory (~200 px decoded: ~160 KB each): several screens
# Library image ids on a drag, so a drop on a board knows which images without reading paths back.
IDS_MIME = "application/x-seedream-library-ids"


class Role(IntEnum):
    Entry = Qt.ItemDataRole.UserRole + 1
    Key = Qt.ItemDataRole.UserRole + 2
    Path = Qt.ItemDataRole.UserRole + 3
    Id = Qt.ItemDataRole.UserRole + 4


def thumbnail_key(entry: ImageEntry) -> str:
    """Content identity: copies share a thumbnail, and a changed file gets a new one."""
    return entry.content_id


def ids_from_mime(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(IDS_MIME):
        return []
    text = bytes(mime.data(IDS_MIME).data()).decode("ascii", "replace")
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


class LibraryModel(QAbstractListModel):
    """Rows of ``ImageEntry`` for one ``Query``; ``refresh()`` after the library changed."""

    queryChanged = Signal()  # the rows were replaced (new query, or refresh)

    def __init__(self, library: Library, parent: QObject | None = None, *, page: int = PAGE) -> None:
        super().__init__(parent)
        self.library = library
        self.page_size = page
        self._query = Query()
        self._count = 0
        self._pages: OrderedDict[int, list[ImageEntry]] = OrderedDict()
        self._keys: dict[int, dict[str, list[int]]] = {}  # page → thumbnail key → offsets in it
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._count = library.count(self._query)
        self._detached = False

    # ---- the query ------------------------------------------------------------------------------
    @property
    def query(self) -> Query:
        return self._query

    def set_query(self, query: Query) -> None:
        if query == self._query:
            return
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        """Read the count again and forget cached rows (thumbnails stay: they are keyed by content)."""
        if self._detached:
            return
        self.beginResetModel()
        self._pages.clear()
        self._keys.clear()
        self._count = self.library.count(self._query)
        self.endResetModel()
        self.queryChanged.emit()

    def detach(self) -> None:
        """No rows from now on and no more reads: the library is about to be closed."""
        self.beginResetModel()
        self._detached = True
        self._pages.clear()
        self._keys.clear()
        self._count = 0
        self.endResetModel()

    def reload_rows(self, rows: Iterable[int]) -> None:
        """Marks of these rows changed but not their order: read their pages again, repaint them."""
        rows = sorted(set(rows))
        for page in {r // self.page_size for r in rows}:
            self._pages.pop(page, None)
            self._keys.pop(page, None)
        for row in rows:
            if 0 <= row < self._count:
                index = self.index(row)
                self.dataChanged.emit(index, index)

    # ---- rows ---------------------------------------------------------------------------------------
    def entry(self, row: int) -> ImageEntry | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            page = self.library.search(self._query, number * self.page_size, self.page_size)
            self._pages[number] = page
            keys: dict[str, list[int]] = {}
            for position, item in enumerate(page):
                keys.setdefault(thumbnail_key(item), []).append(position)
            self._keys[number] = keys
            while len(self._pages) > MAX_PAGES:
                dropped, _ = self._pages.popitem(last=False)
                self._keys.pop(dropped, None)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def entries(self, rows: Iterable[int]) -> list[ImageEntry]:
        return [e for e in (self.entry(r) for r in rows) if e is not None]

    def row_of(self, image_id: int) -> int | None:
        """The row of an image among the rows read so far (None when not loaded or not in the results)."""
        for number, page in self._pages.items():
            for offset, entry in enumerate(page):
                if entry.id == image_id:
                    return number * self.page_size + offset
        return None

    def find_row(self, image_id: int, limit: int = 20_000) -> int | None:
        """The row of an image, reading further pages (up to ``limit`` rows) when it is not loaded."""
        found = self.row_of(image_id)
        if found is not None:
            return found
        for start in range(0, min(self._count, limit), self.page_size):
            if start // self.page_size in self._pages:
                continue
            self.entry(start)
            found = self.row_of(image_id)
            if found is not None:
                return found
        return None

    def loaded_pages(self) -> int:
        return len(self._pages)

    # ---- thumbnails ---------------------------------------------------------------------------------
    def set_thumbnail(self, key: str, pixmap: QPixmap) -> None:
        self._pixmaps[key] = pixmap
        self._pixmaps.move_to_end(key)
        while len(self._pixmaps) > MAX_PIXMAPS:
            self._pixmaps.popitem(last=False)
        for number, keys in self._keys.items():
            for offset in keys.get(key, ()):
                index = self.index(number * self.page_size + offset)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def thumbnail(self, key: str) -> QPixmap | None:
        return self._pixmaps.get(key)

    # ---- Qt model interface -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        entry = self.entry(index.row())
        if entry is None:
            return None
        if role == Role.Entry:
            return entry
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmaps.get(thumbnail_key(entry))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return entry.path.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.prompt or entry.path.name
        if role == Role.Key:
            return thumbnail_key(entry)
        if role == Role.Path:
            return str(entry.path)
        if role == Role.Id:
            return entry.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in Role})
        return names

    # ---- drag out: files for other apps and the reference tray, ids for boards ----------------------
    def mimeTypes(self) -> list[str]:
        return ["text/uri-list", IDS_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """For a drag (Qt's views call this at drag start): the image bytes are only offered, so a
        drag of a 4K PNG starts at once; they are read if a drop target asks for them."""
        entries = self.entries(sorted({i.row() for i in indexes if i.isValid()}))
        return _with_ids(drag_mime([e.path for e in entries]), entries)


def mime_for(entries: Sequence[ImageEntry]) -> QMimeData:
    """For a copy: the files with the first one's bytes read now (ui/file_mime.py), plus our ids."""
    return _with_ids(files_mime([e.path for e in entries]), entries)


def _with_ids(mime: QMimeData, entries: Sequence[ImageEntry]) -> QMimeData:
    # The ids let our own drop targets (boards) act on index rows without parsing paths.
    mime.setData(IDS_MIME, QByteArray(",".join(str(e.id) for e in entries).encode("ascii")))
    return mime
