"""One logging configuration for the window and the command line: a rotating log file in the data folder.

The person's messages go where they always did (the window's notices, the CLI's stderr); this file gets
the details behind them, for a bug report. Every record passes ``RedactKey`` on its way in, so the API key
never reaches the file, whoever logged it and however (in the message, its arguments or a traceback).
Qt-free: the window adds Qt's own messages (ui/qt_log.py) and unhandled exceptions (ui/unhandled.py).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from seedream_desktop.redaction import redact

if TYPE_CHECKING:
    from seedream_desktop.config import Paths

APP_LOGGER = "seedream_desktop"  # every module's logging.getLogger(__name__) is below it
ENV_LEVEL = "SEEDREAM_LOG_LEVEL"
DEFAULT_LEVEL = logging.INFO
MAX_BYTES = 1024 * 1024  # 1 MB per file, five kept: enough for a bug report, never a disk hog
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def log_file(paths: Paths) -> Path:
    return paths.data / "logs" / "seedream.log"


class RedactKey(logging.Filter):
    """Masks every remembered key (redaction.py) in a record's final text, traceback and stack."""

    def filter(self, record: logging.LogRecord) -> bool:
        # The message is formatted here, once, with its arguments: a key passed as an argument (or inside
        # an object whose str() holds it) is caught as surely as one in the message itself.
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what there is, the handler reports the rest
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def level_from_environment() -> int:
    """SEEDREAM_LOG_LEVEL as a name (debug, INFO …) or a number; anything else means the default."""
    value = os.environ.get(ENV_LEVEL, "").strip()
    if value.isdigit():
        return int(value)
    level = logging.getLevelName(value.upper()) if value else None
    return level if isinstance(level, int) else DEFAULT_LEVEL


class RotatingLog(logging.FileHandler):
    """logging.handlers.RotatingFileHandler's size rotation (name, name.1 … name.BACKUPS), without its module:
    that one imports socket, pickle and queue (~20 ms), and the window configures logging before its first
    frame. The file is opened by the first record, so a run that logs nothing never touches it."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:  # called under the handler's lock
        try:
            if self._would_overflow(record):
                self._rotate()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _would_overflow(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        size = self.stream.seek(0, os.SEEK_END)
        added = len((self.format(record) + self.terminator).encode("utf-8"))
        return size > 0 and size + added > self.max_bytes

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # reopened by the next emit
        for n in range(self.backups - 1, 0, -1):
            older = Path(f"{self.baseFilename}.{n}")
            if older.exists():
                older.replace(f"{self.baseFilename}.{n + 1}")
        Path(self.baseFilename).replace(f"{self.baseFilename}.1")


# The handler configure() made, and the app logger's level before it (restored by shutdown()).
_installed: tuple[RotatingLog, int] | None = None


def configure(paths: Paths) -> Path | None:
    """Send the app's records (and its libraries' warnings) to ``log_file(paths)``; returns its path,
    or None when the data folder cannot hold it (then nothing is logged, and nothing else breaks).

    Calling it again (the CLI in tests, a changed SEEDREAM_HOME) replaces the file handler it made before.
    """
    global _installed
    shutdown()
    path = log_file(paths)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    handler = RotatingLog(path, MAX_BYTES, BACKUPS)
    handler.addFilter(RedactKey())
    handler.setFormatter(logging.Formatter(FORMAT))
    # On the root logger, so other libraries' warnings (the root's default level) are kept too; our own
    # records at the level asked for.
    logging.getLogger().addHandler(handler)
    ours = logging.getLogger(APP_LOGGER)
    _installed = (handler, ours.level)
    ours.setLevel(level_from_environment())
    return path


def shutdown() -> None:
    """Remove and close the handler ``configure`` made (tests call it between cases)."""
    global _installed
    installed, _installed = _installed, None
    if installed is None:
        return
    handler, level_before = installed
    logging.getLogger().removeHandler(handler)
    logging.getLogger(APP_LOGGER).setLevel(level_before)
    handler.close()


def current_log_file() -> Path | None:
    """The file ``configure`` writes to, for the messages that point a person at it."""
    if _installed is None:
        return None
    return Path(_installed[0].baseFilename)
