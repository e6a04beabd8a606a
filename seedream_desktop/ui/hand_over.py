"""Where the open window of a profile listens for images, and the second launch's side of a hand-over.

``seedream-desktop FILE…`` while a window is open: the new process connects to that window's local
socket, writes the absolute paths as a JSON list, and exits. The socket lives in a folder only this
user can write to, so nobody else can take its place and receive the paths.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray

from seedream_desktop.regular_files import absolute

# Long enough for a busy machine to accept a local connection; short enough that a start with no
# window running is not held up noticeably (with no socket file, connecting fails at once).
CONNECT_TIMEOUT_MS = 300
WRITE_TIMEOUT_MS = 2000
MAX_MESSAGE_BYTES = 1 << 20  # a million bytes of paths is not a hand-over from us
UNIX_PATH_BYTES = 100  # sockaddr_un holds 104-108 bytes depending on the system
LOCK_NAME = "hand-over.lock"


def lock_file(data_folder: Path) -> Path:
    """Held while a window sets up its socket (see OpenRequests.listen)."""
    return data_folder / LOCK_NAME


def socket_address(data_folder: Path) -> str | None:
    """The address of this profile's window (one per data folder: SEEDREAM_HOME and tests never meet).

    On Unix a socket path in the first private folder of: the session's runtime folder, the data
    folder, a folder of our own in the temp folder. None when none is private (then every launch
    opens its own window). On Windows a pipe name.
    """
    import hashlib  # this module is imported before the first frame; its work comes after

    digest = hashlib.sha256(str(data_folder.resolve()).encode("utf-8")).hexdigest()[:16]
    name = f"seedream-{digest}.sock"
    if sys.platform == "win32":
        return f"seedream-{os.environ.get('USERNAME', '')}-{digest}"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    candidates = [Path(runtime)] if runtime else []
    candidates += [data_folder, _own_temp_folder()]
    for folder in candidates:
        path = str(folder / name)
        if len(path.encode("utf-8")) <= UNIX_PATH_BYTES and is_private(folder):
            return path
    return None


def _own_temp_folder() -> Path:
    import tempfile

    folder = Path(tempfile.gettempdir()) / f"seedream-desktop-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        pass  # is_private() then says no
    return folder


def is_private(folder: Path) -> bool:
    """Ours, and no one else can create or replace entries in it."""
    try:
        info = folder.stat()
    except OSError:
        return False
    others_write = stat.S_IWGRP | stat.S_IWOTH
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & others_write


def hand_over(address: str, paths: Sequence[str]) -> bool:
    """Give ``paths`` to the open window; False when none is listening (then open one ourselves)."""
    from PySide6.QtNetwork import QLocalSocket

    if sys.platform != "win32" and not _ours(address):
        return False
    socket = QLocalSocket()
    socket.connectToServer(address)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    # absolute(), not resolve(): a link loop named on the command line must reach the tray's refusal.
    message = json.dumps([str(absolute(p)) for p in paths]).encode("utf-8")
    socket.write(QByteArray(message))
    delivered = socket.waitForBytesWritten(WRITE_TIMEOUT_MS) or socket.bytesToWrite() == 0
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(WRITE_TIMEOUT_MS)
    return delivered


def _ours(address: str) -> bool:
    try:
        return Path(address).stat().st_uid == os.getuid()
    except OSError:
        return False


def paths_in(message: bytes) -> list[str]:
    """The absolute paths of a hand-over; nothing for anything else (a cut or foreign message must not
    reach the tray, and a URL is not a file the desktop opened)."""
    if len(message) > MAX_MESSAGE_BYTES:
        return []
    try:
        paths = json.loads(message.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return []
    if not isinstance(paths, list):
        return []
    return [p for p in paths if isinstance(p, str) and p and Path(p).is_absolute()]
