"""KeychainWorker: every keychain call (read, store, remove the key) on one thread, answered on the GUI thread.

A locked keychain (GNOME Keyring after login, KWallet) may ask to be unlocked, and keyring's call waits
for the answer; a Secret Service that is slow to start takes seconds. On the GUI thread the window
would freeze meanwhile, so Settings, start-up and reconnecting all go through here.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:  # keyring is imported on the keychain thread, not before the first frame
    from seedream_desktop.secrets import KeyStore

Call = Callable[[Any], Any]  # given the KeyStore, returns the answer (or raises)
Done = Callable[[Any, BaseException | None], None]  # (answer, None) or (None, error), on the GUI thread


class _Courier(QObject):
    """Carries answers to the GUI thread. Never deleted, so a late answer has something to arrive on
    even after the window or dialog that asked is gone."""

    answered = Signal(object, object, object, object)  # owner, done, answer, error

    def __init__(self) -> None:
        super().__init__()
        # A method of this GUI-thread object, so the connection is queued: emitted on the keychain thread.
        self.answered.connect(self._deliver)

    @Slot(object, object, object, object)
    def _deliver(self, owner: QObject | None, done: Done, answer: Any, error: BaseException | None) -> None:
        if owner is not None and not shiboken6.isValid(owner):
            return  # the dialog that asked was closed meanwhile
        done(answer, error)


_courier: _Courier | None = None


class KeychainWorker:
    """Runs calls in the order asked (a store then a read sees the stored key), one at a time, on a
    thread that lives only while there are calls: nothing is left running between them or at exit."""

    def __init__(self, keys: Any) -> None:
        global _courier
        if _courier is None:
            _courier = _Courier()  # made on the GUI thread, the first time a worker is
        self._courier = _courier
        self.keys = keys
        self._calls: deque[tuple[QObject | None, Call, Done]] = deque()
        self._serving = False
        self._lock = threading.Lock()

    def run(self, call: Call, done: Done, owner: QObject | None = None) -> None:
        """``call(keys)`` on the keychain thread, then ``done`` on the GUI thread (not if ``owner`` is gone)."""
        with self._lock:
            self._calls.append((owner, call, done))
            if self._serving:
                return
            self._serving = True
        try:
            # A daemon: a keychain prompt left unanswered must not keep the app from quitting.
            threading.Thread(target=self._serve, name="keychain", daemon=True).start()
        except BaseException:
            with self._lock:
                self._serving = False  # the next call tries again instead of waiting forever
            raise

    def _serve(self) -> None:
        while True:
            with self._lock:
                if not self._calls:
                    self._serving = False
                    return
                owner, call, done = self._calls.popleft()
            try:
                answer, error = call(self.keys), None
            except BaseException as exc:  # told to the caller, which says it in the designer's words;
                answer, error = None, exc  # nothing may end this thread with calls still queued
            self._courier.answered.emit(owner, done, answer, error)


# ---- what Settings runs here (for the Runware and the ModelArk key alike): each may wait on an unlock prompt
def key_state(keys: KeyStore) -> tuple[bool, str]:
    """Whether a keychain can store the key, and where the key in use comes from."""
    return keys.status().available, keys.source()


def store_key(keys: KeyStore, key: str, session_only: bool) -> str:
    """'keychain' or 'session' where the key went, or 'no-keychain' when the person has to choose first."""
    if not keys.status().available:
        if not session_only:
            return "no-keychain"
        keys.set_for_session(key)
        return "session"
    keys.set(key)
    return "keychain"
