"""Reading files a person points at: only regular files, size checked before any read, reads bounded.

Anything can be dropped, pasted or named on a command line: a FIFO (an open blocks for ever), ``/dev/zero``
(a read never ends), a folder called ``x.png``, a dangling link, a link loop. Every path that reads a
file the person chose goes through ``check_regular`` / ``read_regular`` so each of these is refused at
once with a reason in the person's words, naming what the file really is.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from seedream_desktop.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Errors"
# Compared by callers that offer a different remedy (make the file readable) for this one reason.
PERMISSION_DENIED = QT_TRANSLATE_NOOP(CONTEXT, "cannot be read: permission denied")


class RefusedFile(Exception):
    """``path`` is not something the app will read; ``reason`` is an English phrase marked for translation."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"“{self.path.name}” {reason}")


def check_regular(path: Path, max_bytes: int | None = None) -> os.stat_result:
    """``stat`` ``path`` (following links) and refuse anything but a regular file no larger than ``max_bytes``."""
    try:
        info = Path(path).stat()
    except FileNotFoundError:
        if os.path.lexists(path):
            raise RefusedFile(
                path, QT_TRANSLATE_NOOP(CONTEXT, "is a link to a file that no longer exists")
            ) from None
        raise RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "does not exist")) from None
    except PermissionError:
        raise RefusedFile(path, PERMISSION_DENIED) from None
    except OSError as exc:
        raise _refusal_for(path, exc) from None
    except (ValueError, RuntimeError):  # a NUL in the name; pathlib's own loop detection
        raise RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "is not a usable file name")) from None
    _check_kind(path, info, max_bytes)
    return info


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The whole of ``path``, refused unless it is a regular file of at most ``max_bytes``.

    The file is opened without blocking and checked again on its descriptor, so a FIFO swapped in after
    the first check cannot hang the read, and a file that grows meanwhile is read no further than the cap.
    """
    check_regular(path, max_bytes)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except PermissionError:
        raise RefusedFile(path, PERMISSION_DENIED) from None
    except OSError as exc:
        raise _refusal_for(path, exc) from None
    try:
        _check_kind(path, os.fstat(fd), max_bytes)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "cannot be read")) from exc
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "grew past the size limit while it was read"))
    return data


def absolute(path: str | Path) -> Path:
    """``path`` made absolute, its links resolved where they can be.

    ``Path.resolve`` raises RuntimeError on a link loop (Python 3.11) and OSError on some broken names;
    a path the person named must still reach the code that refuses it by name, so those keep the
    plain absolute spelling."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError, ValueError):
        return Path(path).absolute()


def _check_kind(path: Path, info: os.stat_result, max_bytes: int | None) -> None:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "is a folder, not a file"))
    if stat.S_ISFIFO(mode):
        raise RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "is not a regular file (it is a pipe)"))
    if stat.S_ISSOCK(mode):
        raise RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "is not a regular file (it is a socket)"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "is not a regular file (it is a device)"))
    if not stat.S_ISREG(mode):
        raise RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "is not a regular file"))
    if max_bytes is not None and info.st_size > max_bytes:
        raise RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "is too large"))


def _refusal_for(path: Path, exc: OSError) -> RefusedFile:
    if exc.errno == errno.ELOOP:
        return RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "is a link that points back to itself"))
    if exc.errno == errno.ENAMETOOLONG:
        return RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "has a name that is too long"))
    if exc.errno == errno.ENOTDIR:
        return RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "does not exist"))
    return RefusedFile(path, QT_TRANSLATE_NOOP(CONTEXT, "cannot be read"))


def reason_for(exc: OSError) -> str:
    """Why a file could not be read, in the person's words (never ``[Errno 13] …``)."""
    if isinstance(exc, PermissionError):
        return PERMISSION_DENIED
    if isinstance(exc, FileNotFoundError):
        return QT_TRANSLATE_NOOP(CONTEXT, "does not exist")
    return _refusal_for(Path(exc.filename or ""), exc).reason
