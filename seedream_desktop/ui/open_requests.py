"""Images the desktop asks us to open, wherever the request comes from.

- macOS sends a file-open event (Finder's "Open With", a drop on the Dock icon), possibly before the
  window exists: requests are held until a window is attached.
- ``seedream-desktop FILE…`` while a window is already open (a file manager's "Open With"): the new
  process hands its files over (ui/hand_over.py), so the images land in the tray the designer is
  working in, not in a second window with its own queue.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from seedream_desktop.ui.hand_over import CONNECT_TIMEOUT_MS, MAX_MESSAGE_BYTES, paths_in

if TYPE_CHECKING:  # QtNetwork is imported when first needed: after the first frame, or for a hand-over
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_TIMEOUT_MS = 2000


class OpenRequests(QObject):
    """Collects open requests (file-open events, handed-over paths) and emits them once attached."""

    imagesOpened = Signal(list)  # absolute paths (str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._attached = False
        self._held: list[str] = []
        self._server: QLocalServer | None = None

    def attach(self) -> None:
        """A window listens to ``imagesOpened`` now: what arrived before goes out first."""
        self._attached = True
        held, self._held = self._held, []
        if held:
            self.imagesOpened.emit(held)

    def _request(self, paths: list[str]) -> None:
        if not paths:
            return
        if self._attached:
            self.imagesOpened.emit(paths)
        else:
            self._held += paths

    # ---- macOS file-open events -------------------------------------------------------------------
    def take_event(self, event: QEvent) -> bool:
        """True when ``event`` was a file-open request (now held or passed on)."""
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                self._request([path])
                return True
        return False

    # ---- other processes handing over their files ----------------------------------------------------
    def listen(self, address: str, lock_file: Path) -> bool:
        """Accept hand-overs at ``address``. False when another window already does.

        Looking for a live window, clearing a dead one's socket and listening happen under a lock
        file: two windows starting together would otherwise each remove the other's socket.
        """
        from PySide6.QtCore import QLockFile
        from PySide6.QtNetwork import QLocalServer, QLocalSocket

        lock_file.parent.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(str(lock_file))
        if not lock.tryLock(LOCK_TIMEOUT_MS):
            return False
        try:
            probe = QLocalSocket()
            probe.connectToServer(address)
            if probe.waitForConnected(CONNECT_TIMEOUT_MS):
                probe.disconnectFromServer()
                return False  # that window takes the hand-overs; this one opens its own files only
            QLocalServer.removeServer(address)  # a socket left by a window that crashed
            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # this user only
            server.newConnection.connect(self._accept)
            if not server.listen(address):
                server.deleteLater()
                return False
            self._server = server
            return True
        finally:
            lock.unlock()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _accept(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            _Incoming(socket, self._request)


class _Incoming(QObject):
    """One hand-over being received: the socket's bytes until it disconnects, then its paths."""

    def __init__(self, socket: QLocalSocket, deliver: Callable[[list[str]], None]) -> None:
        from PySide6.QtNetwork import QLocalSocket

        super().__init__(socket)  # goes with its socket
        self._socket = socket
        self._deliver = deliver
        self._received = bytearray()
        self._oversize = False
        self._done = False
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(self._finished)
        if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
            self._finished()  # it wrote and left before we got here

    def _read(self) -> None:
        if self._oversize:
            return
        self._received.extend(self._socket.readAll().data())
        if len(self._received) > MAX_MESSAGE_BYTES:
            self._oversize = True  # not from us: dropped whole, never a part of it
            self._received.clear()
            self._socket.abort()

    def _finished(self) -> None:
        if self._done:
            return
        self._done = True
        if not self._oversize:
            self._received.extend(self._socket.readAll().data())
            self._deliver(paths_in(bytes(self._received)))
        self._socket.deleteLater()


class Application(QApplication):
    """The QApplication, with its open requests: macOS sends file-open events to the application object.

    An override of ``event`` sees only the events sent to the application itself; an event filter on
    it would be called from Python for every event of every widget.
    """

    open_requests: OpenRequests | None = None  # events arrive already inside QApplication's constructor

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.open_requests = OpenRequests(self)

    def event(self, event: QEvent) -> bool:
        if self.open_requests is not None and self.open_requests.take_event(event):
            return True
        return super().event(event)
