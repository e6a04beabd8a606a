"""WindowState: geometry, splitter sizes and the last compose settings, in an ini file under the config folder."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.config import Paths


class WindowState:
    def __init__(self, paths: Paths) -> None:
        paths.config.mkdir(parents=True, exist_ok=True)
        self.file = paths.config / "window.ini"
        self._store = QSettings(str(self.file), QSettings.Format.IniFormat)

    def restore(self, window: QMainWindow, splitter: QSplitter) -> bool:
        """True when a saved geometry was applied (else the caller picks a first-run size)."""
        geometry = self._store.value("window/geometry")
        restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
        state = self._store.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        sizes = self._store.value("window/splitter")
        if isinstance(sizes, QByteArray):
            splitter.restoreState(sizes)
        return bool(restored)

    def save(self, window: QMainWindow, splitter: QSplitter) -> None:
        self._store.setValue("window/geometry", window.saveGeometry())
        self._store.setValue("window/state", window.saveState())
        self._store.setValue("window/splitter", splitter.saveState())
        self._store.sync()

    def restore_splitter(self, name: str, splitter: QSplitter) -> bool:
        """A workspace's own splitter sizes (Create and Library each remember theirs); False: none saved."""
        sizes = self._store.value(f"{name}/splitter")
        return isinstance(sizes, QByteArray) and splitter.restoreState(sizes)

    def save_splitter(self, name: str, splitter: QSplitter) -> None:
        self._store.setValue(f"{name}/splitter", splitter.saveState())
        self._store.sync()

    def last_page(self) -> str:
        """ "results" or "library": the page in front when the window was last closed."""
        page = self._store.value("window/page")
        return "library" if page == "library" else "results"

    def save_page(self, page: str) -> None:
        self._store.setValue("window/page", page)
        self._store.sync()

    def last_request(self) -> GenerationRequest | None:
        text = self._store.value("compose/last_request")
        if not isinstance(text, str) or not text:
            return None
        try:
            return GenerationRequest.from_dict(json.loads(text))
        except (ValueError, TypeError):
            return None  # an old or hand-edited value: start from the defaults

    def save_request(self, request: GenerationRequest) -> None:
        # References are files the user may delete; remembering them would resurrect stale entries.
        data = request.with_changes(references=(), parent=None).to_dict()
        self._store.setValue("compose/last_request", json.dumps(data, ensure_ascii=False))
        self._store.sync()

    def last_provider(self) -> str:
        """ "runware" or "ark": the provider of the last generation (a ModelArk-only studio keeps it)."""
        return "ark" if self._store.value("compose/provider") == "ark" else "runware"

    def save_provider(self, provider: str) -> None:
        self._store.setValue("compose/provider", provider)
        self._store.sync()
