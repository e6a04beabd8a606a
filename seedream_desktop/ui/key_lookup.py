"""KeyLookup: reads the stored API key off the GUI thread at start-up.

A locked keychain (GNOME Keyring after login, KWallet) may ask to be unlocked, and keyring's call
waits for the answer: on the GUI thread the window would freeze meanwhile.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal


class KeyLookup(QObject):
    """``start()`` reads ``keys.get()`` on a thread; ``found(key or None)`` arrives on the GUI thread."""

    found = Signal(object)

    def __init__(self, keys: Any, parent: QObject | None = None, *, skip: bool = False) -> None:
        super().__init__(parent)
        self._keys = keys
        self._skip = skip  # --demo needs no key

    def start(self) -> None:
        if self._skip:
            self.found.emit(None)
            return
        threading.Thread(target=self._run, name="key-lookup", daemon=True).start()

    def _run(self) -> None:
        try:
            key = self._keys.get()
        except Exception:  # no usable keychain: the window offers the demo or a key, as without one
            key = None
        self.found.emit(key)  # queued across: this object lives in the GUI thread
