"""EditSessions: opens the edit canvas on an image, sends the edit, pastes the result back when it lands.

A sent edit waits here, keyed by its marked copy's hash (which the saved image's record carries), so
the window's normal generate path needs no edit-specific step: when an image of that edit is saved,
its composite is made on the worker thread and announced. An edit still running when the app quits
keeps the model's output; only the paste-back is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from seedream_desktop.api.request import GenerationRequest, ReferenceImage
from seedream_desktop.ui.messages import error_text

if TYPE_CHECKING:
    # Imported where used: the paste-back's chain (jobs.saver → journal → api.envelope → httpx) cost
    # ~400 ms before the window's first frame, for a canvas nobody has opened yet.
    from seedream_desktop.jobs.edit_results import EditResult
    from seedream_desktop.library.edits.adjust import StoredEdit
    from seedream_desktop.library.edits.prepare import PreparedEdit
    from seedream_desktop.ui.edit.dialog import EditDialog


class Worker(Protocol):
    """The part of the Bridge this needs: its imageSaved signal and run()."""

    imageSaved: Any

    def run(self, coroutine: Any, done: Callable[[Any, BaseException | None], None] | None = None) -> Any: ...
    def is_running(self) -> bool: ...


class EditSessions(QObject):
    message = Signal(str)  # for the status bar
    opened = Signal(object)  # EditDialog, shown
    # job id, the model output's imageUUID, the composite's path, EditResult: the composite is the result
    compositeSaved = Signal(str, str, str, object)

    def __init__(
        self,
        parent: QWidget,
        *,
        worker: Worker,
        submit: Callable[[GenerationRequest], None],
        library_root: Callable[[], Path],
        tray: Callable[[], tuple[ReferenceImage, ...]] = tuple,
        base: Callable[[], GenerationRequest | None] = lambda: None,
        index: Callable[[], Any] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._worker, self._submit = worker, submit
        self._library_root, self._tray, self._base = library_root, tray, base
        self._index = index  # the pipeline's library index (or None): the composite joins it at once
        self._pending: dict[str, PreparedEdit] = {}
        self.dialog: EditDialog | None = None
        worker.imageSaved.connect(self._image_saved)

    def open(self, path: str | Path) -> None:
        """Show the canvas on ``path`` once it is read (off the GUI thread); a message if it cannot be."""
        from seedream_desktop.library.edits.original import open_original

        self.off_thread(lambda: (open_original(Path(path)), None), self._show)

    def adjust(self, path: str | Path) -> None:
        """'Adjust this edit': the canvas on the edit's parent, with the same mask, markup and words."""
        from seedream_desktop.library.edits.adjust import stored_edit
        from seedream_desktop.library.edits.original import open_original

        def read() -> tuple[Any, StoredEdit]:
            stored = stored_edit(Path(path), self._library_root())
            return open_original(stored.parent), stored

        self.off_thread(read, self._show)

    def off_thread(self, work: Callable[[], Any], done: Callable[[Any, BaseException | None], None]) -> None:
        """Decoding and writing pictures stays off the GUI thread: the bridge's worker does it."""
        if not self._worker.is_running():  # not started yet (or stopping): do it here, once
            try:
                result = work()
            except Exception as error:  # reported like the worker's errors
                done(None, error)
                return
            done(result, None)
            return
        import asyncio  # not before the first frame: ~50 ms of imports

        self._worker.run(asyncio.to_thread(work), done)

    def _show(self, found: tuple[Any, StoredEdit | None] | None, error: BaseException | None) -> None:
        if error is not None or found is None:
            self.message.emit(error_text(error or ValueError()))
            return
        from seedream_desktop.ui.edit.dialog import EditDialog

        original, stored = found
        dialog = EditDialog(
            original,
            library_root=self._library_root(),
            tray=tuple(self._tray()),
            base=self._base(),
            off_thread=self.off_thread,
            parent=self._parent,
        )
        if stored is not None:
            dialog.load(stored)
        dialog.sent.connect(self.send)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.show()
        self.opened.emit(dialog)

    def send(self, edit: PreparedEdit) -> None:
        if edit.pastes_back and edit.record.marked_copy_sha256:
            self._pending[edit.record.marked_copy_sha256] = edit
        self._submit(edit.request)
        self.message.emit(self.tr("Edit sent: {size}").format(size=edit.size.label))

    def _image_saved(self, job_id: str, saved: Any) -> None:
        request = getattr(saved.record, "request", None) or {}
        key = (request.get("edit") or {}).get("marked_copy_sha256")
        edit = self._pending.get(key) if isinstance(key, str) else None
        if edit is None:
            return
        index = self._index
        from seedream_desktop.jobs.edit_results import save_composite

        def paste() -> EditResult:
            # On the bridge's worker: the pipeline (and its index, None when it could not open) is its own.
            library = index()
            result = save_composite(edit, saved)
            if library is not None and result.composite is not None and result.record is not None:
                try:
                    library.add_file(result.composite, result.record)
                except (OSError, ValueError):
                    pass  # the index is a cache: the next scan finds the composite
            return result

        import asyncio

        self._worker.run(
            asyncio.to_thread(paste),
            lambda result, error: self._composited(job_id, saved.image_uuid, result, error),
        )

    def _composited(
        self, job_id: str, image_uuid: str, result: EditResult | None, error: BaseException | None
    ) -> None:
        if error is not None or result is None:
            self.message.emit(
                self.tr("Could not paste the edit back: {reason}").format(
                    reason=error_text(error or ValueError())
                )
            )
            return
        if result.composite is None:
            return
        framing = result.framing
        if framing is not None and not framing.trustworthy:
            from seedream_desktop.jobs.edit_results import DRIFTED, MOVED

            template = QCoreApplication.translate("Errors", MOVED if framing.moved else DRIFTED)
            dx, dy = framing.shift
            text = template.format(dx=dx, dy=dy, name=result.composite.name, output=result.output.name)
        else:
            text = self.tr("Edit pasted back: {name}").format(name=result.composite.name)
        self.message.emit(text)
        self.compositeSaved.emit(job_id, image_uuid, str(result.composite), result)
