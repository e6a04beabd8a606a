"""ComposeLink: what the library hands to the composer — settings, references and edits (with lineage).

A library image brought into the reference tray (dragged from the library or the result grid, or
"Use as reference") makes the next generation an edit of it: the composer records it as the request's
parent, unless the user already chose one. "Edit this" says so explicitly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from seedream_desktop.library.index import Library


class ComposeLink(QObject):
    def __init__(self, compose: Any, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.compose = compose
        self.library = library
        self._seen = self._sources()
        compose.tray.changed.connect(self._tray_changed)

    def detach(self) -> None:
        """This library is being closed (another folder was chosen): stop listening, then go."""
        self.compose.tray.changed.disconnect(self._tray_changed)
        self.deleteLater()

    def follow(self, view: Any) -> None:
        """The library page's buttons: each is an explicit request, never a side effect of looking."""
        view.reuseRequested.connect(self.compose.load_request)
        view.referenceRequested.connect(self.compose.add_references)
        view.editRequested.connect(self.compose.set_parent_image)

    def _sources(self) -> set[str]:
        return {r.source for r in self.compose.tray.references() if r.is_local_file}

    def _tray_changed(self) -> None:
        sources = self._sources()
        added = sources - self._seen
        self._seen = sources
        if not added or self.compose.request().parent:
            return
        # The first library image added is the one being edited; other files stay plain references.
        for source in sorted(added):
            if self.library.by_path(Path(source)) is not None:
                self.compose.set_parent_image(source)
                return
