"""Images the desktop asks us to open, wherever the request comes from.

- macOS sends a file-open event (Finder's "Open With", a drop on the Dock icon), possibly before the
  window exists: requests are held until the window takes them.
- ``seedream-desktop FILE…`` while a window is already open (a file manager's "Open With"): the new
  process hands its files to the running one over a local socket and exits, so the images land in the
  tray the designer is working in, not in a second window with its own queue.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from seedream_desktop import APP_ID

if TYPE_CHECKING:  # QtNetwork is imported when first needed: after the first frame, or for a hand-over
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

# Long enough for a busy machine to accept a local connection; short enough that a start with no
# window running is not held up noticeably.
CONNECT_TIMEOUT_MS = 300
WRITE_TIMEOUT_MS = 2000
MAX_REQUEST_BYTES = 1 << 20  # a million bytes of paths is not a request from us


def server_name(data_folder: Path) -> str:
    """One name per data folder, so separate profiles (SEEDREAM_HOME, tests) never meet; short, as a
    Unix socket path must be."""
    digest = hashlib.sha256(str(data_folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"{APP_ID.rsplit('.', 1)[-1]}-{digest}"


def hand_over(name: str, paths: Sequence[str]) -> bool:
    """Give ``paths`` to a running window; False when none is listening (then open one ourselves)."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    message = json.dumps([str(Path(p).resolve()) for p in paths]).encode("utf-8")
    socket.write(QByteArray(message))
    delivered = socket.waitForBytesWritten(WRITE_TIMEOUT_MS) or socket.bytesToWrite() == 0
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(WRITE_TIMEOUT_MS)
    return delivered


class OpenRequests(QObject):
    """Collects open requests (file-open events, handed-over paths) and passes them to ``deliver``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._deliver: Callable[[list[str]], None] | None = None
        self._held: list[str] = []
        self._server: QLocalServer | None = None

    # ---- where requests go ------------------------------------------------------------------------
    def deliver_to(self, deliver: Callable[[list[str]], None]) -> None:
        self._deliver = deliver
        held, self._held = self._held, []
        if held:
            deliver(held)

    def _request(self, paths: list[str]) -> None:
        if not paths:
            return
        if self._deliver is None:
            self._held += paths
        else:
            self._deliver(paths)

    # ---- macOS file-open events ---------------------------------------------------------------------
    def take_event(self, event: QEvent) -> bool:
        """True when ``event`` was a file-open request (now held or delivered)."""
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                self._request([path])
                return True
        return False

    # ---- other processes handing over their files ------------------------------------------------------
    def listen(self, name: str) -> bool:
        """Accept hand-overs under ``name``. False when another window already does."""
        from PySide6.QtNetwork import QLocalServer, QLocalSocket

        # Ask first: listening with socket options replaces the socket file, even a live window's.
        probe = QLocalSocket()
        probe.connectToServer(name)
        if probe.waitForConnected(CONNECT_TIMEOUT_MS):
            probe.disconnectFromServer()
            return False  # that window takes the hand-overs; this one opens its own files only
        QLocalServer.removeServer(name)  # a socket file left by a window that crashed
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # this user only
        server.newConnection.connect(self._accept)
        if not server.listen(name):
            server.deleteLater()
            return False
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _accept(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            received = bytearray()

            def read(socket: QLocalSocket = socket, received: bytearray = received) -> None:
                received.extend(socket.readAll().data())
                if len(received) > MAX_REQUEST_BYTES:
                    socket.abort()

            def finished(socket: QLocalSocket = socket, received: bytearray = received) -> None:
                received.extend(socket.readAll().data())
                socket.deleteLater()
                self._request(_paths_in(bytes(received)))

            socket.readyRead.connect(read)
            socket.disconnected.connect(finished)
            if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                finished()  # it wrote and left before we got here


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


def _paths_in(message: bytes) -> list[str]:
    """The paths of a hand-over; nothing for anything that is not one (the socket is this user's only,
    but a half-written or foreign message must not reach the tray)."""
    try:
        paths = json.loads(message.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return []
    if not isinstance(paths, list):
        return []
    return [p for p in paths if isinstance(p, str) and p]
