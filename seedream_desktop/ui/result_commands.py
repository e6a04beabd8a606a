"""ResultCommands: what the per-result actions do — open, reveal, copy, reuse, reference, mark, trash."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QClipboard

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.ui.actions import WindowActions
from seedream_desktop.ui.bridge import Bridge
from seedream_desktop.ui.messages import error_text
from seedream_desktop.ui.results.grid import ResultGrid
from seedream_desktop.ui.results.item import ResultItem
from seedream_desktop.ui.results.model import ResultModel
from seedream_desktop.ui.reveal import reveal
from seedream_desktop.ui.viewer.original import original_of

OpenUrl = Callable[[QUrl], Any]


class Compose(Protocol):
    """The part of the compose panel the result grid feeds."""

    def load_request(self, request: GenerationRequest) -> None: ...
    def add_references(self, sources: list[str]) -> None: ...
    def set_parent_image(self, path: str | None) -> None: ...
    def set_seed(self, seed: int | None) -> None: ...


class ResultCommands(QObject):
    message = Signal(str)  # a short confirmation or problem for the status bar
    editRegionRequested = Signal(str)  # path: open the edit canvas on it (ui/edit)
    adjustEditRequested = Signal(str)  # path of a region edit: reopen the canvas on its parent

    def __init__(
        self,
        grid: ResultGrid,
        model: ResultModel,
        compose: Compose,
        bridge: Bridge,
        clipboard: QClipboard,
        open_url: OpenUrl,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._grid, self._model, self._compose, self._bridge = grid, model, compose, bridge
        self._clipboard, self._open_url = clipboard, open_url

    trashedItems = Signal(list)  # (row, ResultItem) just sent to the trash, in the order removed
    compareRequested = Signal(object, object)  # (original, edit): the viewer shows them side by side

    def connect_actions(self, actions: WindowActions) -> None:
        actions.open_external.triggered.connect(self.open)
        actions.reveal.triggered.connect(self.reveal)
        actions.copy_image.triggered.connect(self.copy_image)
        actions.copy_prompt.triggered.connect(self.copy_prompt)
        actions.reuse_settings.triggered.connect(self.reuse_settings)
        actions.reuse_seed.triggered.connect(self.reuse_seed)
        actions.use_as_reference.triggered.connect(self.use_as_reference)
        actions.edit_region.triggered.connect(self.edit_region)
        actions.adjust_edit.triggered.connect(self.adjust_edit)
        actions.compare_original.triggered.connect(self.compare_original)
        actions.favourite.triggered.connect(self.toggle_favourite)
        actions.trash.triggered.connect(self.trash)
        actions.export.triggered.connect(self.export)
        for stars, act in enumerate(actions.rate):
            act.triggered.connect(lambda _=False, n=stars: self.rate(n))

    def update_enabled(self, actions: WindowActions) -> None:
        saved = [i for i in self._grid.selected_items() if i.is_saved]
        for act in actions.result_actions():
            act.setEnabled(bool(saved))
        one = len(saved) == 1
        for act in (
            actions.reuse_settings,
            actions.reuse_seed,
            actions.copy_prompt,
            actions.edit_region,
            actions.adjust_edit,
        ):
            act.setEnabled(one)
        item = self._one() if one else None
        actions.compare_original.setEnabled(item is not None and original_of(item.record) is not None)

    # ---- helpers --------------------------------------------------------------------------------
    def _saved(self) -> list[ResultItem]:
        return [i for i in self._grid.selected_items() if i.is_saved]

    def _one(self) -> ResultItem | None:
        saved = self._saved()
        current = self._grid.current_item()
        if current is not None and current.is_saved and current in saved:
            return current
        return saved[0] if saved else None

    # ---- actions --------------------------------------------------------------------------------
    def open(self) -> None:
        for item in self._saved()[:10]:  # a slip of Ctrl+A must not open a hundred viewers
            assert item.path is not None
            self._open_url(QUrl.fromLocalFile(str(item.path)))

    def reveal(self) -> None:
        reveal([item.path for item in self._saved() if item.path is not None], self._open_url)

    def copy_image(self) -> None:
        rows = [r for r in self._grid.selected_rows() if self._model.item(r).is_saved]
        if rows:
            # File URLs plus the file's own bytes: no decode on the GUI thread, no re-encode.
            self._clipboard.setMimeData(self._model.mimeData([self._model.index(r) for r in rows]))
            self.message.emit(self.tr("Copied %n image(s)", "", len(rows)))

    def copy_prompt(self) -> None:
        item = self._one()
        if item is not None:
            self._clipboard.setText(item.prompt)
            self.message.emit(self.tr("Prompt copied"))

    def reuse_settings(self) -> None:
        item = self._one()
        request = item.generation_request() if item else None
        if request is None:
            self.message.emit(self.tr("This image carries no settings to reuse"))
            return
        self._compose.load_request(request)
        self.message.emit(self.tr("Loaded the prompt and settings of the selected image"))

    def reuse_seed(self) -> None:
        item = self._one()
        if item is not None and item.seed is not None:
            self._compose.set_seed(item.seed)
            self.message.emit(self.tr("Seed {seed} set").format(seed=item.seed))

    def use_as_reference(self) -> None:
        paths = [str(item.path) for item in self._saved() if item.path is not None]
        if not paths:
            return
        if len(paths) == 1:
            self._compose.set_parent_image(paths[0])  # an edit of this image: reference + lineage
        else:
            self._compose.add_references(list(paths))
        self.message.emit(self.tr("Added %n reference image(s)", "", len(paths)))

    def edit_region(self) -> None:
        item = self._one()
        if item is not None and item.path is not None:
            self.editRegionRequested.emit(str(item.path))

    def adjust_edit(self) -> None:
        item = self._one()
        if item is not None and item.path is not None:
            self.adjustEditRequested.emit(str(item.path))

    def compare_original(self) -> None:
        """A region edit beside the image it was made from (its before/after)."""
        item = self._one()
        original = original_of(item.record) if item is not None else None
        if item is not None and item.path is not None and original is not None:
            self.compareRequested.emit(original, Path(item.path))

    def toggle_favourite(self) -> None:
        items = self._saved()
        if not items:
            return
        on = not all(item.favourite for item in items)
        for item in items:
            row = self._model.row_of_key(item.key)
            if row is not None:
                self._model.set_favourite(row, on)
        self._bridge.set_favourite([i.path for i in items if i.path], on, self._reported)

    def rate(self, stars: int) -> None:
        items = self._saved()
        for item in items:
            row = self._model.row_of_key(item.key)
            if row is not None:
                self._model.set_rating(row, stars)
        if items:
            self._bridge.set_rating([i.path for i in items if i.path], stars, self._reported)

    def export(self) -> None:
        from seedream_desktop.ui.export_dialog import open_export

        open_export([item.path for item in self._saved() if item.path is not None], self._grid.window())

    def trash(self) -> None:
        paths = [item.path for item in self._saved() if item.path is not None]
        if paths:
            self._bridge.trash(paths, self._trashed)

    def _trashed(self, trashed: Any, error: BaseException | None) -> None:
        gone = []
        for path in trashed or []:
            row = self._model.row_of_path(Path(path))
            if row is not None:
                gone.append((row, self._model.item(row)))  # Undo puts it back at this row
                self._model.remove_row(row)
        if gone:
            self.trashedItems.emit(gone)  # the results pane offers Undo
        if error is not None:
            self.message.emit(
                self.tr("Could not move to the trash: {reason}").format(reason=error_text(error))
            )
        elif trashed:
            self.message.emit(self.tr("Moved %n image(s) to the trash", "", len(trashed)))

    def _reported(self, _result: Any, error: BaseException | None) -> None:
        if error is not None:
            self.message.emit(self.tr("Could not save the mark: {reason}").format(reason=error_text(error)))
