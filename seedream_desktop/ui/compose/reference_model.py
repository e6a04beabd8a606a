"""The reference tray's list model: ordered entries, each numbered "image N" as the prompt refers to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
)
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPixmap

from seedream_desktop.api.request import ReferenceImage
from seedream_desktop.ui.theme import tinted_icon

ROWS_MIME = "application/x-seedream-reference-rows"
Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class ReferenceEntry:
    token: int  # stable identity while rows move; the loader reports by token
    source: str  # file path or URL ("" while pasted image data is still being written)
    name: str
    sha256: str | None = None
    loading: bool = True
    thumbnail: QIcon | None = None  # an icon, so the view scales it to its icon size

    def reference(self) -> ReferenceImage:
        return ReferenceImage(self.source, self.sha256)


class ReferenceModel(QAbstractListModel):
    SourceRole = Qt.ItemDataRole.UserRole + 1
    LoadingRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[ReferenceEntry] = []
        self._link_icon: QIcon | None = None

    # ---- read ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        number = index.row() + 1
        if role == Qt.ItemDataRole.DisplayRole:
            # The file name: stable while rows move. The "image N" under each tile is position, so
            # the delegate draws it (see label()); item-model rules want data that moves with its row.
            return entry.name
        if role == Qt.ItemDataRole.DecorationRole:
            if entry.thumbnail is not None:
                return entry.thumbnail
            if not entry.loading:  # a link: Runware fetches it, so there is no thumbnail to show
                if self._link_icon is None:
                    self._link_icon = tinted_icon("reference", QGuiApplication.palette())
                return self._link_icon
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            state = self.tr(" (preparing…)") if entry.loading else ""
            return self.tr("“image {n}” in the prompt: {name}{state}").format(
                n=number, name=entry.source or entry.name, state=state
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("image {n}, {name}").format(n=number, name=entry.name)
        if role == self.SourceRole:
            return entry.source
        if role == self.LoadingRole:
            return entry.loading
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def label(self, row: int) -> str:
        """How the prompt refers to the reference in ``row``."""
        return self.tr("image {0}").format(row + 1)

    def entries(self) -> list[ReferenceEntry]:
        return list(self._entries)

    def references(self) -> tuple[ReferenceImage, ...]:
        return tuple(e.reference() for e in self._entries)

    def row_of(self, token: int) -> int:
        for row, entry in enumerate(self._entries):
            if entry.token == token:
                return row
        return -1

    # ---- write --------------------------------------------------------------------------------
    def append(self, entries: list[ReferenceEntry]) -> None:
        if not entries:
            return
        first = len(self._entries)
        self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
        self._entries.extend(entries)
        self.endInsertRows()
        self._renumbered(first + len(entries))

    def set_loaded(self, token: int, source: str, sha256: str, thumbnail: QImage) -> None:
        row = self.row_of(token)
        if row < 0:
            return  # removed while it was being prepared
        entry = self._entries[row]
        entry.source, entry.sha256, entry.loading = source, sha256, False
        entry.name = entry.name or Path(source).name
        # The QPixmap is made here, on the GUI thread, from the worker's QImage.
        entry.thumbnail = QIcon(QPixmap.fromImage(thumbnail)) if not thumbnail.isNull() else None
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def remove_token(self, token: int) -> None:
        row = self.row_of(token)
        if row >= 0:
            self.removeRows(row, 1)

    def clear(self) -> None:
        if not self._entries:
            return
        self.beginResetModel()
        self._entries.clear()
        self.endResetModel()

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or count <= 0 or row < 0 or row + count > len(self._entries):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._entries[row : row + count]
        self.endRemoveRows()
        self._renumbered(row)
        return True

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        if source_parent.isValid() or destination_parent.isValid() or count <= 0:
            return False
        if source_row < 0 or source_row + count > len(self._entries):
            return False
        if not 0 <= destination_child <= len(self._entries):
            return False
        if source_row <= destination_child <= source_row + count:
            return False  # dropping a block onto itself changes nothing (Qt forbids announcing it)
        self.beginMoveRows(
            QModelIndex(), source_row, source_row + count - 1, QModelIndex(), destination_child
        )
        block = self._entries[source_row : source_row + count]
        del self._entries[source_row : source_row + count]
        at = destination_child if destination_child < source_row else destination_child - count
        self._entries[at:at] = block
        self.endMoveRows()
        self._renumbered(0)
        return True

    def move_to(self, rows: list[int], target: int) -> None:
        """Move ``rows`` (in their order) to sit before ``target``, as one drop of several tiles."""
        chosen = sorted({r for r in rows if 0 <= r < len(self._entries)})
        if not chosen:
            return
        moving = [self._entries[r] for r in chosen]
        staying = [e for i, e in enumerate(self._entries) if i not in chosen]
        insert = max(0, target - sum(1 for r in chosen if r < target))
        desired = staying[:insert] + moving + staying[insert:]
        # Settle the list front to back; each step moves one row up, which moveRows always allows.
        for position, entry in enumerate(desired):
            current = self.row_of(entry.token)
            if current != position:
                self.moveRows(QModelIndex(), current, 1, QModelIndex(), position)

    def _renumbered(self, first_row: int) -> None:
        # Numbers follow positions: everything after a change is "image N" for a new N.
        if first_row < len(self._entries):
            self.dataChanged.emit(
                self.index(first_row),
                self.index(len(self._entries) - 1),
                [
                    Qt.ItemDataRole.DisplayRole,
                    Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole,
                ],
            )

    # ---- drag and drop ------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        # Copy only: a "move" drag out would let a file manager move the designer's file away, and
        # QAbstractItemView deletes rows after a drag that ends in a move.
        return Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [ROWS_MIME, "text/uri-list"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """Rows for reordering inside the tray, plus file URLs so a reference can be dragged out."""
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(ROWS_MIME, QByteArray(",".join(map(str, rows)).encode()))
        urls = []
        for row in rows:
            source = self._entries[row].source
            if source.startswith(("http://", "https://")):
                urls.append(QUrl(source))
            elif source:
                urls.append(QUrl.fromLocalFile(source))
        mime.setUrls(urls)
        return mime


def rows_in(mime: QMimeData) -> list[int]:
    """The tray rows an internal drag carries (empty for drops from elsewhere)."""
    if not mime.hasFormat(ROWS_MIME):
        return []
    text = bytes(mime.data(ROWS_MIME).data()).decode(errors="replace")
    return [int(part) for part in text.split(",") if part.strip().isdigit()]
