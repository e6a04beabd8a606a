"""The reference tray: drop, paste or add images; reorder, remove; numbered "image N"; limits said inline."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.api.errors import CONTEXT, SeedreamError
from seedream_desktop.api.request import MAX_REFERENCES, MAX_REFS_PLUS_SEQUENTIAL, ReferenceImage
from seedream_desktop.ui.compose.reference_delegate import TILE, ReferenceDelegate
from seedream_desktop.ui.compose.reference_loader import ReferenceLoader
from seedream_desktop.ui.compose.reference_model import ReferenceEntry, ReferenceModel
from seedream_desktop.ui.compose.reference_sources import Source, offers_references, sources_from_mime
from seedream_desktop.ui.compose.reference_view import ReferenceListView

_tokens = itertools.count(1)


def error_text(error: object) -> str:
    """Any failure in the designer's words, translated (SeedreamError) or as the system said it."""
    if isinstance(error, SeedreamError):
        params = dict(error.params)
        reason_template = params.get("reason")
        if isinstance(reason_template, str):  # a marked reason with its own values (KitError)
            params["detail"] = QCoreApplication.translate(CONTEXT, reason_template).format(**params)
        else:
            # Details are often marked strings themselves ("the file is damaged"): translate them too.
            params["detail"] = QCoreApplication.translate(CONTEXT, str(params.get("detail", "")))
        return QCoreApplication.translate(CONTEXT, error.template).format(**params)
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error) or type(error).__name__


def describe_error(name: str, error: object) -> str:
    """A refused reference, always naming the file."""
    reason = error_text(error)
    if name in reason:
        return QCoreApplication.translate("ReferenceTray", "Not added: {reason}").format(reason=reason)
    return QCoreApplication.translate("ReferenceTray", "{name} was not added: {reason}").format(
        name=name, reason=reason
    )


class ReferenceTray(QWidget):
    changed = Signal()  # entries added, removed, reordered or finished loading
    idle = Signal()  # no reference is being prepared any more
    editRegionRequested = Signal(str)  # "Edit a region…" on a reference: the file it came from

    def __init__(self, cache: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sequential: int | None = None
        self.loader = ReferenceLoader(cache, self)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)
        self.loader.idle.connect(self.idle)
        self.model = ReferenceModel(self)
        self.view = ReferenceListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Reference images"))
        self.view.setToolTip(
            self.tr(
                "Drop images, folders or image links here, or paste with Ctrl+V.\n"
                "Refer to them in the prompt as “image 1”, “image 2”…\n"
                "Drag to reorder; Delete removes; Ctrl+Left/Right moves."
            )
        )
        self.delegate = ReferenceDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setMinimumHeight(TILE.height() + 16)
        self.view.sourcesDropped.connect(self.add_mime)
        self.view.removeRequested.connect(self.remove_selected)
        self.view.moveRequested.connect(self.move_selected)
        self.delegate.removeRequested.connect(self.remove_row)

        self.add_button = QPushButton(self.tr("Add…"), self)
        self.add_button.setToolTip(self.tr("Choose reference images from disk"))
        self.add_button.setAccessibleName(self.tr("Add reference images"))
        self.add_button.clicked.connect(self.choose_files)
        self.count_label = QLabel(self)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setAccessibleName(self.tr("Reference tray message"))
        self.message_label.hide()

        # The header is public so the panel can put its Kits button beside Add.
        self.header = QHBoxLayout()
        self.header.addWidget(QLabel(self.tr("References"), self))
        self.header.addStretch(1)
        self.header.addWidget(self.count_label)
        self.header.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message_label)
        self.setAcceptDrops(True)

        for signal in (
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.rowsMoved,
            self.model.modelReset,
        ):
            signal.connect(self._on_rows_changed)
        self._on_rows_changed()

    # ---- limits -------------------------------------------------------------------------------
    def set_sequential(self, sequential: int | None) -> None:
        self._sequential = sequential
        self._update_count()

    def capacity(self) -> int:
        """How many references the tray may hold with the current sequential setting."""
        return max(0, min(MAX_REFERENCES, MAX_REFS_PLUS_SEQUENTIAL - (self._sequential or 0)))

    def _limit_text(self) -> str:
        if self._sequential and self.capacity() < MAX_REFERENCES:
            return self.tr(
                "With {seq} sequential images the tray takes at most {cap} references (together at most {total})."
            ).format(seq=self._sequential, cap=self.capacity(), total=MAX_REFS_PLUS_SEQUENTIAL)
        return self.tr("Seedream takes at most {max} reference images.").format(max=MAX_REFERENCES)

    # ---- adding -------------------------------------------------------------------------------
    def add_mime(self, mime: QMimeData) -> int:
        found = sources_from_mime(mime)
        if not found:
            self.show_message(self.tr("Nothing there is an image, an image file or an image link."))
            return 0
        return self.add_sources(found)

    def paste(self) -> int:
        """Ctrl+V: image data, file URLs or an image link from the clipboard."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not offers_references(mime):
            self.show_message(self.tr("The clipboard holds no image, image file or image link."))
            return 0
        return self.add_mime(mime)

    def add_sources(self, sources: list[Source]) -> int:
        """Add what fits; refuse the rest with a message saying how many were not added and why."""
        self.show_message("")
        room = self.capacity() - self.model.rowCount()
        taken, refused = sources[: max(0, room)], len(sources) - max(0, room)
        entries = []
        for source in taken:
            token = next(_tokens)
            if isinstance(source, str) and source.startswith(("http://", "https://")):
                # Links are sent as links: never downloaded here, Runware fetches them.
                name = source.rsplit("/", 1)[-1] or source
                entries.append(ReferenceEntry(token, source, name, loading=False))
            elif isinstance(source, str):
                entries.append(ReferenceEntry(token, source, Path(source).name))
                self.loader.load_file(token, source)
            else:
                entries.append(ReferenceEntry(token, "", self.tr("pasted image")))
                self.loader.load_data(token, source)
        self.model.append(entries)
        if refused > 0:
            self.show_message(
                self.tr("%n image(s) not added: {limit}", "", refused).format(limit=self._limit_text())
            )
        return len(taken)

    def set_references(self, references: tuple[ReferenceImage, ...] | list[ReferenceImage]) -> None:
        """Replace the tray (reuse settings, a kit); local files are prepared again, links kept."""
        self.model.clear()
        self.add_sources([r.source for r in references])

    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # made on first use, not before the first frame

        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add reference images"),
            "",
            self.tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff);;All files (*)"),
        )
        if files:
            self.add_sources(list(files))

    # ---- removing and moving ------------------------------------------------------------------
    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()}, reverse=True)
        for row in rows:
            self.model.removeRows(row, 1)

    def remove_row(self, row: int) -> None:
        self.model.removeRows(row, 1)

    def move_earlier(self) -> None:
        self.move_selected(-1)

    def move_later(self) -> None:
        self.move_selected(1)

    def move_selected(self, step: int) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        if len(rows) != 1:
            return
        row = rows[0]
        target = row + step
        if not 0 <= target < self.model.rowCount():
            return
        self.model.moveRows(QModelIndex(), row, 1, QModelIndex(), target + (1 if step > 0 else 0))
        self.view.setCurrentIndex(self.model.index(target))

    def clear(self) -> None:
        self.model.clear()
        self.show_message("")

    # ---- state --------------------------------------------------------------------------------
    def references(self) -> tuple[ReferenceImage, ...]:
        return self.model.references()

    def is_busy(self) -> bool:
        return self.loader.busy()

    def message(self) -> str:
        return self.message_label.text()

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _add_message(self, text: str) -> None:
        current = self.message()
        self.show_message(f"{current}\n{text}" if current else text)

    def _on_loaded(self, token: int, source: str, sha256: str, thumbnail: QImage) -> None:
        self.model.set_loaded(token, source, sha256, thumbnail)
        self.changed.emit()

    def _on_failed(self, token: int, name: str, error: object) -> None:
        self.model.remove_token(token)
        self._add_message(describe_error(name, error))

    def _on_rows_changed(self, *args: object) -> None:
        self._update_count()
        self.changed.emit()

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("{count} / {max}").format(count=self.model.rowCount(), max=self.capacity())
        )
        self.count_label.setToolTip(self._limit_text())

    # ---- events -------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if offers_references(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_mime(event.mimeData())
        event.acceptProposedAction()

    def event(self, event: QEvent) -> bool:
        # Claim Ctrl+V before any window-wide shortcut sees it, while the tray has focus.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _selected_source(self) -> str | None:
        """The file of the one selected reference (None: several, none, or pasted pixels)."""
        rows = {index.row() for index in self.view.selectionModel().selectedIndexes()}
        references = self.references()
        if len(rows) != 1 or not 0 <= (row := rows.pop()) < len(references):
            return None
        source = references[row].source
        return str(source) if source and Path(source).is_file() else None

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        has_selection = bool(self.view.selectionModel().selectedIndexes())
        remove = QAction(self.tr("Remove"), menu)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setEnabled(has_selection)
        remove.triggered.connect(self.remove_selected)
        earlier = QAction(self.tr("Move earlier"), menu)
        earlier.triggered.connect(self.move_earlier)
        later = QAction(self.tr("Move later"), menu)
        later.triggered.connect(self.move_later)
        paste = QAction(self.tr("Paste"), menu)
        paste.triggered.connect(self.paste)
        clear = QAction(self.tr("Remove all"), menu)
        clear.setEnabled(self.model.rowCount() > 0)
        clear.triggered.connect(self.clear)
        source = self._selected_source()
        edit = QAction(self.tr("Edit a region…"), menu)
        edit.setObjectName("editRegion")
        edit.setEnabled(source is not None)
        if source is not None:
            edit.triggered.connect(lambda _checked=False: self.editRegionRequested.emit(source))
        menu.addActions([remove, earlier, later])
        menu.addSeparator()
        menu.addAction(edit)
        menu.addSeparator()
        menu.addActions([paste, self._add_action(menu), clear])
        return menu

    def _add_action(self, menu: QMenu) -> QAction:
        from PySide6.QtWidgets import QStyle  # its enums cost ~5 ms: not before the first frame

        action = QAction(self.tr("Add…"), menu)
        action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
        action.triggered.connect(self.choose_files)
        return action
