"""Undo steps for the mask: one per stroke or selection, keeping only the tiles it changed."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from seedream_desktop.ui.edit.mask_item import MaskItem, Tiles

UNDO_STEPS = 100  # the issue asks for at least 50


class MaskChange(QUndoCommand):
    """A finished stroke or selection: pushed after it was painted, so the first redo does nothing."""

    def __init__(self, mask: MaskItem, before: Tiles, after: Tiles, text: str) -> None:
        super().__init__(text)
        self.mask, self.before, self.after = mask, before, after
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.mask.restore(self.after)

    def undo(self) -> None:
        self.mask.restore(self.before)
