"""ResultModel: every result and placeholder of this session, newest job first, as a list model."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QPixmap

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.jobs.state import JobState
from seedream_desktop.ui.file_mime import MIME_TYPES, FilesMime, drag_mime, files_mime
from seedream_desktop.ui.results.item import ResultItem

Index = QModelIndex | QPersistentModelIndex
# Thumbnails kept in memory for this session's grid (a few MB each at most).
MAX_PIXMAPS = 600


class Role(IntEnum):
    Item = Qt.ItemDataRole.UserRole + 1
    Key = Qt.ItemDataRole.UserRole + 2
    Path = Qt.ItemDataRole.UserRole + 3
    Prompt = Qt.ItemDataRole.UserRole + 4
    State = Qt.ItemDataRole.UserRole + 5
    Progress = Qt.ItemDataRole.UserRole + 6
    Error = Qt.ItemDataRole.UserRole + 7
    Favourite = Qt.ItemDataRole.UserRole + 8
    Rating = Qt.ItemDataRole.UserRole + 9
    Seed = Qt.ItemDataRole.UserRole + 10
    Elapsed = Qt.ItemDataRole.UserRole + 11


# What each custom role reads from a ResultItem (declared once: data() runs for every painted tile).
_ROLE_VALUES: dict[int, Callable[[ResultItem], Any]] = {
    Role.Item: lambda item: item,
    Role.Key: lambda item: item.key,
    Role.Path: lambda item: str(item.path) if item.path else None,
    Role.Prompt: lambda item: item.prompt,
    Role.State: lambda item: item.state,
    Role.Progress: lambda item: (item.bytes_done, item.bytes_total),
    Role.Error: lambda item: item.error_text or None,
    Role.Favourite: lambda item: item.favourite,
    Role.Rating: lambda item: item.rating,
    Role.Seed: lambda item: item.seed,
    Role.Elapsed: lambda item: item.elapsed(),
}


class ResultModel(QAbstractListModel):
    """Owns the ResultItems; every change goes through here so views stay consistent."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[ResultItem] = []
        self._pixmaps: dict[str, QPixmap] = {}
        # Running tiles show their elapsed time: repaint them once a second while any job runs.
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)

    # ---- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.path.name if item.path else self.status_text(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.prompt or None
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmaps.get(item.key)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.status_text(item)}: {item.prompt}"
        return self._custom(item, role)

    def _custom(self, item: ResultItem, role: int) -> Any:
        getter = _ROLE_VALUES.get(role)
        return getter(item) if getter else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self._items[index.row()].is_saved:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in Role})
        return names

    # ---- drag out: files for file managers, the image bytes for apps that take pixels ----------
    def mimeTypes(self) -> list[str]:
        return ["text/uri-list", *sorted(set(MIME_TYPES.values()))]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """For Copy image: the clipboard gets the bytes now (the grid's drag uses ``drag_mime``)."""
        return files_mime(self._paths(indexes))

    def drag_mime(self, indexes: Sequence[QModelIndex]) -> FilesMime:
        """For a drag: the URLs at once, the bytes only if the drop target asks."""
        return drag_mime(self._paths(indexes))

    def _paths(self, indexes: Sequence[QModelIndex]) -> list[Path]:
        return [p for p in (self._items[i.row()].path for i in indexes if i.isValid()) if p]

    # ---- jobs ---------------------------------------------------------------------------------
    def add_job(
        self,
        job_id: str,
        request: GenerationRequest | None,
        expected: int,
        state: JobState,
        *,
        waiting: bool = False,
    ) -> None:
        """Placeholders for every image the job may make, inserted in one batch at the top."""
        state = JobState(state)
        if self.rows_of(job_id):
            self.update_job(job_id, state, waiting=waiting)
            return
        count = max(1, expected)
        self.beginInsertRows(QModelIndex(), 0, count - 1)
        self._items[0:0] = [
            ResultItem(job_id, slot, request, state, waiting=waiting) for slot in range(count)
        ]
        self.endInsertRows()
        self._clock.start()

    def add_saved(self, items: Iterable[ResultItem]) -> None:
        """Images already on disk (a resumed job, the last session) appended in one batch."""
        new = list(items)
        if not new:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._items.extend(new)
        self.endInsertRows()

    def put_back(self, placed: Iterable[tuple[int, ResultItem]]) -> None:
        """Items brought back from the trash, each at the row it left (rows as they were when it left:
        given in the order they were removed, they are put back in reverse, so every row is right)."""
        for row, item in reversed(list(placed)):
            at = max(0, min(row, len(self._items)))
            self.beginInsertRows(QModelIndex(), at, at)
            self._items.insert(at, item)
            self.endInsertRows()

    def update_job(
        self,
        job_id: str,
        state: JobState,
        error: tuple[str, str, str] | None = None,
        *,
        waiting: bool = False,
    ) -> None:
        """A new job state; ``error`` is (kind, text, remedy) already translated."""
        state = JobState(state)
        rows = self.rows_of(job_id)
        if not rows:
            return
        now = time.monotonic()
        for row in rows:
            item = self._items[row]
            if item.is_saved:
                continue
            item.state, item.waiting = state, waiting and not state.finished
            if state.finished:
                item.finished = item.finished or now
            else:
                item.finished = None
            if error is not None:
                item.error_kind, item.error_text, item.remedy = error
            elif state is not JobState.FAILED:
                item.error_kind = item.error_text = item.remedy = ""
        if state.finished:
            self._drop_unused_placeholders(job_id, keep_one=state is not JobState.DONE)
        self._changed(self.rows_of(job_id))

    def image_saved(self, job_id: str, path: Path, record: Any, image_uuid: str = "") -> None:
        """Fills the job's first free placeholder (or the one downloading this image)."""
        rows = self.rows_of(job_id)
        target = next((r for r in rows if image_uuid and self._items[r].image_uuid == image_uuid), None)
        if target is None:
            target = next((r for r in rows if not self._items[r].is_saved), None)
        if target is None:
            slot = max((self._items[r].slot for r in rows), default=-1) + 1
            position = (rows[-1] + 1) if rows else 0
            self.beginInsertRows(QModelIndex(), position, position)
            self._items.insert(position, ResultItem(job_id, slot))
            self.endInsertRows()
            target = position
        item = self._items[target]
        item.path, item.record, item.state, item.waiting = Path(path), record, JobState.DONE, False
        item.image_uuid = image_uuid or item.image_uuid
        item.bytes_done = item.bytes_total = max(item.bytes_done, item.bytes_total)
        item.finished = time.monotonic()
        item.error_kind = item.error_text = item.remedy = ""
        self._changed([target])

    def download_progress(self, job_id: str, image_uuid: str, done: int, total: int) -> None:
        rows = self.rows_of(job_id)
        target = next((r for r in rows if self._items[r].image_uuid == image_uuid), None)
        if target is None:
            target = next(
                (r for r in rows if not self._items[r].is_saved and not self._items[r].image_uuid), None
            )
            if target is None:
                return
            self._items[target].image_uuid = image_uuid
        item = self._items[target]
        item.bytes_done, item.bytes_total = done, total
        item.state = JobState.DOWNLOADING if not item.is_saved else item.state
        self._changed([target])

    def _drop_unused_placeholders(self, job_id: str, keep_one: bool) -> None:
        """A job that ended may have made fewer images than asked: remove the empty tiles left."""
        rows = self.rows_of(job_id)
        empty = [r for r in rows if not self._items[r].is_saved]
        if keep_one and len(empty) == len(rows):
            empty = empty[1:]  # a failed or cancelled job keeps one tile to say so (and offer retry)
        for row in reversed(empty):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._items[row]
            self.endRemoveRows()

    def remove_job(self, job_id: str) -> None:
        for row in reversed(self.rows_of(job_id)):
            self.remove_row(row)

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        item = self._items.pop(row)
        self.endRemoveRows()
        self._pixmaps.pop(item.key, None)

    # ---- per image --------------------------------------------------------------------------
    def set_favourite(self, row: int, on: bool) -> None:
        self._items[row].favourite = on
        self._changed([row])

    def set_rating(self, row: int, stars: int) -> None:
        self._items[row].rating = max(0, min(5, stars))
        self._changed([row])

    def set_thumbnail(self, key: str, pixmap: QPixmap) -> None:
        row = self.row_of_key(key)
        if row is None:
            return
        if len(self._pixmaps) >= MAX_PIXMAPS:
            self._pixmaps.pop(next(iter(self._pixmaps)))  # oldest first: it was inserted first
        self._pixmaps[key] = pixmap
        self._changed([row], [Qt.ItemDataRole.DecorationRole])

    def has_thumbnail(self, key: str) -> bool:
        return key in self._pixmaps

    # ---- lookups ------------------------------------------------------------------------------
    def item(self, row: int) -> ResultItem:
        return self._items[row]

    def items(self) -> list[ResultItem]:
        return list(self._items)

    def rows_of(self, job_id: str) -> list[int]:
        return [row for row, item in enumerate(self._items) if item.job_id == job_id]

    def row_of_key(self, key: str) -> int | None:
        return next((row for row, item in enumerate(self._items) if item.key == key), None)

    def row_of_path(self, path: Path) -> int | None:
        return next((row for row, item in enumerate(self._items) if item.path == path), None)

    def running_jobs(self) -> set[str]:
        return {item.job_id for item in self._items if item.is_running}

    def status_text(self, item: ResultItem) -> str:
        if item.waiting:
            return self.tr("Queued, will be sent when back online")
        names = {
            JobState.QUEUED: self.tr("Queued"),
            JobState.SUBMITTED: self.tr("Sent"),
            JobState.GENERATING: self.tr("Generating"),
            JobState.DOWNLOADING: self.tr("Downloading"),
            JobState.DONE: self.tr("Done"),
            JobState.FAILED: self.tr("Failed"),
            JobState.CANCELLED: self.tr("Cancelled"),
        }
        return names[item.state]

    # ---- internals ----------------------------------------------------------------------------
    def _changed(self, rows: Iterable[int], roles: Sequence[int] = ()) -> None:
        rows = sorted(rows)
        if not rows:
            return
        self.dataChanged.emit(self.index(rows[0]), self.index(rows[-1]), list(roles))

    def _tick(self) -> None:
        running = [row for row, item in enumerate(self._items) if item.is_running]
        if not running:
            self._clock.stop()
            return
        self._changed(running, [int(Role.Elapsed), Qt.ItemDataRole.DisplayRole])
